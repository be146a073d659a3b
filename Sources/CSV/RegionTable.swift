import Diagnostics
import Geography

/// Reads a scenario's regions table (`regions.csv`) into a ``RegionTree``.
///
/// Columns (header names; order free):
///
/// | column | required | meaning |
/// |---|---|---|
/// | `code` | yes | statistical division code, short (2, 4, 6, 9 digits) or 12 digits |
/// | `name` | yes | the unit's name |
/// | `level` | no | `province`, `city`, `county`, `township`, `village`; must agree with the code |
/// | `parent` | no | the parent's code; must agree with the code |
/// | `kind` | no | see ``RegionKind``; by default from the name (counties, townships) or the code and urban–rural class (villages) |
/// | `urban_rural` | no | urban–rural class 111–123 or 210, 220 (villages only) |
/// | `lon`, `lat` | no | a representative point, in the datum the scenario states |
public enum RegionTable {
    /// The columns of a regions table.
    public static let columns = CSVColumns(
        required: ["code", "name"],
        optional: ["level", "parent", "kind", "urban_rural", "lon", "lat"])

    /// Reads a regions table from disk and builds the tree.
    /// - Parameters:
    ///   - path: the file's path, which is also how diagnostics name it.
    ///   - log: receives every problem of every row.
    /// - Returns: the bytes read (for the manifest) and the tree, or nil if there were errors.
    public static func load(path: String, log: inout DiagnosticLog)
        -> (table: CSVTable?, tree: RegionTree?)
    {
        guard let table = CSVReader.read(atPath: path, name: path, kind: .regions, log: &log) else {
            return (nil, nil)
        }
        return (table, tree(from: table, log: &log))
    }

