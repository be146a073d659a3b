import CSV
import Diagnostics
import Facilities
import Foundation
import Geography
import Quantities
import Testing

@testable import ScenarioFiles

/// The example scenario `Examples/facilities`, copied into a temporary folder and changed.
enum FacilityExample {
    static let names = ["scenario.yaml", "regions.csv", "facilities.csv", "unit-costs.csv"]

    static func read(_ name: String) -> String {
        (try? String(
            contentsOfFile: SmallScenario.repository + "/Examples/facilities/" + name,
            encoding: .utf8)) ?? ""
    }

    static let files: [String: String] = Dictionary(
        uniqueKeysWithValues: names.map { ($0, read($0)) })

    /// A malformed copy: one replacement in one file, and where its error must be.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var old: String
        var new: String
        var kind: String
        /// Where the error is when not on the changed line: a file and a text on its line.
        var at: (file: String, needle: String)? = nil
        var testDescription: String { name }

        var errorFile: String { at?.file ?? file }

        /// The changed files.
        var changed: [String: String] {
            var result = FacilityExample.files
            let text = result[file]!
            let range = text.range(of: old)!
            result[file] = text.replacingCharacters(in: range, with: new)
            return result
        }

        /// The 1-based line holding the new text (or the needle), counted in the file.
        var line: Int {
            let lines = changed[errorFile]!.split(separator: "\n", omittingEmptySubsequences: false)
            let needle = at?.needle ?? new
            return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
        }
    }

    static let cases: [Case] = [
        // The issue's list.
        Case(
            name: "nursing beds above beds", file: "facilities.csv", old: "180,60,2",
            new: "180,190,2", kind: "invalidValue"),
        Case(
            name: "negative beds", file: "facilities.csv", old: "210302008,120,20",
            new: "210302008,-120,20", kind: "negative"),
        Case(
            name: "a star rating of 6", file: "facilities.csv", old: "300,120,3,operating",
            new: "300,120,6,operating", kind: "outOfRange"),
        Case(
            name: "a star rating of -1", file: "facilities.csv", old: "180,60,2,operating",
            new: "180,60,-1,operating", kind: "outOfRange"),
        Case(
            name: "an unknown facility type", file: "facilities.csv",
            old: "TD-06,站前社区日间照料中心（示例）,community_station",
            new: "TD-06,站前社区日间照料中心（示例）,community_centre", kind: "notOneOf"),
        Case(
            name: "an unknown community code", file: "facilities.csv",
            old: "meal_site,,,210302011", new: "meal_site,,,210302099", kind: "unknownRegion"),
        Case(
            name: "a merge into a closed home", file: "scenario.yaml",
            old: "{facility: XY-02, into: XY-01", new: "{facility: XY-02, into: XY-08",
            kind: "invalidValue"),
        Case(
            name: "a merge into a home the plan has merged away", file: "scenario.yaml",
            old: "{facility: XY-03, into: XY-01", new: "{facility: XY-03, into: XY-02",
            kind: "invalidValue"),
        Case(
            name: "a lead time below zero in the inventory", file: "facilities.csv",
            old: "approved,,2020,3,", new: "approved,,2020,-1,", kind: "outOfRange"),
        Case(
            name: "a lead time below zero in the scenario", file: "scenario.yaml",
            old: "lead_times: {institution: 2,", new: "lead_times: {institution: -2,",
            kind: "outOfRange"),
        Case(
            name: "a plan lead time below zero", file: "scenario.yaml",
            old: "{facilities: [XY-06], year: 2022,",
            new: "{facilities: [XY-06], year: 2022, lead_time: -1,", kind: "outOfRange"),
        Case(
            name: "a budget year after the horizon", file: "scenario.yaml",
            old: "central_budget: {2022: 3000 万元", new: "central_budget: {2040: 3000 万元",
            kind: "outOfRange"),
        Case(
            name: "a budget in the base year", file: "scenario.yaml",
            old: "social_capital: {2021: 5000000", new: "social_capital: {2020: 5000000",
            kind: "outOfRange"),
        // More of the same kind.
        Case(
            name: "action years beyond the horizon", file: "scenario.yaml",
            old: "per_year: 200, years: 2021-2025", new: "per_year: 200, years: 2021-2045",
            kind: "outOfRange"),
        Case(
            name: "an unknown action", file: "scenario.yaml", old: "- build_stations:",
            new: "- build_station:", kind: "notOneOf"),
        Case(
            name: "an unknown facility id", file: "scenario.yaml", old: "{facility: TD-03,",
            new: "{facility: TD-33,", kind: "invalidValue"),
        Case(
            name: "a unit cost with neither source nor assumption", file: "unit-costs.csv",
            old: "certify_meal_site,,50000,facility,,yes",
            new: "certify_meal_site,,50000,facility,,no",
            kind: "invalidValue"),
        Case(
            name: "a unit cost per the wrong unit", file: "unit-costs.csv",
            old: "upgrade_rating,,50000,star", new: "upgrade_rating,,50000,bed", kind: "notOneOf"),
        Case(
            name: "an action without a unit cost for the planning region", file: "unit-costs.csv",
            old: "certify_meal_site,,", new: "certify_meal_site,210302,", kind: "invalidValue",
            at: ("scenario.yaml", "- certify_meal_sites:")),
        Case(
            name: "an unknown cost item", file: "unit-costs.csv", old: "certify_meal_site,",
            new: "certify_meal_sitex,", kind: "notOneOf"),
        Case(
            name: "a resident mix that does not add up to 1", file: "scenario.yaml",
            old: "severe: 0.15, complete: 0.1}", new: "severe: 0.15, complete: 0.2}",
            kind: "invalidValue"),
        Case(
            name: "a take-up above 100%", file: "scenario.yaml", old: "severe: 4 %, complete: 4 %}",
            new: "severe: 4 %, complete: 140 %}", kind: "outOfRange"),
        Case(
            name: "take-up shares of one level above 1 together", file: "scenario.yaml",
            old: "mild: 10 %, moderate: 20 %", new: "mild: 99 %, moderate: 20 %",
            kind: "invalidValue", at: ("scenario.yaml", "institutional: {intact: 0.3 %")),
        Case(
            name: "a take-up level that does not exist (and so 'mild' is missing)",
            file: "scenario.yaml",
            old: "{intact: 0.3 %, mild: 1.5 %,", new: "{intact: 0.3 %, light: 1.5 %,",
            kind: "missingKey"),
        Case(
            name: "an occupancy above 1", file: "scenario.yaml", old: "community: 0.3",
            new: "community: 1.3", kind: "outOfRange"),
        Case(
            name: "a care-type flag on an institution", file: "facilities.csv",
            old: "institution,public,,210302002", new: "institution,public,yes,210302002",
            kind: "invalidValue"),
        Case(
            name: "a facility id given twice", file: "facilities.csv", old: "XY-05,岫岩县光荣院",
            new: "XY-04,岫岩县光荣院", kind: "invalidValue"),
        Case(
            name: "an institution without ownership", file: "facilities.csv",
            old: "institution,private,,210302006", new: "institution,,,210302006",
            kind: "emptyCell"),
        Case(
            name: "an operating home opened after the base year", file: "facilities.csv",
            old: "operating,1998", new: "operating,2023", kind: "invalidValue"),
        Case(
            name: "an unknown status", file: "facilities.csv", old: "under_construction",
            new: "building", kind: "notOneOf"),
        Case(
            name: "a place outside the region table", file: "scenario.yaml",
            old: "\"210302006\"]", new: "\"210399006\"]", kind: "unknownRegion"),
        Case(
            name: "a unit level the tree does not have", file: "scenario.yaml",
            old: "level: township", new: "level: village", kind: "invalidValue"),
        Case(
            name: "an unknown key in an action", file: "scenario.yaml", old: "lot: 20,",
            new: "lots: 20,", kind: "unknownKey"),
        Case(
            name: "an unknown funding source", file: "scenario.yaml",
            old: "year: 2022, funding: [central_budget]}", new: "year: 2022, funding: [bank_loan]}",
            kind: "notOneOf"),
    ]
}

