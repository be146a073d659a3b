import CSV
import Diagnostics
import Facilities
import Foundation
import Geography
import Testing

@testable import ScenarioFiles

/// The example register `Examples/register/register.xlsx`, written by
/// Scripts/make-register-example.py: sheet 机构名录 has the mistakes that script's MISTAKES
/// lists, at the cells its layout puts them (title in row 1, header in row 2, the register's
/// rows from row 3; columns A 序号 … M 星级), and sheet 更正后 has them corrected.
@Suite struct RegisterExampleTests {
    static let folder = SmallScenario.repository + "/Examples/register"

    /// Each finding: its cell, its kind and whether it is an error.
    static let mistakes: [(cell: String, kind: String, error: Bool)] = [
        ("F4", "unmatchedName", true),  // 胜利社区 is no community of 胜利路街道
        ("I5", "invalidValue", true),  // 130 nursing beds in 120 beds
        ("H6", "implausible", false),  // 5,000 beds
        ("J7", "missingCoordinates", false),
        ("J8", "invalidValue", true),  // longitude and latitude swapped
        ("C9", "notOneOf", true),  // 养老公寓 is no facility type
        ("J10", "outsideRegion", false),  // a point in Beijing
        ("A12", "hiddenRow", false),
        ("B12", "duplicateEntry", false),  // repeats row 11
    ]

    private func cell(_ diagnostic: Diagnostic) -> String {
        SourceLocation.columnName(diagnostic.location.column) + String(diagnostic.location.line)
    }

    @Test func everyMistakeIsReportedAtItsSheetAndCell() throws {
        let failure = try #require(
            {
                if case .failure(let error) = ScenarioLoader().load(Self.folder) { return error }
                return nil
            }())
        let inRegister = failure.diagnostics.filter { $0.location.file.hasSuffix("register.xlsx") }
        #expect(inRegister.allSatisfy { $0.location.sheet == "机构名录" })
        let found = inRegister.map { (cell($0), $0.problem.kind.rawValue, $0.severity == .error) }
            .sorted { ($0.0.count, $0.0) < ($1.0.count, $1.0) }
        let expected = Self.mistakes.sorted { ($0.cell.count, $0.cell) < ($1.cell.count, $1.cell) }
        #expect(found.map(\.0) == expected.map(\.cell))
        #expect(found.map(\.1) == expected.map(\.kind))
        #expect(found.map(\.2) == expected.map(\.error))
        #expect(failure.diagnostics.errorCount == 4)
        // The unmatched name offers the township's community one edit away: 胜文社区.
        let unmatched = try #require(inRegister.first { $0.problem.kind == .unmatchedName })
        #expect(
            unmatched.problem
                == .unmatchedName(
                    name: "胜利社区", within: "胜利路街道 (410703001)",
                    suggestions: ["胜文社区居民委员会 (410703001008)"]))
        #expect(unmatched.description(in: .en).contains("register.xlsx:机构名录!F4: error:"))
        #expect(
            unmatched.description.contains(
                "register.xlsx:机构名录!F4: 错误: 胜利路街道 (410703001) 中没有名为「胜利社区」的单位"))
    }

    @Test func theSummaryCountsTheFindingsOfTheRegister() throws {
        guard case .failure(let failure) = ScenarioLoader().load(Self.folder) else {
            Issue.record("the example's first sheet must fail")
            return
        }
        let summary = try #require(DataQualitySummary.text(failure.diagnostics, listing: false))
        // 1 hidden row, 1 duplicate, 1 without coordinates, 1 outside, 1 implausible, 1 unmatched.
        #expect(summary.contains("隐藏行 1，重复记录 1，缺少坐标 1，坐标超出区域范围 1，数值异常 1，名称未匹配 1"))
        let english = try #require(DataQualitySummary.text(failure.diagnostics, chinese: false))
        #expect(english.hasPrefix("Data-quality summary\n"))
        #expect(
            english.contains(
                "register.xlsx:机构名录!B12: warning: '平原镇敬老院' appears twice (first at B11)"))
    }

    @Test func theCorrectedSheetLoadsWithItsElevenHomesPlacedAndConverted() throws {
        let loaded = try ScenarioLoader(overrides: ["facilities.sheet=更正后"]).load(Self.folder).get()
        let inventory = try #require(loaded.scenario.facilities?.inventory)
        #expect(inventory.facilities.count == 11)
        let tree = loaded.scenario.regions
        func facility(_ id: String) throws -> Facility {
            try #require(inventory.facilities.first { $0.id == id })
        }
        // Row 3: 新华社区居委会 of 胜利路街道 is 410703001009; opened 2008-05-01.
        let first = try facility("1")
        #expect(tree.regions[first.region].code.shortForm == "410703001009")
        #expect(first.openingYear == 2008)
        // The script's GCJ-02 point (113.8702, 35.3051), written in BD-09 to six decimals,
        // comes back in the scenario's GCJ-02 within the rounding (5 × 10⁻⁷ degree).
        let point = try #require(first.location)
        #expect(abs(point.longitude - 113.8702) < 2e-6)
        #expect(abs(point.latitude - 35.3051) < 2e-6)
        // Row 5: beds "120" stored as text; nursing beds corrected to 60.
        let third = try facility("3")
        #expect(third.beds == 120 && third.nursingBeds == 60)
        // Row 13: 西高村 of 平原镇 (merged down E11:E13) is 西高村村民委员会, 410703100200; its
        // nursing beds are a formula, H13 × 0.5 = 0.
        let last = try facility("11")
        #expect(tree.regions[last.region].code.shortForm == "410703100200")
        #expect(last.type == .villagePoint)
        // The corrected sheet keeps its warnings: hidden, duplicate, no point, outside, 5,000 beds.
        let kinds = Set(loaded.warnings.map(\.problem.kind))
        #expect(
            kinds.isSuperset(of: [
                .hiddenRow, .duplicateEntry, .missingCoordinates, .outsideRegion, .implausible,
            ]))
    }
}

