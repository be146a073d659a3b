import Geography

/// The verdict on a target in one year, for the planning region or one unit.
public enum TargetStatus: String, Hashable, Sendable, CaseIterable {
    /// 已达成: the value meets the threshold (by the deadline, or in an ongoing target's year).
    case met
    /// 按期可达成: not yet met, but the projected value at the deadline meets it.
    case onTrack = "on_track"
    /// 按期难以达成: not met, and the projected value at the deadline does not meet it either.
    case offTrack = "off_track"
    /// 未达成: not met at the deadline (or, for an ongoing target, in that year).
    case missed
    /// 逾期达成: met in a year after a deadline that was missed; the target stays missed.
    case metLate = "met_late"
    /// 达成后回落: met at the deadline but no longer in a later year.
    case fellBack = "fell_back"
    /// 无量化标准: the document gives no figure; the value is reported, not judged.
    case notQuantified = "not_quantified"
    /// 未测算: the scenario has no input for the indicator in this year or unit.
    case notComputed = "not_computed"
    /// 不适用: the threshold is a total for the document's larger region (全省床位总数), whose
    /// planned part's value is reported, not judged; or the units the target names all lie
    /// outside the planning region.
    case notApplicable = "not_applicable"

    public var chineseName: String {
        switch self {
        case .met: "已达成"
        case .onTrack: "按期可达成"
        case .offTrack: "按期难以达成"
        case .missed: "未达成"
        case .metLate: "逾期达成"
        case .fellBack: "达成后回落"
        case .notQuantified: "无量化标准"
        case .notComputed: "未测算"
        case .notApplicable: "不适用"
        }
    }

    public var englishName: String {
        switch self {
        case .met: "met"
        case .onTrack: "on track"
        case .offTrack: "off track"
        case .missed: "missed"
        case .metLate: "met late"
        case .fellBack: "fell back"
        case .notQuantified: "not quantified"
        case .notComputed: "not computed"
        case .notApplicable: "not applicable"
        }
    }
}

/// A target judged over a run: one row per year for the planning region and, for "each unit"
/// targets, one per unit in scope.
public struct TargetResult: Sendable {
    /// One year's verdict for the planning region or one unit.
    public struct Row: Hashable, Sendable {
        public var year: Int
        /// The region, by its index in the tree.
        public var region: Int
        /// The indicator's value; for the summary of an "each unit" target, the share of
        /// units that meet it.
        public var value: Double?
        public var met: Bool?
        public var status: TargetStatus
        /// How far from the threshold, in the indicator's unit (0 when met).
        public var gap: Double?
        /// The shortfall in the indicator's action (beds to convert, streets to equip, homes
        /// to open); for the summary of an "each unit" target, summed over failing units.
        public var actionGap: Int?
        /// For the summary of an "each unit" target: the units that do not meet it.
        public var failingUnits: [Int]
        /// Why the row is not computed, with the input that would compute it; nil for a row
        /// with another status.
        public var reason: NotComputedReason? = nil
    }

    public let target: Target
    /// The planning region's index.
    public let region: Int
    /// The planning region's rows, one per judged year.
    public let summary: [Row]
    /// For "each unit" targets, every unit's rows (year-major).
    public let units: [Row]
    /// The first year the target is met (for "each unit" targets, by every unit).
    public let firstYearMet: Int?
    /// The verdict (结论): the status of ``judgedRow``, at the deadline; for an ongoing target
    /// (每年), missed if any year misses it. Every output shows this one verdict.
    public let verdict: TargetStatus

    /// The summary row the verdict is read from (see ``TargetEvaluator/judgedRow(_:target:)``).
    public var judgedRow: Row? { TargetEvaluator.judgedRow(summary, target: target) }

    /// The summary row of a year.
    public func summary(in year: Int) -> Row? { summary.first { $0.year == year } }

    /// The status (本年状态) in a year: the summary row's, or not computed when the year is
    /// not judged. Every output's status of a year comes from here.
    public func status(in year: Int) -> TargetStatus { summary(in: year)?.status ?? .notComputed }

