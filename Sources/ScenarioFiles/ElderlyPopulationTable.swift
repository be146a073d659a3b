import CSV
import Diagnostics
import Facilities
import Geography
import Quantities

/// Reads an older-population table (`elderly.csv`) into an ``ElderlyPopulation``: the stand-in
/// for the population projection when the facility stock is run on its own.
///
/// Columns (header names; order free):
///
/// | column | required | meaning |
/// |---|---|---|
/// | `year` | yes | the year (year end) |
/// | `region` | yes | a region code of the scenario's tree |
/// | `aged_60`, `aged_65`, `aged_80` | yes | persons aged 60+, 65+, 80+ (each at most the one before) |
/// | `poor_disabled` | no | poor disabled older persons (care subsidy) |
/// | `disabled` | no | disabled older persons (GB/T 42195 levels 2–4) |
/// | `mild`, `moderate`, `severe`, `complete` | no, all four or none | older persons at capability levels 1–4 of GB/T 42195-2022 (a bureau's assessment counts); the rest of `aged_60` is intact; care demand reads them, and `disabled` is their levels 2–4 unless given |
///
/// Figures are each region's own (give them at the lowest level, or at one level only:
/// parents are the sums of their children). A region's figures between two years it is given
/// for are interpolated linearly, and held before the first and after the last; a region
/// without rows has none.
public enum ElderlyPopulationTable {
    public static let columns = CSVColumns(
        required: ["year", "region", "aged_60", "aged_65", "aged_80"],
        optional: ["poor_disabled", "disabled", "mild", "moderate", "severe", "complete"])

    /// Reads a table from disk.
    public static func load(
        path: String, tree: RegionTree, years: ClosedRange<Int>, log: inout DiagnosticLog
    ) -> ElderlyPopulation? {
        guard let table = CSVReader.read(atPath: path, name: path, kind: .population, log: &log)
        else { return nil }
        return population(from: table, tree: tree, years: years, log: &log)
    }

    /// Builds the population for the years of a run, logging every problem with its row and
    /// column.
    public static func population(
        from table: CSVTable, tree: RegionTree, years: ClosedRange<Int>, log: inout DiagnosticLog
    ) -> ElderlyPopulation? {
        let errorsBefore = log.errorCount
        guard table.check(columns, log: &log) else { return nil }
        if table.rowCount == 0 {
            log.error(.emptyTable, at: table.headerLocation())
            return nil
        }
        let fields = [
            "aged_60", "aged_65", "aged_80", "poor_disabled", "disabled", "mild", "moderate",
            "severe", "complete",
        ]
        let fieldColumns = fields.map { table.column($0) }
        let hasDisabled = fieldColumns[4] != nil
        let levelColumns = fieldColumns[5...].compactMap { $0 }
        if !levelColumns.isEmpty, levelColumns.count < 4 {
            log.error(
                .invalidValue(
                    field: "mild, moderate, severe, complete",
                    reason: "give all four capability-level columns or none"),
                at: table.headerLocation())
            return nil
        }
        let hasLevels = levelColumns.count == 4
        // Per region: (year, values) rows.
        var rows = [[(year: Int, values: [Double])]](repeating: [], count: tree.count)
        var firstLine: [String: Int] = [:]
        for row in 0..<table.rowCount {
            let yearColumn = table.column("year")!
            let regionColumn = table.column("region")!
            guard let yearText = table.requiredText(row: row, column: yearColumn, log: &log),
                let regionText = table.requiredText(row: row, column: regionColumn, log: &log)
            else { continue }
            guard let year = Int(yearText), (1900...2200).contains(year) else {
                log.error(
                    .outOfRange(
                        field: "year", value: yearText, range: "a year between 1900 and 2200"),
                    at: table.location(row: row, column: yearColumn))
                continue
            }
            guard let code = try? DivisionCode(parsing: regionText),
                let region = tree.index(of: code)
            else {
                log.error(
                    .unknownRegion(code: regionText),
                    at: table.location(row: row, column: regionColumn))
                continue
            }
            let key = "\(year)|\(region)"
            if let first = firstLine[key] {
                log.error(
                    .invalidValue(
                        field: "region",
                        reason: "\(regionText) in \(year) is given twice (first on line \(first))"),
                    at: table.location(row: row, column: regionColumn))
                continue
            }
            firstLine[key] = table.line(ofRow: row)
            var values: [Double] = []
            var ok = true
            for (index, column) in fieldColumns.enumerated() {
                guard let column else {
                    values.append(0)
                    continue
                }
                let value = table.count(row: row, column: column, required: index < 3, log: &log)
                if value == nil, index < 3 || !(table.text(row: row, column: column) ?? "").isEmpty
                {
                    ok = false
                }
                values.append(Double(value ?? 0))
            }
            guard ok else { continue }
            let limited = values[5...].reduce(0, +)
            if hasLevels, limited > values[0] {
                log.error(
                    .invalidValue(
                        field: "complete",
                        reason:
                            "the persons at levels 1–4 (\(Int(limited))) are more than aged_60 (\(Int(values[0])))"
                    ), at: table.location(row: row, column: fieldColumns[8]!))
                ok = false
            }
            for (index, older) in [(1, 0), (2, 1)] where values[index] > values[older] {
                log.error(
                    .invalidValue(
                        field: fields[index],
                        reason:
                            "\(Int(values[index])) is more than \(fields[older]) (\(Int(values[older])))"
                    ), at: table.location(row: row, column: fieldColumns[index]!))
                ok = false
            }
            if ok { rows[region].append((year, values)) }
        }
        let errorsNow = log.errorCount
        guard errorsNow == errorsBefore else { return nil }

        var series = [[[Double]]](
            repeating: [[Double]](
                repeating: [Double](repeating: 0, count: tree.count), count: years.count),
            count: fields.count)
        for region in 0..<tree.count where !rows[region].isEmpty {
            let sorted = rows[region].sorted { $0.year < $1.year }
            for field in fields.indices {
                let path = YearlyValues(
                    years: sorted.map(\.year), values: sorted.map { $0.values[field] },
                    rule: .interpolate)
                for (offset, year) in years.enumerated() {
                    series[field][offset][region] = path.value(in: year) ?? 0
                }
            }
        }
        // Per year, per level, per region: intact = aged 60+ minus levels 1–4.
        let byLevel: [[[Double]]]? =
            hasLevels
            ? (0..<years.count).map { year in
                [
                    (0..<tree.count).map { region in
                        max(
                            0,
                            series[0][year][region]
                                - (5...8).reduce(0) { $0 + series[$1][year][region] })
                    }
                ] + (5...8).map { series[$0][year] }
            } : nil
        let disabled =
            hasDisabled
            ? series[4]
            : byLevel.map { years in
                years.map { levels in
                    (0..<tree.count).map { levels[2][$0] + levels[3][$0] + levels[4][$0] }
                }
            }
        do {
            return try ElderlyPopulation(
                years: years, regionCount: tree.count, aged60: series[0], aged65: series[1],
                aged80: series[2], poorDisabled: series[3], disabled: disabled, byLevel: byLevel)
        } catch {
            log.error(
                .invalidValue(field: "population", reason: error.description),
                at: table.headerLocation())
            return nil
        }
    }
}
