import Diagnostics
import Foundation
import Geography
import Targets
import Testing

@testable import ScenarioFiles

@Suite struct TargetCatalogueTests {
    let folder = SmallScenario.repository + "/Scenarios/targets"

    func load(_ path: String) -> (TargetCatalogue?, [Diagnostic]) {
        var log = DiagnosticLog()
        var sources = SourceTexts()
        let catalogue = TargetCatalogueFile.load(path: path, log: &log, sources: &sources)
        return (catalogue, log.diagnostics)
    }

    // The measurable targets catalogued in the policy documents' README, by suggested id.
    // Four of its rows hold two figures each and are split here: ln.facility-land (land per
    // resident and 100% compliance), sx.lottery-share (55% and the department's 70%),
    // sx.fitness (communities and institutions) and sx.15-minute-circle (the community
    // home-care capacity's 100%, sx.community-home-care, and the circle, which has no figure).
    static let readmeIDs = [
        "ln.total-beds", "ln.nursing-bed-share", "ln.nursery-places", "ln.facility-land",
        "ln.street-centres",
        "ln.township-centres", "ln.urban-community", "ln.rural-coverage", "ln.county-care-home",
        "ln.15-minute-circle", "ln.lottery-share", "ln.old-age-allowance", "as.street-centres",
        "as.community-stations", "as.urban-community", "as.rural-coverage", "as.backfill",
        "as.meal-sites",
        "as.nursing-bed-share", "as.county-care-home", "as.bed-subsidy", "as.training-rate",
        "sx.city-lists",
        "sx.lottery-share", "sx.15-minute-circle", "sx.blind-spot-counties", "sx.county-care-home",
        "sx.central-support", "sx.fitness", "sx.township-rating", "sx.county-rating",
        "sx.talent-fund",
        "wb.visits", "wb.assessment", "wb.lottery-share",
    ]

