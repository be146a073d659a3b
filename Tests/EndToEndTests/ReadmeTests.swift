import Foundation
import Testing

/// The README's examples are run and their output compared, so that the README stays true.
@Suite struct ReadmeTests {
    let readme = (try? String(contentsOfFile: repository + "/README.md", encoding: .utf8)) ?? ""

    /// The lines printed after `$ command` in a console block of the README, up to the next
    /// `$` line or the end of the block.
    func printed(after command: String) -> [String] {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "$ " + command) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.hasPrefix("$") && !$0.hasPrefix("```") })
    }

    @Test func theBrokenExamplePrintsWhatTheReadmeShows() throws {
        let shown = printed(after: ".build/release/yanglao validate Examples/broken --lang en")
        #expect(shown.count == 7)
        let result = try yanglao(["validate", "Examples/broken", "--lang", "en"])
        #expect(result.status == 64)
        #expect(printed(after: "echo $?") == ["64"])
        #expect(result.errors.split(separator: "\n").map(String.init) == shown)
    }

    @Test func theQuickStartSummaryIsWhatTheAnshanScenarioPrints() throws {
        // The lines between the command and the run folder's path, which changes every run.
        let shown = printed(
            after:
                "make run      # installs libgsl-dev libglpk-dev libxlsxwriter-dev if missing (as root), builds, runs Scenarios/anshan"
        )
        #expect(shown.count == 6)
        let result = try yanglao(["validate", "Scenarios/anshan"])
        let summary = result.output.split(separator: "\n").map(String.init).dropLast()
        #expect(Array(shown[1...3]) == Array(summary))
        #expect(shown[4].hasPrefix("运行结果已写入 Output/anshan/"))
    }
}

/// The coverage examples of the README, run in a temporary folder.
@Suite struct CoverageReadmeTests {
    let readme = (try? String(contentsOfFile: repository + "/README.md", encoding: .utf8)) ?? ""

    /// Every `$ yanglao coverage|site …` line of the README with the lines it prints.
    var examples: [(arguments: [String], printed: [String])] {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.indices.compactMap { index in
            let line = lines[index]
            guard line.hasPrefix("$ yanglao coverage ") || line.hasPrefix("$ yanglao site ") else {
                return nil
            }
            let printed = lines[(index + 1)...].prefix {
                !$0.hasPrefix("$") && !$0.hasPrefix("```")
            }
            return (line.split(separator: " ").dropFirst(2).map(String.init), Array(printed))
        }
    }

    @Test func theCoverageAndSitingExamplesPrintWhatTheReadmeShows() throws {
        #expect(examples.count == 2)
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(
            atPath: folder.path + "/Output", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/Examples", withDestinationPath: repository + "/Examples")
        for (arguments, printed) in examples {
            let result = try yanglao(arguments, in: folder.path)
            #expect(result.status == 0, "\(result.errors)")
            let lines = result.output.split(separator: "\n").map(String.init)
            // All but the timing ("… s") and the list of files written.
            let stable = { (text: [String]) in
                text.filter { !$0.hasPrefix("Written:") }.map { line in
                    line.hasPrefix("Objective ") ? String(line.prefix { $0 != "," }) : line
                }
            }
            #expect(stable(lines) == stable(printed))
            #expect(lines.last == printed.last)
        }
    }
}
