import Demography
import Geography
import Quantities
import Targets
import Testing

@testable import Entitlements

/// A city with two counties; the counties are the population's areas.
enum SmallList {
    static let tree = try! RegionTree(regions: [
        Region(code: try! DivisionCode(parsing: "2103"), name: "鞍山市", kind: .city),
        Region(code: try! DivisionCode(parsing: "210302"), name: "铁东区", kind: .district),
        Region(code: try! DivisionCode(parsing: "210321"), name: "台安县", kind: .county),
    ])
    static let city = 0
    static let countyA = 1
    static let countyB = 2

    /// Prevalence for age groups 0, 60 and 80, both sexes, every year:
    /// 60–79: 0.80, 0.10, 0.05, 0.03, 0.02; 80+: 0.50, 0.20, 0.15, 0.10, 0.05.
    static let prevalence = try! CapabilityPrevalence(
        ageGroups: try! AgeBands(lowerBounds: [0, 60, 80]), years: [2021],
        shares: Array(
            repeating: [1, 0, 0, 0, 0] + [0.80, 0.10, 0.05, 0.03, 0.02]
                + [0.50, 0.20, 0.15, 0.10, 0.05], count: 2
        ).flatMap { $0 })

    static func yearly(_ pairs: [(Int, Double)], rule: YearlyValues.Rule = .hold) -> YearlyValues {
        YearlyValues(years: pairs.map(\.0), values: pairs.map(\.1), rule: rule)
    }

    static func constant(_ value: Double) -> YearlyValues { .constant(value, from: 2021) }

    static let groups = [
        PopulationGroup(name: "poor", share: constant(0.1), fromAge: 60),
        PopulationGroup(name: "private", share: constant(1), byLevel: [0, 0, 0.2, 0.2, 0.2]),
    ]

    static let county: [Double] = [0, 0, 0, 1]

    static let items = [
        ServiceItem(
            id: "allowance", name: "高龄津贴", category: .material,
            eligibility: EligibilityRule(minimumAge: constant(80)),
            benefit: .cash(yearly([(2021, 50), (2023, 100)])), takeUp: constant(1),
            payingShares: county, department: "民政", clause: "000 二(三)5",
            indicator: .oldAgeAllowanceCoverage),
        ServiceItem(
            id: "care-subsidy", name: "护理补贴", category: .material,
            eligibility: EligibilityRule(
                minimumAge: constant(60),
                levels: [.moderatelyImpaired, .severelyImpaired, .completelyLost],
                anyOfGroups: ["poor"]),
            benefit: .cash(constant(100)), takeUp: constant(0.5),
            payingShares: [0, 0.4, 0, 0.6], department: "民政", clause: "000 二(三)5"),
        ServiceItem(
            id: "visits", name: "探访", category: .caring,
            eligibility: EligibilityRule(minimumAge: constant(60), anyOfGroups: ["poor"]),
            benefit: Benefit(
                kind: .visits, quantity: constant(1), periodsPerYear: 12, unitCost: constant(30)),
            takeUp: constant(1), payingShares: county, department: "民政", clause: "003 二(一)4",
            indicator: .visitsPerSpecialHardshipElder),
        ServiceItem(
            id: "adaptation", name: "适老化改造", category: .care,
            eligibility: EligibilityRule(minimumAge: constant(60), anyOfGroups: ["poor"]),
            benefit: Benefit(
                kind: .events, quantity: constant(1), periodsPerYear: 1,
                unitCost: constant(3000)),
            takeUp: constant(0.5), householdSize: 2, once: true, payingShares: county,
            department: "民政", clause: "000 二(五)14"),
        ServiceItem(
            id: "bed-subsidy", name: "床位运营补贴", category: .care,
            eligibility: EligibilityRule(
                minimumAge: constant(80),
                levels: [.moderatelyImpaired, .severelyImpaired, .completelyLost],
                anyOfGroups: ["poor"], allOfGroups: ["private"]),
            benefit: Benefit(
                kind: .place, quantity: constant(1), periodsPerYear: 12, unitCost: constant(125)),
            takeUp: constant(1), payingShares: [0, 0, 0.5, 0.5], department: "民政",
            clause: "001 五(一)", from: 2022),
    ]

    /// Area A (铁东区): women aged 85: 100 (120 in 2023), men aged 70: 200. Area B (台安县):
    /// women aged 90: 50, men aged 60: 400. Single years 0…99 and 100+.
    static func population(_ year: Int) -> YearPopulation {
        var persons = [Double](repeating: 0, count: 2 * 2 * 101)
        persons[0 * 101 + 85] = year == 2023 ? 120 : 100
        persons[1 * 101 + 70] = 200
        persons[(2 + 0) * 101 + 90] = 50
        persons[(2 + 1) * 101 + 60] = 400
        return YearPopulation(areaCount: 2, partCount: 1, ageCount: 101, persons: persons)
    }

