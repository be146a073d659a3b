import Facilities
import Foundation
import Geography
import Provenance
import Quantities
import Targets

/// The annual target report (年度目标达成报告) of a run for one year: a summary of the verdicts,
/// each target with its value, threshold, status, gaps, first year met, trend chart, failing
/// units and source clause, the money spent by year and source, and what each indicator
/// counts. Written as one self-contained HTML page, an Excel workbook, a CSV table and JSON.
public struct AnnualReport: Sendable {
    public let data: RunData
    public let year: Int
    public let language: ReportLanguage

    /// Why a report cannot be made.
    public enum ReportError: Error, Hashable, Sendable, CustomStringConvertible {
        case yearOutsideRun(year: Int, years: ClosedRange<Int>)

        public var description: String {
            switch self {
            case .yearOutsideRun(let year, let years):
                "the year \(year) is outside the run (\(years.lowerBound)–\(years.upperBound))"
            }
        }
    }

    public init(data: RunData, year: Int, language: ReportLanguage) throws(ReportError) {
        guard data.years.contains(year) else {
            throw .yearOutsideRun(year: year, years: data.years)
        }
        self.data = data
        self.year = year
        self.language = language
    }

    /// The file name stem: `report-2025` or `report-2025-en`.
    public var stem: String { "report-\(year)\(language.fileSuffix)" }

    /// One line per target in the report's year.
    public struct Line: Sendable {
        public var result: TargetResult
        public var row: TargetResult.Row?
        public var status: TargetStatus { row?.status ?? .notComputed }
        public var verdict: TargetStatus { result.verdict }
        /// Why it is not computed: in the year when its status is not computed, else why its
        /// verdict is not; nil when both are computed.
        public var reason: NotComputedReason? { result.whyNotComputed(in: year) }
        public var year: Int
    }

    /// The targets, in the scenario's order, with their row for the year.
    public var lines: [Line] {
        data.targets.map { Line(result: $0, row: $0.summary(in: year), year: year) }
    }

    /// How many targets have each verdict, and each status in the year (the counts the
    /// console and `optimise` print).
    public var counts: (verdicts: [TargetStatus: Int], statuses: [TargetStatus: Int]) {
        TargetResult.counts(data.targets, in: year)
    }

    // MARK: - Words

    func title() -> String {
        let label =
            data.overrides.isEmpty
            ? data.label : language.text("假设情景：\(data.label)", "What-if of \(data.label)")
        return language.text("\(label)：\(year)年度目标达成报告", "\(label): annual target report \(year)")
    }

    /// What a what-if run (假设情景) says of itself: a sentence, and each `--set` override
    /// with the value as given and the value in the scenario; nil for a run as written.
    func whatIf() -> (sentence: String, header: [String], rows: [[String]])? {
        guard !data.overrides.isEmpty else { return nil }
        let sentence = language.text(
            "本报告是情景 \(data.scenarioID) 的假设情景：以下 \(data.overrides.count) 项取值由命令行 --set 覆盖，结果不是情景原方案的结果。",
            "This report is a what-if of scenario \(data.scenarioID): the \(data.overrides.count) values below were overridden with --set, so its results are not those of the scenario as written."
        )
        let header =
            language == .chinese
            ? ["键", "假设取值", "情景中的取值"] : ["Key", "Value in the what-if", "Value in the scenario"]
        let rows = data.overrides.map {
            [$0.key, $0.value, $0.scenarioValue ?? language.text("（情景未设定）", "(not set)")]
        }
        return (sentence, header, rows)
    }

    func gapPhrase(_ line: Line) -> String {
        guard let row = line.row, let gap = row.actionGap, gap > 0 else {
            return language.formatGap(line.row?.gap, line.result.target.indicator)
        }
        if case .region = line.result.target.scope, let action = line.result.target.indicator.action
        {
            return action.phrase(gap, chinese: language == .chinese)
        }
        if let action = line.result.target.indicator.action {
            return action.phrase(gap, chinese: language == .chinese)
        }
        return language.formatGap(row.gap, line.result.target.indicator)
    }

    func valueText(_ line: Line) -> String {
        let target = line.result.target
        switch target.scope {
        case .region:
            return language.format(line.row?.value, target.indicator)
        case .each, .group:
            guard let row = line.row, let share = row.value else { return "—" }
            let units = line.result.units.filter { $0.year == year }.count
            let meeting = units - row.failingUnits.count
            return language.text(
                "\(meeting)/\(units) 个单位达标（\(ReportLanguage.grouped(share * 100, decimals: 0))%）",
                "\(meeting) of \(units) units (\(ReportLanguage.grouped(share * 100, decimals: 0))%)"
            )
        }
    }

