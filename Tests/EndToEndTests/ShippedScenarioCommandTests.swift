import Foundation
import Testing

/// `yanglao validate` on every shipped scenario and variant: each is valid as shipped.
@Suite struct ShippedScenarioCommandTests {
    static let paths: [String] = ["anshan", "liaoning", "shanxi", "weibin"].flatMap { name in
        ["Scenarios/\(name)"]
            + ["baseline", "plan", "accelerated", "budget-cut"].map {
                "Scenarios/\(name)/variants/\($0).yaml"
            }
    }

    @Test("yanglao validate accepts every shipped scenario and variant", arguments: paths)
    func validateAccepts(path: String) throws {
        let result = try yanglao(["validate", path, "--lang", "en"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("The scenario is valid."))
        #expect(result.errors.isEmpty, "\(result.errors)")
    }

    // The summary line of Liaoning: the NBS units of 2023 (14 cities, 100 county-level units,
    // 1,406 townships) and of 2020 (16,376 villages), and the census's 42,591,407 residents.
    @Test func liaoningsSummaryCountsItsUnitsAndResidents() throws {
        let result = try yanglao(["validate", "Scenarios/liaoning", "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.output.contains("14 city-level units; 100 county-level units"))
        #expect(result.output.contains("1406 township-level units"))
        #expect(result.output.contains("16376 village-level units"))
        #expect(result.output.contains("42,591,407"))
    }

    @Test func theReadmesVariantExamplePrintsWhatItShows() throws {
        let readme = try String(contentsOfFile: repository + "/README.md", encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let command = "yanglao validate Scenarios/liaoning/variants/budget-cut.yaml --lang en"
        let start = try #require(lines.firstIndex(of: "$ " + command))
        let shown = lines[(start + 1)...].prefix { !$0.hasPrefix("$") && !$0.hasPrefix("```") }
        let result = try yanglao(command.split(separator: " ").dropFirst().map(String.init))
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").map(String.init) == Array(shown))
    }
}
