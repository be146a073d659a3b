import ArgumentParser
import Foundation
import Provenance
import Reports
import ScenarioFiles
import Simulation

/// `yanglao run SCENARIO`: load a scenario, run it, and write the run folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write Output/<scenario-id>/<run-id>/.",
        discussion: """
            The run folder holds the annual target report of the scenario's report year
            (report-<year>.html, .xlsx, .csv, .json), the tables (indicators, targets,
            target-definitions, failing-units, costs, budget, plan, stock, regions), the
            coverage map (coverage-<year>.geojson), scenario.resolved.yaml (the scenario
            as run) and manifest.json (version, git commit, seed, SHA-256 of every input
            and output, timings). It is written to a temporary folder and renamed into
            place, so a failed run leaves nothing behind.

            Examples:
              yanglao run Scenarios/anshan/variants/plan.yaml
              yanglao run Scenarios/anshan --run-id baseline --overwrite
              yanglao run Scenarios/anshan --set horizon=2030 --out ../runs --lang en
              yanglao run Scenarios/liaoning/variants/uncertain.yaml --draws 1000

            With --draws N the scenario's uncertainty: section is sampled N times,
            replicate k seeded from the scenario seed by the documented rule (the same
            results on any number of threads); draws/ (quantiles, probabilities, inputs,
            report.html) is added to the run folder and each target's probability of
            being met by its deadline is printed.
            """)

    @OptionGroup var options: ScenarioOptions

    @Option(help: "The folder under which runs are written.")
    var out = "Output"

    @Option(help: "The run folder's name (default: the UTC time, e.g. 20261123T101500Z).")
    var runID: String?

    @Flag(help: "Replace an existing run folder of the same name.")
    var overwrite = false

    @Option(help: "Report formats, comma-separated: html, xlsx, csv, json (default: all).")
    var format: String?

    @OptionGroup var uncertainty: DrawOptions

    func validate() throws {
        if let runID { try RunID.check(runID) }
        try OutputFolder.check(out, option: "--out")
        try uncertainty.check()
    }

    func run() throws {
        let formats = try ReportFormat.list(format)
        let started = Date()
        let clock = ContinuousClock()
        let loadStart = clock.now
        let template = uncertainty.draws == nil ? nil : try options.loadTemplate()
        let loaded = try template?.loaded ?? options.load()
        let loadTime = clock.now - loadStart

        let folder = RunFolder.make(
            root: out, scenarioID: loaded.scenario.id, runID: runID, now: started)
        if !overwrite, FileManager.default.fileExists(atPath: folder.path) {
            Console.error("error: \(RunFolder.WriteError.exists(path: folder.path))")
            throw ExitCode(64)
        }
        let messages = Messages(options.lang)
        if !options.quiet { Console.out(messages.summary(loaded.scenario)) }

        let result: SimulationResult
        do {
            let bar = ProgressBar(
                enabled: !options.quiet && isatty(STDERR_FILENO) == 1, language: options.lang)
            result = try Simulator.run(loaded.scenario, progress: bar.show)
        } catch {
            Console.error("\(loaded.file): error: \(error.description)")
            throw ExitCode(1)
        }
        if !options.quiet {
            Console.out(messages.verdicts(result))
            if let notes = messages.notes(result.notes) { Console.out(notes) }
            if let line = messages.serviceList(result) { Console.out(line) }
        }
        let draws = try template.map { try uncertainty.run($0, central: result, options: options) }

        var written: [(name: String, bytes: [UInt8])] = []
        do {
            try folder.write(overwrite: overwrite) { scratch in
                written = try RunOutputs(
                    loaded: loaded, result: result,
                    runID: (folder.path as NSString).lastPathComponent,
                    formats: formats, language: options.lang == .en ? .english : .chinese,
                    facts: RunOutputs.ManifestFacts(
                        toolVersion: Yanglao.version, buildCommit: BuildInfo.commit,
                        overrides: options.overrides, started: started,
                        timings: [("load", loadTime.milliseconds)]),
                    attainment: draws?.attainment ?? [:], extraFiles: draws?.files ?? [],
                    scratch: scratch
                ).files
                return written
            }
        } catch let error as RunFolder.WriteError {
            Console.error("error: \(error)")
            if case .exists = error { throw ExitCode(64) }
            throw ExitCode(1)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
        guard !options.quiet else { return }
        Console.out(messages.written(folder.path))
        let year = loaded.scenario.reportYear
        if let report = written.first(where: {
            $0.name == "report-\(year).html" || $0.name.hasPrefix("report-\(year).")
        }) {
            Console.out(messages.reportWritten(year: year, path: folder.path + "/" + report.name))
        }
    }
}
