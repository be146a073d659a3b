import Foundation
import Testing

/// A CSV file that Yanglao wrote (UTF-8 with BOM, no quoted fields): its rows as
/// dictionaries by column name.
func readTable(_ path: String) throws -> [[String: String]] {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let lines = text.split(whereSeparator: \.isNewline).map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

@Suite struct AssessCommandTests {
    let records = "Examples/entitlements/assessments.csv"

    /// The prevalence is the share of each level among the records of a cell: tallied here
    /// from the per-record levels of `--scores`, independently of the estimate's code.
    @Test func thePrevalenceTableHoldsTheSharesOfTheScoredLevels() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/prevalence.csv"
        let result = try yanglao([
            "assess", records, "--out", out, "--year", "2023", "--ages", "60,70,80", "--scores",
            folder.path + "/scores.csv", "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("accepted 1800, rejected 0"))
        let scores = try readTable(folder.path + "/scores.csv")
        #expect(scores.count == 1800)
        let prevalence = try readTable(out)
        #expect(prevalence.count == 6)
        for row in prevalence {
            let low = Int(row["age"]!)!
            let cell = scores.filter {
                let age = Int($0["age"]!)!
                return $0["sex"] == row["sex"] && age >= low && (low == 80 || age < low + 10)
            }
            for level in ["intact", "mild", "moderate", "severe", "complete"] {
                let share = Double(cell.filter { $0["level"] == level }.count) / Double(cell.count)
                #expect(abs(Double(row[level]!)! - share) < 5e-7, "\(row) \(level)")
            }
        }
        // The intervals file: 6 cells × 5 levels, each interval around its share.
        let intervals = try readTable(folder.path + "/prevalence.intervals.csv")
        #expect(intervals.count == 30)
        for row in intervals {
            let (lower, share, upper) = (
                Double(row["lower"]!)!, Double(row["share"]!)!, Double(row["upper"]!)!
            )
            #expect(lower <= share && share <= upper)
        }
    }

    /// A record with an item score out of range (B.1.1 = 7 on the fifth record, line 6):
    /// exit 64, the file, line and column, the count of rejected records, nothing written;
    /// with --skip-bad the rest is estimated and the rejection counted.
    @Test func aRecordWithAScoreOutOfRangeStopsTheCommandUnlessSkipped() throws {
        let folder = try TemporaryFolder()
        var lines = try String(contentsOfFile: repository + "/" + records, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[5].split(separator: ",", omittingEmptySubsequences: false).map(
            String.init)
        fields[4] = "7"
        lines[5] = fields.joined(separator: ",")
        try folder.write("bad.csv", Array(lines.joined(separator: "\n").utf8))
        let out = folder.path + "/prevalence.csv"
        let failed = try yanglao([
            "assess", folder.path + "/bad.csv", "--out", out, "--year", "2023", "--lang", "en",
        ])
        #expect(failed.status == 64)
        #expect(failed.errors.contains("bad.csv:6:"), "\(failed.errors)")
        #expect(failed.errors.contains("B.1.1 进食 must be between 0 and 4 (got 7)"))
        #expect(failed.errors.contains("1 of 1800 records rejected"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let skipped = try yanglao([
            "assess", folder.path + "/bad.csv", "--out", out, "--year", "2023", "--skip-bad",
            "--lang", "en",
        ])
        #expect(skipped.status == 0, "\(skipped.errors)")
        #expect(skipped.errors.contains("warning:"))
        #expect(skipped.output.contains("accepted 1799, rejected 1"))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func withoutAYearColumnOrYearOptionTheCommandStops() throws {
        let folder = try TemporaryFolder()
        let result = try yanglao([
            "assess", records, "--out", folder.path + "/p.csv", "--lang", "en",
        ])
        #expect(result.status == 64)
        #expect(result.errors.contains("--year"))
    }
}

@Suite struct EntitlementsCommandTests {
    func number(_ row: [String: String], _ key: String) -> Double { Double(row[key] ?? "") ?? .nan }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }

    /// The example's costs: the city is the sum of its 7 counties for every item and year;
    /// cost = units × unit cost; the paying levels add up to the cost; the 2020 denominator
    /// of the allowance coverage is the census's persons aged 80+ (80–84 and 85+ of
    /// population-2020-census.csv: 114,350), and the fund's balance identity holds.
    @Test func theExampleCostsAddUpAndTheFundBalances() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/run"
        let result = try yanglao(["entitlements", "Examples/entitlements", "--out", out, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let costs = try readTable(out + "/costs.csv")
        let city = costs.filter { $0["region"] == "2103" }
        let counties = costs.filter { $0["level"] == "county" }
        #expect(city.count == 16 * 10 && counties.count == 7 * 16 * 10)
        for row in city {
            let parts = counties.filter { $0["year"] == row["year"] && $0["item"] == row["item"] }
            for key in ["eligible", "recipients", "units", "cost"] {
                let sum = parts.reduce(0) { $0 + number($1, key) }
                #expect(close(number(row, key), sum), "\(row["item"]!) \(row["year"]!) \(key)")
            }
            #expect(close(number(row, "cost"), number(row, "units") * number(row, "unit_cost")))
            let levels = ["central", "province", "city", "county"].reduce(0) {
                $0 + number(row, "cost_" + $1)
            }
            #expect(close(levels, number(row, "cost")))
        }
        let indicators = try readTable(out + "/indicators.csv")
        let coverage2020 = try #require(
            indicators.first {
                $0["year"] == "2020" && $0["region"] == "2103"
                    && $0["indicator"] == "old-age-allowance-coverage"
            })
        #expect(close(number(coverage2020, "denominator"), 114_350))
        #expect(number(coverage2020, "value") == 1)
        let fund = try readTable(out + "/ltc-fund.csv")
        #expect(fund.count == 15)  // 2021–2035
        var opening = 100_000_000.0
        for year in fund {
            #expect(close(number(year, "opening_balance"), opening))
            let income =
                ["employees", "retirees", "residents"].reduce(0) {
                    $0 + number(year, "contributions_" + $1)
                } + number(year, "fiscal_subsidy") + number(year, "interest")
            let spending =
                ["home", "community", "institution"].reduce(0) {
                    $0 + number(year, "benefits_" + $1)
                } + number(year, "administration")
            #expect(close(number(year, "closing_balance"), opening + income - spending))
            opening = number(year, "closing_balance")
        }
        #expect(FileManager.default.fileExists(atPath: out + "/manifest.json"))
    }

    /// `yanglao run` costs the list in its year loop: its run folder's service-list costs
    /// equal those of the standalone `entitlements` command (a second path to the same
    /// figures); the allowance coverage reaches the indicator table and its target; the
    /// report's service-list total for 2025 is the sum of the items' costs (in 万元); the
    /// fund's first deficit year in the JSON is the first negative closing balance of
    /// ltc-fund.csv; and `report` rewrites the same page from the folder.
    @Test func theYearLoopCostsTheListAndTheReportShowsIt() throws {
        let folder = try TemporaryFolder()
        let run = try yanglao([
            "run", "Examples/entitlements", "--out", folder.path, "--run-id", "r", "--quiet",
        ])
        #expect(run.status == 0, "\(run.errors)")
        let standalone = try yanglao([
            "entitlements", "Examples/entitlements", "--out", folder.path + "/alone", "--level",
            "county", "--quiet",
        ])
        #expect(standalone.status == 0, "\(standalone.errors)")
        let path = folder.path + "/anshan-entitlements/r"
        let inRun = try readTable(path + "/service-list-costs.csv")
        let alone = try readTable(folder.path + "/alone/costs.csv")
        #expect(inRun.count == alone.count && inRun.count == 8 * 16 * 10)
        #expect(inRun == alone)

        let indicators = try readTable(path + "/indicators.csv")
        let coverage = try #require(
            indicators.first {
                $0["year"] == "2020" && $0["region"] == "2103"
                    && $0["indicator"] == "old-age-allowance-coverage"
            })
        #expect(close(number(coverage, "denominator"), 114_350))
        let targets = try readTable(path + "/targets.csv")
        #expect(
            targets.contains {
                $0["target"] == "ln.old-age-allowance" && $0["year"] == "2025"
                    && $0["status"] == "met"
            })

        let total2025 = inRun.filter { $0["year"] == "2025" && $0["region"] == "2103" }.reduce(0) {
            $0 + number($1, "cost")
        }
        let html = try String(contentsOfFile: path + "/report-2025.html", encoding: .utf8)
        let expected = (total2025 / 10_000).formatted(
            .number.precision(.fractionLength(1)).locale(Locale(identifier: "en_US")))
        #expect(html.contains("基本养老服务清单</h2>"))
        #expect(html.contains("<td>合计</td>") && html.contains(expected), "\(expected)")

        let fund = try readTable(path + "/ltc-fund.csv")
        let deficit = try #require(fund.first { number($0, "closing_balance") < 0 })
        let jsonData = try #require(
            FileManager.default.contents(atPath: path + "/report-2025.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [String: Any])
        #expect((json["ltc_fund_deficit_year"] as? Int).map(String.init) == deficit["year"])

        let before = FileManager.default.contents(atPath: path + "/report-2025.html")
        let report = try yanglao(["report", path, "--overwrite", "--quiet"])
        #expect(report.status == 0, "\(report.errors)")
        #expect(FileManager.default.contents(atPath: path + "/report-2025.html") == before)
    }

    /// "Raise the 80–89 allowance to 100 yuan": with the rate set to 100 in every year, the
    /// 2021 cost of the item doubles against the example (50 yuan until 2026), and the
    /// other items do not change.
    @Test func raisingTheAllowanceTo100YuanDoublesItsCostIn2021() throws {
        let folder = try TemporaryFolder()
        let base = try yanglao([
            "entitlements", "Examples/entitlements", "--out", folder.path + "/base", "--quiet",
        ])
        let raised = try yanglao([
            "entitlements", "Examples/entitlements", "--out", folder.path + "/raised", "--quiet",
            "--set", "entitlements.overrides.old-age-allowance-80.benefit.cash=100",
        ])
        #expect(base.status == 0 && raised.status == 0, "\(raised.errors)")
        func cost(_ run: String, _ item: String) throws -> Double {
            let rows = try readTable(folder.path + "/" + run + "/costs.csv")
            let row = try #require(
                rows.first { $0["year"] == "2021" && $0["region"] == "2103" && $0["item"] == item })
            return number(row, "cost")
        }
        #expect(
            close(
                try cost("raised", "old-age-allowance-80"),
                2 * (try cost("base", "old-age-allowance-80"))))
        #expect(close(try cost("raised", "care-subsidy"), try cost("base", "care-subsidy")))
    }

    @Test func anExistingFolderIsNotReplacedWithoutOverwrite() throws {
        let folder = try TemporaryFolder()
        try folder.write("run/keep.txt", Array("keep".utf8))
        let result = try yanglao([
            "entitlements", "Examples/entitlements", "--out", folder.path + "/run", "--quiet",
        ])
        #expect(result.status == 64)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/run/keep.txt"))
    }

    @Test func aScenarioWithoutTheSectionsIsRefused() throws {
        // Shanxi's scenario has no service list (document 002 names none with amounts).
        let result = try yanglao(["entitlements", "Scenarios/shanxi", "--lang", "en"])
        #expect(result.status == 64)
        #expect(result.errors.contains("'entitlements:'"))
    }
}

