import Foundation
import ScenarioFiles
import Simulation
import Testing

@testable import Reports

/// The need-and-supply table of `Examples/need` (worked by hand in its README) in the
/// annual report's HTML and JSON and in the district comparison: the same figures in each.
@Suite struct NeedAndSupplyReportTests {
    let data: RunData

    init() throws {
        let loaded = try ScenarioLoader().load(SmallCityRun.repository + "/Examples/need").get()
        data = try Simulator.run(loaded.scenario, parallelism: .serial).asData
    }

    // 2021 (README): 台安县 needs 405 beds, has 100, 305 wait, short since 2020; 海城市 needs
    // 57.24, has 50, short from 2021; 铁东区 never short.
    @Test func theTableShowsNeedAgainstSupplyAndTheFirstYearShort() throws {
        let need = NeedAndSupply(data: data)
        #expect(need.isComputed)
        let rows = need.rows(need.defaultUnits, year: 2021)
        #expect(rows.count == 4)
        let byCode = Dictionary(
            uniqueKeysWithValues: rows.map { (data.tree.regions[$0.region].code.shortForm, $0) })
        #expect(byCode["210321"]?.bedsNeeded == 405)
        #expect(byCode["210321"]?.waiting == 305)
        #expect(byCode["210321"]?.firstYearShort == 2020)
        #expect(byCode["210381"]?.firstYearShort == 2021)
        #expect(byCode["210302"]?.firstYearShort == nil)
        let report = try AnnualReport(data: data, year: 2021, language: .chinese)
        let html = report.html()
        #expect(html.contains("需求与供给"))
        #expect(html.contains("<td class=\"num\">405</td>") || html.contains(">405<"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json())) as? [String: Any])
        let lines = try #require(json["need_and_supply"] as? [[String: Any]])
        let taian = try #require(lines.first { $0["region"] as? String == "210321" })
        #expect(taian["beds_needed"] as? Double == 405)
        #expect(taian["first_year_short"] as? Int == 2020)
        let districts = try DistrictComparison(
            data: data, level: .county, year: 2021, language: .english)
        #expect(districts.html().contains("Need and supply"))
    }
}
