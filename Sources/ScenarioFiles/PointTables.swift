import CSV
import Coverage
import Diagnostics
import Foundation
import Geography
import XLSX

/// Points read from a CSV table: demand points (`id,x,y,weight`) or facilities and
/// candidates (`id,x,y[,capacity]`), with `lon,lat` allowed instead of `x,y` — the inputs of
/// the standalone `coverage` and `site` use cases.
public struct PointTable: Sendable {
    /// What the table holds, for its columns.
    public enum Role: Sendable {
        /// `weight` required; `unit` and extra `weight_<group>` columns allowed.
        case demand
        /// `capacity` optional.
        case facilities
    }

    public var file: String
    public var ids: [String] = []
    /// The line of each row.
    public var lines: [Int] = []
    /// The coordinates as written: x, y in metres or longitude, latitude in degrees.
    public var coordinates: [(Double, Double)] = []
    /// Whether the table gives `lon,lat`.
    public var isGeographic = false
    public var weights: [Double] = []
    public var capacities: [Double]?
    public var units: [String]?
    /// Extra groups of demand weights: columns named `weight_<group>`.
    public var groups: [ResidentGroup] = []
    /// Positions in metres, set by ``CoordinateFrame``.
    public var points: [PlanarPoint] = []

    /// The sheet of a workbook the points were read from; nil for CSV.
    public var sheet: String?

    public init(file: String) {
        self.file = file
    }

    public var count: Int { ids.count }

    /// The location of row `index` for diagnostics.
    public func location(_ index: Int) -> SourceLocation {
        SourceLocation(file: file, line: lines[index], column: 1, sheet: sheet)
    }
}

/// A walking network as read, before projection: node ids and coordinates, and edges.
public struct NetworkTable: Sendable {
    public var file: String
    public var coordinates: [(Double, Double)] = []
    public var isGeographic = false
    /// Whether the network came from GeoJSON, whose coordinates are read in the frame of the
    /// point tables.
    public var fromGeoJSON = false
    /// Edges between node indices, with the length in metres when the file gives one.
    public var edges: [(from: Int, to: Int, length: Double?)] = []

    public init(file: String) {
        self.file = file
    }

    /// The network in longitude and latitude: edge lengths as given, else great-circle.
    func geographic(snapDistance: Double) -> GeoWalkingNetwork {
        let nodes = coordinates.map { GeoPoint(longitude: $0.0, latitude: $0.1) }
        let edges = self.edges.map {
            WalkingNetwork.Edge(
                from: $0.from, to: $0.to,
                length: $0.length ?? Earth.distance(nodes[$0.from], nodes[$0.to]))
        }
        return GeoWalkingNetwork(nodes: nodes, edges: edges, snapDistance: snapDistance)
    }
}

/// Reading the tables of the standalone coverage use cases, with every problem logged
/// against its file, line and column.
public struct CoverageInputs: Sendable {
    /// The largest planar coordinate accepted, 10^8 m: above the 8-digit Gauss–Krüger eastings
    /// with a zone prefix (CGCS2000, up to about 4 × 10^7 m) and far below what would trap in a
    /// grid or a message.
    public static let largestMetres = 1e8

    public var log = DiagnosticLog()
    /// The text of the files read, for showing the lines of their problems.
    public private(set) var sources = SourceTexts()

    public init() {}

