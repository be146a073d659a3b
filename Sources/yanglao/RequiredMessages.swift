import Foundation
import Planning
import Targets

/// The lines `required` prints.
struct RequiredMessages {
    let english: Bool

    func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return Int(value).formatted(
                .number.grouping(.automatic).locale(Locale(identifier: "en")))
        }
        return String(format: abs(value) >= 100 ? "%.1f" : "%.4g", value)
    }

    func money(_ yuan: Double) -> String {
        english
            ? String(format: "%.2f million yuan", yuan / 1e6)
            : "\(number((yuan / 1e4).rounded())) 万元"
    }

    func gap(_ value: Double?, target: Target) -> String {
        guard let value else { return "—" }
        if case .region = target.scope {
            if target.indicator.unit.symbol == "fraction" {
                return String(format: "%.2f", value * 100)
                    + (english ? " percentage points" : " 个百分点")
            }
            return number(value) + " " + target.indicator.unit.symbol
        }
        return number(value) + (english ? " failing units" : " 个未达标单位")
    }

    func describe(_ outcome: RequiredEffortSearch.Outcome) -> String {
        let target = outcome.target
        let deadline = target.deadline.map(String.init) ?? (english ? "the last year" : "末年")
        var lines: [String] = []
        lines.append(
            english
                ? "Target \(target.id) (\(target.indicator.id), deadline \(deadline)); lever \(outcome.lever)"
                : "目标 \(target.id)（\(target.indicator.id)，期限 \(deadline)）；调节量 \(outcome.lever)")
        func lever(_ value: Double) -> String {
            switch outcome.kind {
            case .count: return english ? "\(number(value)) a year" : "每年 \(number(value))"
            case .value: return number(value)
            case .factor:
                return english
                    ? "\(String(format: "%.3f", value)) × the scenario's budget"
                    : "情景预算的 \(String(format: "%.3f", value)) 倍"
            }
        }
        guard let value = outcome.value else {
            lines.append(
                english
                    ? "Not met even at \(lever(outcome.largestTried)) (\(outcome.evaluations) runs); the gap in the scenario is \(gap(outcome.gapInScenario, target: target))."
                    : "调节量增至 \(lever(outcome.largestTried)) 仍未达标（共运行 \(outcome.evaluations) 次）；情景缺口 \(gap(outcome.gapInScenario, target: target))。"
            )
            return lines.joined(separator: "\n")
        }
        let runs =
            outcome.draws.map {
                english
                    ? "\(outcome.evaluations) lever values × \($0) draws"
                    : "\(outcome.evaluations) 个取值 × \($0) 次抽样"
            } ?? (english ? "\(outcome.evaluations) runs" : "\(outcome.evaluations) 次运行")
        let keeping = outcome.keepsOthers == true
        lines.append(
            english
                ? "Smallest that meets it\(keeping ? " without making another target worse" : ""): \(lever(value)) (scenario: \(lever(outcome.scenarioValue))), found in \(runs)"
                : "\(keeping ? "不使其他目标变差的" : "")达标所需最小值：\(lever(value))（情景：\(lever(outcome.scenarioValue))），共 \(runs)"
        )
        if outcome.keepsOthers == false {
            lines.append(
                english
                    ? "No value up to \(lever(outcome.checkedUpTo ?? value)) meets it without making another target worse: this is the plain smallest, and the targets below pay for it."
                    : "调节量在 \(lever(outcome.checkedUpTo ?? value)) 以内，没有既达标又不使其他目标变差的取值：以上为单纯的最小值，代价见下列目标。"
            )
        }
        if let probability = outcome.probabilityAtAnswer, let draws = outcome.draws {
            lines.append(
                english
                    ? "Probability of meeting it there: \(String(format: "%.1f", probability * 100))% over \(draws) draws"
                    : "该值下达标概率 \(String(format: "%.1f", probability * 100))%（抽样 \(draws) 次）")
        } else {
            lines.append(
                english
                    ? "Gap at the deadline: \(gap(outcome.gapInScenario, target: target)) in the scenario, \(gap(outcome.gapAtAnswer, target: target)) at the answer"
                    : "期限年缺口：情景 \(gap(outcome.gapInScenario, target: target))，所需投入下 \(gap(outcome.gapAtAnswer, target: target))"
            )
        }
        if let spending = outcome.spendingAtAnswer {
            let extra = spending - outcome.spendingInScenario
            lines.append(
                english
                    ? "Spending to \(deadline) (capital and recurring): \(money(outcome.spendingInScenario)) in the scenario, \(money(spending)) at the answer (\(extra >= 0 ? "+" : "−")\(money(abs(extra))))"
                    : "至 \(deadline) 年支出（资本性与经常性）：情景 \(money(outcome.spendingInScenario))，所需投入下 \(money(spending))（\(extra >= 0 ? "+" : "−")\(money(abs(extra)))）"
            )
        }
        if let deferred = outcome.deferredAtAnswer,
            !deferred.isEmpty || !outcome.deferredInScenario.isEmpty
        {
            func years(_ byYear: [Int: Double]) -> String {
                guard !byYear.isEmpty else { return english ? "none" : "无" }
                return byYear.sorted { $0.key < $1.key }.map {
                    english ? "\($0.key) \(money($0.value))" : "\($0.key) 年 \(money($0.value))"
                }.joined(separator: english ? ", " : "，")
            }
            lines.append(
                english
                    ? "Capital deferred for want of budget, by year to \(deadline): \(years(outcome.deferredInScenario)) in the scenario; \(years(deferred)) at the answer"
                    : "至 \(deadline) 年各年因预算不足推迟的资本性支出：情景 \(years(outcome.deferredInScenario))；所需投入下 \(years(deferred))"
            )
        }
        if outcome.deferredAtAnswer != nil {
            lines.append(effects(outcome.effects))
        }
        return lines.joined(separator: "\n")
    }

    /// What the answer does to the other targets: one line, or one line each.
    func effects(_ effects: [RequiredEffortSearch.TargetEffect]) -> String {
        guard !effects.isEmpty else {
            return english
                ? "Other targets: none changes its verdict or first year met"
                : "其他目标：结论和首次达成年份均不变"
        }
        func first(_ year: Int?) -> String {
            year.map(String.init) ?? (english ? "never" : "未达成")
        }
        var lines = [english ? "Other targets at the answer:" : "所需投入下其他目标的变化："]
        for effect in effects {
            let mark = effect.isWorse ? (english ? "worse" : "变差") : (english ? "better" : "变好")
            lines.append(
                english
                    ? "  \(effect.id): \(effect.before.englishName) → \(effect.after.englishName), first met \(first(effect.firstMetBefore)) → \(first(effect.firstMetAfter)) (\(mark))"
                    : "  \(effect.id)：\(effect.before.chineseName) → \(effect.after.chineseName)，首次达成 \(first(effect.firstMetBefore)) → \(first(effect.firstMetAfter))（\(mark)）"
            )
        }
        return lines.joined(separator: "\n")
    }
}
