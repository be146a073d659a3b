import Coverage
import Testing

/// A small network whose shortest paths are worked out by hand.
///
///     3 (100,100)
///     | \
///   150  120          0–1: 100   1–2: 100   2–4: 100
///     |    \          0–3: 150   3–2: 120   1–3: 300 (a long way round)
///     0 —— 1 —— 2 —— 4          5 (1000,1000) stands alone
struct WalkingNetworkTests {
    static let nodes = [
        PlanarPoint(x: 0, y: 0), PlanarPoint(x: 100, y: 0), PlanarPoint(x: 200, y: 0),
        PlanarPoint(x: 100, y: 100), PlanarPoint(x: 300, y: 0), PlanarPoint(x: 1000, y: 1000),
    ]
    static let edges = [
        WalkingNetwork.Edge(from: 0, to: 1, length: 100),
        WalkingNetwork.Edge(from: 1, to: 2, length: 100),
        WalkingNetwork.Edge(from: 0, to: 3, length: 150),
        WalkingNetwork.Edge(from: 3, to: 2, length: 120),
        WalkingNetwork.Edge(from: 2, to: 4, length: 100),
        WalkingNetwork.Edge(from: 1, to: 3, length: 300),
    ]

    static func network() throws -> WalkingNetwork {
        try WalkingNetwork(nodes: nodes, edges: edges)
    }

    @Test func shortestWalksFromNodeZeroAreOneHundredTwoHundredOneFiftyAndThreeHundred() throws {
        // By hand: 1 via 0–1 = 100; 2 via 0–1–2 = 200 (0–3–2 is 270); 3 via 0–3 = 150
        // (0–1–3 is 400); 4 via 2 = 300; 5 unreachable.
        let (distance, source) = try Self.network().nearestSources(
            [WalkingNetwork.Source(node: 0)], cutoff: 10_000)
        #expect(distance == [0, 100, 200, 150, 300, .infinity])
        #expect(source == [0, 0, 0, 0, 0, -1])
    }

    @Test func theCutoffOfTwoHundredKeepsNodeTwoAtExactlyTwoHundredAndDropsNodeFour() throws {
        let (distance, _) = try Self.network().nearestSources(
            [WalkingNetwork.Source(node: 0)], cutoff: 200)
        #expect(distance == [0, 100, 200, 150, .infinity, .infinity])
    }

    @Test func twoSourcesShareTheNetworkByNearestWalk() throws {
        // Sources: node 0 (walked 0 m) and node 4 (walked 50 m to reach it).
        // Node 2: from 0 = 200, from 4 = 50 + 100 = 150 → source 1. Node 1: 100 vs 250 → 0.
        // Node 3: 150 vs 50 + 100 + 120 = 270 → 0.
        let (distance, source) = try Self.network().nearestSources(
            [WalkingNetwork.Source(node: 0), WalkingNetwork.Source(node: 4, offset: 50)],
            cutoff: 1000)
        #expect(distance == [0, 100, 150, 150, 50, .infinity])
        #expect(source == [0, 0, 1, 0, 1, -1])
    }

    @Test func aTieAtOneHundredFiftyGoesToTheSourceListedFirst() throws {
        // Node 0 is 50 + 100 = 150 from source 0 (node 1, offset 50) and 0 + 150 = 150 from
        // source 1 (node 3): equal, so source 0. Listed the other way round, source 0 again
        // (now node 3).
        let network = try Self.network()
        let a = network.nearestSources(
            [WalkingNetwork.Source(node: 1, offset: 50), WalkingNetwork.Source(node: 3)],
            cutoff: 1000)
        let b = network.nearestSources(
            [WalkingNetwork.Source(node: 3), WalkingNetwork.Source(node: 1, offset: 50)],
            cutoff: 1000)
        #expect(a.distance[0] == 150 && a.source[0] == 0)
        #expect(b.distance[0] == 150 && b.source[0] == 0)
    }

