import Dispatch

/// A walking network (步行路网): nodes on the map and two-way edges with their lengths.
///
/// Edges are held as compressed sparse rows (CSR): the neighbours of node v are
/// `targets[starts[v] ..< starts[v + 1]]`, each edge stored once per direction. Shortest
/// paths use Dijkstra's algorithm with a binary heap, bounded by a distance cutoff, which is
/// what walking catchments need: a 15-minute walk reaches a few hundred nodes of a city's
/// network, never the whole of it.
public struct WalkingNetwork: Sendable {
    /// The nodes' positions in metres.
    public let nodes: [PlanarPoint]
    /// CSR offsets, one per node plus one.
    let starts: [Int32]
    /// The node at the far end of each directed edge.
    let targets: [Int32]
    /// The length of each directed edge in metres.
    let lengths: [Double]

    /// An edge as given: two node indices and the length in metres.
    public struct Edge: Hashable, Sendable {
        public var from: Int
        public var to: Int
        public var length: Double

        public init(from: Int, to: Int, length: Double) {
            self.from = from
            self.to = to
            self.length = length
        }
    }

    /// Why edges do not make a network.
    public enum BuildError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Edge `edge` names a node index outside `0..<nodeCount`.
        case unknownNode(edge: Int, node: Int)
        /// Edge `edge` has a negative, infinite or NaN length.
        case badLength(edge: Int, length: Double)
        /// A node has coordinates that are not finite.
        case badNode(node: Int)

        public var description: String {
            switch self {
            case .unknownNode(let edge, let node): "edge \(edge) names unknown node \(node)"
            case .badLength(let edge, let length):
                "edge \(edge) has length \(length); lengths are finite and not negative"
            case .badNode(let node): "node \(node) has coordinates that are not numbers"
            }
        }
    }

    /// Builds the network; every edge may be walked both ways.
    /// - Parameters:
    ///   - nodes: node positions in metres.
    ///   - edges: edges between node indices, lengths in metres (≥ 0). Loops are dropped;
    ///     parallel edges are kept (the shorter one wins in searches).
    /// - Throws: ``BuildError`` for the first bad node or edge.
    /// - Complexity: O(nodes + edges).
    public init(nodes: [PlanarPoint], edges: [Edge]) throws(BuildError) {
        for (index, node) in nodes.enumerated() where !node.isFinite {
            throw .badNode(node: index)
        }
        var degree = [Int32](repeating: 0, count: nodes.count + 1)
        for (index, edge) in edges.enumerated() {
            guard nodes.indices.contains(edge.from) else {
                throw .unknownNode(edge: index, node: edge.from)
            }
            guard nodes.indices.contains(edge.to) else {
                throw .unknownNode(edge: index, node: edge.to)
            }
            guard edge.length.isFinite, edge.length >= 0 else {
                throw .badLength(edge: index, length: edge.length)
            }
            guard edge.from != edge.to else { continue }
            degree[edge.from + 1] += 1
            degree[edge.to + 1] += 1
        }
        precondition(2 * edges.count < Int(Int32.max), "too many edges")
        for node in 0..<nodes.count { degree[node + 1] += degree[node] }
        var next = degree
        var targets = [Int32](repeating: 0, count: Int(degree[nodes.count]))
        var lengths = [Double](repeating: 0, count: targets.count)
        for edge in edges where edge.from != edge.to {
            let forward = Int(next[edge.from])
            next[edge.from] += 1
            targets[forward] = Int32(edge.to)
            lengths[forward] = edge.length
            let backward = Int(next[edge.to])
            next[edge.to] += 1
            targets[backward] = Int32(edge.from)
            lengths[backward] = edge.length
        }
        self.nodes = nodes
        self.starts = degree
        self.targets = targets
        self.lengths = lengths
    }

    /// The number of nodes.
    public var nodeCount: Int { nodes.count }

    /// The number of two-way edges (loops not counted).
    public var edgeCount: Int { targets.count / 2 }

    /// Where a point joins the network: the nearest node and the straight-line distance to it.
    public struct Snap: Hashable, Sendable {
        /// The node index.
        public var node: Int
        /// The straight-line distance from the point to the node in metres, walked on top of
        /// the network distance.
        public var distance: Double

        public init(node: Int, distance: Double) {
            self.node = node
            self.distance = distance
        }
    }

    /// Snaps points to their nearest nodes.
    ///
    /// A point farther than `maximumDistance` from every node gets `nil`: it is off the
    /// network, and callers must report it rather than drop it. Ties go to the node of smaller
    /// index.
    /// - Complexity: about O(points + nodes) with a grid of cells of `maximumDistance`.
    public func snap(
        _ points: [PlanarPoint], maximumDistance: Double, parallelism: Parallelism = .automatic
    ) -> [Snap?] {
        guard maximumDistance > 0 else {
            return points.map { _ in nil }
        }
        let grid = SpatialGrid(points: nodes, cellSize: maximumDistance)
        return parallelism.map(count: points.count) { index in
            grid.nearest(to: points[index], within: maximumDistance).map {
                Snap(node: $0.index, distance: $0.distance)
            }
        }
    }
}