    static func costing(items: [ServiceItem] = items, urbanShares: [Double]? = nil) throws
        -> EntitlementCosting
    {
        try EntitlementCosting(
            settings: EntitlementSettings(items: items, groups: groups), tree: tree,
            areaRegions: [countyA, countyB], partCount: 1, ageCount: 101,
            prevalence: prevalence, urbanShares: urbanShares)
    }
}

@Suite struct EntitlementCostingTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    /// The small list worked by hand over 2021–2023 (see `SmallList`):
    ///
    /// Allowance (80+, 50 yuan a month, 100 from 2023): eligible A 100 (120 in 2023), B 50
    /// → city 150, 150, 170; cost 150 × 12 × 50 = 90,000; 90,000; 170 × 12 × 100 = 204,000.
    ///
    /// Care subsidy (60+, moderate–complete, poor 10 %, take-up 50 %, 100 a month): 60–79
    /// moderate+ = 0.10, 80+ = 0.30. A = 100 × 0.30 × 0.1 + 200 × 0.10 × 0.1 = 5 (5.6 in
    /// 2023); B = 50 × 0.30 × 0.1 + 400 × 0.10 × 0.1 = 5.5 → city 10.5 (11.1); recipients
    /// 5.25 (5.55); cost × 1,200 = 6,300 (6,660); province 40 % = 2,520.
    ///
    /// Visits (60+, poor, monthly, 30 yuan): eligible A 30 (32), B 45 → 75 (77); visits 900
    /// (924); cost 27,000 (27,720).
    ///
    /// Adaptation (60+, poor, one-off, take-up 50 % of those not yet served, 2 persons a
    /// household, 3,000 yuan): A 15, 7.5, 0.5 × (32 − 22.5) = 4.75; B 22.5, 11.25, 5.625 →
    /// recipients 37.5, 18.75, 10.375; households ÷ 2; cost 56,250; 28,125; 15,562.5.
    ///
    /// Bed subsidy (80+, moderate+, poor and private 20 % at those levels, 125 yuan a month,
    /// from 2022): weight 0.30 × 0.1 × 0.2 = 0.006; A 0.6 (0.72), B 0.3 → 0.9 (1.02); cost
    /// 0 in 2021, 0.9 × 12 × 125 = 1,350, 1.02 × 1,500 = 1,530.
    @Test func aSmallListWorkedByHandOverThreeYearsCosts179550And152775And255472Point5()
        throws
    {
        let result = try SmallList.costing().run(
            years: 2021...2023, population: SmallList.population)
        let city = SmallList.city
        let expected: [String: [(eligible: Double, recipients: Double, cost: Double)]] = [
            "allowance": [(150, 150, 90_000), (150, 150, 90_000), (170, 170, 204_000)],
            "care-subsidy": [(10.5, 5.25, 6_300), (10.5, 5.25, 6_300), (11.1, 5.55, 6_660)],
            "visits": [(75, 75, 27_000), (75, 75, 27_000), (77, 77, 27_720)],
            "adaptation": [(75, 37.5, 56_250), (75, 18.75, 28_125), (77, 10.375, 15_562.5)],
            "bed-subsidy": [(0, 0, 0), (0.9, 0.9, 1_350), (1.02, 1.02, 1_530)],
        ]
        for (id, rows) in expected {
            let item = try #require(result.itemIndex(id))
            for (offset, row) in rows.enumerated() {
                let year = 2021 + offset
                #expect(
                    close(result.eligible(item: item, year: year, region: city), row.eligible),
                    "\(id) \(year)")
                #expect(
                    close(result.recipients(item: item, year: year, region: city), row.recipients),
                    "\(id) \(year)")
                #expect(
                    close(result.cost(item: item, year: year, region: city), row.cost),
                    "\(id) \(year)")
            }
        }
        #expect(close(result.totalCost(year: 2021, region: city), 179_550))
        #expect(close(result.totalCost(year: 2022, region: city), 152_775))
        #expect(close(result.totalCost(year: 2023, region: city), 255_472.5))
        // By paying level in 2021: the province pays 40 % of the care subsidy; the counties
        // the rest of it and all of the allowance, visits and adaptation.
        #expect(close(result.totalCost(year: 2021, region: city, level: .province), 2_520))
        #expect(close(result.totalCost(year: 2021, region: city, level: .county), 177_030))
        // Units: allowance payments 150 × 12; adaptation households 37.5 ÷ 2.
        #expect(close(result.units(item: 0, year: 2021, region: city), 1_800))
        #expect(close(result.units(item: 3, year: 2021, region: city), 18.75))
        // Per county: A's allowance in 2023 is 120 persons; the city is the sum of its parts.
        #expect(close(result.eligible(item: 0, year: 2023, region: SmallList.countyA), 120))
        for item in 0..<5 {
            for year in 2021...2023 {
                let parts =
                    result.recipients(item: item, year: year, region: SmallList.countyA)
                    + result.recipients(item: item, year: year, region: SmallList.countyB)
                #expect(close(result.recipients(item: item, year: year, region: city), parts))
            }
        }
    }

    /// Indicators: allowance recipients 80+ ÷ residents 80+ = 150/150; visits a month
    /// 75 × 1 ÷ 75 elders = 1.
    @Test func theIndicatorsAreAllowanceCoverage1AndOneVisitAMonth() throws {
        let result = try SmallList.costing().run(
            years: 2021...2023, population: SmallList.population)
        let series = result.indicatorSeries()
        #expect(
            series.map(\.id) == ["old-age-allowance-coverage", "visits-per-special-hardship-elder"])
        let coverage = series[0]
        #expect(coverage.numerators[0] == 150 && coverage.denominators[0] == 150)
        #expect(close(series[1].numerators[3 * 2 + 0], 77) && close(series[1].denominators[6], 77))
        var table = IndicatorTable(years: 2021...2023, regionCount: 3)
        result.fill(&table)
        let indicator = try #require(IndicatorCatalogue.indicator("old-age-allowance-coverage"))
        #expect(table.value(indicator, year: 2023, region: SmallList.city)?.value == 1)
        #expect(table.value(indicator, year: 2023, region: SmallList.countyA)?.denominator == 120)
    }

    /// An allowance from age 75 feeds the indicator only with its recipients aged 80+: with
    /// the ages 80+ at 150 and a man of 70 not eligible, adding 10 women aged 77 in area A
    /// makes 160 recipients but still 150 aged 80+ (coverage 1), not 160/150.
    @Test func anAllowanceFrom75CountsOnlyItsRecipientsAged80AndOverInTheCoverage() throws {
        var item = SmallList.items[0]
        item.eligibility.minimumAge = SmallList.constant(75)
        let costing = try SmallList.costing(items: [item])
        let result = try costing.run(years: 2021...2021) { year in
            var population = SmallList.population(year)
            population.persons[77] = 10
            return population
        }
        #expect(result.recipients(item: 0, year: 2021, region: SmallList.city) == 160)
        let coverage = result.indicatorSeries()[0]
        #expect(close(coverage.numerators[0], 150) && coverage.denominators[0] == 150)
    }

    /// A rule for rural women: with one-part populations the area's urban share splits
    /// them. A is wholly urban (share 1), B a quarter urban: eligible = B's 50 women × 0.75
    /// = 37.5; A's 100 women count for nothing.
    @Test func aRuleForRuralWomenUsesTheUrbanShareOfEachArea() throws {
        let item = ServiceItem(
            id: "rural-women", name: "农村妇女", category: .material,
            eligibility: EligibilityRule(
                minimumAge: SmallList.constant(60), sex: .female, residence: .rural),
            benefit: .cash(SmallList.constant(10)), takeUp: SmallList.constant(1),
            payingShares: SmallList.county, department: "民政", clause: "test")
        #expect(throws: CostingError.residenceWithoutShares(item: "rural-women", area: "210302")) {
            try SmallList.costing(items: [item])
        }
        let result = try SmallList.costing(items: [item], urbanShares: [1, 0.25])
            .run(years: 2021...2021, population: SmallList.population)
        #expect(close(result.eligible(item: 0, year: 2021, region: SmallList.city), 37.5))
        #expect(result.eligible(item: 0, year: 2021, region: SmallList.countyA) == 0)
    }

    @Test func aRuleNamingAnUndefinedGroupOrLevelsWithoutPrevalenceIsRefused() throws {
        var item = SmallList.items[2]
        item.eligibility.anyOfGroups = ["widowed"]
        #expect(throws: CostingError.unknownGroup(item: "visits", group: "widowed")) {
            try SmallList.costing(items: [item])
        }
        #expect(throws: CostingError.levelsWithoutPrevalence(item: "care-subsidy")) {
            try EntitlementCosting(
                settings: EntitlementSettings(items: SmallList.items, groups: SmallList.groups),
                tree: SmallList.tree, areaRegions: [1, 2], partCount: 1, ageCount: 101,
                prevalence: nil)
        }
    }

    /// The same results whatever the number of threads, to the last bit.
    @Test func resultsDoNotDependOnTheNumberOfThreads() throws {
        let costing = try SmallList.costing()
        let one = try costing.run(years: 2021...2023, threads: 1, population: SmallList.population)
        let many = try costing.run(years: 2021...2023, threads: 7, population: SmallList.population)
        #expect(one.eligible == many.eligible && one.recipients == many.recipients)
    }

    /// Budget lines: 2021 costs 179,550 against 150,000 (−29,550); the county's 177,030
    /// against nothing budgeted.
    @Test func theBudgetLineOf2021Is29550Short() throws {
        let result = try SmallList.costing().run(
            years: 2021...2023, population: SmallList.population)
        let budget = EntitlementBudget(
            total: SmallList.yearly([(2021, 150_000)], rule: .keyedYearsOnly))
        let lines = result.budgetLines(region: SmallList.city, budget: budget)
        let total2021 = try #require(lines.first { $0.year == 2021 && $0.level == nil })
        #expect(close(total2021.balance!, -29_550))
        #expect(lines.first { $0.year == 2022 && $0.level == nil }?.budget == nil)
        #expect(lines.first { $0.year == 2021 && $0.level == .county }?.budget == nil)
    }
}
