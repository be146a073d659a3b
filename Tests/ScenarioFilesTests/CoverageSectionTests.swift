import Coverage
import Diagnostics
import Foundation
import Geography
import Testing

@testable import ScenarioFiles

/// The `coverage:` section of a scenario, on the small Anshan scenario.
@Suite struct CoverageSectionTests {
    func load(_ coverage: String) throws -> (Result<LoadedScenario, ScenarioLoadError>, String) {
        let folder = try TemporaryFolder()
        let path = try folder.write([
            "s/scenario.yaml": SmallScenario.yaml + coverage,
            "s/regions.csv": SmallScenario.regions,
        ])
        return (ScenarioLoader().load(path + "/s"), folder.path)
    }

    @Test func aScenarioWithoutTheSectionHasNoCoverageSettings() throws {
        let (result, _) = try load("")
        #expect(try result.get().scenario.coverage == nil)
    }

    @Test func walkingTwelveMinutesAtFourKilometresAnHourReachesEightHundredMetres() throws {
        // 4 km/h = 4,000 / 60 = 66.67 m/min; 12 min × 66.67 = 800 m.
        let (result, _) = try load(
            """
            coverage:
              walking: {minutes: 12, metres_per_minute: 4 km/h, detour: 1.3}
              service_points: [community_station, village_point]

            """)
        let settings = try #require(try result.get().scenario.coverage)
        #expect(settings.walkingMinutes == 12)
        #expect(abs(settings.walkingDistance - 800) < 1e-9)
        #expect(settings.detour == 1.3)
        #expect(settings.servicePointTypes == ["community_station", "village_point"])
        // Defaults: the five indicators of the seed documents, by presence.
        #expect(
            settings.rules.map(\.id) == [
                "street_centres", "township_centres", "urban_communities", "rural_villages",
                "county_care_homes",
            ])
        #expect(settings.rules[4].unitKinds == [.county, .countyCity])
    }

    @Test func theDefaultsAreFifteenMinutesOfAThousandMetresByPresence() throws {
        let (result, _) = try load("coverage: {}\n")
        let settings = try #require(try result.get().scenario.coverage)
        #expect(settings.walkingMinutes == 15)
        #expect(abs(settings.walkingDistance - 1000) < 1e-9)
        #expect(settings.detour == 1)
        #expect(settings.definition == .presence)
    }

    @Test func indicatorsTakeTheirOwnDenominatorsTypesAndDefinitions() throws {
        let (result, _) = try load(
            """
            coverage:
              definition: service_area
              service_distance: 1.5 km
              indicators:
                county_care_homes: {units: counties_and_districts, facility_types: [care_home]}
                township_centres: {units: [town, township, street], definition: presence}
                blind_spot_counties: {units: ["210381"], facility_types: [public_home]}

            """)
        let settings = try #require(try result.get().scenario.coverage)
        #expect(settings.definition == .serviceArea(distance: 1500))
        let rules = Dictionary(uniqueKeysWithValues: settings.rules.map { ($0.id, $0) })
        #expect(rules["county_care_homes"]?.unitKinds == [.county, .countyCity, .district])
        #expect(rules["county_care_homes"]?.facilityTypes == ["care_home"])
        #expect(rules["township_centres"]?.unitKinds == [.town, .township, .street])
        #expect(rules["township_centres"]?.definition == .presence)
        #expect(rules["street_centres"]?.definition == .serviceArea(distance: 1500))
        #expect(rules["blind_spot_counties"]?.units == [try DivisionCode(parsing: "210381")])
    }

    /// A mistake in the section, the line it is on (counted from the section's first line,
    /// which is line 9 of the file) and the start of its message.
    struct BadSection: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var line: Int
        var message: String
        var testDescription: String { name }
    }

    static let badSections: [BadSection] = [
        BadSection(
            name: "an unknown key", yaml: "coverage:\n  walkng: {minutes: 15}\n", line: 10,
            message: "unknown key 'walkng' in 'coverage' (did you mean 'walking'?)"),
        BadSection(
            name: "zero minutes", yaml: "coverage:\n  walking: {minutes: 0}\n", line: 10,
            message: "coverage.walking.minutes must be between 0.1 and 600 min (got 0)"),
        BadSection(
            name: "a detour below one", yaml: "coverage:\n  walking: {detour: 0.8}\n", line: 10,
            message: "coverage.walking.detour must be between 1 and 5 (got 0.8)"),
        BadSection(
            name: "a speed in the wrong unit",
            yaml: "coverage:\n  walking: {metres_per_minute: 60 min}\n",
            line: 10, message: "coverage.walking.metres_per_minute is measured in m/min; unit 'min'"
        ),
        BadSection(
            name: "an unknown definition", yaml: "coverage:\n  definition: nearby\n", line: 10,
            message: "coverage.definition must be one of 'presence', 'service_area' (got 'nearby')"),
        BadSection(
            name: "a service area without a distance",
            yaml: "coverage:\n  definition: service_area\n",
            line: 10,
            message: "coverage.service_distance: a service-area definition needs the distance"),
        BadSection(
            name: "an unknown indicator",
            yaml: "coverage:\n  indicators:\n    street_centre: {units: [street]}\n", line: 11,
            message:
                "unknown key 'street_centre' in 'coverage.indicators' (did you mean 'street_centres'?)"
        ),
        BadSection(
            name: "an unknown unit kind",
            yaml: "coverage:\n  indicators:\n    street_centres: {units: [streets]}\n", line: 11,
            message: "coverage.indicators.street_centres.units must be one of"),
        BadSection(
            name: "a blind-spot county not in the regions",
            yaml: "coverage:\n  indicators:\n    blind_spot_counties: {units: [\"210399\"]}\n",
            line: 11,
            message: "unknown region code 210399"),
        BadSection(
            name: "blind-spot counties without units",
            yaml:
                "coverage:\n  indicators:\n    blind_spot_counties: {facility_types: [public_home]}\n",
            line: 11,
            message: "missing required key 'units' in 'coverage.indicators.blind_spot_counties'"),
        BadSection(
            name: "a facility type with capitals",
            yaml: "coverage:\n  service_points: [Community_Station]\n", line: 10,
            message: "coverage.service_points: 'Community_Station' is not a facility type"),
        BadSection(
            name: "an unknown county denominator",
            yaml: "coverage:\n  indicators:\n    county_care_homes: {units: districts}\n", line: 11,
            message:
                "coverage.indicators.county_care_homes.units must be one of 'counties', 'counties_and_districts'"
        ),
    ]

    @Test(arguments: badSections)
    func mistakesInTheSectionAreReportedOnTheirLine(_ bad: BadSection) throws {
        // SmallScenario.yaml has 8 lines and a final line break; the section starts on line 9.
        #expect(
            SmallScenario.yaml.split(separator: "\n", omittingEmptySubsequences: false).count == 9)
        let (result, _) = try load(bad.yaml)
        guard case .failure(let failure) = result else {
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

/// `coverage.walking.network`: a bad file is reported at its line and column.
@Suite struct WalkingNetworkSectionTests {
    @Test(arguments: [
        (
            #"{"type": "Point", "coordinates": [123.0, 41.0]}"#,
            "the network holds LineString or MultiLineString geometries (got Point)"
        ),
        (
            #"{"type": "LineString", "coordinates": [[500000, 4500000], [500100, 4500000]]}"#,
            "a scenario's network gives longitude and latitude, as its points do"
        ),
    ])
    func aBadNetworkIsRefusedWithItsPlace(_ text: String, _ reason: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write([
            "s/scenario.yaml": SmallScenario.yaml
                + "coverage:\n  walking: {minutes: 15, network: network.geojson, snap: 150 m}\n",
            "s/regions.csv": SmallScenario.regions,
            "s/network.geojson": text,
        ])
        guard case .failure(let failure) = ScenarioLoader().load(path + "/s") else {
            Issue.record("the scenario loaded")
            return
        }
        let error = try #require(failure.diagnostics.first { $0.severity == .error })
        #expect("\(error)".contains(reason), "\(error)")
    }

    @Test func aGoodNetworkIsReadWithItsSnap() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write([
            "s/scenario.yaml": SmallScenario.yaml
                + "coverage:\n  walking: {minutes: 15, network: network.geojson, snap: 150 m}\n",
            "s/regions.csv": SmallScenario.regions,
            "s/network.geojson":
                #"{"type": "LineString", "coordinates": [[123.0, 41.0], [123.0, 41.001], [123.0, 41.0]]}"#,
        ])
        let network = try #require(
            try ScenarioLoader().load(path + "/s").get().scenario.coverage?.walkingNetwork)
        // Three positions, two distinct: 2 nodes, 2 edges (there and back), 0.001° of
        // latitude ≈ 111 m each.
        #expect(network.nodes.count == 2 && network.edges.count == 2)
        #expect(network.snapDistance == 150)
        #expect(abs(network.edges[0].length - 111) < 1)
    }
}
