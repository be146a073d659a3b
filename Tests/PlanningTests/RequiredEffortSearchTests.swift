import Foundation
import ScenarioFiles
import Testing

@testable import Planning

/// The required-effort search on `Examples/small-city`, whose figures its README works out.
@Suite struct RequiredEffortSearchTests {
    /// The repository's root, from this file's place in it.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let smallCity = repository + "/Examples/small-city"

    @Test func theSmallCityNeeds45ConversionsIn2021ForHalfItsBedsToBeNursingBedsIn2022() throws {
        // By hand (Examples/small-city/README.md): in 2022 the institutional beds are
        // 200 + 100 + 100 + 50 (H1–H4) + 100 (the new care-type home) = 550 and the nursing
        // beds 60 + 20 + 50 + 0 + 100 = 230 plus the c beds of H1 converted in 2021. The
        // target is a share of at least 50%: (230 + c) / 550 ≥ 0.5 ⇔ c ≥ 45, so the smallest
        // yearly count is 45 (the plan's 50 gives 280 / 550 = 50.9%), and the money saved is
        // 5 conversions × 10,000 yuan = 50,000 yuan (unit-costs.csv).
        let template = try ScenarioLoader().loadTemplate(Self.smallCity).get()
        let outcome = try RequiredEffortSearch(template: template).search(
            target: "ex.nursing-share",
            lever: "investment.actions.0.convert_to_nursing.per_year")
        #expect(outcome.scenarioValue == 50)
        #expect(outcome.value == 45)
        #expect(outcome.gapAtAnswer == 0)
        let saved = outcome.spendingInScenario - (outcome.spendingAtAnswer ?? 0)
        #expect(abs(saved - 50_000) < 1e-6)
    }

    @Test func theStreetCentresNeedAnEighthOfTheBudgetButTheOthersFiveEighths() throws {
        // By hand (unit-costs.csv; 20,000,000 yuan of welfare lottery in 2021 and 2022): the
        // plan's 2021 lines in order cost 50 conversions × 10,000 = 500,000, 兴海's centre
        // 2,000,000 and the 100-bed care-type home 100 × 100,000 = 10,000,000 yuan. The third
        // street centre of six (50%, by 2022) needs the first two: 2,500,000 / 20,000,000 =
        // 0.125 of the budget. There the home is deferred in 2021 and again in 2022 (whose
        // 2,500,000 cannot pay its 10,000,000 either), and the nursing share, the 500 service
        // beds and the county care home, all met in the plan, are missed. Keeping them needs
        // all three lines: 12,500,000 / 20,000,000 = 0.625 (2022's certified meal site,
        // 50,000 yuan, fits in 0.625 × 20,000,000).
        let template = try ScenarioLoader().loadTemplate(Self.smallCity).get()
        let search = RequiredEffortSearch(template: template)
        let plain = try search.search(target: "ex.street-centres", keepingOthers: false)
        #expect(abs((plain.value ?? 0) - 0.125) <= 1e-3)
        #expect(plain.keepsOthers == nil)
        #expect(plain.deferredInScenario.isEmpty)
        #expect(plain.deferredAtAnswer == [2021: 10_000_000, 2022: 10_000_000])
        #expect(
            plain.effects.map(\.id) == [
                "ex.nursing-share", "ex.service-beds", "ex.county-care-home",
            ])
        #expect(plain.effects.allSatisfy { $0.isWorse && $0.before == .met && $0.after == .missed })
        let kept = try search.search(target: "ex.street-centres")
        #expect(abs((kept.value ?? 0) - 0.625) <= 1e-3)
        #expect(kept.value! >= 0.625)
        #expect(kept.keepsOthers == true)
        #expect(kept.effects.isEmpty)
    }

    @Test func whenConversionsCrowdOutTheNewHomeNoValueKeepsTheOthers() throws {
        // The plan at 10 conversions a year with 12,100,000 yuan in 2021, exactly its three
        // lines (10 × 10,000 + 2,000,000 + 10,000,000): 240 of 550 beds nursing, 43.6%. One
        // more conversion and the 10,000,000-yuan home no longer fits, so the share must come
        // from H1 alone: (130 + c) / 450 ≥ 50% ⇔ c ≥ 95. Every such count defers the home,
        // so the service beds and the county care home are missed: no value keeps them
        // (checked up to 64 × 10 = 640).
        let template = try ScenarioLoader(
            overrides: [
                "investment.actions.0.convert_to_nursing.per_year=10",
                "investment.budget.welfare_lottery={2021: 12100000, 2022: 20000000}",
            ]
        ).loadTemplate(Self.smallCity).get()
        let outcome = try RequiredEffortSearch(template: template).search(
            target: "ex.nursing-share",
            lever: "investment.actions.0.convert_to_nursing.per_year")
        #expect(outcome.value == 95)
        #expect(outcome.keepsOthers == false)
        #expect(outcome.checkedUpTo == 640)
        #expect(abs((outcome.gapInScenario ?? 0) - (0.5 - 240.0 / 550)) < 1e-9)
        // Deferred in 2021, paid in 2022, open only in 2023 (a lead time of one year).
        #expect(outcome.deferredAtAnswer == [2021: 10_000_000])
        #expect(
            Set(outcome.effects.filter(\.isWorse).map(\.id)) == [
                "ex.service-beds", "ex.county-care-home",
            ])
    }

    @Test func aTargetTheLeverCannotMoveIsReportedUnreachable() throws {
        // Meal sites (2 by 2021) come from the certification line, not from conversions:
        // the plan certifies its site in 2022, so 2021 has 1 site whatever H1 converts.
        let template = try ScenarioLoader().loadTemplate(Self.smallCity).get()
        let outcome = try RequiredEffortSearch(template: template).search(
            target: "ex.meal-sites", lever: "investment.actions.0.convert_to_nursing.per_year")
        #expect(outcome.value == nil)
        #expect(outcome.largestTried == 50 * 64)
    }

    @Test func anUnknownTargetAndALeverThatIsNotANumberAreRefused() throws {
        let template = try ScenarioLoader().loadTemplate(Self.smallCity).get()
        let search = RequiredEffortSearch(template: template)
        #expect(throws: RequiredEffortSearch.SearchError.self) {
            _ = try search.search(target: "ex.no-such-target")
        }
        #expect(throws: RequiredEffortSearch.SearchError.self) {
            _ = try search.search(target: "ex.nursing-share", lever: "label")
        }
    }
}
