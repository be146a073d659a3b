/// How walking distances are measured between residents and facilities.
public enum DistanceModel: Sendable {
    /// The straight-line distance times a detour factor (≥ 1 for real streets; 1 is the
    /// plain radius).
    case straightLine(detour: Double)
    /// The shortest walk along a network: straight to the nearest node (within
    /// `snapDistance` metres, else the point is off the network), along edges, and straight
    /// from the last node to the destination.
    case network(WalkingNetwork, snapDistance: Double)

    /// The plain radius: straight lines, no detour.
    public static let radius = DistanceModel.straightLine(detour: 1)
}

/// Which demand points each facility reaches within a cutoff, and how far — a sparse
/// facility × demand matrix of walking distances, in compressed rows by facility.
///
/// Facility f reaches the demand points `demandIndices[starts[f] ..< starts[f + 1]]` at
/// `distances[…]` metres. Only pairs within the cutoff are held, so the matrix stays small
/// where a dense one (as spatial-optimisation libraries build) would not fit in memory.
/// The order of the pairs within a row is deterministic but unspecified.
public struct ReachMatrix: Sendable {
    /// The number of facilities (rows).
    public let facilityCount: Int
    /// The number of demand points (columns).
    public let demandCount: Int
    /// Row offsets, `facilityCount + 1` of them.
    public let starts: [Int]
    /// The demand point of each pair.
    public let demandIndices: [Int32]
    /// The walking distance of each pair in metres.
    public let distances: [Double]

    /// Builds a matrix from its rows.
    public init(
        facilityCount: Int, demandCount: Int, starts: [Int], demandIndices: [Int32],
        distances: [Double]
    ) {
        precondition(starts.count == facilityCount + 1, "one start per facility plus one")
        precondition(demandIndices.count == distances.count && starts.last == distances.count)
        self.facilityCount = facilityCount
        self.demandCount = demandCount
        self.starts = starts
        self.demandIndices = demandIndices
        self.distances = distances
    }

    /// Builds a matrix from lists of (demand index, distance) per facility.
    public init(demandCount: Int, rows: [[(demand: Int, distance: Double)]]) {
        var starts = [0]
        var indices: [Int32] = []
        var distances: [Double] = []
        for row in rows {
            for pair in row {
                precondition((0..<demandCount).contains(pair.demand), "demand index in range")
                indices.append(Int32(pair.demand))
                distances.append(pair.distance)
            }
            starts.append(indices.count)
        }
        self.init(
            facilityCount: rows.count, demandCount: demandCount, starts: starts,
            demandIndices: indices, distances: distances)
    }

    /// The number of (facility, demand point) pairs held.
    public var pairCount: Int { distances.count }

    /// The pairs of one facility.
    public func row(_ facility: Int) -> Range<Int> { starts[facility]..<starts[facility + 1] }

    /// The same pairs by demand point: row i of the result lists the facilities that reach
    /// demand point i, in increasing facility index.
    /// - Complexity: O(pairs + facilities + demand points), a counting sort.
    public func byDemand() -> ReachMatrix {
        var counts = [Int](repeating: 0, count: demandCount + 1)
        for demand in demandIndices { counts[Int(demand) + 1] += 1 }
        for index in 0..<demandCount { counts[index + 1] += counts[index] }
        var next = counts
        var facilities = [Int32](repeating: 0, count: pairCount)
        var transposedDistances = [Double](repeating: 0, count: pairCount)
        for facility in 0..<facilityCount {
            for pair in row(facility) {
                let demand = Int(demandIndices[pair])
                let slot = next[demand]
                next[demand] += 1
                facilities[slot] = Int32(facility)
                transposedDistances[slot] = distances[pair]
            }
        }
        return ReachMatrix(
            facilityCount: demandCount, demandCount: facilityCount, starts: counts,
            demandIndices: facilities, distances: transposedDistances)
    }

    /// Pairs from row-wise chunks computed in parallel, joined in chunk order.
    static func joining(
        demandCount: Int, chunks: [(counts: [Int], indices: [Int32], distances: [Double])]
    ) -> ReachMatrix {
        var starts = [0]
        starts.reserveCapacity(chunks.reduce(1) { $0 + $1.counts.count })
        let total = chunks.reduce(0) { $0 + $1.indices.count }
        var indices: [Int32] = []
        var distances: [Double] = []
        indices.reserveCapacity(total)
        distances.reserveCapacity(total)
        for chunk in chunks {
            for count in chunk.counts { starts.append(starts[starts.count - 1] + count) }
            indices.append(contentsOf: chunk.indices)
            distances.append(contentsOf: chunk.distances)
        }
        return ReachMatrix(
            facilityCount: starts.count - 1, demandCount: demandCount, starts: starts,
            demandIndices: indices, distances: distances)
    }
}

/// The pairs within reach and the points that could not be placed on the network.
public struct Reach: Sendable {
    /// The facility × demand pairs within the cutoff.
    public var matrix: ReachMatrix
    /// Demand points farther than the snap distance from every node (network model only):
    /// they reach nothing and must be reported.
    public var offNetworkDemand: [Int]
    /// Facilities farther than the snap distance from every node (network model only).
    public var offNetworkFacilities: [Int]

