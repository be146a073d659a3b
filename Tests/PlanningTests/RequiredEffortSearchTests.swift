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
