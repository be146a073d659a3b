/// Why a target is not computed in a year or unit (未测算的原因), with the input that would
/// compute it. Every output words it through ``chinese`` and ``english``.
public enum NotComputedReason: Hashable, Sendable {
    /// The run has no value of the indicator anywhere: the input that computes it is missing,
    /// or no input computes it yet (``IndicatorInput/isModelled``).
    case noInput(Indicator)
    /// The unit has values of the indicator in other years (first to last), not in `year`:
    /// the input stops, or starts later (a lottery total given only for 2021–2024).
    case noValueInYear(Indicator, year: Int, withValues: ClosedRange<Int>)
    /// The indicator has values for other units but none for this one in any year.
    case noValueForUnit(Indicator)
    /// Of the `total` units an "each unit" target is judged in, `missing` have no value;
    /// `example` is the first one's reason.
    indirect case unitsWithoutValue(missing: Int, total: Int, example: NotComputedReason)
    /// The target is judged on a group whose units the scenario does not name
    /// (`unit_groups.<name>`).
    case unnamedGroup(String)
    /// No unit of the planning region is of the kind the target names (its scope's code).
    case noUnitsInScope(String)
    /// The target applies from a later year.
    case notYetApplicable(from: Int)

    /// A stable code for tables: `no_input`, `not_modelled`, `no_value_in_year`,
    /// `no_value_for_unit`, `units_without_value`, `unnamed_group`,
    /// `no_units_in_scope`, `not_yet_applicable`.
    public var code: String {
        switch self {
        case .noInput(let indicator): indicator.input.isModelled ? "no_input" : "not_modelled"
        case .noValueInYear: "no_value_in_year"
        case .noValueForUnit: "no_value_for_unit"
        case .unitsWithoutValue: "units_without_value"
        case .unnamedGroup: "unnamed_group"
        case .noUnitsInScope: "no_units_in_scope"
        case .notYetApplicable: "not_yet_applicable"
        }
    }

    /// The reason in Chinese, with the input that would compute it.
    public var chinese: String {
        switch self {
        case .noInput(let indicator) where !indicator.input.isModelled:
            return "Yanglao 尚未测算“\(indicator.chineseName)”；需要：\(indicator.input.chinese)"
        case .noInput(let indicator):
            return "本情景没有测算“\(indicator.chineseName)”的输入；需要：\(indicator.input.chinese)"
        case .noValueInYear(let indicator, let year, let withValues):
            return
                "\(year)年没有“\(indicator.chineseName)”的值（仅 \(Self.span(withValues)) 年有值）；该年需要：\(indicator.input.chinese)"
        case .noValueForUnit(let indicator):
            return "该单位没有“\(indicator.chineseName)”的值；需要：\(indicator.input.chinese)"
        case .unitsWithoutValue(let missing, let total, let example):
            return "\(total) 个单位中 \(missing) 个没有值，如：\(example.chinese)"
        case .unnamedGroup(let name):
            return "目标按单位组“\(name)”判定，情景未列出其单位；需要：`unit_groups.\(name)`（区划代码列表）"
        case .noUnitsInScope(let scope):
            return "规划区域内没有目标所指的单位（\(scope)）"
        case .notYetApplicable(let from):
            return "该目标自 \(from) 年起判定"
        }
    }

    /// The reason in English, with the input that would compute it.
    public var english: String {
        switch self {
        case .noInput(let indicator) where !indicator.input.isModelled:
            return
                "Yanglao does not compute “\(indicator.englishName)” yet; it would need \(indicator.input.english)"
        case .noInput(let indicator):
            return
                "this scenario has no input for “\(indicator.englishName)”; it needs \(indicator.input.english)"
        case .noValueInYear(let indicator, let year, let withValues):
            return
                "no value of “\(indicator.englishName)” in \(year) (values for \(Self.span(withValues)) only); that year needs \(indicator.input.english)"
        case .noValueForUnit(let indicator):
            return
                "no value of “\(indicator.englishName)” for this unit; it needs \(indicator.input.english)"
        case .unitsWithoutValue(let missing, let total, let example):
            return "\(missing) of \(total) units have no value, e.g. \(example.english)"
        case .unnamedGroup(let name):
            return
                "the target is judged on the group “\(name)”, whose units the scenario does not list; it needs `unit_groups.\(name)` (a list of division codes)"
        case .noUnitsInScope(let scope):
            return "no unit of the planning region is of the kind the target names (\(scope))"
        case .notYetApplicable(let from):
            return "the target is judged from \(from)"
        }
    }

    /// "2021–2024", or "2023" for one year.
    private static func span(_ years: ClosedRange<Int>) -> String {
        years.count == 1 ? String(years.lowerBound) : "\(years.lowerBound)–\(years.upperBound)"
    }
}
