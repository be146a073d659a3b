import ArgumentParser
import Foundation
import Planning
import Quantities
import Reports

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
        let started = Date()
        let loadStart = ContinuousClock.now
        let template = uncertainty.draws == nil ? nil : try options.loadTemplate()
        let loaded = try template?.loaded ?? options.load()
        let draws = uncertainty.request
        let request = RunRequest(
            scenario: loaded, template: template, root: out, runID: runID, overwrite: overwrite,
            formats: try ReportFormat.list(format), language: options.reportLanguage,
            overrides: options.overrides, draws: draws, build: Yanglao.build, started: started,
            loadMilliseconds: (ContinuousClock.now - loadStart).milliseconds)
        try Yanglao.call(options.lang) { try Planning.checkFolder(request) }
        let messages = Messages(options.lang)
        if !options.quiet {
            Console.out(messages.summary(loaded.scenario))
            if let whatIf = messages.whatIf(loaded) { Console.out(whatIf) }
        }
        let bar = ProgressBar(
            enabled: !options.quiet && isatty(STDERR_FILENO) == 1, language: options.lang)
        let outcome = try Yanglao.call(options.lang) {
            try Planning.run(request) { event in
                switch event {
                case .stage(let stage, let done): bar.show(stage, done)
                case .simulated(let result) where !options.quiet:
                    Console.out(messages.verdicts(result))
                    if let lines = messages.notComputed(result) { Console.out(lines) }
                    if let notes = messages.notes(result.notes) { Console.out(notes) }
                    if let line = messages.serviceList(result) { Console.out(line) }
                case .draws(let done, let count) where bar.enabled:
                    guard done % 10 == 0 || done == count else { return }
                    Console.errorInline("\r\(done)/\(count)" + (done == count ? "\n" : ""))
                default: break
                }
            }
        }
        guard !options.quiet else { return }
        if let result = outcome.draws, let draws {
            Console.out(
                DrawMessages(english: options.lang == .en).probabilities(
                    result, seconds: outcome.drawSeconds, threads: draws.threads))
        }
        Console.out(messages.written(outcome.folder))
        if let report = outcome.reportFile {
            Console.out(
                messages.reportWritten(
                    year: loaded.scenario.reportYear, path: outcome.folder + "/" + report))
        }
    }
}
