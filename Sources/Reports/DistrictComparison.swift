import Foundation
import Geography
import Targets

/// The district comparison (区县对比) of a run in one year: the units of a level within the
/// planning region side by side on the key indicators, with their rank, their gap to the
/// region's target and a colour scale; each unit's share of the region's shortfall ("which
/// districts hold the region back"); and a map-like view of the units coloured by coverage.
public struct DistrictComparison: Sendable {
    public let data: RunData
    public let level: RegionLevel
    public let year: Int
    public let language: ReportLanguage
    /// The units compared, in tree order.
    public let units: [Int]
    /// The indicators compared: those of the scenario's whole-region targets, then context.
    public let indicators: [Indicator]

    public enum ComparisonError: Error, Hashable, Sendable, CustomStringConvertible {
        case yearOutsideRun(year: Int, years: ClosedRange<Int>)
        case noUnits(level: RegionLevel)

        public var description: String {
            switch self {
            case .yearOutsideRun(let year, let years):
                "the year \(year) is outside the run (\(years.lowerBound)–\(years.upperBound))"
            case .noUnits(let level):
                "the planning region has no \(level)-level units to compare"
            }
        }
    }

    public init(data: RunData, level: RegionLevel, year: Int, language: ReportLanguage)
        throws(ComparisonError)
    {
        guard data.years.contains(year) else {
            throw .yearOutsideRun(year: year, years: data.years)
        }
        let units = data.tree.subtree(of: data.region).filter {
            data.tree.regions[$0].level == level
        }
        guard !units.isEmpty else { throw .noUnits(level: level) }
        self.data = data
        self.level = level
        self.year = year
        self.language = language
        self.units = units
        var ids: [String] = []
        for result in data.targets {
            if case .region = result.target.scope, !ids.contains(result.target.indicator.id) {
                ids.append(result.target.indicator.id)
            }
        }
        for id in ["aged-60-plus", "ageing-rate", "service-beds", "beds-per-1000-aged-60"]
        where !ids.contains(id) {
            ids.append(id)
        }
        indicators = ids.compactMap { IndicatorCatalogue.indicator($0) }.filter { indicator in
            units.contains { data.indicators.value(indicator, year: year, region: $0) != nil }
        }
    }

    /// The file name stem: `districts-county-2025` (or `-en`).
    public var stem: String { "districts-\(level.name)-\(year)\(language.fileSuffix)" }

    /// The region's whole-region target on an indicator, if the scenario has one.
    public func target(for indicator: Indicator) -> Target? {
        data.targets.first {
            if case .region = $0.target.scope { return $0.target.indicator.id == indicator.id }
            return false
        }?.target
    }

    func value(_ indicator: Indicator, _ unit: Int) -> (
        numerator: Double, denominator: Double, value: Double
    )? {
        data.indicators.value(indicator, year: year, region: unit)
    }

    /// Ranks 1… among the units (1 is best: highest, or lowest for an "at most" target);
    /// nil where a unit has no value.
    public func ranks(_ indicator: Indicator) -> [Int?] {
        let lowIsGood = target(for: indicator)?.comparison == .atMost
        let known = units.indices.compactMap { index in
            value(indicator, units[index]).map { (index, $0.value) }
        }
        let order = known.sorted { lowIsGood ? $0.1 < $1.1 : $0.1 > $1.1 }
        var ranks = [Int?](repeating: nil, count: units.count)
        for (rank, entry) in order.enumerated() { ranks[entry.0] = rank + 1 }
        return ranks
    }

    /// Each unit's shortfall against the region's threshold in the indicator's action units
    /// (beds, units, persons: threshold × denominator − numerator, rounded up, at least 0),
    /// for shares and rates with a target; nil otherwise.
    public func shortfalls(_ indicator: Indicator) -> [Int]? {
        guard indicator.aggregation == .ratio, let target = target(for: indicator),
            let threshold = target.threshold,
            target.comparison == .atLeast
        else { return nil }
        return units.map { unit in
            guard let value = value(indicator, unit) else { return 0 }
            let missing = threshold * value.denominator - value.numerator
            return missing > 1e-9 ? Int((missing - 1e-9).rounded(.up)) : 0
        }
    }