    /// Builds the region tree from a parsed table, logging every problem with its row and
    /// column.
    public static func tree(from table: CSVTable, log: inout DiagnosticLog) -> RegionTree? {
        let errorsBefore = log.errorCount
        guard table.check(columns, log: &log) else { return nil }
        if table.rowCount == 0 {
            log.error(.emptyTable, at: table.headerLocation())
            return nil
        }
        let codeColumn = table.column("code")!
        let nameColumn = table.column("name")!
        let levelColumn = table.column("level")
        let parentColumn = table.column("parent")
        let kindColumn = table.column("kind")
        let urbanRuralColumn = table.column("urban_rural")
        let lonColumn = table.column("lon")
        let latColumn = table.column("lat")

        var regions: [Region] = []
        var rows: [Int] = []
        regions.reserveCapacity(table.rowCount)
        rows.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            guard let codeText = table.requiredText(row: row, column: codeColumn, log: &log) else {
                continue
            }
            let code: DivisionCode
            do {
                code = try DivisionCode(parsing: codeText)
            } catch {
                log.error(
                    .badRegionCode(value: codeText, reason: error.description),
                    at: table.location(row: row, column: codeColumn))
                continue
            }
            guard let name = table.requiredText(row: row, column: nameColumn, log: &log) else {
                continue
            }
            if let levelText = table.text(row: row, column: levelColumn), !levelText.isEmpty {
                if let level = RegionLevel(name: levelText) {
                    if level != code.level {
                        log.error(
                            .invalidValue(
                                field: "level",
                                reason:
                                    "'\(levelText)' does not match code \(codeText), which is a \(code.level) code"
                            ),
                            at: table.location(row: row, column: levelColumn!))
                    }
                } else {
                    log.error(
                        .notOneOf(
                            field: "level", value: levelText,
                            allowed: RegionLevel.allCases.map(\.name)),
                        at: table.location(row: row, column: levelColumn!))
                }
            }
            if let parentText = table.text(row: row, column: parentColumn), !parentText.isEmpty {
                let implied = code.parent
                if let parent = try? DivisionCode(parsing: parentText) {
                    if parent != implied {
                        log.error(
                            .parentMismatch(
                                code: codeText, given: parentText,
                                impliedByCode: implied?.shortForm ?? "none (a province)"),
                            at: table.location(row: row, column: parentColumn!))
                    }
                } else {
                    log.error(
                        .badRegionCode(value: parentText, reason: "the parent is not a code"),
                        at: table.location(row: row, column: parentColumn!))
                }
            }
            var urbanRural: UrbanRuralClass?
            if let text = table.text(row: row, column: urbanRuralColumn), !text.isEmpty {
                if let value = Int(text), let parsed = UrbanRuralClass(rawValue: value) {
                    if code.level != .village {
                        log.error(
                            .invalidValue(
                                field: "urban_rural",
                                reason: "only villages and communities have an urban–rural class"),
                            at: table.location(row: row, column: urbanRuralColumn!))
                    }
                    urbanRural = parsed
                } else {
                    log.error(
                        .notOneOf(
                            field: "urban_rural", value: text,
                            allowed: UrbanRuralClass.allCases.map(\.description)),
                        at: table.location(row: row, column: urbanRuralColumn!))
                }
            }
            var kind = defaultKind(code: code, name: name, urbanRural: urbanRural)
            if let kindText = table.text(row: row, column: kindColumn), !kindText.isEmpty {
                if let given = RegionKind(name: kindText) {
                    if given.level != code.level {
                        log.error(
                            .invalidValue(
                                field: "kind",
                                reason:
                                    "'\(kindText)' is a \(given.level) kind, but \(codeText) is a \(code.level) code"
                            ),
                            at: table.location(row: row, column: kindColumn!))
                    }
                    kind = given
                } else {
                    let allowed = RegionKind.allCases.filter { $0.level == code.level }.map(
                        \.rawValue)
                    log.error(
                        .notOneOf(field: "kind", value: kindText, allowed: allowed),
                        at: table.location(row: row, column: kindColumn!))
                }
            }
            var point: GeoPoint?
            let lonText = table.text(row: row, column: lonColumn) ?? ""
            let latText = table.text(row: row, column: latColumn) ?? ""
            if lonText.isEmpty != latText.isEmpty {
                let missing = lonText.isEmpty ? "lon" : "lat"
                let column = (lonText.isEmpty ? lonColumn : latColumn) ?? codeColumn
                log.error(.emptyCell(column: missing), at: table.location(row: row, column: column))
            } else if let lon = table.number(row: row, column: lonColumn, log: &log),
                let lat = table.number(row: row, column: latColumn, log: &log)
            {
                let candidate = GeoPoint(longitude: lon, latitude: lat)
                if candidate.isInChina {
                    point = candidate
                } else {
                    log.error(
                        .invalidValue(
                            field: "lon/lat",
                            reason:
                                "(\(lon), \(lat)) is outside China (73–136° E, 3–54° N); are lon and lat swapped?"
                        ),
                        at: table.location(row: row, column: lonColumn!))
                }
            }
            regions.append(
                Region(code: code, name: name, kind: kind, urbanRural: urbanRural, location: point))
            rows.append(row)
        }

        do {
            let tree = try RegionTree(regions: regions)
            let errorsNow = log.errorCount
            return errorsNow == errorsBefore ? tree : nil
        } catch {
            for issue in error.issues {
                switch issue {
                case .duplicateCode(let code, let position, let first):
                    log.error(
                        .duplicateRegion(
                            code: code.shortForm, firstLine: table.line(ofRow: rows[first])),
                        at: table.location(row: rows[position], column: codeColumn))
                case .missingParent(let code, let parent, let position):
                    log.error(
                        .missingParent(code: code.shortForm, parent: parent.shortForm),
                        at: table.location(row: rows[position], column: parentColumn ?? codeColumn))
                case .kindDoesNotMatchLevel:
                    break  // reported above, with the column
                }
            }
            return nil
        }
    }

    /// The kind a region has when the table does not say: from the name for counties and
    /// townships, from the urban–rural class or else the code for villages.
    public static func defaultKind(code: DivisionCode, name: String, urbanRural: UrbanRuralClass?)
        -> RegionKind
    {
        switch code.level {
        case .province: .province
        case .city: .city
        case .county: KindRules.countyKind(fromName: name)
        case .township: KindRules.townshipKind(fromName: name)
        case .village: urbanRural?.villageKind ?? KindRules.villageKind(fromCode: code)
        }
    }
}
