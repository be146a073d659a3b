import Provenance
import Reports
import ScenarioFiles

/// Find the required effort (所需投入): the smallest lever value that meets a target by its
/// deadline, or with a given probability over the scenario's distributions.
public struct RequiredRequest: Sendable {
    public var template: ScenarioTemplate
    /// The target's id.
    public var target: String
    /// The lever's key path (`investment.budget`, a plan line's `per_year`, …).
    public var lever: String
    /// The probability to reach, in (0, 1); nil: meet it in the scenario as given.
    public var probability: Double?
    /// Replicates per lever value with a probability.
    public var draws: Int
    public var threads: Int
    /// Find the smallest value that meets the target without making another target worse
    /// (the default); false: the plain smallest.
    public var keepingOthers: Bool

    public init(
        template: ScenarioTemplate, target: String, lever: String, probability: Double?,
        draws: Int, threads: Int, keepingOthers: Bool = true
    ) {
        self.template = template
        self.target = target
        self.lever = lever
        self.probability = probability
        self.draws = draws
        self.threads = threads
        self.keepingOthers = keepingOthers
    }
}

/// Which uncertain inputs drive a target's gap (敏感性分析): Sobol indices over the scenario's
/// `uncertainty:` section, with the table written to `out` when given.
public struct SensitivityRequest: Sendable {
    public var template: ScenarioTemplate
    public var target: String
    /// N, the rows of each of the matrices A and B (runs: N·(inputs + 2)).
    public var samples: Int
    public var threads: Int
    /// The CSV file to write (replaced atomically), if any.
    public var out: String?

    public init(
        template: ScenarioTemplate, target: String, samples: Int, threads: Int, out: String?
    ) {
        self.template = template
        self.target = target
        self.samples = samples
        self.threads = threads
        self.out = out
    }
}

extension Planning {
    /// Searches the smallest lever value that meets the target.
    /// - Throws: bad input for an unknown target or a lever that is not a number; a failure
    ///   when a run fails.
    public static func required(_ request: RequiredRequest) throws(PlanningError)
        -> RequiredEffortSearch.Outcome
    {
        do {
            return try RequiredEffortSearch(template: request.template).search(
                target: request.target, lever: request.lever, probability: request.probability,
                draws: request.draws, threads: request.threads,
                keepingOthers: request.keepingOthers)
        } catch {
            let file = request.template.loaded.file
            if case .simulation = error {
                throw PlanningError(.failed, error: error.description, in: file)
            }
            throw PlanningError(.badInput, error: error.description, in: file)
        }
    }

    /// Estimates the Sobol indices of the target's gap and writes their table.
    /// - Parameter progress: told the runs done and the runs in all, from any thread.
    public static func sensitivity(
        _ request: SensitivityRequest, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws(PlanningError) -> ScenarioSensitivity.Outcome {
        let outcome: ScenarioSensitivity.Outcome
        do {
            outcome = try ScenarioSensitivity.analyse(
                request.template, target: request.target, samples: request.samples,
                threads: request.threads, progress: progress)
        } catch {
            throw PlanningError(
                .badInput, error: "\(error.description)", in: request.template.loaded.file)
        }
        if let out = request.out {
            let table = DrawTables.sensitivity(
                target: request.target, inputs: outcome.inputs.map(\.name),
                indices: outcome.indices)
            do {
                try AtomicFiles.write([(out, table)])
            } catch {
                throw PlanningError(.failed, error: "\(error)")
            }
        }
        return outcome
    }
}
