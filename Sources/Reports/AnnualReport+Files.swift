import CSV
import Facilities
import Foundation
import Geography
import Provenance
import Targets

extension AnnualReport {
    /// The columns of the target table in CSV and in the workbook's Targets sheet: the same
    /// figures, so one can be checked against the other.
    var targetHeader: [String] {
        baseTargetHeader
            + (data.attainment.isEmpty
                ? []
                : language == .chinese
                    ? ["达成概率", "核心达成但概率低于50%"]
                    : ["Probability", "Met against the odds"])
    }

    private var baseTargetHeader: [String] {
        language == .chinese
            ? [
                "编号", "目标", "指标", "值", "目标值", "期限", "状态", "结论", "差距", "行动缺口", "首次达成", "未测算原因",
                "来源",
            ]
            : [
                "Id", "Target", "Indicator", "Value", "Threshold", "Deadline", "Status", "Verdict",
                "Gap", "Action gap", "First met", "Why not computed", "Source",
            ]
    }

    /// One target's figures: text cells and raw numbers (shares as fractions).
    func targetCells(_ line: Line) -> [TableCell] {
        let target = line.result.target
        return [
            .text(target.id), .text(target.text), .text(language.name(target.indicator)),
            .number(line.row?.value, format: numberFormat(target)),
            .number(target.threshold, format: numberFormat(target)),
            .text(language.deadline(target)), .text(language.name(line.status)),
            .text(language.name(line.verdict)),
            .number(line.row?.gap, format: numberFormat(target)),
            .text(gapPhrase(line)), .number(line.result.firstYearMet.map(Double.init), format: "0"),
            .text(line.reason.map(language.reason) ?? ""), .text(language.source(target)),
        ]
            + (data.attainment.isEmpty
                ? []
                : [
                    .number(
                        data.attainment[target.id].flatMap { $0.draws > 0 ? $0.probability : nil },
                        format: "0.0%"),
                    .text(
                        data.isMetAgainstTheOdds(line.result)
                            ? language.text("是", "yes") : language.text("否", "no")),
                ])
    }

    /// The Excel number format of a target's values.
    func numberFormat(_ target: Target) -> String {
        if case .region = target.scope {
            return WorkbookFormats.format(for: target.indicator)
        }
        return "0.0%"  // the share of units that meet it
    }

    /// `report-YEAR.csv`: one row per target (UTF-8 with BOM).
    public func csv() -> [UInt8] {
        var writer = CSVWriter(header: targetHeader)
        for line in lines { writer.append(targetCells(line).map(\.csvText)) }
        return writer.data
    }

    /// The probability fields of a target in the JSON, when the run drew its inputs.
    func probabilityFields(_ id: String) -> [(String, JSONValue)] {
        guard !data.attainment.isEmpty else { return [] }
        guard let attainment = data.attainment[id], attainment.draws > 0 else {
            return [("probability", .null)]
        }
        let result = data.targets.first { $0.target.id == id }
        return [
            ("probability", .number(RunTables.number(attainment.probability))),
            ("probability_standard_error", .number(RunTables.number(attainment.standardError))),
            ("draws", .integer(attainment.draws)),
            ("met_against_the_odds", .bool(result.map(data.isMetAgainstTheOdds) ?? false)),
        ]
    }

    /// Counts by status as a JSON object, in the order of ``TargetStatus``.
    func countsObject(_ counts: [TargetStatus: Int]) -> JSONValue {
        .object(
            TargetStatus.allCases.compactMap { status in
                counts[status].map { (status.rawValue, .integer($0)) }
            })
    }

