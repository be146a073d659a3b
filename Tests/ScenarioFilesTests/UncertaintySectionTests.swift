import Diagnostics
import Facilities
import Foundation
import Testing
import Uncertainty

@testable import ScenarioFiles

/// The `uncertainty:` section, on the small Anshan scenario with a facilities section.
@Suite struct UncertaintySectionTests {
    /// Lines 1–8 are `SmallScenario.yaml`; the facilities and investment below are lines 9–17;
    /// the uncertainty section starts on line 18, its first item on line 19.
    static let base =
        SmallScenario.yaml + """
            facilities:
              inventory: facilities.csv
              occupancy: {institutional: 0.5, community: 30 %}
              staffing: {attrition: 8 %}
            investment:
              budget: {welfare_lottery: {values: {2021: 800, 2022: 900}, unit: 万元}}
              unit_costs: unit-costs.csv
              actions:
                - convert_to_nursing: {per_year: 20, years: 2021-2022}

            """

    static let facilities = """
        id,type,ownership,community,beds,nursing_beds
        H1,institution,public,210302002,100,10

        """

    static let costs = """
        item,yuan,per,assumption
        convert_bed,10000,bed,yes

        """

    func load(_ section: String) throws -> Result<LoadedScenario, ScenarioLoadError> {
        let folder = try TemporaryFolder()
        let path = try folder.write([
            "s/scenario.yaml": Self.base + section,
            "s/regions.csv": SmallScenario.regions,
            "s/facilities.csv": Self.facilities,
            "s/unit-costs.csv": Self.costs,
        ])
        return ScenarioLoader().load(path + "/s")
    }

