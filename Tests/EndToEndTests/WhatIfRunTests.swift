import Foundation
import Testing

/// A run with `--set` overrides is a what-if (假设情景) of its scenario: titled so in the HTML,
/// the workbook and the JSON, with every override (key, value as given, value in the
/// scenario) there and on the console; a report made again from the run folder says the same.
@Suite struct WhatIfRunTests {
    @Test func twoOverridesOfAnshansPlanAreListedWithTheValuesTheyReplaced() throws {
        let folder = try TemporaryFolder()
        // The scenario's values, read from Scenarios/anshan/scenario.yaml: horizon: 2035,
        // investment.carry_over: false. The report year (2025) lies within the shorter run.
        let run = try yanglao([
            "run", "Scenarios/anshan/variants/plan.yaml", "--out", folder.path, "--run-id", "w",
            "--set", "horizon=2030", "--set", "investment.carry_over=true",
            "--format", "html,json,xlsx",
        ])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("假设情景：情景 anshan-plan 的 2 项取值由 --set 覆盖："))
        #expect(run.output.contains("  horizon = 2030（情景中为 2035）"))
        #expect(run.output.contains("  investment.carry_over = true（情景中为 false）"))
        let path = folder.path + "/anshan-plan/w"

        let json =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: path + "/report-2025.json")))
            as! [String: Any]
        #expect((json["title"] as? String)?.hasPrefix("假设情景：鞍山市养老服务规划情景") == true)
        let whatIf = try #require(json["what_if"] as? [String: Any])
        #expect(whatIf["of"] as? String == "anshan-plan")
        let overrides = try #require(whatIf["overrides"] as? [[String: String]])
        #expect(
            overrides == [
                ["key": "horizon", "value": "2030", "scenario_value": "2035"],
                ["key": "investment.carry_over", "value": "true", "scenario_value": "false"],
            ])

        let html = try String(contentsOfFile: path + "/report-2025.html", encoding: .utf8)
        #expect(html.contains("<title>假设情景：鞍山市养老服务规划情景"))
        #expect(html.contains("<td>horizon</td><td>2030</td><td>2035</td>"))
        #expect(html.contains("<td>investment.carry_over</td><td>true</td><td>false</td>"))

        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = ["unzip", "-p", path + "/report-2025.xlsx", "xl/sharedStrings.xml"]
        let pipe = Pipe()
        unzip.standardOutput = pipe
        try unzip.run()
        let strings = String(
            decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        unzip.waitUntilExit()
        #expect(strings.contains("假设情景：鞍山市养老服务规划情景"))
        #expect(strings.contains("investment.carry_over"))

        // Made again from the run folder, in English.
        let again = try yanglao(["report", path, "--lang", "en", "--format", "json,html"])
        #expect(again.status == 0, "\(again.errors)")
        let english = try String(contentsOfFile: path + "/report-2025-en.html", encoding: .utf8)
        #expect(english.contains("<title>What-if of 鞍山市养老服务规划情景"))
        #expect(english.contains("<td>horizon</td><td>2030</td><td>2035</td>"))
    }
}