    @Test func catchmentsOfEachSourceMatchItsOwnSearch() throws {
        let network = try Self.network()
        let sources = (0..<6).map { WalkingNetwork.Source(node: $0, offset: Double($0) * 10) }
        for threads in [1, 2, 3] {
            let catchments = network.catchments(
                of: sources, cutoff: 260, parallelism: Parallelism(threads: threads))
            for (index, source) in sources.enumerated() {
                let (distance, _) = network.nearestSources([source], cutoff: 260)
                let expected = distance.indices.filter { distance[$0] <= 260 }
                    .map { ($0, distance[$0]) }
                let found = catchments.catchment(of: index)
                #expect(found.map(\.node).sorted() == expected.map(\.0))
                for (node, walked) in found { #expect(walked == distance[node]) }
                // Nearest first.
                #expect(found.map(\.distance) == found.map(\.distance).sorted())
            }
        }
    }

    @Test func fromNodeOneTheCatchmentWithinOneHundredFiftyIsNodesOneZeroAndTwo() throws {
        // From 1: 0 and 2 at 100, 3 at 220 (via 2) and 4 at 200 are beyond 150.
        let catchments = try Self.network().catchments(
            of: [WalkingNetwork.Source(node: 1)], cutoff: 150)
        #expect(catchments.catchment(of: 0).map(\.node) == [1, 0, 2])
        #expect(catchments.catchment(of: 0).map(\.distance) == [0, 100, 100])
    }

    @Test func pointsSnapToTheNearestNodeWithinTheSnapDistanceOrNowhere() throws {
        // (10, 5) is √125 ≈ 11.18 m from node 0; (990, 1000) is 10 m from node 5; (500, 500)
        // is 538.5 m from node 4, its nearest, beyond 200 m.
        let snaps = try Self.network().snap(
            [PlanarPoint(x: 10, y: 5), PlanarPoint(x: 990, y: 1000), PlanarPoint(x: 500, y: 500)],
            maximumDistance: 200)
        #expect(snaps[0]?.node == 0)
        #expect(abs((snaps[0]?.distance ?? 0) - 125.0.squareRoot()) < 1e-12)
        #expect(snaps[1] == WalkingNetwork.Snap(node: 5, distance: 10))
        #expect(snaps[2] == nil)
    }

    @Test func networkReachAddsBothSnapDistancesAndReportsOffNetworkPoints() throws {
        // Facility at (300, 10): 10 m from node 4. Residents at (0, 20) (20 m from node 0),
        // (200, -30) (30 m from node 2) and (600, 600) (off the network).
        // Walks: 10 + 300 + 20 = 330 and 10 + 100 + 30 = 140.
        let network = try Self.network()
        let reach = Reach(
            from: [PlanarPoint(x: 300, y: 10)],
            to: [
                PlanarPoint(x: 0, y: 20), PlanarPoint(x: 200, y: -30), PlanarPoint(x: 600, y: 600),
            ],
            within: 400, model: .network(network, snapDistance: 100))
        let pairs = reach.matrix.row(0).map {
            (Int(reach.matrix.demandIndices[$0]), reach.matrix.distances[$0])
        }.sorted { $0.0 < $1.0 }
        #expect(pairs.map(\.0) == [0, 1])
        #expect(pairs.map(\.1) == [330, 140])
        #expect(reach.offNetworkDemand == [2])
        #expect(reach.offNetworkFacilities == [])

        let nearest = NearestFacility(
            demand: [
                PlanarPoint(x: 0, y: 20), PlanarPoint(x: 200, y: -30), PlanarPoint(x: 600, y: 600),
            ],
            facilities: [PlanarPoint(x: 300, y: 10)], within: 200,
            model: .network(network, snapDistance: 100))
        #expect(nearest.distances == [.infinity, 140, .infinity])
        #expect(nearest.facilities == [-1, 0, -1])
        #expect(nearest.offNetworkDemand == [2])
    }

    @Test(arguments: [
        (
            [WalkingNetwork.Edge(from: 0, to: 6, length: 1)],
            WalkingNetwork.BuildError.unknownNode(edge: 0, node: 6)
        ),
        ([WalkingNetwork.Edge(from: -1, to: 2, length: 1)], .unknownNode(edge: 0, node: -1)),
        (
            [
                WalkingNetwork.Edge(from: 0, to: 1, length: 1),
                WalkingNetwork.Edge(from: 0, to: 1, length: -5),
            ], .badLength(edge: 1, length: -5)
        ),
        (
            [WalkingNetwork.Edge(from: 0, to: 1, length: .infinity)],
            .badLength(edge: 0, length: .infinity)
        ),
    ])
    func badEdgesAreRefusedWithTheEdgeNamed(
        edges: [WalkingNetwork.Edge], expected: WalkingNetwork.BuildError
    ) {
        #expect(throws: expected) { try WalkingNetwork(nodes: Self.nodes, edges: edges) }
    }

    @Test func aNaNLengthIsRefused() {
        #expect {
            try WalkingNetwork(
                nodes: Self.nodes, edges: [WalkingNetwork.Edge(from: 0, to: 1, length: .nan)])
        } throws: { error in
            if case .badLength(edge: 0, _) = error as? WalkingNetwork.BuildError { return true }
            return false
        }
    }
}