@Suite struct FacilitySectionTests {
    func kind(_ problem: Problem) -> String {
        String(String(describing: problem).prefix { $0 != "(" })
    }

    func load(_ files: [String: String], overrides: [String] = []) throws -> (
        Result<LoadedScenario, ScenarioLoadError>, TemporaryFolder
    ) {
        let folder = try TemporaryFolder()
        try folder.write(files)
        return (ScenarioLoader(overrides: overrides).load(folder.path), folder)
    }

    @Test func theCatalogueCoversTheIssuesList() {
        #expect(FacilityExample.cases.count >= 25)
        for test in FacilityExample.cases {
            #expect(FacilityExample.files[test.file]!.contains(test.old), "\(test.name)")
        }
    }

    @Test(arguments: FacilityExample.cases)
    func badInputIsReportedWithFileLineAndKind(_ test: FacilityExample.Case) throws {
        let (result, folder) = try load(test.changed)
        guard case .failure(let failure) = result else {
            Issue.record("\(test.name): the scenario loaded")
            return
        }
        let first = try #require(failure.diagnostics.first { $0.severity == .error })
        #expect(first.location.file == folder.path + "/" + test.errorFile, "\(failure)")
        #expect(first.location.line == test.line, "\(failure)")
        #expect(kind(first.problem) == test.kind, "\(failure)")
    }

