import CSV
import Diagnostics
import Facilities
import Geography

/// Reads a facility inventory (`facilities.csv`, 设施台账) into a ``FacilityInventory``.
///
/// Columns (header names; order free):
///
/// | column | required | meaning |
/// |---|---|---|
/// | `id` | no | unique identifier of the facility; without the column, each row's line (its row in a workbook) |
/// | `name` | no | its name |
/// | `type` | yes | `institution`, `special_hardship_home`, `honour_home`, `street_centre`, `township_centre`, `community_station`, `village_point`, `meal_site`, `family_beds` (or the Chinese names) |
/// | `ownership` | institutions | `public`, `private`, `public_built_private_run` (公办, 民办, 公建民营); default `public` for other types |
/// | `care_type` | no | `yes` for a care-type (照护型) special-hardship home |
/// | `community` | yes, or `township` | code or name of the community or village it stands in (or the street, town or county when the region table stops above) |
/// | `township`, `county` | no | code or name of its street or town and its county: a name of the row is looked for within them (see ``RegionNames``) |
/// | `address` | no | its address, which tells two homes of one name apart in the data-quality summary |
/// | `beds`, `nursing_beds` | no | beds and nursing-type beds (default 0); nursing beds at most beds |
/// | `stars` | no | GB/T 37276 rating, 0–5 (default 0) |
/// | `status` | no | `planned`, `approved`, `under_construction`, `operating` (default), `closed` |
/// | `opened` | no | the year it opened (operating, closed) or opens (approved, under construction) |
/// | `approved`, `lead_time` | no | for an approved project without `opened`: it opens in approved + lead time (defaults: the base year; the type's lead time) |
/// | `residents` | no | residents in the base year (sets its own occupancy) |
/// | `caregivers` | no | caregivers in the base year |
/// | `lon`, `lat` | no | its position, in the table's datum (converted to the scenario's) |
/// | `synthetic` | no | `yes` for a row placed by a documented rule rather than taken from a register |
/// | `tier` | no | for a public home, the level of government that runs it: `county` or `township` (县级, 乡镇级); by default special-hardship homes that are not care-type are the township's, other homes the county's |
public enum FacilityTable {
    public static let columns = CSVColumns(
        required: ["type"],
        optional: [
            "id", "name", "ownership", "care_type", "beds", "nursing_beds", "stars", "status",
            "opened", "approved", "lead_time", "residents", "caregivers", "lon", "lat", "synthetic",
            "tier", "community", "township", "county", "address",
        ])

    /// The most beds a register row plausibly has: China's largest homes have about 3,000
    /// (a row above is listed in the data-quality summary, not refused).
    public static let plausibleBeds = 3_000

    /// How the coordinates of a table are read: the datum they are written in and the
    /// scenario's, which they are converted to.
    public struct Coordinates: Sendable {
        public var written: Datum
        public var working: Datum
        public init(written: Datum, working: Datum) {
            self.written = written
            self.working = working
        }
        public static let unchanged = Coordinates(written: .wgs84, working: .wgs84)
    }

    /// Words for yes and no in flag columns.
    static let yes = ["yes", "true", "1", "是", "y"]
    static let no = ["no", "false", "0", "否", "n", ""]