    @Test func fourInputsAreReadWithTheirDistributionsBoundsAndApplication() throws {
        let loaded = try load(
            """
            uncertainty:
              - {key: facilities.occupancy.institutional, distribution: beta, a: 20, b: 20}
              - {key: investment.budget.welfare_lottery, scale: yes, distribution: triangular, min: 0.7, mode: 0.9, max: 1}
              - {key: facilities.staffing.attrition, distribution: normal, mean: 8, sd: 2, lower: 0}
              - {key: investment.actions.0.convert_to_nursing.per_year, distribution: uniform, min: 10, max: 30}

            """
        ).get()
        let inputs = try #require(loaded.scenario.uncertainty?.inputs)
        #expect(
            inputs.map(\.name) == [
                "facilities.occupancy.institutional", "investment.budget.welfare_lottery",
                "facilities.staffing.attrition", "investment.actions.0.convert_to_nursing.per_year",
            ])
        #expect(inputs.map(\.application) == [.replace, .scale, .replace, .replace])
        #expect(inputs[0].distribution.shape == .beta(a: 20, b: 20, minimum: 0, maximum: 1))
        #expect(inputs[2].distribution.lower == 0)
        #expect(inputs[2].distribution.upper == nil)
    }

    @Test func aDrawIsWrittenInTheNumbersUnitAndAScaleMultipliesEveryYear() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write([
            "s/scenario.yaml": Self.base,
            "s/regions.csv": SmallScenario.regions,
            "s/facilities.csv": Self.facilities,
            "s/unit-costs.csv": Self.costs,
        ])
        let template = try ScenarioLoader().loadTemplate(path + "/s").get()
        let scenario = try template.scenario(with: [
            .init(
                keyPath: ["facilities", "staffing", "attrition"], application: .replace, value: 12),
            .init(
                keyPath: ["investment", "budget", "welfare_lottery"], application: .scale,
                value: 0.5),
            .init(
                keyPath: ["investment", "actions", "0", "convert_to_nursing", "per_year"],
                application: .replace, value: 25.4),
        ]).get()
        // 12 % → 0.12; 800 万元 × 0.5 = 4,000,000 yuan; 25.4 rounds to the whole 25.
        #expect(scenario.facilities?.staffing.attrition == 0.12)
        let budget = try #require(scenario.investment?.budgets[0])
        #expect(budget.value(in: 2021) == 4_000_000)
        #expect(budget.value(in: 2022) == 4_500_000)
        #expect(
            template.numbers(at: ["investment", "budget", "welfare_lottery"])?.values == [800, 900])
        #expect(template.numbers(at: ["facilities", "occupancy", "institutional"])?.whole == false)
    }

    @Test func aScaleMultipliesEveryNumberOfASetByName() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write([
            "s/scenario.yaml": Self.base.replacingOccurrences(
                of: "  staffing: {attrition: 8 %}\n",
                with:
                    "  staffing: {attrition: 8 %}\n  take_up: {institutional: {intact: 0.3 %, mild: 1.5 %, moderate: 3 %, severe: 4 %, complete: 5 %}}\n"
            ),
            "s/regions.csv": SmallScenario.regions,
            "s/facilities.csv": Self.facilities,
            "s/unit-costs.csv": Self.costs,
        ])
        let template = try ScenarioLoader().loadTemplate(path + "/s").get()
        let scenario = try template.scenario(with: [
            .init(
                keyPath: ["facilities", "take_up", "institutional"], application: .scale,
                value: 2)
        ]).get()
        // Every level's take-up doubled: 0.6%, 3%, 6%, 8%, 10%.
        let takeUp = try #require(scenario.facilities?.demand.institutionalTakeUp)
        #expect(takeUp.count == 5)
        for (got, expected) in zip(takeUp, [0.006, 0.03, 0.06, 0.08, 0.10]) {
            #expect(abs(got - expected) < 1e-12)
        }
        #expect(
            template.numbers(at: ["facilities", "take_up", "institutional"])?.values
                == [0.3, 1.5, 3, 4, 5])
    }

    /// A mistake, the line it is on and the start of its message.
    struct BadSection: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var line: Int
        var message: String
        var testDescription: String { name }
    }

    static let badSections: [BadSection] = [
        BadSection(
            name: "a key path that names nothing",
            yaml:
                "uncertainty:\n  - {key: facilities.occupancy.residential, distribution: uniform, min: 0, max: 1}\n",
            line: 19,
            message:
                "uncertainty.0.key: 'facilities.occupancy.residential' does not name a number of the scenario: the scenario has no 'residential' under 'facilities.occupancy'"
        ),
        BadSection(
            name: "a key path that names text",
            yaml: "uncertainty:\n  - {key: label, distribution: uniform, min: 0, max: 1}\n",
            line: 19,
            message: "uncertainty.0.key: 'label' does not name a number of the scenario"),
        BadSection(
            name: "a negative standard deviation",
            yaml:
                "uncertainty:\n  - key: facilities.occupancy.institutional\n    distribution: normal\n    mean: 0.5\n    sd: -0.1\n",
            line: 22, message: "uncertainty.0.sd: must be positive (got -0.1)"),
        BadSection(
            name: "a lower bound above the upper",
            yaml:
                "uncertainty:\n  - key: facilities.occupancy.institutional\n    distribution: normal\n    mean: 0.5\n    sd: 0.1\n    lower: 0.8\n    upper: 0.2\n",
            line: 23, message: "uncertainty.0.lower: must be below upper (got 0.8 and 0.2)"),
        BadSection(
            name: "an unknown distribution",
            yaml:
                "uncertainty:\n  - {key: facilities.occupancy.institutional, distribution: gamma, a: 1}\n",
            line: 19,
            message:
                "uncertainty.0.distribution must be one of 'normal', 'lognormal', 'beta', 'triangular', 'uniform' (got 'gamma')"
        ),
        BadSection(
            name: "a series without scale",
            yaml:
                "uncertainty:\n  - {key: investment.budget.welfare_lottery, distribution: uniform, min: 0, max: 1}\n",
            line: 19,
            message:
                "uncertainty.0.key: 'investment.budget.welfare_lottery' is a series of years: add 'scale: yes'"
        ),
        BadSection(
            name: "a parameter of another distribution",
            yaml:
                "uncertainty:\n  - {key: facilities.occupancy.institutional, distribution: uniform, min: 0, max: 1, sd: 2}\n",
            line: 19, message: "uncertainty.0.sd: uniform takes min, max (and lower, upper), not sd"
        ),
        BadSection(
            name: "a missing parameter",
            yaml:
                "uncertainty:\n  - key: facilities.occupancy.institutional\n    distribution: triangular\n    min: 0\n    max: 1\n",
            line: 20, message: "missing required key 'mode' in 'uncertainty.0'"),
    ]

    @Test(arguments: badSections)
    func mistakesInTheSectionAreReportedOnTheirLine(_ bad: BadSection) throws {
        #expect(Self.base.split(separator: "\n", omittingEmptySubsequences: false).count == 18)
        guard case .failure(let failure) = try load(bad.yaml) else {
            Issue.record("the scenario loaded")
            return
        }
        let errors = failure.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location.line == bad.line)
        #expect(errors.first?.location.file.hasSuffix("s/scenario.yaml") == true)
        #expect(
            errors.first?.problem.message(in: .en).hasPrefix(bad.message) == true,
            "\(errors.first?.problem.message(in: .en) ?? "")")
    }
}
