import ArgumentParser
import Foundation
import Planning
import ScenarioFiles

extension OptimiseObjective: ExpressibleByArgument {}

/// `yanglao optimise SCENARIO --out DIR`: the allocation of actions by unit and year that
/// meets the most targets within the budget (or all reachable targets at least cost), written
/// as a scenario variant, and compared with the scenario's own plan by the simulator.
struct OptimiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimise",
        abstract: "Choose actions by unit and year to meet the most targets within the budget.",
        discussion: """
            Builds a mixed-integer program from the scenario's base path (its run with no
            new investment): centres, stations and village points in uncovered units, care
            homes in counties without one, conversions by county, meal sites and homes, with
            unit costs, lead times and yearly capital by source; solves it with GLPK; and
            writes DIR (never over an existing folder) holding optimised.yaml (a variant that
            extends the scenario; `yanglao run DIR/optimised.yaml` runs it), allocation.csv,
            frontier.csv (targets met and cost at 0%, 25%, …, 150% of the plan's budget,
            each level solved within a quarter of --time-limit) and
            comparison.csv (the simulator's verdicts on the plan and on the optimised variant).

            Examples:
              yanglao optimise Scenarios/anshan/variants/plan.yaml --out Output/anshan-optimised
              yanglao optimise Scenarios/anshan --budget 1.5e8 --time-limit 20 --out Output/opt
              yanglao optimise Scenarios/liaoning --objective cost --lang en --out Output/ln-cost
            """)

    @OptionGroup var options: ScenarioOptions

    @Option(
        help: ArgumentHelp(
            "The whole capital budget in yuan; every budget line is scaled to it (default: the plan's).",
            valueName: "yuan"))
    var budget: Double?

    @Option(help: "targets (most targets met within the budget, default) or cost (least cost).")
    var objective: OptimiseObjective = .targets

    @Option(help: ArgumentHelp("Seconds each solve may take (default 30).", valueName: "seconds"))
    var timeLimit: Double = 30

    @Option(
        help: ArgumentHelp(
            "Relative gap at which a solve may stop (default 0).", valueName: "fraction"))
    var gap: Double = 0

    @Option(help: "The folder to write; it must not exist.")
    var out: String

    func validate() throws {
        if let budget, !(budget >= 0 && budget.isFinite) {
            throw ValidationError("--budget must be a number of yuan, 0 or more (got \(budget))")
        }
        guard timeLimit > 0, timeLimit.isFinite else {
            throw ValidationError("--time-limit must be more than 0 seconds (got \(timeLimit))")
        }
        guard gap >= 0, gap < 1 else {
            throw ValidationError("--gap must be a fraction from 0 to below 1 (got \(gap))")
        }
        if FileManager.default.fileExists(atPath: out) {
            throw ValidationError(
                "--out \(out) exists; choose a new folder (it is never overwritten)")
        }
    }

    func run() throws {
        let english = options.lang == .en
        func say(_ chinese: String, _ englishText: String) {
            if !options.quiet { Console.out(english ? englishText : chinese) }
        }
        let loaded = try options.load()
        let outcome = try Yanglao.call(options.lang) {
            try Planning.optimise(
                OptimiseRequest(
                    scenario: loaded, budget: budget, objective: objective, timeLimit: timeLimit,
                    gap: gap, out: out, language: options.reportLanguage))
        }
        let solve = outcome.solve
        let (first, last) = (outcome.years?.lowerBound ?? 0, outcome.years?.upperBound ?? 0)
        if outcome.costNotMinimised {
            say(
                "注：成本最小化未在时限内完成，采用仅最大化目标数的解（成本未最小化）",
                "Note: the least-cost solve did not finish in time; the allocation maximises targets only (its cost is not minimised)"
            )
        }
        say(
            "优化模型：\(outcome.options) 个选项（\(outcome.units) 个单位），\(first)–\(last) 年，\(outcome.targetsModelled) 项可优化目标（另 \(outcome.targetsLeftOut) 项不受行动影响）",
            "Program: \(outcome.options) options (\(outcome.units) units), years \(first)–\(last), \(outcome.targetsModelled) targets the actions move (\(outcome.targetsLeftOut) others left out)"
        )
        let bound = solve.bound.map { String(format: "%.3f", $0) } ?? "-"
        let seconds = String(format: "%.2f", solve.seconds)
        let objectiveValue = OptimisedVariant.number(solve.weightedMet)
        say(
            "求解：状态 \(outcome.status)，目标 \(objectiveValue)，界 \(bound)，间隙 \(Self.percent(solve.gap))，成本 \(Self.wan(solve.cost)) 万元，\(seconds) 秒",
            "Solve: status \(outcome.status), objective \(objectiveValue), bound \(bound), gap \(Self.percent(solve.gap)), cost \(Self.wan(solve.cost)) × 10,000 yuan, \(seconds) s"
        )
        say(
            "模拟器判定（全部 \(outcome.targetCount) 项目标）：规划方案达成 \(outcome.planMet) 项，资本性支出 \(Self.wan(outcome.planCapital)) 万元；优化方案达成 \(outcome.optimisedMet) 项，资本性支出 \(Self.wan(outcome.optimisedCapital)) 万元",
            "Simulator's verdict (all \(outcome.targetCount) targets): the plan meets \(outcome.planMet), capital spending \(Self.wan(outcome.planCapital)) × 10,000 yuan; the optimised allocation meets \(outcome.optimisedMet), capital spending \(Self.wan(outcome.optimisedCapital)) × 10,000 yuan"
        )
        if !outcome.disagreements.isEmpty {
            say(
                "规划模型与模拟器判定不一致的目标（以模拟器为准）：" + outcome.disagreements.joined(separator: "，"),
                "The program and the simulator disagree on (the simulator's verdict stands): "
                    + outcome.disagreements.joined(separator: ", "))
        }
        say(
            "已写入 \(out)/：" + outcome.files.joined(separator: "、"),
            "Written to \(out)/: " + outcome.files.joined(separator: ", "))
    }

    static func wan(_ yuan: Double) -> String { String(format: "%.1f", yuan / 10_000) }

    static func percent(_ gap: Double?) -> String {
        gap.map { String(format: "%.3f%%", $0 * 100) } ?? "-"
    }
}
