import ScenarioFiles
import Simulation
import Uncertainty

/// Which uncertain inputs drive a target's gap (敏感性分析): first-order and total Sobol
/// indices of the target's shortfall at its deadline over the scenario's `uncertainty:`
/// section, by ``SobolAnalysis`` (Saltelli 2010 first order, Jansen total, GSL's Sobol
/// sequence through each input's quantile function).
///
/// The output is the shortfall of ``RequiredEffortSearch`` (threshold − value for a target
/// on the planning region, failing units − ½ for an "each unit" target), so a positive value
/// is a gap. Each design row is a run of the scenario to the target's deadline; N·(d + 2)
/// runs in all, on every core, the same whatever the number of threads.
public enum ScenarioSensitivity {
    public struct Outcome: Sendable {
        public var target: String
        public var inputs: [UncertainInput]
        public var indices: SobolIndices
        /// The mean shortfall over the design's A and B rows.
        public var meanShortfall: Double
    }

    public enum AnalysisError: Error, Sendable, CustomStringConvertible {
        case search(RequiredEffortSearch.SearchError)
        case design(String)

        public var description: String {
            switch self {
            case .search(let error): error.description
            case .design(let reason): reason
            }
        }
    }

    /// Runs the design.
    /// - Parameters:
    ///   - samples: N, the rows of A and B.
    ///   - bootstrap: resamples for the 95% intervals.
    public static func analyse(
        _ template: ScenarioTemplate, target id: String, samples: Int, bootstrap: Int = 200,
        threads: Int, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws(AnalysisError) -> Outcome {
        let scenario = template.loaded.scenario
        guard let index = scenario.targets.firstIndex(where: { $0.id == id }) else {
            throw .search(.unknownTarget(id, known: scenario.targets.map(\.id)))
        }
        MemoryReuse.keepFreedMemory()
        let target = scenario.targets[index]
        guard target.threshold != nil else { throw .search(.notJudged(id)) }
        guard let inputs = scenario.uncertainty?.inputs, !inputs.isEmpty else {
            throw .search(.noUncertainty)
        }
        let deadline = target.deadline ?? scenario.horizon
        // Runs stop at the latest deadline of the scenario's targets (which must lie within
        // the run), at least this target's.
        let lastYear = max(deadline, ScenarioDraws.defaultHorizon(of: scenario))
        let fixed = ScenarioTemplate.Change.endingRun(of: scenario, at: lastYear)
        let rows: [[Double]]
        do {
            rows = try SobolAnalysis.design(inputs.map(\.distribution), samples: samples)
        } catch {
            throw .design("\(error)")
        }
        let done = Counter()
        let outputs = MonteCarlo.forEachReplicate(count: rows.count, threads: threads) {
            row -> Result<Double, RequiredEffortSearch.SearchError> in
            defer { progress(done.increment(), rows.count) }
            let decoded: Scenario
            switch template.scenario(with: fixed + ScenarioDraws.changes(inputs, values: rows[row]))
            {
            case .success(let value): decoded = value
            case .failure(let error): return .failure(.invalid(error))
            }
            do throws(SimulationError) {
                let result = try Simulator.run(decoded, parallelism: .serial)
                return .success(RequiredEffortSearch.shortfall(result.targets[index]))
            } catch {
                return .failure(.simulation(error))
            }
        }
        var values: [Double] = []
        for output in outputs {
            switch output {
            case .success(let value):
                guard value.isFinite else { throw .search(.notJudged(id)) }
                values.append(value)
            case .failure(let error): throw .search(error)
            }
        }
        let indices = SobolAnalysis.indices(
            outputs: values, inputs: inputs.count, bootstrap: bootstrap, seed: scenario.seed)
        let base = values.prefix(2 * samples)
        return Outcome(
            target: id, inputs: inputs, indices: indices,
            meanShortfall: base.reduce(0, +) / Double(base.count))
    }
}