/// A binary min-heap of (distance, node) pairs for Dijkstra's algorithm; stale entries are
/// skipped by the caller (lazy deletion). Ties pop the smaller node first.
struct DistanceHeap {
    private(set) var keys: [Double] = []
    private(set) var nodes: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private func less(_ a: Int, _ b: Int) -> Bool {
        keys[a] < keys[b] || (keys[a] == keys[b] && nodes[a] < nodes[b])
    }

    mutating func push(_ key: Double, _ node: Int32) {
        keys.append(key)
        nodes.append(node)
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            keys.swapAt(child, parent)
            nodes.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (key: Double, node: Int32) {
        let top = (keys[0], nodes[0])
        let lastKey = keys.removeLast()
        let lastNode = nodes.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            nodes[0] = lastNode
            var parent = 0
            let count = keys.count
            while true {
                let left = 2 * parent + 1
                guard left < count else { break }
                var smallest = left
                if left + 1 < count, less(left + 1, left) { smallest = left + 1 }
                guard less(smallest, parent) else { break }
                keys.swapAt(smallest, parent)
                nodes.swapAt(smallest, parent)
                parent = smallest
            }
        }
        return top
    }
}

extension WalkingNetwork {
    /// A point where a search starts: a node and the distance already walked to reach it
    /// (the snap distance of a facility).
    public struct Source: Hashable, Sendable {
        public var node: Int
        public var offset: Double

        public init(node: Int, offset: Double = 0) {
            self.node = node
            self.offset = offset
        }
    }

    /// The distance from every node to its nearest source, by one multi-source search.
    ///
    /// All sources start in the heap at once with their offsets, so one pass of Dijkstra's
    /// algorithm finds, for every node within `cutoff`, the shortest walk from any source and
    /// which source it comes from — "covered by any facility" without one search per facility.
    /// - Parameters:
    ///   - sources: the starting nodes with their offsets in metres.
    ///   - cutoff: nodes farther than this (metres) are left unreached.
    /// - Returns: per node, the distance (∞ if beyond the cutoff) and the index in `sources`
    ///   of the nearest source (−1 if unreached; ties go to the smaller source index).
    /// - Complexity: O((V' + E') log V') for the V' nodes and E' edges within the cutoff.
    public func nearestSources(_ sources: [Source], cutoff: Double) -> (
        distance: [Double], source: [Int32]
    ) {
        var distance = [Double](repeating: .infinity, count: nodeCount)
        var owner = [Int32](repeating: -1, count: nodeCount)
        var heap = DistanceHeap()
        for (index, source) in sources.enumerated() where source.offset <= cutoff {
            let node = source.node
            if source.offset < distance[node]
                || (source.offset == distance[node] && Int32(index) < owner[node])
            {
                distance[node] = source.offset
                owner[node] = Int32(index)
                heap.push(source.offset, Int32(node))
            }
        }
        var settled = [Bool](repeating: false, count: nodeCount)
        starts.withUnsafeBufferPointer { starts in
            targets.withUnsafeBufferPointer { targets in
                lengths.withUnsafeBufferPointer { lengths in
                    while !heap.isEmpty {
                        let (key, node32) = heap.pop()
                        let node = Int(node32)
                        if settled[node] || key > distance[node] { continue }
                        settled[node] = true
                        let from = owner[node]
                        for edge in Int(starts[node])..<Int(starts[node + 1]) {
                            let next = Int(targets[edge])
                            if settled[next] { continue }
                            let candidate = key + lengths[edge]
                            guard candidate <= cutoff else { continue }
                            if candidate < distance[next]
                                || (candidate == distance[next] && from < owner[next])
                            {
                                distance[next] = candidate
                                owner[next] = from
                                heap.push(candidate, Int32(next))
                            }
                        }
                    }
                }
            }
        }
        return (distance, owner)
    }

