import CSV
import Diagnostics
import Entitlements
import Foundation
import Geography
import Quantities
import Testing

@testable import ScenarioFiles

/// `Examples/entitlements` with the files it reaches (`Scenarios/anshan`, the targets, the
/// service lists), copied into a temporary folder of the same layout and changed.
enum EntitlementExample {
    static let names: [String] = {
        let manager = FileManager.default
        var names = ["Examples/entitlements/scenario.yaml"]
        for folder in ["Scenarios/anshan", "Scenarios/targets", "Scenarios/service-lists"] {
            let files =
                (try? manager.contentsOfDirectory(atPath: SmallScenario.repository + "/" + folder))
                ?? []
            names += files.filter {
                $0.hasSuffix(".csv") || $0.hasSuffix(".yaml") || $0.hasSuffix(".geojson")
            }.map {
                folder + "/" + $0
            }
        }
        return names
    }()

    static let files: [String: String] = Dictionary(
        uniqueKeysWithValues: names.map { name in
            (
                name,
                (try? String(contentsOfFile: SmallScenario.repository + "/" + name, encoding: .utf8))
                    ?? ""
            )
        })

    static let scenario = "Examples/entitlements/scenario.yaml"
    static let liaoning = "Scenarios/service-lists/000-liaoning-2023.yaml"
    static let anshan = "Scenarios/service-lists/001-anshan-2021.yaml"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var old: String
        var new: String
        var kind: String
        var testDescription: String { name }

        var changed: [String: String] {
            var result = EntitlementExample.files
            let text = result[file]!
            let range = text.range(of: old)!
            result[file] = text.replacingCharacters(in: range, with: new)
            return result
        }

        /// The 1-based line where the new text starts.
        var line: Int {
            let text = EntitlementExample.files[file]!
            let start = text.range(of: old)!.lowerBound
            return text[..<start].filter { $0 == "\n" }.count + 1
        }
    }

    static let cases: [Case] = [
        // The issue's list: an unknown group or level, a negative benefit.
        Case(
            name: "a rule naming an unknown group", file: liaoning,
            old: "      groups: [特困, 低保]", new: "      groups: [特困, 低保户]", kind: "notOneOf"),
        Case(
            name: "a rule naming an unknown level", file: liaoning,
            old: "levels: [moderate, severe, complete]", new: "levels: [moderate, severe, totall]",
            kind: "notOneOf"),
        Case(
            name: "an all-of group that is not defined", file: anshan,
            old: "all_of: [in-private-home]", new: "all_of: [in-public-home]", kind: "notOneOf"),
        Case(
            name: "a negative cash benefit", file: liaoning, old: "cash: {value: 300,",
            new: "cash: {value: -300,", kind: "outOfRange"),
        Case(
            name: "a negative unit cost", file: liaoning, old: "unit_cost: {value: 300,",
            new: "unit_cost: {value: -300,", kind: "outOfRange"),
        Case(
            name: "a negative override in the scenario", file: scenario,
            old: "{cash: {2020: 50, 2026: 100}}", new: "{cash: {2020: 50, 2026: -100}}",
            kind: "outOfRange"),
        // More of the kind.
        Case(
            name: "an amount without source or assumption", file: liaoning,
            old:
                "benefit: {cash: {value: 100, assumption: \"the document states no amount; a common tier for ages 90–99\"}}",
            new: "benefit: {cash: 100}", kind: "invalidValue"),
        Case(
            name: "a take-up above 100 %", file: liaoning, old: "take_up: {value: 10 %,",
            new: "take_up: {value: 110 %,", kind: "outOfRange"),
        Case(
            name: "paying shares that do not sum to 100 %", file: anshan,
            old: "    paid_by: {city: 50 %, county: 50 %}\n    department: 民政、财政\n    note",
            new: "    paid_by: {city: 50 %, county: 40 %}\n    department: 民政、财政\n    note",
            kind: "invalidValue"),
        Case(
            name: "an unknown paying level", file: liaoning, old: "    paid_by: county\n",
            new: "    paid_by: township\n", kind: "notOneOf"),
        Case(
            name: "an override of an item no list has", file: scenario,
            old: "    old-age-allowance-80:", new: "    old-age-allowance-85:", kind: "notOneOf"),
        Case(
            name: "an unknown benefit key", file: liaoning, old: "      visits: {value: 1,",
            new: "      visit: {value: 1,", kind: "unknownKey"),
        Case(
            name: "an unknown category", file: liaoning, old: "category: caring",
            new: "category: caring-services", kind: "notOneOf"),
        Case(
            name: "a group share above 100 %", file: liaoning, old: "    share: 10 %",
            new: "    share: 110 %", kind: "outOfRange"),
        Case(
            name: "an unknown item key", file: liaoning, old: "    household_size:",
            new: "    household:", kind: "unknownKey"),
        Case(
            name: "care settings that do not sum to 1", file: scenario,
            old: "settings: {home: 60 %, community: 10 %, institution: 30 %}",
            new: "settings: {home: 60 %, community: 10 %, institution: 40 %}", kind: "invalidValue"),
        Case(
            name: "an unknown level of the insurance", file: scenario,
            old: "levels: [severe, complete]", new: "levels: [severe, compete]", kind: "notOneOf"),
        Case(
            name: "a negative insurance benefit", file: scenario, old: "benefits: {home: 900,",
            new: "benefits: {home: -900,", kind: "outOfRange"),
        Case(
            name: "a contribution rate above 100 %", file: scenario, old: "rate: 0.3 %}",
            new: "rate: 130 %}", kind: "outOfRange"),
    ]
}

