import Allocation
import CSV
import Diagnostics
import Facilities
import Foundation
import GLPK
import Provenance
import Quantities
import Reports
import ScenarioFiles
import Simulation
import Targets

/// What the optimiser minimises or maximises: targets met within the budget, or cost.
public typealias OptimiseObjective = AllocationObjective

/// Optimise a scenario's plan (优化配置): the allocation of actions by unit and year that
/// meets the most targets within the budget (or all reachable targets at least cost), its
/// frontier over budget levels, and the simulator's verdict on it and on the plan.
public struct OptimiseRequest: Sendable {
    public var scenario: LoadedScenario
    /// The whole capital budget in yuan; every budget line is scaled to it (nil: the plan's).
    public var budget: Double?
    public var objective: AllocationObjective
    /// Seconds each solve may take; each frontier level gets a quarter of it.
    public var timeLimit: Double
    /// Relative gap at which a solve may stop.
    public var gap: Double
    /// The folder to write; it must not exist.
    public var out: String
    /// The language of the messages.
    public var language: ReportLanguage

    public init(
        scenario: LoadedScenario, budget: Double?, objective: AllocationObjective,
        timeLimit: Double, gap: Double, out: String, language: ReportLanguage
    ) {
        self.language = language
        self.scenario = scenario
        self.budget = budget
        self.objective = objective
        self.timeLimit = timeLimit
        self.gap = gap
        self.out = out
    }
}

/// What `optimise` found and wrote.
public struct OptimiseOutcome: Sendable {
    /// The program's size: options, units over all options, years, targets modelled and
    /// targets left out (no action moves them, or no threshold).
    public var options: Int
    public var units: Int
    public var years: ClosedRange<Int>?
    public var targetsModelled: Int
    public var targetsLeftOut: Int
    /// The main solve.
    public var solve: AllocationResult
    /// The main solve's status, as the tables write it (`optimal`, `time_limit`, …).
    public var status: String
    /// The least-cost pass did not finish in time: the allocation maximises targets only.
    public var costNotMinimised: Bool
    /// How many of the scenario's targets the simulator judges met, plan and optimised
    /// variant, and their capital spending over the run in yuan.
    public var targetCount: Int
    public var planMet: Int
    public var optimisedMet: Int
    public var planCapital: Double
    public var optimisedCapital: Double
    /// Targets the program counts met but the simulator does not (or the reverse).
    public var disagreements: [String]
    /// The files written into `out`.
    public var files: [String]
}