    /// The example's inventory with a `synthetic` column: `yes` on the first row, the given
    /// word on the second, empty below.
    func withSyntheticColumn(second word: String) -> [String: String] {
        var files = FacilityExample.files
        let lines = files["facilities.csv"]!.split(separator: "\n").map(String.init)
        files["facilities.csv"] =
            lines.enumerated().map { index, line in
                line
                    + (index == 0
                        ? ",synthetic" : index == 1 ? ",yes" : index == 2 ? "," + word : ",")
            }.joined(separator: "\n") + "\n"
        return files
    }

    @Test func aSyntheticColumnMarksTheRowsPlacedByRule() throws {
        let (result, _) = try load(withSyntheticColumn(second: "no"))
        let loaded = try result.get()
        let facilities = try #require(loaded.scenario.facilities?.inventory.facilities)
        // TD-01, the first row, says yes; TD-02 says no; the rest leave it empty.
        #expect(facilities.map(\.isSynthetic) == [true] + Array(repeating: false, count: 16))
        #expect(loaded.warnings.isEmpty)
    }

    @Test func aSyntheticCellThatIsNotYesOrNoIsReportedAtItsCell() throws {
        let (result, folder) = try load(withSyntheticColumn(second: "maybe"))
        guard case .failure(let failure) = result else {
            Issue.record("the scenario loaded")
            return
        }
        let first = try #require(failure.diagnostics.first { $0.severity == .error })
        // Line 3 (TD-02); the 16th column starts after the 15 fields of the example's row
        // "TD-02,站前颐养中心（示例）,institution,private,,210302006,180,60,2,operating,2012,,,90,15,".
        let row = "TD-02,站前颐养中心（示例）,institution,private,,210302006,180,60,2,operating,2012,,,90,15,"
        #expect(first.location.file == folder.path + "/facilities.csv")
        #expect(first.location.line == 3)
        #expect(first.location.column == row.count + 1)
        #expect(kind(first.problem) == "notOneOf")
    }

