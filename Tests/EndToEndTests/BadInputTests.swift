import Diagnostics
import Foundation
import ScenarioFiles
import Testing

/// A malformed copy of the shipped Anshan scenario, and the error it must produce.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// What is wrong, for the test's name.
    var name: String
    /// The files of the scenario folder `anshan/` (and any others), as they are on disk.
    var files: [String: [UInt8]]
    /// `--set` arguments.
    var overrides: [String] = []
    /// The folder to load, relative to the temporary folder.
    var scenario = "anshan"
    /// Where the error must be: a file relative to the temporary folder (or a `--set`
    /// argument), its line, and the case of ``Problem``.
    var file: String
    var line: Int
    var kind: String

    var testDescription: String { name }
}

/// The shipped scenario's files and helpers that change them.
enum Anshan {
    static let yaml = read("anshan/scenario.yaml")
    static let regions = read("anshan/regions.csv")
    static let anshanTargets = read("targets/001-anshan-2021.yaml")
    static let catalogues = [
        "001-anshan-2021.yaml", "004-liaoning-2022.yaml", "000-liaoning-2023.yaml",
    ]

    static func read(_ name: String) -> String {
        (try? String(contentsOfFile: repository + "/Scenarios/" + name, encoding: .utf8)) ?? ""
    }

    /// The 1-based line of the first line containing `needle`, counted by hand from the text.
    static func line(of needle: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    /// The tables the scenario names besides its regions, copied as they are.
    static let demographyTables = [
        "population-2020-census.csv", "death-rates-wpp2024.csv", "fertility-pattern-wpp2024.csv",
        "capability-levels.csv", "facilities-2020-synthetic.csv", "unit-costs.csv",
        "cohort-sizes-births.csv", "net-migration-census-residual.csv",
        "urban-rural-2020-census.csv",
    ]

    static func files(
        yaml: String = yaml, regions: String = regions, anshanTargets: String = anshanTargets
    )
        -> [String: [UInt8]]
    {
        var files = [
            "anshan/scenario.yaml": Array(yaml.utf8), "anshan/regions.csv": Array(regions.utf8),
        ]
        for name in demographyTables + ["boundaries-counties.geojson"] {
            files["anshan/" + name] = Array(read("anshan/" + name).utf8)
        }
        for catalogue in catalogues {
            files["targets/" + catalogue] = Array(read("targets/" + catalogue).utf8)
        }
        files["targets/001-anshan-2021.yaml"] = Array(anshanTargets.utf8)
        for list in ["000-liaoning-2023.yaml", "001-anshan-2021.yaml"] {
            files["service-lists/" + list] = Array(read("service-lists/" + list).utf8)
        }
        return files
    }

    /// A case whose error is in the Anshan target catalogue, on the line where the change was
    /// made (or on the line of `at`, when given).
    static func catalogueCase(
        _ name: String, _ old: String, _ new: String, at: String? = nil, kind: String
    ) -> BadInput {
        let changed = replacing(old, with: new, in: anshanTargets)
        return BadInput(
            name: name, files: files(anshanTargets: changed), file: "targets/001-anshan-2021.yaml",
            line: line(of: at ?? new, in: changed), kind: kind)
    }

    /// A case whose error is the first census cell (210302, girls under 1: 983) set to `count`.
    static func censusCase(_ name: String, _ count: String) -> BadInput {
        let census = replacing(
            "210302,female,0,983", with: "210302,female,0," + count,
            in: read("anshan/population-2020-census.csv"))
        return BadInput(
            name: name,
            files: files().merging(["anshan/population-2020-census.csv": Array(census.utf8)]) {
                $1
            },
            file: "anshan/population-2020-census.csv", line: 2, kind: "outOfRange")
    }

    /// The text with the first occurrence of `old` replaced.
    static func replacing(_ old: String, with new: String, in text: String) -> String {
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }

    /// A case whose error is in scenario.yaml, on the line where the change was made.
    static func yamlCase(_ name: String, _ old: String, _ new: String, kind: String) -> BadInput {
        let changed = replacing(old, with: new, in: yaml)
        return BadInput(
            name: name, files: files(yaml: changed), file: "anshan/scenario.yaml",
            line: line(of: new.split(separator: "\n").last.map(String.init) ?? new, in: changed),
            kind: kind)
    }

    /// A case whose error is in regions.csv, on the line where the change was made.
    static func csvCase(_ name: String, _ old: String, _ new: String, kind: String) -> BadInput {
        let changed = replacing(old, with: new, in: regions)
        return BadInput(
            name: name, files: files(regions: changed), file: "anshan/regions.csv",
            line: line(of: new, in: changed), kind: kind)
    }

    /// The regions table in GB18030, with the first byte of one row's name replaced by 0xFF
    /// (a byte no GB18030 character starts with).
    static func brokenGB18030() -> BadInput {
        let row = "210302002,"
        var lines: [[UInt8]] = []
        var brokenLine = 0
        for (index, line) in regions.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            var encoded = [UInt8](
                String(line).data(using: String.Encoding(rawValue: 0x8000_0632)) ?? Data())
            if line.hasPrefix(row) {
                encoded[row.utf8.count] = 0xFF
                brokenLine = index + 1
            }
            lines.append(encoded)
        }
        let bytes = Array(lines.joined(separator: [0x0A]))
        var files = files()
        files["anshan/regions.csv"] = bytes
        return BadInput(
            name: "a GB18030 regions table with a broken byte", files: files,
            file: "anshan/regions.csv", line: brokenLine, kind: "invalidEncoding")
    }

