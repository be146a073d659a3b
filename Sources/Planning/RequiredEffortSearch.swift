import ScenarioFiles
import Simulation
import Targets
import Uncertainty

/// The smallest lever value that meets a target by its deadline (达标所需投入), searched on
/// the scenario's own simulation; with `probability`, the smallest at which the share of
/// Monte Carlo replicates that meet it reaches that probability.
///
/// A lever is a key path of the scenario:
/// - a whole number (a plan line's `per_year`): searched as a count, by bisection;
/// - any other number: searched as a value, by Brent's method;
/// - a series of years (a budget source) or a mapping of series (`investment.budget`, every
///   source): searched as a factor on every value, by Brent's method, to 0.1% of the series.
///
/// The target's shortfall at a lever value is, for a target judged on the planning region,
/// its distance from the threshold in the indicator's unit (threshold − value for "at
/// least", negative once met); for an "each unit" target, the number of failing units − ½.
/// With distributions, the shortfall is P − p(x), where p(x) is the share of N replicates
/// that meet the target; replicate k draws the same inputs at every lever value (common
/// random numbers), so p(x) moves only with the lever. Replicates and lever runs stop at the
/// target's deadline.
public struct RequiredEffortSearch: Sendable {
    /// What the lever is.
    public enum LeverKind: Sendable {
        case count
        case value
        /// A factor on every value of these series.
        case factor(series: [[String]])
    }

    /// The answer, with the figures to report.
    public struct Outcome: Sendable {
        public var target: Target
        public var lever: String
        public var kind: LeverKind
        /// The scenario's own value of the lever (1 for a factor).
        public var scenarioValue: Double
        /// The smallest value found that meets the target; nil when even `largestTried` does
        /// not.
        public var value: Double?
        public var largestTried: Double
        /// The gap at the deadline in the indicator's unit (failing units for "each unit"
        /// targets) in the scenario and at the answer.
        public var gapInScenario: Double?
        public var gapAtAnswer: Double?
        /// Capital and recurring spending of the planning region to the deadline, in yuan,
        /// in the scenario and at the answer.
        public var spendingInScenario: Double
        public var spendingAtAnswer: Double?
        /// With distributions: the probability reached at the answer, and replicates.
        public var probabilityAtAnswer: Double?
        public var draws: Int?
        public var evaluations: Int
        /// Every other target whose verdict or first year met differs at the answer (the
        /// central run, with distributions) from the scenario.
        public var effects: [TargetEffect] = []
        /// Capital deferred for want of budget in each year to the deadline that defers any,
        /// in yuan, in the scenario and at the answer (a line deferred twice counts in both
        /// years).
        public var deferredInScenario: [Int: Double] = [:]
        public var deferredAtAnswer: [Int: Double]?
        /// Whether the answer leaves every other target as met and as early as in the
        /// scenario: true when the search kept them, false when no value of the lever meets
        /// the target without making another worse (the plain smallest is then given); nil
        /// when not asked (`keepingOthers: false`, or with distributions).
        public var keepsOthers: Bool?
        /// When no value keeps the others: the largest value checked.
        public var checkedUpTo: Double?
    }

    /// What the answer does to another target (其他目标的变化).
    public struct TargetEffect: Sendable, Hashable {
        public var id: String
        public var before: TargetStatus
        public var after: TargetStatus
        public var firstMetBefore: Int?
        public var firstMetAfter: Int?
        /// Met in the scenario and not at the answer, or met later.
        public var isWorse: Bool
    }

    /// Why the search cannot run.
    public enum SearchError: Error, Sendable, CustomStringConvertible {
        case unknownTarget(String, known: [String])
        case notJudged(String)
        case badLever(String, reason: String)
        case noUncertainty
        case invalid(ScenarioLoadError)
        case simulation(SimulationError)