    /// Builds the inventory from a parsed table, logging every problem with its row and
    /// column.
    /// - Parameters:
    ///   - leadTimes: years from approval to opening by ``FacilityType``, for approved rows
    ///     without their own.
    ///   - coordinates: the datum of the table's `lon`, `lat` and the scenario's.
    /// - Returns: the inventory and the line of each facility, or nil if there were errors.
    ///
    /// Besides errors, the log receives the findings of the data-quality summary as
    /// warnings: rows repeating another's name (and address), rows without coordinates in
    /// a table that has them, points outside the box of the regions' points, and beds above
    /// ``plausibleBeds``.
    public static func inventory(
        from table: CSVTable, tree: RegionTree, baseYear: Int, leadTimes: [Int],
        coordinates: Coordinates = .unchanged, log: inout DiagnosticLog
    ) -> (inventory: FacilityInventory, lines: [Int])? {
        let errorsBefore = log.errorCount
        guard table.check(columns, log: &log) else { return nil }
        guard table.column("community") != nil || table.column("township") != nil else {
            log.error(
                .missingColumn(column: "community", suggestion: nil), at: table.headerLocation())
            return nil
        }
        let column = { (name: String) in table.column(name) }
        let idColumn = column("id")
        let typeColumn = column("type")!
        let anchorColumn = idColumn ?? column("name") ?? typeColumn
        let places = RegisterPlaces(table: table, tree: tree)
        var quality = RegisterQuality(table: table, tree: tree)
        var facilities: [Facility] = []
        var lines: [Int] = []
        var firstLine: [String: Int] = [:]

        for row in 0..<table.rowCount {
            func at(_ name: String) -> SourceLocation {
                table.location(row: row, column: column(name) ?? anchorColumn)
            }
            let id: String
            if let idColumn {
                guard let given = table.requiredText(row: row, column: idColumn, log: &log) else {
                    continue
                }
                id = given
            } else {
                id = String(table.line(ofRow: row))
            }
            if let first = firstLine[id] {
                log.error(
                    .invalidValue(
                        field: "id",
                        reason: "facility '\(id)' appears twice (first on line \(first))"
                    ), at: at("id"))
                continue
            }
            firstLine[id] = table.line(ofRow: row)
            var ok = true
            guard table.requiredText(row: row, column: typeColumn, log: &log) != nil,
                let type: FacilityType = named("type", row: row, table: table, log: &log, ok: &ok)
            else { continue }
            // Where it stands: a code, or a name within its township and county.
            let region = places.region(row: row, log: &log) ?? -1
            ok = ok && region >= 0
            if region >= 0 { quality.checkDuplicate(row: row, region: region, log: &log) }
            // Ownership.
            let ownership: Ownership =
                named("ownership", row: row, table: table, log: &log, ok: &ok) ?? .publicRun
            if type == .institution,
                (table.text(row: row, column: column("ownership")) ?? "").isEmpty
            {
                log.error(
                    .emptyCell(column: "ownership"),
                    at: column("ownership") == nil ? at("type") : at("ownership"))
                ok = false
            }
            // Care type.
            var isCareType = false
            let careText = (table.text(row: row, column: column("care_type")) ?? "").lowercased()
            if yes.contains(careText) {
                isCareType = true
                if type != .specialHardshipHome {
                    log.error(
                        .invalidValue(
                            field: "care_type",
                            reason: "only a special_hardship_home is care-type (照护型)"),
                        at: at("care_type"))
                    ok = false
                }
            } else if !no.contains(careText) {
                log.error(
                    .notOneOf(field: "care_type", value: careText, allowed: ["yes", "no"]),
                    at: at("care_type"))
                ok = false
            }
            // Beds.
            let beds = optionalCount("beds", row: row, table: table, log: &log, ok: &ok) ?? 0
            if beds > plausibleBeds {
                log.warning(
                    .implausible(
                        field: "beds", value: String(beds), limit: String(plausibleBeds)),
                    at: at("beds"))
            }
            let nursing =
                optionalCount("nursing_beds", row: row, table: table, log: &log, ok: &ok) ?? 0
            if nursing > beds {
                log.error(
                    .invalidValue(
                        field: "nursing_beds",
                        reason: "\(nursing) nursing beds is more than the \(beds) beds"),
                    at: at("nursing_beds"))
                ok = false
            }
            if type == .mealSite, beds > 0 {
                log.error(
                    .invalidValue(field: "beds", reason: "a meal site has no beds"), at: at("beds"))
                ok = false
            }
            // Stars.
            var stars = 0
            if let value = table.number(row: row, column: column("stars"), log: &log) {
                if value == value.rounded(), StarRating.range.contains(Int(exactly: value) ?? -1) {
                    stars = Int(value)
                } else {
                    log.error(
                        .outOfRange(
                            field: "stars", value: table.text(row: row, column: column("stars"))!,
                            range: "a whole number between 0 and 5 (GB/T 37276)"),
                        at: at("stars"))
                    ok = false
                }
            }
            // Status and years.
            let status: FacilityStatus =
                named("status", row: row, table: table, log: &log, ok: &ok) ?? .operating
            let opened = year("opened", row: row, table: table, log: &log, ok: &ok)
            let approved = year("approved", row: row, table: table, log: &log, ok: &ok)
            var leadTime = leadTimes[type.rawValue]
            if let text = table.text(row: row, column: column("lead_time")), !text.isEmpty {
                if let value = Int(text), (0...30).contains(value) {
                    leadTime = value
                } else {
                    log.error(
                        .outOfRange(
                            field: "lead_time", value: text,
                            range: "a whole number of years between 0 and 30"),
                        at: at("lead_time"))
                    ok = false
                }
            }
            var openingYear = opened
            if opened == nil, status == .approved || status == .underConstruction {
                openingYear = (approved ?? baseYear) + leadTime
            }
            // Residents and staff.
            let residents = optionalCount("residents", row: row, table: table, log: &log, ok: &ok)
            if let residents, residents > beds {
                log.error(
                    .invalidValue(
                        field: "residents", reason: "\(residents) residents in \(beds) beds"),
                    at: at("residents"))
                ok = false
            }
            var caregivers: Double?
            if let value = table.number(row: row, column: column("caregivers"), log: &log) {
                if value < 0 {
                    log.error(
                        .negative(
                            column: "caregivers",
                            value: table.text(row: row, column: column("caregivers"))!),
                        at: at("caregivers"))
                    ok = false
                } else {
                    caregivers = value
                }
            }
            var location = point(row: row, table: table, log: &log, ok: &ok)
            if let written = location {
                let converted = DatumConversion.convert(
                    written, from: coordinates.written, to: coordinates.working)
                location = converted
                quality.checkInside(converted, row: row, log: &log)
            } else if ok {
                quality.checkHasPoint(row: row, log: &log)
            }
            var isSynthetic = false
            let syntheticText =
                (table.text(row: row, column: column("synthetic")) ?? "").lowercased()
            if yes.contains(syntheticText) {
                isSynthetic = true
            } else if !no.contains(syntheticText) {
                log.error(
                    .notOneOf(field: "synthetic", value: syntheticText, allowed: ["yes", "no"]),
                    at: at("synthetic"))
                ok = false
            }
            let tier: OperatingTier? = named("tier", row: row, table: table, log: &log, ok: &ok)
            if tier != nil, type.bedCategory != .institutional {
                log.error(
                    .invalidValue(
                        field: "tier",
                        reason:
                            "only homes (institution, special_hardship_home, honour_home) have a tier"
                    ),
                    at: at("tier"))
                ok = false
            }
            guard ok else { continue }
            let facility = Facility(
                id: id, name: table.text(row: row, column: column("name")) ?? "", type: type,
                ownership: ownership, isCareType: isCareType, region: region, beds: beds,
                nursingBeds: nursing, stars: stars, status: status, openingYear: openingYear,
                residents: residents, caregivers: caregivers, location: location,
                isSynthetic: isSynthetic, tier: tier)
            if let reason = FacilityInventory.openingProblem(facility, baseYear: baseYear) {
                let place =
                    opened != nil
                    ? at("opened")
                    : column("approved") != nil
                        ? at("approved")
                        : at(
                            "status")
                log.error(.invalidValue(field: "opened", reason: reason), at: place)
                continue
            }
            facilities.append(facility)
            lines.append(table.line(ofRow: row))
        }
        let errorsNow = log.errorCount
        guard errorsNow == errorsBefore else { return nil }
        do {
            let inventory = try FacilityInventory(
                facilities: facilities, regionCount: tree.count, baseYear: baseYear)
            return (inventory, lines)
        } catch {
            // Every invariant was checked above, with its cell; this is a safety net.
            log.error(
                .invalidValue(field: "facilities", reason: error.description),
                at: table.headerLocation())
            return nil
        }
    }