extension Planning {
    /// The budget levels of the frontier, as shares of the plan's budget.
    public static let frontierShares = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5]

    /// Optimises a scenario's plan and writes `out/` (optimised.yaml, allocation.csv,
    /// frontier.csv, comparison.csv) all at once.
    ///
    /// The optimised variant is evaluated as a typed change of the loaded scenario (its plan's
    /// lines and budget lines replaced), not by reading back the YAML it writes; the YAML
    /// extends the scenario file with the same lines, so `yanglao run optimised.yaml` gives
    /// the same verdicts.
    public static func optimise(_ request: OptimiseRequest) throws(PlanningError)
        -> OptimiseOutcome
    {
        let loaded = request.scenario
        let scenario = loaded.scenario
        let language = request.language
        guard scenario.facilities != nil, scenario.investment != nil else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "情景缺少 facilities: 或 investment: 部分，无法优化",
                    english: "the scenario has no facilities: or investment: section to optimise"),
                in: loaded.file)
        }
        let planBudget = AllocationModel.planBudget(scenario)
        if let budget = request.budget, budget > 0, planBudget <= 0 {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "规划没有可按 --budget 缩放的预算",
                    english: "the plan has no budget lines for --budget to scale"), in: loaded.file)
        }
        let objective = request.objective
        let scale = request.budget.map { planBudget > 0 ? $0 / planBudget : 0 } ?? 1
        let base: SimulationResult
        let planRun: SimulationResult
        do {
            base = try Simulator.run(AllocationModel.basePath(scenario))
            planRun = try Simulator.run(scenario)
        } catch {
            throw PlanningError(.failed, error: "\(error.description)", in: loaded.file)
        }
        let weights = scenario.optimisation?.weights ?? [:]
        let instance = AllocationModel.build(
            scenario: scenario, base: base, budgetScale: objective == .cost ? 1 : scale,
            weights: weights)
        let problem = instance.problem
        let result: AllocationResult
        do {
            result = try problem.solve(
                objective: objective, totalBudget: objective == .cost ? request.budget : nil,
                options: solveOptions(request.timeLimit, gap: request.gap))
        } catch {
            throw PlanningError(.failed, error: "\(error.description)")
        }
        var outcome = OptimiseOutcome(
            options: problem.options.count,
            units: problem.options.reduce(0) { $0 + $1.units.count },
            years: problem.years.first.map { $0...(problem.years.last ?? $0) },
            targetsModelled: problem.targets.count, targetsLeftOut: instance.leftOut.count,
            solve: result, status: statusName(result.status),
            costNotMinimised: result.costStatus != nil && objective == .targets,
            targetCount: scenario.targets.count, planMet: 0, optimisedMet: 0, planCapital: 0,
            optimisedCapital: 0, disagreements: [], files: [])
        guard result.hasAllocation else {
            throw PlanningError(
                .failed,
                error: BilingualText(
                    chinese: "未找到可行配置（\(outcome.status)），未写入任何文件",
                    english: "no allocation found (\(outcome.status)); nothing was written"))
        }

        // The frontier: targets met and cost at shares of the plan's budget.
        var frontier = CSVWriter(header: [
            "budget_share", "budget_yuan", "targets_met", "weighted_met", "targets_modelled",
            "cost_yuan", "cost_minimised", "status", "gap", "seconds",
        ])
        for share in frontierShares {
            let level = AllocationModel.build(
                scenario: scenario, base: base, budgetScale: share, weights: weights)
            let answer: AllocationResult
            do {
                answer = try level.problem.solve(
                    objective: .targets,
                    options: solveOptions(request.timeLimit / 4, gap: request.gap))
            } catch {
                throw PlanningError(.failed, error: "\(error.description)")
            }
            frontier.append([
                number(share), number((share * planBudget).rounded()),
                String(answer.met.filter { $0 }.count), number(answer.weightedMet),
                String(level.problem.targets.count), number(answer.cost.rounded()),
                answer.costStatus == nil ? "yes" : "no", statusName(answer.status),
                answer.gap.map { String(format: "%.6f", $0) } ?? "",
                String(format: "%.3f", answer.seconds),
            ])
        }

        // The plan's lines and budget lines of the variant.
        let (actions, allocation) = instance.plan(from: result)
        let budgets = variantBudgets(
            scenario, problem: problem, result: result, objective: objective, scale: scale)
        let stock = base.facilities?.stock
        let yaml = OptimisedVariant.yaml(
            scenario: scenario,
            extends: OptimisedVariant.relativePath(of: loaded.file, from: request.out),
            objective: objective, budgets: budgets, actions: actions,
            facilityIDs: { stock?.id($0) ?? String($0) })
        var table = CSVWriter(header: [
            "action", "unit_code", "unit_name", "year", "count", "cost_yuan", "source",
        ])
        for row in allocation {
            let region = scenario.regions.regions[row.unit]
            table.append([
                row.action.identifier, region.code.shortForm, region.name, String(row.year),
                String(row.count), number(row.cost.rounded()), row.source.identifier,
            ])
        }

        // The simulator's verdict on the variant: the scenario with the lines changed.
        var variant = scenario
        variant.investment?.actions = actions
        for (source, values) in budgets {
            let rule = scenario.investment?.budgets[source.rawValue]?.rule ?? .keyedYearsOnly
            variant.investment?.budgets[source.rawValue] =
                values.isEmpty
                ? nil
                : YearlyValues(years: values.map(\.year), values: values.map(\.yuan), rule: rule)
        }
        let variantRun: SimulationResult
        do {
            variantRun = try Simulator.run(variant)
        } catch {
            throw PlanningError(
                .failed,
                error: BilingualText(
                    chinese: "优化方案无法运行：\(error.description)",
                    english: "the optimised variant does not run: \(error.description)"))
        }
        var claimed = [Bool?](repeating: nil, count: scenario.targets.count)
        for (t, index) in instance.scenarioTargets.enumerated() { claimed[index] = result.met[t] }
        var comparison = CSVWriter(header: [
            "target", "indicator", "deadline", "plan_verdict", "optimised_verdict",
            "program_says_met",
        ])
        for (index, target) in scenario.targets.enumerated() {
            let plan = planRun.targets[index].verdict
            let optimised = variantRun.targets[index].verdict
            comparison.append([
                target.id, target.indicator.id, target.deadline.map(String.init) ?? "",
                plan.rawValue, optimised.rawValue, claimed[index].map { $0 ? "yes" : "no" } ?? "",
            ])
            if let claim = claimed[index], claim != (optimised == .met) {
                outcome.disagreements.append(target.id)
            }
        }
        let counted = (
            TargetResult.counts(planRun.targets, in: scenario.reportYear).verdicts,
            TargetResult.counts(variantRun.targets, in: scenario.reportYear).verdicts
        )
        outcome.planMet = counted.0[.met] ?? 0
        outcome.optimisedMet = counted.1[.met] ?? 0
        outcome.planCapital = capital(planRun)
        outcome.optimisedCapital = capital(variantRun)

        let files: [(name: String, bytes: [UInt8])] = [
            ("optimised.yaml", Array(yaml.utf8)), ("allocation.csv", table.data),
            ("frontier.csv", frontier.data), ("comparison.csv", comparison.data),
        ]
        do {
            try RunFolder(path: request.out).write(files, overwrite: false)
        } catch {
            throw .writing(error)
        }
        outcome.files = files.map(\.name)
        return outcome
    }

    /// The budget lines the variant writes: the plan's scaled to `--budget`, or with the
    /// capital a least-cost allocation needs beyond them; none when neither applies.
    static func variantBudgets(
        _ scenario: Scenario, problem: AllocationProblem, result: AllocationResult,
        objective: AllocationObjective, scale: Double
    ) -> [FundingSource: [(year: Int, yuan: Double)]] {
        var budgets: [FundingSource: [(year: Int, yuan: Double)]] = [:]
        guard let plan = scenario.investment, objective == .cost || scale != 1 else {
            return budgets
        }
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
        return budgets
    }

    static func solveOptions(_ seconds: Double, gap: Double) -> SolveOptions {
        SolveOptions(timeLimit: .milliseconds(Int((seconds * 1000).rounded(.up))), relativeGap: gap)
    }

    /// Capital spending over the run, all sources, in yuan.
    static func capital(_ result: SimulationResult) -> Double {
        result.facilities?.budgets.reduce(0) { $0 + $1.capitalSpent } ?? 0
    }

    /// A solve's status as the tables write it.
    static func statusName(_ status: Solution.Status) -> String {
        switch status {
        case .optimal: "optimal"
        case .feasible: "feasible"
        case .timeLimit(let found): found ? "time_limit" : "time_limit_no_solution"
        case .infeasible: "infeasible"
        case .unbounded: "unbounded"
        }
    }

    static func number(_ value: Double) -> String { OptimisedVariant.number(value) }
}
