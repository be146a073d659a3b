import Demography
import Diagnostics
import Foundation
import Geography
import Testing

@testable import ScenarioFiles

/// A small scenario with a `demography:` section using every key.
enum DemographyScenario {
    static let population = """
        area,sex,age,count
        210302,female,0,1000
        210302,female,5,1000
        210302,female,10,1000
        210302,female,15,1000
        210302,female,20,1000
        210302,female,25,4000
        210302,male,0,1000
        210302,male,5,1000
        210302,male,10,1000
        210302,male,15,1000
        210302,male,20,1000
        210302,male,25,3000
        210381,female,0,500
        210381,female,5,500
        210381,female,10,500
        210381,female,15,500
        210381,female,20,500
        210381,female,25,2000
        210381,male,0,500
        210381,male,5,500
        210381,male,10,500
        210381,male,15,500
        210381,male,20,500
        210381,male,25,1500

        """
    static let deathRates = """
        sex,age,mx
        female,0,0.002
        female,20,0.004
        female,40,0.01
        female,60,0.05
        female,80,0.2
        female,90,0.4
        male,0,0.003
        male,20,0.005
        male,40,0.012
        male,60,0.06
        male,80,0.25
        male,90,0.5

        """
    static let fertility = """
        year,age,asfr
        2020,20,0.05
        2020,25,0.08
        2020,30,0.04
        2030,20,0.04
        2030,25,0.06
        2030,30,0.03

        """
    static let prevalence = """
        year,sex,age,intact,mild,moderate,severe,complete
        2020,female,0,1,0,0,0,0
        2020,female,20,0.8,0.1,0.05,0.03,0.02
        2020,male,0,1,0,0,0,0
        2020,male,20,0.9,0.05,0.03,0.01,0.01

        """
    static let services = """
        level,institutional,community,home
        intact,0,0,0
        轻度失能,0,0.1,0.4
        moderate,0.1,0.3,0.5
        3,0.3,0.3,0.3
        complete,0.5,0.2,0.2

        """
    static let yaml =
        "id: demography-test\n" + SmallScenario.yaml + """
            demography:
              population: population.csv
              graduation: monotone-spline
              open_age: 90
              fertility:
                rates: fertility.csv
              sex_ratio_at_birth: {2020: 1.1, 2030: 1.05}
              mortality:
                death_rates: death-rates.csv
                ax: mid
                improvement: {female: 1 %, male: 0.8 %}
              migration:
                total: {2020: -300}
                female_share: 40 %
              care_need:
                prevalence: prevalence.csv
                special_groups: {特困: 0.5 %, living_alone: {share: 10 %, from_age: 65}}

            """

    static func files(yaml: String = yaml) -> [String: String] {
        [
            "scenario.yaml": yaml, "regions.csv": SmallScenario.regions,
            "population.csv": population, "death-rates.csv": deathRates,
            "fertility.csv": fertility, "prevalence.csv": prevalence, "services.csv": services,
        ]
    }
}

