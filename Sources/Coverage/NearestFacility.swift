/// The nearest facility of every demand point within a walking cutoff.
///
/// This is radius coverage: a demand point is covered when some facility lies within the
/// cutoff (boundary included). Straight-line distances use a grid over the facilities and one
/// nearest-neighbour query per demand point, in parallel; network distances use one
/// multi-source Dijkstra search from all facilities at once.
public struct NearestFacility: Sendable {
    /// Per demand point, the walking distance to the nearest facility in metres, or ∞ when no
    /// facility is within the cutoff.
    public let distances: [Double]
    /// Per demand point, the index of the nearest facility, or −1. Ties go to the smaller
    /// facility index.
    public let facilities: [Int32]
    /// Demand points farther than the snap distance from every node (network model only).
    /// They are uncovered and must be reported.
    public let offNetworkDemand: [Int]
    /// Facilities farther than the snap distance from every node (network model only); they
    /// cover nothing.
    public let offNetworkFacilities: [Int]
    /// The cutoff in metres.
    public let cutoff: Double

    /// Finds the nearest facility within `cutoff` metres of every demand point.
    /// - Parameters:
    ///   - demand: demand point positions in metres.
    ///   - facilities: facility positions in metres.
    ///   - cutoff: the largest walking distance in metres, > 0.
    ///   - model: straight line with a detour factor, or a walking network.
    /// - Complexity: straight line about O((n + m)·k) for k points per grid cell; network
    ///   O((V' + E') log V') for the part of the network within the cutoff of a facility.
    public init(
        demand: [PlanarPoint], facilities: [PlanarPoint], within cutoff: Double,
        model: DistanceModel, parallelism: Parallelism = .automatic
    ) {
        self.cutoff = cutoff
        switch model {
        case .straightLine(let detour):
            let grid = SpatialGrid(points: facilities, cellSize: max(cutoff / detour, 1e-9))
            let nearest = parallelism.map(count: demand.count) { index in
                grid.nearest(to: demand[index], within: cutoff, scale: detour)
            }
            distances = nearest.map { $0?.distance ?? .infinity }
            self.facilities = nearest.map { $0.map { Int32($0.index) } ?? -1 }
            offNetworkDemand = []
            offNetworkFacilities = []
        case .network(let network, let snapDistance):
            let demandSnaps = network.snap(
                demand, maximumDistance: snapDistance, parallelism: parallelism)
            let facilitySnaps = network.snap(
                facilities, maximumDistance: snapDistance, parallelism: parallelism)
            var sources: [WalkingNetwork.Source] = []
            var sourceFacility: [Int32] = []
            for (index, snap) in facilitySnaps.enumerated() {
                guard let snap else { continue }
                sources.append(WalkingNetwork.Source(node: snap.node, offset: snap.distance))
                sourceFacility.append(Int32(index))
            }
            let (nodeDistance, nodeSource) = network.nearestSources(sources, cutoff: cutoff)
            var distances = [Double](repeating: .infinity, count: demand.count)
            var nearest = [Int32](repeating: -1, count: demand.count)
            for (index, snap) in demandSnaps.enumerated() {
                guard let snap else { continue }
                let distance = nodeDistance[snap.node] + snap.distance
                if distance <= cutoff {
                    distances[index] = distance
                    nearest[index] = sourceFacility[Int(nodeSource[snap.node])]
                }
            }
            self.distances = distances
            self.facilities = nearest
            offNetworkDemand = demandSnaps.indices.filter { demandSnaps[$0] == nil }
            offNetworkFacilities = facilitySnaps.indices.filter { facilitySnaps[$0] == nil }
        }
    }

    /// Whether demand point `index` has a facility within the cutoff.
    public func isCovered(_ index: Int) -> Bool { facilities[index] >= 0 }

    /// The number of demand points.
    public var count: Int { distances.count }
}
