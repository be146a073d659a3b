import ArgumentParser
import Diagnostics
import Foundation
import Geography
import Planning
import Quantities
import Reports
import ScenarioFiles

/// `--lang zh|en`: the language of messages and reports (Diagnostics' ``Language``, so that
/// diagnostics, errors and console lines follow one choice).
extension Language: ExpressibleByArgument {}

/// Options every command that loads a scenario takes.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario: a folder holding scenario.yaml, or a YAML file.")
    var scenario: String

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a value of the scenario (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(help: "Language of messages and reports: zh (default) or en.")
    var lang: Language = .zh

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    /// The scenario and its overrides.
    var source: ScenarioSource { ScenarioSource(path: scenario, overrides: overrides) }

    /// The language of reports.
    var reportLanguage: ReportLanguage { lang == .en ? .english : .chinese }

    /// Loads the scenario, printing its warnings; on failure prints every diagnostic and
    /// exits with status 64.
    func load() throws -> LoadedScenario {
        switch Planning.load(source) {
        case .success(let loaded):
            if !quiet, !loaded.warnings.isEmpty {
                Console.error(
                    DiagnosticRenderer(sources: loaded.sources, language: lang).render(
                        loaded.warnings))
                if let summary = DataQualitySummary.text(
                    loaded.warnings, chinese: lang == .zh, listing: false)
                {
                    Console.error(summary, terminator: "")
                }
            }
            return loaded
        case .failure(let failure):
            Console.error(failure.description(in: lang))
            if let summary = DataQualitySummary.text(
                failure.diagnostics, chinese: lang == .zh, listing: false)
            {
                Console.error(summary, terminator: "")
            }
            let errors = failure.diagnostics.errorCount
            Console.error(Messages(lang).errorCount(errors))
            throw ExitCode(64)
        }
    }
}

extension ScenarioOptions {
    /// Loads the scenario, prints its summary, and makes the request of a stage command
    /// (`facilities`, `entitlements`) writing `out` at `level`.
    func stageRequest(out: String?, level: String, overwrite: Bool) throws -> StageRequest {
        let started = Date()
        let loadStart = ContinuousClock.now
        let loaded = try load()
        if !quiet { Console.out(Messages(lang).summary(loaded.scenario)) }
        return StageRequest(
            scenario: loaded, out: out, level: RegionLevel(name: level) ?? .village,
            overwrite: overwrite, overrides: overrides, build: Yanglao.build, started: started,
            loadMilliseconds: (ContinuousClock.now - loadStart).milliseconds,
            language: reportLanguage)
    }
}
