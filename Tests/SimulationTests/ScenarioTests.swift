import Geography
import Simulation
import Testing

@Suite struct ScenarioTests {
    func tree() throws -> RegionTree {
        try RegionTree(regions: [
            Region(code: try DivisionCode(parsing: "2103"), name: "鞍山市", kind: .city),
            Region(code: try DivisionCode(parsing: "210302"), name: "铁东区", kind: .district),
        ])
    }

    func make(
        id: String = "anshan", base: Int = 2020, horizon: Int = 2035, report: Int = 2025,
        region: String = "2103"
    ) throws -> Scenario {
        try Scenario(
            id: id, label: "鞍山", baseYear: base, horizon: horizon, reportYear: report, seed: 1,
            regions: tree(), region: try DivisionCode(parsing: region), datum: .gcj02)
    }

    // 2020 to 2035 inclusive is 16 years.
    @Test func aValidScenarioSpansBaseYearToHorizon() throws {
        let scenario = try make()
        #expect(scenario.years.count == 16)
        #expect(scenario.regions.count == 2)
    }

    @Test func invariantsAreCheckedAtCreation() throws {
        #expect(
            throws: Scenario.InvariantError.horizonBeforeBaseYear(baseYear: 2020, horizon: 2019)
        ) {
            try make(horizon: 2019, report: 2019)
        }
        #expect(
            throws: Scenario.InvariantError.reportYearOutsideRun(
                reportYear: 2036, years: 2020...2035)
        ) {
            try make(report: 2036)
        }
        #expect(throws: Scenario.InvariantError.badIdentifier("Anshan_Plan")) {
            try make(id: "Anshan_Plan")
        }
        #expect(throws: Scenario.InvariantError.regionNotInTree(try DivisionCode(parsing: "2104")))
        {
            try make(region: "2104")
        }
    }

    @Test(arguments: [
        ("anshan", true), ("anshan-plan", true), ("liaoning-2025-budget-cut", true),
        ("Anshan", false), ("anshan_plan", false), ("-anshan", false), ("anshan--plan", false),
        ("anshan-", false), ("", false), ("鞍山", false),
    ])
    func identifiersAreKebabCase(id: String, valid: Bool) {
        #expect(Scenario.isValidIdentifier(id) == valid)
    }
}