    static let cases: [BadInput] = [
        yamlCase("bad YAML: an unclosed list", "label: ", "label: [unclosed ", kind: "yamlSyntax"),
        yamlCase(
            "a tab in the indentation", "  file: regions.csv", "\tfile: regions.csv",
            kind: "yamlSyntax"),
        yamlCase("an unknown key", "description:", "descripton:", kind: "unknownKey"),
        BadInput(
            name: "a duplicate key", files: files(yaml: yaml + "seed: 1\n"),
            file: "anshan/scenario.yaml",
            line: yaml.split(separator: "\n", omittingEmptySubsequences: false).count,
            kind: "duplicateKey"),
        yamlCase(
            "a word where a year belongs", "base_year: 2020", "base_year: twenty", kind: "wrongType"
        ),
        yamlCase(
            "a horizon before the base year", "horizon: 2035", "horizon: 1990", kind: "outOfRange"),
        yamlCase(
            "a report year outside the run", "report_year: 2025", "report_year: 2040",
            kind: "outOfRange"),
        yamlCase("a negative seed", "seed: 20210222", "seed: -5", kind: "outOfRange"),
        BadInput(
            name: "a missing required key",
            files: files(yaml: replacing("label: 鞍山市养老服务发展规划情景（2020–2035）\n", with: "", in: yaml)),
            file: "anshan/scenario.yaml", line: line(of: "id: anshan", in: yaml), kind: "missingKey"
        ),
        yamlCase(
            "an id that is not kebab-case", "id: anshan", "id: Anshan_Plan", kind: "invalidValue"),
        yamlCase("an unknown datum", "datum: GCJ-02", "datum: CGCS2000", kind: "notOneOf"),
        yamlCase(
            "a regions file that does not exist", "file: regions.csv", "file: region.csv",
            kind: "fileNotFound"),
        yamlCase(
            "a planning region not in the table", "region: \"2103\"", "region: \"2109\"",
            kind: "unknownRegion"),
        BadInput(
            name: "an empty scenario file", files: files(yaml: "# nothing here\n"),
            file: "anshan/scenario.yaml",
            line: 1, kind: "invalidValue"),
        BadInput(
            name: "a second YAML document",
            files: files(yaml: replacing("regions:", with: "---\nregions:", in: yaml)),
            file: "anshan/scenario.yaml", line: line(of: "regions:", in: yaml), kind: "yamlSyntax"),
        csvCase("a missing CSV column", "code,name,", "code,nom,", kind: "missingColumn"),
        csvCase(
            "a non-numeric cell", "122.988611,41.090486", "122.98x611,41.090486", kind: "notANumber"
        ),
        csvCase(
            "a ragged row", "210302002,解放街道,township,210302,,", "210302002,解放街道,township,210302,,,",
            kind: "raggedRow"),
        csvCase(
            "a malformed region code", "210302002,解放街道", "21030200X,解放街道", kind: "badRegionCode"),
        csvCase(
            "a parent that contradicts the code", "210302003,山南街道,township,210302",
            "210302003,山南街道,township,210303", kind: "parentMismatch"),
        csvCase(
            "lon and lat swapped", "122.988611,41.090486", "41.090486,122.988611",
            kind: "invalidValue"),
        csvCase("an unclosed quote", "210302003,山南街道", "210302003,\"山南街道", kind: "badQuoting"),
        BadInput(
            name: "a township whose county is missing",
            files: files(
                regions: replacing(
                    "210321,台安县,county,2103,,122.436196,41.412767\n", with: "", in: regions)),
            file: "anshan/regions.csv",
            line: line(
                of: "210321",
                in: replacing(
                    "210321,台安县,county,2103,,122.436196,41.412767\n", with: "", in: regions)),
            kind: "missingParent"),
        BadInput(
            name: "a region listed twice",
            files: files(regions: regions + "210302002,解放街道,township,210302,,,\n"),
            file: "anshan/regions.csv",
            line: regions.split(separator: "\n", omittingEmptySubsequences: false).count,
            kind: "duplicateRegion"),
        BadInput(
            name: "a regions table with no rows", files: files(regions: "code,name\n"),
            file: "anshan/regions.csv",
            line: 1, kind: "emptyTable"),
        BadInput(
            name: "a UTF-16 regions table",
            files: files().merging(["anshan/regions.csv": [0xFF, 0xFE, 0x63, 0x00]]) { $1 },
            file: "anshan/regions.csv", line: 1, kind: "invalidEncoding"),
        brokenGB18030(),
        BadInput(
            name: "an extends cycle",
            files: files().merging([
                "loop-a/scenario.yaml": Array("extends: ../loop-b\n".utf8),
                "loop-b/scenario.yaml": Array("label: b\nextends: ../loop-a\n".utf8),
            ]) { $1 },
            scenario: "loop-a", file: "loop-b/scenario.yaml", line: 2, kind: "extendsCycle"),
        // A catalogue of Shanxi's (14) targets in Anshan's scenario: the error is at the
        // scenario's line naming the catalogue.
        BadInput(
            name: "a catalogue of a region outside the planning region",
            files: files(
                anshanTargets: replacing(
                    "region: \"2103\"", with: "region: \"14\"", in: anshanTargets)),
            file: "anshan/scenario.yaml",
            line: line(of: "- ../targets/001-anshan-2021.yaml", in: yaml), kind: "invalidValue"),
        catalogueCase(
            "a catalogue region that is not a division code", "region: \"2103\"", "region: \"21x\"",
            kind: "unknownRegion"),
        catalogueCase(
            "a target naming an unknown indicator", "indicator: meal-sites", "indicator: meal-site",
            kind: "invalidValue"),
        catalogueCase(
            "a threshold outside the indicator's range", "threshold: 50 %\n    deadline: 2024",
            "threshold: 150 %\n    deadline: 2024", at: "threshold: 150 %", kind: "outOfRange"),
        BadInput(
            name: "a target id defined twice",
            files: files(
                anshanTargets: replacing(
                    "id: as.meal-sites", with: "id: as.urban-community", in: anshanTargets)),
            file: "targets/001-anshan-2021.yaml",
            line: line(of: "id: as.meal-sites", in: anshanTargets),
            kind: "invalidValue"),
        catalogueCase(
            "a target scope at an unknown level", "scope: {each: county}", "scope: {each: parish}",
            kind: "notOneOf"),
        BadInput(
            name: "a target deadline outside the run",
            files: files(
                yaml: replacing(
                    "report_year: 2025", with: "report_year: 2022",
                    in: replacing("horizon: 2035", with: "horizon: 2023", in: yaml))),
            file: "targets/001-anshan-2021.yaml",
            line: line(of: "id: as.street-centres", in: anshanTargets),
            kind: "outOfRange"),
        // Hardening: inputs that crashed or trapped before they were bounded.
        yamlCase(
            "a flow list nested 10,000 deep (the parser's stack)", "label: ",
            "label: " + String(repeating: "[", count: 10_000)
                + String(repeating: "]", count: 10_000),
            kind: "unsupportedYAML"),
        BadInput(
            name: "a block list nested 20,000 deep on one line",
            files: files(
                yaml: replacing(
                    "description: >",
                    with: "deep:\n  " + String(repeating: "- ", count: 20_000)
                        + "x\ndescription: >", in: yaml)),
            file: "anshan/scenario.yaml", line: line(of: "description: >", in: yaml) + 1,
            kind: "unsupportedYAML"),
        BadInput(
            name: "a --set value nested 10,000 deep", files: files(),
            overrides: [
                "label=" + String(repeating: "[", count: 10_000)
                    + String(repeating: "]", count: 10_000)
            ],
            file: "--set label=" + String(repeating: "[", count: 10_000)
                + String(repeating: "]", count: 10_000), line: 0, kind: "badOverride"),
        // A bureau's community populations (demography.unit_population): 铁东区's first
        // community given as a street code, which is not a lowest unit.
        BadInput(
            name: "a bureau's community table naming a street instead of a community",
            files: files(
                yaml: replacing(
                    "  open_age: 100", with: "  unit_population: bureau.csv\n  open_age: 100",
                    in: yaml)
            ).merging([
                "anshan/bureau.csv": Array("code,sex,age,count\n210302002,female,60,300\n".utf8)
            ]) { $1 },
            file: "anshan/bureau.csv", line: 2, kind: "invalidValue"),
        BadInput(
            name: "a bureau's community table with half a person",
            files: files(
                yaml: replacing(
                    "  open_age: 100", with: "  unit_population: bureau.csv\n  open_age: 100",
                    in: yaml)
            ).merging([
                "anshan/bureau.csv": Array(
                    "code,sex,age,count\n210302002001,female,60,300.5\n".utf8)
            ]) { $1 },
            file: "anshan/bureau.csv", line: 2, kind: "invalidValue"),
        censusCase("a census count of 9.3e18 (above Int.max once summed)", "9300000000000000000"),
        censusCase("a census count of two billion persons in one cell", "2000000000"),
        BadInput(
            name: "an extends target that does not exist, at the line of extends",
            files: files().merging([
                "variant/scenario.yaml": Array("label: v\nextends: ../nowhere\n".utf8)
            ]) { $1 },
            scenario: "variant", file: "variant/scenario.yaml", line: 2, kind: "fileNotFound"),
        // One costing of each benefit: the service list pays Anshan's old-age allowance, so a
        // unit-cost row for it would count it twice (14,725.6万 beside 8,392.6万 in 2025).
        BadInput(
            name: "the old-age allowance costed by the unit-cost table and the service list",
            files: files().merging([
                "anshan/unit-costs.csv": Array(
                    (read("anshan/unit-costs.csv")
                        + "old_age_allowance,,100,person_month,,yes,a second costing\n").utf8)
            ]) { $1 },
            file: "anshan/scenario.yaml", line: line(of: "unit_costs: unit-costs.csv", in: yaml),
            kind: "invalidValue"),
        BadInput(
            name: "an override without '='", files: files(), overrides: ["horizon"],
            file: "--set horizon", line: 0,
            kind: "badOverride"),
        BadInput(
            name: "an override of an unknown key", files: files(), overrides: ["seeed=3"],
            file: "--set seeed=3",
            line: 0, kind: "unknownKey"),
    ]
}

