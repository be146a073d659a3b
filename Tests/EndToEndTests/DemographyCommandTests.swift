import Foundation
import Testing

/// The rows of a CSV the commands wrote (UTF-8 with BOM, CRLF), split into fields.
func csvRows(_ path: String) throws -> [[String]] {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text.split(whereSeparator: \.isNewline).map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}

@Suite struct DemographyCommandTests {
    @Test(
        "lifetable on Preston's Austrian males 1992 prints e0 72.89 and writes the printed lx, dx and Lx"
    )
    func lifeTableCommand() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/austria.csv"
        let result = try yanglao([
            "lifetable", "--input", "Examples/demography/lifetable-austria-1992.csv", "--out", out,
        ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("72.89"))
        let rows = try csvRows(out)
        #expect(rows[0] == ["age", "n", "mx", "qx", "ax", "lx", "dx", "Lx", "Tx", "ex"])
        // Preston, Heuveline & Guillot (2001), Table 3.2: lx, dx and nLx at ages 0, 1, 85+.
        let lx = rows.dropFirst().map { Double($0[5])!.rounded() }
        let dx = rows.dropFirst().map { Double($0[6])!.rounded() }
        let Lx = rows.dropFirst().map { Double($0[7])!.rounded() }
        #expect(lx[0] == 100000 && lx[1] == 99133 && lx[18] == 21134)
        #expect(dx[0] == 867 && dx[17] == 16307)
        #expect(Lx[0] == 99192 && Lx[1] == 396183 && Lx[18] == 110889)
        #expect(rows[19][1] == "")  // the open band has no width
    }

    /// Expected: the e(x) printed by the US Census Bureau's PAS spreadsheet LTPOPDTH for its
    /// sample data (males, North, IMR 0.1), as transcribed in timriffe/DemoTools
    /// tests/testthat/test-ltpopdth.R.
    @Test(
        "lifetable --ax pas --imr 0.1 --region north reproduces LTPOPDTH's e0 56.31 and e50 24.09")
    func lifeTableInfantMortality() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/pas.csv"
        let result = try yanglao([
            "lifetable", "--input", "Examples/demography/lifetable-pas-north-males.csv",
            "--ax", "pas", "--sex", "male", "--region", "north", "--imr", "0.1", "--out", out,
        ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("56.31"))
        let rows = try csvRows(out)
        #expect(rows[1][3] == "0.10000000")  // q0 is the IMR
        let ex = rows.dropFirst().map { Double($0[9])! }
        #expect(abs(ex[0] - 56.31) <= 0.005 && abs(ex[11] - 20.52) <= 0.005)
        let refused = try yanglao([
            "lifetable", "--input", "Examples/demography/lifetable-pas-north-males.csv",
            "--ax", "un", "--sex", "male", "--imr", "0.1", "--out", folder.path + "/x.csv",
        ])
        #expect(refused.status == 64)
        #expect(refused.errors.contains("--imr needs --ax pas"))
    }

