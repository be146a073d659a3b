/// Maximum flow by Dinic's algorithm (1970), for allocating demand to facilities within
/// their capacities.
///
/// Capacities are real numbers; residual capacities below `epsilon` count as zero.
struct MaximumFlow {
    private var heads: [Int32]
    private var targets: [Int32] = []
    private var capacities: [Double] = []
    private var nextEdge: [Int32] = []
    private let epsilon: Double

    init(nodeCount: Int, epsilon: Double = 1e-9) {
        heads = [Int32](repeating: -1, count: nodeCount)
        self.epsilon = epsilon
    }

    /// Adds an edge and its reverse; returns the edge's index (its reverse is index ^ 1).
    @discardableResult
    mutating func addEdge(from: Int, to: Int, capacity: Double) -> Int {
        let index = targets.count
        targets.append(Int32(to))
        capacities.append(capacity)
        nextEdge.append(heads[from])
        heads[from] = Int32(index)
        targets.append(Int32(from))
        capacities.append(0)
        nextEdge.append(heads[to])
        heads[to] = Int32(index + 1)
        return index
    }

    /// The flow on an edge returned by ``addEdge(from:to:capacity:)``: its reverse's residual.
    func flow(onEdge index: Int) -> Double { capacities[index ^ 1] }

    /// Pushes the most flow from `source` to `sink` and returns its value.
    /// - Complexity: O(V²E) in the worst case; a few BFS phases on assignment graphs.
    mutating func maximise(from source: Int, to sink: Int) -> Double {
        let nodeCount = heads.count
        var total = 0.0
        var level = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        var current = heads
        var pathEdges: [Int32] = []
        var pathNodes: [Int32] = []
        while true {
            // Levels by breadth-first search on edges with residual capacity.
            for index in level.indices { level[index] = -1 }
            level[source] = 0
            var head = 0
            var tail = 0
            queue[tail] = Int32(source)
            tail += 1
            while head < tail {
                let node = Int(queue[head])
                head += 1
                var edge = heads[node]
                while edge >= 0 {
                    let target = Int(targets[Int(edge)])
                    if capacities[Int(edge)] > epsilon, level[target] < 0 {
                        level[target] = level[node] + 1
                        queue[tail] = Int32(target)
                        tail += 1
                    }
                    edge = nextEdge[Int(edge)]
                }
            }
            guard level[sink] >= 0 else { break }
            current = heads
            // Blocking flow by iterative depth-first search along increasing levels.
            pathEdges.removeAll(keepingCapacity: true)
            pathNodes = [Int32(source)]
            while let top = pathNodes.last {
                let node = Int(top)
                if node == sink {
                    var bottleneck = Double.infinity
                    for edge in pathEdges { bottleneck = min(bottleneck, capacities[Int(edge)]) }
                    for edge in pathEdges {
                        capacities[Int(edge)] -= bottleneck
                        capacities[Int(edge) ^ 1] += bottleneck
                    }
                    total += bottleneck
                    pathEdges.removeAll(keepingCapacity: true)
                    pathNodes = [Int32(source)]
                    continue
                }
                var advanced = false
                while current[node] >= 0 {
                    let edge = Int(current[node])
                    let target = Int(targets[edge])
                    if capacities[edge] > epsilon, level[target] == level[node] + 1 {
                        pathEdges.append(Int32(edge))
                        pathNodes.append(Int32(target))
                        advanced = true
                        break
                    }
                    current[node] = nextEdge[edge]
                }
                if !advanced {
                    // A dead end: no more flow through this node in this phase.
                    level[node] = -1
                    pathNodes.removeLast()
                    if !pathEdges.isEmpty {
                        let back = Int(pathEdges.removeLast())
                        let parent = Int(pathNodes.last!)
                        current[parent] = nextEdge[back]
                    }
                }
            }
        }
        return total
    }
}