    @Test func theFiveShippedCataloguesHoldEveryTargetOfTheDocuments() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".yaml")
        }.sorted()
        #expect(
            files == [
                "000-liaoning-2023.yaml", "001-anshan-2021.yaml", "002-shanxi-2023.yaml",
                "003-weibin-2023.yaml", "004-liaoning-2022.yaml",
            ])
        var ids: [String] = []
        for file in files {
            let (catalogue, diagnostics) = load(folder + "/" + file)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            ids += try #require(catalogue).targets.map(\.id)
        }
        #expect(ids.count == 35 + 4)
        #expect(Set(ids).count == ids.count)
        for id in Self.readmeIDs {
            #expect(
                ids.contains {
                    $0 == id || $0.hasPrefix(id + "-")
                        || (id == "sx.fitness" && $0.hasPrefix("sx.fitness-"))
                }, "\(id)")
        }
    }

    // Figures read back in base units: 55 % → 0.55; 4.5 per 1,000 → 0.0045; 1000 万元 → 10^7.
    @Test func thresholdsAreReadInTheIndicatorsUnits() throws {
        let ln = try #require(load(folder + "/004-liaoning-2022.yaml").0)
        let byID = Dictionary(uniqueKeysWithValues: ln.targets.map { ($0.id, $0) })
        #expect(byID["ln.nursing-bed-share"]?.threshold == 0.55)
        #expect(abs(byID["ln.nursery-places"]!.threshold! - 0.0045) < 1e-15)
        #expect(abs(byID["ln.nursery-places"]!.baseline!.value - 0.003) < 1e-15)
        #expect(byID["ln.total-beds"]?.baseline == Target.Baseline(year: 2020, value: 235_500))
        #expect(byID["ln.15-minute-circle"]?.threshold == nil)
        #expect(
            byID["ln.county-care-home"]?.scope
                == .each(level: .county, kinds: [.county, .countyCity], units: []))
        let sx = try #require(load(folder + "/002-shanxi-2023.yaml").0)
        // 002 二(四)12's 100% is the community home-care capacity, not the circle.
        let sxByID = Dictionary(uniqueKeysWithValues: sx.targets.map { ($0.id, $0) })
        #expect(sxByID["sx.15-minute-circle"]?.threshold == nil)
        #expect(sxByID["sx.community-home-care"]?.threshold == 1)
        #expect(sxByID["sx.community-home-care"]?.indicator.id == "urban-community-coverage")
        #expect(sx.targets.first { $0.id == "sx.talent-fund" }?.threshold == 10_000_000)
        #expect(
            sx.targets.first { $0.id == "sx.blind-spot-counties" }?.scope
                == .group(level: .county, name: "blind-spot"))
    }

    static let header =
        "document: \"009\"\ntitle: t\nissuer: i\nissued: \"2024\"\nregion: \"2103\"\ntargets:\n"
    static let good =
        "  - id: x.a\n    indicator: meal-sites\n    comparison: at_least\n    threshold: 10\n    deadline: 2022\n    clause: 一\n    text: 文本\n"

    @Test(arguments: [
        (
            "indicator: meal-sites", "indicator: meal-site", 8,
            "unknown indicator 'meal-site' (did you mean 'meal-sites'?)"
        ),
        ("comparison: at_least", "comparison: above", 9, "comparison must be one of"),
        ("threshold: 10\n", "threshold: -1\n", 10, "threshold must be between 0"),
        ("    deadline: 2022\n", "", 7, "give a 'deadline'"),
        (
            "deadline: 2022\n", "deadline: 2022\n    scope: {each: parish}\n", 12,
            "scope.each must be one of"
        ),
        (
            "deadline: 2022\n", "deadline: 2022\n    scope: {each: county, kinds: [street]}\n", 12,
            "scope.kinds must be one of"
        ),
        (
            "deadline: 2022\n", "deadline: 2022\n    scope: {each: county, units: [\"2103\"]}\n",
            12, "is a city code"
        ),
        ("clause: 一\n", "clause: 一\n    colour: red\n", 13, "unknown key 'colour'"),
    ])
    func malformedTargetsAreReportedWithTheirLine(
        old: String, new: String, line: Int, message: String
    ) throws {
        let folder = try TemporaryFolder()
        try folder.write([
            "c.yaml": Self.header + Self.good.replacingOccurrences(of: old, with: new)
        ])
        let (_, diagnostics) = load(folder.path + "/c.yaml")
        let first = try #require(diagnostics.first { $0.severity == .error })
        #expect(first.location.line == line, "\(first)")
        #expect(first.problem.message(in: .en).contains(message), "\(first)")
    }

    @Test func aTargetDefinedTwiceIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write(["c.yaml": Self.header + Self.good + Self.good])
        let (_, diagnostics) = load(folder.path + "/c.yaml")
        #expect(diagnostics.map(\.location.line) == [14])
        #expect(
            diagnostics.first?.problem.message(in: .en).contains("defined twice (first on line 7)")
                == true)
    }

    // A scenario of 2020–2023 cannot judge a target due in 2025; a target defined in two of its
    // catalogues, a unit outside the tree, and a group it does not name are reported too.
    @Test func scenarioChecksDeadlinesDuplicatesUnitsAndGroups() throws {
        let folder = try TemporaryFolder()
        let due2025 = Self.good.replacingOccurrences(of: "deadline: 2022", with: "deadline: 2025")
        let unknownUnit = Self.good.replacingOccurrences(of: "x.a", with: "x.b")
            .replacingOccurrences(
                of: "deadline: 2022\n",
                with: "deadline: 2022\n    scope: {each: county, units: [\"210399\"]}\n")
        let group = Self.good.replacingOccurrences(of: "x.a", with: "x.c").replacingOccurrences(
            of: "deadline: 2022\n",
            with: "deadline: 2022\n    scope: {each: county, group: blind-spot}\n")
        try folder.write([
            "s/scenario.yaml": SmallScenario.yaml.replacingOccurrences(
                of: "horizon: 2035\nreport_year: 2025", with: "horizon: 2023")
                + "targets: [c1.yaml, c2.yaml]\n",
            "s/regions.csv": SmallScenario.regions,
            "s/c1.yaml": Self.header + due2025 + unknownUnit + group,
            "s/c2.yaml": Self.header + Self.good,
        ])
        guard case .failure(let failure) = ScenarioLoader().load(folder.path + "/s") else {
            Issue.record("the scenario loaded")
            return
        }
        let c1 = folder.path + "/s/c1.yaml"
        let messages = failure.diagnostics.map {
            "\(PathName.lastComponent(of: $0.location.file)):\($0.location.line) \($0.severity) \($0.problem.message(in: .en))"
        }
        #expect(
            messages == [
                "c1.yaml:7 error deadline of x.a must be within the run, between 2020 and 2023 (got 2025)",
                "c1.yaml:14 error unknown region code 210399 (in the scope of x.b)",
                "c1.yaml:22 warning unit_groups: target x.c is judged on the group 'blind-spot', which the scenario does not name; it will not be computed",
                "c2.yaml:7 error id: target 'x.a' is also defined at \(c1):7:9",
            ])
    }

    @Test func namedGroupsBecomeTheUnitsOfATarget() throws {
        let folder = try TemporaryFolder()
        let group = Self.good.replacingOccurrences(
            of: "deadline: 2022\n",
            with: "deadline: 2022\n    scope: {each: county, group: blind-spot}\n")
        try folder.write([
            "s/scenario.yaml": SmallScenario.yaml
                + "targets: c.yaml\nunit_groups: {blind-spot: [\"210381\"]}\n",
            "s/regions.csv": SmallScenario.regions,
            "s/c.yaml": Self.header + group,
        ])
        let loaded = try ScenarioLoader().load(folder.path + "/s").get()
        #expect(
            loaded.scenario.targets.first?.scope
                == .each(level: .county, kinds: [], units: [try DivisionCode(parsing: "210381")]))
        #expect(loaded.resolvedYAML.contains("targets: [\(folder.path)/s/c.yaml]\n"))
    }
}
