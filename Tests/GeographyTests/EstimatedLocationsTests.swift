import Foundation
import Testing

@testable import Geography

/// The estimated points of communities and villages (`coverage.estimate_locations`), on a
/// county worked by hand:
/// - 东城区 (110101) at the midpoint of its two located streets, 001 at (116.40° E, 39.90° N)
///   and 002 exactly 2,000 m north of it (Δφ = 2,000 / 6,371,008.8 rad = 0.017986°), so
///   the county point is 1,000 m from each;
/// - street 001 has 100 communities: it needs 300 m × √100 = 3,000 m of radius (100 discs
///   of the five-minute level's π × 300²), more than half its spacing (1,000 m);
/// - street 002 has two villages and keeps half its spacing, 1,000 m;
/// - street 003 has no point: it is placed within the mean distance from the county point to
///   the located streets, 1,000 m, and takes their median radius, 1,000 m, for its community.
@Suite struct EstimatedLocationsTests {
    static let north2000 = 2_000 / Earth.meanRadius * 180 / Double.pi
    static let street1 = GeoPoint(longitude: 116.40, latitude: 39.90)
    static let street2 = GeoPoint(longitude: 116.40, latitude: 39.90 + north2000)
    static let county = GeoPoint(longitude: 116.40, latitude: 39.90 + north2000 / 2)

    static func tree(leaving out: String? = nil) throws -> RegionTree {
        func region(
            _ code: String, _ kind: RegionKind, _ point: GeoPoint? = nil
        ) throws -> Region {
            Region(code: try DivisionCode(parsing: code), name: code, kind: kind, location: point)
        }
        var regions = [
            try region("110101", .district, county),
            try region("110101001", .street, street1),
            try region("110101002", .street, street2),
            try region("110101003", .street),
            try region("110101002201", .village),
            try region("110101002202", .village),
            try region("110101003001", .community),
        ]
        for number in 1...100 {
            regions.append(try region("110101001" + String(format: "%03d", number), .community))
        }
        return try RegionTree(regions: regions.filter { $0.code.description != out })
    }

    func point(_ tree: RegionTree, _ code: String) throws -> GeoPoint {
        try #require(tree[try DivisionCode(parsing: code)]?.location)
    }

    @Test func givenPointsStayAndEveryOtherUnitIsPlacedAndMarked() throws {
        let tree = EstimatedLocations.estimate(try Self.tree(), seed: 7)
        #expect(try point(tree, "110101001") == Self.street1)
        #expect(tree[try DivisionCode(parsing: "110101001")]?.locationIsEstimated == false)
        for region in tree.regions where region.code.level >= .township {
            #expect(region.location != nil, "\(region.code)")
        }
        #expect(tree.regions.filter(\.locationIsEstimated).count == 104)
    }

    @Test func communitiesFillTheDiscTheirNumberNeeds() throws {
        let tree = EstimatedLocations.estimate(try Self.tree(), seed: 7)
        let distances = try (1...100).map {
            Earth.distance(Self.street1, try point(tree, "110101001" + String(format: "%03d", $0)))
        }
        #expect(distances.allSatisfy { $0 <= 3_000 + 1e-6 })
        // Uniform over the disc: half the points lie within r/√2 (binomial, 100 draws: the
        // count is 50 ± 5 at one standard deviation).
        let inner = distances.filter { $0 <= 3_000 / 2.0.squareRoot() }.count
        #expect((35...65).contains(inner))
        // Half the spacing alone (1,000 m) would hold all of them.
        #expect(distances.contains { $0 > 1_000 })
    }

    @Test func villagesStayWithinHalfTheSpacingAndTheUnlocatedStreetNearTheCounty() throws {
        let tree = EstimatedLocations.estimate(try Self.tree(), seed: 7)
        for village in ["110101002201", "110101002202"] {
            #expect(Earth.distance(Self.street2, try point(tree, village)) <= 1_000 + 1e-6)
        }
        let street3 = try point(tree, "110101003")
        #expect(Earth.distance(Self.county, street3) <= 1_000 + 1e-6)
        #expect(Earth.distance(street3, try point(tree, "110101003001")) <= 1_000 + 1e-6)
    }

    @Test func theSeedAloneDecidesAndNoUnitMovesAnother() throws {
        let first = EstimatedLocations.estimate(try Self.tree(), seed: 7)
        let again = EstimatedLocations.estimate(try Self.tree(), seed: 7)
        let other = EstimatedLocations.estimate(try Self.tree(), seed: 8)
        let fewer = EstimatedLocations.estimate(try Self.tree(leaving: "110101002201"), seed: 7)
        #expect(first.regions == again.regions)
        #expect(try point(first, "110101001050") != point(other, "110101001050"))
        #expect(try point(first, "110101002202") == point(fewer, "110101002202"))
    }

    /// The sweep agrees with the distance to every other point (a second method) on 300
    /// points scattered over 1° × 1°.
    @Test func nearestNeighboursMatchTheFullSearch() {
        var random = SplitMix64(seed: 42)
        let points = (0..<300).map { _ in
            GeoPoint(longitude: 120 + random.nextUnit(), latitude: 40 + random.nextUnit())
        }
        let swept = EstimatedLocations.nearestNeighbourDistances(points)
        for (index, point) in points.enumerated() {
            let full = points.indices.filter { $0 != index }
                .map { Earth.distance(point, points[$0]) }.min()!
            #expect(swept[index] == full)
        }
    }

    /// Moving 1,000 m north and 1,000 m east at 40° N lands 1,000 m away by the haversine
    /// formula (to a centimetre: the east step follows the parallel, not the great circle).
    @Test func anOffsetIsItsDistanceInMetres() {
        let origin = GeoPoint(longitude: 120, latitude: 40)
        let north = EstimatedLocations.offset(origin, north: 1_000, east: 0)
        let east = EstimatedLocations.offset(origin, north: 0, east: 1_000)
        #expect(abs(Earth.distance(origin, north) - 1_000) < 1e-6)
        #expect(abs(Earth.distance(origin, east) - 1_000) < 0.01)
    }
}
