import Dispatch
import Foundation
import Geography
import Simulation
import Targets
import Uncertainty

/// The Monte Carlo replicates of a scenario (情景的随机模拟): each replicate draws the
/// scenario's uncertain inputs, decodes the scenario with them and runs it; the indicators
/// are summarised by quantiles and the targets by the share of replicates that meet them.
public struct ScenarioDraws: Sendable {
    /// One summarised cell: an indicator in a region and year.
    public struct Cell: Sendable {
        public var indicator: Indicator
        /// The region's index in the tree.
        public var region: Int
        public var year: Int
        /// The 5, 25, 50, 75 and 95% quantiles over the replicates with a value.
        public var quantiles: [Double]
        /// Replicates with a value.
        public var draws: Int
    }

    /// The replicates run.
    public let draws: Int
    /// The last year of the replicates.
    public let horizon: Int
    public let inputs: [UncertainInput]
    /// The input values of each replicate, replicate-major.
    public let inputValues: [[Double]]
    /// The regions summarised, in tree order.
    public let regions: [Int]
    /// Every indicator × region × year with a value in some replicate.
    public let cells: [Cell]
    /// For each target of the scenario, in its order: the share of replicates that meet it
    /// by its deadline (nil when it is not judged: no figure, not computed, not applicable).
    public let probabilities: [(target: Target, attainment: AttainmentProbability?)]

    /// Why the replicates could not run.
    public enum RunError: Error, Sendable, CustomStringConvertible {
        /// The drawn values make the scenario invalid (a value out of its range).
        case invalidDraw(replicate: Int, values: [(String, Double)], problem: ScenarioLoadError)
        /// The simulation failed for a replicate.
        case simulation(replicate: Int, SimulationError)
        /// The scenario has no `uncertainty:` section.
        case noUncertainty
        /// A replicate's generator could not be made.
        case generator(replicate: Int, reason: String)

        public var description: String {
            switch self {
            case .invalidDraw(let replicate, let values, let problem):
                let drawn = values.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")
                return "replicate \(replicate) (\(drawn)) is not a valid scenario; narrow the"
                    + " distributions with lower/upper:\n\(problem.description)"
            case .simulation(let replicate, let error):
                return "replicate \(replicate) failed: \(error.description)"
            case .generator(let replicate, let reason):
                return "replicate \(replicate): \(reason)"
            case .noUncertainty:
                return "the scenario has no 'uncertainty:' section: give distributions first"
            }
        }
    }

    /// Whether a target is met by its deadline in a run: true or false when it is judged,
    /// nil when it has no figure or is not computed.
    public static func isMet(_ result: TargetResult) -> Bool? {
        switch result.verdict {
        case .met: true
        case .missed, .metLate, .fellBack, .onTrack, .offTrack: false
        case .notQuantified, .notComputed, .notApplicable: nil
        }
    }

    /// The regions summarised by default: the planning region and the units one level below
    /// it (a province's cities, a city's counties).
    public static func defaultRegions(of scenario: Scenario) -> [Int] {
        let tree = scenario.regions
        guard let planning = tree.index(of: scenario.region) else { return [] }
        let level = tree.regions[planning].level
        return tree.subtree(of: planning).filter {
            $0 == planning || tree.regions[$0].level == level.below
        }
    }

    /// The last year the replicates run to by default: the latest deadline of the targets
    /// with a figure (or first year of an ongoing one), and at least the report year, within
    /// the scenario's horizon. Years after it change no verdict at a deadline, and leaving
    /// them out makes each replicate cheaper.
    public static func defaultHorizon(of scenario: Scenario) -> Int {
        let judged = scenario.targets.filter { $0.threshold != nil }
        let years = judged.compactMap { $0.deadline ?? $0.from } + [scenario.reportYear]
        return min(scenario.horizon, max(scenario.baseYear, years.max() ?? scenario.horizon))
    }

    /// Runs `count` replicates of the template's scenario on `threads` threads.
    ///
    /// Replicate k draws its inputs with ``MonteCarlo/inputs(_:seed:replicate:)`` from the
    /// scenario seed, so the results are the same whatever `threads` is.
    /// - Parameters:
    ///   - regions: the regions whose indicators are summarised (default: ``defaultRegions(of:)``).
    ///   - horizon: the last year of the replicates (default: ``defaultHorizon(of:)``); an
    ///     ongoing target is judged in it.
    ///   - central: the run of the scenario as loaded; when every uncertain input is a
    ///     number of `facilities:`, `investment:` or `coverage:`, its population is reused
    ///     and the replicates skip the projection.
    ///   - progress: told the number of replicates done, from any thread.
    /// - Throws: ``RunError`` for the first replicate (lowest number) that fails.
    public static func run(
        _ template: ScenarioTemplate, count: Int, threads: Int, regions: [Int]? = nil,
        horizon: Int? = nil, central: SimulationResult? = nil,
        progress: @Sendable (Int) -> Void = { _ in }
    ) throws(RunError) -> ScenarioDraws {
        let scenario = template.loaded.scenario
        guard let inputs = scenario.uncertainty?.inputs, !inputs.isEmpty else {
            throw .noUncertainty
        }
        // Each replicate allocates and frees the same large arrays (the indicator table, the
        // year-end stocks); keep freed memory in the process instead of returning it to the
        // system, which would fault every page in again in the next replicate.
        MemoryReuse.keepFreedMemory()
        let regions = regions ?? defaultRegions(of: scenario)
        let horizon = min(
            scenario.horizon, max(scenario.baseYear, horizon ?? defaultHorizon(of: scenario)))
        let years = Array(scenario.baseYear...horizon)
        let fixedChanges = ScenarioTemplate.Change.endingRun(of: scenario, at: horizon)
        let population = reusablePopulation(inputs.map(\.keyPath), central: central)
        let done = Counter()
        let outcomes = MonteCarlo.forEachReplicate(count: count, threads: threads) {
            replicate -> Result<Replicate, RunError> in
            defer { progress(done.increment()) }
            let values: [Double]
            do {
                values = try MonteCarlo.inputs(inputs, seed: scenario.seed, replicate: replicate)
            } catch {
                return .failure(.generator(replicate: replicate, reason: "\(error)"))
            }
            return evaluate(
                template, inputs: inputs, values: values, replicate: replicate, regions: regions,
                years: years, fixed: fixedChanges, population: population)
        }
        var replicates: [Replicate] = []
        replicates.reserveCapacity(count)
        for outcome in outcomes {
            switch outcome {
            case .success(let replicate): replicates.append(replicate)
            case .failure(let error): throw error
            }
        }
        return summarise(
            replicates, scenario: scenario, inputs: inputs, regions: regions, years: years)
    }

