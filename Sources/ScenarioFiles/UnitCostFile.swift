import CSV
import Diagnostics
import Facilities
import Geography

/// Reads a unit-costs table (`unit-costs.csv`, 单位成本) into a ``UnitCostTable``.
///
/// Columns (header names; order free):
///
/// | column | required | meaning |
/// |---|---|---|
/// | `item` | yes | what is paid for: `build_bed`, `build_nursing_bed`, `convert_bed`, `build_street_centre`, `build_township_centre`, `build_community_station`, `build_village_point`, `add_family_bed`, `certify_meal_site`, `upgrade_rating`, `close_facility`, `old_age_allowance`, `care_subsidy`, `operating_subsidy`, `train_caregiver` |
/// | `region` | no | the region it applies to, with everything below it; empty for everywhere |
/// | `yuan` | yes | yuan per unit |
/// | `per` | no | the unit, which must be the item's: `bed`, `facility`, `star`, `person_year` or `person_month` (× 12) |
/// | `source` | one of the two | where the figure comes from |
/// | `assumption` | one of the two | `yes` when the figure is an assumption |
/// | `note` | no | free text |
public enum UnitCostFile {
    public static let columns = CSVColumns(
        required: ["item", "yuan"], optional: ["region", "per", "source", "assumption", "note"])

    /// Builds the table, logging every problem with its row and column.
    /// - Returns: the table and the line of each entry, or nil if there were errors.
    public static func table(from table: CSVTable, tree: RegionTree, log: inout DiagnosticLog)
        -> (costs: UnitCostTable, lines: [CostItem: Int])?
    {
        let errorsBefore = log.errorCount
        guard table.check(columns, log: &log) else { return nil }
        let itemColumn = table.column("item")!
        let yuanColumn = table.column("yuan")!
        var entries: [UnitCostTable.Entry] = []
        var firstLines: [CostItem: Int] = [:]
        var seen: [String: Int] = [:]
        for row in 0..<table.rowCount {
            func at(_ name: String) -> SourceLocation {
                table.location(row: row, column: table.column(name) ?? itemColumn)
            }
            guard let itemText = table.requiredText(row: row, column: itemColumn, log: &log)
            else { continue }
            guard let item = CostItem(identifier: itemText) else {
                log.error(
                    .notOneOf(
                        field: "item", value: itemText, allowed: CostItem.identifiers
                    ),
                    at: at("item"))
                continue
            }
            var ok = true
            var region: Int?
            let regionText = table.text(row: row, column: table.column("region")) ?? ""
            if !regionText.isEmpty {
                if let code = try? DivisionCode(parsing: regionText),
                    let index = tree.index(of: code)
                {
                    region = index
                } else {
                    log.error(.unknownRegion(code: regionText), at: at("region"))
                    ok = false
                }
            }
            let key = itemText + "|" + regionText
            if let first = seen[key] {
                log.error(
                    .invalidValue(
                        field: "item",
                        reason:
                            "\(itemText) for \(regionText.isEmpty ? "every region" : regionText) is given twice (first on line \(first))"
                    ), at: at("item"))
                ok = false
            }
            seen[key] = table.line(ofRow: row)
            var yuan = 0.0
            if let value = table.number(row: row, column: yuanColumn, log: &log) {
                if value < 0 {
                    log.error(
                        .negative(column: "yuan", value: table.text(row: row, column: yuanColumn)!),
                        at: at("yuan"))
                    ok = false
                }
                yuan = value
            } else {
                if (table.text(row: row, column: yuanColumn) ?? "").isEmpty {
                    log.error(.emptyCell(column: "yuan"), at: at("yuan"))
                }
                ok = false
            }
            let perText = table.text(row: row, column: table.column("per")) ?? ""
            if !perText.isEmpty {
                let basis = item.basis
                var allowed = [basis.identifier]
                if basis == .personYear { allowed.append("person_month") }
                if basis == .facility { allowed.append("site") }
                if perText == "person_month", basis == .personYear {
                    yuan *= 12
                } else if !allowed.contains(perText) {
                    log.error(
                        .notOneOf(field: "per", value: perText, allowed: allowed), at: at("per"))
                    ok = false
                }
            }
            let source = table.text(row: row, column: table.column("source")) ?? ""
            let assumptionText =
                (table.text(row: row, column: table.column("assumption")) ?? "").lowercased()
            let isAssumption = FacilityTable.yes.contains(assumptionText)
            if !isAssumption, !FacilityTable.no.contains(assumptionText) {
                log.error(
                    .notOneOf(field: "assumption", value: assumptionText, allowed: ["yes", "no"]),
                    at: at("assumption"))
                ok = false
            } else if source.isEmpty, !isAssumption {
                log.error(
                    .invalidValue(
                        field: "source",
                        reason:
                            "\(itemText) has no source; give one, or mark the figure 'assumption: yes'"
                    ), at: table.column("source") != nil ? at("source") : at("item"))
                ok = false
            }
            guard ok else { continue }
            if firstLines[item] == nil { firstLines[item] = table.line(ofRow: row) }
            entries.append(
                .init(
                    item: item, region: region, yuan: yuan, source: source.isEmpty ? nil : source,
                    isAssumption: isAssumption))
        }
        let errorsNow = log.errorCount
        guard errorsNow == errorsBefore else { return nil }
        return (UnitCostTable(entries: entries), firstLines)
    }
}
