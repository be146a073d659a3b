import CSV
import Coverage
import Diagnostics
import Provenance
import Reports
import ScenarioFiles

/// Radius coverage or floating-catchment accessibility of demand points (覆盖测算): which
/// points have a facility within walking distance, or how much supply per person they reach.
public struct CoverageRequest: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        /// Covered when a facility lies within the radius (boundary included).
        case radius
        /// Two-step floating catchment (Luo & Wang 2003).
        case twoStep = "2sfca"
        /// Enhanced 2SFCA (Luo & Qi 2009).
        case enhanced = "e2sfca"
    }

    /// The distance decay of e2sfca.
    public enum Decay: String, Sendable, CaseIterable {
        /// The thirds of the radius weigh 1, 0.68, 0.22.
        case step
        /// exp(−d²/2σ²).
        case gaussian
    }

    /// Demand points: `id,x,y,weight` or `id,lon,lat,weight` (optional `unit`, `weight_<group>`).
    public var demand: String
    /// Facilities: `id,x,y[,capacity]` or `id,lon,lat[,capacity]`.
    public var facilities: String
    /// Walking distance (radius or catchment) in metres.
    public var radius: Double
    public var walking: WalkingSettings
    public var method: Method
    /// e2sfca's decay; nil: step.
    public var decay: Decay?
    /// The Gaussian decay's σ in metres; nil: 0.38 × radius.
    public var sigma: Double?
    /// The result per demand point (CSV); the summary (JSON) is written beside it.
    public var out: String
    /// A point layer of the result for QGIS.
    public var geojson: String?
    /// The CRS of x,y coordinates for the layer, e.g. `EPSG:4547`.
    public var crs: String?

    public init(
        demand: String, facilities: String, radius: Double, walking: WalkingSettings = .init(),
        method: Method = .radius, decay: Decay? = nil, sigma: Double? = nil, out: String,
        geojson: String? = nil, crs: String? = nil
    ) {
        self.demand = demand
        self.facilities = facilities
        self.radius = radius
        self.walking = walking
        self.method = method
        self.decay = decay
        self.sigma = sigma
        self.out = out
        self.geojson = geojson
        self.crs = crs
    }

    /// The JSON summary's path, beside ``out``.
    public var summary: String { Planning.summaryPath(for: out) }

    /// Every file the request writes, in order.
    public var outputs: [String] { [out, summary] + (geojson.map { [$0] } ?? []) }
}

/// Persons within the radius of a facility.
public struct RadiusCoverage: Sendable {
    /// A group of persons (the `weight` column first, then each `weight_<group>`), or the
    /// persons of a `unit`.
    public struct Share: Sendable {
        public var name: String
        public var total: Double
        public var covered: Double
        /// covered / total; nil without persons.
        public var share: Double?
    }

    public var radius: Double
    /// Each demand point's walk to its nearest facility within the radius; nil when none is.
    public var distances: [Double?]
    /// The id of that facility.
    public var nearest: [String?]
    /// The `weight` column, then every `weight_<group>` column.
    public var groups: [Share]
    /// The points with no facility within the radius.
    public var uncoveredPoints: Int
    /// Persons by `unit`, in the order units first appear; nil without the column.
    public var units: [Share]?
}

/// Floating-catchment accessibility: supply per person within reach, by demand point.
public struct Accessibility: Sendable {
    public var method: CoverageRequest.Method
    /// Each point's accessibility; nil when no facility is in reach.
    public var values: [Double?]
    /// The same divided by the supply per person of the whole area.
    public var normalised: [Double?]
    /// How many facilities each point reaches.
    public var facilitiesInReach: [Int]
    public var totalSupply: Double
    public var totalWeight: Double
    /// The demand-weighted mean; nil without persons.
    public var mean: Double?
    public var pointsWithoutAccess: Int
}

/// What the coverage use case found and wrote.
public struct CoverageOutcome: Sendable {
    public enum Result: Sendable {
        case radius(RadiusCoverage)
        case access(Accessibility)
    }

    public var result: Result
    public var demandPoints: Int
    public var facilities: Int
    /// Points farther than the snap distance from the network.
    public var offNetworkPoints: Int
    /// The files written, in order.
    public var files: [String]
}