    /// The example's inventory with a `tier` column: the given words on the rows of the
    /// given ids, empty elsewhere.
    func withTierColumn(_ tiers: [String: String]) -> [String: String] {
        var files = FacilityExample.files
        let lines = files["facilities.csv"]!.split(separator: "\n").map(String.init)
        files["facilities.csv"] =
            lines.enumerated().map { index, line in
                let id = String(line.prefix { $0 != "," })
                return line + (index == 0 ? ",tier" : "," + (tiers[id] ?? ""))
            }.joined(separator: "\n") + "\n"
        return files
    }

    // XY-02 偏岭镇敬老院 is a township home by its type; the column makes it the county's.
    // TD-01 keeps the tier of its type (county) but now says so.
    @Test func aTierColumnSaysWhoRunsAHome() throws {
        let (result, _) = try load(withTierColumn(["XY-02": "county", "TD-01": "县级"]))
        let facilities = try #require(try result.get().scenario.facilities?.inventory.facilities)
        #expect(facilities.first { $0.id == "XY-02" }?.tier == .county)
        #expect(facilities.first { $0.id == "TD-01" }?.tier == .county)
        #expect(facilities.first { $0.id == "XY-03" }?.tier == nil)
        #expect(OperatingTier.assumed(type: .specialHardshipHome, isCareType: false) == .township)
        #expect(OperatingTier.assumed(type: .specialHardshipHome, isCareType: true) == .county)
        #expect(OperatingTier.assumed(type: .institution, isCareType: false) == .county)
    }

    @Test(arguments: [("XY-02", "city", "notOneOf"), ("TD-05", "county", "invalidValue")])
    func aBadTierIsReportedAtItsCell(id: String, word: String, kind expected: String) throws {
        let (result, folder) = try load(withTierColumn([id: word]))
        guard case .failure(let failure) = result else {
            Issue.record("the scenario loaded")
            return
        }
        let first = try #require(failure.diagnostics.first { $0.severity == .error })
        let lines = FacilityExample.files["facilities.csv"]!.split(separator: "\n")
        let line = try #require(lines.firstIndex { $0.hasPrefix(id + ",") })
        #expect(first.location.file == folder.path + "/facilities.csv")
        #expect(first.location.line == line + 1)
        // The tier is the last column: after the row's own text and a comma.
        #expect(first.location.column == lines[line].count + 2)
        #expect(kind(first.problem) == expected)
    }

    @Test func aHiringPathIsAShareByYear() throws {
        // `hiring: {2020: 50 %, 2024: 90 %}` holds each share until the next year given.
        var files = FacilityExample.files
        files["scenario.yaml"] = files["scenario.yaml"]!.replacingOccurrences(
            of: "    attrition: 8 %",
            with: "    attrition: 8 %\n    hiring: {2020: 50 %, 2024: 90 %}")
        let (result, _) = try load(files)
        let staffing = try #require(try result.get().scenario.facilities?.staffing)
        #expect(staffing.hiringShare(in: 2023) == 0.5)
        #expect(staffing.hiringShare(in: 2025) == 0.9)
        // Without it, homes hire all they miss.
        let (plain, _) = try load(FacilityExample.files)
        #expect(try plain.get().scenario.facilities?.staffing.hiringShare(in: 2025) == 1)
        // A share above 1 is refused on its line.
        files["scenario.yaml"] = files["scenario.yaml"]!.replacingOccurrences(
            of: "2024: 90 %", with: "2024: 120 %")
        let (bad, _) = try load(files)
        guard case .failure(let failure) = bad else {
            Issue.record("a hiring share of 120 % loaded")
            return
        }
        let error = try #require(failure.diagnostics.first { $0.severity == .error })
        let lines = files["scenario.yaml"]!.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(error.location.line == (lines.firstIndex { $0.contains("hiring:") } ?? -1) + 1)
    }