@Suite struct EntitlementSectionTests {
    func kind(_ problem: Problem) -> String {
        String(String(describing: problem).prefix { $0 != "(" })
    }

    func load(_ files: [String: String], overrides: [String] = []) throws -> (
        Result<LoadedScenario, ScenarioLoadError>, TemporaryFolder
    ) {
        let folder = try TemporaryFolder()
        try folder.write(files)
        let result = ScenarioLoader(overrides: overrides).load(
            folder.path + "/Examples/entitlements")
        return (result, folder)
    }

    @Test func everyCaseChangesTheExample() {
        #expect(EntitlementExample.cases.count >= 15)
        for test in EntitlementExample.cases {
            #expect(EntitlementExample.files[test.file]!.contains(test.old), "\(test.name)")
        }
    }

    @Test(arguments: EntitlementExample.cases)
    func badInputIsReportedWithFileLineAndKind(_ test: EntitlementExample.Case) throws {
        let (result, folder) = try load(test.changed)
        guard case .failure(let failure) = result else {
            Issue.record("\(test.name): the scenario loaded")
            return
        }
        let first = try #require(failure.diagnostics.first { $0.severity == .error })
        #expect(first.location.file.hasSuffix("/" + test.file), "\(failure)")
        #expect(first.location.file.hasPrefix(folder.path), "\(failure)")
        #expect(first.location.line == test.line, "\(failure)")
        #expect(kind(first.problem) == test.kind, "\(failure)")
    }