    /// Reads and decodes a file, remembering its text for diagnostics.
    mutating func text(_ path: String) -> DecodedText? {
        switch TextFile.text(atPath: path, name: path) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let decoded):
            sources.add(file: path, text: decoded.string)
            return decoded
        }
    }

    /// Reads a table of points.
    /// A workbook (`.xlsx`) is read from its first sheet, its Chinese headers recognised
    /// (``RegisterColumns/points``: 编号, 经度, 纬度, 老年人口, 容量, 所属单位).
    public mutating func points(_ path: String, role: PointTable.Role) -> PointTable? {
        let read: CSVTable?
        if XLSXReader.isWorkbook(path) {
            read = XLSXReader.read(atPath: path, name: path, log: &log).map {
                RegisterColumns.recognised($0.table, known: RegisterColumns.points)
            }
        } else {
            read = text(path).flatMap { CSVReader.parse($0, file: path, log: &log) }
        }
        guard let table = read else { return nil }
        let hasXY = table.column("x") != nil || table.column("y") != nil
        let hasLonLat = table.column("lon") != nil || table.column("lat") != nil
        if hasXY && hasLonLat {
            log.error(
                .invalidValue(
                    field: "coordinates",
                    reason: "give either x,y (metres) or lon,lat (degrees), not both"),
                at: table.headerLocation())
            return nil
        }
        let (first, second) = hasLonLat ? ("lon", "lat") : ("x", "y")
        var required = ["id", first, second]
        var optional: [String] = []
        switch role {
        case .demand:
            required.append("weight")
            optional = ["unit"] + table.header.filter { $0.hasPrefix("weight_") && $0.count > 7 }
        case .facilities:
            optional = ["capacity"]
        }
        guard table.check(CSVColumns(required: required, optional: optional), log: &log) else {
            return nil
        }
        if table.rowCount == 0 {
            log.error(.emptyTable, at: table.headerLocation())
            return nil
        }
        var result = PointTable(file: path)
        result.sheet = table.sheet
        result.isGeographic = hasLonLat
        let idColumn = table.column("id")!
        let firstColumn = table.column(first)!
        let secondColumn = table.column(second)!
        let weightColumn = table.column("weight")
        let capacityColumn = table.column("capacity")
        let unitColumn = table.column("unit")
        let groupColumns =
            role == .demand
            ? optional.dropFirst().compactMap { name in
                table.column(name).map { (name: String(name.dropFirst(7)), column: $0) }
            } : []
        var groupWeights = groupColumns.map { _ in [Double]() }
        if capacityColumn != nil { result.capacities = [] }
        if unitColumn != nil { result.units = [] }
        var firstLine: [String: Int] = [:]
        for row in 0..<table.rowCount {
            let errors = log.errorCount
            guard let id = table.requiredText(row: row, column: idColumn, log: &log) else {
                continue
            }
            if let line = firstLine[id] {
                log.error(
                    .duplicateID(id: id, firstLine: line),
                    at: table.location(row: row, column: idColumn))
                continue
            }
            firstLine[id] = table.line(ofRow: row)
            let a = requiredNumber(table, row, firstColumn)
            let b = requiredNumber(table, row, secondColumn)
            if let a, let b, hasLonLat {
                if !(-180...180).contains(a) {
                    log.error(
                        .outOfRange(
                            field: "lon", value: table[row, firstColumn],
                            range: "between -180 and 180"),
                        at: table.location(row: row, column: firstColumn))
                }
                if !(-90...90).contains(b) {
                    log.error(
                        .outOfRange(
                            field: "lat", value: table[row, secondColumn],
                            range: "between -90 and 90"),
                        at: table.location(row: row, column: secondColumn))
                }
            }
            if let a, let b, !hasLonLat {
                for (value, column, name) in [(a, firstColumn, "x"), (b, secondColumn, "y")]
                where abs(value) > Self.largestMetres {
                    log.error(
                        .outOfRange(
                            field: name, value: table[row, column],
                            range: "between −10^8 and 10^8 metres"),
                        at: table.location(row: row, column: column))
                }
            }
            let weight = weightColumn.flatMap { nonNegative(table, row, $0, required: true) }
            let capacity = capacityColumn.flatMap { nonNegative(table, row, $0, required: false) }
            let groupValues = groupColumns.map {
                nonNegative(table, row, $0.column, required: true)
            }
            guard !log.hasErrors(since: errors), let a, let b else { continue }
            result.ids.append(id)
            result.lines.append(table.line(ofRow: row))
            result.coordinates.append((a, b))
            if weightColumn != nil { result.weights.append(weight ?? 0) }
            if capacityColumn != nil { result.capacities!.append(capacity ?? 0) }
            if let unitColumn {
                result.units!.append(table.text(row: row, column: unitColumn) ?? "")
            }
            for (index, value) in groupValues.enumerated() {
                groupWeights[index].append(value ?? 0)
            }
        }
        result.groups = zip(groupColumns, groupWeights).map {
            ResidentGroup(name: $0.0.name, weights: $0.1)
        }
        return result
    }

    /// A number that must be present.
    private mutating func requiredNumber(_ table: CSVTable, _ row: Int, _ column: Int) -> Double? {
        guard let text = table.text(row: row, column: column), !text.isEmpty else {
            log.error(
                .emptyCell(column: table.header[column]),
                at: table.location(row: row, column: column))
            return nil
        }
        return table.number(row: row, column: column, log: &log)
    }

    /// A number ≥ 0; an empty cell is an error when required, else nil.
    private mutating func nonNegative(_ table: CSVTable, _ row: Int, _ column: Int, required: Bool)
        -> Double?
    {
        let text = table.text(row: row, column: column) ?? ""
        if text.isEmpty {
            if required {
                log.error(
                    .emptyCell(column: table.header[column]),
                    at: table.location(row: row, column: column))
            }
            return nil
        }
        guard let value = table.number(row: row, column: column, log: &log) else { return nil }
        guard value >= 0 else {
            log.error(
                .negative(column: table.header[column], value: text),
                at: table.location(row: row, column: column))
            return nil
        }
        return value
    }

    /// Reads a walking network: a GeoJSON file of LineStrings (nodes are the vertices, matched
    /// by their coordinates), or a CSV of edges `from,to[,length]` with a nodes table
    /// `id,x,y` (or `id,lon,lat`).
    public mutating func network(_ path: String, nodes nodesPath: String?) -> NetworkTable? {
        let lower = path.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") {
            return geoJSONNetwork(path)
        }
        guard let nodesPath else {
            log.error(
                .invalidValue(
                    field: "--network",
                    reason:
                        "a CSV network lists edges between node ids; give the nodes' positions with --nodes N.csv (id,x,y or id,lon,lat)"
                ),
                at: SourceLocation(file: path))
            return nil
        }
        guard let nodes = points(nodesPath, role: .facilities) else { return nil }
        guard let decoded = text(path), let table = CSVReader.parse(decoded, file: path, log: &log),
            table.check(CSVColumns(required: ["from", "to"], optional: ["length"]), log: &log)
        else { return nil }
        var network = NetworkTable(file: path)
        network.coordinates = nodes.coordinates
        network.isGeographic = nodes.isGeographic
        var index: [String: Int] = [:]
        for (position, id) in nodes.ids.enumerated() { index[id] = position }
        let fromColumn = table.column("from")!
        let toColumn = table.column("to")!
        let lengthColumn = table.column("length")
        for row in 0..<table.rowCount {
            var ends: [Int] = []
            for column in [fromColumn, toColumn] {
                guard let id = table.requiredText(row: row, column: column, log: &log) else {
                    continue
                }
                guard let node = index[id] else {
                    log.error(.unknownNode(id: id), at: table.location(row: row, column: column))
                    continue
                }
                ends.append(node)
            }
            var length: Double?
            if let lengthColumn {
                length = nonNegative(table, row, lengthColumn, required: false)
                if length == nil, !(table.text(row: row, column: lengthColumn) ?? "").isEmpty {
                    continue
                }
            }
            guard ends.count == 2 else { continue }
            network.edges.append((ends[0], ends[1], length))
        }
        return network
    }

    /// A GeoJSON FeatureCollection (or a single Feature or geometry) of LineStrings and
    /// MultiLineStrings; each pair of consecutive vertices is an edge.
    private mutating func geoJSONNetwork(_ path: String) -> NetworkTable? {
        guard let decoded = text(path) else { return nil }
        return Self.geoJSONNetwork(decoded.utf8, file: path, log: &log)
    }

    /// The network of a GeoJSON text (``geoJSONNetwork(_:)``), every problem logged.
    static func geoJSONNetwork(_ bytes: [UInt8], file path: String, log: inout DiagnosticLog)
        -> NetworkTable?
    {
        let root: LocatedJSON
        switch LocatedJSON.parse(bytes, file: path) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let value): root = value
        }
        var geometries: [LocatedJSON] = []
        func collect(_ value: LocatedJSON) {
            switch value["type"]?.string {
            case "FeatureCollection":
                for feature in value["features"]?.array ?? [] { collect(feature) }
            case "Feature":
                if let geometry = value["geometry"] { collect(geometry) }
            case "GeometryCollection":
                for geometry in value["geometries"]?.array ?? [] { collect(geometry) }
            default:
                geometries.append(value)
            }
        }
        collect(root)
        var network = NetworkTable(file: path)
        network.fromGeoJSON = true
        var nodeByCoordinates: [String: Int] = [:]
        var failed = false
        func node(_ value: LocatedJSON) -> Int? {
            guard let pair = value.array, pair.count >= 2, let a = pair[0].number,
                let b = pair[1].number, abs(a) <= Self.largestMetres, abs(b) <= Self.largestMetres
            else {
                log.error(
                    .invalidValue(
                        field: "GeoJSON",
                        reason:
                            "a position is [x, y] in metres (within ±10^8) or [lon, lat] in degrees"
                    ),
                    at: value.location)
                failed = true
                return nil
            }
            let key = "\(a),\(b)"
            if let index = nodeByCoordinates[key] { return index }
            nodeByCoordinates[key] = network.coordinates.count
            network.coordinates.append((a, b))
            return network.coordinates.count - 1
        }
        for geometry in geometries {
            let lines: [LocatedJSON]
            switch geometry["type"]?.string {
            case "LineString":
                lines = [geometry["coordinates"] ?? .null(geometry.location)]
            case "MultiLineString":
                lines = geometry["coordinates"]?.array ?? []
            default:
                log.error(
                    .invalidValue(
                        field: "GeoJSON",
                        reason:
                            "the network holds LineString or MultiLineString geometries (got \(geometry["type"]?.string ?? "none"))"
                    ),
                    at: geometry.location)
                failed = true
                continue
            }
            for line in lines {
                guard let positions = line.array, positions.count >= 2 else {
                    log.error(
                        .invalidValue(
                            field: "GeoJSON", reason: "a LineString has at least two positions"),
                        at: line.location)
                    failed = true
                    continue
                }
                var previous: Int?
                for position in positions {
                    let current = node(position)
                    if let previous, let current, previous != current {
                        network.edges.append((previous, current, nil))
                    }
                    previous = current
                }
            }
        }
        if network.edges.isEmpty && !failed {
            log.error(
                .invalidValue(field: "GeoJSON", reason: "the file holds no LineString"),
                at: root.location)
            return nil
        }
        return failed ? nil : network
    }
}

