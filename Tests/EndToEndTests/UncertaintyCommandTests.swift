import Foundation
import Testing

/// `run --draws`, `required` and `sensitivity` through the command line.
@Suite struct UncertaintyCommandTests {
    /// The small city with its 2021 conversions drawn uniformly between `minimum` and 50 beds.
    func smallCityWithDraws(minimum: Int = 40) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let source = repository + "/Examples/small-city"
        for name in try FileManager.default.contentsOfDirectory(atPath: source)
        where name.hasSuffix(".csv") || name.hasSuffix(".yaml") {
            try folder.write(
                "city/" + name,
                Array(try Data(contentsOf: URL(fileURLWithPath: source + "/" + name))))
        }
        let scenario = try String(contentsOfFile: source + "/scenario.yaml", encoding: .utf8)
        try folder.write(
            "city/scenario.yaml",
            Array(
                (scenario + """
                    uncertainty:
                      - key: investment.actions.0.convert_to_nursing.per_year
                        distribution: uniform
                        min: \(minimum)
                        max: 50
                        source: for the test

                    """).utf8))
        return folder
    }

    /// The annual report of a run with draws shows each target's probability as
    /// draws/probabilities.csv has it (formatted here from the CSV's figures), its JSON
    /// carries the same number, and `report` rewrites the same page from the folder.
    @Test func theAnnualReportShowsTheProbabilitiesOfTheDraws() throws {
        let folder = try smallCityWithDraws()
        let result = try yanglao([
            "run", folder.path + "/city", "--draws", "40", "--out", folder.path + "/out",
            "--run-id", "r", "--quiet",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let run = folder.path + "/out/small-city/r"
        let rows = try readTable(run + "/draws/probabilities.csv")
        let row = try #require(rows.first { $0["target"] == "ex.nursing-share" })
        let p = try #require(Double(row["probability"] ?? ""))
        let standardError = try #require(Double(row["standard_error"] ?? ""))
        let expected =
            String(format: "%.1f%% ± %.1f%%", p * 100, standardError * 100)
        let page = try String(contentsOfFile: run + "/report-2022.html", encoding: .utf8)
        #expect(page.contains("按期达成概率"))
        #expect(page.contains("按期达成概率：" + expected), "\(expected)")
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: try Data(contentsOf: URL(fileURLWithPath: run + "/report-2022.json")))
                as? [String: Any])
        let targets = try #require(json["targets"] as? [[String: Any]])
        let target = try #require(targets.first { $0["id"] as? String == "ex.nursing-share" })
        #expect((target["probability"] as? Double).map { abs($0 - p) < 1e-9 } == true)
        #expect(target["draws"] as? Int == 40)

        let before = FileManager.default.contents(atPath: run + "/report-2022.html")
        let report = try yanglao(["report", run, "--overwrite", "--quiet"])
        #expect(report.status == 0, "\(report.errors)")
        #expect(FileManager.default.contents(atPath: run + "/report-2022.html") == before)
    }

    /// The central run converts the scenario's 50 beds, the top of draws between 30 and 50:
    /// it meets the 50% nursing share (45 conversions needed, see below), but a draw does so
    /// only when u ≥ 44.5, with probability (50 − 44.5) / 20 = 0.275. The report flags the
    /// target and states the central value, 50, with every draw at or below it (median 40).
    @Test func aTargetMetOnlyInTheCentralRunsBestCaseIsFlagged() throws {
        let folder = try smallCityWithDraws(minimum: 30)
        let result = try yanglao([
            "run", folder.path + "/city", "--draws", "40", "--out", folder.path + "/out",
            "--run-id", "odds", "--quiet",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let run = folder.path + "/out/small-city/odds"
        let rows = try readTable(run + "/draws/probabilities.csv")
        let p = try #require(
            Double(rows.first { $0["target"] == "ex.nursing-share" }?["probability"] ?? ""))
        #expect(p < 0.5, "p = \(p)")
        let central = try readTable(run + "/draws/central.csv")
        #expect(central.count == 1)
        #expect(central.first?["input"] == "investment.actions.0.convert_to_nursing.per_year")
        #expect(central.first?["scenario_value"] == "50")
        #expect(central.first?["central_value"] == "50")
        #expect(central.first?["share_of_draws_at_or_below"] == "1")
        #expect(central.first?["median"] == "40")

        let json = try #require(
            try JSONSerialization.jsonObject(
                with: try Data(contentsOf: URL(fileURLWithPath: run + "/report-2022.json")))
                as? [String: Any])
        let targets = try #require(json["targets"] as? [[String: Any]])
        for target in targets {
            let id = target["id"] as? String
            // Only the nursing share is met centrally with p < 0.5 (the others do not depend
            // on the conversions and are met, or missed, in every draw).
            #expect(
                target["met_against_the_odds"] as? Bool == (id == "ex.nursing-share"), "\(id ?? "")"
            )
        }
        let inputs = try #require(json["central_inputs"] as? [[String: Any]])
        #expect(inputs.first?["central_value"] as? Double == 50)

        let page = try String(contentsOfFile: run + "/report-2022.html", encoding: .utf8)
        #expect(page.contains("警告：以下 1 项目标在核心运行中判为已达成，但按期达成概率低于 50%：ex.nursing-share（"))
        #expect(
            page.contains("<td>investment.actions.0.convert_to_nursing.per_year</td><td>50</td>"))
        let csv = try OneVerdictTests().csvRows(run + "/report-2022.csv")
        let flag = try #require(csv[0].firstIndex(of: "核心达成但概率低于50%"))
        #expect(csv.first { $0.first == "ex.nursing-share" }?[flag] == "是")
        #expect(csv.first { $0.first == "ex.service-beds" }?[flag] == "否")

        // `report` makes the same page again from the run folder.
        let before = FileManager.default.contents(atPath: run + "/report-2022.html")
        let report = try yanglao(["report", run, "--overwrite", "--quiet"])
        #expect(report.status == 0, "\(report.errors)")
        #expect(FileManager.default.contents(atPath: run + "/report-2022.html") == before)
    }

    @Test func runWithDrawsWritesQuantilesAndAProbabilityWithinThreeStandardErrorsOfTheExactOne()
        throws
    {
        // The count is a whole number, so a draw u ~ U(40, 50) is rounded: the target (45
        // conversions, see RequiredEffortSearchTests) is met when u ≥ 44.5, with probability
        // (50 − 44.5) / 10 = 0.55.
        let folder = try smallCityWithDraws()
        let result = try yanglao(
            [
                "run", folder.path + "/city", "--draws", "400", "--out", folder.path + "/out",
                "--run-id", "two", "--lang", "en",
            ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("400 draws of 1 uncertain inputs to 2022"))
        let probabilities = try String(
            contentsOfFile: folder.path + "/out/small-city/two/draws/probabilities.csv",
            encoding: .utf8)
        let row = try #require(
            probabilities.split(whereSeparator: \.isNewline).first {
                $0.hasPrefix("ex.nursing-share,")
            })
        let cells = row.split(separator: ",", omittingEmptySubsequences: false)
        let p = try #require(Double(cells[2]))
        let standardError = try #require(Double(cells[3]))
        #expect(cells[4] == "400")
        #expect(abs(standardError - (p * (1 - p) / 400).squareRoot()) < 1e-6)
        #expect(abs(p - 0.55) < 3 * standardError, "p = \(p)")
        let quantiles = try String(
            contentsOfFile: folder.path + "/out/small-city/two/draws/quantiles.csv",
            encoding: .utf8)
        // Nursing beds in 2022: 230 + c with c from 40 to 50, so every quantile is in 270…280.
        let nursing = quantiles.split(whereSeparator: \.isNewline).filter {
            $0.hasPrefix("nursing-beds,2103,") && $0.contains(",2022,")
        }
        let figures = try #require(nursing.first).split(separator: ",").dropFirst(4).prefix(5)
            .compactMap { Double($0) }
        #expect(figures.count == 5)
        #expect(figures.allSatisfy { (270...280).contains($0) })
        #expect(figures == figures.sorted())
        // The normal outputs are there too, and the manifest records the draws' files.
        let manifest = try String(
            contentsOfFile: folder.path + "/out/small-city/two/manifest.json", encoding: .utf8)
        #expect(manifest.contains("draws/probabilities.csv"))
        #expect(
            FileManager.default.fileExists(atPath: folder.path + "/out/small-city/two/targets.csv"))
        // The page of probabilities and fan charts, with the nursing share's chart.
        let page = try String(
            contentsOfFile: folder.path + "/out/small-city/two/draws/report.html", encoding: .utf8)
        #expect(page.contains("<section id=\"ex.nursing-share\">"))
        #expect(page.contains("class=\"band\""))
    }

    @Test func oneAndTwoThreadsWriteTheSameDraws() throws {
        let folder = try smallCityWithDraws()
        for threads in ["1", "2"] {
            let result = try yanglao([
                "run", folder.path + "/city", "--draws", "60", "--threads", threads, "--out",
                folder.path + "/out", "--run-id", "t" + threads, "--quiet",
            ])
            #expect(result.status == 0, "\(result.errors)")
        }
        for file in ["quantiles.csv", "probabilities.csv", "inputs.csv"] {
            let one = try Data(
                contentsOf: URL(fileURLWithPath: folder.path + "/out/small-city/t1/draws/" + file))
            let two = try Data(
                contentsOf: URL(fileURLWithPath: folder.path + "/out/small-city/t2/draws/" + file))
            #expect(one == two, "\(file)")
        }
    }

    @Test func drawsOfAScenarioWithoutDistributionsExitWith64() throws {
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "run", "Examples/small-city", "--draws", "10", "--out", folder.path, "--quiet",
        ])
        #expect(result.status == 64)
        #expect(result.errors.contains("scenario.yaml: 错误: 情景没有 'uncertainty:' 部分"))
    }

    @Test func requiredPrintsTheSmallestYearlyCount45() throws {
        // Worked out by hand in RequiredEffortSearchTests.
        let result = try yanglao([
            "required", "Examples/small-city", "--target", "ex.nursing-share", "--lever",
            "investment.actions.0.convert_to_nursing.per_year", "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.output.contains(
                "Smallest that meets it without making another target worse: 45 a year (scenario: 50 a year)"
            ))
    }

    @Test func sensitivityGivesTheOnlyInputAllTheVarianceAndWritesItsTable() throws {
        // With one input, the gap's variance is all the input's: S = ST = 1 up to sampling.
        let folder = try smallCityWithDraws()
        let out = folder.path + "/sobol.csv"
        let result = try yanglao([
            "sensitivity", folder.path + "/city", "--target", "ex.nursing-share", "--samples",
            "32", "--out", out, "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let table = try String(contentsOfFile: out, encoding: .utf8)
        let row = try #require(table.split(whereSeparator: \.isNewline).last)
        let cells = row.split(separator: ",")
        #expect(cells[1] == "investment.actions.0.convert_to_nursing.per_year")
        let total = try #require(Double(cells[5]))
        #expect(abs(total - 1) < 0.15)
        #expect(cells[9] == "96")
    }
}

/// The `required` example of the README on the small city, run and compared line by line.
@Suite struct UncertaintyReadmeTests {
    @Test func theRequiredExampleOnTheSmallCityPrintsWhatTheReadmeShows() throws {
        let readme = try String(contentsOfFile: repository + "/README.md", encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Every example on the small city: the plain smallest, the one that keeps the other
        // targets, and the effects of each.
        let commands = lines.indices.filter { lines[$0].hasPrefix("$ yanglao required Examples/") }
        #expect(commands.count == 3)
        for command in commands {
            let shown = Array(
                lines[(command + 1)...].prefix { !$0.hasPrefix("$") && !$0.hasPrefix("```") })
            let arguments = lines[command].dropFirst(2).split(separator: " ").dropFirst().map(
                String.init)
            let result = try yanglao(arguments)
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output.split(separator: "\n").map(String.init) == shown)
        }
    }
}