    /// What one replicate keeps: its inputs, whether each target is met, and the summarised
    /// indicators (indicator-major, then region, then year), NaN where not computed.
    struct Replicate: Sendable {
        var values: [Double]
        var met: [Bool?]
        var indicators: [Float]
    }

    /// The changes a replicate makes to the scenario.
    static func changes(_ inputs: [UncertainInput], values: [Double]) -> [ScenarioTemplate.Change] {
        zip(inputs, values).map {
            ScenarioTemplate.Change(
                keyPath: $0.keyPath, application: $0.application, value: $1)
        }
    }

    /// The central run's population and entitlement outcome, when no key path can change
    /// them.
    static func reusablePopulation(_ keyPaths: [[String]], central: SimulationResult?)
        -> (population: PopulationByRegion?, entitlements: EntitlementStage.Outcome)?
    {
        let untouched = keyPaths.allSatisfy {
            ["facilities", "investment", "coverage"].contains($0.first ?? "")
        }
        guard untouched, let central else { return nil }
        return (central.population, central.entitlements)
    }

    static func evaluate(
        _ template: ScenarioTemplate, inputs: [UncertainInput], values: [Double], replicate: Int,
        regions: [Int], years: [Int], fixed: [ScenarioTemplate.Change] = [],
        population: (population: PopulationByRegion?, entitlements: EntitlementStage.Outcome)?
    ) -> Result<Replicate, RunError> {
        let scenario: Scenario
        switch template.scenario(with: fixed + changes(inputs, values: values)) {
        case .success(let decoded): scenario = decoded
        case .failure(let problem):
            return .failure(
                .invalidDraw(
                    replicate: replicate, values: zip(inputs.map(\.name), values).map { ($0, $1) },
                    problem: problem))
        }
        let result: SimulationResult
        do {
            result = try Simulator.run(
                scenario, parallelism: .serial, reusedDemography: population)
        } catch {
            return .failure(.simulation(replicate: replicate, error))
        }
        let table = result.indicators
        var indicators: [Float] = []
        indicators.reserveCapacity(IndicatorCatalogue.all.count * regions.count * years.count)
        for indicator in IndicatorCatalogue.all {
            for region in regions {
                for year in years {
                    indicators.append(
                        table.value(indicator, year: year, region: region).map {
                            Float($0.value)
                        } ?? .nan)
                }
            }
        }
        return .success(
            Replicate(values: values, met: result.targets.map(isMet), indicators: indicators))
    }

    static func summarise(
        _ replicates: [Replicate], scenario: Scenario, inputs: [UncertainInput], regions: [Int],
        years: [Int]
    ) -> ScenarioDraws {
        let perIndicator = regions.count * years.count
        let cellCount = IndicatorCatalogue.all.count * perIndicator
        let summarised: [Cell?] = MonteCarlo.forEachReplicate(
            count: cellCount, threads: 2
        ) { cell in
            let values = replicates.map { Double($0.indicators[cell]) }
            guard let quantiles = DrawQuantiles.of(values) else { return nil }
            let indicator = IndicatorCatalogue.all[cell / perIndicator]
            let within = cell % perIndicator
            return Cell(
                indicator: indicator, region: regions[within / years.count],
                year: years[within % years.count], quantiles: quantiles,
                draws: values.filter { !$0.isNaN }.count)
        }
        let probabilities = scenario.targets.indices.map { index in
            let judged = replicates.compactMap { $0.met[index] }
            let attainment =
                judged.isEmpty
                ? nil
                : AttainmentProbability(met: judged.filter { $0 }.count, draws: judged.count)
            return (scenario.targets[index], attainment)
        }
        return ScenarioDraws(
            draws: replicates.count, horizon: years.last ?? scenario.horizon, inputs: inputs,
            inputValues: replicates.map(\.values),
            regions: regions, cells: summarised.compactMap { $0 },
            probabilities: probabilities)
    }
}

/// A count shared by the threads of a run.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let queue = DispatchQueue(label: "yanglao.draws.counter")

    func increment() -> Int {
        queue.sync {
            value += 1
            return value
        }
    }
}

/// glibc's allocator tuning, for runs that allocate and free the same large arrays many times.
public enum MemoryReuse {
    /// Serves large blocks from the heap and never trims it (glibc `mallopt` with
    /// `M_MMAP_THRESHOLD` = −3 and `M_TRIM_THRESHOLD` = −1 set to 1 GiB); does nothing where
    /// `mallopt` is not found. Looked up with `dlsym`, as Swift does not import `<malloc.h>`.
    public static func keepFreedMemory() {
        #if os(Linux)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 1 << 30)
        _ = mallopt(-1, 1 << 30)
        #endif
    }
}
