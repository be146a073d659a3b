import Foundation
import Testing

/// `yanglao facilities` on the illustrative example `Examples/facilities`, its outputs checked
/// against figures worked out by hand from the example's own tables.
@Suite struct FacilitiesCommandTests {
    static let arguments = [
        "facilities", "Examples/facilities", "--population", "Examples/facilities/elderly.csv",
        "--quiet",
    ]

    /// A CSV written by the command, as rows of fields (no quoted commas in these tables).
    func rows(_ path: String) throws -> [[String]] {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// indicators.csv as (year, region code, indicator) → value.
    func indicators(_ folder: String) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for row in try rows(folder + "/indicators.csv").dropFirst() {
            result["\(row[0]) \(row[1]) \(row[4])"] = Double(row[5])
        }
        return result
    }

    @Test func theExampleRunsAndItsFiguresAreTheHandWorkedOnes() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out"
        let result = try yanglao(Self.arguments + ["--out", out])
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            folder.listing("out") == [
                "budget.csv", "costs.csv", "indicators.csv", "manifest.json", "plan.csv",
                "stock.csv",
            ])
        let values = try indicators(out)
        func value(_ year: Int, _ region: String, _ indicator: String) -> Double? {
            values["\(year) \(region) \(indicator)"]
        }
        // Base year, from facilities.csv: operating institutional beds 300 + 180 + 120 + 150
        // (铁东区) + 200 + 40 + 30 + 60 (岫岩县) = 1,080; community 30 + 10 = 40; service beds
        // 1,120 (the 40 family beds are not counted). Nursing 120 + 60 + 20 + 45 + 80 + 20 =
        // 345 of 1,080 = 0.319444…; with the centre's 10, 355 of 1,120 = 0.316964….
        #expect(value(2020, "2103", "institutional_beds") == 1080)
        #expect(value(2020, "2103", "community_beds") == 40)
        #expect(value(2020, "2103", "family_beds") == 40)
        #expect(value(2020, "2103", "service_beds") == 1120)
        #expect(abs(value(2020, "2103", "nursing_share_institutional")! - 345.0 / 1080) < 1e-6)
        #expect(abs(value(2020, "2103", "nursing_share_all_service")! - 355.0 / 1120) < 1e-6)
        // 60+ in elderly.csv, 2020: 9,000 + 7,500 + 8,200 + 6,800 + 6,000 + 4,200 + 3,100 +
        // 2,300 = 47,100 → 1,120 × 1,000 / 47,100 = 23.7792 beds per 1,000.
        #expect(value(2020, "2103", "aged_60") == 47_100)
        #expect(abs(value(2020, "2103", "beds_per_1000_aged_60")! - 1_120_000.0 / 47_100) < 1e-6)
        // TD-09 (under construction, opens 2022): 铁东区 has 4 institutions in 2021, 5 in 2022.
        #expect(value(2021, "210302", "facilities_institution") == 4)
        #expect(value(2022, "210302", "facilities_institution") == 5)
        // XY-02 merges into XY-01 in 2023 and XY-03 in 2024: 3 → 2 → 1 special-hardship homes.
        // XY-01 has 200 beds and 140 residents: the 12 and then 8 residents fit.
        #expect(value(2022, "210323", "facilities_special_hardship_home") == 3)
        #expect(value(2023, "210323", "facilities_special_hardship_home") == 2)
        #expect(value(2024, "210323", "facilities_special_hardship_home") == 1)
        #expect(value(2023, "2103", "displaced_residents") == 0)
        #expect(value(2024, "2103", "care_type_homes") == 1)
        // TD-03 (120 beds, 50 residents) closes in 2026: its 50 residents lose their place,
        // in 和平街道 (210302008).
        #expect(value(2026, "210302008", "displaced_residents") == 50)
        #expect(value(2026, "2103", "displaced_residents") == 50)
        // 2021 centres, most uncovered 60+ first (2021 is 1/10 of the way from the 2020 to
        // the 2030 figures): 和平 8,370, 站前 7,660, 湖南 6,940, 阜昌 6,100 lack a street
        // centre (解放 has one) → 和平 and 站前, two street centres at 2,000,000.
        let plan = try rows(out + "/plan.csv")
        let centres2021 = try #require(plan.first { $0[0] == "2021" && $0[2] == "build_centres" })
        #expect(centres2021[7] == "2" && centres2021[10] == "4000000")
        #expect(value(2021, "210302008", "facilities_street_centre") == 0)  // opens after 1 year
        #expect(value(2022, "210302008", "facilities_street_centre") == 1)
        #expect(value(2022, "210302006", "facilities_street_centre") == 1)
        // Meal sites named in 2022: 解放, 站前 → 1 + 2 = 3 in the city, 2 × 50,000 yuan.
        #expect(value(2022, "2103", "facilities_meal_site") == 3)
        let meals = try #require(plan.first { $0[2] == "certify_meal_sites" })
        #expect(meals[0] == "2022" && meals[7] == "2" && meals[10] == "100000")

        // Recurring costs of 2021 from the general budget, by hand:
        //  old-age allowance: 80+ 6,630 in 2020, 8,890 in 2030 → 6,856 in 2021 × 1,200;
        //  care subsidy: poor disabled 785 → 980 → 804.5 × 600;
        //  operating subsidy: private and public-built-private-run residents TD-02 90,
        //  TD-03 50, TD-04 150 × 0.57 (occupancy 0.55 → 0.65 over 2020–2025) = 85.5 → 225.5,
        //  20 % eligible × 125 × 12.
        let allowance = 6856.0 * 1200
        let care = 804.5 * 600
        let operating = 225.5 * 0.2 * 1500
        let budget = try rows(out + "/budget.csv")
        let local2021 = try #require(budget.first { $0[0] == "2021" && $0[1] == "local_budget" })
        #expect(abs(Double(local2021[5])! - (allowance + care + operating)) < 1e-3)
        // Training: 30 caregivers × 2,000 from the lottery. Lottery share of 2021: conversions
        // 100 × 10,000 + the two centres 4,000,000 + training 60,000 = 5,060,000 of 15,000,000.
        let lottery2021 = try #require(
            budget.first { $0[0] == "2021" && $0[1] == "welfare_lottery" })
        #expect(lottery2021[4] == "5000000" && lottery2021[5] == "60000")
        #expect(
            abs(value(2021, "2103", "welfare_lottery_share")! - 5_060_000.0 / 15_000_000) < 1e-6)

        // Every capped source in every year spends at most what it has.
        for row in budget.dropFirst() where !row[3].isEmpty {
            #expect(Double(row[4])! + Double(row[5])! <= Double(row[3])! + 1e-6, "\(row)")
        }
        // costs.csv adds up to the capital and recurring totals of indicators.csv.
        let costs = try rows(out + "/costs.csv").dropFirst()
        for year in 2021...2030 {
            for (kind, indicator) in [("capital", "capital_cost"), ("recurring", "recurring_cost")]
            {
                let sum = costs.filter { $0[0] == "\(year)" && $0[1] == "2103" && $0[3] == kind }
                    .reduce(0.0) { $0 + Double($1[5])! }
                #expect(abs(sum - (value(year, "2103", indicator) ?? 0)) < 1e-3)
            }
        }
        // The city is the sum of its two counties for every count and amount.
        let additive = Set(values.keys.map { String($0.split(separator: " ")[2]) }).filter {
            !$0.contains("share") && !$0.contains("occupancy") && !$0.contains("per_1000")
        }
        for year in 2020...2030 {
            for indicator in additive {
                let city = value(year, "2103", indicator) ?? 0
                let parts =
                    (value(year, "210302", indicator) ?? 0)
                    + (value(year, "210323", indicator) ?? 0)
                #expect(abs(city - parts) <= 1e-6 * max(1, abs(city)), "\(indicator) \(year)")
            }
        }
    }

    @Test func twoRunsWriteTheSameTablesAndAnExistingFolderNeedsOverwrite() throws {
        let folder = try TemporaryFolder()
        let first = try yanglao(Self.arguments + ["--out", folder.path + "/a"])
        let second = try yanglao(Self.arguments + ["--out", folder.path + "/b"])
        #expect(first.status == 0 && second.status == 0)
        for name in ["indicators.csv", "costs.csv", "budget.csv", "plan.csv", "stock.csv"] {
            let a = FileManager.default.contents(atPath: folder.path + "/a/" + name)
            let b = FileManager.default.contents(atPath: folder.path + "/b/" + name)
            #expect(a != nil && a == b, "\(name)")
        }
        let again = try yanglao(Self.arguments + ["--out", folder.path + "/a"])
        #expect(again.status == 64)
        #expect(again.errors.contains("--overwrite"))
        let replaced = try yanglao(Self.arguments + ["--out", folder.path + "/a", "--overwrite"])
        #expect(replaced.status == 0)
    }

    @Test func aBadPopulationRowIsReportedWithItsLineAndNothingIsWritten() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "elderly.csv",
            Array(
                "year,region,aged_60,aged_65,aged_80\n2020,210302002,9000,6100,1260\n2020,210399002,10,5,1\n"
                    .utf8))
        let out = folder.path + "/out"
        let result = try yanglao([
            "facilities", "Examples/facilities", "--population", folder.path + "/elderly.csv",
            "--out", out,
        ])
        #expect(result.status == 64)
        #expect(result.errors.contains(folder.path + "/elderly.csv:3:"), "\(result.errors)")
        // Chinese by default (--lang zh).
        #expect(
            result.errors.contains(": 错误: 未知的区划代码 210399002"), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aScenarioWithoutFacilitiesIsBadInput() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "bare/scenario.yaml",
            Array(
                "label: 无设施\nbase_year: 2020\nhorizon: 2025\nseed: 1\nregions: regions.csv\n".utf8))
        try folder.write(
            "bare/regions.csv", Array("code,name\n2103,鞍山市\n210302,铁东区\n".utf8))
        let result = try yanglao([
            "facilities", folder.path + "/bare", "--out", folder.path + "/out", "--lang", "en",
        ])
        #expect(result.status == 64)
        #expect(result.errors.contains("no 'facilities:' section"))
    }

    @Test func aRuleThatNeedsThePopulationWithoutOneIsBadInput() throws {
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "facilities", "Examples/facilities", "--out", folder.path + "/out",
        ])
        #expect(result.status == 64)
        #expect(result.errors.contains("lowest_beds_per_1000_elderly"), "\(result.errors)")
    }
}