extension Planning {
    /// Measures the coverage or accessibility of demand points and writes the table, the
    /// summary and the layer (all or none).
    /// - Parameter warnings: receives the problems of the inputs that are not errors, when
    ///   found (once after reading, and all of them before writing).
    /// - Throws: bad input (every problem of the inputs, located) or a failure to write.
    public static func coverage(
        _ request: CoverageRequest, warnings: (InputReport) -> Void = { _ in }
    ) throws(PlanningError) -> CoverageOutcome {
        var inputs = CoverageInputs()
        let walking = request.walking
        let demandTable = inputs.points(request.demand, role: .demand)
        let facilityTable = inputs.points(request.facilities, role: .facilities)
        let networkTable = walking.network.flatMap { inputs.network($0, nodes: walking.nodes) }
        try inputs.check(warnings)
        guard let demandTable, let facilityTable, walking.network == nil || networkTable != nil
        else { throw PlanningError.silent(.badInput) }
        let walks = try WalkingInputs(
            [demandTable, facilityTable], network: networkTable, walking: walking,
            inputs: &inputs, warnings: warnings)
        var run = CoverageRun(
            request: request, demand: walks.tables[0], facilities: walks.tables[1],
            model: walks.model, network: walks.network,
            layer: PointLayer(crs: walks.frame.projection == nil ? request.crs : nil))
        let result = run.measure(inputs: &inputs)
        var files: [(path: String, bytes: [UInt8])] = [(request.out, run.table)]
        files.append((request.summary, Array(JSONValue.object(run.summary).text().utf8)))
        if let geojson = request.geojson {
            files.append((geojson, Array(run.layer.text().utf8)))
            if walks.frame.projection == nil, request.crs == nil {
                inputs.log.warning(
                    .invalidValue(
                        field: "--geojson",
                        reason:
                            "the points are x,y metres of a projected system; name it with --crs EPSG:<code>, or set the layer's CRS in QGIS, which otherwise reads them as degrees"
                    ),
                    at: SourceLocation(file: geojson))
            }
        }
        try inputs.check(warnings)
        try writeAll(files)
        return CoverageOutcome(
            result: result, demandPoints: run.demand.count, facilities: run.facilities.count,
            offNetworkPoints: run.offNetworkDemand, files: files.map(\.path))
    }
}

/// One measure of coverage: the result, the table, the summary and the layer.
private struct CoverageRun {
    let request: CoverageRequest
    let demand: PointTable
    let facilities: PointTable
    let model: DistanceModel
    let network: WalkingNetwork?
    var layer: PointLayer
    var table: [UInt8] = []
    var summary: [(String, JSONValue)] = []
    var offNetworkDemand = 0

    init(
        request: CoverageRequest, demand: PointTable, facilities: PointTable,
        model: DistanceModel, network: WalkingNetwork?, layer: PointLayer
    ) {
        self.request = request
        self.demand = demand
        self.facilities = facilities
        self.model = model
        self.network = network
        self.layer = layer
    }

    var radius: Double { request.radius }

