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

    /// `facilities` runs on the older population that `run` projects, so that the same
    /// fact comes out of both: Weibin's (the smallest place) and Anshan's beds per 1,000 aged
    /// 60+ by year agree, row for row, between the two commands' indicator tables.
    @Test(
        "yanglao facilities runs every shipped scenario on run's population",
        arguments: ["anshan", "weibin"])
    func facilitiesAgreesWithRun(name: String) throws {
        let folder = try TemporaryFolder()
        let facilities = try yanglao([
            "facilities", "Scenarios/\(name)/variants/plan.yaml", "--out", folder.path + "/f",
            "--quiet",
        ])
        #expect(facilities.status == 0, "\(facilities.errors)")
        let run = try yanglao([
            "run", "Scenarios/\(name)/variants/plan.yaml", "--out", folder.path + "/r",
            "--run-id", "r", "--quiet", "--format", "csv",
        ])
        #expect(run.status == 0, "\(run.errors)")
        /// (year, region) → value of one indicator, read from an indicator table.
        func values(_ path: String, indicator: String) throws -> [String: Double] {
            var found: [String: Double] = [:]
            for line in try String(contentsOfFile: path, encoding: .utf8)
                .split(whereSeparator: \.isNewline)
            {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                guard cells.count > 5, cells[4] == indicator, let value = Double(cells[5])
                else { continue }
                found[cells[0] + "/" + cells[1]] = value
            }
            return found
        }
        // The facility table writes beds per 1,000 persons, the run's table per person.
        let fromFacilities = try values(
            folder.path + "/f/indicators.csv", indicator: "beds_per_1000_aged_60")
        let runFolder = try #require(
            FileManager.default.subpathsOfDirectory(atPath: folder.path + "/r").first {
                $0.hasSuffix("/r/indicators.csv")
            })
        let fromRun = try values(
            folder.path + "/r/" + runFolder, indicator: "beds-per-1000-aged-60")
        // The run's table goes down to townships, the facility table to villages.
        #expect(fromRun.count > 10)
        for (key, perPerson) in fromRun {
            let value = try #require(fromFacilities[key], "\(key)")
            #expect(abs(value - perPerson * 1000) <= 1e-3 * max(1, value), "\(key)")
        }
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
