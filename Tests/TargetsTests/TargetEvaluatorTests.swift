import Geography
import Quantities
import Testing

@testable import Targets

/// A small city: 鞍山市 › 铁东区 (district) with two streets, 台安县 (county) with one town,
/// 海城市 (county-level city) with one street.
func smallTree() throws -> RegionTree {
    func region(_ code: String, _ name: String, _ kind: RegionKind) throws -> Region {
        Region(code: try DivisionCode(parsing: code), name: name, kind: kind)
    }
    return try RegionTree(regions: [
        region("2103", "鞍山市", .city),
        region("210302", "铁东区", .district),
        region("210302002", "解放街道", .street),
        region("210302003", "山南街道", .street),
        region("210321", "台安县", .county),
        region("210321100", "台安镇", .town),
        region("210381", "海城市", .countyCity),
        region("210381001", "海州街道", .street),
    ])
}

func indicator(_ id: String) -> Indicator { IndicatorCatalogue.indicator(id)! }

@Suite struct TargetEvaluatorTests {
    let years = 2023...2026

    /// A table with the city's value of one indicator in each year (numerator / denominator).
    func cityTable(_ id: String, _ values: [(Double, Double)]) throws -> IndicatorTable {
        let tree = try smallTree()
        var table = IndicatorTable(years: years, regionCount: tree.count)
        for (offset, value) in values.enumerated() {
            table.set(
                indicator(id), year: 2023 + offset, region: 0, numerator: value.0,
                denominator: value.1)
        }
        return table
    }

    func target(
        _ id: String, _ threshold: Double?, deadline: Int? = 2025, from: Int? = nil,
        scope: Target.Scope = .region
    ) -> Target {
        Target(
            id: "t", document: "000", clause: "一", text: "", indicator: indicator(id),
            comparison: .atLeast,
            threshold: threshold, deadline: deadline, from: from, scope: scope)
    }

    // Document 004 sets 255,500 service beds for Liaoning (21). In a scenario of Anshan
    // (2103), part of Liaoning, that total cannot be judged: every year is "not applicable",
    // with Anshan's own value reported. The same document's 55% nursing share applies to a
    // part as to the whole, and a total of Anshan's own document is judged.
    @Test func aTotalOfALargerRegionIsNotJudgedOnAPart() throws {
        let table = try cityTable(
            "service-beds", [(20_000, 1), (21_000, 1), (22_000, 1), (22_000, 1)])
        var province = target("service-beds", 255_500)
        province.documentRegion = try DivisionCode(parsing: "21")
        let result = TargetEvaluator.evaluate(
            province, table: table, tree: try smallTree(), region: 0)
        #expect(
            result.summary.map(\.status) == [
                .notApplicable, .notApplicable, .notApplicable, .notApplicable,
            ])
        #expect(result.summary.map(\.value) == [20_000, 21_000, 22_000, 22_000])
        #expect(result.verdict == .notApplicable)
        #expect(result.summary.allSatisfy { $0.gap == nil && $0.actionGap == nil })

