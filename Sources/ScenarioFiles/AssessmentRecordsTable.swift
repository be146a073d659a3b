import CSV
import Demography
import Diagnostics
import Entitlements

/// One accepted record of an assessment table.
public struct AssessedPerson: Hashable, Sendable {
    /// The record's id.
    public var id: String
    /// The assessment year, when the table has a `year` column.
    public var year: Int?
    /// 0 urban, 1 rural, when the table has a `part` column.
    public var part: Int?
    public var sex: Sex
    public var age: Int
    /// The area as written (a division code or a name).
    public var area: String
    /// The scores and the facts that adjust the level.
    public var record: AssessmentRecord
    /// The line of the record in its file.
    public var line: Int
}

/// What an assessment table held.
public struct AssessmentRecords: Sendable {
    /// The records that passed every check.
    public var accepted: [AssessedPerson]
    /// The number of records rejected (each reported with its file, line and problem).
    public var rejected: Int
    /// Whether the table has `year` and `part` columns.
    public var hasYear: Bool
    public var hasPart: Bool
}

/// Reads a table of anonymised GB/T 42195-2022 assessments.
///
/// Columns: `id`, `age` (whole years), `sex` (female/male, F/M, 女/男), `area`, and one
/// column per item of Appendix B named by its code (`B.1.1`, `B1.1`, `b1_1`), its Chinese
/// name (进食) or its English name (`eating`; see ``AssessmentItem/all``), each a whole
/// score from 0 to the item's maximum. Optional: `year`; `part` (urban/rural, 城镇/乡村);
/// `coma` (yes/no, 1/0, 是/否); `diagnoses` (ICD-10 codes separated by `;` or spaces — any
/// code F00–F99 raises the level) or `mental_disorder` (yes/no); `risk_events` (care-risk
/// events in the last 30 days, a count).
///
/// A record with any problem (an item score out of range, a missing item, a bad age or
/// sex) is rejected: every problem is logged with its file, line and column — as an error,
/// or as a warning when `skipBad` is set — and the record is counted, never dropped
/// silently. A missing item column is an error of the header and rejects every record.
public enum AssessmentRecordsTable {
    static let optional = [
        "year", "part", "coma", "diagnoses", "mental_disorder", "risk_events",
    ]

