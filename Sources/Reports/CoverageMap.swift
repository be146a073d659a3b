import Coverage
import Facilities
import Foundation
import Geography
import Provenance
import Simulation

/// The coverage of a year as GeoJSON for QGIS (`coverage-YEAR.geojson`): every community or
/// village with older residents, with whether it lies within the 15-minute circle, and every
/// operating facility with its type. A point estimated by `coverage.estimate_locations` has
/// `location: estimated` (a facility placed at its unit's point shares it).
///
/// Coordinates are those of the scenario, in its datum (property `datum`); GeoJSON readers
/// assume WGS-84, so points in GCJ-02 sit a few hundred metres off on WGS-84 base maps.
public enum CoverageMap {
    public static func geoJSON(_ result: SimulationResult, year: Int) -> [UInt8]? {
        guard result.years.contains(year), result.facilities != nil else { return nil }
        let tree = result.scenario.regions
        let yearIndex = year - result.years.lowerBound
        let datum = JSONValue.string(result.scenario.datum?.rawValue ?? "")
        var features: [JSONValue] = []
        func point(_ location: GeoPoint) -> JSONValue {
            .object([
                ("type", .string("Point")),
                (
                    "coordinates",
                    .array([
                        .decimal(location.longitude, places: 6),
                        .decimal(location.latitude, places: 6),
                    ])
                ),
            ])
        }
        if let population = result.population, yearIndex < result.serviceCircle.count,
            let circle = result.serviceCircle[yearIndex]
        {
            let nearest = circle.nearest.facilities
            for (index, region) in result.circleUnits.enumerated() where index < nearest.count {
                let unit = tree.regions[region]
                features.append(
                    .object([
                        ("type", .string("Feature")), ("geometry", point(unit.location!)),
                        (
                            "properties",
                            .object([
                                ("layer", .string("residents")),
                                ("code", .string(unit.code.shortForm)),
                                ("name", .string(unit.name)), ("kind", .string(unit.kind.rawValue)),
                                (
                                    "aged_60",
                                    .decimal(population.aged60[yearIndex][region], places: 1)
                                ),
                                ("within_15_minutes", .bool(nearest[index] >= 0)),
                                (
                                    "location",
                                    .string(unit.locationIsEstimated ? "estimated" : "given")
                                ),
                                ("datum", datum),
                            ])
                        ),
                    ]))
            }
        }
        if let stocks = result.facilities?.yearEndStocks, yearIndex < stocks.count {
            let stock = stocks[yearIndex]
            let points = tree.representativePoints()
            for index in 0..<stock.count where stock.statuses[index] == .operating {
                guard let location = stock.locations[index] ?? points[stock.regions[index]] else {
                    continue
                }
                features.append(
                    .object([
                        ("type", .string("Feature")), ("geometry", point(location)),
                        (
                            "properties",
                            .object([
                                ("layer", .string("facilities")), ("id", .string(stock.id(index))),
                                ("type", .string(stock.types[index].identifier)),
                                (
                                    "region",
                                    .string(tree.regions[stock.regions[index]].code.shortForm)
                                ),
                                ("beds", .integer(stock.beds[index])),
                                ("nursing_beds", .integer(stock.nursingBeds[index])),
                                (
                                    "location",
                                    .string(
                                        stock.locations[index] != nil
                                            ? "given"
                                            : tree.regions[stock.regions[index]]
                                                .locationIsEstimated ? "estimated" : "unit"
                                    )
                                ),
                                ("datum", datum),
                            ])
                        ),
                    ]))
            }
        }
        let collection = JSONValue.object([
            ("type", .string("FeatureCollection")), ("name", .string("coverage-\(year)")),
            ("features", .array(features)),
        ])
        return Array(collection.text().utf8)
    }

    /// The points the maps draw over the units in a year, read from that year's
    /// `coverage-YEAR.geojson` (``geoJSON(_:year:)``), so that a run and a report made again
    /// from its folder draw the same points: every operating facility with a location of its
    /// own (those placed at their unit's point are left out: they would stack on it), then
    /// every community or village with older residents, marked within or beyond the
    /// 15-minute circle. Nil when the bytes are not such a layer.
    public static func markers(geoJSON bytes: [UInt8], chinese: Bool) -> [BoundaryMap.Marker]? {
        guard
            let json = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let features = json["features"] as? [[String: Any]]
        else { return nil }
        var facilities: [BoundaryMap.Marker] = []
        var residents: [BoundaryMap.Marker] = []
        for feature in features {
            guard let properties = feature["properties"] as? [String: Any],
                let geometry = feature["geometry"] as? [String: Any],
                let coordinates = geometry["coordinates"] as? [Double], coordinates.count == 2
            else { continue }
            let location = GeoPoint(longitude: coordinates[0], latitude: coordinates[1])
            switch properties["layer"] as? String {
            case "facilities":
                guard properties["location"] as? String == "given" else { continue }
                let id = properties["id"] as? String ?? ""
                let type = properties["type"] as? String ?? ""
                facilities.append(
                    BoundaryMap.Marker(location: location, kind: .facility, title: id + " " + type))
            case "residents":
                let name = properties["name"] as? String ?? ""
                let older = Int(((properties["aged_60"] as? Double) ?? 0).rounded())
                let within = properties["within_15_minutes"] as? Bool ?? false
                let estimated = properties["location"] as? String == "estimated"
                residents.append(
                    BoundaryMap.Marker(
                        location: location, kind: within ? .covered : .uncovered,
                        title: name + (chinese ? "：60岁及以上 " : ": aged 60+ ") + String(older)
                            + (within
                                ? (chinese ? "，一刻钟内" : ", within 15 minutes")
                                : (chinese ? "，未覆盖" : ", not covered"))
                            + (estimated ? (chinese ? "（推算位置）" : " (estimated point)") : ""),
                        isEstimated: estimated))
            default:
                continue
            }
        }
        return facilities + residents
    }
}
