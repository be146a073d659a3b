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

    // Chinese by default: the same 2 errors at the same places, with 错误 for error.
    @Test func theBrokenExamplePrintsWhatTheReadmeShowsInChineseByDefault() throws {
        let shown = printed(after: ".build/release/yanglao validate Examples/broken")
        #expect(shown.count == 7)
        #expect(shown.last == "共 2 个错误，未生成任何输出。")
        let result = try yanglao(["validate", "Examples/broken"])
        #expect(result.status == 64)
        #expect(result.errors.split(separator: "\n").map(String.init) == shown)
    }

    @Test func theQuickStartOutputIsWhatRunningTheDefaultScenarioPrints() throws {
        let shown = printed(
            after:
                "make run      # installs libgsl-dev libglpk-dev libxlsxwriter-dev if missing (as root), builds, runs Anshan's plan"
        ).filter { !$0.isEmpty }
        // The README shows the command make runs, what it prints, and the run folder and
        // report, whose folder name (the time) changes every run.
        let folder = try TemporaryFolder()
        let scenario = "Scenarios/anshan/variants/plan.yaml"
        let result = try yanglao(["run", scenario, "--out", folder.path])
        #expect(result.status == 0)
        let printed = result.output.split(separator: "\n").map(String.init)
        #expect(shown.first == ".build/release/yanglao run " + scenario)
        #expect(Array(shown.dropFirst().dropLast(2)) == Array(printed.dropLast(2)))
        #expect(shown.dropLast().last?.hasPrefix("运行结果已写入 Output/anshan-plan/") == true)
        #expect(shown.last?.hasPrefix("2025年度目标报告：Output/anshan-plan/") == true)
        #expect(shown.last?.hasSuffix("/report-2025.html") == true)
        #expect(printed.dropLast().last?.hasPrefix("运行结果已写入 \(folder.path)/anshan-plan/") == true)
        #expect(printed.last?.hasSuffix("/report-2025.html") == true)
    }

    @Test(
        "The population projection examples print what the README shows",
        arguments: ["yanglao project", "yanglao lifetable", "yanglao backtest"])
    func populationExamples(command: String) throws {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = try #require(lines.first { $0.hasPrefix("$ " + command + " ") })
        let shown = printed(after: String(line.dropFirst(2)))
        #expect(!shown.isEmpty)
        // Run from the repository with the outputs in a temporary folder.
        let folder = try TemporaryFolder()
        var arguments = line.dropFirst(2).split(separator: " ").map(String.init).dropFirst()
            .map { $0 }
        var outputs: [String: String] = [:]
        for index in arguments.indices.dropFirst()
        where ["--out", "--births-out"].contains(arguments[index - 1]) {
            outputs[folder.path + "/" + arguments[index]] = arguments[index]
            arguments[index] = folder.path + "/" + arguments[index]
        }
        let result = try yanglao(arguments)
        #expect(result.status == 0, "\(result.errors)")
        var output = result.output
        for (path, name) in outputs { output = output.replacingOccurrences(of: path, with: name) }
        #expect(output.split(separator: "\n").map(String.init) == shown)
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

/// The facilities example of the README prints what the README shows.
@Suite struct FacilitiesReadmeTests {
    let readme = (try? String(contentsOfFile: repository + "/README.md", encoding: .utf8)) ?? ""

    @Test func theFacilitiesExamplePrintsWhatTheReadmeShows() throws {
        let command =
            ".build/release/yanglao facilities Examples/facilities --population Examples/facilities/elderly.csv --overwrite"
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "$ " + command))
        let shown = Array(lines[(start + 1)...].prefix { !$0.hasPrefix("```") })
        #expect(shown.count == 9)
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "facilities", "Examples/facilities", "--population", "Examples/facilities/elderly.csv",
            "--out", folder.path + "/out",
        ])
        #expect(result.status == 0)
        let printed = result.output.split(separator: "\n").map(String.init)
        // Every line but the last, which names the output folder.
        #expect(Array(printed.dropLast()) == Array(shown.dropLast()))
        #expect(shown.last == "运行结果已写入 Output/facilities-example/facilities")
    }
}