@Suite struct DemographySectionTests {
    @Test("Every key of demography: is decoded into typed inputs")
    func everyKey() throws {
        let folder = try TemporaryFolder()
        try folder.write(DemographyScenario.files())
        let loaded = try ScenarioLoader().load(folder.path).get()
        let inputs = try #require(loaded.scenario.demography)
        #expect(inputs.areas.map(\.shortForm) == ["210302", "210381"])
        #expect(inputs.graduation == .monotoneSpline)
        #expect(inputs.bands == .singleYears(to: 90))
        // Graduation and the split of 25+ keep every total: 9,000 + 8,000 and 4,500 + 4,000.
        #expect(abs(inputs.basePopulation[0].total - 17_000) < 1e-6)
        #expect(abs(inputs.basePopulation[1].total - 8_500) < 1e-6)
        #expect(abs(inputs.sexRatioAtBirth.value(in: 2025)! - 1.075) < 1e-12)
        guard case .rates(let years, _) = inputs.fertility else {
            Issue.record("fertility by year expected")
            return
        }
        #expect(years == [2020, 2030])
        // 1% a year for 10 years: 0.99^10 = 0.904382 times the 2020 rate of 0.2 at 80+.
        let rates = try inputs.mortality.deathRates(sex: .female, year: 2030)
        #expect(abs(rates.rates[4] - 0.2 * 0.9043821) < 1e-7)
        guard case .total(let total, _, let share) = inputs.migration else {
            Issue.record("a migration total expected")
            return
        }
        #expect(total.value(in: 2030) == -300 && share == 0.4)
        let care = try #require(inputs.careNeed)
        #expect(
            care.specialGroups == [
                SpecialGroup(name: "特困", share: 0.005),
                SpecialGroup(name: "living_alone", share: 0.1, fromAge: 65),
            ])
        // The resolved scenario names the tables from the working folder.
        #expect(loaded.resolvedYAML.contains("population: \(folder.path)/population.csv"))
    }

    @Test("The small scenario projects to 2030: each area's identity holds and emigrants leave")
    func projectsTheSmallScenario() throws {
        let folder = try TemporaryFolder()
        try folder.write(DemographyScenario.files())
        let inputs = try #require(try ScenarioLoader().load(folder.path).get().scenario.demography)
        let result = try inputs.project(from: 2020, to: 2030)
        #expect(result.steps == 10)
        var migrants = 0.0
        for area in 0..<2 {
            for step in 0..<10 {
                let start = result.total(area: area, time: step)
                let end = result.total(area: area, time: step + 1)
                let change =
                    result.flow(result.births, area: area, step: step)
                    - result.flow(result.deaths, area: area, step: step)
                    + result.flow(result.migration, area: area, step: step)
                #expect(abs(end - start - change) < 1e-8 * start)
                migrants += result.flow(result.migration, area: area, step: step)
            }
        }
        // −300 a year for 10 years (split 2 : 1 by the areas' base populations), less the
        // emigrants the oldest, nearly empty ages cannot lose (cells stop at 0).
        #expect(migrants >= -3000 && migrants < -2900)
        let care = try #require(inputs.careNeedSummary(result, area: 0, time: 10, year: 2030))
        #expect(care.byLevel.reduce(0, +) - result.total(area: 0, time: 10) < 1e-6)
    }

    @Test(
        "Mistakes in demography: are reported at their line",
        arguments: [
            ("  graduation: monotone-spline", "  graduaton: sprague", "unknownKey"),
            (
                "    improvement: {female: 1 %, male: 0.8 %}",
                "    improvement: {female: 1 %, male: 0.8 %}\n    life_expectancy: {female: 80, male: 75}",
                "invalidValue"
            ),
            ("  open_age: 90", "  open_age: 150", "outOfRange"),
            ("    ax: mid", "    ax: graunt", "notOneOf"),
        ])
    func mistakes(old: String, new: String, kind: String) throws {
        let folder = try TemporaryFolder()
        let yaml = DemographyScenario.yaml.replacingOccurrences(of: old, with: new)
        try folder.write(DemographyScenario.files(yaml: yaml))
        guard case .failure(let failure) = ScenarioLoader().load(folder.path) else {
            Issue.record("the scenario loaded")
            return
        }
        let first = try #require(failure.diagnostics.first { $0.severity == .error })
        #expect(first.location.file.hasSuffix("scenario.yaml"), "\(failure)")
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let firstNewLine = new.split(separator: "\n").first.map(String.init) ?? new
        let expectedLine = (lines.firstIndex { $0 == firstNewLine } ?? -1) + 1
        let lastNewLine =
            (lines.firstIndex { $0 == (new.split(separator: "\n").last.map(String.init) ?? new) }
                ?? -1) + 1
        #expect([expectedLine, lastNewLine].contains(first.location.line), "\(failure)")
        #expect(String(describing: first.problem).hasPrefix(kind), "\(failure)")
    }

    @Test("A population area outside the region tree, and areas within areas, are refused")
    func areasMustBeRegionsWithoutOverlap() throws {
        let folder = try TemporaryFolder()
        let outside = DemographyScenario.population.replacingOccurrences(
            of: "210381,", with: "210399,")
        try folder.write(DemographyScenario.files().merging(["population.csv": outside]) { $1 })
        guard case .failure(let failure) = ScenarioLoader().load(folder.path) else {
            Issue.record("the scenario loaded")
            return
        }
        let first = try #require(failure.diagnostics.first { $0.severity == .error })
        #expect(first.problem == .unknownRegion(code: "210399"))
        #expect(first.location.line == 14)  // the first row of area 210399

        let nested = DemographyScenario.population.replacingOccurrences(
            of: "210381,", with: "210302006,")
        try folder.write(["population.csv": nested])
        guard case .failure(let again) = ScenarioLoader().load(folder.path) else {
            Issue.record("the scenario loaded")
            return
        }
        let overlap = try #require(again.diagnostics.first { $0.severity == .error })
        #expect(overlap.location.line == 14)
        #expect(overlap.problem.message(in: .en).contains("overlap"))
    }

    @Test(
        "The shipped Anshan scenario: 3,325,372 persons in 7 counties, single years to 100+, e0 on its path"
    )
    func anshan() throws {
        let loaded = try ScenarioLoader().load(SmallScenario.repository + "/Scenarios/anshan").get()
        let inputs = try #require(loaded.scenario.demography)
        #expect(inputs.areas.count == 7)
        #expect(inputs.bands == .singleYears(to: 100))
        // The 2020 census (NBS 中国人口普查分县资料2020): the city's 3,325,372 persons, 铁东区 511,574.
        #expect(abs(inputs.baseTotal - 3_325_372) < 1e-4)
        #expect(abs(inputs.basePopulation[0].total - 511_574) < 1e-6)
        // 85+ kept in total (Tiedong: 4,570 men and 6,120 women), now spread to 100+.
        #expect(abs(inputs.basePopulation[0].persons(atLeast: 85) - 10_690) < 1e-6)
        #expect(inputs.basePopulation[0].female[100] > 0)
        // Each year's rates reproduce the scenario's e0 path: WPP 2024's 82.4066 for females
        // in 2030 moved up by the NHC's 2024 level over WPP's (79.0 − 78.2011 = 0.799):
        // 83.2056.
        let table = try inputs.mortality.lifeTable(sex: .female, year: 2030)
        #expect(abs(table.lifeExpectancy - 83.2056) < 1e-6)
        let result = try inputs.project(from: 2020, to: 2035)
        #expect(result.steps == 15)
        let end = (0..<7).reduce(0) { $0 + result.total(area: $1, time: 15) }
        // China's fertility far below replacement and net emigration of 23,462 a year
        // (`net-migration-census-residual.csv`; at most 15 × 23,462 = 351,930 persons): the
        // city shrinks, by less than the 525,372 closed bound of 2.8 M plus the emigrants.
        #expect(end < 3_325_372 && end > 2_800_000 - 351_930)
    }
}