    func regionName(_ index: Int) -> String {
        let region = data.tree.regions[index]
        return "\(region.name)（\(region.code.shortForm)）"
    }

    // MARK: - HTML

    /// The report as one self-contained HTML page.
    public func html() -> String {
        var page = data.page(
            title: title(),
            intro: language.text(
                "规划区域 \(regionName(data.region))；情景 \(data.scenarioID)；由 yanglao \(data.toolVersion) 生成。",
                "Planning region \(regionName(data.region)); scenario \(data.scenarioID); made by yanglao \(data.toolVersion)."
            ), language: language)

        if let whatIf = whatIf() {
            page.heading(language.text("假设情景", "What-if"))
            page.paragraph(whatIf.sentence, className: "warning")
            page.table(
                header: whatIf.header, rows: whatIf.rows.map { $0.map { HTMLPage.Cell($0) } },
                className: "what-if")
        }

        // Summary.
        page.heading(language.text("总体情况", "Summary"))
        let counts = self.counts
        for (caption, byStatus) in [
            (
                language.text(
                    "目标结论（按期限；每年目标看各年）",
                    "Verdicts (at the deadline; every year for ongoing targets)"), counts.verdicts
            ),
            (language.text("\(year)年状态", "Status in \(year)"), counts.statuses),
        ] {
            var summary =
                "<p class=\"caption\">\(HTMLPage.escape(caption))</p><div class=\"summary\">"
            for status in TargetStatus.allCases where byStatus[status] != nil {
                summary +=
                    "<div class=\"\(status.rawValue)\"><b>\(byStatus[status]!)</b>\(HTMLPage.escape(language.name(status)))</div>"
            }
            page.raw(summary + "</div>")
        }
        if let draws = data.attainment.values.first?.draws {
            page.paragraph(
                language.text(
                    "不确定性：对情景的不确定参数随机抽样 \(draws) 次，“达成概率”为按期达成目标的抽样比例（各目标下注明标准误）；各指标的扇形图见 draws/report.html。",
                    "Uncertainty: the scenario's uncertain inputs were drawn \(draws) times; “Probability” is the share of draws meeting each target by its deadline (with its standard error under each target); the fan chart of each indicator is in draws/report.html."
                ), className: "note")
            let central = centralTable()
            page.paragraph(
                language.text(
                    "核心运行（即本报告的各项值和结论）按情景原值计算，各不确定输入所取的值及其在抽样分布中的位置如下；位于分布高端的取值使核心运行偏乐观。",
                    "The central run (this report's values and verdicts) uses the scenario as written; the value it takes for each uncertain input, and where that lies in the input's distribution, are below. A value high in its distribution makes the central run a favourable case."
                ), className: "note")
            page.table(
                header: central.header,
                rows: central.rows.map { row in
                    row.enumerated().map { HTMLPage.Cell($1, numeric: $0 >= 2) }
                }, className: "central")
            let doubtful = lines.filter { data.isMetAgainstTheOdds($0.result) }
            if !doubtful.isEmpty {
                let list = doubtful.map {
                    "\($0.result.target.id)（\(probabilityText($0.result.target.id, withError: false))）"
                }.joined(separator: language.text("、", ", "))
                page.paragraph(
                    language.text(
                        "警告：以下 \(doubtful.count) 项目标在核心运行中判为已达成，但按期达成概率低于 50%：\(list)。其“已达成”依赖有利的输入取值，不宜据此认为目标有保障。",
                        "Warning: \(doubtful.count) targets are met in the central run but have a probability below 50% of being met by their deadlines: \(list). Their “met” rests on favourable inputs and does not mean the target is safe."
                    ), className: "warning")
            }
        }

        // The table of targets.
        page.heading(language.text("目标一览", "Targets at a glance"))
        let withProbability = !data.attainment.isEmpty
        page.table(
            header: (language == .chinese
                ? ["编号", "目标", "\(year)年值", "目标值", "期限", "\(year)年状态", "结论", "差距", "首次达成"]
                : [
                    "Id", "Target", "Value \(year)", "Threshold", "Deadline", "Status \(year)",
                    "Verdict", "Gap", "First met",
                ])
                + (withProbability ? [language.text("达成概率", "Probability")] : []),
            rows: lines.map { line in
                let target = line.result.target
                let flagged = data.isMetAgainstTheOdds(line.result)
                let probability =
                    withProbability
                    ? [
                        HTMLPage.Cell(
                            probabilityText(target.id, withError: false) + (flagged ? " ⚠" : ""),
                            className: flagged ? "against-odds" : nil, numeric: true)
                    ]
                    : []
                return [
                    HTMLPage.Cell(target.id), HTMLPage.Cell(language.name(target.indicator)),
                    HTMLPage.Cell(valueText(line), numeric: true),
                    HTMLPage.Cell(language.threshold(target), numeric: true),
                    HTMLPage.Cell(language.deadline(target)),
                    HTMLPage.Cell(language.name(line.status), className: line.status.rawValue),
                    HTMLPage.Cell(verdictText(line), className: line.verdict.rawValue),
                    line.reason == nil
                        ? HTMLPage.Cell(gapPhrase(line))
                        : HTMLPage.Cell(
                            language.text("未测算，原因见下", "not computed: see below"),
                            className: "reason"),
                    HTMLPage.Cell(line.result.firstYearMet.map(String.init) ?? "—", numeric: true),
                ] + probability
            }, className: withProbability ? "targets with-probability" : "targets")

        // Each target.
        page.heading(language.text("各项目标", "Each target"))
        for line in lines {
            let target = line.result.target
            page.section(id: target.id) { page in
                page.heading("\(target.id)　\(target.text)", level: 3)
                var facts: [String] = [
                    language.text("指标：", "Indicator: ") + language.name(target.indicator)
                ]
                facts += [
                    language.text("\(year)年值：", "Value in \(year): ") + valueText(line),
                    language.text("目标值：", "Threshold: ") + language.threshold(target)
                        + language.text("，", ", ")
                        + language.deadline(target),
                    language.text("\(year)年状态：", "Status in \(year): ")
                        + language.name(line.status)
                        + language.text("；差距：", "; gap: ") + gapPhrase(line),
                    language.text("结论：", "Verdict: ") + verdictText(line),
                    language.text("首次达成：", "First met: ") + firstMetText(line),
                ]
                let hasChart = line.result.summary.contains { $0.value != nil }
                if let reason = line.reason, hasChart {
                    facts.append(
                        language.text("未测算原因：", "Why not computed: ") + language.reason(reason))
                }
                if withProbability {
                    facts.append(
                        language.text("按期达成概率：", "Probability of meeting it by its deadline: ")
                            + probabilityText(target.id)
                            + (data.isMetAgainstTheOdds(line.result)
                                ? language.text(
                                    "（警告：核心运行判为已达成，但概率低于 50%）",
                                    " (warning: met in the central run, but with a probability below 50%)"
                                )
                                : ""))
                }
                page.list(facts)
                if hasChart {
                    page.raw(chart(line.result).svg())
                } else if let reason = line.reason {
                    page.paragraph(
                        language.text("未测算，无趋势图：", "Not computed, so no chart: ")
                            + language.reason(reason), className: "warning")
                }
                if let row = line.row, !row.failingUnits.isEmpty {
                    let units = line.result.units.filter { $0.year == year }
                    page.table(
                        header: language == .chinese
                            ? ["未达标单位", "值", "差距"] : ["Unit not meeting it", "Value", "Gap"],
                        rows: row.failingUnits.map { unit in
                            let unitRow = units.first { $0.region == unit }
                            return [
                                HTMLPage.Cell(regionName(unit)),
                                HTMLPage.Cell(
                                    language.format(unitRow?.value, target.indicator), numeric: true
                                ),
                                HTMLPage.Cell(
                                    language.formatGap(unitRow?.gap, target.indicator),
                                    numeric: true),
                            ]
                        }, className: "failing")
                }
                page.paragraph(
                    language.text("来源：", "Source: ") + language.source(target), className: "source")
                if !target.note.isEmpty { page.paragraph(target.note, className: "note") }
            }
        }

        // Maps of the units one level below the planning region (townships under a county).
        if data.boundaries != nil {
            let level: RegionLevel =
                data.tree.regions[data.region].level >= .county ? .township : .county
            if let comparison = try? DistrictComparison(
                data: data, level: level, year: year, language: language), comparison.hasMaps
            {
                page.heading(language.text("地图", "Maps"))
                comparison.appendMaps(to: &page, headingLevel: 3)
            }
        }

        // Need and supply.
        let need = NeedAndSupply(data: data)
        if need.isComputed {
            page.heading(language.text("需求与供给", "Need and supply"))
            page.paragraph(
                language.text(
                    "按老年人能力等级（GB/T 42195-2022）与各等级入住需求率测算所需床位和护理员；各县的养老机构先接收本县有需求的老年人，住满后其余等待。",
                    "Beds and caregivers needed from the older people's capability levels (GB/T 42195-2022) and each level's take-up; each county's homes take its own older people in need, and those beyond its beds wait."
                ), className: "note")
            page.raw(need.chart(language: language).svg())
            let table = need.table(need.defaultUnits, year: year, language: language)
            page.table(
                header: table.header,
                rows: table.rows.map { row in
                    row.enumerated().map { HTMLPage.Cell($1, numeric: $0 >= 1) }
                }, className: "need")
        }

        // Money.
        page.heading(language.text("资金投入", "Spending"))
        let costs = costTable()
        if costs.rows.isEmpty {
            page.paragraph(
                language.text("情景没有投资计划或支出。", "The scenario has no spending."), className: "note")
        } else {
            page.table(
                header: costs.header,
                rows: costs.rows.map { $0.map { HTMLPage.Cell($0, numeric: true) } })
        }

        // Funding: planned, spent, deferred and unpaid by source and year.
        if let funding = fundingTable() {
            page.heading(language.text("资金安排与缺口", "Funding: planned, spent, deferred, unpaid"))
            page.paragraph(funding.sentence, className: funding.short ? "warning" : "note")
            page.table(
                header: funding.header,
                rows: funding.rows.map { row in
                    row.enumerated().map { HTMLPage.Cell($1, numeric: $0 >= 2) }
                }, className: "funding")
        }

        // The basic service list and the long-term-care fund.
        let serviceList = serviceListTable()
        if !serviceList.rows.isEmpty {
            page.heading(language.text("基本养老服务清单", "The basic elderly-care service list"))
            page.table(
                header: serviceList.header,
                rows: serviceList.rows.map { row in
                    row.enumerated().map { HTMLPage.Cell($1, numeric: $0 >= 2) }
                })
        }
        if let sentence = fundSentence() {
            page.paragraph(sentence)
        }

        // Definitions.
        page.heading(language.text("指标说明", "What the indicators count"))
        var seen = Set<String>()
        for line in lines where seen.insert(line.result.target.indicator.id).inserted {
            let indicator = line.result.target.indicator
            page.paragraph(
                "\(language.name(indicator))（\(indicator.id)）：\(language.definition(indicator))")
        }
        return page.html()
    }

