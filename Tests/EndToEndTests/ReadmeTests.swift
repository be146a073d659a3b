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

/// The facilities example of the README prints what the README shows.
@Suite struct FacilitiesReadmeTests {
    let readme = (try? String(contentsOfFile: repository + "/README.md", encoding: .utf8)) ?? ""

    @Test func theFacilitiesExamplePrintsWhatTheReadmeShows() throws {
        let command =
            ".build/release/yanglao facilities Examples/facilities --population Examples/facilities/elderly.csv --overwrite"
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "$ " + command))
        let shown = Array(lines[(start + 1)...].prefix { !$0.hasPrefix("```") })
        #expect(shown.count == 7)
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