    /// Reads the records.
    /// - Parameters:
    ///   - minimumAge: records younger than this are rejected (the first age group of the
    ///     estimate; GB/T 42195-2022 assesses persons aged 60 and over).
    ///   - skipBad: log the problems of rejected records as warnings, not errors.
    /// - Returns: nil when the header lacks a required column.
    public static func read(
        _ table: CSVTable, minimumAge: Int = 0, skipBad: Bool, log: inout DiagnosticLog
    ) -> AssessmentRecords? {
        // Header: fixed columns, the 26 items under any of their names, the optional ones.
        var itemColumns = [Int?](repeating: nil, count: AssessmentItem.all.count)
        var headerLog = DiagnosticLog()
        for (index, name) in table.header.enumerated() {
            guard let item = AssessmentItem.named(name),
                let position = AssessmentItem.all.firstIndex(of: item)
            else { continue }
            if itemColumns[position] != nil {
                headerLog.error(
                    .duplicateColumn(column: "\(name) (\(item))"),
                    at: table.headerLocation(column: index))
            }
            itemColumns[position] = index
        }
        let fixed = ["id", "age", "sex", "area"]
        var missing = false
        for name in fixed where table.column(name) == nil {
            headerLog.error(
                .missingColumn(column: name, suggestion: nil), at: table.headerLocation())
            missing = true
        }
        for (position, column) in itemColumns.enumerated() where column == nil {
            let item = AssessmentItem.all[position]
            headerLog.error(
                .missingColumn(column: "\(item.code) \(item.chineseName)", suggestion: nil),
                at: table.headerLocation())
            missing = true
        }
        let itemIndices = Set(itemColumns.compactMap { $0 })
        for (index, name) in table.header.enumerated()
        where !name.isEmpty && !itemIndices.contains(index) && !fixed.contains(name)
            && !optional.contains(name)
        {
            headerLog.warning(
                .unknownColumn(
                    column: name,
                    suggestion: Suggestion.closest(
                        to: name,
                        among: fixed + optional + AssessmentItem.all.map(\.englishName))),
                at: table.headerLocation(column: index))
        }
        log.append(contentsOf: headerLog.diagnostics)
        if table.rowCount == 0 {
            log.error(.emptyTable, at: table.headerLocation())
            return nil
        }
        guard !missing, !headerLog.hasErrors else { return nil }

        let idColumn = table.column("id")!
        let ageColumn = table.column("age")!
        let sexColumn = table.column("sex")!
        let areaColumn = table.column("area")!
        let yearColumn = table.column("year")
        let partColumn = table.column("part")
        var accepted: [AssessedPerson] = []
        var rejected = 0
        var seen: [String: Int] = [:]
        for row in 0..<table.rowCount {
            var local = DiagnosticLog()
            let id = table.requiredText(row: row, column: idColumn, log: &local)
            if let id, let first = seen[id] {
                local.error(
                    .duplicateID(id: id, firstLine: first),
                    at: table.location(row: row, column: idColumn))
            }
            var age = DemographyTables.age(table, row: row, column: ageColumn, log: &local)
            if let given = age, given < minimumAge {
                local.error(
                    .outOfRange(
                        field: "age", value: String(given),
                        range: "at least \(minimumAge), the first age group"),
                    at: table.location(row: row, column: ageColumn))
                age = nil
            }
            let sex = DemographyTables.sex(table, row: row, column: sexColumn, log: &local)
            let area = table.requiredText(row: row, column: areaColumn, log: &local)
            var year: Int?
            if let yearColumn,
                let text = table.requiredText(row: row, column: yearColumn, log: &local)
            {
                if let value = Int(text), (1950...2200).contains(value) {
                    year = value
                } else {
                    local.error(
                        .outOfRange(
                            field: "year", value: text, range: "a year between 1950 and 2200"),
                        at: table.location(row: row, column: yearColumn))
                }
            }
            let part = partColumn.flatMap {
                DemographyTables.part(table, row: row, column: $0, log: &local)
            }
            var scores: [Int] = []
            for (position, column) in itemColumns.enumerated() {
                let item = AssessmentItem.all[position]
                let column = column!
                guard let text = table.requiredText(row: row, column: column, log: &local) else {
                    continue
                }
                guard let score = Int(text) else {
                    local.error(
                        .wrongType(
                            field: "\(item.code) \(item.chineseName)",
                            expected: "a whole score from 0 to \(item.maximumScore)",
                            got: "'\(text)'"), at: table.location(row: row, column: column))
                    continue
                }
                guard (0...item.maximumScore).contains(score) else {
                    local.error(
                        .outOfRange(
                            field: "\(item.code) \(item.chineseName)", value: text,
                            range: "between 0 and \(item.maximumScore)"),
                        at: table.location(row: row, column: column))
                    continue
                }
                scores.append(score)
            }
            let coma = flag(table, row: row, name: "coma", log: &local) ?? false
            var mentalDisorder =
                flag(table, row: row, name: "mental_disorder", log: &local) ?? false
            if let column = table.column("diagnoses"),
                let text = table.text(row: row, column: column), !text.isEmpty
            {
                let codes = text.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "；" })
                mentalDisorder =
                    mentalDisorder
                    || codes.contains { AssessmentRecord.isMentalDisorder(icd10: String($0)) }
            }
            var riskEvents = 0
            if let column = table.column("risk_events"),
                let text = table.text(row: row, column: column), !text.isEmpty
            {
                riskEvents = table.count(row: row, column: column, log: &local) ?? 0
            }
            if !local.hasErrors, let id, let age, let sex, let area,
                let record = try? AssessmentRecord(
                    scores: scores, coma: coma, mentalDisorder: mentalDisorder,
                    riskEvents: riskEvents)
            {
                seen[id] = table.line(ofRow: row)
                accepted.append(
                    AssessedPerson(
                        id: id, year: year, part: part, sex: sex, age: age, area: area,
                        record: record, line: table.line(ofRow: row)))
            } else {
                rejected += 1
                for diagnostic in local.diagnostics {
                    log.append(
                        Diagnostic(
                            skipBad ? .warning : diagnostic.severity, diagnostic.problem,
                            at: diagnostic.location))
                }
            }
        }
        return AssessmentRecords(
            accepted: accepted, rejected: rejected, hasYear: yearColumn != nil,
            hasPart: partColumn != nil)
    }

    /// A yes/no cell of an optional column; nil when absent or empty.
    private static func flag(
        _ table: CSVTable, row: Int, name: String, log: inout DiagnosticLog
    ) -> Bool? {
        guard let column = table.column(name), let text = table.text(row: row, column: column),
            !text.isEmpty
        else { return nil }
        switch text.lowercased() {
        case "yes", "y", "true", "1", "是": return true
        case "no", "n", "false", "0", "否": return false
        default:
            log.error(
                .notOneOf(field: name, value: text, allowed: ["yes", "no", "是", "否", "1", "0"]),
                at: table.location(row: row, column: column))
            return nil
        }
    }
}