    /// The verdict, with the first year missed for an ongoing target (每年): "未达成（2024年）".
    func verdictText(_ line: Line) -> String {
        let name = language.name(line.verdict)
        guard line.result.target.deadline == nil, line.verdict == .missed,
            let judged = line.result.judgedRow
        else { return name }
        return name + language.text("（\(judged.year)年）", " (\(judged.year))")
    }

    /// The first year met; for a target never computed, "not computed" rather than "not met",
    /// for one that does not apply to the planning region, "not applicable", and for one
    /// without a figure, "no figure" (nothing can be met).
    func firstMetText(_ line: Line) -> String {
        if let first = line.result.firstYearMet { return language.text("\(first)年", String(first)) }
        if line.verdict == .notComputed || line.verdict == .notApplicable {
            return language.name(line.verdict)
        }
        if line.result.target.threshold == nil { return language.text("无量化标准", "no figure") }
        return language.text("预测期内未达成", "not within the run")
    }

    /// The probability of meeting a target by its deadline over the draws, "62.0% ± 1.5%"
    /// (or "62.0%" without the standard error), or a dash where the draws do not judge it.
    func probabilityText(_ id: String, withError: Bool = true) -> String {
        guard let attainment = data.attainment[id], attainment.draws > 0 else { return "—" }
        let share = ReportLanguage.grouped(attainment.probability * 100, decimals: 1) + "%"
        guard withError else { return share }
        return share + " ± " + ReportLanguage.grouped(attainment.standardError * 100, decimals: 1)
            + "%"
    }