        public var description: String {
            switch self {
            case .unknownTarget(let id, let known):
                "the scenario has no target '\(id)' (it has: \(known.joined(separator: ", ")))"
            case .notJudged(let id):
                "target '\(id)' has no figure or deadline the scenario can judge"
            case .badLever(let lever, let reason): "--lever \(lever): \(reason)"
            case .noUncertainty:
                "the scenario has no 'uncertainty:' section: give distributions first"
            case .invalid(let error): "a lever value makes the scenario invalid:\n\(error)"
            case .simulation(let error): error.description
            }
        }
    }

    public let template: ScenarioTemplate

    public init(template: ScenarioTemplate) {
        self.template = template
    }

    /// The lever the search uses when none is given: every budget source, scaled together.
    public static let defaultLever = "investment.budget"

    /// Searches.
    /// - Parameters:
    ///   - probability: with the scenario's distributions, the probability to reach.
    ///   - draws: replicates per lever value for `probability`.
    ///   - threads: threads for the replicates.
    ///   - keepingOthers: look for the smallest value that meets the target without making
    ///     another target worse (met later or not at all), when the plain smallest does.
    public func search(
        target id: String, lever: String = RequiredEffortSearch.defaultLever,
        probability: Double? = nil, draws: Int = 100, threads: Int = 2,
        keepingOthers: Bool = true
    ) throws(SearchError) -> Outcome {
        let scenario = template.loaded.scenario
        guard let index = scenario.targets.firstIndex(where: { $0.id == id }) else {
            throw .unknownTarget(id, known: scenario.targets.map(\.id))
        }
        MemoryReuse.keepFreedMemory()
        let target = scenario.targets[index]
        guard target.threshold != nil else { throw .notJudged(id) }
        let deadline = target.deadline ?? scenario.horizon
        // Runs stop at the latest deadline of the scenario's targets (which must lie within
        // the run), at least this target's.
        let lastYear = max(deadline, ScenarioDraws.defaultHorizon(of: scenario))
        let path = lever.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let kind = try leverKind(path, name: lever)
        let scenarioValue: Double
        switch kind {
        case .factor: scenarioValue = 1
        case .count, .value: scenarioValue = template.number(at: path) ?? 0
        }
        let fixed = ScenarioTemplate.Change.endingRun(of: scenario, at: lastYear)
        @Sendable func changes(_ x: Double) -> [ScenarioTemplate.Change] {
            switch kind {
            case .count, .value:
                return fixed + [.init(keyPath: path, application: .replace, value: x)]
            case .factor(let series):
                return fixed + series.map { .init(keyPath: $0, application: .scale, value: x) }
            }
        }
        var given: [UncertainInput] = []
        if probability != nil {
            guard let declared = scenario.uncertainty?.inputs, !declared.isEmpty else {
                throw .noUncertainty
            }
            given = declared
        }
        let inputs = given
        // One run (or N replicates) at a lever value.
        @Sendable func run(
            _ x: Double, inputs drawn: [Double]? = nil, reusing shared: SharedRun? = nil
        ) throws(SearchError) -> SimulationResult {
            var all = changes(x)
            if let drawn {
                all += ScenarioDraws.changes(inputs, values: drawn)
            }
            let decoded: Scenario
            switch template.scenario(with: all) {
            case .success(let value): decoded = value
            case .failure(let error): throw .invalid(error)
            }
            do {
                return try Simulator.run(
                    decoded, parallelism: probability == nil ? .automatic : .serial,
                    reusedDemography: shared?.demography, keeping: shared?.keeping,
                    baseIndicators: shared?.indicators)
            } catch {
                throw .simulation(error)
            }
        }
        let integer: Bool
        let tolerance: Double
        switch kind {
        case .count: (integer, tolerance) = (true, 1)
        case .value: (integer, tolerance) = (false, max(abs(scenarioValue) * 1e-3, 1e-9))
        case .factor: (integer, tolerance) = (false, 1e-3)
        }
        let limit = max(scenarioValue, integer ? 1 : tolerance) * 64
        let central = try run(scenarioValue)
        let answer: RequiredEffort.Answer
        var reached: Double?
        do {
            if let probability {
                let draws = max(2, draws)
                let shared = SharedRun(
                    central, lever: path, inputs: inputs, target: target, years: lastYear)
                let values: [[Double]] = (0..<draws).map {
                    (try? MonteCarlo.inputs(inputs, seed: scenario.seed, replicate: $0)) ?? []
                }
                answer = try RequiredEffort.smallest(
                    lower: 0, start: scenarioValue, limit: limit, integer: integer,
                    tolerance: tolerance, method: .bisection
                ) { x in
                    let met = MonteCarlo.forEachReplicate(count: draws, threads: threads) {
                        replicate -> Result<Bool, SearchError> in
                        do throws(SearchError) {
                            let result = try run(
                                x, inputs: values[replicate], reusing: shared)
                            return .success(Self.shortfall(result.targets[index]) <= 0)
                        } catch {
                            return .failure(error)
                        }
                    }
                    var count = 0
                    for outcome in met where try outcome.get() { count += 1 }
                    return probability - Double(count) / Double(draws)
                }
                reached = answer.value.map { _ in probability - answer.shortfall }
            } else {
                answer = try RequiredEffort.smallest(
                    lower: 0, start: scenarioValue, limit: limit, integer: integer,
                    tolerance: tolerance
                ) { x in Self.shortfall(try run(x).targets[index]) }
            }
        } catch let error as SearchError {
            throw error
        } catch {
            throw .badLever(lever, reason: "\(error)")
        }
        var value = answer.value
        var evaluations = answer.evaluations
        var atAnswer: SimulationResult?
        var keepsOthers: Bool?
        var checkedUpTo: Double?
        if let found = value {
            atAnswer = try run(found)
            if keepingOthers, probability == nil {
                keepsOthers = true
                if Self.effects(central, atAnswer!, except: index).contains(where: \.isWorse) {
                    // Meeting the target this way costs another: the smallest value above
                    // that meets it and keeps the others, by the same bisection, if the
                    // lever's largest does. Runs are kept by value (the answer's is reused).
                    var runs = [found: atAnswer!]
                    let kept: RequiredEffort.Answer
                    do {
                        kept = try RequiredEffort.smallest(
                            lower: found, start: limit, limit: limit, integer: integer,
                            tolerance: tolerance, method: .bisection
                        ) { x in
                            let result = try runs[x] ?? run(x)
                            runs[x] = result
                            let keeps =
                                Self.shortfall(result.targets[index]) <= 0
                                && !Self.effects(central, result, except: index).contains(
                                    where: \.isWorse)
                            return keeps ? -1 : 1
                        }
                    } catch let error as SearchError {
                        throw error
                    } catch {
                        throw .badLever(lever, reason: "\(error)")
                    }
                    evaluations += kept.evaluations - 1
                    if let better = kept.value {
                        (value, atAnswer) = (better, runs[better])
                    } else {
                        keepsOthers = false
                        checkedUpTo = limit
                    }
                }
            }
        }
        return Outcome(
            target: target, lever: lever, kind: kind, scenarioValue: scenarioValue,
            value: value, largestTried: answer.largestTried,
            gapInScenario: Self.gap(central.targets[index]),
            gapAtAnswer: probability == nil
                ? atAnswer.flatMap { Self.gap($0.targets[index]) } : nil,
            spendingInScenario: Self.spending(central, to: deadline),
            spendingAtAnswer: atAnswer.map { Self.spending($0, to: deadline) },
            probabilityAtAnswer: reached, draws: probability == nil ? nil : max(2, draws),
            evaluations: evaluations,
            effects: atAnswer.map { Self.effects(central, $0, except: index) } ?? [],
            deferredInScenario: Self.deferred(central, to: deadline),
            deferredAtAnswer: atAnswer.map { Self.deferred($0, to: deadline) },
            keepsOthers: keepsOthers, checkedUpTo: checkedUpTo)
    }