    @Test(
        "project on the Anshan example: 2 areas × 4 times × 2 sexes × 18 bands, and births by mother's age"
    )
    func projectCommand() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/projection.csv"
        let births = folder.path + "/births.csv"
        let result = try yanglao([
            "project", "--population", "Examples/demography/population.csv",
            "--mortality", "Examples/demography/mortality.csv",
            "--fertility", "Examples/demography/fertility.csv",
            "--migration", "Examples/demography/migration.csv", "--steps", "3",
            "--out", out, "--births-out", births,
        ])
        #expect(result.status == 0, "\(result.errors)")
        let rows = try csvRows(out)
        #expect(rows.count == 1 + 2 * 4 * 2 * 18)
        #expect(rows[1] == ["210302", "2020", "female", "0", "6888.000"])  // 983 + 5,905
        #expect(rows.last?[1] == "2035" && rows.last?[3] == "85")
        // The base population is written as read: Haicheng's males 85+ were 5,200.
        #expect(rows.contains(["210381", "2020", "male", "85", "5200.000"]))
        let birthRows = try csvRows(births)
        #expect(birthRows[0] == ["area", "step", "mother_age", "births"])
        #expect(
            Set(birthRows.dropFirst().map { $0[2] })
                == Set(["10", "15", "20", "25", "30", "35", "40", "45", "50"]))
        // Refuses to overwrite without --overwrite, before any work.
        let again = try yanglao([
            "project", "--population", "Examples/demography/population.csv",
            "--mortality", "Examples/demography/mortality.csv",
            "--fertility", "Examples/demography/fertility.csv", "--out", out,
        ])
        #expect(again.status == 64)
        #expect(again.errors.contains("exists"))
    }

    @Test("project --step 1 splits five-year bands into single years (0…84 and 85+)")
    func projectInSingleYears() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/single.csv"
        let result = try yanglao([
            "project", "--population", "Examples/demography/population.csv",
            "--mortality", "Examples/demography/mortality.csv",
            "--fertility", "Examples/demography/fertility.csv", "--step", "1", "--steps", "2",
            "--out", out,
        ])
        #expect(result.status == 0, "\(result.errors)")
        let rows = try csvRows(out)
        #expect(rows.count == 1 + 2 * 3 * 2 * 86)
        // Age 0 keeps the census count of Tiedong's girls under 1: 983.
        #expect(rows[1] == ["210302", "2020", "female", "0", "983.000"])
        #expect(rows[2][3] == "1" && rows[86][3] == "85")
    }

    @Test(
        "A population whose bands do not start at 0 exits 64 with the file and line, and writes nothing"
    )
    func badPopulation() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "P.csv",
            Array(
                "area,sex,age,count\nA,female,5,10\nA,female,10,3\nA,male,5,9\nA,male,10,2\n".utf8))
        try folder.write("F.csv", Array("age,asfr\n".utf8))
        let out = folder.path + "/out.csv"
        let result = try yanglao([
            "project", "--population", folder.path + "/P.csv",
            "--mortality", "Examples/demography/mortality.csv",
            "--fertility", folder.path + "/F.csv", "--out", out,
        ])
        #expect(result.status == 64)
        #expect(result.errors.contains(folder.path + "/P.csv:2:"), "\(result.errors)")
        #expect(result.errors.contains("must start at 0"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("A life table whose given ax make lx turn negative exits 64 at the offending line")
    func lifeTableThatFails() throws {
        let folder = try TemporaryFolder()
        try folder.write("LT.csv", Array("age,mx,ax\n0,0.01,0.1\n5,0.5,4.9\n10,0.3,3\n".utf8))
        let out = folder.path + "/lt.csv"
        let result = try yanglao(["lifetable", "--input", folder.path + "/LT.csv", "--out", out])
        #expect(result.status == 64)
        #expect(result.errors.contains(folder.path + "/LT.csv:3:"), "\(result.errors)")
        #expect(result.errors.contains("lx would"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(
        "backtest by province: 31 provinces and their sum, national total within 1% of the 2020 census"
    )
    func backtestByProvince() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/backtest.csv"
        let result = try yanglao([
            "backtest", "--from", "2010", "--to", "2020", "--out", out, "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let rows = try csvRows(out)
        // 32 units (31 provinces and their sum) × (18 groups 0–4 … 85+ × 3 sexes + 3 totals).
        #expect(rows.count == 1 + 32 * 57)
        let national = try #require(
            rows.first { $0[0] == "all" && $0[3] == "total" && $0[4] == "both" })
        // The 2020 census counted 1,409,778,724 (without the military).
        #expect(national[6] == "1409778724")
        let error = try #require(Double(national[8]))
        #expect(abs(error) < 0.01)
        #expect(result.output.contains("31 province units"))

        // The error by province and by age group, from the table written. Figures of this
        // run (2010 census → 2020 with WPP 2024 China rates, closed to migration): mean
        // |error| of the provinces' totals 6.1%, from −11.5% (浙江) and −8.9% (广东),
        // which gained migrants, to +19.8% (吉林) and +26.4% (黑龙江), which lost them;
        // 辽宁 +5.9%, 山西 +9.5%. Mean |error| over provinces by age: 0–4 24.6%, 5–9 28.9%
        // (provincial fertility and migrating families), 15–19 7.4%, 20–29 about 20%
        // (students and migrant workers), 40–74 4–7%, 85+ 20.2%.
        let totals = rows.filter { $0[0] == "province" && $0[3] == "total" && $0[4] == "both" }
        #expect(totals.count == 31)
        let errors = Dictionary(uniqueKeysWithValues: totals.map { ($0[1], Double($0[8])!) })
        let meanTotal = errors.values.map(abs).reduce(0, +) / 31
        #expect(meanTotal > 0.03 && meanTotal < 0.10)
        #expect(errors["330000"]! < -0.05 && errors["440000"]! < -0.05)  // 浙江, 广东 gained
        #expect(errors["230000"]! > 0.15 && errors["220000"]! > 0.15)  // 黑龙江, 吉林 lost
        var byAge: [String: [Double]] = [:]
        for row in rows where row[0] == "province" && row[4] == "both" && row[3] != "total" {
            byAge[row[3], default: []].append(abs(Double(row[8])!))
        }
        let meanByAge = byAge.mapValues { $0.reduce(0, +) / Double($0.count) }
        #expect(meanByAge.count == 18)
        // Older ages, which neither migrate nor are born, are projected best.
        #expect(meanByAge["60-64"]! < 0.06 && meanByAge["50-54"]! < 0.06)
        #expect(meanByAge["0-4"]! > meanByAge["60-64"]!)
        #expect(
            try yanglao(["backtest", "--from", "2000", "--to", "2020", "--out", out]).status == 64)
    }
}

