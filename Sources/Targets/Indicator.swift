import Geography
import Quantities

/// A measurable quantity of elderly-care provision (养老服务指标), as the policy documents use it.
///
/// Each indicator says what it counts (numerator and denominator for shares and rates), its
/// unit, the region levels it is defined for, the range of valid values, and how a shortfall
/// translates into actions ("convert 2,310 more beds").
public struct Indicator: Hashable, Sendable, Identifiable {
    /// How values of sub-regions combine into the value of a region.
    public enum Aggregation: String, Hashable, Sendable {
        /// Counts and amounts add up.
        case sum
        /// Shares and rates: numerators and denominators add up separately, and the region's
        /// value is the ratio of the sums.
        case ratio
        /// A value set for the region as a whole (a subsidy standard, a fund share decided by
        /// the region's government); sub-regions' values do not combine.
        case own
    }

    /// Stable identifier used in target catalogues, e.g. `nursing-bed-share-institutional`.
    public let id: String
    /// The name as the documents write it.
    public let chineseName: String
    public let englishName: String
    /// What is counted, in words (numerator and denominator for ratios).
    public let chineseDefinition: String
    public let englishDefinition: String
    /// The unit values are held in (base unit of its dimension).
    public let unit: Unit
    /// The unit reports show (e.g. % for shares, per 1,000 for rates).
    public let displayUnit: Unit
    /// How sub-regions combine.
    public let aggregation: Aggregation
    /// The levels of the region tree the indicator is defined for.
    public let levels: [RegionLevel]
    /// Valid values, in `unit`.
    public let range: ClosedRange<Double>
    /// What one unit of shortfall means as an action, if it means one: for ratios, one more
    /// numerator unit at the same denominator; for counts, one more of the thing counted.
    public let action: GapAction?
    /// The scenario input that computes it (测算所需输入): what a target on it reports as
    /// missing when it is not computed.
    public let input: IndicatorInput

    public init(
        id: String, chineseName: String, englishName: String, chineseDefinition: String,
        englishDefinition: String, unit: Unit, displayUnit: Unit? = nil, aggregation: Aggregation,
        levels: [RegionLevel], range: ClosedRange<Double>, action: GapAction? = nil,
        input: IndicatorInput
    ) {
        self.id = id
        self.chineseName = chineseName
        self.englishName = englishName
        self.chineseDefinition = chineseDefinition
        self.englishDefinition = englishDefinition
        self.unit = unit
        self.displayUnit = displayUnit ?? unit
        self.aggregation = aggregation
        self.levels = levels
        self.range = range
        self.action = action
        self.input = input
    }
}

/// The scenario input that computes an indicator (测算所需输入), in words: the sections and
/// columns that provide it, or, for an indicator no input computes yet, the data it would need.
public struct IndicatorInput: Hashable, Sendable {
    /// E.g. "`facilities:`（设施清单的 `beds`、`nursing_beds` 列）".
    public let chinese: String
    public let english: String
    /// Whether some scenario input computes it; false when Yanglao does not model it yet.
    public let isModelled: Bool

    public init(chinese: String, english: String, isModelled: Bool = true) {
        self.chinese = chinese
        self.english = english
        self.isModelled = isModelled
    }
}

/// The action that closes one unit of an indicator's gap, with phrases in Chinese and English
/// where `{n}` stands for the number.
public struct GapAction: Hashable, Sendable {
    public let chinese: String
    public let english: String

    public init(chinese: String, english: String) {
        self.chinese = chinese
        self.english = english
    }

    /// The phrase for a number of actions, e.g. "convert 2,310 more beds to nursing beds".
    public func phrase(_ count: Int, chinese inChinese: Bool) -> String {
        let template = inChinese ? chinese : english
        return template.replacingOccurrences(of: "{n}", with: GapAction.grouped(count))
    }

    /// 2310 → "2,310".
    static func grouped(_ value: Int) -> String { NumberText.grouped(value) }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