    /// Finds every facility–demand pair whose walking distance is at most `cutoff`.
    /// - Parameters:
    ///   - facilities: facility positions in metres.
    ///   - demand: demand point positions in metres.
    ///   - cutoff: the largest walking distance in metres (boundary included).
    ///   - model: straight line with a detour factor, or a walking network.
    /// - Complexity: straight line: a grid over the demand points and one query per facility;
    ///   network: one bounded Dijkstra search per facility. Both in parallel over facilities.
    public init(
        from facilities: [PlanarPoint], to demand: [PlanarPoint], within cutoff: Double,
        model: DistanceModel, parallelism: Parallelism = .automatic
    ) {
        switch model {
        case .straightLine(let detour):
            matrix = Self.straightLine(
                facilities: facilities, demand: demand, cutoff: cutoff, detour: detour,
                parallelism: parallelism)
            offNetworkDemand = []
            offNetworkFacilities = []
        case .network(let network, let snapDistance):
            let demandSnaps = network.snap(
                demand, maximumDistance: snapDistance, parallelism: parallelism)
            let facilitySnaps = network.snap(
                facilities, maximumDistance: snapDistance, parallelism: parallelism)
            offNetworkDemand = demandSnaps.indices.filter { demandSnaps[$0] == nil }
            offNetworkFacilities = facilitySnaps.indices.filter { facilitySnaps[$0] == nil }
            matrix = Self.network(
                network, facilitySnaps: facilitySnaps, demandSnaps: demandSnaps, cutoff: cutoff,
                parallelism: parallelism)
        }
    }

    private static func straightLine(
        facilities: [PlanarPoint], demand: [PlanarPoint], cutoff: Double, detour: Double,
        parallelism: Parallelism
    ) -> ReachMatrix {
        let grid = SpatialGrid(points: demand, cellSize: max(cutoff / detour, 1e-9))
        let chunkSize = 256
        let chunkCount = Parallelism.chunkCount(count: facilities.count, chunkSize: chunkSize)
        typealias Chunk = (counts: [Int], indices: [Int32], distances: [Double])
        let chunks = [Chunk](unsafeUninitializedCapacity: chunkCount) { buffer, initialized in
            let output = SharedBuffer(buffer)
            parallelism.forEachChunk(count: facilities.count, chunkSize: chunkSize) {
                chunk, range in
                var counts: [Int] = []
                var indices: [Int32] = []
                var distances: [Double] = []
                counts.reserveCapacity(range.count)
                for facility in range {
                    let before = indices.count
                    grid.forEachPoint(within: cutoff, scale: detour, of: facilities[facility]) {
                        index, distance in
                        indices.append(Int32(index))
                        distances.append(distance)
                    }
                    counts.append(indices.count - before)
                }
                (output.base + chunk).initialize(to: (counts, indices, distances))
            }
            initialized = chunkCount
        }
        return ReachMatrix.joining(demandCount: demand.count, chunks: chunks)
    }

    private static func network(
        _ network: WalkingNetwork, facilitySnaps: [WalkingNetwork.Snap?],
        demandSnaps: [WalkingNetwork.Snap?], cutoff: Double, parallelism: Parallelism
    ) -> ReachMatrix {
        // Demand points by node (compressed rows), in index order within a node.
        var nodeStarts = [Int32](repeating: 0, count: network.nodeCount + 1)
        for snap in demandSnaps { if let snap { nodeStarts[snap.node + 1] += 1 } }
        for node in 0..<network.nodeCount { nodeStarts[node + 1] += nodeStarts[node] }
        var next = nodeStarts
        var demandAtNode = [Int32](repeating: 0, count: Int(nodeStarts[network.nodeCount]))
        for (index, snap) in demandSnaps.enumerated() {
            guard let snap else { continue }
            demandAtNode[Int(next[snap.node])] = Int32(index)
            next[snap.node] += 1
        }
        // Off-network facilities search nothing: an unreachable source.
        let sources = facilitySnaps.map { snap in
            snap.map { WalkingNetwork.Source(node: $0.node, offset: $0.distance) }
                ?? WalkingNetwork.Source(node: 0, offset: .infinity)
        }
        let catchments = network.catchments(of: sources, cutoff: cutoff, parallelism: parallelism)
        var starts = [0]
        var indices: [Int32] = []
        var distances: [Double] = []
        for facility in facilitySnaps.indices {
            for pair in catchments.starts[facility]..<catchments.starts[facility + 1] {
                let node = Int(catchments.nodes[pair])
                let walked = catchments.distances[pair]
                for slot in Int(nodeStarts[node])..<Int(nodeStarts[node + 1]) {
                    let demand = Int(demandAtNode[slot])
                    let distance = walked + demandSnaps[demand]!.distance
                    if distance <= cutoff {
                        indices.append(Int32(demand))
                        distances.append(distance)
                    }
                }
            }
            starts.append(indices.count)
        }
        return ReachMatrix(
            facilityCount: facilitySnaps.count, demandCount: demandSnaps.count, starts: starts,
            demandIndices: indices, distances: distances)
    }
}