    /// Why the target is not computed in a year (未测算的原因), when ``status(in:)`` is not
    /// computed; nil otherwise. Every output's reason for a year comes from here.
    public func reason(in year: Int) -> NotComputedReason? {
        guard status(in: year) == .notComputed else { return nil }
        if let row = summary(in: year) { return row.reason }
        return .notYetApplicable(from: summary.first?.year ?? target.from ?? year)
    }

    /// What a report says about a target not computed, for the year of a report: why its
    /// status that year is not computed, else why its verdict is not; nil when both are.
    /// The reports, `targets.csv` aside (one reason per row), and the console use this.
    public func whyNotComputed(in year: Int) -> NotComputedReason? {
        reason(in: year) ?? verdictReason
    }

    /// Why the verdict is not computed (the reason of the row it is read from, or of the
    /// last year when no row has a value); nil when the verdict is something else.
    public var verdictReason: NotComputedReason? {
        guard verdict == .notComputed else { return nil }
        if let row = judgedRow, row.status == .notComputed, let reason = row.reason {
            return reason
        }
        return summary.last?.reason ?? target.from.map { .notYetApplicable(from: $0) }
    }

    /// How many of `results` have each verdict, and each status in `year`: the counts the
    /// console, the reports and `optimise` print.
    public static func counts(_ results: [TargetResult], in year: Int) -> (
        verdicts: [TargetStatus: Int], statuses: [TargetStatus: Int]
    ) {
        var verdicts: [TargetStatus: Int] = [:]
        var statuses: [TargetStatus: Int] = [:]
        for result in results {
            verdicts[result.verdict, default: 0] += 1
            statuses[result.status(in: year), default: 0] += 1
        }
        return (verdicts, statuses)
    }
}

/// Judges targets on an indicator table.
public enum TargetEvaluator {
    /// Judges one target for the planning region (and its units, for "each unit" targets) in
    /// every year of the table from the target's first year.
    /// - Parameters:
    ///   - table: indicator values, aggregated up the tree.
    ///   - tree: the scenario's region tree.
    ///   - region: the planning region's index in the tree.
    public static func evaluate(
        _ target: Target, table: IndicatorTable, tree: RegionTree, region: Int
    ) -> TargetResult {
        guard let judged = target.judgedYears(in: table.years) else {
            return TargetResult(
                target: target, region: region, summary: [], units: [], firstYearMet: nil,
                verdict: .notComputed)
        }
        let years = Array(judged)
        switch target.scope {
        case .region where target.isTotalOfLargerRegion(than: tree.regions[region].code):
            let rows = years.map { year in
                TargetResult.Row(
                    year: year, region: region,
                    value: table.value(target.indicator, year: year, region: region)?.value,
                    met: nil, status: .notApplicable, gap: nil, actionGap: nil, failingUnits: [])
            }
            return TargetResult(
                target: target, region: region, summary: rows, units: [], firstYearMet: nil,
                verdict: .notApplicable)
        case .region:
            let rows = unitRows(target, table: table, unit: region, years: years)
            let first = zip(years, rows).first { $0.1.met == true }?.0
            return TargetResult(
                target: target, region: region, summary: rows, units: [], firstYearMet: first,
                verdict: verdict(of: rows, target: target))
        case .each(_, _, let codes)
        where !codes.isEmpty
            && units(in: target.scope, tree: tree, region: region).isEmpty:
            // The units the target names all lie outside the planning region (a county
            // scenario that keeps its city's catalogue): nothing to judge here.
            let rows = years.map { year in
                TargetResult.Row(
                    year: year, region: region, value: nil, met: nil, status: .notApplicable,
                    gap: nil, actionGap: nil, failingUnits: [])
            }
            return TargetResult(
                target: target, region: region, summary: rows, units: [], firstYearMet: nil,
                verdict: .notApplicable)
        case .each, .group:
            let scope = units(in: target.scope, tree: tree, region: region)
            let perUnit = scope.map { unitRows(target, table: table, unit: $0, years: years) }
            var summary: [TargetResult.Row] = []
            var metSeries: [Bool?] = []
            var computed: [Bool] = []
            var reasons: [NotComputedReason?] = []
            for (yearIndex, year) in years.enumerated() {
                let rows = perUnit.map { $0[yearIndex] }
                let known = rows.filter { $0.met != nil }
                let failing = zip(scope, rows).filter { $0.1.met == false }.map(\.0)
                let met: Bool? =
                    target.threshold == nil || scope.isEmpty || known.count < rows.count
                    ? nil : failing.isEmpty
                metSeries.append(met)
                let withoutValue = rows.filter { $0.value == nil }
                computed.append(!scope.isEmpty && withoutValue.isEmpty)
                reasons.append(
                    scopeReason(target.scope, isEmpty: scope.isEmpty)
                        ?? unitsReason(withoutValue.map(\.reason), total: rows.count))
                let share =
                    known.isEmpty
                    ? nil : Double(known.filter { $0.met == true }.count) / Double(known.count)
                let actionGap = rows.compactMap(\.actionGap).reduce(0, +)
                summary.append(
                    TargetResult.Row(
                        year: year, region: region, value: share, met: met, status: .notComputed,
                        gap: met == nil ? nil : Double(failing.count),
                        actionGap: met == nil ? nil : actionGap,
                        failingUnits: failing))
            }
            let statuses = statusSeries(
                metSeries, years: years, target: target, computed: computed)
            for index in summary.indices {
                summary[index].status = statuses[index]
                if statuses[index] == .notComputed { summary[index].reason = reasons[index] }
            }
            let first = zip(years, metSeries).first { $0.1 == true }?.0
            return TargetResult(
                target: target, region: region, summary: summary,
                units: years.indices.flatMap { yearIndex in perUnit.map { $0[yearIndex] } },
                firstYearMet: first, verdict: verdict(of: summary, target: target))
        }
    }

