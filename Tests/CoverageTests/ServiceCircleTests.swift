import Coverage
import Foundation
import Geography
import Testing

/// Four resident points along a road and one service point at x = 500 m.
///
///   point  x (m)  unit           60+   80+   straight distance to the service point
///   0        0    210302001001   100    10    500
///   1      700    210302001002   200    30    200
///   2     1600    210302002001    50     5    1100
///   3     3000    (none)          50     5    2500
struct ServiceCircleTests {
    static func tree() throws -> RegionTree {
        func region(_ code: String, _ name: String, _ kind: RegionKind) throws -> Region {
            Region(code: try DivisionCode(parsing: code), name: name, kind: kind)
        }
        return try RegionTree(regions: [
            region("2103", "鞍山市", .city), region("210302", "铁东区", .district),
            region("210302001", "甲街道", .street), region("210302002", "乙街道", .street),
            region("210302001001", "一社区", .community),
            region("210302001002", "二社区", .community),
            region("210302002001", "三社区", .community),
        ])
    }

    static func residents(tree: RegionTree) throws -> ResidentPoints {
        let codes = ["210302001001", "210302001002", "210302002001"]
        var regions = try codes.map { Int32(tree.index(of: try DivisionCode(parsing: $0))!) }
        regions.append(-1)
        return ResidentPoints(
            locations: [0, 700, 1600, 3000].map { PlanarPoint(x: $0, y: 0) },
            regionIndices: regions,
            groups: [
                ResidentGroup(name: ResidentGroup.aged60Plus, weights: [100, 200, 50, 50]),
                ResidentGroup(name: ResidentGroup.aged80Plus, weights: [10, 30, 5, 5]),
            ])
    }

    static let servicePoint = [PlanarPoint(x: 500, y: 0)]

    @Test func threeQuartersOfThe60PlusAndFourFifthsOfThe80PlusLiveWithinTheCircle() throws {
        // Points 0 (500 m) and 1 (200 m) are within 1,000 m; 2 (1,100 m) and 3 are not.
        // 60+: (100 + 200) / 400 = 0.75; 80+: (10 + 30) / 50 = 0.8.
        let tree = try Self.tree()
        let result = ServiceCircle().evaluate(
            residents: try Self.residents(tree: tree), servicePoints: Self.servicePoint, tree: tree)
        #expect(result.share(group: 0) == 0.75)
        #expect(result.share(group: 1) == 0.8)
        #expect(result.uncoveredPoints == [2, 3])
        #expect(result.nearest.distances[0] == 500 && result.nearest.distances[1] == 200)
    }

    @Test func perUnitSharesAreOneForStreetOneZeroForStreetTwoAndSixSeventhsForTheDistrict()
        throws
    {
        // Street 甲 holds points 0 and 1 (both covered): 300/300. Street 乙 holds point 2:
        // 0/50. The district and city hold 0–2 (point 3 has no unit): 300/350 = 6/7.
        let tree = try Self.tree()
        let result = ServiceCircle().evaluate(
            residents: try Self.residents(tree: tree), servicePoints: Self.servicePoint, tree: tree)
        let index = { (code: String) in tree.index(of: try! DivisionCode(parsing: code))! }
        #expect(result.share(group: 0, region: index("210302001")) == 1)
        #expect(result.share(group: 0, region: index("210302002")) == 0)
        #expect(result.share(group: 0, region: index("210302")) == 300.0 / 350.0)
        #expect(result.share(group: 0, region: index("2103")) == 300.0 / 350.0)
        #expect(result.share(group: 1, region: index("210302")) == 40.0 / 45.0)
    }

    @Test func aDetourOfTwoPointFiveLeavesOnlyPointOneWithinTheWalk() throws {
        // 500 m × 2.5 = 1,250 m > 1,000 m; 200 m × 2.5 = 500 m. 60+: 200 / 400 = 0.5.
        let tree = try Self.tree()
        let circle = ServiceCircle(model: .straightLine(detour: 2.5))
        let result = circle.evaluate(
            residents: try Self.residents(tree: tree), servicePoints: Self.servicePoint, tree: tree)
        #expect(result.share(group: 0) == 0.5)
        #expect(result.nearest.distances[1] == 500)
    }

