import Foundation

/// A GeoJSON FeatureCollection of points (RFC 7946) that QGIS opens as a layer, one feature
/// a line: the layer `yanglao coverage --geojson` writes.
public struct PointLayer: Sendable {
    /// A property value: text, number or none.
    public enum Value: Sendable {
        case text(String)
        case number(Double)
        case none
    }

    public var features: [(x: Double, y: Double, properties: [(String, Value)])] = []
    /// The CRS of planar coordinates, e.g. `EPSG:32651`; nil for longitude and latitude.
    public var crs: String?

    public init(crs: String?) {
        self.crs = crs
    }

    public func text() -> String {
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
                Self.exact(feature.x) + ", " + Self.exact(feature.y) + "]}, \"properties\": {"
            for (position, (key, value)) in feature.properties.enumerated() {
                if position > 0 { output += ", " }
                output += Self.quoted(key) + ": "
                switch value {
                case .text(let text): output += Self.quoted(text)
                case .number(let number): output += number.isFinite ? Self.exact(number) : "null"
                case .none: output += "null"
                }
            }
            output += index + 1 < features.count ? "}},\n" : "}}\n"
        }
        return output + "]}\n"
    }

    /// The shortest text that reads back as the same number.
    static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
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