/// Community and village names matched to the codes of Weibin's tree.
@Suite struct RegionNamesTests {
    static let tree: RegionTree = {
        let text =
            (try? String(
                contentsOfFile: SmallScenario.repository + "/Scenarios/weibin/regions.csv",
                encoding: .utf8)) ?? ""
        var log = DiagnosticLog()
        let table = CSVReader.parse(bytes: Array(text.utf8), file: "regions.csv", log: &log)!
        return RegionTable.tree(from: table, log: &log)!
    }()

    /// Names as registers write them → the code in Scenarios/weibin/regions.csv.
    @Test(arguments: [
        ("新华社区居委会", "410703001", "410703001009"),  // 新华社区居民委员会
        ("新华社区", "410703001", "410703001009"),
        ("西高村", "410703100", "410703100200"),  // 西高村村民委员会
        ("西高村村委会", "410703100", "410703100200"),
        ("李村", "410703100", "410703100222"),  // 李村村民委员会
        ("八里营村", "410703100", "410703100202"),  // 八里营村民委员会
        ("十里铺村民委员会", "410703100", "410703100220"),
    ])
    func namesWithinTheirTownship(name: String, township: String, code: String) throws {
        let names = RegionNames(tree: Self.tree)
        let scope = Self.tree.index(of: try DivisionCode(parsing: township))
        let match = names.match(name, level: .village, within: scope)
        #expect(match == .found(Self.tree.index(of: try DivisionCode(parsing: code))!))
    }

    @Test func townshipNamesMatchWithOrWithoutTheirOffice() throws {
        let names = RegionNames(tree: Self.tree)
        let code = Self.tree.index(of: try DivisionCode(parsing: "410703009"))!
        #expect(names.match("铁西街道办事处", level: .township, within: nil) == .found(code))
        #expect(names.match("铁西街道", level: .township, within: nil) == .found(code))
    }

    @Test func aNameOfAnotherTownshipIsUnmatchedThere() throws {
        // 西高村 is in 平原镇, not in 铁西街道 (410703009).
        let names = RegionNames(tree: Self.tree)
        let scope = Self.tree.index(of: try DivisionCode(parsing: "410703009"))
        guard case .unmatched = names.match("西高村", level: .village, within: scope) else {
            Issue.record("西高村 must not be found in 铁西街道")
            return
        }
    }
}