        var city = target("service-beds", 21_500)
        city.documentRegion = try DivisionCode(parsing: "2103")
        #expect(
            TargetEvaluator.evaluate(city, table: table, tree: try smallTree(), region: 0)
                .summary.map(\.status) == [.onTrack, .onTrack, .met, .met])

        var share = target("nursing-bed-share-institutional", 0.55)
        share.documentRegion = try DivisionCode(parsing: "21")
        let shares = try cityTable(
            "nursing-bed-share-institutional", [(400, 1000), (480, 1000), (560, 1000), (560, 1000)])
        #expect(
            TargetEvaluator.evaluate(share, table: shares, tree: try smallTree(), region: 0)
                .summary.map(\.status) == [.onTrack, .onTrack, .met, .met])
    }

    // An ongoing target (from 2023) whose value stops after 2024 (a plan's budget ends then):
    // met in 2023 and 2024, not computed later; the verdict is that of 2024, the last year
    // with a value, not "not computed".
    @Test func anOngoingTargetIsJudgedOnTheLastYearWithAValue() throws {
        let tree = try smallTree()
        var table = IndicatorTable(years: years, regionCount: tree.count)
        table.set(
            indicator("lottery-fund-share"), year: 2023, region: 0, numerator: 60, denominator: 100)
        table.set(
            indicator("lottery-fund-share"), year: 2024, region: 0, numerator: 56, denominator: 100)
        let result = TargetEvaluator.evaluate(
            target("lottery-fund-share", 0.55, deadline: nil, from: 2023), table: table, tree: tree,
            region: 0)
        #expect(result.summary.map(\.status) == [.met, .met, .notComputed, .notComputed])
        #expect(result.verdict == .met)
    }

    // An ongoing target (every year from 2023) met in 2023 (60%), missed in 2024 (50% < 55%),
    // not computed after: one missed year misses a target that holds every year, so the
    // verdict is missed, read from 2024's row, while 2025's status is not computed.
    @Test func anOngoingTargetMissedInAnyYearIsMissed() throws {
        let tree = try smallTree()
        var table = IndicatorTable(years: years, regionCount: tree.count)
        table.set(
            indicator("lottery-fund-share"), year: 2023, region: 0, numerator: 60, denominator: 100)
        table.set(
            indicator("lottery-fund-share"), year: 2024, region: 0, numerator: 50, denominator: 100)
        let result = TargetEvaluator.evaluate(
            target("lottery-fund-share", 0.55, deadline: nil, from: 2023), table: table, tree: tree,
            region: 0)
        #expect(result.summary.map(\.status) == [.met, .missed, .notComputed, .notComputed])
        #expect(result.verdict == .missed)
        #expect(result.judgedRow?.year == 2024)
        #expect(result.status(in: 2025) == .notComputed)
        #expect(result.status(in: 2030) == .notComputed)  // outside the run
    }

    // A target on named units (台安县 only) judged in a scenario of 海城市 (index 6): none of
    // its units lies in the planning region, so it is not applicable there, every year.
    @Test func aTargetWhoseUnitsAllLieOutsideThePlanningRegionIsNotApplicable() throws {
        let tree = try smallTree()
        let table = IndicatorTable(years: years, regionCount: tree.count)
        let named = target(
            "county-care-homes", 1,
            scope: .each(level: .county, kinds: [], units: [try DivisionCode(parsing: "210321")]))
        let result = TargetEvaluator.evaluate(named, table: table, tree: tree, region: 6)
        #expect(result.summary.map(\.status) == Array(repeating: .notApplicable, count: 4))
        #expect(result.verdict == .notApplicable)
        // In the city, which holds 台安县, it is judged (not computed here: no values).
        let city = TargetEvaluator.evaluate(named, table: table, tree: tree, region: 0)
        #expect(city.verdict == .notComputed)
    }

    // Nursing beds of institutional beds: 400/1,000, 480/1,000, 560/1,000 (and 2026 the same)
    // against 55% by 2025: not met in 2023–24 but met at the deadline, so on track; met in 2025.
    @Test func aPathThatReachesTheThresholdByTheDeadlineIsOnTrack() throws {
        let table = try cityTable(
            "nursing-bed-share-institutional", [(400, 1000), (480, 1000), (560, 1000), (560, 1000)])
        let result = TargetEvaluator.evaluate(
            target("nursing-bed-share-institutional", 0.55), table: table, tree: try smallTree(),
            region: 0)
        #expect(result.summary.map(\.status) == [.onTrack, .onTrack, .met, .met])
        #expect(result.verdict == .met)
        #expect(result.firstYearMet == 2025)
        // 2023: 0.55 × 1,000 − 400 = 150 beds to convert; the gap is 0.15 of the share.
        #expect(result.summary[0].actionGap == 150)
        #expect(abs(result.summary[0].gap! - 0.15) < 1e-12)
    }

    // 500, 520, 540, 560 of 1,000 against 55% by 2025: off track before, missed at 2025, and
    // met late in 2026 — the verdict stays missed and 2026 is the first year met.
    @Test func aDeadlineMissedStaysMissedWhenTheTargetIsMetLater() throws {
        let table = try cityTable(
            "nursing-bed-share-institutional", [(500, 1000), (520, 1000), (540, 1000), (560, 1000)])
        let result = TargetEvaluator.evaluate(
            target("nursing-bed-share-institutional", 0.55), table: table, tree: try smallTree(),
            region: 0)
        #expect(result.summary.map(\.status) == [.offTrack, .offTrack, .missed, .metLate])
        #expect(result.verdict == .missed)
        #expect(result.firstYearMet == 2026)
        #expect(result.summary[2].actionGap == 10)  // 550 − 540
    }

    // 1,100 of 2,000 is exactly 55%: met.
    @Test func aValueExactlyAtTheThresholdIsMet() throws {
        let table = try cityTable(
            "nursing-bed-share-all", [(1100, 2000), (1100, 2000), (1100, 2000), (1000, 2000)])
        let result = TargetEvaluator.evaluate(
            target("nursing-bed-share-all", 0.55), table: table, tree: try smallTree(), region: 0)
        #expect(result.summary.map(\.status) == [.met, .met, .met, .fellBack])
        #expect(result.summary[0].actionGap == 0)
    }

    // Converting 300 of 1,000 beds lifts the share from 20% to 50% (the example): the
    // gap to 50% before is 300 beds, after it is none.
    @Test func convertingThreeHundredOfAThousandBedsClosesAThirtyPointGap() throws {
        let table = try cityTable("nursing-bed-share-institutional", [(200, 1000), (500, 1000)])
        let result = TargetEvaluator.evaluate(
            target("nursing-bed-share-institutional", 0.50, deadline: 2024), table: table,
            tree: try smallTree(), region: 0)
        #expect(result.summary[0].actionGap == 300)
        #expect(result.summary[1].status == .met)
        #expect(result.summary[2].status == .notComputed)
    }

    @Test func anOngoingTargetIsJudgedEachYearFromItsFirstYear() throws {
        let table = try cityTable("lottery-fund-share", [(0.5, 1), (0.6, 1), (0.55, 1), (0.4, 1)])
        let result = TargetEvaluator.evaluate(
            target("lottery-fund-share", 0.55, deadline: nil, from: 2024), table: table,
            tree: try smallTree(), region: 0)
        #expect(result.summary.map(\.year) == [2024, 2025, 2026])
        #expect(result.summary.map(\.status) == [.met, .met, .missed])
        #expect(result.verdict == .missed)
    }

    @Test func aTargetWithoutAFigureIsReportedNotJudged() throws {
        let table = try cityTable("fifteen-minute-circle-share", [(700, 1000)])
        let result = TargetEvaluator.evaluate(
            target("fifteen-minute-circle-share", nil), table: table, tree: try smallTree(),
            region: 0)
        #expect(
            result.summary.map(\.status) == [
                .notQuantified, .notComputed, .notComputed, .notComputed,
            ])
        #expect(result.summary[0].value == 0.7)
    }

    // Care-type homes per county in 2025: 铁东区 0, 台安县 1, 海城市 0. "Each county (县和县级市)"
    // leaves out the district: 2 units, 海城市 fails, one home to open, half the units meet it.
    // Counting districts too: 铁东区 also fails, two homes to open.
    @Test func eachUnitTargetsListTheUnitsThatFail() throws {
        let tree = try smallTree()
        var table = IndicatorTable(years: years, regionCount: tree.count)
        for year in years {
            table.set(indicator("county-care-homes"), year: year, region: 1, value: 0)
            table.set(indicator("county-care-homes"), year: year, region: 4, value: 1)
            table.set(
                indicator("county-care-homes"), year: year, region: 6, value: year >= 2026 ? 1 : 0)
        }
        let countiesOnly = TargetEvaluator.evaluate(
            target(
                "county-care-homes", 1,
                scope: .each(level: .county, kinds: [.county, .countyCity], units: [])),
            table: table, tree: tree, region: 0)
        let row2025 = try #require(countiesOnly.summary(in: 2025))
        #expect(row2025.failingUnits == [6])
        #expect(row2025.actionGap == 1)
        #expect(row2025.value == 0.5)
        #expect(row2025.status == .missed)
        #expect(countiesOnly.firstYearMet == 2026)
        #expect(countiesOnly.units.count == 2 * 4)
        let allCounties = TargetEvaluator.evaluate(
            target("county-care-homes", 1, scope: .each(level: .county, kinds: [], units: [])),
            table: table, tree: tree, region: 0)
        #expect(allCounties.summary(in: 2025)?.failingUnits == [1, 6])
        #expect(allCounties.summary(in: 2025)?.actionGap == 2)
        let named = TargetEvaluator.evaluate(
            target(
                "county-care-homes", 1,
                scope: .each(
                    level: .county, kinds: [], units: [try DivisionCode(parsing: "210321")])),
            table: table, tree: tree, region: 0)
        #expect(named.verdict == .met)
        let group = TargetEvaluator.evaluate(
            target("county-care-homes", 1, scope: .group(level: .county, name: "blind-spot")),
            table: table, tree: tree, region: 0)
        #expect(group.verdict == .notComputed)
    }

    // Gap phrases group thousands: 2310 → "2,310".
    @Test func gapPhrasesReadInChineseAndEnglish() {
        let action = indicator("nursing-bed-share-institutional").action!
        #expect(
            action.phrase(2310, chinese: false)
                == "convert 2,310 more institutional beds to nursing beds")
        #expect(action.phrase(2310, chinese: true) == "再将 2,310 张机构床位改造为护理型床位")
        #expect(GapAction.grouped(1_234_567) == "1,234,567")
        #expect(GapAction.grouped(999) == "999")
    }

    // Not computed, and why. The table of the small city holds no back-fill rate at all (no
    // input computes it), a lottery share for 2023–2024 only, care-type homes for 铁东区 and
    // 台安县 but not 海城市, and 0 of 0 township public homes rated.
    @Test func everyRowNotComputedSaysWhyAndWhichInputWouldComputeIt() throws {
        let tree = try smallTree()
        var table = IndicatorTable(years: years, regionCount: tree.count)
        table.set(
            indicator("lottery-fund-share"), year: 2023, region: 0, numerator: 60, denominator: 100)
        table.set(
            indicator("lottery-fund-share"), year: 2024, region: 0, numerator: 50, denominator: 100)
        for year in years {
            table.set(indicator("county-care-homes"), year: year, region: 1, value: 1)
            table.set(indicator("county-care-homes"), year: year, region: 4, value: 1)
            table.set(
                indicator("township-public-homes-rated-1"), year: year, region: 0, numerator: 0,
                denominator: 0)
        }
        func evaluate(_ target: Target) -> TargetResult {
            TargetEvaluator.evaluate(target, table: table, tree: tree, region: 0)
        }

        // No input: every year, and the verdict, give the indicator's input.
        let backfill = evaluate(target("backfill-rate", 1, deadline: 2024))
        #expect(
            backfill.summary.map(\.reason)
                == Array(repeating: .noInput(indicator("backfill-rate")), count: 4))
        #expect(backfill.verdictReason == .noInput(indicator("backfill-rate")))
        #expect(backfill.verdictReason?.code == "not_modelled")
        #expect(backfill.verdictReason?.chinese.contains("小区") == true)

        // Values stop after 2024: missed in 2024, 2025 not computed because 2025 has no value
        // while 2023–2024 do; the verdict (missed) needs no reason.
        let lottery = evaluate(target("lottery-fund-share", 0.55, deadline: nil, from: 2023))
        #expect(lottery.verdict == .missed)
        #expect(lottery.verdictReason == nil)
        #expect(lottery.reason(in: 2024) == nil)
        #expect(
            lottery.reason(in: 2025)
                == .noValueInYear(
                    indicator("lottery-fund-share"), year: 2025, withValues: 2023...2024))
        #expect(
            lottery.reason(in: 2025)?.english.contains("in 2025 (values for 2023–2024 only)")
                == true)
        #expect(
            lottery.reason(in: 2025)?.chinese.contains("`investment.welfare_lottery_total`") == true
        )
        #expect(lottery.whyNotComputed(in: 2025) == lottery.reason(in: 2025))

        // Each county: 海城市 (index 6) has no value, so 1 of 3 units lacks one.
        let counties = evaluate(
            target("county-care-homes", 1, scope: .each(level: .county, kinds: [], units: [])))
        #expect(
            counties.reason(in: 2025)
                == .unitsWithoutValue(
                    missing: 1, total: 3, example: .noValueForUnit(indicator("county-care-homes"))))
        #expect(counties.units.filter { $0.region == 6 }.allSatisfy { $0.reason != nil })
        #expect(counties.units.filter { $0.region != 6 }.allSatisfy { $0.reason == nil })

        // 0 of 0 homes: no value for the city, whose input names the homes it needs.
        let rated = evaluate(target("township-public-homes-rated-1", 1))
        #expect(
            rated.reason(in: 2025) == .noValueForUnit(indicator("township-public-homes-rated-1")))

        // A group the scenario does not name, and a year before a target applies.
        let group = evaluate(
            target("county-care-homes", 1, scope: .group(level: .county, name: "blind-spot")))
        #expect(group.verdictReason == .unnamedGroup("blind-spot"))
        #expect(group.verdictReason?.english.contains("`unit_groups.blind-spot`") == true)
        #expect(lottery.reason(in: 2023) == nil)
        let later = evaluate(target("lottery-fund-share", 0.55, deadline: nil, from: 2025))
        #expect(later.reason(in: 2023) == .notYetApplicable(from: 2025))
    }
}