    /// The value each uncertain input takes in the central run: the input, its value in the
    /// scenario, the central value in the distribution's terms (×1 for a scaled input), the
    /// share of draws at or below it and the distribution's median.
    func centralTable() -> (header: [String], rows: [[String]]) {
        let header =
            language == .chinese
            ? ["不确定输入", "情景中的取值", "核心运行取值", "抽样中不高于该值的比例", "分布中位数"]
            : [
                "Uncertain input", "Value in the scenario", "Central run's value",
                "Share of draws at or below it", "Median of the distribution",
            ]
        func number(_ value: Double?) -> String {
            guard let value, value.isFinite else { return "—" }
            return NumberText.trimmed(value, decimals: 4)
        }
        let rows = data.centralValues.map { value in
            [
                value.input, value.scenarioValue ?? language.text("（情景未设定）", "(not set)"),
                number(value.value),
                value.share.map { ReportLanguage.grouped($0 * 100, decimals: 0) + "%" } ?? "—",
                number(value.median),
            ]
        }
        return (header, rows)
    }

    /// The trend chart of a target: its value each year, the threshold and the deadline.
    public func chart(_ result: TargetResult) -> LineChart {
        let target = result.target
        let isEach: Bool
        if case .region = target.scope { isEach = false } else { isEach = true }
        let years = result.summary.map(\.year)
        let values = result.summary.map(\.value)
        let language = self.language
        let indicator = target.indicator
        var threshold: (value: Double, label: String)?
        if isEach {
            threshold = (1, language.text("全部达标", "all units"))
        } else if let value = target.threshold {
            threshold = (value, language.threshold(target))
        }
        let name =
            isEach ? language.text("达标单位占比", "share of units meeting it") : language.name(indicator)
        let format: @Sendable (Double) -> String
        if isEach {
            format = { ReportLanguage.grouped($0 * 100, decimals: 0) + "%" }
        } else {
            format = { language.format($0, indicator) }
        }
        var deadline: (year: Int, label: String)?
        if let year = target.deadline {
            deadline = (year, language.text("期限 \(year)", "deadline \(year)"))
        }
        var chart = LineChart(
            series: [
                LineChart.Series(name: name, years: years, values: values, colour: Colour(0x1F4E79))
            ],
            threshold: threshold, deadline: deadline, format: format)
        chart.fromZero = true
        return chart
    }

