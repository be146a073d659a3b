import ArgumentParser
import Diagnostics
import Foundation
import Planning
import ScenarioFiles
import Simulation

/// `--draws N` and `--threads T` of `run`: Monte Carlo replicates of the scenario's
/// `uncertainty:` section.
struct DrawOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Run N Monte Carlo replicates of the scenario's uncertainty: section.",
            valueName: "N"))
    var draws: Int?

    @Option(help: "Threads for the replicates (default: every core); results do not depend on it.")
    var threads: Int?

    @Option(
        help: ArgumentHelp(
            "Last year of the replicates (default: the latest target deadline, at least the report year).",
            valueName: "YEAR"))
    var drawHorizon: Int?

    func check() throws {
        if let draws, draws < 2 {
            throw ValidationError("--draws must be at least 2 (got \(draws))")
        }
        if let threads, threads < 1 {
            throw ValidationError("--threads must be at least 1 (got \(threads))")
        }
    }

    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The replicates asked for, if any.
    var request: DrawRequest? {
        draws.map { DrawRequest(count: $0, threads: threadCount, horizon: drawHorizon) }
    }
}

extension ScenarioOptions {
    /// Loads the scenario as ``load()`` does, kept ready for variations.
    func loadTemplate() throws -> ScenarioTemplate {
        switch Planning.loadTemplate(source) {
        case .success(let template):
            if !quiet, !template.loaded.warnings.isEmpty {
                Console.error(
                    DiagnosticRenderer(sources: template.loaded.sources, language: lang).render(
                        template.loaded.warnings))
            }
            return template
        case .failure(let failure):
            Console.error(failure.description(in: lang))
            let errors = failure.diagnostics.errorCount
            Console.error(Messages(lang).errorCount(errors))
            throw ExitCode(64)
        }
    }
}

/// The console lines of the uncertainty commands, in Chinese or English.
struct DrawMessages {
    let english: Bool

    func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value * 100)
    }

    func probabilities(_ draws: ScenarioDraws, seconds: Double, threads: Int) -> String {
        var lines: [String] = []
        lines.append(
            english
                ? "\(draws.draws) draws of \(draws.inputs.count) uncertain inputs to \(draws.horizon) in \(String(format: "%.1f", seconds)) s on \(threads) thread\(threads == 1 ? "" : "s"); probability of meeting each target by its deadline (± standard error):"
                : "随机抽样 \(draws.draws) 次（不确定参数 \(draws.inputs.count) 个，模拟至 \(draws.horizon) 年，\(threads) 线程，用时 \(String(format: "%.1f", seconds)) 秒）；各目标按期达成概率（± 标准误）："
        )
        for (target, attainment) in draws.probabilities {
            let deadline = target.deadline.map { english ? " by \($0)" : "（\($0)年）" } ?? ""
            guard let attainment else {
                lines.append("  \(target.id)\(deadline): " + (english ? "not judged" : "不评判"))
                continue
            }
            lines.append(
                "  \(target.id)\(deadline): \(percent(attainment.probability)) ± \(percent(attainment.standardError))"
            )
        }
        return lines.joined(separator: "\n")
    }
}