    @Test func theExampleLoadsWithItsValuesInBaseUnits() throws {
        let (result, _) = try load(FacilityExample.files)
        let scenario = try result.get().scenario
        let settings = try #require(scenario.facilities)
        let plan = try #require(scenario.investment)
        let facilities = settings.inventory.facilities
        // 17 rows in facilities.csv.
        #expect(facilities.count == 17)
        // XY-07: approved 2020, lead time 3 → opens 2023. TD-09: under construction, 2022.
        #expect(facilities.first { $0.id == "XY-07" }?.openingYear == 2023)
        #expect(facilities.first { $0.id == "TD-09" }?.openingYear == 2022)
        #expect(facilities.first { $0.id == "XY-01" }?.isCareType == true)
        #expect(facilities.first { $0.id == "TD-03" }?.ownership == .privateRun)
        // Occupancy 0.55 in 2020 → 0.65 in 2025, interpolated: 2023 = 0.55 + 3/5 × 0.10.
        let occupancy = settings.occupancy[BedCategory.institutional.rawValue]
        #expect(abs(occupancy.value(in: 2023)! - 0.61) < 1e-12)
        #expect(settings.leadTimes[FacilityType.streetCentre.rawValue] == 1)
        #expect(settings.staffing.attrition == 0.08)
        // 3000 万元 = 30,000,000 yuan; 0.5 亿元 = 50,000,000; no budget line in other years.
        let central = try #require(plan.budgets[FundingSource.centralBudget.rawValue])
        #expect(central.value(in: 2022) == 30_000_000)
        #expect(central.value(in: 2023) == nil)
        #expect(plan.budgets[FundingSource.localSpecialBonds.rawValue]?.value(in: 2023) == 5e7)
        #expect(plan.budgets[FundingSource.localBudget.rawValue] == nil)
        #expect(plan.welfareLotteryTotal?.value(in: 2027) == 15_000_000)
        // 125 yuan per person per month = 1,500 a year; 20 % eligible.
        let subsidy = plan.unitCosts.entries.first { $0.item == .operatingSubsidy }
        #expect(subsidy?.yuan == 1500 && subsidy?.isAssumption == false)
        #expect(plan.recurring.operatingSubsidyEligibleShare.value(in: 2025) == 0.2)
        #expect(
            plan.recurring.operatingSubsidyOwnership == [.privateRun, .publicBuiltPrivatelyRun])
        #expect(plan.recurring.trainingSource == .welfareLottery)
        // 岫岩's bed cost overrides the default: 80,000 there, 100,000 in 铁东区.
        let costs = plan.unitCosts.costs(of: .buildBed, in: scenario.regions)
        let xiuyan = try scenario.regions.index(of: DivisionCode(parsing: "210323101"))!
        let tiedong = try scenario.regions.index(of: DivisionCode(parsing: "210302002"))!
        #expect(costs[xiuyan] == 80_000 && costs[tiedong] == 100_000)
        // 11 plan lines; the first funds XY-06 (the 15th row) in 2022; 2021-2025 is 5 years.
        #expect(plan.actions.count == 11)
        #expect(plan.actions[0].kind == .buildPlanned && plan.actions[0].facilities == [14])
        #expect(plan.actions[0].years == [2022])
        #expect(plan.actions[1].years == [2021, 2022, 2023, 2024, 2025])
        #expect(plan.actions[1].nursingShare == 0.6 && plan.actions[1].unitLevel == .township)
        #expect(plan.actions[1].funding == [.centralBudget, .localSpecialBonds, .socialCapital])
        let merge = plan.actions.first { $0.kind == .merge }!
        #expect(
            facilities[merge.facilities[0]].id == "XY-02"
                && facilities[merge.receiving!].id == "XY-01")
        #expect(merge.label.hasPrefix("scenario.yaml:"))
    }

    @Test func switchesCanBeSetFromTheCommandLine() throws {
        let (result, _) = try load(
            FacilityExample.files,
            overrides: ["facilities.count_family_beds=true", "investment.carry_over=yes"])
        let scenario = try result.get().scenario
        #expect(scenario.facilities?.countsFamilyBeds == true)
        #expect(scenario.investment?.carriesOver == true)
    }

    @Test func anInvestmentWithoutFacilitiesIsAnError() throws {
        var files = FacilityExample.files
        let yaml = files["scenario.yaml"]!
        let start = yaml.range(of: "facilities:\n  inventory")!.lowerBound
        let end = yaml.range(of: "investment:")!.lowerBound
        files["scenario.yaml"] = yaml.replacingCharacters(in: start..<end, with: "")
        let (result, _) = try load(files)
        guard case .failure(let failure) = result else {
            Issue.record("loaded")
            return
        }
        #expect(
            failure.diagnostics.contains {
                if case .invalidValue(let field, _) = $0.problem { return field == "investment" }
                return false
            })
    }

    @Test func theShortFormNamesTheInventoryOnly() throws {
        let files = [
            "scenario.yaml": "id: small\n" + SmallScenario.yaml + "facilities: facilities.csv\n",
            "regions.csv": SmallScenario.regions,
            "facilities.csv": "id,type,community,beds\nH1,special_hardship_home,210381100,60\n",
        ]
        let (result, _) = try load(files)
        let settings = try #require(try result.get().scenario.facilities)
        #expect(settings.inventory.facilities.count == 1)
        #expect(settings.inventory.facilities[0].beds == 60)
        #expect(settings.countsFamilyBeds == false)
    }
}

