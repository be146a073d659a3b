import ArgumentParser
import CSV
import Coverage
import Diagnostics
import Foundation
import Provenance

/// `yanglao coverage`: which demand points have a facility within walking distance, or how
/// much supply per person they can reach (2SFCA, E2SFCA).
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Radius coverage or floating-catchment accessibility of demand points.",
        discussion: """
            D.csv has id,x,y,weight (x, y in metres of a projected system) or
            id,lon,lat,weight (degrees, projected locally); optional columns: unit (a label
            such as a community code, for shares per unit) and weight_<group> (more groups
            of persons, such as weight_80_plus). F.csv has id,x,y[,capacity] or
            id,lon,lat[,capacity].

            --method radius: a point is covered when a facility lies within --radius metres
            of walking (straight line × --detour, or along --network); boundary included.
            --method 2sfca: two-step floating catchment (Luo & Wang 2003) with catchment
            --radius and supply = capacity (1 per facility without the column).
            --method e2sfca: enhanced 2SFCA (Luo & Qi 2009): --decay step weighs the thirds
            of the radius 1, 0.68, 0.22; --decay gaussian weighs exp(−d²/2σ²), σ = --sigma
            or 0.38 × radius. Both as PySAL access computes them.

            Writes OUT.csv (one row per demand point) and OUT.json (the summary) beside it,
            and with --geojson a point layer for QGIS; all or nothing, and existing files
            are replaced only with --overwrite.

            Examples:
              yanglao coverage --demand Examples/coverage/demand.csv \\
                --facilities Examples/coverage/facilities.csv --radius 1000 \\
                --out coverage.csv
              yanglao coverage --demand Examples/coverage/demand.csv \\
                --facilities Examples/coverage/facilities.csv --radius 1000 \\
                --network Examples/coverage/edges.csv --nodes Examples/coverage/nodes.csv \\
                --out walk.csv --geojson walk.geojson
              yanglao coverage --demand Examples/coverage/demand.csv \\
                --facilities Examples/coverage/facilities.csv --radius 1500 \\
                --method e2sfca --decay gaussian --out access.csv --lang en
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case radius
        case twoStep = "2sfca"
        case enhanced = "e2sfca"
    }

    enum Decay: String, ExpressibleByArgument, CaseIterable {
        case step, gaussian
    }

    @Option(
        help: ArgumentHelp("Demand points: id,x,y,weight or id,lon,lat,weight.", valueName: "D.csv")
    )
    var demand: String

    @Option(
        help: ArgumentHelp(
            "Facilities: id,x,y[,capacity] or id,lon,lat[,capacity].", valueName: "F.csv"))
    var facilities: String

    @Option(
        help: ArgumentHelp("Walking distance (radius or catchment) in metres.", valueName: "METRES")
    )
    var radius: Double

    @OptionGroup var walking: WalkingOptions

    @Option(help: "radius (default), 2sfca or e2sfca.")
    var method: Method = .radius

    @Option(help: "Distance decay of e2sfca: step (default) or gaussian.")
    var decay: Decay?

    @Option(help: ArgumentHelp("Width σ of the Gaussian decay in metres.", valueName: "METRES"))
    var sigma: Double?

    @Option(help: ArgumentHelp("The result per demand point.", valueName: "OUT.csv"))
    var out: String

    @Option(help: ArgumentHelp("A point layer of the result for QGIS.", valueName: "OUT.geojson"))
    var geojson: String?

    @Option(
        help: ArgumentHelp(
            "The CRS of x,y coordinates for the GeoJSON layer, e.g. EPSG:4547.",
            valueName: "EPSG:CODE"))
    var crs: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try validateRadius(radius)
        if decay != nil, method != .enhanced {
            throw ValidationError("--decay goes with --method e2sfca")
        }
        if sigma != nil, decay != .gaussian {
            throw ValidationError("--sigma goes with --method e2sfca --decay gaussian")
        }
        if let sigma, !(sigma.isFinite && sigma > 0) {
            throw ValidationError("--sigma must be above 0 metres (got \(sigma))")
        }
        if let crs, !crs.uppercased().hasPrefix("EPSG:") || Int(crs.dropFirst(5)) == nil {
            throw ValidationError("--crs is written EPSG:<code>, e.g. EPSG:4547 (got '\(crs)')")
        }
        try checkOutputs(
            [out, OutputFiles.summaryPath(for: out)] + (geojson.map { [$0] } ?? []),
            overwrite: output.overwrite)
    }

    func run() throws {
        var inputs = CoverageInputs()
        let demandTable = inputs.points(demand, role: .demand)
        let facilityTable = inputs.points(facilities, role: .facilities)
        let networkTable = walking.network.flatMap { inputs.network($0, nodes: walking.nodes) }
        try inputs.report(output.lang)
        guard var demandTable, var facilityTable, walking.network == nil || networkTable != nil
        else { throw ExitCode(64) }
        var tables = [demandTable, facilityTable]
        guard
            let frame = CoordinateFrame.make(
                points: &tables, network: networkTable, log: &inputs.log),
            let model = inputs.distanceModel(walking, frame: frame, network: networkTable)
        else {
            try inputs.report(output.lang)
            throw ExitCode(64)
        }
        (demandTable, facilityTable) = (tables[0], tables[1])
        var network: WalkingNetwork?
        if case .network(let walkingNetwork, _) = model { network = walkingNetwork }

        let clock = ContinuousClock()
        let start = clock.now
        var files = OutputFiles()
        var summary: [(String, JSONValue)] = [
            ("command", .string("coverage")), ("method", .string(method.rawValue)),
            ("radius_m", .number(Number.exact(radius))),
            ("distance", .string(network == nil ? "straight_line" : "network")),
        ]
        if let network {
            summary.append(("network_nodes", .integer(network.nodeCount)))
            summary.append(("network_edges", .integer(network.edgeCount)))
            summary.append(("snap_m", .number(Number.exact(walking.snap))))
        } else {
            summary.append(("detour", .number(Number.exact(walking.detour))))
        }
        summary.append(("demand_points", .integer(demandTable.count)))
        summary.append(("facilities", .integer(facilityTable.count)))
        var layer = PointLayer(crs: frame.projection == nil ? crs : nil)
        var lines: [String] = []
        let messages = CoverageMessages(output.lang)
        var offNetworkDemand: [Int] = []
        switch method {
        case .radius:
            let nearest = NearestFacility(
                demand: demandTable.points, facilities: facilityTable.points, within: radius,
                model: model)
            offNetworkDemand = nearest.offNetworkDemand
            inputs.warnOffNetwork(
                nearest.offNetworkDemand, of: demandTable, network: network, snap: walking.snap)
            inputs.warnOffNetwork(
                nearest.offNetworkFacilities, of: facilityTable, network: network,
                snap: walking.snap)
            radiusOutputs(
                nearest, demandTable, facilityTable, network: network != nil, files: &files,
                summary: &summary, layer: &layer, lines: &lines, messages: messages)
        case .twoStep, .enhanced:
            let reach = Reach(
                from: facilityTable.points, to: demandTable.points, within: radius, model: model)
            offNetworkDemand = reach.offNetworkDemand
            inputs.warnOffNetwork(
                reach.offNetworkDemand, of: demandTable, network: network, snap: walking.snap)
            inputs.warnOffNetwork(
                reach.offNetworkFacilities, of: facilityTable, network: network, snap: walking.snap)
            let decayFunction: DistanceDecay
            switch (method, decay ?? .step) {
            case (.twoStep, _): decayFunction = .none
            case (_, .step): decayFunction = .luoQiSteps(radius: radius)
            case (_, .gaussian):
                decayFunction = sigma.map { .gaussian(sigma: $0) } ?? .luoQiGaussian(radius: radius)
            }
            if case .gaussian(let width) = decayFunction {
                summary.append(("decay", .string("gaussian")))
                summary.append(("sigma_m", .number(Number.exact(width))))
            } else if case .steps = decayFunction {
                summary.append(("decay", .string("step")))
                summary.append(("steps", .string("1 to r/3, 0.68 to 2r/3, 0.22 to r")))
            }
            let supply = facilityTable.capacities ?? Array(repeating: 1, count: facilityTable.count)
            let result = FloatingCatchment.accessibility(
                demand: demandTable.weights, supply: supply, reach: reach.matrix,
                decay: decayFunction)
            accessOutputs(
                result, reach: reach.matrix, demandTable, supply: supply,
                capacityGiven: facilityTable.capacities != nil, files: &files, summary: &summary,
                layer: &layer, lines: &lines, messages: messages)
        }
        summary.append(("off_network_points", .integer(offNetworkDemand.count)))
        summary.append(("seconds", .number(Number.fixed(seconds(clock.now - start), 3))))
        files.add(OutputFiles.summaryPath(for: out), text: JSONValue.object(summary).text())
        if let geojson {
            files.add(geojson, text: layer.text())
            if frame.projection == nil, crs == nil {
                inputs.log.warning(
                    .invalidValue(
                        field: "--geojson",
                        reason:
                            "the points are x,y metres of a projected system; name it with --crs EPSG:<code>, or set the layer's CRS in QGIS, which otherwise reads them as degrees"
                    ),
                    at: SourceLocation(file: geojson))
            }
        }
        try inputs.report(output.lang)
        do {
            try files.write()
        } catch {
            Console.error("error: \(FileSystemMessage.reason(error))")
            throw ExitCode(1)
        }
        if !output.quiet {
            Console.out(lines.joined(separator: "\n"))
            Console.out(messages.written(files.files.map(\.path)))
        }
    }

    private func radiusOutputs(
        _ nearest: NearestFacility, _ demandTable: PointTable, _ facilityTable: PointTable,
        network: Bool, files: inout OutputFiles, summary: inout [(String, JSONValue)],
        layer: inout PointLayer, lines: inout [String], messages: CoverageMessages
    ) {
        var groups = [ResidentGroup(name: "weight", weights: demandTable.weights)]
        groups += demandTable.groups
        let residents = ResidentPoints(locations: demandTable.points, groups: groups)
        let result = ServiceCircleResult(nearest: nearest, residents: residents, tree: nil)
        let isOffNetwork = Set(nearest.offNetworkDemand)
        var header = ["id", "weight", "covered", "distance_m", "nearest_facility"]
        if demandTable.units != nil { header.insert("unit", at: 1) }
        if network { header.append("off_network") }
        var csv = CSVWriter(header: header)
        for index in 0..<demandTable.count {
            let covered = nearest.isCovered(index)
            var row = [
                demandTable.ids[index], Number.exact(demandTable.weights[index]),
                covered ? "1" : "0",
                covered ? Number.fixed(nearest.distances[index], 1) : "",
                covered ? facilityTable.ids[Int(nearest.facilities[index])] : "",
            ]
            if let units = demandTable.units { row.insert(units[index], at: 1) }
            if network { row.append(isOffNetwork.contains(index) ? "1" : "0") }
            csv.append(row)
            var properties: [(String, PointLayer.Value)] = [
                ("id", .text(demandTable.ids[index])),
                ("weight", .number(demandTable.weights[index])),
                ("covered", .number(covered ? 1 : 0)),
                (
                    "distance_m",
                    covered ? .number((nearest.distances[index] * 10).rounded() / 10) : .none
                ),
                (
                    "nearest_facility",
                    covered ? .text(facilityTable.ids[Int(nearest.facilities[index])]) : .none
                ),
            ]
            if let units = demandTable.units {
                properties.insert(("unit", .text(units[index])), at: 1)
            }
            layer.features.append(
                (demandTable.coordinates[index].0, demandTable.coordinates[index].1, properties))
        }
        files.add(out, csv.data)
        summary.append(("total_weight", Number.json(result.totalPersons[0])))
        summary.append(("covered_weight", Number.json(result.coveredPersons[0])))
        summary.append(("covered_share", Number.json(result.share(group: 0))))
        summary.append(("uncovered_points", .integer(result.uncoveredPoints.count)))
        summary.append(
            (
                "groups",
                .array(
                    result.groupNames.indices.map { group in
                        .object([
                            ("name", .string(result.groupNames[group])),
                            ("total", Number.json(result.totalPersons[group])),
                            ("covered", Number.json(result.coveredPersons[group])),
                            ("share", Number.json(result.share(group: group))),
                        ])
                    })
            ))
        lines.append(
            messages.radius(
                covered: result.coveredPersons[0], total: result.totalPersons[0],
                share: result.share(group: 0), radius: radius,
                uncovered: result.uncoveredPoints.count))
        for group in result.groupNames.indices.dropFirst() {
            lines.append(
                messages.group(
                    result.groupNames[group], covered: result.coveredPersons[group],
                    total: result.totalPersons[group], share: result.share(group: group)))
        }
        if let units = demandTable.units {
            var labels: [String] = []
            var number: [String: Int32] = [:]
            let unitIndices = units.map { label -> Int32 in
                if label.isEmpty { return -1 }
                if let known = number[label] { return known }
                number[label] = Int32(labels.count)
                labels.append(label)
                return Int32(labels.count - 1)
            }
            let (covered, total) = result.totals(
                units: unitIndices, unitCount: labels.count, residents: residents)
            summary.append(
                (
                    "units",
                    .array(
                        labels.indices.map { unit in
                            .object([
                                ("unit", .string(labels[unit])),
                                ("total", Number.json(total[0][unit])),
                                ("covered", Number.json(covered[0][unit])),
                                (
                                    "share",
                                    Number.json(
                                        total[0][unit] > 0 ? covered[0][unit] / total[0][unit] : nil
                                    )
                                ),
                            ])
                        })
                ))
        }
    }

    private func accessOutputs(
        _ result: FloatingCatchmentResult, reach: ReachMatrix, _ demandTable: PointTable,
        supply: [Double], capacityGiven: Bool, files: inout OutputFiles,
        summary: inout [(String, JSONValue)], layer: inout PointLayer, lines: inout [String],
        messages: CoverageMessages
    ) {
        let normalised = result.normalized
        var inReach = [Int](repeating: 0, count: demandTable.count)
        for demand in reach.demandIndices { inReach[Int(demand)] += 1 }
        var header = [
            "id", "weight", "accessibility", "accessibility_normalised", "facilities_in_reach",
        ]
        if demandTable.units != nil { header.insert("unit", at: 1) }
        var csv = CSVWriter(header: header)
        for index in 0..<demandTable.count {
            var row = [
                demandTable.ids[index], Number.exact(demandTable.weights[index]),
                result.accessibility[index].map { "\($0)" } ?? "",
                normalised[index].map { "\($0)" } ?? "", String(inReach[index]),
            ]
            if let units = demandTable.units { row.insert(units[index], at: 1) }
            csv.append(row)
            var properties: [(String, PointLayer.Value)] = [
                ("id", .text(demandTable.ids[index])),
                ("weight", .number(demandTable.weights[index])),
                ("accessibility", result.accessibility[index].map { .number($0) } ?? .none),
                ("accessibility_normalised", normalised[index].map { .number($0) } ?? .none),
                ("facilities_in_reach", .number(Double(inReach[index]))),
            ]
            if let units = demandTable.units {
                properties.insert(("unit", .text(units[index])), at: 1)
            }
            layer.features.append(
                (demandTable.coordinates[index].0, demandTable.coordinates[index].1, properties))
        }
        files.add(out, csv.data)
        let persons = demandTable.weights.reduce(0, +)
        let weighted = zip(demandTable.weights, result.accessibility).reduce(0.0) {
            $0 + $1.0 * ($1.1 ?? 0)
        }
        let withoutAccess = result.accessibility.filter { $0 == nil }.count
        summary.append(("supply", .string(capacityGiven ? "capacity" : "one per facility")))
        summary.append(("total_supply", Number.json(supply.reduce(0, +))))
        summary.append(("total_weight", Number.json(persons)))
        summary.append(("mean_accessibility", Number.json(persons > 0 ? weighted / persons : nil)))
        summary.append(("points_without_access", .integer(withoutAccess)))
        lines.append(
            messages.access(
                method: method.rawValue, mean: persons > 0 ? weighted / persons : nil,
                withoutAccess: withoutAccess, count: demandTable.count))
    }
}

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}