    /// A non-negative whole number in an optional column.
    static func optionalCount(
        _ name: String, row: Int, table: CSVTable, log: inout DiagnosticLog, ok: inout Bool
    ) -> Int? {
        guard let column = table.column(name) else { return nil }
        let value = table.count(row: row, column: column, required: false, log: &log)
        // No value from a cell with text: the reader has logged why.
        if value == nil, let text = table.text(row: row, column: column), !text.isEmpty {
            ok = false
        }
        return value
    }

    /// A case named in an optional column by its identifier or Chinese name: nil when the cell
    /// is empty, or when the word is unknown (logged, with `ok` set to false).
    static func named<Value: NamedCase>(
        _ name: String, row: Int, table: CSVTable, log: inout DiagnosticLog, ok: inout Bool
    ) -> Value? {
        guard let column = table.column(name), let text = table.text(row: row, column: column),
            !text.isEmpty
        else { return nil }
        guard let value = Value(name: text) else {
            log.error(
                .notOneOf(field: name, value: text, allowed: Value.identifiers),
                at: table.location(row: row, column: column))
            ok = false
            return nil
        }
        return value
    }

    /// A year in an optional column, 1900–2200.
    static func year(
        _ name: String, row: Int, table: CSVTable, log: inout DiagnosticLog, ok: inout Bool
    ) -> Int? {
        guard let column = table.column(name), let text = table.text(row: row, column: column),
            !text.isEmpty
        else { return nil }
        guard let value = Int(text) ?? yearOfDate(text), (1900...2200).contains(value) else {
            log.error(
                .outOfRange(field: name, value: text, range: "a year between 1900 and 2200"),
                at: table.location(row: row, column: column))
            ok = false
            return nil
        }
        return value
    }