/// The older-population table of `--population`.
@Suite struct ElderlyPopulationTableTests {
    func table(_ text: String) -> CSVTable {
        var log = DiagnosticLog()
        return CSVReader.parse(bytes: Array(text.utf8), file: "elderly.csv", log: &log)!
    }

    let tree: RegionTree = {
        var log = DiagnosticLog()
        let table = CSVReader.parse(
            bytes: Array(SmallScenario.regions.utf8), file: "regions.csv", log: &log)!
        return RegionTable.tree(from: table, log: &log)!
    }()

    @Test func yearsBetweenRowsAreInterpolatedAndHeldOutside() throws {
        // 解放街道 (tree index 2): 9,000 in 2020, 11,000 in 2030 → 2025: 10,000; 2035 held.
        var log = DiagnosticLog()
        let population = ElderlyPopulationTable.population(
            from: table(
                """
                year,region,aged_60,aged_65,aged_80
                2020,210302002,9000,6000,1200
                2030,210302002,11000,8000,1700
                """), tree: tree, years: 2020...2035, log: &log)
        let result = try #require(population)
        let jiefang = tree.index(of: try DivisionCode(parsing: "210302002"))!
        #expect(result.aged60[5][jiefang] == 10_000)
        #expect(result.aged65[5][jiefang] == 7_000)
        #expect(result.aged80[15][jiefang] == 1_700)
        #expect(result.poorDisabled[0][jiefang] == 0)
        #expect(result.aged60[0][0] == 0)
    }

    @Test(arguments: [
        ("2020,210302002,9000,9500,100", 2, "invalidValue"),
        ("2020,210302099,9000,6000,100", 2, "unknownRegion"),
        ("2020,210302002,9000,6000,-1", 2, "negative"),
        ("20x0,210302002,9000,6000,100", 2, "outOfRange"),
    ])
    func aBadRowIsReportedWithItsLine(_ row: String, _ line: Int, _ kind: String) {
        var log = DiagnosticLog()
        let population = ElderlyPopulationTable.population(
            from: table("year,region,aged_60,aged_65,aged_80\n" + row + "\n"), tree: tree,
            years: 2020...2025, log: &log)
        #expect(population == nil)
        let first = log.sorted.first { $0.severity == .error }
        #expect(first?.location.line == line)
        #expect(first.map { String(String(describing: $0.problem).prefix { $0 != "(" }) } == kind)
    }
}
