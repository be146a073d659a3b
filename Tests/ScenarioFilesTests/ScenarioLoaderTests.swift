import Diagnostics
import Foundation
import Geography
import Testing

@testable import ScenarioFiles

@Suite struct ScenarioLoaderTests {
    func load(_ path: String, overrides: [String] = []) -> Result<LoadedScenario, ScenarioLoadError>
    {
        ScenarioLoader(overrides: overrides).load(path)
    }

    func errors(_ result: Result<LoadedScenario, ScenarioLoadError>) -> [Diagnostic] {
        guard case .failure(let failure) = result else { return [] }
        return failure.diagnostics.filter { $0.severity == .error }
    }

    // The shipped Anshan scenario: NBS 2023 codes give 1 city, 7 county-level units and 96
    // township-level units; the division data's README tabulates Anshan's 2023 township types
    // as 40 streets, 52 towns, 3 townships, 1 other, and its 1,177 village-level units of 2020
    // as 352 residents' committees, 1 residents-like and 824 villagers' committees. County
    // kinds by name: 铁东区, 铁西区, 立山区, 千山区 are districts, 台安县 and 岫岩满族自治县
    // counties, 海城市 a county-level city.
    @Test func theAnshanScenarioLoadsWithItsRealRegionTree() throws {
        let loaded = try load(SmallScenario.repository + "/Scenarios/anshan").get()
        let scenario = loaded.scenario
        #expect(scenario.id == "anshan")
        #expect(scenario.years == 2020...2035)
        #expect(scenario.region == (try DivisionCode(parsing: "2103")))
        #expect(scenario.datum == .gcj02)
        let kinds = scenario.regions.countsByKind()
        #expect(scenario.regions.count == 1 + 7 + 96 + 1177)
        #expect(
            kinds == [
                .city: 1, .district: 4, .county: 2, .countyCity: 1, .street: 40, .town: 52,
                .township: 3, .otherTownship: 1, .community: 353, .village: 824,
            ])
        #expect(
            loaded.inputs.map { PathName.lastComponent(of: $0.name) } == [
                "scenario.yaml", "regions.csv", "boundaries-counties.geojson",
                "population-2020-census.csv",
                "cohort-sizes-births.csv", "death-rates-wpp2024.csv",
                "fertility-pattern-wpp2024.csv", "net-migration-census-residual.csv",
                "capability-levels.csv", "urban-rural-2020-census.csv", "001-anshan-2021.yaml",
                "004-liaoning-2022.yaml",
                "000-liaoning-2023.yaml", "facilities-2020-synthetic.csv", "unit-costs.csv",
                "000-liaoning-2023.yaml", "001-anshan-2021.yaml",  // the service lists
            ])
        // 鞍政办发〔2021〕2号 has 10 measurable targets, document 004 eleven, document 000 two.
        #expect(scenario.targets.count == 10 + 11 + 2)
        #expect(loaded.warnings.isEmpty)
    }

    @Test func aVariantExtendsItsBaseAndOverridesAFewValues() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "base/scenario.yaml": SmallScenario.yaml, "base/regions.csv": SmallScenario.regions,
            "base-short/scenario.yaml": """
            extends: ../base
            label: 短期情景
            horizon: 2030
            report_year: ~

            """,
        ])
        let loaded = try load(folder.path + "/base-short").get()
        #expect(loaded.scenario.id == "base-short")
        #expect(loaded.scenario.label == "短期情景")
        #expect(loaded.scenario.horizon == 2030)
        #expect(loaded.scenario.reportYear == 2030)  // removed with ~, so the default: the horizon
        #expect(loaded.scenario.seed == 7)  // inherited
        #expect(loaded.scenario.regions.count == 6)
        #expect(
            loaded.inputs.map(\.name) == [
                folder.path + "/base-short/scenario.yaml", folder.path + "/base/scenario.yaml",
                folder.path + "/base/regions.csv",
            ])
        // The resolved scenario names the base's table and fills in the defaults.
        let resolved = loaded.resolvedYAML
        #expect(resolved.hasPrefix("id: base-short\n"))
        #expect(resolved.contains("file: \(folder.path)/base/regions.csv\n"))
        #expect(resolved.contains("report_year: 2030\n"))
        #expect(resolved.contains("region: \"2103\"\n"))
        #expect(!resolved.contains("extends"))
    }

    // Second method: the resolved scenario, loaded on its own, is the same scenario.
    @Test func theResolvedScenarioLoadsToTheSameScenario() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "s/scenario.yaml": SmallScenario.yaml, "s/regions.csv": SmallScenario.regions,
        ])
        let first = try load(folder.path + "/s", overrides: ["horizon=2040"]).get()
        try folder.write(["resolved/scenario.yaml": first.resolvedYAML])
        let second = try load(folder.path + "/resolved").get()
        #expect(second.resolvedYAML == first.resolvedYAML)
        #expect(second.scenario.horizon == 2040)
        #expect(second.scenario.regions.regions == first.scenario.regions.regions)
        #expect(second.scenario.id == "s")
    }

    @Test func overridesFromTheCommandLineApplyLast() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "s/scenario.yaml": SmallScenario.yaml, "s/regions.csv": SmallScenario.regions,
        ])
        let loaded = try load(
            folder.path + "/s",
            overrides: ["horizon=2030", "regions.datum=WGS-84", "description=试算"]
        ).get()
        #expect(loaded.scenario.horizon == 2030)
        #expect(loaded.scenario.datum == .wgs84)
        #expect(loaded.scenario.description == "试算")
    }

    @Test func badOverridesAreReportedAgainstTheArgument() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "s/scenario.yaml": SmallScenario.yaml, "s/regions.csv": SmallScenario.regions,
        ])
        let found = errors(
            load(folder.path + "/s", overrides: ["horizn=2030", "seed", "label.x=1", "horizon=[1"]))
        #expect(found.count == 4)
        #expect(
            found.contains(
                .error(
                    .unknownKey(key: "horizn", section: "", suggestion: "horizon"),
                    at: .init(file: "--set horizn=2030"))))
        #expect(
            found.contains(
                .error(
                    .badOverride(argument: "seed", reason: "expected key.path=value"),
                    at: .init(file: "--set seed"))))
        #expect(found.contains { $0.location.file == "--set label.x=1" })
        #expect(found.contains { $0.location.file == "--set horizon=[1" })
    }

    @Test func anExtendsCycleIsReportedWithTheWholeChain() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "a/scenario.yaml": "extends: ../b\nlabel: a\n",
            "b/scenario.yaml": "label: b\nextends: ../a\n",
        ])
        let a = folder.path + "/a/scenario.yaml"
        let b = folder.path + "/b/scenario.yaml"
        #expect(
            errors(load(folder.path + "/a")) == [
                .error(.extendsCycle(chain: [a, b, a]), at: .init(file: b, line: 2, column: 10))
            ])
        try folder.write(["c/scenario.yaml": "extends: .\nlabel: c\n"])
        let c = folder.path + "/c/scenario.yaml"
        #expect(
            errors(load(c)) == [
                .error(.extendsCycle(chain: [c, c]), at: .init(file: c, line: 1, column: 10))
            ])
    }

    // Every problem of the file is reported, in line order, not just the first.
    @Test func allProblemsOfAFileAreReportedTogether() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "s/scenario.yaml": """
            id: Bad_Id
            base_year: 2020
            horizon: 2019
            seed: -1
            regions: {file: regions.csv, datum: gcj03}
            colour: blue

            """,
            "s/regions.csv": SmallScenario.regions,
        ])
        let file = folder.path + "/s/scenario.yaml"
        let found = errors(load(folder.path + "/s"))
        #expect(found.map(\.location.line) == [1, 1, 3, 4, 5, 6])
        #expect(found.map(\.location.file) == Array(repeating: file, count: 6))
        #expect(found[0].problem == .missingKey(key: "label", section: ""))
        #expect(
            found[2].problem
                == .outOfRange(field: "horizon", value: "2019", range: "between 2020 and 2120"))
        #expect(found[5].problem == .unknownKey(key: "colour", section: "", suggestion: nil))
    }

    @Test func coordinatesNeedADatum() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "s/scenario.yaml": SmallScenario.yaml.replacingOccurrences(
                of: "  datum: GCJ-02\n", with: ""),
            "s/regions.csv": SmallScenario.regions,
        ])
        #expect(
            errors(load(folder.path + "/s")).map { $0.problem.message(in: .en) }.first?.contains(
                "datum") == true
        )
    }

    @Test func aScenarioMayBeNamedByItsYAMLFile() throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "s/plan-a.yaml": SmallScenario.yaml, "s/regions.csv": SmallScenario.regions,
        ])
        #expect(try load(folder.path + "/s/plan-a.yaml").get().scenario.id == "plan-a")
    }
}
