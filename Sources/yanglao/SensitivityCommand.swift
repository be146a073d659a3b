import ArgumentParser
import CSV
import Foundation
import Planning
import ScenarioFiles

/// `yanglao sensitivity SCENARIO --target ID`: which uncertain inputs drive a target's gap.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract:
            "First-order and total Sobol indices of a target's gap over the uncertain inputs.",
        discussion: """
            The scenario's uncertainty: section gives the inputs. The design has N rows
            in each of Saltelli's matrices A and B from GSL's Sobol sequence, so N·(d +
            2) runs to the target's deadline for d inputs; first-order indices by
            Saltelli (2010), total indices by Jansen (1999), 95% intervals from 200
            bootstrap resamples. The gap is threshold − value at the deadline (failing
            units − ½ for targets on every unit). The same on any number of threads.

            Examples:
              yanglao sensitivity Scenarios/liaoning/variants/uncertain.yaml \\
                  --target ln.street-centres --samples 32
              yanglao sensitivity Scenarios/anshan/variants/uncertain.yaml \\
                  --target as.nursing-bed-share --out sobol.csv
            """)

    @OptionGroup var options: ScenarioOptions

    @Option(help: "The target's id (yanglao targets lists them).")
    var target: String

    @Option(help: "N, rows of each of the matrices A and B (runs: N·(inputs + 2)).")
    var samples: Int = 64

    @Option(help: "Threads (default: every core).")
    var threads: Int?

    @Option(help: "Write the indices to this CSV file.")
    var out: String?

    @Flag(help: "Replace an existing --out file.")
    var overwrite = false

    func validate() throws {
        if samples < 2 { throw ValidationError("--samples must be at least 2") }
        if let out { try OutputFile.checkWritable(out, overwrite: overwrite, option: "--out") }
    }

    func run() throws {
        let template = try options.loadTemplate()
        let english = options.lang == .en
        let showsProgress = !options.quiet && isatty(STDERR_FILENO) == 1
        let outcome = try Yanglao.call(options.lang) {
            try Planning.sensitivity(
                SensitivityRequest(
                    template: template, target: target, samples: samples,
                    threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, out: out)
            ) { done, total in
                guard showsProgress, done % 10 == 0 || done == total else { return }
                Console.errorInline("\r\(done)/\(total)" + (done == total ? "\n" : ""))
            }
        }
        guard !options.quiet else { return }
        let indices = outcome.indices
        var lines: [String] = [
            english
                ? "Sobol indices of the gap of \(target) (\(indices.evaluations) runs, N = \(indices.samples); mean gap \(String(format: "%.4g", outcome.meanShortfall))); 95% bootstrap intervals in brackets:"
                : "目标 \(target) 缺口的 Sobol 指数（运行 \(indices.evaluations) 次，N = \(indices.samples)；平均缺口 \(String(format: "%.4g", outcome.meanShortfall))）；方括号内为 95% 自助法区间：",
            "  " + (english ? "input" : "参数").padding(toLength: 48, withPad: " ", startingAt: 0)
                + " " + (english ? "first order" : "一阶指数").leftPadded(22) + " "
                + (english ? "total" : "总指数").leftPadded(22),
        ]
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        for (i, input) in outcome.inputs.enumerated() {
            let first =
                "\(f(indices.firstOrder[i])) [\(f(indices.firstOrderInterval[i].lowerBound)), \(f(indices.firstOrderInterval[i].upperBound))]"
            let total =
                "\(f(indices.total[i])) [\(f(indices.totalInterval[i].lowerBound)), \(f(indices.totalInterval[i].upperBound))]"
            lines.append(
                "  "
                    + input.name.padding(
                        toLength: max(48, input.name.count), withPad: " ", startingAt: 0)
                    + " " + first.leftPadded(22) + " " + total.leftPadded(22))
        }
        if indices.variance == 0 {
            lines.append(
                english
                    ? "The gap does not vary over the inputs: every index is 0."
                    : "缺口不随参数变化：各指数均为 0。")
        }
        if let out { lines.append(english ? "Written to \(out)." : "已写入 \(out)。") }
        Console.out(lines.joined(separator: "\n"))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