    /// The service list in the report's year, planning region: each item with its clause,
    /// persons eligible, recipients and cost (万元 in Chinese, yuan in English), and the total.
    func serviceListTable() -> (header: [String], rows: [[String]]) {
        let lines = data.serviceList.filter { $0.year == year }
        guard !lines.isEmpty else { return ([], []) }
        let chinese = language == .chinese
        let header =
            chinese
            ? ["服务项目", "依据条款", "\(year)年符合条件人数", "享受人数", "支出（万元）"]
            : ["Item", "Clause", "Eligible \(year)", "Recipients", "Cost (yuan)"]
        func money(_ yuan: Double) -> String {
            chinese
                ? ReportLanguage.grouped(yuan / 10_000, decimals: 1)
                : ReportLanguage.grouped(yuan, decimals: 0)
        }
        var rows = lines.map { line in
            [
                line.name, line.clause, ReportLanguage.grouped(line.eligible, decimals: 0),
                ReportLanguage.grouped(line.recipients, decimals: 0), money(line.cost),
            ]
        }
        rows.append([
            language.text("合计", "Total"), "", "", "", money(lines.reduce(0) { $0 + $1.cost }),
        ])
        return (header, rows)
    }

    /// A sentence on the long-term-care fund: its balance at the end of the run and the
    /// first year in deficit, when the scenario projects one.
    func fundSentence() -> String? {
        guard let last = data.fundBalances.last else { return nil }
        let chinese = language == .chinese
        let balance =
            chinese
            ? ReportLanguage.grouped(last.balance / 10_000, decimals: 0) + " 万元"
            : ReportLanguage.grouped(last.balance, decimals: 0) + " yuan"
        if let deficit = data.fundDeficitYear {
            return language.text(
                "长期护理保险基金自 \(deficit) 年起出现赤字，\(last.year) 年末结余 \(balance)。",
                "The long-term-care insurance fund is in deficit from \(deficit); its balance at the end of \(last.year) is \(balance)."
            )
        }
        return language.text(
            "长期护理保险基金在预测期内保持结余，\(last.year) 年末结余 \(balance)。",
            "The long-term-care insurance fund stays in surplus through the run; its balance at the end of \(last.year) is \(balance)."
        )
    }