    /// The example: 8 items of the Liaoning list and 2 of Anshan's; the override of the
    /// 80–89 allowance (50 yuan a month, 100 from 2026); the budget in yuan (1.8 亿元 =
    /// 180,000,000 in 2021, none in 2026); the fund's schemes and benefits.
    @Test func theExampleLoadsWithItsItemsOverridesBudgetAndFund() throws {
        let (result, _) = try load(EntitlementExample.files)
        let scenario = try result.get().scenario
        let settings = try #require(scenario.entitlements)
        #expect(settings.items.count == 10)
        #expect(
            settings.items.map(\.id).prefix(3) == [
                "old-age-allowance-80", "old-age-allowance-90", "old-age-allowance-100",
            ])
        let allowance = settings.items[0]
        #expect(allowance.unitCost(in: 2025) == 50 && allowance.unitCost(in: 2026) == 100)
        #expect(allowance.benefit.periodsPerYear == 12)
        #expect(allowance.payingShares == [0, 0, 0.5, 0.5])
        // The amount comes from the scenario's override (no source needed there); the
        // take-up from the list, with its source.
        let amount = allowance.figures.first { $0.figure == "amount" }
        #expect(amount != nil && amount?.source == nil && amount?.assumption == nil)
        #expect(
            allowance.figures.first { $0.figure == "take_up" }?.source?.hasPrefix("000") == true)
        let bed = try #require(settings.items.first { $0.id == "bed-operating-subsidy" })
        #expect(bed.unitCost(in: 2021) == 125 && bed.from == 2021)
        #expect(bed.eligibility.anyOfGroups == ["特困", "低保"])
        #expect(bed.eligibility.allOfGroups == ["in-private-home"])
        #expect(
            bed.figures.first { $0.figure == "unit_cost" }?.source?.hasPrefix("001 五(一)") == true)
        // Groups defined by both lists appear once.
        #expect(settings.groups.filter { $0.name == "特困" }.count == 1)
        #expect(settings.budget?.total?.value(in: 2021) == 180_000_000)
        #expect(settings.budget?.total?.value(in: 2026) == nil)
        #expect(
            settings.budget?.byLevel[PayingLevel.county.rawValue]?.value(in: 2023) == 85_000_000)
        let fund = try #require(scenario.longTermCareInsurance)
        #expect(fund.schemes.map(\.name) == ["employees", "retirees", "residents"])
        #expect(abs(fund.schemes[0].contributionPerInsured(in: 2021) - 210) < 1e-9)  // 70,000 × 0.3 %
        #expect(fund.openingBalance == 100_000_000)
        #expect(fund.eligibleLevels == [.severelyImpaired, .completelyLost])
        #expect(
            fund.benefits[2][3].value(in: 2030) == 1500
                && fund.benefits[0][4].value(in: 2030) == 900)
        #expect(fund.settingShares[4] == [0.6, 0.1, 0.3])
    }

    /// `--set` reaches the overrides: switching an item off, and a what-if rate.
    @Test func anItemCanBeSwitchedOffOrChangedFromTheCommandLine() throws {
        let (result, _) = try load(
            EntitlementExample.files,
            overrides: [
                "entitlements.overrides.visits.enabled=false",
                "entitlements.overrides.care-subsidy.take_up=50 %",
            ])
        let settings = try #require(try result.get().scenario.entitlements)
        #expect(!settings.items.contains { $0.id == "visits" })
        #expect(settings.items.first { $0.id == "care-subsidy" }?.takeUp.value(in: 2030) == 0.5)
    }
}

/// Assessment tables: a header and three records, changed one cell at a time.
@Suite struct AssessmentRecordsTableTests {
    static let header =
        "id,age,sex,area," + AssessmentItem.all.map(\.code).joined(separator: ",")
        + ",coma,diagnoses,risk_events"
    static let full = AssessmentItem.all.map { String($0.maximumScore) }.joined(separator: ",")
    static let rows = [
        "a1,72,female,210302," + full + ",no,,0",
        "a2,81,男,210381," + full + ",yes,F01;I10,3",
        "a3,65,M,210302," + full + ",,,",
    ]

    func table(_ text: String) -> CSVTableAndLog {
        var log = DiagnosticLog()
        let table = CSVReader.parse(bytes: Array(text.utf8), file: "assessments.csv", log: &log)!
        return CSVTableAndLog(table: table, log: log)
    }

    struct CSVTableAndLog {
        var table: CSVTable
        var log: DiagnosticLog
    }

    /// Replaces one field of row 2 (line 3): the field at `column`.
    static func changed(column: Int, to value: String) -> String {
        var fields = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(
            String.init)
        fields[column] = value
        return ([header, rows[0], fields.joined(separator: ","), rows[2]]).joined(separator: "\n")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var column: Int
        var value: String
        var kind: String
        var testDescription: String { name }
    }

    // Columns: 0 id, 1 age, 2 sex, 3 area, 4 … 29 the items (4 = B.1.1, 15 = B.2.4).
    static let cases: [Case] = [
        Case(name: "an item score above its maximum", column: 4, value: "5", kind: "outOfRange"),
        Case(name: "stairs scored 4 (maximum 3)", column: 15, value: "4", kind: "outOfRange"),
        Case(name: "a negative item score", column: 10, value: "-1", kind: "outOfRange"),
        Case(name: "a missing item", column: 20, value: "", kind: "emptyCell"),
        Case(name: "a score that is not a number", column: 8, value: "三", kind: "wrongType"),
        Case(name: "an unknown sex", column: 2, value: "x", kind: "notOneOf"),
        Case(name: "an age below the first age group", column: 1, value: "55", kind: "outOfRange"),
        Case(name: "a duplicate id", column: 0, value: "a1", kind: "duplicateID"),
        Case(
            name: "a coma flag that is not yes or no", column: 30, value: "maybe", kind: "notOneOf"),
        Case(name: "negative risk events", column: 32, value: "-2", kind: "negative"),
    ]

