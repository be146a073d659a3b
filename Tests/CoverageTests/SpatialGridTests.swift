import Coverage
import Testing

struct SpatialGridTests {
    static let points = [
        PlanarPoint(x: 0, y: 0), PlanarPoint(x: 300, y: 400), PlanarPoint(x: 1000, y: 0),
        PlanarPoint(x: -600, y: -800), PlanarPoint(x: 300, y: 400),
    ]

    @Test func aPointFiveHundredMetresAwayIsWithinFiveHundredButNotFourHundredNinetyNine() {
        // (300, 400) is 500 m from the origin (a 3–4–5 triangle).
        let grid = SpatialGrid(points: [PlanarPoint(x: 300, y: 400)], cellSize: 100)
        #expect(grid.containsPoint(within: 500, of: PlanarPoint(x: 0, y: 0)))
        #expect(!grid.containsPoint(within: 499.999, of: PlanarPoint(x: 0, y: 0)))
    }

    @Test func theNearestPointToTwoHundredFiftyFourHundredIsTheFirstOfTwoEqualPoints() {
        // Points 1 and 4 stand at (300, 400), 50 m from the query; the smaller index wins.
        let grid = SpatialGrid(points: Self.points, cellSize: 250)
        let nearest = grid.nearest(to: PlanarPoint(x: 250, y: 400), within: 1000)
        #expect(nearest?.index == 1)
        #expect(nearest?.distance == 50)
    }

    @Test func aDetourOfOnePointTwoFiveTurnsFourHundredMetresIntoAFiveHundredMetreWalk() {
        // Straight 400 m × 1.25 = 500 m ≤ 500; 401 m × 1.25 = 501.25 > 500.
        let grid = SpatialGrid(
            points: [PlanarPoint(x: 400, y: 0), PlanarPoint(x: 0, y: 401)], cellSize: 100)
        let nearest = grid.nearest(to: PlanarPoint(x: 0, y: 0), within: 500, scale: 1.25)
        #expect(nearest?.index == 0)
        #expect(nearest?.distance == 500)
        var found: [Int] = []
        grid.forEachPoint(within: 500, scale: 1.25, of: PlanarPoint(x: 0, y: 0)) { index, _ in
            found.append(index)
        }
        #expect(found == [0])
    }

    @Test func gridQueriesAgreeWithCheckingEveryPointOnThreeThousandRandomQueries() {
        // Second method: the distance to every point, one by one.
        var random = TestRandom(seed: 7)
        let points = (0..<2000).map { _ in
            PlanarPoint(x: random.next() * 5000, y: random.next() * 5000)
        }
        for cellSize in [50.0, 400.0, 10_000.0] {
            let grid = SpatialGrid(points: points, cellSize: cellSize)
            for _ in 0..<1000 {
                let query = PlanarPoint(
                    x: random.next() * 6000 - 500, y: random.next() * 6000 - 500)
                let radius = random.next() * 300
                let within = points.indices.filter { points[$0].distance(to: query) <= radius }
                var found: [Int] = []
                grid.forEachPoint(within: radius, of: query) { index, _ in found.append(index) }
                #expect(found.sorted() == within)
                #expect(grid.containsPoint(within: radius, of: query) == !within.isEmpty)
                let best = within.min {
                    (points[$0].distance(to: query), $0) < (points[$1].distance(to: query), $1)
                }
                #expect(grid.nearest(to: query, within: radius)?.index == best)
            }
        }
    }

    @Test func pointsSpreadOverAThousandKilometresGetLargerCells() {
        // 10 points over 1,000 km with 1 m cells would need 10¹² cells; the grid keeps at most
        // 4 × 10 + 4,096 of them.
        let points = (0..<10).map { PlanarPoint(x: Double($0) * 100_000, y: Double($0) * 100_000) }
        let grid = SpatialGrid(points: points, cellSize: 1)
        let cells = (900_000 / grid.cellSize + 1) * (900_000 / grid.cellSize + 1)
        #expect(cells <= 4136)
        #expect(grid.nearest(to: PlanarPoint(x: 500_000, y: 500_001), within: 10)?.index == 5)
    }

    @Test func anInfiniteRadiusSearchesTheWholeGrid() {
        let grid = SpatialGrid(points: Self.points, cellSize: 100)
        let nearest = grid.nearest(to: PlanarPoint(x: 5000, y: 5000), within: .infinity)
        // (1000, 0) is √(4000² + 5000²) ≈ 6,403 m away, the nearest of the five.
        #expect(nearest?.index == 2)
        var count = 0
        grid.forEachPoint(within: .infinity, of: PlanarPoint(x: 0, y: 0)) { _, _ in count += 1 }
        #expect(count == 5)
    }

    @Test func anEmptyGridFindsNothing() {
        let grid = SpatialGrid(points: [], cellSize: 10)
        #expect(!grid.containsPoint(within: 1e9, of: PlanarPoint(x: 0, y: 0)))
        #expect(grid.nearest(to: PlanarPoint(x: 0, y: 0), within: 1e9) == nil)
    }
}
