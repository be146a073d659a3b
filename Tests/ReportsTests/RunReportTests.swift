import Diagnostics
import Foundation
import Geography
import Provenance
import ScenarioFiles
import Simulation
import Targets
import Testing

@testable import Reports

/// A run of `Examples/small-city` (every figure worked out by hand in its README), written to
/// a temporary run folder.
final class SmallCityRun {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    let loaded: LoadedScenario
    let result: SimulationResult
    let folder: String

    init(overrides: [String] = [], runID: String = "test") throws {
        loaded = try ScenarioLoader(overrides: overrides).load(
            Self.repository + "/Examples/small-city"
        ).get()
        result = try Simulator.run(loaded.scenario, parallelism: .serial)
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID())/\(runID)")
            .path
        let outputs = try RunOutputs(
            record: loaded.record, result: result, runID: runID, formats: ReportFormat.allCases,
            language: .chinese,
            facts: .init(toolVersion: "9.9.9", started: Date(timeIntervalSince1970: 0)))
        try RunFolder(path: folder).write(outputs.files, overwrite: false)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent)
    }

    func read(version: String = "9.9.9") -> (RunData?, [Diagnostic]) {
        var log = DiagnosticLog()
        let data = RunFolderReader.read(folder, toolVersion: version, log: &log)
        return (data, log.diagnostics)
    }
}

