import Foundation
import Geography
import ScenarioFiles
import Targets
import Testing

@testable import Simulation

/// The 15-minute circle along a walking network in the year loop (`coverage.walking.network`),
/// on `Examples/small-city` (see `SmallCityTests`: each township's three units at (x, 41.000),
/// (x + 0.002°, 41.000) and (x, 41.002°); straight lines put all three within the 1,000 m walk
/// of a service point of the township, 1,500 of 3,000 persons aged 60+ in 2020).
///
/// The network is one line through 解放街道 only: 解放1 (123.000, 41.000) → 解放2 (123.002,
/// 41.000, the street centre C1) → a corner at (123.010, 41.010) → 解放3 (123.000, 41.002).
/// Worked by hand (1° of longitude ≈ 84.0 km at 41° N, 1° of latitude ≈ 111.0 km):
/// - 解放2 stands on C1's node: 0 m, covered; 解放1 walks the first edge, 0.002° × 84.0 km
///   ≈ 168 m: covered;
/// - 解放3's nearest node is its own; its only way to C1 runs by the corner: √(840² + 888²)
///   ≈ 1,222 m, then √(672² + 1,110²) ≈ 1,298 m, 2,520 m in all: beyond the walk;
/// - every other unit and service point is more than 6 km from a node, beyond the 200 m snap:
///   off the network, covering and covered by nothing.
/// So 200 of 3,000 persons aged 60+ in the city (6.7%), 200 of 1,200 in 铁东区.
@Suite struct WalkingNetworkCircleTests {
    static let network = """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
         "geometry": {"type": "LineString", "coordinates":
           [[123.000, 41.000], [123.002, 41.000], [123.010, 41.010], [123.000, 41.002]]}}]}
        """

    @Test func theCircleFollowsTheStreetsOfTheNetwork() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "network-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("network.geojson").path
        try Self.network.write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = try ScenarioLoader(overrides: ["coverage.walking.network=\(file)"])
            .load(repository + "/Examples/small-city").get()
        let network = try #require(loaded.scenario.coverage?.walkingNetwork)
        #expect(network.nodes.count == 4 && network.edges.count == 3)
        #expect(network.snapDistance == 200)
        let table = try Simulator.run(loaded.scenario, parallelism: .serial).indicators
        let circle = IndicatorCatalogue.indicator("fifteen-minute-circle-share")!
        let city = try #require(table.value(circle, year: 2020, region: 0))
        #expect(city.numerator == 200 && city.denominator == 3000)
        let district = try #require(table.value(circle, year: 2020, region: 1))
        #expect(district.numerator == 200 && district.denominator == 1200)
        // The first edge, great-circle: 0.002° of longitude at 41° N.
        #expect(abs(network.edges[0].length - 168) < 1)
    }
}
