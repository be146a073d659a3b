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
        /// Villages and communities are too many to compare on a page (Liaoning has 16,376);
        /// their values are in `indicators.csv`.
        case villagesNotCompared(count: Int, chinese: Bool)

        public var description: String {
            switch self {
            case .villagesNotCompared(let count, let chinese):
                chinese
                    ? "村级单位有 \(count) 个，不逐一对比：请改用 --level township（乡镇级），村级数值见运行文件夹的 indicators.csv"
                    : "the \(count) villages and communities are not compared one by one: use --level township, and find village values in the run folder's indicators.csv"
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
        guard level != .village else {
            throw .villagesNotCompared(count: units.count, chinese: language == .chinese)
        }
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

    /// The region's whole-region targets (区域目标), in catalogue order.
    var regionTargets: [TargetResult] {
        data.targets.filter {
            if case .region = $0.target.scope { return true }
            return false
        }
    }

    /// Whether a target holds the region back in the year: missed, off track or fallen back.
    func isFailing(_ result: TargetResult) -> Bool {
        [.missed, .offTrack, .fellBack, .metLate].contains(result.status(in: year))
            || result.verdict == .missed
    }

    /// The region's whole-region target an indicator is judged by here: of the targets on
    /// it, the first that fails, else the strictest (the highest threshold of an "at least",
    /// the lowest of an "at most"); nil without one.
    public func target(for indicator: Indicator) -> Target? {
        let onIt = regionTargets.filter { $0.target.indicator.id == indicator.id }
        if let failing = onIt.first(where: isFailing) { return failing.target }
        return onIt.map(\.target).filter { $0.threshold != nil }.max { a, b in
            let lowIsGood = a.comparison == .atMost
            return lowIsGood ? a.threshold! > b.threshold! : a.threshold! < b.threshold!
        }
    }

    func value(_ indicator: Indicator, _ unit: Int) -> (
        numerator: Double, denominator: Double, value: Double
    )? {
        data.indicators.value(indicator, year: year, region: unit)
    }

    /// The value a unit is ranked on: a share or rate as it is; a count per 1,000 people aged
    /// 60+ of the unit (每千名老年人), so that big units do not rank first for being big.
    public func rankedValue(_ indicator: Indicator, _ unit: Int) -> Double? {
        guard let shown = value(indicator, unit) else { return nil }
        guard indicator.aggregation == .sum else { return shown.value }
        guard let older = IndicatorCatalogue.indicator("aged-60-plus"),
            let aged = value(older, unit)?.value, aged > 0
        else { return nil }
        return shown.value / aged * 1000
    }

    /// Ranks 1… among the units for indicators with a target (1 is best: highest, or lowest
    /// for an "at most" target), on ``rankedValue(_:_:)``; equal values share a rank and the
    /// next rank skips (1, 1, 3). Nil where a unit has no value, and for every unit of an
    /// indicator without a target: there is no better end to rank towards.
    public func ranks(_ indicator: Indicator) -> [Int?] {
        var ranks = [Int?](repeating: nil, count: units.count)
        guard let target = target(for: indicator) else { return ranks }
        let lowIsGood = target.comparison == .atMost
        let known = units.indices.compactMap { index in
            rankedValue(indicator, units[index]).map { (index, $0) }
        }
        for (index, value) in known {
            let better = known.filter { lowIsGood ? $0.1 < value - 1e-12 : $0.1 > value + 1e-12 }
            ranks[index] = better.count + 1
        }
        return ranks
    }

    /// Where a unit's value stands against the target, on the red–green scale (0…1): 1 when
    /// it meets the threshold, else half its share of the way there (a unit at 80% of an
    /// "at least" threshold sits at 0.4); nil for counts and indicators without a threshold,
    /// whose region-wide threshold says nothing of one unit.
    public func standing(_ indicator: Indicator, _ unit: Int) -> Double? {
        guard indicator.aggregation == .ratio, let target = target(for: indicator),
            let threshold = target.threshold, let shown = value(indicator, unit)?.value
        else { return nil }
        switch target.comparison {
        case .atMost:
            return shown <= threshold ? 1 : 0.5 * threshold / shown
        default:
            guard threshold > 0 else { return 1 }
            return shown >= threshold ? 1 : 0.5 * max(0, shown) / threshold
        }
    }

    /// Each unit's shortfall against a target's threshold in the indicator's action units
    /// (beds, units, persons: threshold × denominator − numerator, rounded up, at least 0),
    /// for shares and rates with an "at least" threshold; nil otherwise.
    public func shortfalls(_ target: Target) -> [Int]? {
        let indicator = target.indicator
        guard indicator.aggregation == .ratio, let threshold = target.threshold,
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
                "\(data.planningRegion.name)的 \(units.count) 个\(levelName)。有目标的比率按与目标值的差距着色：达到目标为绿，越远越红；排名（#）只给有目标的指标，数量指标按每千名老年人排名，并列同名次。",
                "The \(units.count) \(levelName) of \(data.planningRegion.name). Shares and rates with a target are coloured by their distance to it: green where a unit meets it, redder the further below; ranks (#) are given for indicators with a target only, counts ranked per 1,000 people aged 60+, ties sharing a rank."
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
                        guard let shown = value(indicator, unit) else {
                            return HTMLPage.Cell("—", numeric: true)
                        }
                        var text = language.format(shown.value, indicator)
                        if let rank = ranks[column][index] {
                            if indicator.aggregation == .sum,
                                let per = rankedValue(indicator, unit)
                            {
                                text += language.text(
                                    "（每千名老年人 \(ReportLanguage.grouped(per, decimals: 1))）",
                                    " (\(ReportLanguage.grouped(per, decimals: 1)) per 1,000 aged 60+)"
                                )
                            }
                            text += " (#\(rank))"
                        }
                        return HTMLPage.Cell(
                            text, numeric: true,
                            background: standing(indicator, unit).map(Colour.scale))
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

        // Who holds the region back: each failing target against its own threshold.
        for result in regionTargets where isFailing(result) {
            let target = result.target
            guard let shortfalls = shortfalls(target) else { continue }
            let total = shortfalls.reduce(0, +)
            guard total > 0 else { continue }
            page.heading(
                language.text("差距来源：", "Where the gap lies: ") + target.id + " "
                    + language.name(target.indicator) + "（" + language.threshold(target) + "）",
                level: 3)
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

        // The maps: boundaries (or township cells) as choropleths where the scenario gives
        // boundaries, else the units' points.
        if data.boundaries != nil {
            appendMaps(to: &page, headingLevel: 2)
        } else if let mapped = mapIndicator() {
            page.heading(language.text("分布示意：", "Map: ") + language.name(mapped), level: 2)
            page.raw(map(mapped))
        }
        return page.html()
    }

    /// Whether ``appendMaps(to:headingLevel:)`` draws anything: some unit has a shape and
    /// some map indicator a value.
    public var hasMaps: Bool {
        guard let boundaries = data.boundaries else { return false }
        let shapes = MapUnits(
            units: units, tree: data.tree, region: data.region, boundaries: boundaries)
        return !shapes.rings.isEmpty && !mapIndicators().isEmpty
    }

    /// The boundary maps (coverage, nursing share, need-and-supply gap), each with a heading
    /// and a note on its boundaries; nothing without boundaries.
    public func appendMaps(to page: inout HTMLPage, headingLevel: Int) {
        guard let boundaries = data.boundaries else { return }
        let shapes = MapUnits(
            units: units, tree: data.tree, region: data.region, boundaries: boundaries)
        for (position, indicator) in mapIndicators().enumerated() {
            guard var map = boundaryMap(indicator, shapes: shapes) else { continue }
            // The points go on the first map (coverage), in the year they are of.
            if position == 0, year == data.reportYear { map.markers = data.mapMarkers }
            page.heading(
                language.text("地图：", "Map: ") + language.name(indicator), level: headingLevel)
            page.raw(map.svg())
            page.raw(
                "<p class=\"note\">"
                    + HTMLPage.escape(
                        Self.mapNote(
                            shapes: shapes, source: boundaries.source,
                            missing: units.count - shapes.rings.count, language: language))
                    + "</p>")
        }
    }

    /// The indicators the boundary maps show, those with values among: the coverage share the
    /// page maps first (``mapIndicator()``), the nursing-bed share and the need-and-supply
    /// gap (institutional beds short of need, per 1,000 residents aged 60+).
    func mapIndicators() -> [Indicator] {
        var chosen: [Indicator] = []
        if let coverage = mapIndicator(), coverage.aggregation == .ratio { chosen.append(coverage) }
        for id in ["nursing-bed-share-institutional", "nursing-bed-share-all", "bed-gap"] {
            guard let indicator = IndicatorCatalogue.indicator(id),
                !chosen.contains(where: { $0.id == indicator.id }),
                !(id == "nursing-bed-share-all"
                    && chosen.contains { $0.id == "nursing-bed-share-institutional" }),
                units.contains(where: { rankedValue(indicator, $0) != nil })
            else { continue }
            chosen.append(indicator)
        }
        return chosen
    }

    /// A choropleth of the units by an indicator: shares classed against the region's
    /// target where there is one, else in five equal classes; counts per 1,000 residents aged
    /// 60+. Nil when no unit has a shape.
    func boundaryMap(_ indicator: Indicator, shapes: MapUnits) -> BoundaryMap? {
        guard !shapes.rings.isEmpty else { return nil }
        let perThousand = indicator.aggregation == .sum
        let values = units.map { rankedValue(indicator, $0) }
        let classes: BoundaryMap.Classes
        if !perThousand, let target = target(for: indicator), let threshold = target.threshold,
            threshold > 0
        {
            classes = .against(threshold: threshold, ceiling: target.comparison == .atMost)
        } else {
            classes = .equalInterval(
                values.compactMap { $0 }, higherIsWorse: indicator.id.hasSuffix("gap"))
        }
        let language = self.language
        let unitText = language.text("（每千名60岁及以上老年人）", " (per 1,000 residents aged 60+)")
        let format: @Sendable (Double) -> String = { value in
            perThousand
                ? ReportLanguage.grouped(value, decimals: value == value.rounded() ? 0 : 1)
                : language.format(value, indicator)
        }
        let areas = units.indices.compactMap { index -> BoundaryMap.Area? in
            guard let rings = shapes.rings[units[index]] else { return nil }
            return BoundaryMap.Area(
                name: data.tree.regions[units[index]].name, rings: rings, value: values[index],
                valueText: values[index].map(format) ?? language.text("无数据", "no data"))
        }
        return BoundaryMap(
            areas: areas, outline: shapes.outline, classes: classes,
            title: language.name(indicator) + (perThousand ? unitText : ""), boundText: format,
            chinese: language == .chinese)
    }

    /// The note under a boundary map: where the boundaries come from, whether township cells
    /// are estimated, and how many units have no shape.
    static func mapNote(shapes: MapUnits, source: String, missing: Int, language: ReportLanguage)
        -> String
    {
        var note = language.text("边界：", "Boundaries: ") + (source.isEmpty ? "—" : source) + "。"
        if language == .english { note = String(note.dropLast()) + ". " }
        if shapes.estimated {
            note += language.text(
                "乡镇级单位无公开边界，图中为其代表点的泰森多边形（按所属县级边界裁剪），系估计范围。",
                "Townships have no public boundaries: they are drawn as the Voronoi cells of their points, clipped to their county, an estimate. "
            )
        }
        if missing > 0 {
            note += language.text(
                "\(missing) 个单位无边界或无坐标，未绘出。",
                "\(missing) units have no boundary or point and are not drawn.")
        }
        return note
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
        let standings = placed.map { standing(indicator, $0.0) }
        let known = values.compactMap { $0 }
        let (low, high) = (known.min() ?? 0, known.max() ?? 1)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width + 2 * margin + 80)) \(Int(height + 2 * margin))\" width=\"\(Int(width + 2 * margin + 80))\" height=\"\(Int(height + 2 * margin))\" role=\"img\" font-size=\"10\">"
        for (index, (unit, _)) in placed.enumerated() {
            let x = margin + (xy[index].x - minX) * scale
            let y = margin + height - (xy[index].y - minY) * scale
            // Against the target where there is one, else from the lowest to the highest.
            let colour =
                standings[index].map { Colour.scale($0).hex }
                ?? values[index].map {
                    Colour.scale(high > low ? ($0 - low) / (high - low) : 1).hex
                }
                ?? "#BFBFBF"
            svg +=
                "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"7\" fill=\"\(colour)\" stroke=\"#404040\"/>"
            svg +=
                "<text x=\"\(SVG.number(x + 9))\" y=\"\(SVG.number(y + 3))\">\(SVG.escape(data.tree.regions[unit].name))</text>"
        }
        return svg + "</svg>"
    }
}
