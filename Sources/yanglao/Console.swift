import Diagnostics
import Foundation
import Geography
import Planning
import Reports
import ScenarioFiles
import Simulation
import Targets

/// Writing to the terminal.
enum Console {
    static func out(_ text: String) {
        print(text)
    }

    static func error(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }

    /// Writes to the error stream without a line break (a progress bar).
    static func errorInline(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A one-line progress bar on the terminal's error stream, redrawn at each stage of a run,
/// shown only when that stream is a terminal.
struct ProgressBar {
    let enabled: Bool
    let language: Language

    func show(_ stage: String, _ done: Double) {
        guard enabled else { return }
        let names: [String: String] = [
            "demography": "人口预测", "facilities": "设施与投资", "coverage": "覆盖测算",
            "indicators and targets": "指标与目标", "done": "完成",
        ]
        let name = language == .zh ? names[stage] ?? stage : stage
        let filled = Int((done * 20).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
        Console.errorInline(
            "\r\(bar) \(Int(done * 100))% \(name)\u{1B}[K" + (done >= 1 ? "\n" : ""))
    }
}

/// The command line's messages in Chinese or English.
struct Messages {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    /// An error the command line finds itself: `错误: …` / `error: …`, with the severity word
    /// of diagnostics.
    func error(_ chinese: String, _ english: String) -> String {
        "\(Diagnostic.Severity.error.name(in: language)): " + language.text(chinese, english)
    }

    func errorCount(_ count: Int) -> String {
        switch language {
        case .zh: "共 \(count) 个错误，未生成任何输出。"
        case .en: "\(count) error\(count == 1 ? "" : "s"); nothing was written."
        }
    }

    /// A few lines on what a scenario holds.
    func summary(_ scenario: Scenario) -> String {
        let tree = scenario.regions
        let planning = tree[scenario.region]?.name ?? scenario.region.shortForm
        // The planning region's own units, not the whole tree a narrowed scenario extends.
        let counts = tree.countsByKind(within: tree.index(of: scenario.region))
        let levels = RegionLevel.allCases.compactMap { level -> String? in
            let kinds = RegionKind.allCases.filter { $0.level == level && counts[$0] != nil }
            let total = kinds.reduce(0) { $0 + counts[$1]! }
            guard total > 0 else { return nil }
            let parts = kinds.map { kind in
                language == .zh
                    ? "\(kind.chineseName) \(counts[kind]!)" : Self.english(kind, counts[kind]!)
            }
            let showParts = RegionKind.allCases.filter { $0.level == level }.count > 1
            switch language {
            case .zh:
                return "\(level.chineseName) \(total)"
                    + (showParts ? "（" + parts.joined(separator: "，") + "）" : "")
            case .en:
                let unit = level == .city ? "city-level" : "\(level.name)-level"
                return "\(total) \(unit) unit\(total == 1 ? "" : "s")"
                    + (showParts ? " (" + parts.joined(separator: ", ") + ")" : "")
            }
        }
        let documents = Set(scenario.targets.map(\.document)).count
        let targets =
            scenario.targets.isEmpty
            ? ""
            : language == .zh
                ? "\n目标 \(scenario.targets.count) 项，来自 \(documents) 份政策文件"
                : "\n\(scenario.targets.count) targets from \(documents) policy documents"
        let lines: String
        switch language {
        case .zh:
            lines = """
                情景 \(scenario.id)：\(scenario.label)
                规划区域 \(planning)（\(scenario.region.shortForm)）；区划单位：\(levels.joined(separator: "；"))
                年份 \(scenario.baseYear)–\(scenario.horizon)，报告年 \(scenario.reportYear)，随机种子 \(scenario.seed)
                """ + targets
        case .en:
            lines = """
                Scenario \(scenario.id): \(scenario.label)
                Planning region \(planning) (\(scenario.region.shortForm)); units: \(levels.joined(separator: "; "))
                Years \(scenario.baseYear)–\(scenario.horizon), report year \(scenario.reportYear), seed \(scenario.seed)
                """ + targets
        }
        let summary = ScenarioSummary(scenario)
        let withPopulation = summary.population.map { lines + "\n" + demography($0) } ?? lines
        return summary.stock.map { withPopulation + "\n" + facilities($0) } ?? withPopulation
    }

    /// One line on the facility inventory and the plan, saying when the inventory is synthetic.
    func facilities(_ stock: ScenarioSummary.Stock) -> String {
        let count = Self.grouped(stock.facilities)
        let beds = Self.grouped(stock.beds)
        let synthetic = stock.synthetic
        let lines = stock.planLines
        switch language {
        case .zh:
            return "设施 \(count) 处，床位 \(beds) 张"
                + (synthetic > 0
                    ? "（其中 \(Self.grouped(synthetic)) 处为合成数据：按公开总量生成，非真实设施名录）" : "")
                + "；投资计划 \(lines) 条"
        case .en:
            return "\(count) facilities, \(beds) beds"
                + (synthetic > 0
                    ? " (\(Self.grouped(synthetic)) synthetic: placed to reproduce published totals, not a register of real homes)"
                    : "")
                + "; \(lines) plan line\(lines == 1 ? "" : "s")"
        }
    }

    /// 3325372 → "3,325,372", whatever the locale.
    static func grouped(_ value: Int) -> String {
        ReportLanguage.grouped(Double(value), decimals: 0)
    }

    /// 3325372.4 → "3,325,372": a count of persons rounded to whole persons, with no
    /// conversion to `Int` that a huge value could trap on.
    static func grouped(_ value: Double) -> String {
        ReportLanguage.grouped(value, decimals: 0)
    }

    /// One line on a scenario's base population within the planning region: persons, areas,
    /// how single years were made.
    func demography(_ population: ScenarioSummary.Population) -> String {
        let persons = Self.grouped(population.persons)
        let bands = population.sourceBands
        let method = population.graduation
        let open = population.openAge
        let areas = population.areas
        switch language {
        case .zh:
            let how =
                method.map { "年龄组 \(bands) 经 \($0) 插值为单岁，开口组 \(open)+" } ?? "单岁年龄，开口组 \(open)+"
            return "人口基数 \(persons) 人，\(areas) 个区域（\(how)）"
        case .en:
            let how =
                method.map { "bands \(bands) graduated by \($0) to single years, open at \(open)+" }
                ?? "single years, open at \(open)+"
            return
                "Base population \(persons) in \(areas) area\(areas == 1 ? "" : "s") (\(how))"
        }
    }

    /// "4 districts", "1 county-level city", "1 other".
    private static func english(_ kind: RegionKind, _ count: Int) -> String {
        let (one, many): (String, String) =
            switch kind {
            case .province: ("province", "provinces")
            case .city: ("city", "cities")
            case .district: ("district", "districts")
            case .county: ("county", "counties")
            case .countyCity: ("county-level city", "county-level cities")
            case .otherCounty, .otherTownship: ("other", "other")
            case .street: ("street", "streets")
            case .town: ("town", "towns")
            case .township: ("township", "townships")
            case .community: ("community", "communities")
            case .village: ("village", "villages")
            }
        return "\(count) \(count == 1 ? one : many)"
    }

    /// The service list's cost in the report year (planning region) and the fund's first
    /// deficit year, when the scenario costs a list or projects a fund.
    func serviceList(_ result: SimulationResult) -> String? {
        let year = result.scenario.reportYear
        let planning = result.scenario.regions.index(of: result.scenario.region)!
        var parts: [String] = []
        if let costing = result.entitlements.costing, costing.years.contains(year) {
            let cost = costing.totalCost(year: year, region: planning)
            let amount = ReportLanguage.grouped(cost / 10_000, decimals: 1)
            parts.append(
                language == .zh
                    ? "\(year)年基本养老服务清单 \(costing.items.count) 项，测算支出 \(amount) 万元"
                    : "Service list in \(year): \(costing.items.count) items costing \(ReportLanguage.grouped(cost / 1e6, decimals: 1)) million yuan"
            )
        }
        if let fund = result.entitlements.fund {
            let deficit = fund.years.first { $0.closingBalance < 0 }?.year
            let sentence =
                switch (language, deficit) {
                case (.zh, let year?): "长期护理保险基金自 \(year) 年起出现赤字"
                case (.zh, nil): "长期护理保险基金在预测期内保持结余"
                case (.en, let year?): "the long-term-care fund is in deficit from \(year)"
                case (.en, nil): "the long-term-care fund stays in surplus"
                }
            parts.append(sentence)
        }
        return parts.isEmpty ? nil : parts.joined(separator: language == .zh ? "；" : "; ")
    }

    /// How many targets have each verdict, and each status in the report year (the same
    /// counts as the annual report and `optimise`).
    func verdicts(_ result: SimulationResult) -> String {
        let year = result.scenario.reportYear
        guard !result.targets.isEmpty else { return "" }
        let counts = TargetResult.counts(result.targets, in: year)
        func list(_ counts: [TargetStatus: Int]) -> String {
            TargetStatus.allCases.compactMap { status -> String? in
                guard let count = counts[status] else { return nil }
                return language == .zh
                    ? "\(status.chineseName) \(count)" : "\(count) \(status.englishName)"
            }.joined(separator: language == .zh ? "，" : ", ")
        }
        switch language {
        case .zh: return "目标结论：\(list(counts.verdicts))；\(year)年状态：\(list(counts.statuses))"
        case .en:
            return
                "Target verdicts: \(list(counts.verdicts)); status in \(year): \(list(counts.statuses))"
        }
    }

    /// One line for each target not computed in the report year (or in its verdict), with
    /// the reason and the input that would compute it; nil when every target is computed.
    func notComputed(_ result: SimulationResult) -> String? {
        let year = result.scenario.reportYear
        let lines = result.targets.compactMap { target -> String? in
            guard let reason = target.whyNotComputed(in: year) else { return nil }
            switch language {
            case .zh: return "未测算 \(target.target.id)：\(reason.chinese)"
            case .en: return "Not computed \(target.target.id): \(reason.english)"
            }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// A what-if run (假设情景) says so, with each `--set` override: the key, the value as
    /// given and the value in the scenario; nil for a run of the scenario as written.
    func whatIf(_ loaded: LoadedScenario) -> String? {
        guard !loaded.overrides.isEmpty else { return nil }
        let id = loaded.scenario.id
        let lines = loaded.overrides.map { override in
            switch language {
            case .zh:
                "  \(override.key) = \(override.value)（情景中为 \(override.scenarioValue ?? "未设定")）"
            case .en:
                "  \(override.key) = \(override.value) (in the scenario: \(override.scenarioValue ?? "not set"))"
            }
        }
        let heading =
            switch language {
            case .zh: "假设情景：情景 \(id) 的 \(loaded.overrides.count) 项取值由 --set 覆盖："
            case .en: "What-if of \(id): \(loaded.overrides.count) values overridden with --set:"
            }
        return ([heading] + lines).joined(separator: "\n")
    }

    /// The run's notes (how it was computed), one line each, or nil when it made none.
    func notes(_ notes: [RunNote]) -> String? {
        guard !notes.isEmpty else { return nil }
        return notes.map {
            switch language {
            case .zh: "注：" + $0.chinese
            case .en: "Note: " + $0.english
            }
        }.joined(separator: "\n")
    }

    var valid: String {
        switch language {
        case .zh: "校验通过。"
        case .en: "The scenario is valid."
        }
    }

    func fileWritten(_ path: String) -> String {
        switch language {
        case .zh: "已写入 \(path)"
        case .en: "Written to \(path)"
        }
    }

    func reportWritten(year: Int, path: String) -> String {
        switch language {
        case .zh: "\(year)年度目标报告：\(path)"
        case .en: "Annual target report \(year): \(path)"
        }
    }

    func written(_ path: String) -> String {
        switch language {
        case .zh: "运行结果已写入 \(path)"
        case .en: "Run written to \(path)"
        }
    }
}
