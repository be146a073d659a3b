import Geography

/// A walking network in longitude and latitude (步行路网), as a scenario gives it
/// (`coverage.walking.network`): projected onto a run's map of metres when the 15-minute
/// circle is measured, so that walks follow the streets rather than straight lines.
public struct GeoWalkingNetwork: Hashable, Sendable {
    /// The nodes, in the datum of the scenario's points.
    public var nodes: [GeoPoint]
    /// The edges, with their lengths in metres.
    public var edges: [WalkingNetwork.Edge]
    /// A point farther than this from every node, in metres, is off the network and reaches
    /// nothing.
    public var snapDistance: Double

    public init(nodes: [GeoPoint], edges: [WalkingNetwork.Edge], snapDistance: Double) {
        self.nodes = nodes
        self.edges = edges
        self.snapDistance = snapDistance
    }

    /// The network on a map of metres.
    /// - Throws: ``WalkingNetwork/BuildError`` when an edge names a node it does not have or
    ///   has a bad length.
    public func projected(with projection: LocalProjection) throws(WalkingNetwork.BuildError)
        -> WalkingNetwork
    {
        try WalkingNetwork(nodes: PlanarPoint.projecting(nodes, with: projection), edges: edges)
    }
}
