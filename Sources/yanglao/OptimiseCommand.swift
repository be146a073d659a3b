import Allocation
import ArgumentParser
import CSV
import Facilities
import Foundation
import GLPK
import Provenance
import ScenarioFiles
import Simulation
import Targets

extension AllocationObjective: ExpressibleByArgument {}

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
    var objective: AllocationObjective = .targets

    @Option(help: ArgumentHelp("Seconds each solve may take (default 30).", valueName: "seconds"))
    var timeLimit: Double = 30

    @Option(
        help: ArgumentHelp(
            "Relative gap at which a solve may stop (default 0).", valueName: "fraction"))
    var gap: Double = 0

    @Option(help: "The folder to write; it must not exist.")
    var out: String

    /// The budget levels of the frontier, as shares of the plan's budget.
    static let frontierShares = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5]

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
        let scenario = loaded.scenario
        guard scenario.facilities != nil, scenario.investment != nil else {
            Console.error(
                "\(loaded.file): error: "
                    + (english
                        ? "the scenario has no facilities: or investment: section to optimise"
                        : "情景缺少 facilities: 或 investment: 部分，无法优化"))
            throw ExitCode(64)
        }
        let planBudget = AllocationModel.planBudget(scenario)
        if let budget, budget > 0, planBudget <= 0 {
            Console.error(
                "\(loaded.file): error: "
                    + (english
                        ? "the plan has no budget lines for --budget to scale"
                        : "规划没有可按 --budget 缩放的预算"))
            throw ExitCode(64)
        }
        let scale = budget.map { planBudget > 0 ? $0 / planBudget : 0 } ?? 1
        let base: SimulationResult
        let planRun: SimulationResult
        do {
            base = try Simulator.run(AllocationModel.basePath(scenario))
            planRun = try Simulator.run(scenario)
        } catch {
            Console.error("\(loaded.file): error: \(error.description)")
            throw ExitCode(1)
        }
        let weights = scenario.optimisation?.weights ?? [:]
        let solveOptions = SolveOptions(
            timeLimit: .milliseconds(Int((timeLimit * 1000).rounded(.up))), relativeGap: gap)
        let instance = AllocationModel.build(
            scenario: scenario, base: base, budgetScale: objective == .cost ? 1 : scale,
            weights: weights)
        let problem = instance.problem
        let result: AllocationResult
        do {
            result = try problem.solve(
                objective: objective, totalBudget: objective == .cost ? budget : nil,
                options: solveOptions)
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode(1)
        }
        let counts = problem.options.reduce(0) { $0 + $1.units.count }
        if result.costStatus != nil, objective == .targets {
            say(
                "注：成本最小化未在时限内完成，采用仅最大化目标数的解（成本未最小化）",
                "Note: the least-cost solve did not finish in time; the allocation maximises targets only (its cost is not minimised)"
            )
        }
        say(
            "优化模型：\(problem.options.count) 个选项（\(counts) 个单位），\(problem.years.first ?? 0)–\(problem.years.last ?? 0) 年，\(problem.targets.count) 项可优化目标（另 \(instance.leftOut.count) 项不受行动影响）",
            "Program: \(problem.options.count) options (\(counts) units), years \(problem.years.first ?? 0)–\(problem.years.last ?? 0), \(problem.targets.count) targets the actions move (\(instance.leftOut.count) others left out)"
        )
        say(
            "求解：状态 \(Self.status(result.status))，目标 \(Self.number(result.weightedMet))，界 \(result.bound.map { String(format: "%.3f", $0) } ?? "-")，间隙 \(Self.percent(result.gap))，成本 \(Self.wan(result.cost)) 万元，\(String(format: "%.2f", result.seconds)) 秒",
            "Solve: status \(Self.status(result.status)), objective \(Self.number(result.weightedMet)), bound \(result.bound.map { String(format: "%.3f", $0) } ?? "-"), gap \(Self.percent(result.gap)), cost \(Self.wan(result.cost)) × 10,000 yuan, \(String(format: "%.2f", result.seconds)) s"
        )
        guard result.hasAllocation else {
            Console.error(
                english
                    ? "error: no allocation found (\(Self.status(result.status))); nothing was written"
                    : "错误：未找到可行配置（\(Self.status(result.status))），未写入任何文件")
            throw ExitCode(1)
        }

        // The frontier: targets met and cost at shares of the plan's budget.
        var frontier = CSVWriter(header: [
            "budget_share", "budget_yuan", "targets_met", "weighted_met", "targets_modelled",
            "cost_yuan", "cost_minimised", "status", "gap", "seconds",
        ])
        let frontierOptions = SolveOptions(
            timeLimit: .milliseconds(Int((timeLimit * 250).rounded(.up))), relativeGap: gap)
        for share in Self.frontierShares {
            let level = AllocationModel.build(
                scenario: scenario, base: base, budgetScale: share, weights: weights)
            let answer: AllocationResult
            do {
                answer = try level.problem.solve(objective: .targets, options: frontierOptions)
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(1)
            }
            frontier.append([
                Self.number(share), Self.number((share * planBudget).rounded()),
                String(answer.met.filter { $0 }.count), Self.number(answer.weightedMet),
                String(level.problem.targets.count), Self.number(answer.cost.rounded()),
                answer.costStatus == nil ? "yes" : "no", Self.status(answer.status),
                answer.gap.map { String(format: "%.6f", $0) } ?? "",
                String(format: "%.3f", answer.seconds),
            ])
        }

        // The plan and the variant.
        let (actions, allocation) = instance.plan(from: result)
        var budgets: [FundingSource: [(year: Int, yuan: Double)]] = [:]
        if let plan = scenario.investment, objective == .cost || scale != 1 {
            let years = (scenario.baseYear + 1)...scenario.horizon
            for source in FundingSource.allCases {
                let line = plan.budgets[source.rawValue]
                var values: [(Int, Double)] = []
                for year in years {
                    var yuan = (line?.value(in: year) ?? 0) * (objective == .cost ? 1 : scale)
                    if objective == .cost, let y = problem.years.firstIndex(of: year),
                        let capital = problem.capital[source.rawValue][y]
                    {
                        let spent = result.spending.reduce(0.0) { $0 + $1[y][source.rawValue] }
                        yuan += max(0, spent - max(0, capital))
                    }
                    if yuan > 0 || line?.value(in: year) != nil {
                        values.append((year, yuan.rounded(.up)))
                    }
                }
                if line != nil || values.contains(where: { $0.1 > 0 }),
                    source != .localBudget || line != nil
                {
                    budgets[source] = values
                }
            }
        }
        let parent = (out as NSString).deletingLastPathComponent
        let folderName = (out as NSString).lastPathComponent
        let temporary = (parent.isEmpty ? "." : parent) + "/.\(folderName).tmp-\(getpid())"
        let stock = base.facilities?.stock
        let yaml = OptimisedVariant.yaml(
            scenario: scenario,
            extends: OptimisedVariant.relativePath(of: loaded.file, from: out),
            objective: objective, budgets: budgets, actions: actions,
            facilityIDs: { stock?.id($0) ?? String($0) })
        var table = CSVWriter(header: [
            "action", "unit_code", "unit_name", "year", "count", "cost_yuan", "source",
        ])
        for row in allocation {
            let region = scenario.regions.regions[row.unit]
            table.append([
                row.action.identifier, region.code.shortForm, region.name, String(row.year),
                String(row.count), Self.number(row.cost.rounded()), row.source.identifier,
            ])
        }
        let manager = FileManager.default
        do {
            try? manager.removeItem(atPath: temporary)
            try manager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: temporary + "/optimised.yaml"))
            try Data(table.data).write(to: URL(fileURLWithPath: temporary + "/allocation.csv"))
            try Data(frontier.data).write(to: URL(fileURLWithPath: temporary + "/frontier.csv"))
        } catch {
            try? manager.removeItem(atPath: temporary)
            Console.error("error: cannot write \(temporary): \(FileSystemMessage.reason(error))")
            throw ExitCode(1)
        }

        // The simulator's verdict on the variant, read back as `run` would read it.
        let variantRun: SimulationResult
        switch ScenarioLoader().load(temporary + "/optimised.yaml") {
        case .success(let variant):
            do {
                variantRun = try Simulator.run(variant.scenario)
            } catch {
                try? manager.removeItem(atPath: temporary)
                Console.error("error: the optimised variant does not run: \(error.description)")
                throw ExitCode(1)
            }
        case .failure(let failure):
            Console.error(failure.description)
            try? manager.removeItem(atPath: temporary)
            Console.error("error: the optimised variant does not load (a bug); nothing was written")
            throw ExitCode(1)
        }
        var claimed = [Bool?](repeating: nil, count: scenario.targets.count)
        for (t, index) in instance.scenarioTargets.enumerated() { claimed[index] = result.met[t] }
        var comparison = CSVWriter(header: [
            "target", "indicator", "deadline", "plan_verdict", "optimised_verdict",
            "program_says_met",
        ])
        var disagreements: [String] = []
        for (index, target) in scenario.targets.enumerated() {
            let plan = planRun.targets[index].verdict
            let optimised = variantRun.targets[index].verdict
            comparison.append([
                target.id, target.indicator.id, target.deadline.map(String.init) ?? "",
                plan.rawValue, optimised.rawValue, claimed[index].map { $0 ? "yes" : "no" } ?? "",
            ])
            if let claim = claimed[index], claim != (optimised == .met) {
                disagreements.append(target.id)
            }
        }
        let planMet = planRun.targets.filter { $0.verdict == .met }.count
        let optimisedMet = variantRun.targets.filter { $0.verdict == .met }.count
        let planCost = Self.capital(planRun)
        let optimisedCost = Self.capital(variantRun)
        do {
            try Data(comparison.data).write(
                to: URL(fileURLWithPath: temporary + "/comparison.csv"))
            try manager.moveItem(atPath: temporary, toPath: out)
        } catch {
            try? manager.removeItem(atPath: temporary)
            Console.error("error: cannot write \(out): \(FileSystemMessage.reason(error))")
            throw ExitCode(1)
        }
        say(
            "模拟器判定（全部 \(scenario.targets.count) 项目标）：规划方案达成 \(planMet) 项，资本性支出 \(Self.wan(planCost)) 万元；优化方案达成 \(optimisedMet) 项，资本性支出 \(Self.wan(optimisedCost)) 万元",
            "Simulator's verdict (all \(scenario.targets.count) targets): the plan meets \(planMet), capital spending \(Self.wan(planCost)) × 10,000 yuan; the optimised allocation meets \(optimisedMet), capital spending \(Self.wan(optimisedCost)) × 10,000 yuan"
        )
        if !disagreements.isEmpty {
            say(
                "规划模型与模拟器判定不一致的目标（以模拟器为准）：" + disagreements.joined(separator: "，"),
                "The program and the simulator disagree on (the simulator's verdict stands): "
                    + disagreements.joined(separator: ", "))
        }
        say(
            "已写入 \(out)/：optimised.yaml、allocation.csv、frontier.csv、comparison.csv",
            "Written to \(out)/: optimised.yaml, allocation.csv, frontier.csv, comparison.csv")
    }

    /// Capital spending over the run, all sources, in yuan.
    static func capital(_ result: SimulationResult) -> Double {
        result.facilities?.budgets.reduce(0) { $0 + $1.capitalSpent } ?? 0
    }

    static func status(_ status: Solution.Status) -> String {
        switch status {
        case .optimal: "optimal"
        case .feasible: "feasible"
        case .timeLimit(let found): found ? "time_limit" : "time_limit_no_solution"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        }
    }

    static func number(_ value: Double) -> String { OptimisedVariant.number(value) }

    static func wan(_ yuan: Double) -> String { String(format: "%.1f", yuan / 10_000) }

    static func percent(_ gap: Double?) -> String {
        gap.map { String(format: "%.3f%%", $0 * 100) } ?? "-"
    }
}
