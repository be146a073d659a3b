/// A number that changes over the years (逐年取值), given for some key years.
///
/// Scenario files write it as `{2020: 0.30, 2025: 0.55}`. What it is in the years between and
/// around the keys depends on the field, which says so in its documentation:
/// - ``Rule/hold``: a step path. Each key's value holds until the next key; before the first
///   key the first value holds. For settings that change by decision (a tariff, a switch).
/// - ``Rule/interpolate``: linear between keys, and the nearest key's value before the first
///   and after the last. For paths that move gradually (a fertility rate, a target share).
/// - ``Rule/keyedYearsOnly``: a value only in the years written, none in others. For flows
///   that happen in particular years (a budget, a number of centres to build).
public struct YearlyValues: Hashable, Sendable, CustomStringConvertible {
    /// How values fill the years between and around the keys.
    public enum Rule: String, Hashable, Sendable {
        case hold, interpolate
        case keyedYearsOnly = "keyed-years-only"
    }

    /// The key years, strictly increasing.
    public let years: [Int]
    /// One value per key year, in base units.
    public let values: [Double]
    /// How the other years are filled.
    public let rule: Rule

    /// Creates a path from key years and values.
    /// - Precondition: at least one key; years strictly increasing; finite values.
    public init(years: [Int], values: [Double], rule: Rule) {
        precondition(!years.isEmpty, "a yearly value needs at least one key year")
        precondition(years.count == values.count, "one value per key year")
        precondition(zip(years, years.dropFirst()).allSatisfy { $0 < $1 }, "years must increase")
        precondition(values.allSatisfy(\.isFinite), "values must be finite")
        self.years = years
        self.values = values
        self.rule = rule
    }

    /// The same value in every year.
    public static func constant(_ value: Double, from year: Int) -> YearlyValues {
        YearlyValues(years: [year], values: [value], rule: .hold)
    }

    /// The value in a year; nil only for ``Rule/keyedYearsOnly`` in a year without a key.
    public func value(in year: Int) -> Double? {
        // The last key at or before the year.
        var low = 0
        var high = years.count
        while low < high {
            let mid = (low + high) / 2
            if years[mid] <= year { low = mid + 1 } else { high = mid }
        }
        let index = low - 1
        switch rule {
        case .keyedYearsOnly:
            return index >= 0 && years[index] == year ? values[index] : nil
        case .hold:
            return values[max(index, 0)]
        case .interpolate:
            if index < 0 { return values[0] }
            if index == years.count - 1 { return values[index] }
            let (y0, y1) = (Double(years[index]), Double(years[index + 1]))
            let t = (Double(year) - y0) / (y1 - y0)
            return values[index] + t * (values[index + 1] - values[index])
        }
    }

    /// Values for every year of a range, with nil where the rule gives none.
    public func values(in range: ClosedRange<Int>) -> [Double?] {
        range.map { value(in: $0) }
    }

    /// `{2020: 0.3, 2025: 0.55} (interpolate)`.
    public var description: String {
        let pairs = zip(years, values).map { "\($0): \($1)" }.joined(separator: ", ")
        return "{\(pairs)} (\(rule.rawValue))"
    }
}