@Suite struct RunReportTests {
    // Second method: the run folder read back judges every target the same way as the run.
    @Test func aRunFolderReadBackGivesTheSameVerdicts() throws {
        let run = try SmallCityRun()
        let (read, diagnostics) = run.read()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let data = try #require(read)
        #expect(data.targets.count == 8)
        for (original, again) in zip(run.result.targets, data.targets) {
            #expect(original.target.id == again.target.id)
            #expect(original.summary.map(\.status) == again.summary.map(\.status))
            #expect(original.summary.map(\.actionGap) == again.summary.map(\.actionGap))
            #expect(original.firstYearMet == again.firstYearMet)
        }
        #expect(data.label == "示例城市（手算校验用）")
        #expect(data.reportYear == 2022)
        // Capital spending 2021 (README): 12,500,000 yuan from the welfare lottery.
        #expect(
            data.costs.filter { $0.region == data.region && $0.year == 2021 }.map(\.yuan) == [
                12_500_000
            ])
    }

    @Test func theAnnualReportHasOneRowAndOneChartPerTarget() throws {
        let run = try SmallCityRun()
        let data = try #require(run.read().0)
        let report = try AnnualReport(data: data, year: 2022, language: .chinese)
        let html = report.html()
        let table = try #require(html.range(of: "<table class=\"targets\">"))
        let rows = html[table.upperBound...].prefix { _ in true }.components(
            separatedBy: "</table>")[0]
        #expect(rows.components(separatedBy: "<tr>").count - 1 == 1 + 8)  // header + 8 targets
        #expect(html.components(separatedBy: "<svg ").count - 1 == 8)
        // The street-centre gap in 2021 is one street (README); the meal sites are met late.
        let english = try AnnualReport(data: data, year: 2021, language: .english).html()
        #expect(english.contains("build centres in 1 more streets"))
        #expect(english.contains("convert 45 more institutional beds to nursing beds"))
        #expect(html.contains("逾期达成"))
        // Self-contained: no scripts, no links, nothing fetched (SVG's xmlns is only a name).
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
    }

    // The CSV and the workbook's Targets sheet hold the same figures: the 2022 values of the
    // README (nursing share 280/550, 550 beds, 3/6 streets…), read back from the sheet's XML.
    @Test func theCSVAndTheWorkbookAgree() throws {
        let run = try SmallCityRun()
        let data = try #require(run.read().0)
        let report = try AnnualReport(data: data, year: 2022, language: .chinese)
        let csv = String(decoding: report.csv().dropFirst(3), as: UTF8.self)
        let lines = csv.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(lines.count == 9)
        let values = lines.dropFirst().map { String($0[3]) }
        #expect(values == ["0.509091", "550", "0.5", "1", "2", "0.090909", "0.105263", "0.6"])
        let sheet = try unzip(report.workbook(), part: "xl/worksheets/sheet2.xml")
        for value in ["550", "0.5", "0.6"] { #expect(sheet.contains("<v>\(value)</v>")) }
        #expect(
            sheet.contains("<v>0.50909090909090904</v>")
                || sheet.contains("<v>0.509090909090909</v>"))
    }

    @Test func theJSONSummaryCountsTheVerdicts() throws {
        let run = try SmallCityRun()
        let data = try #require(run.read().0)
        let json = try AnnualReport(data: data, year: 2022, language: .chinese).json()
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        // 2022: met 5 (nursing, beds, streets, county homes, circle), missed 2, met late 1.
        #expect(object["counts"] as? [String: Int] == ["met": 5, "missed": 2, "met_late": 1])
    }

    // Shortfalls against the region's thresholds (README figures): nursing share 50%: 铁东区
    // 0.5 × 300 − 130 = 20 beds; urban communities 100%: 铁东区 10, 海城市 6, 台安县 1; the
    // circle 55%: 台安县 0.55 × 900 − 300 = 195 persons.
    @Test func theDistrictComparisonFindsWhoHoldsTheRegionBack() throws {
        let run = try SmallCityRun()
        let data = try #require(run.read().0)
        let comparison = try DistrictComparison(
            data: data, level: .county, year: 2022, language: .chinese)
        #expect(comparison.units.map { data.tree.regions[$0].name } == ["铁东区", "台安县", "海城市"])
        func target(_ id: String) throws -> Target {
            try #require(comparison.target(for: IndicatorCatalogue.indicator(id)!))
        }
        let nursing = IndicatorCatalogue.indicator("nursing-bed-share-institutional")!
        #expect(comparison.shortfalls(try target(nursing.id)) == [20, 0, 0])
        #expect(comparison.shortfalls(try target("urban-community-coverage")) == [10, 1, 6])
        #expect(comparison.shortfalls(try target("fifteen-minute-circle-share")) == [0, 195, 0])
        // Nursing shares 130/300, 50/100, 100/150: 海城市 first, 铁东区 last.
        #expect(comparison.ranks(nursing) == [3, 2, 1])
        // Only failing targets are broken down: the region's nursing share, 280/550 = 50.9%,
        // meets its 50%, so 铁东区's 20 beds are not listed; the urban communities (ex.) are.
        let page = comparison.html()
        #expect(!page.contains("再将 20 张机构床位改造为护理型床位"))
        // Urban communities covered: 铁东区 1/6, 台安县 and 海城市 none: the two share rank 2.
        #expect(
            comparison.ranks(IndicatorCatalogue.indicator("urban-community-coverage")!) == [
                1, 2, 2,
            ])
        // Service beds are ranked per 1,000 people aged 60+: beds ÷ aged 60+ × 1,000 from the
        // indicator table (铁东区 250, 台安县 111.1, 海城市 166.7), not by their count.
        let beds = IndicatorCatalogue.indicator("service-beds")!
        let older = IndicatorCatalogue.indicator("aged-60-plus")!
        for unit in comparison.units {
            let perThousand =
                data.indicators.value(beds, year: 2022, region: unit)!.value
                / data.indicators.value(older, year: 2022, region: unit)!.value * 1000
            #expect(abs(comparison.rankedValue(beds, unit)! - perThousand) < 1e-9)
        }
        #expect(comparison.ranks(beds) == [1, 3, 2])
        #expect(page.contains("差距来源：ex.urban-community"))
        #expect(page.contains("<td>铁东区</td><td>在另外 10 个城镇社区配建养老服务设施</td>"))
        // Colours by the distance to the 50% threshold: 铁东区 at 130/300 sits at
        // 0.5 × (130/300)/0.5 = 0.4333…; the other two meet it.
        let standings = comparison.units.map { comparison.standing(nursing, $0) }
        #expect(abs(standings[0]! - 130.0 / 300) < 1e-12)
        #expect(standings[1] == 1 && standings[2] == 1)
        // Context without a target (the older population) is shown, never ranked.
        #expect(
            comparison.ranks(IndicatorCatalogue.indicator("aged-60-plus")!).allSatisfy { $0 == nil }
        )
    }

    @Test func villagesAreNotComparedOneByOne() throws {
        let run = try SmallCityRun()
        let data = try #require(run.read().0)
        #expect {
            try DistrictComparison(data: data, level: .village, year: 2022, language: .chinese)
        } throws: { error in
            "\(error)".contains("--level township")
        }
    }

    // A variant without lottery money in 2022: the meal site (the only action of 2022) is not
    // paid for, so the meal-site target is never met there; the runs differ on it alone.
    @Test func theScenarioComparisonMarksWhereRunsDiffer() throws {
        let base = try SmallCityRun(runID: "base")
        let variant = try SmallCityRun(
            overrides: ["investment.budget.welfare_lottery={2021: 20000000}"], runID: "no-meals")
        let comparison = try ScenarioComparison(
            runs: [try #require(base.read().0), try #require(variant.read().0)], language: .chinese)
        #expect(comparison.targetIDs.filter(comparison.differs) == ["ex.meal-sites"])
        #expect(comparison.html().contains("<tr class=\"diff\"><td>ex.meal-sites</td>"))
    }

    @Test func badRunFoldersAreRefusedWithTheReason() throws {
        var log = DiagnosticLog()
        #expect(RunFolderReader.read("/nonexistent/run", toolVersion: "9.9.9", log: &log) == nil)
        #expect(log.diagnostics.first?.problem == .fileNotFound(path: "/nonexistent/run"))
        let run = try SmallCityRun()
        #expect(run.read(version: "1.0.0").0 == nil)
        #expect(
            run.read(version: "1.0.0").1.first?.problem.message(in: .en).contains("yanglao 9.9.9")
                == true)
        try FileManager.default.removeItem(atPath: run.folder + "/indicators.csv")
        let (data, diagnostics) = run.read()
        #expect(data == nil)
        #expect(diagnostics.first?.location.file == run.folder + "/indicators.csv")
        #expect(throws: AnnualReport.ReportError.yearOutsideRun(year: 2030, years: 2020...2022)) {
            try AnnualReport(data: run.result.asData, year: 2030, language: .chinese)
        }
    }

    func unzip(_ bytes: [UInt8], part: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wb-\(UUID()).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["unzip", "-p", file.path, part]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }
}

extension SimulationResult {
    var asData: RunData { RunData(result: self, toolVersion: "9.9.9", runID: "test") }
}
