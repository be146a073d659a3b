import Diagnostics
import Dispatch
import Foundation
import Geography
import ScenarioFiles
import Simulation
import Targets
import Uncertainty

/// Running the Monte Carlo replicates of a loaded scenario: each replicate draws the
/// scenario's uncertain inputs, makes the changed scenario from the template and runs it.
extension ScenarioDraws {
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

        /// Why, in Chinese.
        public var description: String { description(in: .zh) }

        /// Why, in Chinese or English (a simulation's or generator's own reason stays in
        /// English).
        public func description(in language: Language) -> String {
            switch self {
            case .invalidDraw(let replicate, let values, let problem):
                let drawn = values.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")
                return language.text(
                    "第 \(replicate) 次抽样（\(drawn)）不是有效的情景；请用 lower/upper 收窄分布：",
                    "replicate \(replicate) (\(drawn)) is not a valid scenario; narrow the"
                        + " distributions with lower/upper:")
                    + "\n" + problem.description(in: language)
            case .simulation(let replicate, let error):
                return language.text("第 \(replicate) 次抽样运行失败：", "replicate \(replicate) failed: ")
                    + error.description
            case .generator(let replicate, let reason):
                return language.text("第 \(replicate) 次抽样：", "replicate \(replicate): ") + reason
            case .noUncertainty:
                return language.text(
                    "情景没有 'uncertainty:' 部分：请先给出输入的分布",
                    "the scenario has no 'uncertainty:' section: give distributions first")
            }
        }
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
        // A replicate keeps the indicators of the regions summarised and judged only, and
        // starts from the population and service-list indicators, assembled once here.
        let kept = Simulator.keptRegions(regions, of: scenario)
        let base = population.map {
            Simulator.baseIndicators(
                $0.population, entitlements: $0.entitlements,
                years: scenario.baseYear...horizon, tree: scenario.regions, keeping: kept)
        }
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
                years: years, fixed: fixedChanges, population: population, keeping: kept,
                baseIndicators: base)
        }
        var replicates: [Replicate] = []
        replicates.reserveCapacity(count)
        for outcome in outcomes {
            switch outcome {
            case .success(let replicate): replicates.append(replicate)
            case .failure(let error): throw error
            }
        }
        var summary = summarise(
            replicates, scenario: scenario, inputs: inputs, regions: regions, years: years)
        summary.central = inputs.map {
            CentralValue($0, scenarioValue: template.loaded.valueText(at: $0.keyPath))
        }
        return summary
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
        population: (population: PopulationByRegion?, entitlements: EntitlementStage.Outcome)?,
        keeping: [Int]? = nil, baseIndicators: IndicatorTable? = nil
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
                scenario, parallelism: .serial, reusedDemography: population, keeping: keeping,
                baseIndicators: baseIndicators)
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
