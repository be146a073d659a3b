import ArgumentParser
import Foundation
import Planning
import ScenarioFiles
import Simulation
import Targets

/// `yanglao required SCENARIO --target ID`: the smallest budget or yearly action count that
/// meets a target by its deadline.
struct RequiredCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "required",
        abstract: "The smallest budget or yearly action count that meets a target by its deadline.",
        discussion: """
            The lever is a key path of the scenario, as --set names values: a plan
            line's yearly count (searched as a whole number, by bisection), a budget
            source (a factor on every year of it, by Brent's method) or
            investment.budget (every source scaled together; the default). Each lever
            value is run to the target's deadline. With --probability P the scenario's
            uncertainty: section is sampled --draws times at every lever value (the same
            draws each time) and the smallest value at which the share of draws meeting
            the target reaches P is found.

            Examples:
              yanglao required Scenarios/anshan/variants/plan.yaml --target as.meal-sites
              yanglao required Examples/small-city --target ex.nursing-share \\
                  --lever investment.actions.0.convert_to_nursing.per_year
              yanglao required Scenarios/liaoning/variants/uncertain.yaml \\
                  --target ln.street-centres --lever investment.budget.central_budget \\
                  --probability 0.9 --draws 50
            """)

    @OptionGroup var options: ScenarioOptions

    @Option(help: "The target's id (yanglao targets lists them).")
    var target: String

    @Option(help: ArgumentHelp("The lever (default: investment.budget).", valueName: "key.path"))
    var lever: String = RequiredEffortSearch.defaultLever

    @Option(help: "Probability to reach over the scenario's distributions, in (0, 1).")
    var probability: Double?

    @Option(help: "Replicates per lever value with --probability.")
    var draws: Int = 100

    @Option(help: "Threads for the replicates (default: every core).")
    var threads: Int?

    func validate() throws {
        if let probability, !(probability > 0 && probability < 1) {
            throw ValidationError("--probability must lie strictly between 0 and 1")
        }
        if draws < 2 { throw ValidationError("--draws must be at least 2") }
    }

    func run() throws {
        let template = try options.loadTemplate()
        let english = options.lang == .en
        let outcome: RequiredEffortSearch.Outcome
        do {
            outcome = try RequiredEffortSearch(template: template).search(
                target: target, lever: lever, probability: probability, draws: draws,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        } catch {
            Console.error("\(template.loaded.file): error: \(error.description)")
            switch error {
            case .simulation: throw ExitCode(1)
            default: throw ExitCode(64)
            }
        }
        Console.out(RequiredMessages(english: english).describe(outcome))
    }
}

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
        lines.append(
            english
                ? "Smallest that meets it: \(lever(value)) (scenario: \(lever(outcome.scenarioValue))), found in \(runs)"
                : "达标所需最小值：\(lever(value))（情景：\(lever(outcome.scenarioValue))），共 \(runs)")
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
        return lines.joined(separator: "\n")
    }
}
