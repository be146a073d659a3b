import Foundation
import Testing

/// `yanglao optimise` end to end on `Examples/small-city`: the folder it writes, the variant
/// read back and run, and its refusals of bad input.
@Suite struct OptimiseCommandTests {
    /// A CSV written by the command, as rows of fields (no quoted commas in these tables).
    func rows(_ path: String) throws -> [[String]] {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The small city's plan has 2 × 20,000,000 yuan of lottery money. Worked by hand from
    /// its tables (unit-costs.csv, the plan's lines): the care-type home of 100 nursing-type
    /// beds costs 100 × 100,000 = 10,000,000 yuan, the street centre 2,000,000, a meal site
    /// 50,000 and each converted bed 10,000. The home and the centre open a year after
    /// funding, so by the 2022 deadlines they must be funded in 2021, and the meal site (due
    /// 2021) too: 12,050,000 yuan in 2021 plus the conversions, more than the 10,000,000 a
    /// year of half the budget, so the frontier gains the last two targets only between 50 %
    /// and 75 % (15,000,000 a year).
    @Test func smallCityOptimisedVariantRunsAndMeetsWhatTheProgramClaims() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/optimised"
        let result = try yanglao([
            "optimise", "Examples/small-city", "--out", out, "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            folder.listing("optimised") == [
                "allocation.csv", "comparison.csv", "frontier.csv", "optimised.yaml",
            ])
        #expect(!result.output.contains("disagree"))

        // Every target the program says it meets, the simulator judges met.
        let comparison = try rows(out + "/comparison.csv")
        #expect(
            comparison[0] == [
                "target", "indicator", "deadline", "plan_verdict", "optimised_verdict",
                "program_says_met",
            ])
        // The plan's verdicts are the run's own: `run` on the same scenario gives the same
        // verdict per target and the same count of targets met.
        let planRun = try yanglao([
            "run", "Examples/small-city", "--out", folder.path + "/plan", "--run-id", "plan",
            "--lang", "en", "--format", "csv",
        ])
        #expect(planRun.status == 0, "\(planRun.errors)")
        let targets = try rows(folder.path + "/plan/small-city/plan/targets.csv")
        let verdictColumn = try #require(targets[0].firstIndex(of: "verdict"))
        let runVerdicts = Dictionary(
            targets.dropFirst().map { ($0[0], $0[verdictColumn]) }, uniquingKeysWith: { a, _ in a })
        for row in comparison.dropFirst() { #expect(runVerdicts[row[0]] == row[3], "\(row[0])") }
        let met = comparison.dropFirst().filter { $0[3] == "met" }.count
        #expect(result.output.contains("the plan meets \(met),"))
        #expect(planRun.output.contains("Target verdicts: \(met) met"))
        let claimed = comparison.dropFirst().filter { $0[5] == "yes" }
        #expect(claimed.count == 5)
        for row in claimed { #expect(row[4] == "met", "\(row[0])") }

        // The allocation, priced by hand.
        let allocation = try rows(out + "/allocation.csv").dropFirst()
        let byAction = Dictionary(grouping: allocation, by: { $0[0] })
        #expect(byAction["care_home"]?.map { $0[1] } == ["210381"])
        #expect(byAction["care_home"]?.first?[5] == "10000000")
        #expect(byAction["street_centre"]?.first?[5] == "2000000")
        #expect(byAction["meal_site"]?.first?[5] == "50000")
        let converted = byAction["convert_to_nursing"]?.reduce(0) { $0 + Int($1[4])! } ?? 0
        let total = allocation.reduce(0.0) { $0 + Double($1[5])! }
        #expect(total == 12_050_000 + 10_000 * Double(converted))

        // The frontier: nothing at 0 %, all five modelled targets from 75 %.
        let frontier = try rows(out + "/frontier.csv")
        #expect(frontier[1][0] == "0" && frontier[1][2] == "0" && frontier[1][5] == "0")
        #expect(frontier[3][0] == "0.5" && Int(frontier[3][2])! < 5)
        #expect(frontier[4][0] == "0.75" && frontier[4][2] == "5")

        // The variant runs as any scenario does, and the YAML it is written as gives the
        // verdicts optimise found on the typed variant (which it never reads back).
        let run = try yanglao([
            "run", out + "/optimised.yaml", "--out", folder.path + "/runs", "--quiet",
            "--format", "csv", "--run-id", "variant",
        ])
        #expect(run.status == 0, "\(run.errors)")
        let variant = try rows(folder.path + "/runs/small-city-optimised/variant/targets.csv")
        let variantVerdicts = Dictionary(
            variant.dropFirst().map { ($0[0], $0[verdictColumn]) }, uniquingKeysWith: { a, _ in a })
        for row in comparison.dropFirst() {
            #expect(variantVerdicts[row[0]] == row[4], "\(row[0])")
        }
    }

    /// Bad options and an unknown weight id: exit 64 with the reason (and for the scenario
    /// file, its line and column), and nothing written.
    @Test(arguments: [
        (["--budget=-5"], "--budget must be a number of yuan, 0 or more"),
        (["--time-limit", "0"], "--time-limit must be more than 0 seconds"),
        (["--time-limit=-3"], "--time-limit must be more than 0 seconds"),
        (["--gap", "1.5"], "--gap must be a fraction from 0 to below 1"),
    ])
    func badOptionsAreRefusedWithExit64(_ extra: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/optimised"
        let result = try yanglao(["optimise", "Examples/small-city", "--out", out] + extra)
        #expect(result.status == 64)
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func anExistingOutputFolderIsNeverOverwritten() throws {
        let folder = try TemporaryFolder()
        try folder.write("optimised/keep.txt", Array("keep".utf8))
        let result = try yanglao([
            "optimise", "Examples/small-city", "--out", folder.path + "/optimised",
        ])
        #expect(result.status == 64)
        #expect(result.errors.contains("exists"))
        #expect(folder.listing("optimised") == ["keep.txt"])
    }

    @Test func anUnknownTargetWeightIsALocatedErrorWithExit64() throws {
        let folder = try TemporaryFolder()
        let variant = folder.path + "/weights.yaml"
        try folder.write(
            "weights.yaml",
            Array(
                """
                id: small-city-weights
                extends: \(repository)/Examples/small-city
                optimisation:
                  weights: {ex.nursing-shares: 2}

                """.utf8))
        let result = try yanglao(["optimise", variant, "--out", folder.path + "/out"])
        #expect(result.status == 64)
        #expect(result.errors.contains("weights.yaml:4:13: 错误:"), "\(result.errors)")
        #expect(result.errors.contains("did you mean 'ex.nursing-share'?"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }
}

/// The README's optimisation example prints what the README shows (but the solve's time).
@Suite struct OptimiseReadmeTests {
    @Test func theReadmeExamplePrintsWhatTheReadmeShows() throws {
        let readme = try String(contentsOfFile: repository + "/README.md", encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        let command =
            "$ yanglao optimise Scenarios/anshan/variants/plan.yaml --out Output/anshan-optimised --lang en"
        let start = try #require(lines.firstIndex(of: command))
        let shown = Array(
            lines[(start + 1)...].prefix { !$0.hasPrefix("$") && !$0.hasPrefix("```") })
        let folder = try TemporaryFolder()
        let out = folder.path + "/anshan-optimised"
        let result = try yanglao([
            "optimise", "Scenarios/anshan/variants/plan.yaml", "--out", out, "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let printed = result.output.split(separator: "\n").map(String.init)
        #expect(printed.count == shown.count)
        // Every line but the solve's time and the folder's name.
        func stable(_ line: String) -> String {
            line.replacingOccurrences(of: out, with: "Output/anshan-optimised")
                .split(separator: ",").dropLast(line.hasPrefix("Solve:") ? 1 : 0)
                .joined(separator: ",")
        }
        #expect(printed.map(stable) == shown.map(stable))
        let run = try yanglao(["run", out + "/optimised.yaml", "--quiet", "--out", folder.path])
        #expect(run.status == 0, "\(run.errors)")
    }
}