    /// The units an "each unit" scope covers within the planning region, in tree order.
    public static func units(in scope: Target.Scope, tree: RegionTree, region: Int) -> [Int] {
        if case .group = scope { return [] }
        guard case .each(let level, let kinds, let codes) = scope else { return [region] }
        let wanted = Set(codes)
        return tree.subtree(of: region).filter { index in
            let unit = tree.regions[index]
            return unit.level == level && (kinds.isEmpty || kinds.contains(unit.kind))
                && (wanted.isEmpty || wanted.contains(unit.code))
        }
    }

    /// One unit's rows over the judged years.
    private static func unitRows(_ target: Target, table: IndicatorTable, unit: Int, years: [Int])
        -> [TargetResult.Row]
    {
        let values = years.map { table.value(target.indicator, year: $0, region: unit) }
        let met = values.map { value in value.flatMap { target.isMet(by: $0.value) } }
        let statuses = statusSeries(
            met, years: years, target: target, computed: values.map { $0 != nil })
        return years.indices.map { index in
            let value = values[index]
            return TargetResult.Row(
                year: years[index], region: unit, value: value?.value, met: met[index],
                status: statuses[index], gap: value.flatMap { gap(target, value: $0.value) },
                actionGap: value.flatMap {
                    actionGap(target, numerator: $0.numerator, denominator: $0.denominator)
                },
                failingUnits: [],
                reason: statuses[index] == .notComputed
                    ? reason(target.indicator, table: table, unit: unit, year: years[index])
                    : nil)
        }
    }

    /// Why an indicator has no value in a unit and year: the run computed it nowhere; values
    /// in other years only; or values for other units only (a share of 0 homes among 0 is
    /// among these: `indicators.csv` keeps no row for it, so a report made again from the run
    /// folder gives the same reason).
    static func reason(_ indicator: Indicator, table: IndicatorTable, unit: Int, year: Int)
        -> NotComputedReason
    {
        guard table.contains(indicator) else { return .noInput(indicator) }
        let withValues = table.years.filter {
            table.value(indicator, year: $0, region: unit) != nil
        }
        guard let first = withValues.first, let last = withValues.last else {
            return .noValueForUnit(indicator)
        }
        return .noValueInYear(indicator, year: year, withValues: first...last)
    }