    /// The page.
    public func html() -> String {
        let levelName = language.name(level)
        let title = language.text(
            "\(data.label)：\(year)年\(levelName)对比", "\(data.label): \(levelName) compared, \(year)")
        var page = data.page(
            title: title,
            intro: language.text(
                "\(data.planningRegion.name)的 \(units.count) 个\(levelName)；有目标的指标按排名着色，由红（最差）到绿（最好）。",
                "The \(units.count) \(levelName) of \(data.planningRegion.name); indicators with a target are coloured by rank from red (worst) to green (best)."
            ), language: language)

        // Units × indicators.
        page.heading(language.text("主要指标", "Key indicators"))
        let ranks = indicators.map(ranks)
        page.table(
            header: [language.text("单位", "Unit")] + indicators.map { language.name($0) },
            rows: units.indices.map { index in
                let unit = units[index]
                return [HTMLPage.Cell(data.tree.regions[unit].name)]
                    + indicators.indices.map { column in
                        let indicator = indicators[column]
                        guard let shown = value(indicator, unit), let rank = ranks[column][index]
                        else {
                            return HTMLPage.Cell("—", numeric: true)
                        }
                        // Only indicators with a target have a better and a worse end.
                        let count = ranks[column].compactMap { $0 }.count
                        let position = count > 1 ? 1 - Double(rank - 1) / Double(count - 1) : 1
                        return HTMLPage.Cell(
                            language.format(shown.value, indicator) + " (#\(rank))", numeric: true,
                            background: target(for: indicator) == nil ? nil : Colour.scale(position)
                        )
                    }
            }, className: "districts")

        // Need and supply, unit by unit (the annual report's table).
        let need = NeedAndSupply(data: data)
        if need.isComputed {
            page.heading(language.text("需求与供给", "Need and supply"))
            let table = need.table(units, year: year, language: language)
            page.table(
                header: table.header,
                rows: table.rows.map { row in
                    row.enumerated().map { HTMLPage.Cell($1, numeric: $0 >= 1) }
                }, className: "need")
        }

        // The region's verdicts, the run's own (the same as the annual report's).
        page.heading(language.text("全域目标结论", "The region's targets"))
        page.table(
            header: language == .chinese
                ? ["编号", "指标", "目标值", "\(year)年状态", "结论"]
                : ["Id", "Indicator", "Threshold", "Status \(year)", "Verdict"],
            rows: data.targets.map { result in
                let status = result.status(in: year)
                return [
                    HTMLPage.Cell(result.target.id),
                    HTMLPage.Cell(language.name(result.target.indicator)),
                    HTMLPage.Cell(language.threshold(result.target), numeric: true),
                    HTMLPage.Cell(language.name(status), className: status.rawValue),
                    HTMLPage.Cell(
                        language.name(result.verdict), className: result.verdict.rawValue),
                ]
            }, className: "targets")

        // Who holds the region back.
        for indicator in indicators {
            guard let shortfalls = shortfalls(indicator), let target = target(for: indicator) else {
                continue
            }
            let total = shortfalls.reduce(0, +)
            guard total > 0 else { continue }
            page.heading(
                language.text("差距来源：", "Where the gap lies: ") + language.name(indicator) + "（"
                    + language.threshold(target) + "）", level: 3)
            let order = units.indices.sorted { shortfalls[$0] > shortfalls[$1] }.filter {
                shortfalls[$0] > 0
            }
            page.table(
                header: language == .chinese
                    ? ["单位", "缺口", "占全域缺口"] : ["Unit", "Shortfall", "Share of the region's"],
                rows: order.map { index in
                    let phrase =
                        target.indicator.action?.phrase(
                            shortfalls[index], chinese: language == .chinese)
                        ?? String(shortfalls[index])
                    return [
                        HTMLPage.Cell(data.tree.regions[units[index]].name), HTMLPage.Cell(phrase),
                        HTMLPage.Cell(
                            ReportLanguage.grouped(
                                Double(shortfalls[index]) / Double(total) * 100, decimals: 1) + "%",
                            numeric: true),
                    ]
                })
        }

        // The map.
        if let mapped = mapIndicator() {
            page.heading(language.text("分布示意：", "Map: ") + language.name(mapped), level: 2)
            page.raw(map(mapped))
        }
        return page.html()
    }

    /// The indicator the map shows: the first coverage share with values, else the first.
    func mapIndicator() -> Indicator? {
        indicators.first { $0.id.hasSuffix("coverage") || $0.id.hasSuffix("circle-share") }
            ?? indicators.first
    }

    /// Unit points (their own, or the mean of their units') on a local map, coloured on the
    /// red–green scale by the indicator, with names.
    func map(_ indicator: Indicator) -> String {
        let points = data.tree.representativePoints()
        let placed = units.compactMap { unit in points[unit].map { (unit, $0) } }
        guard !placed.isEmpty else {
            return "<p class=\"note\">"
                + HTMLPage.escape(language.text("单位没有坐标，无法绘图。", "The units have no coordinates."))
                + "</p>"
        }
        let projection = LocalProjection(centredOn: placed.map(\.1))
        let xy = placed.map { projection.project($0.1) }
        let (minX, maxX) = (xy.map(\.x).min()!, xy.map(\.x).max()!)
        let (minY, maxY) = (xy.map(\.y).min()!, xy.map(\.y).max()!)
        // One scale for both axes (metres per pixel), fitted to the wider extent.
        let width = 560.0
        let scale = width / max(maxX - minX, maxY - minY, 1)
        let height = max(60, (maxY - minY) * scale)
        let margin = 40.0
        let values = placed.map { value(indicator, $0.0)?.value }
        let known = values.compactMap { $0 }
        let (low, high) = (known.min() ?? 0, known.max() ?? 1)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width + 2 * margin + 80)) \(Int(height + 2 * margin))\" width=\"\(Int(width + 2 * margin + 80))\" height=\"\(Int(height + 2 * margin))\" role=\"img\" font-size=\"10\">"
        for (index, (unit, _)) in placed.enumerated() {
            let x = margin + (xy[index].x - minX) * scale
            let y = margin + height - (xy[index].y - minY) * scale
            let colour =
                values[index].map { Colour.scale(high > low ? ($0 - low) / (high - low) : 1).hex }
                ?? "#BFBFBF"
            svg +=
                "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"7\" fill=\"\(colour)\" stroke=\"#404040\"/>"
            svg +=
                "<text x=\"\(SVG.number(x + 9))\" y=\"\(SVG.number(y + 3))\">\(SVG.escape(data.tree.regions[unit].name))</text>"
        }
        return svg + "</svg>"
    }
}