/// The README's examples of `assess` and `entitlements`, run with their outputs in a
/// temporary folder.
@Suite struct EntitlementReadmeTests {
    let readme = (try? String(contentsOfFile: repository + "/README.md", encoding: .utf8)) ?? ""

    func example(_ prefix: String) throws -> (arguments: [String], printed: [String]) {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix("$ " + prefix) })
        let printed = lines[(index + 1)...].prefix { !$0.hasPrefix("$") && !$0.hasPrefix("```") }
        return (lines[index].split(separator: " ").dropFirst(2).map(String.init), Array(printed))
    }

    @Test func theAssessExamplePrintsWhatTheReadmeShows() throws {
        let (arguments, printed) = try example("yanglao assess ")
        let folder = try TemporaryFolder()
        let result = try yanglao(
            arguments.map { $0.replacingOccurrences(of: "Output/", with: folder.path + "/") })
        #expect(result.status == 0, "\(result.errors)")
        let output = result.output.replacingOccurrences(of: folder.path + "/", with: "Output/")
        #expect(output.split(separator: "\n").map(String.init) == printed)
    }

    @Test func theEntitlementsExamplePrintsWhatTheReadmeShows() throws {
        let (arguments, printed) = try example("yanglao entitlements ")
        let folder = try TemporaryFolder()
        let result = try yanglao(arguments + ["--out", folder.path + "/run"])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        // All but the last line, which names the folder.
        #expect(Array(lines.dropLast()) == Array(printed.dropLast()))
        #expect(printed.last == "Run written to Output/anshan-entitlements/entitlements")
    }
}