@Suite struct BadInputTests {
    /// The name of an enum case, e.g. "unknownKey".
    func kind(_ problem: Problem) -> String {
        String(String(describing: problem).prefix { $0 != "(" })
    }

    @Test func theCatalogueHasAtLeastTwentyCases() {
        #expect(Anshan.cases.count >= 20)
        #expect(Anshan.cases.allSatisfy { $0.line >= 0 && !$0.files.isEmpty })
        #expect(Anshan.yaml.contains("horizon: 2035") && Anshan.regions.contains("210302002,"))
    }

    @Test(arguments: Anshan.cases)
    func badInputIsReportedWithFileLineAndKindAndWritesNothing(_ input: BadInput) throws {
        let folder = try TemporaryFolder()
        for (name, bytes) in input.files { try folder.write(name, bytes) }
        let scenario = folder.path + "/" + input.scenario
        let expectedFile =
            input.file.hasPrefix("--set") ? input.file : folder.path + "/" + input.file

        // In process: the first error is the expected one.
        let result = ScenarioLoader(overrides: input.overrides).load(scenario)
        guard case .failure(let failure) = result else {
            Issue.record("\(input.name): the scenario loaded")
            return
        }
        let first = try #require(failure.diagnostics.first { $0.severity == .error })
        #expect(first.location.file == expectedFile, "\(failure)")
        #expect(first.location.line == input.line, "\(failure)")
        #expect(kind(first.problem) == input.kind, "\(failure)")

        // The command: exit status 64, the error printed compiler-style (in Chinese, the
        // default language), no run folder.
        let out = folder.path + "/Output"
        let command = try yanglao(
            ["run", scenario, "--out", out] + input.overrides.flatMap { ["--set", $0] })
        #expect(command.status == 64)
        let place = input.line > 0 ? "\(expectedFile):\(input.line):" : "\(expectedFile): 错误:"
        #expect(command.errors.contains(place), "\(command.errors)")
        #expect(command.errors.contains("错误: "))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