/// The county census tables of the reference data (2010 and 2020), when present: in the folder
/// `YANGLAO_DATA` names, or `../shared/data` beside the checkout.
enum CensusTables {
    static var folder: String? {
        [ProcessInfo.processInfo.environment["YANGLAO_DATA"], repository + "/../shared/data"]
            .compactMap { $0 }
            .first {
                FileManager.default.fileExists(atPath: $0 + "/census/census2010_county_age_sex.csv")
            }
    }
}

@Suite(
    .enabled(
        if: CensusTables.folder != nil
            || ProcessInfo.processInfo.environment["YANGLAO_REQUIRE_DATA"] != nil,
        "the county census tables are not present"))
struct CountyBacktestTests {
    @Test(
        "backtest by county: about 2,500 counties whose codes survived 2010–2020, total within 2%")
    func backtestByCounty() throws {
        let data = try #require(CensusTables.folder) + "/census"
        let folder = try TemporaryFolder()
        let out = folder.path + "/counties.csv"
        let result = try yanglao([
            "backtest", "--from", "2010", "--to", "2020", "--level", "county",
            "--census-2010", data + "/census2010_county_age_sex.csv",
            "--census-2020", data + "/census2020_county_age_sex.csv", "--out", out, "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.errors)")
        // This run: 2,520 counties matched by code, 335 left out (codes changed by mergers
        // and renamings); mean |error| of county totals 17.5%; all matched counties together
        // +1.6% (the units left out are not in the sum).
        let rows = try csvRows(out)
        let totals = rows.filter { $0[0] == "county" && $0[3] == "total" && $0[4] == "both" }
        #expect(totals.count > 2_400 && totals.count < 2_700)
        let all = try #require(rows.first { $0[0] == "all" && $0[3] == "total" && $0[4] == "both" })
        #expect(abs(Double(all[8])!) < 0.02)
        #expect(result.output.contains("left out"))
    }
}

/// The population below the county in whole persons (issue 16, item 6).
@Suite struct WholePersonsRunTests {
    /// 卫滨区 (410703): 8 streets and towns. Each township's population and persons aged 60+
    /// in `indicators.csv` is a whole number, and in every year the townships add up to the
    /// district exactly (largest-remainder shares of the district's rounded count).
    @Test("Weibin's townships hold whole persons and add up to the district in every year")
    func weibinTownshipsAreWhole() throws {
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "run", "Scenarios/weibin", "--out", folder.path, "--run-id", "whole", "--quiet",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let rows = try csvRows(folder.path + "/weibin/whole/indicators.csv")
        let header = rows[0]
        let column = { (name: String) in header.firstIndex(of: name)! }
        var townships: [String: Double] = [:]
        var district: [String: Double] = [:]
        for row in rows.dropFirst()
        where ["population", "aged-60-plus"].contains(row[column("indicator")]) {
            let key = row[column("year")] + " " + row[column("indicator")]
            let value = try #require(Double(row[column("value")]))
            #expect(value == value.rounded(), "\(row)")
            switch row[column("level")] {
            case "township": townships[key, default: 0] += value
            case "county": district[key] = value
            default: break
            }
        }
        #expect(district.count >= 2 * 16)
        for (key, value) in district { #expect(townships[key] == value, "\(key)") }
    }
}