    /// The other targets whose verdict or first year met differs between two runs.
    static func effects(_ before: SimulationResult, _ after: SimulationResult, except index: Int)
        -> [TargetEffect]
    {
        zip(before.targets, after.targets).enumerated().compactMap { offset, pair in
            let (a, b) = pair
            guard offset != index, a.verdict != b.verdict || a.firstYearMet != b.firstYearMet
            else { return nil }
            let later = a.firstYearMet.map { first in (b.firstYearMet ?? Int.max) > first } ?? false
            return TargetEffect(
                id: a.target.id, before: a.verdict, after: b.verdict,
                firstMetBefore: a.firstYearMet, firstMetAfter: b.firstYearMet,
                isWorse: (a.verdict == .met && b.verdict != .met) || later)
        }
    }

    /// Capital deferred for want of budget in each year to `year` that defers any (what the
    /// plan wanted that year, carried-over lines included, and no source could pay), in yuan.
    static func deferred(_ result: SimulationResult, to year: Int) -> [Int: Double] {
        var byYear: [Int: Double] = [:]
        for line in result.facilities?.budgets ?? [] where line.year <= year {
            byYear[line.year, default: 0] += line.capitalShortfall
        }
        return byYear.filter { $0.value > 0 }
    }

    /// What the replicates of a probability search share with the central run: its
    /// population and service-list costing when neither the lever nor a drawn input can
    /// change them, and the regions the target is judged on.
    struct SharedRun: Sendable {
        var demography: (population: PopulationByRegion?, entitlements: EntitlementStage.Outcome)?
        var keeping: [Int]
        var indicators: IndicatorTable?

