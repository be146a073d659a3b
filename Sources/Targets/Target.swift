import Geography

/// A measurable target of a policy document (政策目标): an indicator, a comparison, a
/// threshold, a deadline and a scope, with the clause it comes from.
public struct Target: Hashable, Sendable, Identifiable {
    /// How a value is compared with the threshold.
    public enum Comparison: String, Hashable, Sendable, CaseIterable {
        /// 不低于: the value must reach the threshold.
        case atLeast = "at_least"
        /// 不高于: the value must not exceed the threshold.
        case atMost = "at_most"
        /// 达到: the value must equal the threshold.
        case equal
    }

    /// Where a target is judged.
    public enum Scope: Hashable, Sendable {
        /// The planning region as a whole (全市、全省).
        case region
        /// Each unit at a level within the planning region (每个县): every one must meet it.
        /// `kinds` narrows the units (counties only, not districts); `units` names them.
        /// Empty means no restriction.
        case each(level: RegionLevel, kinds: [RegionKind], units: [DivisionCode])
        /// Each unit of a group the scenario names (the document refers to units it does not
        /// list, such as Shanxi's 13 blind-spot counties). Until the scenario names the
        /// group's units, the target is not computed.
        case group(level: RegionLevel, name: String)
    }

    /// A value the document states for a past year (基期值).
    public struct Baseline: Hashable, Sendable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// Unique id, e.g. `ln.nursing-bed-share`.
    public var id: String
    /// The document's number in the catalogue (000…004) and its clause, e.g. `一(二)`.
    public var document: String
    /// The document's title.
    public var documentTitle: String
    public var clause: String
    /// The document's own words.
    public var text: String
    /// The indicator judged.
    public var indicator: Indicator
    public var comparison: Comparison
    /// The threshold in the indicator's unit; nil when the document gives no figure (the target
    /// is then reported, not judged).
    public var threshold: Double?
    /// The year by which it must be met; nil for an ongoing target.
    public var deadline: Int?
    /// For an ongoing target, the first year it applies.
    public var from: Int?
    public var scope: Scope
    public var baseline: Baseline?
    /// What the target counts where documents differ (e.g. which beds, which counties).
    public var note: String
    /// The region the document governs (发文机关辖区), when known. A total the document sets
    /// for a larger region than the one planned (a province's beds in a city's scenario) is
    /// not judged on the part.
    public var documentRegion: DivisionCode?

    public init(
        id: String, document: String, clause: String, text: String, indicator: Indicator,
        comparison: Comparison, threshold: Double?, deadline: Int?, from: Int? = nil,
        scope: Scope = .region, baseline: Baseline? = nil, note: String = "",
        documentTitle: String = "", documentRegion: DivisionCode? = nil
    ) {
        self.id = id
        self.document = document
        self.documentTitle = documentTitle
        self.clause = clause
        self.text = text
        self.indicator = indicator
        self.comparison = comparison
        self.threshold = threshold
        self.deadline = deadline
        self.from = from
        self.scope = scope
        self.baseline = baseline
        self.note = note
        self.documentRegion = documentRegion
    }

    /// Whether the target is a total set for a region larger than `planning` (the document's
    /// region strictly contains it): such a total cannot be judged on a part of its region.
    public func isTotalOfLargerRegion(than planning: DivisionCode) -> Bool {
        guard case .region = scope, indicator.aggregation == .sum, let documentRegion else {
            return false
        }
        return documentRegion != planning && planning.isWithin(documentRegion)
    }

    /// Whether a value meets the threshold. A value exactly at the threshold meets it; so does
    /// one within a relative 10⁻⁹ of it, so that 0.55 computed as 1,100 / 2,000 is not a miss.
    public func isMet(by value: Double) -> Bool? {
        guard let threshold, value.isFinite else { return nil }
        let tolerance = 1e-9 * max(1, abs(threshold))
        switch comparison {
        case .atLeast: return value >= threshold - tolerance
        case .atMost: return value <= threshold + tolerance
        case .equal: return abs(value - threshold) <= tolerance
        }
    }

    /// The years the target is judged in, within a run.
    public func judgedYears(in years: ClosedRange<Int>) -> ClosedRange<Int>? {
        let first = max(years.lowerBound, from ?? years.lowerBound)
        guard first <= years.upperBound else { return nil }
        return first...years.upperBound
    }
}

extension Target.Scope {
    /// A compact text form for tables: `region`, `each:county`,
    /// `each:county:kinds=county,county_city`, `each:county:units=210381,210321`,
    /// `group:county:blind-spot`.
    public var code: String {
        switch self {
        case .region:
            return "region"
        case .each(let level, let kinds, let units):
            var text = "each:" + level.name
            if !kinds.isEmpty { text += ":kinds=" + kinds.map(\.rawValue).joined(separator: ",") }
            if !units.isEmpty { text += ":units=" + units.map(\.shortForm).joined(separator: ",") }
            return text
        case .group(let level, let name):
            return "group:\(level.name):\(name)"
        }
    }

    /// Reads the compact text form back; nil when it is not one.
    public init?(code: String) {
        let parts = code.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "region" where parts.count == 1:
            self = .region
        case "group" where parts.count == 3:
            guard let level = RegionLevel(name: parts[1]) else { return nil }
            self = .group(level: level, name: parts[2])
        case "each" where parts.count >= 2:
            guard let level = RegionLevel(name: parts[1]) else { return nil }
            var kinds: [RegionKind] = []
            var units: [DivisionCode] = []
            for part in parts.dropFirst(2) {
                if part.hasPrefix("kinds=") {
                    for name in part.dropFirst(6).split(separator: ",") {
                        guard let kind = RegionKind(rawValue: String(name)) else { return nil }
                        kinds.append(kind)
                    }
                } else if part.hasPrefix("units=") {
                    for text in part.dropFirst(6).split(separator: ",") {
                        guard let code = try? DivisionCode(parsing: String(text)) else {
                            return nil
                        }
                        units.append(code)
                    }
                } else {
                    return nil
                }
            }
            self = .each(level: level, kinds: kinds, units: units)
        default:
            return nil
        }
    }
}
