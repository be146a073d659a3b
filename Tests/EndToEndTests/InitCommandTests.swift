import Foundation
import Testing

/// `yanglao init`: a scenario folder for a county of Liaoning, of Shanxi and of Anshan,
/// checked against the shipped tables read here by a plain split (no quoted fields in them).
@Suite struct InitCommandTests {
    /// The rows of a CSV file as maps from column to cell.
    static func rows(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "\u{FEFF}", with: "")
        var lines = text.split(whereSeparator: \.isNewline).map {
            $0.split(
                separator: ",", omittingEmptySubsequences: false
            ).map(String.init)
        }
        let header = lines.removeFirst()
        return lines.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test func aCountyOfLiaoningKeepsItsCensusRowsAndRuns() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/kangping"
        let made = try yanglao(["init", "--region", "210123", "--out", out, "--lang", "en"])
        #expect(made.status == 0, "\(made.errors)")
        #expect(
            made.output.hasPrefix("New scenario kangping: 康平县 (210123) from Scenarios/liaoning,"))
        // The shipped census table's rows of 康平县, summed here: the new table has those
        // rows and no other.
        let shipped = try Self.rows(repository + "/Scenarios/liaoning/population-2020-census.csv")
            .filter { $0["area"] == "210123" }
        let census = shipped.reduce(0) { $0 + Int($1["count"]!)! }
        let population = try Self.rows(out + "/population-2020-census.csv")
        #expect(Set(population.map { $0["area"] }) == ["210123"])
        #expect(population.reduce(0) { $0 + Int($1["count"]!)! } == census)
        #expect(population.count == shipped.count)
        // regions.csv: the county and the units under it, and the province and city above.
        let units = try Self.rows(repository + "/Scenarios/liaoning/regions.csv")
            .filter { $0["code"]!.hasPrefix("210123") }.count
        let regions = try Self.rows(out + "/regions.csv").map { $0["code"]! }
        #expect(regions.count == units + 2)
        #expect(regions.prefix(2) == ["21", "2101"])
        // Every synthetic facility stands in a community of the county.
        let facilities = try Self.rows(out + "/facilities-2020-synthetic.csv")
        #expect(!facilities.isEmpty)
        #expect(facilities.allSatisfy { $0["community"]!.hasPrefix("210123") })
        // The province's two catalogues apply; Anshan's does not.
        let yaml = try String(contentsOfFile: out + "/scenario.yaml", encoding: .utf8)
        #expect(yaml.contains("targets/004-liaoning-2022.yaml"))
        #expect(yaml.contains("targets/000-liaoning-2023.yaml"))
        #expect(!yaml.contains("001-anshan"))
        let readme = try String(contentsOfFile: out + "/README.md", encoding: .utf8)
        #expect(
            readme.contains("| `facilities-2020-synthetic.csv` | `facilities.inventory` | **合成数据**")
        )
        #expect(readme.contains("- `investment.actions`"))

        let run = try yanglao([
            "run", out, "--out", folder.path + "/runs", "--run-id", "r", "--quiet", "--format",
            "csv",
        ])
        #expect(run.status == 0, "\(run.errors)")
        let targets = try Self.rows(folder.path + "/runs/kangping/r/targets.csv")
        #expect(!targets.isEmpty)
        #expect(targets.allSatisfy { $0["target"]!.hasPrefix("ln.") })
    }

    @Test func aCountyOfShanxiValidatesInChinese() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/qingxu"
        let made = try yanglao(["init", "--region", "140121", "--out", out])
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.output.hasPrefix("已新建情景 qingxu：清徐县（140121），取自 Scenarios/shanxi，"))
        let yaml = try String(contentsOfFile: out + "/scenario.yaml", encoding: .utf8)
        #expect(yaml.contains("targets/002-shanxi-2023.yaml"))
        #expect(yaml.contains("region: \"140121\""))
        let validated = try yanglao(["validate", out])
        #expect(validated.status == 0, "\(validated.errors)")
    }

    @Test func aCountyOfAnshanIsTakenFromAnshanNotFromTheProvince() throws {
        let folder = try TemporaryFolder()
        let made = try yanglao([
            "init", "--region", "210381", "--out", folder.path + "/Haicheng", "--lang", "en",
        ])
        #expect(made.status == 0, "\(made.errors)")
        // "Haicheng" is not kebab-case: the id is made from the code.
        #expect(
            made.output.hasPrefix("New scenario region-210381: 海城市 (210381) from Scenarios/anshan,")
        )
        let yaml = try String(
            contentsOfFile: folder.path + "/Haicheng/scenario.yaml", encoding: .utf8)
        #expect(yaml.contains("targets/001-anshan-2021.yaml"))
    }

    @Test(arguments: [
        (["--region", "999999"], "the division code 999999 is in none of the shipped scenarios"),
        (["--region", "21x"], "--region '21x' is not a statistical division code"),
        (
            ["--region", "210123", "--from", "Examples/demography"],
            "Examples/demography holds no scenario (a folder with scenario.yaml)"
        ),
    ])
    func aPlaceOutsideTheShippedScenariosIsRefused(_ extra: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let result = try yanglao(["init", "--out", folder.path + "/x", "--lang", "en"] + extra)
        #expect(result.status == 64)
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/x"))
    }

    @Test func anExistingFolderIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        try folder.write("keep.txt", Array("mine".utf8))
        let result = try yanglao(["init", "--region", "210123", "--out", folder.path])
        #expect(result.status == 64)
        #expect(result.errors.contains("已存在"))
        #expect(try String(contentsOfFile: folder.path + "/keep.txt", encoding: .utf8) == "mine")
    }

    @Test func theReadmeExamplePrintsWhatTheReadmeShows() throws {
        let readme = try String(contentsOfFile: repository + "/README.md", encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let command = "$ yanglao init --region 210123 --out Output/kangping --lang en"
        let start = try #require(lines.firstIndex(of: command))
        let shown = lines[(start + 1)...].prefix { !$0.hasPrefix("$") && !$0.hasPrefix("```") }
        let folder = try TemporaryFolder()
        let out = folder.path + "/kangping"
        let result = try yanglao(["init", "--region", "210123", "--out", out, "--lang", "en"])
        #expect(result.status == 0, "\(result.errors)")
        let printed = result.output.replacingOccurrences(of: out, with: "Output/kangping")
            .split(separator: "\n").map(String.init)
        #expect(printed == Array(shown))
    }
}