    /// `report-YEAR.json`: the summary and every target's figures.
    public func json() -> [UInt8] {
        let counts = self.counts
        let value = JSONValue.object([
            ("scenario", .string(data.scenarioID)), ("label", .string(data.label)),
            ("title", .string(title())), ("what_if", whatIfJSON()),
            ("region", .string(data.planningRegion.code.shortForm)), ("year", .integer(year)),
            ("yanglao", .string(data.toolVersion)),
            ("notes", .array(data.reportNotes(language).map(JSONValue.string))),
            ("counts", countsObject(counts.statuses)),
            ("verdict_counts", countsObject(counts.verdicts)),
            (
                "targets",
                .array(
                    lines.map { line in
                        let target = line.result.target
                        func number(_ value: Double?) -> JSONValue {
                            value.map { .number(RunTables.number($0)) } ?? .null
                        }
                        return .object(
                            [
                                ("id", .string(target.id)),
                                ("indicator", .string(target.indicator.id)),
                                ("value", number(line.row?.value)),
                                ("threshold", number(target.threshold)),
                                ("deadline", target.deadline.map(JSONValue.integer) ?? .null),
                                ("status", .string(line.status.rawValue)),
                                ("gap", number(line.row?.gap)),
                                ("action_gap", line.row?.actionGap.map(JSONValue.integer) ?? .null),
                                (
                                    "first_year_met",
                                    line.result.firstYearMet.map(JSONValue.integer) ?? .null
                                ),
                                ("verdict", .string(line.result.verdict.rawValue)),
                                ("reason", line.reason.map { .string($0.code) } ?? .null),
                                (
                                    "explanation",
                                    line.reason.map { .string(language.reason($0)) } ?? .null
                                ),
                                (
                                    "failing_units",
                                    .array(
                                        (line.row?.failingUnits ?? []).map {
                                            .string(data.tree.regions[$0].code.shortForm)
                                        })
                                ),
                                ("document", .string(target.document)),
                                ("clause", .string(target.clause)),
                            ] + probabilityFields(target.id))
                    })
            ),
            (
                "service_list",
                .array(
                    data.serviceList.filter { $0.year == year }.map { line in
                        .object([
                            ("item", .string(line.item)), ("clause", .string(line.clause)),
                            ("eligible", .number(RunTables.number(line.eligible))),
                            ("recipients", .number(RunTables.number(line.recipients))),
                            ("cost", .number(RunTables.number(line.cost))),
                        ])
                    })
            ),
            ("ltc_fund_deficit_year", data.fundDeficitYear.map(JSONValue.integer) ?? .null),
            ("central_inputs", centralJSON()),
            ("need_and_supply", needAndSupplyJSON()),
        ])
        return Array(value.text().utf8)
    }