    @Test func tenMinutesAtFiftyMetresAMinuteReachesExactlyFiveHundredMetres() throws {
        // 10 × 50 = 500 m: point 0 at 500 m is inside (the boundary counts), point 1 at 200 m
        // too, nothing else.
        let tree = try Self.tree()
        let circle = ServiceCircle(minutes: 10, metresPerMinute: 50)
        #expect(circle.walkingDistance == 500)
        let result = circle.evaluate(
            residents: try Self.residents(tree: tree), servicePoints: Self.servicePoint)
        #expect(result.uncoveredPoints == [2, 3])
    }

    @Test func theDefaultCircleIsFifteenMinutesOfAboutOneThousandMetres() {
        let circle = ServiceCircle()
        #expect(circle.minutes == 15)
        #expect(abs(circle.walkingDistance - 1000) < 1e-9)
    }

    @Test func residentsPlacedAtTheirCommunitiesGiveTheSameShares() throws {
        // The three communities at 0, 700 and 1,600 m east of 122.99° E, 41.1° N (metres to
        // degrees of longitude: 1 / (6,371,008.8 · π/180 · cos 41.1°)); the district has
        // persons but no location and is listed. Service point at 500 m east.
        let base = try Self.tree()
        let metresPerDegree = 6_371_008.8 * Double.pi / 180 * cos(41.1 * Double.pi / 180)
        let eastOf = { (metres: Double) in
            GeoPoint(longitude: 122.99 + metres / metresPerDegree, latitude: 41.1)
        }
        var regions = base.regions
        for (code, metres) in [
            ("210302001001", 0.0), ("210302001002", 700), ("210302002001", 1600),
        ] {
            regions[base.index(of: try DivisionCode(parsing: code))!].location = eastOf(metres)
        }
        let tree = try RegionTree(regions: regions)
        var persons = [Double](repeating: 0, count: tree.count)
        for (code, count) in [
            ("210302001001", 100.0), ("210302001002", 200), ("210302002001", 50), ("210302", 7),
        ] {
            persons[tree.index(of: try DivisionCode(parsing: code))!] = count
        }
        let origin = eastOf(0)
        let (residents, projection, unlocated) = ResidentPoints.atRegions(
            of: tree, groups: [ResidentGroup(name: ResidentGroup.aged60Plus, weights: persons)],
            projection: LocalProjection(origin: origin))
        #expect(unlocated == [tree.index(of: try DivisionCode(parsing: "210302"))!])
        #expect(residents.count == 3)
        let (x, _) = projection.project(eastOf(500))
        let result = ServiceCircle().evaluate(
            residents: residents, servicePoints: [PlanarPoint(x: x, y: 0)], tree: tree)
        // Covered: 100 + 200 of 350 (the district's 7 unplaced persons are not counted).
        #expect(abs(result.share(group: 0)! - 300.0 / 350) < 1e-12)
    }

    @Test func withoutServicePointsNobodyIsCovered() throws {
        let tree = try Self.tree()
        let result = ServiceCircle().evaluate(
            residents: try Self.residents(tree: tree), servicePoints: [], tree: tree)
        #expect(result.share(group: 0) == 0)
        #expect(result.uncoveredPoints == [0, 1, 2, 3])
    }

    @Test func radiusCoverageIsTheSameWithOneTwoOrThreeThreads() {
        // 20,000 residents and 500 service points; results must not depend on threads.
        var random = TestRandom(seed: 11)
        let residents = (0..<20_000).map { _ in
            PlanarPoint(x: random.next() * 20_000, y: random.next() * 20_000)
        }
        let services = (0..<500).map { _ in
            PlanarPoint(x: random.next() * 20_000, y: random.next() * 20_000)
        }
        let runs = [1, 2, 3].map { threads in
            NearestFacility(
                demand: residents, facilities: services, within: 800, model: .radius,
                parallelism: Parallelism(threads: threads))
        }
        #expect(runs[0].distances == runs[1].distances && runs[1].distances == runs[2].distances)
        #expect(
            runs[0].facilities == runs[1].facilities && runs[1].facilities == runs[2].facilities)
        // Second method: the nearest service point by checking all 500.
        for index in stride(from: 0, to: residents.count, by: 97) {
            let best = services.indices.min {
                (services[$0].distance(to: residents[index]), $0)
                    < (services[$1].distance(to: residents[index]), $1)
            }!
            let distance = services[best].distance(to: residents[index])
            #expect(runs[0].facilities[index] == (distance <= 800 ? Int32(best) : -1))
        }
    }
}