        init(
            _ central: SimulationResult, lever: [String], inputs: [UncertainInput],
            target: Target, years lastYear: Int
        ) {
            let scenario = central.scenario
            let tree = scenario.regions
            let planning = tree.index(of: scenario.region).map { [$0] } ?? []
            keeping = Simulator.keptRegions(
                planning
                    + TargetEvaluator.units(
                        in: target.scope, tree: tree, region: planning.first ?? 0),
                of: scenario)
            demography = ScenarioDraws.reusablePopulation(
                [lever] + inputs.map(\.keyPath), central: central)
            indicators = demography.map {
                Simulator.baseIndicators(
                    $0.population, entitlements: $0.entitlements, years: scenario.years,
                    tree: tree, keeping: keeping)
            }
        }
    }

    /// What a lever path is in the scenario.
    func leverKind(_ path: [String], name: String) throws(SearchError) -> LeverKind {
        switch template.lever(at: path) {
        case .success(.count): return .count
        case .success(.value): return .value
        case .success(.series(let series)): return .factor(series: series)
        case .failure(let reason): throw .badLever(name, reason: reason.description)
        }
    }

    /// Positive while the target is missed, ≤ 0 once met (see the type's documentation).
    static func shortfall(_ result: TargetResult) -> Double {
        guard let row = result.judgedRow, let met = row.met else { return .infinity }
        if case .region = result.target.scope, let value = row.value,
            let threshold = result.target.threshold
        {
            // Never 0: a value exactly at the threshold would make a whole plateau of
            // roots, and Brent's method could stop anywhere on it, not at its start.
            let margin = 1e-9 * max(1, abs(threshold))
            switch result.target.comparison {
            case .atLeast:
                return met ? min(threshold - value, -margin) : max(threshold - value, margin)
            case .atMost:
                return met ? min(value - threshold, -margin) : max(value - threshold, margin)
            case .equal: return met ? -1 : abs(value - threshold)
            }
        }
        return met ? -0.5 : Double(row.failingUnits.count) - 0.5
    }

    static func gap(_ result: TargetResult) -> Double? { result.judgedRow?.gap }

    /// Capital and recurring spending of the planning region from the base year to `year`.
    static func spending(_ result: SimulationResult, to year: Int) -> Double {
        let tree = result.scenario.regions
        guard let planning = tree.index(of: result.scenario.region) else { return 0 }
        var total = 0.0
        for id in ["capital-cost", "recurring-cost"] {
            guard let indicator = IndicatorCatalogue.indicator(id) else { continue }
            for y in result.years where y <= year {
                total += result.indicators.value(indicator, year: y, region: planning)?.value ?? 0
            }
        }
        return total
    }
}