    /// The catchment of every source: the nodes within `cutoff` of it and their distances,
    /// one bounded search per source, run in parallel.
    ///
    /// - Parameters:
    ///   - sources: the starting nodes with their offsets.
    ///   - cutoff: the largest distance kept, in metres (boundary included).
    /// - Returns: per source, the reached nodes in increasing distance (ties by node index).
    /// - Complexity: O(Σ (V'ᵢ + E'ᵢ) log V'ᵢ) over the sources' catchments; each worker keeps
    ///   one distance array of the network's size and resets only what it touched.
    public func catchments(
        of sources: [Source], cutoff: Double, parallelism: Parallelism = .automatic
    ) -> NetworkCatchments {
        let chunkSize = 64
        let chunks = Parallelism.chunkCount(count: sources.count, chunkSize: chunkSize)
        let results = [ChunkResult](unsafeUninitializedCapacity: chunks) { buffer, initialized in
            let output = SharedBuffer(buffer)
            let workers = min(parallelism.threads, max(chunks, 1))
            // One scratch space per worker thread, reused across its chunks.
            let scratch = (0..<workers).map { _ in Scratch(nodeCount: nodeCount) }
            let shared = SharedScratch(scratch)
            Parallelism(threads: workers).forEachWorker(
                chunkCount: chunks
            ) { worker, chunk in
                let space = shared.spaces[worker]
                var result = ChunkResult()
                let range = chunk * chunkSize..<min(sources.count, (chunk + 1) * chunkSize)
                for index in range {
                    result.starts.append(Int32(result.nodes.count))
                    search(from: sources[index], cutoff: cutoff, scratch: space, into: &result)
                }
                (output.base + chunk).initialize(to: result)
            }
            initialized = chunks
        }
        var starts: [Int] = [0]
        starts.reserveCapacity(sources.count + 1)
        var nodes: [Int32] = []
        var distances: [Double] = []
        nodes.reserveCapacity(results.reduce(0) { $0 + $1.nodes.count })
        distances.reserveCapacity(nodes.capacity)
        for result in results {
            let base = nodes.count
            // Each search's end is the next search's start, or the end of the chunk.
            for position in result.starts.indices {
                let end =
                    position + 1 < result.starts.count
                    ? Int(result.starts[position + 1]) : result.nodes.count
                starts.append(base + end)
            }
            nodes.append(contentsOf: result.nodes)
            distances.append(contentsOf: result.distances)
        }
        return NetworkCatchments(starts: starts, nodes: nodes, distances: distances)
    }

    /// One bounded search; appends the reached nodes to `result`.
    private func search(
        from source: Source, cutoff: Double, scratch: Scratch, into result: inout ChunkResult
    ) {
        guard source.offset <= cutoff else { return }
        scratch.heap.removeAll()
        scratch.touched.removeAll(keepingCapacity: true)
        scratch.distance[source.node] = source.offset
        scratch.touched.append(Int32(source.node))
        scratch.heap.push(source.offset, Int32(source.node))
        starts.withUnsafeBufferPointer { starts in
            targets.withUnsafeBufferPointer { targets in
                lengths.withUnsafeBufferPointer { lengths in
                    while !scratch.heap.isEmpty {
                        let (key, node32) = scratch.heap.pop()
                        let node = Int(node32)
                        if scratch.settled[node] || key > scratch.distance[node] { continue }
                        scratch.settled[node] = true
                        result.nodes.append(node32)
                        result.distances.append(key)
                        for edge in Int(starts[node])..<Int(starts[node + 1]) {
                            let next = Int(targets[edge])
                            if scratch.settled[next] { continue }
                            let candidate = key + lengths[edge]
                            guard candidate <= cutoff, candidate < scratch.distance[next] else {
                                continue
                            }
                            if scratch.distance[next] == .infinity {
                                scratch.touched.append(Int32(next))
                            }
                            scratch.distance[next] = candidate
                            scratch.heap.push(candidate, Int32(next))
                        }
                    }
                }
            }
        }
        for node in scratch.touched {
            scratch.distance[Int(node)] = .infinity
            scratch.settled[Int(node)] = false
        }
    }
}

/// The per-worker working arrays of bounded searches.
private final class Scratch {
    var distance: [Double]
    var settled: [Bool]
    var touched: [Int32] = []
    var heap = DistanceHeap()

    init(nodeCount: Int) {
        distance = [Double](repeating: .infinity, count: nodeCount)
        settled = [Bool](repeating: false, count: nodeCount)
    }
}

/// The scratch spaces, one per worker; worker w touches only `spaces[w]`.
private struct SharedScratch: @unchecked Sendable {
    let spaces: [Scratch]
    init(_ spaces: [Scratch]) { self.spaces = spaces }
}

/// The searches of one chunk of sources.
private struct ChunkResult {
    var starts: [Int32] = []
    var nodes: [Int32] = []
    var distances: [Double] = []
}

extension Parallelism {
    /// Runs `body(worker, chunk)` for every chunk, worker w taking chunks w, w + threads, ….
    func forEachWorker(chunkCount: Int, _ body: @Sendable (_ worker: Int, _ chunk: Int) -> Void) {
        guard chunkCount > 0 else { return }
        let workers = min(threads, chunkCount)
        if workers == 1 {
            for chunk in 0..<chunkCount { body(0, chunk) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var chunk = worker
            while chunk < chunkCount {
                body(worker, chunk)
                chunk += workers
            }
        }
    }
}

/// The catchments of a list of sources on a walking network, as compressed rows: source s
/// reaches `nodes[starts[s] ..< starts[s + 1]]` at `distances[…]` metres, nearest first.
public struct NetworkCatchments: Sendable {
    public let starts: [Int]
    public let nodes: [Int32]
    public let distances: [Double]

    /// The number of sources.
    public var sourceCount: Int { starts.count - 1 }

    /// The reached nodes and distances of one source.
    public func catchment(of source: Int) -> [(node: Int, distance: Double)] {
        (starts[source]..<starts[source + 1]).map { (Int(nodes[$0]), distances[$0]) }
    }
}