    /// Funding by year and source (资金安排与缺口), in 万元: planned (the budget line; "—" when
    /// not capped), spent, capital deferred and recurring costs left unpaid, the lines with any
    /// money; with a sentence on the years capital was deferred and the subsidy left unpaid.
    /// Nil without funding lines.
    func fundingTable() -> (sentence: String, short: Bool, header: [String], rows: [[String]])? {
        let lines = data.funding.filter {
            ($0.planned ?? 0) != 0 || $0.spent != 0 || $0.deferred != 0 || $0.unpaid != 0
        }
        guard !lines.isEmpty else { return nil }
        func money(_ yuan: Double?) -> String {
            yuan.map { ReportLanguage.grouped($0 / 10_000, decimals: 1) } ?? "—"
        }
        let header =
            language == .chinese
            ? ["年份", "资金来源", "计划（万元）", "支出（万元）", "顺延的建设资金（万元）", "未支付的经常性支出（万元）"]
            : [
                "Year", "Source", "Planned (10,000 yuan)", "Spent (10,000 yuan)",
                "Capital deferred (10,000 yuan)", "Recurring unpaid (10,000 yuan)",
            ]
        let rows = lines.map { line in
            [
                String(line.year),
                language.text(
                    line.source.chineseName,
                    line.source.identifier.replacingOccurrences(of: "_", with: " ")),
                money(line.planned), money(line.spent), money(line.deferred), money(line.unpaid),
            ]
        }
        let deferredYears = lines.filter { $0.deferred > 0 }.map(\.year)
        let unpaid = lines.reduce(0) { $0 + $1.unpaid }
        let unpaidYears = lines.filter { $0.unpaid > 0 }.map(\.year)
        var parts: [String] = []
        if let first = deferredYears.min(), let end = data.funding.map(\.year).max() {
            // A year's deferred capital includes what earlier years deferred and still wait
            // for, so the last year's is what the run leaves unpaid, not a sum over years.
            let outstanding = data.funding.filter { $0.year == end }.reduce(0) { $0 + $1.deferred }
            parts.append(
                language.text(
                    "自 \(first) 年起建设资金不足，相应行动顺延；至 \(end) 年仍有 \(money(outstanding)) 万元建设资金未能安排（各来源合计）",
                    "from \(first) capital ran short and the actions it pays for were deferred; in \(end), \(money(outstanding)) × 10,000 yuan of capital is still unfunded (all sources)"
                ))
        }
        if let first = unpaidYears.min(), let last = unpaidYears.max() {
            parts.append(
                language.text(
                    "\(first)–\(last) 年共有 \(money(unpaid)) 万元运营补贴等经常性支出未能支付",
                    "\(money(unpaid)) × 10,000 yuan of subsidies and other recurring costs were left unpaid in \(first)–\(last)"
                ))
        }
        let sentence =
            parts.isEmpty
            ? language.text(
                "各资金来源每年都足以支付计划的建设和经常性支出。",
                "Every source paid the plan's capital and recurring costs in every year.")
            : language.text("资金缺口：", "Funding gaps: ")
                + parts.joined(separator: language.text("；", "; ")) + language.text("。", ".")
        return (sentence, !parts.isEmpty, header, rows)
    }

    /// Spending by year and source, in 万元 (Chinese) or yuan (English), planning region.
    func costTable() -> (header: [String], rows: [[String]]) {
        let costs = data.costs.filter { $0.region == data.region }
        guard !costs.isEmpty else { return ([], []) }
        let sources = FundingSource.allCases.filter { source in
            costs.contains { $0.source == source }
        }
        let header =
            [language.text("年份", "Year"), language.text("类别", "Kind")]
            + sources.map {
                language.text(
                    $0.chineseName, $0.identifier.replacingOccurrences(of: "_", with: " "))
            }
            + [language.text("合计（万元）", "Total (10,000 yuan)")]
        var rows: [[String]] = []
        for year in data.years {
            for kind in CostKind.allCases {
                let lines = costs.filter { $0.year == year && $0.kind == kind }
                guard !lines.isEmpty else { continue }
                let bySource = sources.map { source in
                    lines.filter { $0.source == source }.reduce(0) { $0 + $1.yuan }
                }
                rows.append(
                    [
                        String(year),
                        language.text(kind == .capital ? "建设" : "运营补贴", kind.identifier),
                    ]
                        + bySource.map { ReportLanguage.grouped($0 / 10_000, decimals: 1) }
                        + [ReportLanguage.grouped(bySource.reduce(0, +) / 10_000, decimals: 1)])
            }
        }
        return (header, rows)
    }
}