    @Test(arguments: cases)
    func aMalformedRecordIsRejectedWithItsLineAndKind(_ test: Case) throws {
        let parsed = table(Self.changed(column: test.column, to: test.value))
        var log = parsed.log
        let records = try #require(
            AssessmentRecordsTable.read(parsed.table, minimumAge: 60, skipBad: false, log: &log))
        #expect(records.accepted.map(\.id) == ["a1", "a3"] || test.kind == "duplicateID")
        #expect(records.rejected == 1)
        let error = try #require(log.diagnostics.first { $0.severity == .error })
        #expect(error.location.file == "assessments.csv" && error.location.line == 3)
        #expect(String(String(describing: error.problem).prefix { $0 != "(" }) == test.kind)
    }

    @Test func skippingBadRecordsReportsThemAsWarningsAndCountsThem() throws {
        let parsed = table(Self.changed(column: 4, to: "9"))
        var log = parsed.log
        let records = try #require(
            AssessmentRecordsTable.read(parsed.table, minimumAge: 60, skipBad: true, log: &log))
        #expect(records.accepted.count == 2 && records.rejected == 1)
        #expect(!log.hasErrors)
        #expect(log.diagnostics.contains { $0.severity == .warning && $0.location.line == 3 })
    }

    /// A missing item column rejects the table at its header (line 1).
    @Test func aMissingItemColumnIsAnErrorOfTheHeader() throws {
        let text = ([Self.header.replacingOccurrences(of: ",B.3.9,", with: ",B.3.x,")] + Self.rows)
            .joined(separator: "\n")
        let parsed = table(text)
        var log = parsed.log
        #expect(AssessmentRecordsTable.read(parsed.table, skipBad: false, log: &log) == nil)
        let error = try #require(log.diagnostics.first { $0.severity == .error })
        #expect(error.location.line == 1)
        #expect(error.problem == .missingColumn(column: "B.3.9 意识水平", suggestion: nil))
    }

    /// The second record: a man of 81 in a coma, with F01 among his diagnoses and three
    /// risk events; the third has empty optional cells (no coma, no diagnosis, no events).
    @Test func recordsCarryComaDiagnosesAndRiskEvents() throws {
        let parsed = table(([Self.header] + Self.rows).joined(separator: "\n"))
        var log = parsed.log
        let records = try #require(
            AssessmentRecordsTable.read(parsed.table, skipBad: false, log: &log))
        #expect(records.accepted.count == 3 && records.rejected == 0)
        let man = records.accepted[1]
        #expect(man.sex == .male && man.age == 81 && man.line == 3)
        #expect(man.record.coma && man.record.mentalDisorder && man.record.riskEvents == 3)
        #expect(!records.accepted[2].record.coma && records.accepted[2].record.riskEvents == 0)
    }
}

/// Every shipped list loads on its own, with its groups, and every figure says where it
/// comes from.
@Suite struct ShippedServiceListTests {
    static let lists = [
        "000-liaoning-2023.yaml", "001-anshan-2021.yaml", "003-weibin-2023.yaml",
    ]

    @Test(arguments: lists)
    func theListLoadsWithoutAProblem(_ name: String) throws {
        var log = DiagnosticLog()
        var sources = SourceTexts()
        let path = SmallScenario.repository + "/Scenarios/service-lists/" + name
        let list = try #require(ServiceListFile.load(path: path, log: &log, sources: &sources))
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        #expect(!list.items.isEmpty)
        for item in list.items {
            for note in item.figures {
                #expect(
                    note.source != nil || note.assumption != nil
                        || ["quantity"].contains(note.figure), "\(item.id) \(note.figure)")
            }
        }
    }

    /// The 125 yuan of 001 五(一) is the one amount the documents state, and the lists cite it.
    @Test func theBedSubsidyIs125YuanAMonthFrom2021() throws {
        var log = DiagnosticLog()
        var sources = SourceTexts()
        let list = try #require(
            ServiceListFile.load(
                path: SmallScenario.repository + "/Scenarios/service-lists/001-anshan-2021.yaml",
                log: &log, sources: &sources))
        let bed = try #require(list.items.first { $0.id == "bed-operating-subsidy" })
        // 125 yuan a place-month, 12 a year: 1,500 yuan per resident a year.
        #expect(bed.unitCost(in: 2021) * bed.unitsPerRecipient(in: 2021) == 1_500)
        #expect(bed.eligibility.minimumAge?.value(in: 2021) == 80)
        #expect(bed.clause == "001 五(一)" && bed.from == 2021)
    }
}