    /// Why an "each unit" target's summary is not computed, from the reasons of its units
    /// without a value: their common reason when every unit lacks a value for the same one
    /// (no input at all), else how many lack one and the first one's reason.
    static func unitsReason(_ reasons: [NotComputedReason?], total: Int) -> NotComputedReason? {
        guard let first = reasons.first ?? nil else { return nil }
        if reasons.count == total, reasons.allSatisfy({ $0 == first }) { return first }
        return .unitsWithoutValue(missing: reasons.count, total: total, example: first)
    }

    /// Why an "each unit" or group scope cannot be judged at all: the group names no units,
    /// or no unit of the planning region is of the kind; nil when it has units.
    static func scopeReason(_ scope: Target.Scope, isEmpty: Bool) -> NotComputedReason? {
        guard isEmpty else { return nil }
        if case .group(_, let name) = scope { return .unnamedGroup(name) }
        return .noUnitsInScope(scope.code)
    }

    /// Statuses from a series of met / not met / unknown, by the rules: before the deadline,
    /// met or on/off track by the value at the deadline; at it, met or missed; after it,
    /// met late if missed at the deadline, fell back if met then but not now. An ongoing
    /// target is met or missed in each year.
    static func statusSeries(
        _ met: [Bool?], years: [Int], target: Target, computed: [Bool]? = nil
    ) -> [TargetStatus] {
        let computed = computed ?? met.map { $0 != nil }
        guard target.threshold != nil else {
            return computed.map { $0 ? .notQuantified : .notComputed }
        }
        let deadlineIndex = target.deadline.flatMap { years.firstIndex(of: $0) }
        let metAtDeadline = deadlineIndex.flatMap { met[$0] }
        return years.indices.map { index -> TargetStatus in
            guard let isMet = met[index] else { return .notComputed }
            guard let deadline = target.deadline else { return isMet ? .met : .missed }
            let year = years[index]
            if year < deadline {
                if isMet { return .met }
                return metAtDeadline == true ? .onTrack : .offTrack
            }
            if year == deadline { return isMet ? .met : .missed }
            switch (metAtDeadline, isMet) {
            case (true?, true): return .met
            case (true?, false): return .fellBack
            case (_, true): return .metLate
            default: return .missed
            }
        }
    }

    /// The row a verdict is read from: the deadline's. An ongoing target holds in every year,
    /// so its row is the first year that misses it, or else the last year with a value (a plan
    /// whose lottery money ends in 2024 is judged on 2020–2024); nil without any value.
    static func judgedRow(_ rows: [TargetResult.Row], target: Target) -> TargetResult.Row? {
        if let deadline = target.deadline, let row = rows.first(where: { $0.year == deadline }) {
            return row
        }
        return rows.first { $0.status == .missed } ?? rows.last { $0.status != .notComputed }
    }

    private static func verdict(of rows: [TargetResult.Row], target: Target) -> TargetStatus {
        judgedRow(rows, target: target)?.status ?? .notComputed
    }

    /// The distance to the threshold in the indicator's unit; 0 when met.
    static func gap(_ target: Target, value: Double) -> Double? {
        guard let threshold = target.threshold else { return nil }
        if target.isMet(by: value) == true { return 0 }
        switch target.comparison {
        case .atLeast: return threshold - value
        case .atMost: return value - threshold
        case .equal: return abs(value - threshold)
        }
    }

    /// The shortfall in the indicator's action units: for a ratio, how many more (or fewer)
    /// numerator units at the same denominator; for a count, how many more of the thing.
    static func actionGap(_ target: Target, numerator: Double, denominator: Double) -> Int? {
        guard let threshold = target.threshold, target.indicator.action != nil else { return nil }
        let value = numerator / denominator
        if target.isMet(by: value) == true { return 0 }
        let needed = threshold * denominator
        let shortfall: Double
        switch target.comparison {
        case .atLeast: shortfall = needed - numerator
        case .atMost: shortfall = numerator - needed
        case .equal: shortfall = abs(needed - numerator)
        }
        return Int((shortfall - 1e-9 * max(1, abs(needed))).rounded(.up))
    }
}
