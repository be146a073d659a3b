import Foundation
import Testing

@Suite struct RunCommandTests {
    /// The files of a run folder, in name order.
    static let outputs = [
        "boundaries.geojson", "budget.csv", "costs.csv", "coverage-2025.geojson",
        "failing-units.csv", "indicators.csv",
        "manifest.json", "plan.csv", "regions.csv", "report-2025.csv", "report-2025.html",
        "report-2025.json", "report-2025.xlsx", "scenario.resolved.yaml",
        "service-list-budget.csv", "service-list-costs.csv", "service-list-items.csv", "stock.csv",
        "target-definitions.csv", "targets.csv",
    ]

    func manifest(_ path: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: path + "/manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `sha256sum` of a file: a second implementation to check the manifest against.
    func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    @Test func runningAnshanWritesTheResolvedScenarioAndAManifest() throws {
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "run", "Scenarios/anshan", "--out", folder.path, "--run-id", "first",
        ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("运行结果已写入 \(folder.path)/anshan/first"))
        #expect(
            folder.listing() == ["anshan", "anshan/first"]
                + Self.outputs.map { "anshan/first/" + $0 })
        let run = folder.path + "/anshan/first"
        let manifest = try manifest(run)
        #expect(manifest["seed"] as? Int == 20_210_222)
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(
            inputs.map { $0["file"] as? String } == [
                "Scenarios/anshan/scenario.yaml", "Scenarios/anshan/regions.csv",
                "Scenarios/anshan/boundaries-counties.geojson",
                "Scenarios/anshan/population-2020-census.csv",
                "Scenarios/anshan/cohort-sizes-births.csv",
                "Scenarios/anshan/death-rates-wpp2024.csv",
                "Scenarios/anshan/fertility-pattern-wpp2024.csv",
                "Scenarios/anshan/net-migration-census-residual.csv",
                "Scenarios/anshan/capability-levels.csv",
                "Scenarios/anshan/urban-rural-2020-census.csv",
                "Scenarios/targets/001-anshan-2021.yaml",
                "Scenarios/targets/004-liaoning-2022.yaml",
                "Scenarios/targets/000-liaoning-2023.yaml",
                "Scenarios/anshan/facilities-2020-synthetic.csv", "Scenarios/anshan/unit-costs.csv",
                "Scenarios/service-lists/000-liaoning-2023.yaml",
                "Scenarios/service-lists/001-anshan-2021.yaml",
            ])
        for input in inputs {
            let file = repository + "/" + (input["file"] as? String ?? "")
            #expect(input["sha256"] as? String == (try sha256sum(file)))
            #expect(
                input["bytes"] as? Int
                    == (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int))
        }
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        #expect(
            outputs.first?["sha256"] as? String == (try sha256sum(run + "/scenario.resolved.yaml")))
        let scenario = try #require(manifest["scenario"] as? [String: Any])
        let resolved = try #require(scenario["resolved"] as? [String: Any])
        #expect(resolved["horizon"] as? Int == 2035)
        #expect(resolved["region"] as? String == "2103")
        let timings = try #require(
            (manifest["run"] as? [String: Any])?["timings_ms"] as? [String: Any])
        #expect(
            Set(timings.keys) == [
                "load", "demography", "facilities", "coverage", "indicators and targets",
            ])
    }

    // Anshan's plan ranks its stations, centres, meal sites and family beds by
    // most_uncovered_elderly, but no unit with older residents has a location: the run says
    // once, on the console and in the reports (read back in English too), that presence
    // ranks them instead.
    @Test func theFallbackOfMostUncoveredElderlyIsSaidOnce() throws {
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "run", "Scenarios/anshan", "--out", folder.path, "--run-id", "n", "--format", "json",
            "--set", "coverage.estimate_locations=no",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let chinese = "改用按设施有无，优先无该类设施单元的老年人口"
        #expect(result.output.components(separatedBy: chinese).count == 2)
        let run = folder.path + "/anshan/n"
        let report = try String(contentsOfFile: run + "/report-2025.json", encoding: .utf8)
        #expect(report.components(separatedBy: chinese).count == 2)
        let english = try yanglao(["report", run, "--lang", "en", "--format", "json"])
        #expect(english.status == 0, "\(english.errors)")
        let text = try String(contentsOfFile: run + "/report-2025-en.json", encoding: .utf8)
        #expect(text.components(separatedBy: "Units are ranked by presence instead").count == 2)
    }

    // Who the circle counts is said once in the console and in the report, in either
    // language: Anshan's 2025 population aged 60+ is 1,071,829 (its indicators.csv), all of
    // them at the estimated points of its 1,177 communities and villages.
    @Test func theCircleSaysWhoItCountsInEveryOutput() throws {
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "run", "Scenarios/anshan", "--out", folder.path, "--run-id", "d", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let chinese = "一刻钟服务圈（2025年）的分母：60岁及以上老年人 1,071,829 人"
        #expect(result.output.components(separatedBy: chinese).count == 2)
        #expect(result.output.contains("1,177 个单位（1,071,829 人）的位置为推算"))
        #expect(!result.output.contains("警告：一刻钟服务圈"))
        let run = folder.path + "/anshan/d"
        let report = try String(contentsOfFile: run + "/report-2025.json", encoding: .utf8)
        #expect(report.components(separatedBy: chinese).count == 2)
        let english = try yanglao(["report", run, "--lang", "en", "--format", "json"])
        #expect(english.status == 0, "\(english.errors)")
        let text = try String(contentsOfFile: run + "/report-2025-en.json", encoding: .utf8)
        #expect(text.contains("1,071,829 persons aged 60+"))
        let map = try String(contentsOfFile: run + "/coverage-2025.geojson", encoding: .utf8)
        #expect(map.contains("\"location\": \"estimated\""))
    }

    // Anshan's inventory is synthetic (every row of facilities-2020-synthetic.csv says so):
    // the run prints where the report is, the stock table marks the same rows, and every
    // report says the inventory is synthetic.
    @Test func aSyntheticInventoryIsLabelledInTheStockAndInEveryReport() throws {
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "run", "Scenarios/anshan/variants/plan.yaml", "--out", folder.path, "--run-id", "p",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let run = folder.path + "/anshan-plan/p"
        #expect(result.output.contains("2025年度目标报告：\(run)/report-2025.html"))
        let inventory = try String(
            contentsOfFile: repository + "/Scenarios/anshan/facilities-2020-synthetic.csv",
            encoding: .utf8
        ).split(whereSeparator: \.isNewline).dropFirst()
        let stock = try String(contentsOfFile: run + "/stock.csv", encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst()
        #expect(inventory.count > 600)
        let header = try String(contentsOfFile: run + "/stock.csv", encoding: .utf8)
            .split(whereSeparator: \.isNewline)[0].split(separator: ",")
        let column = try #require(header.firstIndex(of: "synthetic"))
        #expect(
            stock.filter {
                $0.split(separator: ",", omittingEmptySubsequences: false)[column] == "yes"
            }.count == inventory.count)
        let count = inventory.count.formatted(
            .number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        // The CSV report is a table of targets; the HTML page and the JSON carry the notes.
        for report in ["report-2025.html", "report-2025.json"] {
            let text = try String(contentsOfFile: run + "/" + report, encoding: .utf8)
            #expect(text.contains("设施清单为合成数据：\(count) 处设施"), "\(report)")
        }
        // Read back from the run folder, in English.
        let districts = try yanglao(["districts", run, "--level", "county", "--lang", "en"])
        #expect(districts.status == 0, "\(districts.errors)")
        let text = try String(
            contentsOfFile: run + "/districts-county-2025-en.html", encoding: .utf8)
        #expect(text.contains("The facility inventory is synthetic: \(count) facilities"))
    }

    // The same scenario and version give byte-identical outputs; only the manifest's run block
    // (time and timings) may differ.
    @Test func twoRunsGiveIdenticalOutputs() throws {
        let folder = try TemporaryFolder()
        for id in ["a", "b"] {
            let result = try yanglao([
                "run", "Scenarios/anshan", "--out", folder.path, "--run-id", id, "--quiet",
            ])
            #expect(result.status == 0)
            #expect(result.output.isEmpty)
        }
        let a = folder.path + "/anshan/a"
        let b = folder.path + "/anshan/b"
        for output in Self.outputs where output != "manifest.json" {
            #expect(
                FileManager.default.contents(atPath: a + "/" + output)
                    == FileManager.default.contents(atPath: b + "/" + output), "\(output)")
        }
        var first = try manifest(a)
        var second = try manifest(b)
        first["run"] = nil
        second["run"] = nil
        #expect(NSDictionary(dictionary: first) == NSDictionary(dictionary: second))
    }

    @Test func anExistingRunIsReplacedOnlyWithOverwrite() throws {
        let folder = try TemporaryFolder()
        let arguments = ["run", "Scenarios/anshan", "--out", folder.path, "--run-id", "same"]
        #expect(try yanglao(arguments).status == 0)
        let before = try manifest(folder.path + "/anshan/same")
        let refused = try yanglao(arguments + ["--set", "horizon=2030"])
        #expect(refused.status == 64)
        #expect(refused.errors.contains("--overwrite"))
        #expect(
            try manifest(folder.path + "/anshan/same")["scenario"] as? NSDictionary == before[
                "scenario"] as? NSDictionary)
        #expect(try yanglao(arguments + ["--set", "horizon=2030", "--overwrite"]).status == 0)
        let after = try manifest(folder.path + "/anshan/same")
        #expect(
            ((after["scenario"] as? [String: Any])?["resolved"] as? [String: Any])?["horizon"]
                as? Int == 2030)
        #expect(
            folder.listing("anshan") == ["same"] + Self.outputs.map { "same/" + $0 })
    }

    @Test func validateSummarisesTheScenarioInChineseOrEnglish() throws {
        let chinese = try yanglao(["validate", "Scenarios/anshan"])
        #expect(chinese.status == 0)
        #expect(chinese.output.contains("乡级 96（街道 40，镇 52，乡 3，其他乡级单位 1）"))
        #expect(chinese.output.contains("校验通过"))
        let english = try yanglao(["validate", "Scenarios/anshan", "--lang", "en"])
        #expect(
            english.output.contains(
                "96 township-level units (40 streets, 52 towns, 3 townships, 1 other)"))
        #expect(english.output.contains("The scenario is valid."))
    }

    @Test func versionHelpAndUsageErrors() throws {
        let version = try yanglao(["--version"])
        #expect(version.status == 0)
        #expect(
            version.output.trimmingCharacters(in: .whitespacesAndNewlines).range(
                of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil)
        let help = try yanglao(["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("yanglao run Scenarios/anshan"))
        let runHelp = try yanglao(["run", "--help"])
        #expect(runHelp.output.contains("--overwrite") && runHelp.output.contains("Examples"))
        #expect(try yanglao(["run"]).status == 64)
        #expect(try yanglao(["run", "Scenarios/anshan", "--lang", "fr"]).status == 64)
        #expect(try yanglao(["run", "Scenarios/anshan", "--run-id", "../x"]).status == 64)
        let missing = try yanglao(["validate", "Scenarios/no-such-place"])
        #expect(missing.status == 64)
        #expect(
            missing.errors.contains("Scenarios/no-such-place/scenario.yaml: 错误: 找不到文件"),
            "\(missing.errors)")
        #expect(missing.errors.contains("共 1 个错误，未生成任何输出。"))
        let english = try yanglao(["validate", "Scenarios/no-such-place", "--lang", "en"])
        #expect(
            english.errors.contains("Scenarios/no-such-place/scenario.yaml: error: file not found"))
        #expect(english.errors.contains("1 error; nothing was written."))
    }
}
