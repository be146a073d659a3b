import Geography
import Quantities
import Targets

/// The boundary layer of a run folder (`boundaries.geojson`): the scenario's boundaries, one
/// Feature a line, with each unit's code, name and the values the maps show in the report
/// year (coverage shares, the nursing-bed share, beds short of need and residents aged 60+),
/// for QGIS beside `coverage-YEAR.geojson`; `yanglao districts RUN_DIR` reads it back for
/// its maps. Coordinates are the scenario's (its datum is the member `datum`).
public enum BoundaryLayer {
    /// The indicators whose values the layer carries, in this order.
    static let indicatorIDs = [
        "street-centre-coverage", "township-centre-coverage", "urban-community-coverage",
        "rural-village-coverage", "fifteen-minute-circle-share", "nursing-bed-share-institutional",
        "bed-gap", "aged-60-plus",
    ]

    /// The layer's text.
    public static func geoJSON(_ boundaries: BoundarySet, data: RunData, year: Int, datum: String)
        -> [UInt8]
    {
        var lines = [
            "{\"type\": \"FeatureCollection\",", "\"name\": \"boundaries\",",
            "\"datum\": " + PointLayer.quoted(datum) + ",",
            "\"source\": " + PointLayer.quoted(boundaries.source) + ",",
            "\"year\": \(year),", "\"features\": [",
        ]
        var features: [String] = []
        for unit in boundaries.units {
            var properties = [
                "\"code\": " + PointLayer.quoted(unit.code.shortForm),
                "\"name\": " + PointLayer.quoted(unit.name),
            ]
            if let index = data.tree.index(of: unit.code) {
                for id in indicatorIDs {
                    guard let indicator = IndicatorCatalogue.indicator(id),
                        let value = data.indicators.value(indicator, year: year, region: index)?
                            .value, value.isFinite
                    else { continue }
                    properties.append(
                        PointLayer.quoted(id.replacingOccurrences(of: "-", with: "_")) + ": "
                            + NumberText.trimmed((value * 1e6).rounded() / 1e6, decimals: 6))
                }
            }
            let polygons = unit.polygons.map { polygon in
                "["
                    + polygon.rings.map { ring in
                        "["
                            + ring.map {
                                "[" + coordinate($0.longitude) + "," + coordinate($0.latitude) + "]"
                            }.joined(separator: ",") + "]"
                    }.joined(separator: ",") + "]"
            }
            features.append(
                "{\"type\": \"Feature\", \"properties\": {" + properties.joined(separator: ", ")
                    + "}, \"geometry\": {\"type\": \"MultiPolygon\", \"coordinates\": ["
                    + polygons.joined(separator: ",") + "]}}")
        }
        lines.append(features.joined(separator: ",\n"))
        lines.append("]}")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// A longitude or latitude with at most 6 decimals (about 0.1 m).
    static func coordinate(_ value: Double) -> String {
        NumberText.trimmed((value * 1e6).rounded() / 1e6, decimals: 6)
    }
}
