import Coverage
import Diagnostics
import ScenarioFiles

/// How the coverage and siting use cases measure walks.
public struct WalkingSettings: Sendable {
    /// A walking network: GeoJSON LineStrings, or a CSV of edges `from,to[,length]` (metres)
    /// with ``nodes``; nil: straight lines.
    public var network: String?
    /// The network's nodes, `id,x,y` or `id,lon,lat`, for a CSV network.
    public var nodes: String?
    /// Points farther than this from every node are off the network (reported), in metres.
    public var snap: Double
    /// Without a network, straight lines are multiplied by this factor (≥ 1).
    public var detour: Double

    public init(
        network: String? = nil, nodes: String? = nil, snap: Double = 200, detour: Double = 1
    ) {
        self.network = network
        self.nodes = nodes
        self.snap = snap
        self.detour = detour
    }
}

/// The point tables of a coverage or siting use case in one frame of metres, and how walks
/// between them are measured.
struct WalkingInputs {
    /// The tables as given, with their points set.
    var tables: [PointTable]
    var frame: CoordinateFrame
    var model: DistanceModel
    /// The network walks follow, if any.
    var network: WalkingNetwork? {
        if case .network(let network, _) = model { return network }
        return nil
    }

    /// Puts the tables (and the network) in one frame and builds the distance model.
    /// - Throws: bad input when the tables mix kinds of coordinates or the network is bad
    ///   (every problem so far listed).
    init(
        _ tables: [PointTable], network: NetworkTable?, walking: WalkingSettings,
        inputs: inout CoverageInputs, warnings: (InputReport) -> Void
    ) throws(PlanningError) {
        var tables = tables
        guard
            let frame = CoordinateFrame.make(points: &tables, network: network, log: &inputs.log),
            let model = inputs.distanceModel(walking, frame: frame, network: network)
        else {
            try inputs.check(warnings)
            throw PlanningError.silent(.badInput)
        }
        self.tables = tables
        self.frame = frame
        self.model = model
    }
}

extension CoverageInputs {
    /// Builds the distance model, logging a bad network.
    mutating func distanceModel(
        _ walking: WalkingSettings, frame: CoordinateFrame, network: NetworkTable?
    ) -> DistanceModel? {
        guard let network else { return .straightLine(detour: walking.detour) }
        do {
            return .network(try frame.network(network), snapDistance: walking.snap)
        } catch {
            log.error(
                .invalidValue(field: "network", reason: "\(error)"),
                at: SourceLocation(file: network.file))
            return nil
        }
    }

    /// Warns about points off the network: each with its file and line (the first 20 of a
    /// table), then how many more.
    mutating func warnOffNetwork(
        _ indices: [Int], of table: PointTable, network: WalkingNetwork?, snap: Double
    ) {
        for index in indices.prefix(20) {
            var distance = Double.infinity
            if let network {
                for node in network.nodes {
                    distance = min(distance, node.distance(to: table.points[index]))
                }
            }
            log.warning(.offNetwork(distance: distance, limit: snap), at: table.location(index))
        }
        if indices.count > 20 {
            log.append(
                Diagnostic(
                    .note,
                    .invalidValue(
                        field: "network",
                        reason:
                            "\(indices.count - 20) more points of this table are off the network"),
                    at: SourceLocation(file: table.file)))
        }
    }
}