    /// The year of a date as registers write it: `2015-06-01`, `2015/6/1`, `2015.06`,
    /// `2015年6月` (a workbook's date cells read as `YYYY-MM-DD`); nil for anything else.
    static func yearOfDate(_ text: String) -> Int? {
        let bytes = text.utf8
        guard bytes.count > 5 else { return nil }
        var year = 0
        var index = bytes.startIndex
        for _ in 0..<4 {
            let byte = bytes[index]
            guard byte >= 48, byte <= 57 else { return nil }
            year = year * 10 + Int(byte - 48)
            index = bytes.index(after: index)
        }
        // -, /, . or 年 (E5 B9 B4).
        let separator = bytes[index]
        guard [0x2D, 0x2F, 0x2E].contains(separator) || text.dropFirst(4).hasPrefix("年") else {
            return nil
        }
        return year
    }

    /// The optional `lon`, `lat` pair.
    static func point(row: Int, table: CSVTable, log: inout DiagnosticLog, ok: inout Bool)
        -> GeoPoint?
    {
        let lonColumn = table.column("lon")
        let latColumn = table.column("lat")
        let lonText = table.text(row: row, column: lonColumn) ?? ""
        let latText = table.text(row: row, column: latColumn) ?? ""
        if lonText.isEmpty && latText.isEmpty { return nil }
        if lonText.isEmpty != latText.isEmpty {
            let missing = lonText.isEmpty ? "lon" : "lat"
            log.error(
                .emptyCell(column: missing),
                at: table.location(row: row, column: (lonText.isEmpty ? lonColumn : latColumn)!))
            ok = false
            return nil
        }
        guard let lon = table.number(row: row, column: lonColumn, log: &log),
            let lat = table.number(row: row, column: latColumn, log: &log)
        else {
            ok = false
            return nil
        }
        let candidate = GeoPoint(longitude: lon, latitude: lat)
        guard candidate.isInChina else {
            log.error(
                .invalidValue(
                    field: "lon/lat",
                    reason:
                        "(\(lon), \(lat)) is outside China (73–136° E, 3–54° N); are lon and lat swapped?"
                ), at: table.location(row: row, column: lonColumn!))
            ok = false
            return nil
        }
        return candidate
    }
}
