import Foundation
import Geography
import Quantities
import Targets

/// The language of a report: Chinese (default) or English, with the words and number formats
/// the reports use.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case chinese = "zh"
    case english = "en"

    /// The HTML `lang` attribute.
    public var htmlCode: String { self == .chinese ? "zh-CN" : "en" }

    /// The suffix of file names: "" for Chinese, "-en" for English.
    public var fileSuffix: String { self == .chinese ? "" : "-en" }

    /// Picks the Chinese or English text.
    public func text(_ chinese: String, _ english: String) -> String {
        self == .chinese ? chinese : english
    }

    public func name(_ indicator: Indicator) -> String {
        text(indicator.chineseName, indicator.englishName)
    }

    func definition(_ indicator: Indicator) -> String {
        text(indicator.chineseDefinition, indicator.englishDefinition)
    }

    public func name(_ status: TargetStatus) -> String {
        text(status.chineseName, status.englishName)
    }

    /// Why a target is not computed, with the input that would compute it.
    public func reason(_ reason: NotComputedReason) -> String {
        text(reason.chinese, reason.english)
    }

    func name(_ level: RegionLevel) -> String {
        text(level.chineseName + "单位", level.name + "-level units")
    }

    /// 2310 → "2,310"; 1234.5 → "1,234.5" (see ``NumberText/grouped(_:decimals:)``).
    public static func grouped(_ value: Double, decimals: Int) -> String {
        NumberText.grouped(value, decimals: decimals)
    }

    /// A value in the indicator's display unit: "50.9%", "2,310 张", "1,250.0 万元",
    /// "18.3 每千人".
    public func format(_ value: Double?, _ indicator: Indicator) -> String {
        guard let value, value.isFinite else { return "—" }
        let unit = indicator.displayUnit
        let shown = unit.fromBase(value)
        if unit == .percent { return Self.grouped(shown, decimals: 1) + "%" }
        let decimals: Int
        switch unit.dimension {
        case .money: decimals = 1
        case .ratio: decimals = 1
        case .frequency, .areaPerPerson: decimals = 2
        default: decimals = shown == shown.rounded() ? 0 : 1
        }
        let symbol = self == .chinese ? unit.chineseSymbol : unit.symbol
        return Self.grouped(shown, decimals: decimals) + " " + symbol
    }

    /// A gap in the indicator's unit: positive numbers mean a shortfall.
    public func formatGap(_ gap: Double?, _ indicator: Indicator) -> String {
        guard let gap else { return "—" }
        if gap == 0 { return text("无差距", "none") }
        if indicator.displayUnit == .percent {
            return Self.grouped(gap * 100, decimals: 1) + text(" 个百分点", " points")
        }
        return format(gap, indicator)
    }

    /// A threshold with its comparison: "≥ 55.0%".
    public func threshold(_ target: Target) -> String {
        guard let threshold = target.threshold else { return text("无量化标准", "no figure") }
        let sign =
            switch target.comparison {
            case .atLeast: "≥"
            case .atMost: "≤"
            case .equal: "="
            }
        return sign + " " + format(threshold, target.indicator)
    }

    /// "2025年" / "by 2025", or "自2023年起每年" / "every year from 2023".
    public func deadline(_ target: Target) -> String {
        if let deadline = target.deadline { return text("\(deadline)年", "by \(deadline)") }
        let from = target.from.map(String.init) ?? "—"
        return text("自\(from)年起每年", "every year from \(from)")
    }

    /// "《…》（文件004）一(二)" / "… (document 004), clause 一(二)".
    func source(_ target: Target) -> String {
        let title = target.documentTitle.isEmpty ? "" : target.documentTitle
        return text(
            "《\(title)》（文件 \(target.document)）\(target.clause)",
            "\(title) (document \(target.document)), clause \(target.clause)")
    }
}