    mutating func measure(inputs: inout CoverageInputs) -> CoverageOutcome.Result {
        let clock = ContinuousClock()
        let start = clock.now
        let snap = request.walking.snap
        summary = [
            ("command", .string("coverage")), ("method", .string(request.method.rawValue)),
            ("radius_m", .number(Number.exact(radius))),
            ("distance", .string(network == nil ? "straight_line" : "network")),
        ]
        if let network {
            summary.append(("network_nodes", .integer(network.nodeCount)))
            summary.append(("network_edges", .integer(network.edgeCount)))
            summary.append(("snap_m", .number(Number.exact(snap))))
        } else {
            summary.append(("detour", .number(Number.exact(request.walking.detour))))
        }
        summary.append(("demand_points", .integer(demand.count)))
        summary.append(("facilities", .integer(facilities.count)))
        let result: CoverageOutcome.Result
        switch request.method {
        case .radius:
            let nearest = NearestFacility(
                demand: demand.points, facilities: facilities.points, within: radius,
                model: model)
            offNetworkDemand = nearest.offNetworkDemand.count
            inputs.warnOffNetwork(
                nearest.offNetworkDemand, of: demand, network: network, snap: snap)
            inputs.warnOffNetwork(
                nearest.offNetworkFacilities, of: facilities, network: network, snap: snap)
            result = .radius(radiusOutputs(nearest))
        case .twoStep, .enhanced:
            let reach = Reach(
                from: facilities.points, to: demand.points, within: radius, model: model)
            offNetworkDemand = reach.offNetworkDemand.count
            inputs.warnOffNetwork(reach.offNetworkDemand, of: demand, network: network, snap: snap)
            inputs.warnOffNetwork(
                reach.offNetworkFacilities, of: facilities, network: network, snap: snap)
            let decay: DistanceDecay
            switch (request.method, request.decay ?? .step) {
            case (.twoStep, _): decay = .none
            case (_, .step): decay = .luoQiSteps(radius: radius)
            case (_, .gaussian):
                decay = request.sigma.map { .gaussian(sigma: $0) } ?? .luoQiGaussian(radius: radius)
            }
            if case .gaussian(let width) = decay {
                summary.append(("decay", .string("gaussian")))
                summary.append(("sigma_m", .number(Number.exact(width))))
            } else if case .steps = decay {
                summary.append(("decay", .string("step")))
                summary.append(("steps", .string("1 to r/3, 0.68 to 2r/3, 0.22 to r")))
            }
            let supply = facilities.capacities ?? Array(repeating: 1, count: facilities.count)
            let access = FloatingCatchment.accessibility(
                demand: demand.weights, supply: supply, reach: reach.matrix, decay: decay)
            result = .access(accessOutputs(access, reach: reach.matrix, supply: supply))
        }
        summary.append(("off_network_points", .integer(offNetworkDemand)))
        summary.append(
            ("seconds", .number(Number.fixed(Planning.seconds(clock.now - start), 3))))
        return result
    }

    private mutating func radiusOutputs(_ nearest: NearestFacility) -> RadiusCoverage {
        let hasNetwork = network != nil
        var groups = [ResidentGroup(name: "weight", weights: demand.weights)]
        groups += demand.groups
        let residents = ResidentPoints(locations: demand.points, groups: groups)
        let result = ServiceCircleResult(nearest: nearest, residents: residents, tree: nil)
        let isOffNetwork = Set(nearest.offNetworkDemand)
        var header = ["id", "weight", "covered", "distance_m", "nearest_facility"]
        if demand.units != nil { header.insert("unit", at: 1) }
        if hasNetwork { header.append("off_network") }
        var csv = CSVWriter(header: header)
        var distances: [Double?] = []
        var nearestIDs: [String?] = []
        for index in 0..<demand.count {
            let covered = nearest.isCovered(index)
            let facility = covered ? facilities.ids[Int(nearest.facilities[index])] : nil
            distances.append(covered ? nearest.distances[index] : nil)
            nearestIDs.append(facility)
            var row = [
                demand.ids[index], Number.exact(demand.weights[index]), covered ? "1" : "0",
                covered ? Number.fixed(nearest.distances[index], 1) : "", facility ?? "",
            ]
            if let units = demand.units { row.insert(units[index], at: 1) }
            if hasNetwork { row.append(isOffNetwork.contains(index) ? "1" : "0") }
            csv.append(row)
            var properties: [(String, PointLayer.Value)] = [
                ("id", .text(demand.ids[index])),
                ("weight", .number(demand.weights[index])),
                ("covered", .number(covered ? 1 : 0)),
                (
                    "distance_m",
                    covered ? .number((nearest.distances[index] * 10).rounded() / 10) : .none
                ),
                ("nearest_facility", facility.map { .text($0) } ?? .none),
            ]
            if let units = demand.units {
                properties.insert(("unit", .text(units[index])), at: 1)
            }
            layer.features.append(
                (demand.coordinates[index].0, demand.coordinates[index].1, properties))
        }
        table = csv.data
        let shares = result.groupNames.indices.map { group in
            RadiusCoverage.Share(
                name: result.groupNames[group], total: result.totalPersons[group],
                covered: result.coveredPersons[group], share: result.share(group: group))
        }
        summary.append(("total_weight", Number.json(shares[0].total)))
        summary.append(("covered_weight", Number.json(shares[0].covered)))
        summary.append(("covered_share", Number.json(shares[0].share)))
        summary.append(("uncovered_points", .integer(result.uncoveredPoints.count)))
        summary.append(("groups", .array(shares.map { Self.json($0, key: "name") })))
        var units: [RadiusCoverage.Share]?
        if let unitLabels = demand.units {
            var labels: [String] = []
            var number: [String: Int32] = [:]
            let unitIndices = unitLabels.map { label -> Int32 in
                if label.isEmpty { return -1 }
                if let known = number[label] { return known }
                number[label] = Int32(labels.count)
                labels.append(label)
                return Int32(labels.count - 1)
            }
            let (covered, total) = result.totals(
                units: unitIndices, unitCount: labels.count, residents: residents)
            let byUnit = labels.indices.map { unit in
                RadiusCoverage.Share(
                    name: labels[unit], total: total[0][unit], covered: covered[0][unit],
                    share: total[0][unit] > 0 ? covered[0][unit] / total[0][unit] : nil)
            }
            summary.append(("units", .array(byUnit.map { Self.json($0, key: "unit") })))
            units = byUnit
        }
        return RadiusCoverage(
            radius: radius, distances: distances, nearest: nearestIDs, groups: shares,
            uncoveredPoints: result.uncoveredPoints.count, units: units)
    }

