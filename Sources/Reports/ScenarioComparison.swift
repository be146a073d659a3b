import Facilities
import Foundation
import Targets

/// The scenario comparison (情景对比): several runs of the same planning region side by side —
/// each target's verdict and first year met in every run, the money each spends, and the key
/// trajectories overlaid, with the targets on which the runs differ marked.
public struct ScenarioComparison: Sendable {
    public let runs: [RunData]
    public let language: ReportLanguage

    public enum ComparisonError: Error, Hashable, Sendable, CustomStringConvertible {
        case tooFewRuns
        case differentRegions(first: String, other: String)

        public var description: String {
            switch self {
            case .tooFewRuns: "a comparison needs at least two runs"
            case .differentRegions(let first, let other):
                "the runs plan for different regions (\(first) and \(other)); compare runs of one region"
            }
        }
    }

    public init(runs: [RunData], language: ReportLanguage) throws(ComparisonError) {
        guard runs.count >= 2 else { throw .tooFewRuns }
        let first = runs[0].planningRegion.code
        for run in runs.dropFirst() where run.planningRegion.code != first {
            throw .differentRegions(
                first: first.shortForm, other: run.planningRegion.code.shortForm)
        }
        self.runs = runs
        self.language = language
    }

    /// The targets of any run, by id, in the order they first appear.
    public var targetIDs: [String] {
        var ids: [String] = []
        for run in runs {
            for result in run.targets where !ids.contains(result.target.id) {
                ids.append(result.target.id)
            }
        }
        return ids
    }

    func result(_ id: String, in run: RunData) -> TargetResult? {
        run.targets.first { $0.target.id == id }
    }

    /// Whether the runs reach different verdicts or first years on a target.
    public func differs(_ id: String) -> Bool {
        let outcomes = runs.map { run in
            result(id, in: run).map { "\($0.verdict)-\($0.firstYearMet ?? 0)" } ?? "-"
        }
        return Set(outcomes).count > 1
    }

    /// A run's name in tables: its scenario id, with the run id when two runs share it.
    func name(_ index: Int) -> String {
        let run = runs[index]
        let shared = runs.filter { $0.scenarioID == run.scenarioID }.count > 1
        return shared ? "\(run.scenarioID)/\(run.runID)" : run.scenarioID
    }

    public func html() -> String {
        let title = language.text(
            "\(runs[0].planningRegion.name)：情景对比",
            "\(runs[0].planningRegion.name): scenarios compared")
        var page = HTMLPage(title: title, language: language.htmlCode)
        page.heading(title, level: 1)
        page.paragraph(
            language.text("对比的运行：", "Runs compared: ")
                + runs.indices.map { "\(name($0))（\(runs[$0].label)）" }.joined(separator: "；"),
            className: "note")
        var notes: [(text: String, className: String)] = []
        for run in runs {
            for note in run.noteParagraphs(language)
            where !notes.contains(where: { $0.text == note.text }) {
                notes.append(note)
            }
        }
        for note in notes { page.paragraph(note.text, className: note.className) }

        page.heading(language.text("目标：结论与首次达成年份", "Targets: verdict and first year met"))
        var rows = ""
        for id in targetIDs {
            let indicator = runs.lazy.compactMap { self.result(id, in: $0) }.first!.target.indicator
            rows += differs(id) ? "<tr class=\"diff\">" : "<tr>"
            rows +=
                "<td>\(HTMLPage.escape(id))</td><td>\(HTMLPage.escape(language.name(indicator)))</td>"
            for run in runs {
                guard let result = result(id, in: run) else {
                    rows += "<td>—</td>"
                    continue
                }
                let first = result.firstYearMet.map(String.init) ?? "—"
                rows +=
                    "<td class=\"\(result.verdict.rawValue)\">\(HTMLPage.escape(language.name(result.verdict)))（\(first)）</td>"
            }
            rows += "</tr>"
        }
        page.raw(
            "<table class=\"comparison\"><thead><tr><th>"
                + HTMLPage.escape(language.text("目标", "Target")) + "</th><th>"
                + HTMLPage.escape(language.text("指标", "Indicator")) + "</th>"
                + runs.indices.map { "<th>\(HTMLPage.escape(name($0)))</th>" }.joined()
                + "</tr></thead><tbody>" + rows
                + "</tbody></table>")
        page.table(
            header: [language.text("情景", "Run")]
                + TargetStatus.allCases.map { language.name($0) },
            rows: runs.indices.map { index in
                let verdicts = TargetResult.counts(runs[index].targets, in: runs[index].reportYear)
                    .verdicts
                return [HTMLPage.Cell(name(index))]
                    + TargetStatus.allCases.map {
                        HTMLPage.Cell(String(verdicts[$0] ?? 0), numeric: true)
                    }
            }, caption: language.text("目标结论计数", "Verdicts counted"))
        page.paragraph(
            language.text(
                "加粗并标红边的行：各情景结论或首次达成年份不同。", "Rows in bold with a red edge: the runs differ."),
            className: "note")

        page.heading(language.text("资金（万元，全部年份合计）", "Spending (10,000 yuan, all years)"))
        page.table(
            header: [language.text("情景", "Run")]
                + FundingSource.allCases.map { language.text($0.chineseName, $0.identifier) }
                + [language.text("合计", "Total")],
            rows: runs.indices.map { index in
                let costs = runs[index].costs.filter { $0.region == runs[index].region }
                let bySource = FundingSource.allCases.map { source in
                    costs.filter { $0.source == source }.reduce(0) { $0 + $1.yuan }
                }
                return [HTMLPage.Cell(name(index))]
                    + (bySource + [bySource.reduce(0, +)]).map {
                        HTMLPage.Cell(
                            ReportLanguage.grouped($0 / 10_000, decimals: 1), numeric: true)
                    }
            })

        page.heading(language.text("主要指标的变化", "Key trajectories"))
        let palette = [0x1F4E79, 0xC55A11, 0x548235, 0x7030A0, 0xBF9000, 0x2F5597].map(Colour.init)
        for id in targetIDs {
            guard let target = runs.lazy.compactMap({ self.result(id, in: $0) }).first?.target,
                case .region = target.scope
            else { continue }
            let series = runs.indices.compactMap { index -> LineChart.Series? in
                guard let result = result(id, in: runs[index]) else { return nil }
                return LineChart.Series(
                    name: name(index), years: result.summary.map(\.year),
                    values: result.summary.map(\.value),
                    colour: palette[index % palette.count], dashed: index >= palette.count)
            }
            let language = self.language
            let indicator = target.indicator
            var threshold: (value: Double, label: String)?
            if let value = target.threshold { threshold = (value, language.threshold(target)) }
            var deadline: (year: Int, label: String)?
            if let year = target.deadline {
                deadline = (year, language.text("期限 \(year)", "deadline \(year)"))
            }
            let chart = LineChart(
                series: series, threshold: threshold, deadline: deadline,
                format: { language.format($0, indicator) })
            page.section(id: id) { page in
                page.heading("\(id)　\(language.name(indicator))", level: 3)
                page.raw(chart.svg())
            }
        }
        return page.html()
    }
}