    /// `report-YEAR.xlsx`: sheets Summary, Targets, Districts, Indicators, Costs (and Service
    /// list, Need and supply when the run has them).
    /// - Parameter scratch: the folder the workbook is written to before it is read back.
    public func workbook(scratch: String? = nil) throws(WorkbookError) -> [UInt8] {
        // A fixed creation date, 1 January of the report's year (UTC), so the bytes repeat.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let created =
            calendar.date(from: DateComponents(year: year, month: 1, day: 1))
            ?? Date(timeIntervalSince1970: 0)
        let book = try Workbook(created: created, title: title(), folder: scratch)
        let header = CellFormat.header

        // Summary.
        let summary = book.addSheet(language.text("摘要", "Summary"))
        book.write(title(), at: 0, 0, in: summary, format: CellFormat(bold: true))
        let facts: [(String, String)] =
            [
                (language.text("规划区域", "Planning region"), regionName(data.region)),
                (language.text("情景", "Scenario"), data.scenarioID),
                (language.text("年份", "Year"), String(year)), ("yanglao", data.toolVersion),
            ] + data.reportNotes(language).map { (language.text("说明", "Note"), $0) }
        for (row, fact) in facts.enumerated() {
            book.write(fact.0, at: row + 2, 0, in: summary, format: CellFormat(bold: true))
            book.write(fact.1, at: row + 2, 1, in: summary)
        }
        let countsRow = facts.count + 3
        book.write(language.text("状态", "Status"), at: countsRow, 0, in: summary, format: header)
        book.write(
            language.text("结论（目标数）", "Verdicts (targets)"), at: countsRow, 1, in: summary,
            format: header)
        book.write(
            language.text("\(year)年状态（目标数）", "Status in \(year) (targets)"), at: countsRow, 2,
            in: summary, format: header)
        for (offset, status) in TargetStatus.allCases.enumerated() {
            book.write(language.name(status), at: countsRow + 1 + offset, 0, in: summary)
            book.write(
                Double(counts.verdicts[status] ?? 0), at: countsRow + 1 + offset, 1, in: summary)
            book.write(
                Double(counts.statuses[status] ?? 0), at: countsRow + 1 + offset, 2, in: summary)
        }
        if let whatIf = whatIf() {
            var row = countsRow + TargetStatus.allCases.count + 2
            book.write(whatIf.sentence, at: row, 0, in: summary, format: CellFormat(bold: true))
            row += 1
            for (column, name) in whatIf.header.enumerated() {
                book.write(name, at: row, column, in: summary, format: header)
            }
            for line in whatIf.rows {
                row += 1
                for (column, text) in line.enumerated() {
                    book.write(text, at: row, column, in: summary)
                }
            }
        }
        book.setWidth(22, columns: 0...0, in: summary)
        book.setWidth(60, columns: 1...1, in: summary)

        // Targets.
        let targets = book.addSheet(language.text("目标", "Targets"))
        for (column, name) in targetHeader.enumerated() {
            book.write(name, at: 0, column, in: targets, format: header)
        }
        for (index, line) in lines.enumerated() {
            for (column, cell) in targetCells(line).enumerated() {
                cell.write(to: book, row: index + 1, column: column, sheet: targets)
            }
        }
        book.freeze(rows: 1, columns: 1, in: targets)
        book.setWidth(20, columns: 0...0, in: targets)
        book.setWidth(48, columns: 1...1, in: targets)
        book.setWidth(26, columns: 2...2, in: targets)
        book.setWidth(12, columns: 3...8, in: targets)
        book.setWidth(34, columns: 9...9, in: targets)
        book.setWidth(10, columns: 10...10, in: targets)
        book.setWidth(60, columns: 11...12, in: targets)
        if !lines.isEmpty {
            let statusColours: [(TargetStatus, Colour)] = [
                (.met, .met), (.onTrack, .onTrack), (.offTrack, .offTrack), (.missed, .missed),
                (.metLate, .missed),
                (.fellBack, .offTrack),
            ]
            for (status, colour) in statusColours {
                book.highlight(
                    rows: 1...lines.count, columns: 6...7, equalTo: language.name(status),
                    fill: colour, in: targets)
            }
        }

        // Districts: the county-level units, when the region has them.
        let districts = book.addSheet(language.text("区县", "Districts"))
        if let comparison = try? DistrictComparison(
            data: data, level: .county, year: year, language: language)
        {
            book.write(language.text("单位", "Unit"), at: 0, 0, in: districts, format: header)
            for (column, indicator) in comparison.indicators.enumerated() {
                book.write(
                    language.name(indicator), at: 0, column + 1, in: districts, format: header)
                book.setWidth(16, columns: (column + 1)...(column + 1), in: districts)
            }
            for (row, unit) in comparison.units.enumerated() {
                book.write(data.tree.regions[unit].name, at: row + 1, 0, in: districts)
                for (column, indicator) in comparison.indicators.enumerated() {
                    let value = data.indicators.value(indicator, year: year, region: unit)?.value
                    book.write(
                        value ?? .nan, at: row + 1, column + 1, in: districts,
                        format: CellFormat(numberFormat: WorkbookFormats.format(for: indicator)))
                }
            }
            for (column, indicator) in comparison.indicators.enumerated() {
                book.colourScale(
                    rows: 1...comparison.units.count, columns: (column + 1)...(column + 1),
                    lowIsGood: comparison.target(for: indicator)?.comparison == .atMost,
                    in: districts)
            }
            book.freeze(rows: 1, columns: 1, in: districts)
            book.setWidth(18, columns: 0...0, in: districts)
        }

        // Indicators: the planning region and its county-level units, every year.
        let indicators = book.addSheet(language.text("指标", "Indicators"))
        let columns =
            language == .chinese
            ? ["年份", "区划代码", "名称", "指标代码", "指标", "值"]
            : ["Year", "Code", "Name", "Indicator id", "Indicator", "Value"]
        for (column, name) in columns.enumerated() {
            book.write(name, at: 0, column, in: indicators, format: header)
        }
        let regions = data.tree.subtree(of: data.region).filter {
            data.tree.regions[$0].level <= .county
        }
        var row = 1
        for year in data.years {
            for indicator in IndicatorCatalogue.all where data.indicators.contains(indicator) {
                for region in regions {
                    guard let value = data.indicators.value(indicator, year: year, region: region)
                    else { continue }
                    book.write(
                        Double(year), at: row, 0, in: indicators,
                        format: CellFormat(numberFormat: "0"))
                    book.write(data.tree.regions[region].code.shortForm, at: row, 1, in: indicators)
                    book.write(data.tree.regions[region].name, at: row, 2, in: indicators)
                    book.write(indicator.id, at: row, 3, in: indicators)
                    book.write(language.name(indicator), at: row, 4, in: indicators)
                    book.write(
                        value.value, at: row, 5, in: indicators,
                        format: CellFormat(numberFormat: WorkbookFormats.format(for: indicator)))
                    row += 1
                }
            }
        }
        book.freeze(rows: 1, columns: 0, in: indicators)
        book.setWidth(14, columns: 0...3, in: indicators)
        book.setWidth(36, columns: 4...4, in: indicators)
        book.setWidth(16, columns: 5...5, in: indicators)

        // Costs.
        let costs = book.addSheet(language.text("资金", "Costs"))
        let table = costTable()
        for (column, name) in table.header.enumerated() {
            book.write(name, at: 0, column, in: costs, format: header)
        }
        for (index, line) in table.rows.enumerated() {
            for (column, text) in line.enumerated() {
                if column >= 2, let number = Double(text.replacingOccurrences(of: ",", with: "")) {
                    book.write(
                        number, at: index + 1, column, in: costs,
                        format: CellFormat(numberFormat: "#,##0.0"))
                } else {
                    book.write(text, at: index + 1, column, in: costs)
                }
            }
        }
        book.freeze(rows: 1, columns: 2, in: costs)
        book.setWidth(16, columns: 0...max(0, table.header.count - 1), in: costs)

        // Funding: planned, spent, deferred and unpaid, when the run has funding lines.
        if let funding = fundingTable() {
            let sheet = book.addSheet(language.text("资金缺口", "Funding"))
            book.write(funding.sentence, at: 0, 0, in: sheet, format: CellFormat(bold: true))
            for (column, name) in funding.header.enumerated() {
                book.write(name, at: 1, column, in: sheet, format: header)
            }
            for (index, line) in funding.rows.enumerated() {
                for (column, text) in line.enumerated() {
                    if column == 0, let year = Double(text) {
                        book.write(year, at: index + 2, column, in: sheet)
                    } else if column >= 2,
                        let number = Double(text.replacingOccurrences(of: ",", with: ""))
                    {
                        book.write(
                            number, at: index + 2, column, in: sheet,
                            format: CellFormat(numberFormat: "#,##0.0"))
                    } else {
                        book.write(text, at: index + 2, column, in: sheet)
                    }
                }
            }
            book.freeze(rows: 2, columns: 2, in: sheet)
            book.setWidth(18, columns: 0...5, in: sheet)
        }

        // The service list, when the scenario costs one.
        let serviceList = serviceListTable()
        if !serviceList.rows.isEmpty {
            let sheet = book.addSheet(language.text("服务清单", "Service list"))
            for (column, name) in serviceList.header.enumerated() {
                book.write(name, at: 0, column, in: sheet, format: header)
            }
            for (index, line) in serviceList.rows.enumerated() {
                for (column, text) in line.enumerated() {
                    if column >= 2,
                        let number = Double(text.replacingOccurrences(of: ",", with: ""))
                    {
                        book.write(
                            number, at: index + 1, column, in: sheet,
                            format: CellFormat(numberFormat: column == 4 ? "#,##0.0" : "#,##0"))
                    } else {
                        book.write(text, at: index + 1, column, in: sheet)
                    }
                }
            }
            if let sentence = fundSentence() {
                book.write(sentence, at: serviceList.rows.count + 2, 0, in: sheet)
            }
            book.freeze(rows: 1, columns: 1, in: sheet)
            book.setWidth(40, columns: 0...0, in: sheet)
            book.setWidth(16, columns: 1...4, in: sheet)
        }
        // Need and supply, when the run computed need.
        let need = NeedAndSupply(data: data)
        if need.isComputed {
            let sheet = book.addSheet(language.text("需求与供给", "Need and supply"))
            let table = need.table(need.defaultUnits, year: year, language: language)
            for (column, name) in table.header.enumerated() {
                book.write(name, at: 0, column, in: sheet, format: header)
            }
            for (index, row) in need.rows(need.defaultUnits, year: year).enumerated() {
                book.write(table.rows[index][0], at: index + 1, 0, in: sheet)
                let numbers = [
                    row.bedsNeeded, row.beds, row.residents, row.waiting, row.nursingBedsNeeded,
                    row.nursingBeds, row.caregiversNeeded, row.caregivers, row.unstaffed,
                ]
                for (offset, value) in numbers.enumerated() {
                    if let value {
                        book.write(
                            value.rounded(), at: index + 1, offset + 1, in: sheet,
                            format: CellFormat(numberFormat: "#,##0"))
                    }
                }
                if let first = row.firstYearShort {
                    book.write(Double(first), at: index + 1, 10, in: sheet)
                } else {
                    book.write(table.rows[index][10], at: index + 1, 10, in: sheet)
                }
            }
            book.freeze(rows: 1, columns: 1, in: sheet)
            book.setWidth(24, columns: 0...0, in: sheet)
            book.setWidth(14, columns: 1...10, in: sheet)
        }
        return try book.data()
    }

