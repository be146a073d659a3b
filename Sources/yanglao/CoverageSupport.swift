import ArgumentParser
import Coverage
import Diagnostics
import Foundation
import Provenance

/// How the standalone coverage commands measure walks.
struct WalkingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A walking network: GeoJSON LineStrings, or a CSV of edges from,to[,length] (metres) with --nodes.",
            valueName: "E.csv|E.geojson"))
    var network: String?

    @Option(help: ArgumentHelp("The network's nodes: id,x,y or id,lon,lat.", valueName: "N.csv"))
    var nodes: String?

    @Option(
        help: ArgumentHelp(
            "Points farther than this from every node are off the network (reported).",
            valueName: "METRES"))
    var snap: Double = 200

    @Option(
        help: ArgumentHelp(
            "Without a network, straight lines are multiplied by this factor (≥ 1).",
            valueName: "FACTOR"))
    var detour: Double = 1

    func validate() throws {
        guard snap.isFinite, snap > 0 else {
            throw ValidationError("--snap must be a distance above 0 metres (got \(snap))")
        }
        guard detour.isFinite, detour >= 1 else {
            throw ValidationError("--detour must be 1 or more (got \(detour))")
        }
        if nodes != nil, network == nil {
            throw ValidationError("--nodes goes with --network E.csv; add the edges file")
        }
    }
}

/// Output switches shared by the standalone commands.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Replace output files that already exist.")
    var overwrite = false

    @Option(help: "Language of the summary: zh (default) or en.")
    var lang: Language = .zh

    @Flag(help: "Print nothing but errors and warnings.")
    var quiet = false
}

extension CoverageInputs {
    /// Prints the warnings, or every diagnostic and exits with status 64 when any is an error.
    func report(_ language: Language) throws {
        let diagnostics = log.sorted
        guard !diagnostics.isEmpty else { return }
        Console.error(DiagnosticRenderer(sources: sources).render(diagnostics))
        if log.hasErrors {
            let errors = log.errorCount
            Console.error(Messages(language).errorCount(errors))
            throw ExitCode(64)
        }
    }

    /// Builds the distance model, logging a bad network.
    mutating func distanceModel(
        _ options: WalkingOptions, frame: CoordinateFrame, network: NetworkTable?
    ) -> DistanceModel? {
        guard let network else { return .straightLine(detour: options.detour) }
        do {
            return .network(try frame.network(network), snapDistance: options.snap)
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

/// Plain text of numbers for CSV and messages.
enum Number {
    /// The shortest text that reads back as the same number.
    static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// A number with a fixed number of decimals.
    static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// A share as a percentage with one decimal.
    static func percent(_ share: Double?) -> String {
        share.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
    }

    /// JSON for an optional number.
    static func json(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(exact(value))
    }
}

/// A GeoJSON FeatureCollection of points (RFC 7946) that QGIS opens as a layer, one feature
/// a line.
struct PointLayer {
    /// A property value: text, number or none.
    enum Value {
        case text(String)
        case number(Double)
        case none
    }

    var features: [(x: Double, y: Double, properties: [(String, Value)])] = []
    /// The CRS of planar coordinates, e.g. `EPSG:32651`; nil for longitude and latitude.
    var crs: String?

    func text() -> String {
        var output = "{\"type\": \"FeatureCollection\",\n"
        if let crs {
            // RFC 7946 dropped the crs member, but QGIS and GDAL still read it: without it,
            // planar coordinates would be taken for degrees.
            let code = crs.uppercased().replacingOccurrences(of: "EPSG:", with: "")
            output +=
                "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::\(code)\"}},\n"
        }
        output += "\"features\": [\n"
        for (index, feature) in features.enumerated() {
            output +=
                "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": ["
            output +=
                Number.exact(feature.x) + ", " + Number.exact(feature.y) + "]}, \"properties\": {"
            for (position, (key, value)) in feature.properties.enumerated() {
                if position > 0 { output += ", " }
                output += Self.quoted(key) + ": "
                switch value {
                case .text(let text): output += Self.quoted(text)
                case .number(let number): output += number.isFinite ? Number.exact(number) : "null"
                case .none: output += "null"
                }
            }
            output += index + 1 < features.count ? "}},\n" : "}}\n"
        }
        return output + "]}\n"
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// Validates a radius option.
func validateRadius(_ radius: Double) throws {
    guard radius.isFinite, radius > 0 else {
        throw ValidationError(
            "--radius must be a distance above 0 metres (got \(Number.exact(radius)))")
    }
}

/// Checks the output paths before any work: distinct, and not existing unless replaced.
func checkOutputs(_ paths: [String], overwrite: Bool) throws {
    let unique = Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    guard unique.count == paths.count else {
        throw ValidationError("the output files must differ: \(paths.joined(separator: ", "))")
    }
    for path in paths {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw ValidationError("the folder of \(path) does not exist")
        }
        if !overwrite, FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) exists; add --overwrite to replace it")
        }
    }
}