extension DiagnosticLog {
    /// Whether an error was logged since the log held `count` errors (``errorCount``), counting
    /// errors the log keeps only as a number.
    func hasErrors(since count: Int) -> Bool {
        errorCount > count
    }
}

/// One frame of coordinates for all inputs of a use case: metres as given, or longitude and
/// latitude projected about their common mean with `LocalProjection`.
public struct CoordinateFrame: Sendable {
    public let projection: LocalProjection?

    /// Checks that all tables use the same kind of coordinates and sets their points.
    /// - Returns: nil (with an error logged at the odd table's header) when they mix.
    public static func make(
        points tables: inout [PointTable], network: NetworkTable?, log: inout DiagnosticLog
    ) -> CoordinateFrame? {
        let geographic = tables.first?.isGeographic ?? false
        for table in tables where table.isGeographic != geographic {
            log.error(
                .invalidValue(
                    field: "coordinates",
                    reason:
                        "\(table.file) gives \(table.isGeographic ? "lon,lat" : "x,y") but \(tables[0].file) gives \(geographic ? "lon,lat" : "x,y"); use one kind in every file"
                ),
                at: SourceLocation(file: table.file, line: 1, column: 1))
            return nil
        }
        if let network, !network.fromGeoJSON, network.isGeographic != geographic {
            log.error(
                .invalidValue(
                    field: "coordinates",
                    reason:
                        "the network's nodes give \(network.isGeographic ? "lon,lat" : "x,y") but the points give \(geographic ? "lon,lat" : "x,y")"
                ),
                at: SourceLocation(file: network.file, line: 1, column: 1))
            return nil
        }
        guard geographic else {
            for index in tables.indices {
                tables[index].points = tables[index].coordinates.map {
                    PlanarPoint(x: $0.0, y: $0.1)
                }
            }
            return CoordinateFrame(projection: nil)
        }
        let all = tables.flatMap { $0.coordinates } + (network?.coordinates ?? [])
        let projection = LocalProjection(
            centredOn: all.map { GeoPoint(longitude: $0.0, latitude: $0.1) })
        for index in tables.indices {
            tables[index].points = PlanarPoint.projecting(
                tables[index].coordinates.map { GeoPoint(longitude: $0.0, latitude: $0.1) },
                with: projection)
        }
        return CoordinateFrame(projection: projection)
    }

    /// The network in metres: nodes projected like the points, edge lengths as given or else
    /// straight (great-circle for longitude and latitude).
    public func network(_ table: NetworkTable) throws -> WalkingNetwork {
        if let projection {
            return try table.geographic(snapDistance: 0).projected(with: projection)
        }
        let nodes = table.coordinates.map { PlanarPoint(x: $0.0, y: $0.1) }
        let edges = table.edges.map { edge in
            WalkingNetwork.Edge(
                from: edge.from, to: edge.to,
                length: edge.length ?? nodes[edge.from].distance(to: nodes[edge.to]))
        }
        return try WalkingNetwork(nodes: nodes, edges: edges)
    }
}
