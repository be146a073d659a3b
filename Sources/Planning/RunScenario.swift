import Diagnostics
import Foundation
import Provenance
import Quantities
import Reports
import ScenarioFiles
import Simulation
import Uncertainty

/// Run a scenario (运行情景) and write its run folder: the simulation, then, with draws, the
/// Monte Carlo replicates, then the tables, the annual report and the manifest, written all
/// at once.
public struct RunRequest: Sendable {
    /// The scenario, loaded (a template when it is to be drawn).
    public var scenario: LoadedScenario
    public var template: ScenarioTemplate?
    /// The folder under which runs are written (`Output`).
    public var root: String
    /// The run folder's name; nil: the UTC start time.
    public var runID: String?
    public var overwrite: Bool
    public var formats: [ReportFormat]
    public var language: ReportLanguage
    /// The `--set` overrides, for the manifest.
    public var overrides: [String]
    /// The replicates to run, when the scenario's uncertain inputs are to be drawn.
    public var draws: DrawRequest?
    public var build: Planning.Build
    /// When the run started (the manifest's time, the run folder's default name).
    public var started: Date
    /// How long loading took, in milliseconds.
    public var loadMilliseconds: Double

    public init(
        scenario: LoadedScenario, template: ScenarioTemplate? = nil, root: String,
        runID: String?, overwrite: Bool, formats: [ReportFormat], language: ReportLanguage,
        overrides: [String], draws: DrawRequest?, build: Planning.Build, started: Date,
        loadMilliseconds: Double
    ) {
        self.scenario = scenario
        self.template = template
        self.root = root
        self.runID = runID
        self.overwrite = overwrite
        self.formats = formats
        self.language = language
        self.overrides = overrides
        self.draws = draws
        self.build = build
        self.started = started
        self.loadMilliseconds = loadMilliseconds
    }
}

/// How many Monte Carlo replicates to run, on how many threads, to which year.
public struct DrawRequest: Sendable {
    public var count: Int
    public var threads: Int
    /// The last year of the replicates; nil: ``ScenarioDraws/defaultHorizon(of:)``.
    public var horizon: Int?

    public init(count: Int, threads: Int, horizon: Int?) {
        self.count = count
        self.threads = threads
        self.horizon = horizon
    }
}

/// What a run made.
public struct RunOutcome: Sendable {
    public var result: SimulationResult
    public var draws: ScenarioDraws?
    /// Wall time of the replicates, in seconds.
    public var drawSeconds: Double
    /// The run folder.
    public var folder: String
    /// The files written, in the folder's order.
    public var files: [String]

    /// The annual report's main file (HTML when written), if any.
    public var reportFile: String? {
        let year = result.scenario.reportYear
        return files.first { $0 == "report-\(year).html" || $0.hasPrefix("report-\(year).") }
    }
}

/// What a run tells as it goes, for a console or a page to show.
public enum RunEvent: Sendable {
    /// A stage of the simulation starts: its name and the share done.
    case stage(String, Double)
    /// The simulation is done (before the replicates and the files).
    case simulated(SimulationResult)
    /// Replicates done so far.
    case draws(done: Int, of: Int)
}

extension Planning {
    /// The run folder a request writes to.
    public static func runFolder(_ request: RunRequest) -> RunFolder {
        RunFolder.make(
            root: request.root, scenarioID: request.scenario.scenario.id, runID: request.runID,
            now: request.started)
    }

    /// Refuses a request whose run folder exists (without `overwrite`), before any work.
    public static func checkFolder(_ request: RunRequest) throws(PlanningError) {
        let folder = runFolder(request)
        if !request.overwrite, FileManager.default.fileExists(atPath: folder.path) {
            throw .writing(.exists(path: folder.path))
        }
    }

    /// Runs a scenario and writes its run folder.
    /// - Throws: ``PlanningError``: bad input when the folder exists (without `overwrite`) or
    ///   a drawn scenario is invalid; a failure when the run or the write fails.
    public static func run(
        _ request: RunRequest, events: @Sendable (RunEvent) -> Void = { _ in }
    ) throws(PlanningError) -> RunOutcome {
        try checkFolder(request)
        let folder = runFolder(request)
        let loaded = request.scenario
        let result: SimulationResult
        do {
            result = try Simulator.run(loaded.scenario) { events(.stage($0, $1)) }
        } catch {
            throw PlanningError(.failed, error: "\(error.description)", in: loaded.file)
        }
        events(.simulated(result))

        var draws: ScenarioDraws?
        var drawSeconds = 0.0
        if let drawing = request.draws, let template = request.template {
            let started = ContinuousClock.now
            draws = try Self.draws(template, drawing, central: result) {
                events(.draws(done: $0, of: drawing.count))
            }
            drawSeconds = (ContinuousClock.now - started).milliseconds / 1000
        }
        let language = request.language
        let attainment = draws.map { Self.attainment($0) } ?? [:]
        var extraFiles =
            draws.map { DrawTables.files($0, scenario: loaded.scenario, language: language) } ?? []
        if let summary = DataQualitySummary.text(
            loaded.warnings, chinese: language == .chinese)
        {
            extraFiles.append(("data-quality.txt", Array(summary.utf8)))
        }

        var written: [(name: String, bytes: [UInt8])] = []
        do {
            try folder.write(overwrite: request.overwrite) { scratch in
                written = try RunOutputs(
                    record: loaded.record, result: result,
                    runID: (folder.path as NSString).lastPathComponent,
                    formats: request.formats, language: language,
                    facts: RunOutputs.ManifestFacts(
                        toolVersion: request.build.version, buildCommit: request.build.commit,
                        overrides: request.overrides, started: request.started,
                        timings: [("load", request.loadMilliseconds)]),
                    attainment: attainment, centralValues: draws?.central ?? [],
                    extraFiles: extraFiles, scratch: scratch, boundaries: loaded.boundaries
                ).files
                return written
            }
        } catch let error as RunFolder.WriteError {
            throw .writing(error)
        } catch {
            throw PlanningError(.failed, error: "\(error)")
        }
        return RunOutcome(
            result: result, draws: draws, drawSeconds: drawSeconds, folder: folder.path,
            files: written.map(\.name))
    }

    /// Runs the replicates of a loaded template.
    /// - Throws: bad input when a drawn scenario is invalid or there is nothing to draw; a
    ///   failure when a replicate's run fails.
    public static func draws(
        _ template: ScenarioTemplate, _ request: DrawRequest, central: SimulationResult? = nil,
        progress: @Sendable (Int) -> Void = { _ in }
    ) throws(PlanningError) -> ScenarioDraws {
        do {
            return try ScenarioDraws.run(
                template, count: request.count, threads: request.threads,
                horizon: request.horizon, central: central, progress: progress)
        } catch {
            let file = template.loaded.file
            switch error {
            case .invalidDraw, .noUncertainty:
                throw PlanningError(
                    .badInput, error: BilingualText(error.description(in:)), in: file)
            case .simulation, .generator:
                throw PlanningError(.failed, error: BilingualText(error.description(in:)), in: file)
            }
        }
    }

    /// Each target's probability of being met by its deadline, by target id.
    public static func attainment(_ draws: ScenarioDraws) -> [String: AttainmentProbability] {
        var attainment: [String: AttainmentProbability] = [:]
        for (target, probability) in draws.probabilities { attainment[target.id] = probability }
        return attainment
    }
}