    private static func json(_ share: RadiusCoverage.Share, key: String) -> JSONValue {
        .object([
            (key, .string(share.name)), ("total", Number.json(share.total)),
            ("covered", Number.json(share.covered)), ("share", Number.json(share.share)),
        ])
    }

    private mutating func accessOutputs(
        _ result: FloatingCatchmentResult, reach: ReachMatrix, supply: [Double]
    ) -> Accessibility {
        let normalised = result.normalized
        var inReach = [Int](repeating: 0, count: demand.count)
        for point in reach.demandIndices { inReach[Int(point)] += 1 }
        var header = [
            "id", "weight", "accessibility", "accessibility_normalised", "facilities_in_reach",
        ]
        if demand.units != nil { header.insert("unit", at: 1) }
        var csv = CSVWriter(header: header)
        for index in 0..<demand.count {
            var row = [
                demand.ids[index], Number.exact(demand.weights[index]),
                result.accessibility[index].map { "\($0)" } ?? "",
                normalised[index].map { "\($0)" } ?? "", String(inReach[index]),
            ]
            if let units = demand.units { row.insert(units[index], at: 1) }
            csv.append(row)
            var properties: [(String, PointLayer.Value)] = [
                ("id", .text(demand.ids[index])),
                ("weight", .number(demand.weights[index])),
                ("accessibility", result.accessibility[index].map { .number($0) } ?? .none),
                ("accessibility_normalised", normalised[index].map { .number($0) } ?? .none),
                ("facilities_in_reach", .number(Double(inReach[index]))),
            ]
            if let units = demand.units {
                properties.insert(("unit", .text(units[index])), at: 1)
            }
            layer.features.append(
                (demand.coordinates[index].0, demand.coordinates[index].1, properties))
        }
        table = csv.data
        let persons = demand.weights.reduce(0, +)
        let weighted = zip(demand.weights, result.accessibility).reduce(0.0) {
            $0 + $1.0 * ($1.1 ?? 0)
        }
        let withoutAccess = result.accessibility.filter { $0 == nil }.count
        let totalSupply = supply.reduce(0, +)
        let mean = persons > 0 ? weighted / persons : nil
        summary.append(
            ("supply", .string(facilities.capacities != nil ? "capacity" : "one per facility")))
        summary.append(("total_supply", Number.json(totalSupply)))
        summary.append(("total_weight", Number.json(persons)))
        summary.append(("mean_accessibility", Number.json(mean)))
        summary.append(("points_without_access", .integer(withoutAccess)))
        return Accessibility(
            method: request.method, values: result.accessibility, normalised: normalised,
            facilitiesInReach: inReach, totalSupply: totalSupply, totalWeight: persons,
            mean: mean, pointsWithoutAccess: withoutAccess)
    }
}
