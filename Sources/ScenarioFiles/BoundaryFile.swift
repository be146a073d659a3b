import CSV
import Diagnostics
import Geography

/// A boundary file (边界文件, `boundaries:` of a scenario): a GeoJSON FeatureCollection
/// (RFC 7946) with one Feature per unit, `properties.code` its statistical division code
/// (6 digits for a county, as `Scripts/make-boundaries.py` writes them; any length the
/// region table accepts), `properties.name` its name (optional) and a Polygon or
/// MultiPolygon geometry in the datum of the scenario's points. The top-level `source`
/// member, when given, is kept and printed under the maps.
///
/// Every problem is located at the line and column of the value at fault, and all of them
/// are reported, not only the first.
public enum BoundaryFile {
    /// Reads a boundary file from disk, bounded by the table size limit.
    public static func read(atPath path: String, log: inout DiagnosticLog) -> BoundarySet? {
        switch TextFile.text(atPath: path, name: path, kind: .table) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let decoded):
            return parse(decoded.utf8, file: path, log: &log)
        }
    }

    /// Parses the text of a boundary file.
    public static func parse(_ bytes: [UInt8], file: String, log: inout DiagnosticLog)
        -> BoundarySet?
    {
        let root: LocatedJSON
        switch LocatedJSON.parse(bytes, file: file) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let value): root = value
        }
        guard root["type"]?.string == "FeatureCollection", let features = root["features"]?.array
        else {
            log.error(.badBoundary(.notFeatureCollection), at: root.location)
            return nil
        }
        let errorsBefore = log.errorCount
        var units: [UnitBoundary] = []
        var seen: Set<DivisionCode> = []
        for feature in features {
            guard let codeValue = feature["properties"]?["code"], let text = codeValue.string
            else {
                log.error(.badBoundary(.missingCode), at: feature.location)
                continue
            }
            guard let code = try? DivisionCode(parsing: text) else {
                log.error(.badBoundary(.badCode(text)), at: codeValue.location)
                continue
            }
            guard seen.insert(code).inserted else {
                log.error(.badBoundary(.duplicateCode(text)), at: codeValue.location)
                continue
            }
            let name = feature["properties"]?["name"]?.string ?? text
            guard let geometry = feature["geometry"],
                let polygons = self.polygons(geometry, log: &log)
            else {
                if feature["geometry"] == nil {
                    log.error(.badBoundary(.notPolygon("null")), at: feature.location)
                }
                continue
            }
            units.append(UnitBoundary(code: code, name: name, polygons: polygons))
        }
        guard log.errorCount == errorsBefore else { return nil }
        return BoundarySet(units: units, source: root["source"]?.string ?? "")
    }

    /// The polygons of a Polygon or MultiPolygon geometry.
    static func polygons(_ geometry: LocatedJSON, log: inout DiagnosticLog) -> [GeoPolygon]? {
        let type = geometry["type"]?.string ?? ""
        guard type == "Polygon" || type == "MultiPolygon",
            let coordinates = geometry["coordinates"]?.array
        else {
            log.error(.badBoundary(.notPolygon(type)), at: geometry.location)
            return nil
        }
        let polygonValues = type == "Polygon" ? [geometry["coordinates"]!] : coordinates
        var result: [GeoPolygon] = []
        var failed = false
        for polygonValue in polygonValues {
            guard let ringValues = polygonValue.array, !ringValues.isEmpty else {
                log.error(.badBoundary(.badRing), at: polygonValue.location)
                failed = true
                continue
            }
            var rings: [[GeoPoint]] = []
            for ringValue in ringValues {
                guard let positions = ringValue.array else {
                    log.error(.badBoundary(.badRing), at: ringValue.location)
                    failed = true
                    continue
                }
                var ring: [GeoPoint] = []
                for position in positions {
                    guard let pair = position.array, pair.count >= 2,
                        let longitude = pair[0].number, let latitude = pair[1].number,
                        (-180...180).contains(longitude), (-90...90).contains(latitude)
                    else {
                        log.error(.badBoundary(.badPosition), at: position.location)
                        failed = true
                        break
                    }
                    ring.append(GeoPoint(longitude: longitude, latitude: latitude))
                }
                if failed { break }
                guard ring.count >= 4, ring.first == ring.last else {
                    log.error(.badBoundary(.badRing), at: ringValue.location)
                    failed = true
                    continue
                }
                rings.append(ring)
            }
            if !rings.isEmpty { result.append(GeoPolygon(rings: rings)) }
        }
        return failed ? nil : result
    }
}