    /// The value of each uncertain input the central run used (an empty list without draws).
    func centralJSON() -> JSONValue {
        func number(_ value: Double?) -> JSONValue {
            value.flatMap { $0.isFinite ? .number(RunTables.number($0)) : nil } ?? .null
        }
        return .array(
            data.centralValues.map { value in
                .object([
                    ("input", .string(value.input)),
                    ("scenario_value", value.scenarioValue.map(JSONValue.string) ?? .null),
                    ("central_value", number(value.value)),
                    ("share_of_draws_at_or_below", number(value.share)),
                    ("median", number(value.median)),
                ])
            })
    }

    /// The what-if of the JSON report: null for a run as written, else its overrides, each
    /// with the value as given and the value in the scenario (null when it set none).
    func whatIfJSON() -> JSONValue {
        guard !data.overrides.isEmpty else { return .null }
        return .object([
            ("of", .string(data.scenarioID)),
            ("overrides", .array(data.overrides.map(\.json))),
        ])
    }

    /// The need-and-supply rows of the planning region and its units, for the JSON report;
    /// an empty list when the run did not compute need.
    func needAndSupplyJSON() -> JSONValue {
        let need = NeedAndSupply(data: data)
        guard need.isComputed else { return .array([]) }
        func number(_ value: Double?) -> JSONValue {
            value.map { .number(RunTables.number($0)) } ?? .null
        }
        return .array(
            need.rows(need.defaultUnits, year: year).map { row in
                .object([
                    ("region", .string(data.tree.regions[row.region].code.shortForm)),
                    ("beds_needed", number(row.bedsNeeded)), ("beds", number(row.beds)),
                    ("residents", number(row.residents)), ("waiting", number(row.waiting)),
                    ("nursing_beds_needed", number(row.nursingBedsNeeded)),
                    ("nursing_beds", number(row.nursingBeds)),
                    ("caregivers_needed", number(row.caregiversNeeded)),
                    ("caregivers", number(row.caregivers)),
                    ("unstaffed_beds", number(row.unstaffed)),
                    ("first_year_short", row.firstYearShort.map(JSONValue.integer) ?? .null),
                ])
            })
    }
}

/// A cell of a table written both to CSV and to a workbook.
enum TableCell {
    case text(String)
    case number(Double?, format: String)

    var csvText: String {
        switch self {
        case .text(let text): text
        case .number(let value, _): RunTables.number(value)
        }
    }

    func write(to book: Workbook, row: Int, column: Int, sheet: Workbook.Sheet) {
        switch self {
        case .text(let text):
            book.write(text, at: row, column, in: sheet, format: CellFormat(wrap: true))
        case .number(let value, let format):
            book.write(
                value ?? .nan, at: row, column, in: sheet, format: CellFormat(numberFormat: format))
        }
    }
}

/// Excel number formats by indicator unit.
enum WorkbookFormats {
    static func format(for indicator: Indicator) -> String {
        switch indicator.unit.dimension {
        case .share: "0.0%"
        case .money: "#,##0"
        case .persons, .beds, .facilities: "#,##0"
        case .ratio: "0.0000"
        default: "0.00"
        }
    }
}
