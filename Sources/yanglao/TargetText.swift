import Diagnostics
import ScenarioFiles
import Targets

/// How targets and indicators read in the terminal.
struct TargetText {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    func heading(_ catalogue: TargetCatalogue) -> String {
        let count = catalogue.targets.count
        switch language {
        case .zh:
            return
                "[\(catalogue.document)] \(catalogue.title)（\(catalogue.issuer)，\(catalogue.issued)）— \(count) 项目标"
        case .en:
            return
                "[\(catalogue.document)] \(catalogue.title) (\(catalogue.issuer), \(catalogue.issued)) — \(count) targets"
        }
    }

    func describe(_ target: Target) -> String {
        let indicator = target.indicator
        let name = language == .zh ? indicator.chineseName : indicator.englishName
        let comparison: String =
            switch target.comparison {
            case .atLeast: "≥"
            case .atMost: "≤"
            case .equal: "="
            }
        let threshold =
            target.threshold.map { "\(comparison) " + format($0, indicator) }
            ?? (language == .zh ? "（无量化标准）" : "(no figure)")
        let when: String
        if let deadline = target.deadline {
            when = language == .zh ? "\(deadline)年" : "by \(deadline)"
        } else {
            when =
                language == .zh ? "自\(target.from ?? 0)年起每年" : "every year from \(target.from ?? 0)"
        }
        let scope = describe(target.scope)
        let source =
            language == .zh
            ? "第\(target.document)号文件 \(target.clause)"
            : "document \(target.document) \(target.clause)"
        return
            "  \(target.id): \(name) \(threshold), \(when), \(scope) — \(source)\n    \(target.text)"
    }

    func describe(_ scope: Target.Scope) -> String {
        switch scope {
        case .region:
            return language == .zh ? "全域" : "whole region"
        case .each(let level, let kinds, let units):
            let what =
                kinds.isEmpty
                ? (language == .zh ? level.chineseName + "单位" : level.name)
                : kinds.map { language == .zh ? $0.chineseName : $0.rawValue }.joined(
                    separator: "/")
            let list =
                units.isEmpty ? "" : " [" + units.map(\.shortForm).joined(separator: ", ") + "]"
            return (language == .zh ? "每个" + what : "each " + what) + list
        case .group(let level, let name):
            return language == .zh
                ? "组“\(name)”中的每个\(level.chineseName)单位" : "each \(level.name) of group '\(name)'"
        }
    }

    func describe(_ indicator: Indicator) -> String {
        let name = language == .zh ? indicator.chineseName : indicator.englishName
        let definition = language == .zh ? indicator.chineseDefinition : indicator.englishDefinition
        return "\(indicator.id): \(name) [\(indicator.displayUnit.symbol)]\n    \(definition)"
    }

    /// A value in the indicator's display unit: 0.55 → "55%", 255500 → "255500 张".
    func format(_ value: Double, _ indicator: Indicator) -> String {
        let shown = indicator.displayUnit.fromBase(value)
        let number =
            shown == shown.rounded() && abs(shown) < 1e15
            ? String(Int(shown)) : String(format: "%.4g", shown)
        let unit = indicator.displayUnit
        if unit == .percent { return number + "%" }
        return number + " " + (language == .zh ? unit.chineseSymbol : unit.symbol)
    }
}
