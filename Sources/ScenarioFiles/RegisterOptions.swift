import CSV
import Diagnostics
import Geography

/// How a scenario says to read one of a bureau's tables (CSV or `.xlsx`): which sheet, the
/// datum of its coordinates and the names of its own headers.
///
/// ```yaml
/// facilities:
///   inventory: 养老机构名录.xlsx
///   sheet: 机构名录            # default: the first sheet
///   datum: BD-09              # of the table's 经度, 纬度: WGS-84, GCJ-02 (AMap, Tencent), BD-09 (Baidu)
///   columns: {单位名称: name, 核定床位: beds}   # headers the reader does not know
/// ```
struct RegisterOptions {
    /// The keys these options add to a section.
    static let keys = ["sheet", "datum", "columns"]

    var sheet: String?
    /// The datum the table's coordinates are written in; nil when not given.
    var datum: Datum?
    /// The table's headers → the columns the reader expects.
    var columns: [String: String] = [:]

    /// Reads the options of a section; `allowed` are the column names `columns:` may map to.
    /// - Returns: nil when any is wrong (logged).
    static func decode(_ fields: Fields?, allowed: [String], log: inout DiagnosticLog)
        -> RegisterOptions?
    {
        var options = RegisterOptions()
        guard let fields else { return options }
        var ok = true
        if let node = fields["sheet"] {
            if let text = Read.text(node, field: fields.path("sheet"), log: &log) {
                options.sheet = text
            } else {
                ok = false
            }
        }
        if let node = fields["datum"] {
            if let datum = Read.datum(node, field: fields.path("datum"), log: &log) {
                options.datum = datum
            } else {
                ok = false
            }
        }
        if let node = fields["columns"] {
            if let entries = Read.collection(
                node, \.entries, field: fields.path("columns"),
                expected: "a mapping of the table's headers to column names", log: &log)
            {
                for entry in entries {
                    guard
                        let name = Read.word(
                            entry.value, field: fields.path("columns") + "." + entry.key,
                            allowed: allowed, log: &log)
                    else {
                        ok = false
                        continue
                    }
                    options.columns[entry.key] = name
                }
            } else {
                ok = false
            }
        }
        return ok ? options : nil
    }

    /// The table with its headers recognised: `columns:` first, then the known headers.
    func recognised(_ table: CSVTable, known: [String: String]) -> CSVTable {
        RegisterColumns.recognised(table, known: known, mapping: columns)
    }
}
