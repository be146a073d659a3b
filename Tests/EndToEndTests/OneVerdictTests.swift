import Foundation
import Testing

/// One verdict everywhere: the run judges each target once, and the annual report (HTML, CSV,
/// JSON), `targets.csv`, `districts` and `compare` all show that verdict and the report year's
/// status. Checked on Anshan's accelerated plan, whose Liaoning lottery-share target is ongoing
/// (每年) and has no value in 2025, the case where the outputs used to disagree.
@Suite struct OneVerdictTests {
    /// Rows of a CSV file (RFC 4180 quoting), without a byte-order mark.
    func csvRows(_ path: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var characters = text.unicodeScalars.makeIterator()
        var pending = characters.next()
        while let c = pending {
            pending = characters.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append(c)
                        pending = characters.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r" || c == "\n" {
                if c == "\r", pending == "\n" { pending = characters.next() }
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }

    /// The (status, verdict) class pair of each target row of an HTML table whose first cell
    /// is the target's id and which has two adjacent status-classed cells.
    func htmlPairs(_ html: String, ids: [String]) -> [String: (String, String)] {
        var pairs: [String: (String, String)] = [:]
        let classes = Self.chinese.keys.joined(separator: "|")
        for id in ids {
            let pattern =
                "<tr><td>\(NSRegularExpression.escapedPattern(for: id))</td>.*?<td class=\"(\(classes))\">[^<]*</td><td class=\"(\(classes))\">"
            let regex = try! NSRegularExpression(pattern: pattern)
            let range = NSRange(html.startIndex..., in: html)
            if let match = regex.firstMatch(in: html, range: range) {
                pairs[id] = (
                    String(html[Range(match.range(at: 1), in: html)!]),
                    String(html[Range(match.range(at: 2), in: html)!])
                )
            }
        }
        return pairs
    }

    /// The Chinese names of the statuses, as the tool's reports print them (written out here,
    /// not taken from the code).
    static let chinese = [
        "met": "已达成", "on_track": "按期可达成", "off_track": "按期难以达成", "missed": "未达成",
        "met_late": "逾期达成", "fell_back": "达成后回落", "not_quantified": "无量化标准",
        "not_computed": "未测算", "not_applicable": "不适用",
    ]

    @Test func everyOutputShowsTheRunsVerdictAndStatus() throws {
        let folder = try TemporaryFolder()
        for variant in ["accelerated", "baseline"] {
            let run = try yanglao([
                "run", "Scenarios/anshan/variants/\(variant).yaml", "--out", folder.path,
                "--run-id", "check", "--quiet",
            ])
            #expect(run.status == 0, "\(run.errors)")
        }
        let accelerated = folder.path + "/anshan-accelerated/check"
        let baseline = folder.path + "/anshan-baseline/check"
        #expect(
            try yanglao(["districts", accelerated, "--level", "county", "--quiet"]).status == 0)
        #expect(
            try yanglao([
                "compare", accelerated, baseline, "--out", folder.path + "/compare.html",
                "--quiet",
            ]).status == 0)

        // targets.csv: the per-year statuses, from which the verdict is worked out again by
        // the documented rule — the deadline's status; for an ongoing target, missed if any
        // year is missed, else the last year with a value.
        let table = try csvRows(accelerated + "/targets.csv")
        let column = Dictionary(uniqueKeysWithValues: table[0].enumerated().map { ($1, $0) })
        let summary = table.dropFirst().filter { $0[column["row"]!] == "summary" }
        var ids: [String] = []
        var expected: [String: (status: String, verdict: String)] = [:]
        for id in summary.map({ $0[column["target"]!] }) where !ids.contains(id) { ids.append(id) }
        for id in ids {
            let rows = summary.filter { $0[column["target"]!] == id }
            let status = try #require(rows.first { $0[column["year"]!] == "2025" })[
                column["status"]!]
            let statuses = rows.map { (Int($0[column["year"]!])!, $0[column["status"]!]) }
            let deadline = Int(rows[0][column["deadline"]!])
            let worked: String
            if let deadline, let atDeadline = statuses.first(where: { $0.0 == deadline }) {
                worked = atDeadline.1
            } else if statuses.contains(where: { $0.1 == "missed" }) {
                worked = "missed"
            } else {
                worked = statuses.last { $0.1 != "not_computed" }?.1 ?? "not_computed"
            }
            #expect(rows.allSatisfy { $0[column["verdict"]!] == worked }, "\(id)")
            expected[id] = (status, worked)
        }
        #expect(ids.count == 23)
        // The case behind this test: no value in 2025, missed in a judged year.
        #expect(expected["ln.lottery-share"]! == ("not_computed", "missed"))

        // The annual report's CSV (Chinese names) and JSON.
        let report = try csvRows(accelerated + "/report-2025.csv")
        let reportColumn = Dictionary(uniqueKeysWithValues: report[0].enumerated().map { ($1, $0) })
        let name = Dictionary(uniqueKeysWithValues: Self.chinese.map { ($1, $0) })
        for row in report.dropFirst() where row.count > 1 {
            let id = row[reportColumn["编号"]!]
            #expect(name[row[reportColumn["状态"]!]] == expected[id]?.status, "\(id)")
            #expect(name[row[reportColumn["结论"]!]] == expected[id]?.verdict, "\(id)")
        }
        let json =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: accelerated + "/report-2025.json")))
            as! [String: Any]
        let targets = json["targets"] as! [[String: Any]]
        #expect(targets.count == 23)
        for target in targets {
            let id = target["id"] as! String
            #expect(target["status"] as? String == expected[id]?.status, "\(id)")
            #expect(target["verdict"] as? String == expected[id]?.verdict, "\(id)")
        }
        let verdictCounts = json["verdict_counts"] as! [String: Int]
        #expect(verdictCounts["missed"] == expected.values.filter { $0.verdict == "missed" }.count)

        // The HTML report and the district comparison.
        for page in ["report-2025.html", "districts-county-2025.html"] {
            let html = try String(contentsOfFile: accelerated + "/" + page, encoding: .utf8)
            let pairs = htmlPairs(html, ids: ids)
            #expect(pairs.count == 23, "\(page)")
            for (id, pair) in pairs {
                #expect(pair.0 == expected[id]?.status, "\(page) \(id)")
                #expect(pair.1 == expected[id]?.verdict, "\(page) \(id)")
            }
        }

        // compare: the first run's column is the accelerated run's verdict.
        let compare = try String(contentsOfFile: folder.path + "/compare.html", encoding: .utf8)
        for id in ids {
            let pattern =
                "<td>\(NSRegularExpression.escapedPattern(for: id))</td><td>[^<]*</td><td class=\"([a-z_]+)\">"
            let regex = try NSRegularExpression(pattern: pattern)
            let match = try #require(
                regex.firstMatch(in: compare, range: NSRange(compare.startIndex..., in: compare)))
            #expect(
                String(compare[Range(match.range(at: 1), in: compare)!]) == expected[id]?.verdict,
                "compare \(id)")
        }
    }
}
