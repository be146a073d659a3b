import ArgumentParser
import Foundation
import Geography
import Planning
import Reports

/// `yanglao compare RUN_DIR RUN_DIR…`: runs side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs of one region side by side (HTML).",
        discussion: """
            Writes one page with every target's verdict and first year met in each run, the
            money each spends and the key trajectories overlaid; rows where the runs differ
            are marked.

            Examples:
              yanglao compare Output/anshan/baseline Output/anshan-plan/run1 \\
                --out compare.html
            """)

    @Argument(help: "Two or more run folders of the same planning region.")
    var runs: [String]

    @Option(help: "The HTML file to write.")
    var out: String

    @OptionGroup var options: RunFolderOptions

    func run() throws {
        let written = try Yanglao.call(options.lang) {
            try Planning.compare(
                runs, out: out, language: options.language, overwrite: options.overwrite,
                version: Yanglao.version)
        }
        options.say(written)
    }
}
