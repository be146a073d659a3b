import Diagnostics
import Foundation
import Provenance
import Reports
import ScenarioFiles
import Simulation
import Targets
import Uncertainty

/// The levers of a scenario as the workbench shows them (工作台杠杆).
public struct LeverSheet: Sendable, Codable {
    public var id: String
    public var label: String
    public var reportYear: Int
    public var firstYear: Int
    public var lastYear: Int
    /// Whether the scenario has an `uncertainty:` section, so that draws can be run.
    public var drawable: Bool
    public var levers: [ScenarioLever]
}

/// A what-if (假设情景): a scenario with `--set` overrides, run without writing anything.
public struct WhatIfRequest: Sendable {
    public var source: ScenarioSource
    /// Monte Carlo replicates to run as well; nil or 0: none.
    public var draws: Int?
    public var threads: Int
    public var language: Language

    public init(source: ScenarioSource, draws: Int? = nil, threads: Int = 2, language: Language) {
        self.source = source
        self.draws = draws
        self.threads = threads
        self.language = language
    }
}

/// What a what-if gives the page: the target table, each target's trend chart, and what
/// differs from the scenario as loaded.
public struct WhatIfOutcome: Sendable, Codable {
    /// One target's line of the table.
    public struct Line: Sendable, Codable {
        public var id: String
        public var indicator: String
        public var name: String
        public var source: String
        /// The verdict's code (`met`, `missed`, …) and its words.
        public var verdict: String
        public var verdictText: String
        /// The judged row's value, in the indicator's base unit, and as the reports show it.
        public var value: Double?
        public var valueText: String
        public var thresholdText: String
        public var deadlineText: String
        public var firstYearMet: Int?
        /// The shortfall in the indicator's action (beds to convert, streets to equip).
        public var actionGap: Int?
        /// The probability of meeting the target by its deadline, with draws.
        public var probability: Double?
        /// The trend chart (SVG), drawn by the reports' code.
        public var chart: String
    }

    /// One `--set` override and the value it replaced (the banner).
    public struct Change: Sendable, Codable {
        public var key: String
        public var value: String
        public var scenarioValue: String?
    }

    public var id: String
    public var label: String
    public var reportYear: Int
    public var targets: [Line]
    /// How many targets have each verdict (`TargetResult.counts`), by verdict code.
    public var counts: [String: Int]
    public var changes: [Change]
    public var draws: Int?
    /// Server time of the run, in milliseconds.
    public var milliseconds: Double
}

/// Save a what-if as a scenario variant (另存为情景变体).
public struct VariantRequest: Sendable {
    /// The scenario the variant extends and the changes it holds.
    public var source: ScenarioSource
    /// The variant's file.
    public var file: String
    /// The variant's id (kebab-case); also its label's suffix.
    public var id: String
    /// Replace an existing file of that name.
    public var overwrite: Bool

    public init(source: ScenarioSource, file: String, id: String, overwrite: Bool) {
        self.source = source
        self.file = file
        self.id = id
        self.overwrite = overwrite
    }
}

extension Planning {
    /// The levers of a scenario: its budget by source and year, each plan line's yearly count,
    /// years and priority, the plan's priority, occupancy and take-up pins.
    /// - Throws: bad input, with every diagnostic, when the scenario does not load.
    public static func levers(_ path: String) throws(PlanningError) -> LeverSheet {
        let loaded = try loadOrThrow(ScenarioSource(path: path))
        let levers: [ScenarioLever]
        switch ScenarioVariant.levers(of: path) {
        case .success(let found): levers = found
        case .failure(let failure): throw loadError(failure)
        }
        let scenario = loaded.scenario
        return LeverSheet(
            id: scenario.id, label: scenario.label, reportYear: scenario.reportYear,
            firstYear: scenario.years.lowerBound, lastYear: scenario.years.upperBound,
            drawable: scenario.uncertainty != nil, levers: levers)
    }

    /// Runs a what-if and judges its targets, writing nothing.
    /// - Throws: bad input, with the located messages of the command line, when an override
    ///   or the changed scenario is invalid; a failure when the run fails.
    public static func whatIf(_ request: WhatIfRequest) throws(PlanningError) -> WhatIfOutcome {
        let started = ContinuousClock.now
        let drawing = (request.draws ?? 0) > 0
        let loaded: LoadedScenario
        let template: ScenarioTemplate?
        if drawing {
            switch Planning.loadTemplate(request.source) {
            case .success(let found): template = found
            case .failure(let failure): throw loadError(failure)
            }
            loaded = template!.loaded
        } else {
            template = nil
            loaded = try loadOrThrow(request.source)
        }
        let result: SimulationResult
        do {
            result = try Simulator.run(loaded.scenario)
        } catch {
            throw PlanningError(.failed, error: "\(error.description)", in: loaded.file)
        }
        var attainment: [String: AttainmentProbability] = [:]
        if let template, let count = request.draws {
            let draws = try Self.draws(
                template, DrawRequest(count: count, threads: request.threads, horizon: nil),
                central: result)
            attainment = Self.attainment(draws)
        }
        let language: ReportLanguage = request.language == .en ? .english : .chinese
        let year = loaded.scenario.reportYear
        let report: AnnualReport
        do {
            report = try AnnualReport(
                data: RunData(result: result, toolVersion: "", runID: ""), year: year,
                language: language)
        } catch {
            throw PlanningError(.failed, error: error.description, in: loaded.file)
        }
        let lines = result.targets.map { target in
            let row = target.judgedRow
            return WhatIfOutcome.Line(
                id: target.target.id, indicator: target.target.indicator.id,
                name: language.name(target.target.indicator),
                source: "\(target.target.document) \(target.target.clause)",
                verdict: target.verdict.rawValue, verdictText: language.name(target.verdict),
                value: row?.value, valueText: language.format(row?.value, target.target.indicator),
                thresholdText: language.threshold(target.target),
                deadlineText: language.deadline(target.target),
                firstYearMet: target.firstYearMet, actionGap: row?.actionGap,
                probability: attainment[target.target.id].map(\.probability),
                chart: report.chart(target).svg())
        }
        var counts: [String: Int] = [:]
        for (status, count) in TargetResult.counts(result.targets, in: year).verdicts {
            counts[status.rawValue] = count
        }
        return WhatIfOutcome(
            id: loaded.scenario.id, label: loaded.scenario.label, reportYear: year,
            targets: lines, counts: counts,
            changes: loaded.overrides.map {
                WhatIfOutcome.Change(key: $0.key, value: $0.value, scenarioValue: $0.scenarioValue)
            },
            draws: drawing ? request.draws : nil,
            milliseconds: (ContinuousClock.now - started).milliseconds)
    }

    /// The text of the variant a what-if saves as: `extends` the scenario (relative to the
    /// variant's folder) and holds only what the overrides change.
    public static func variantText(_ request: VariantRequest) throws(PlanningError) -> String {
        let loaded = try loadOrThrow(request.source)
        let folder = (request.file as NSString).deletingLastPathComponent
        let base = ScenarioVariant.scenarioFile(for: request.source.path)
        let extends = OptimisedVariant.relativePath(of: base, from: folder)
        switch ScenarioVariant.yaml(
            of: request.source.path, extends: extends, id: request.id,
            label: loaded.scenario.label + "：" + request.id, overrides: request.source.overrides)
        {
        case .success(let text): return text
        case .failure(let failure): throw loadError(failure)
        }
    }

    /// Saves a what-if as a variant file, atomically; never replaces a file without
    /// `overwrite`. The variant is loaded back before it is kept, so a saved file always runs.
    /// - Returns: the variant's text.
    /// - Throws: bad input when the file exists (without `overwrite`) or the changes are
    ///   invalid; a failure when it cannot be written.
    @discardableResult
    public static func saveVariant(_ request: VariantRequest) throws(PlanningError) -> String {
        if !request.overwrite, FileManager.default.fileExists(atPath: request.file) {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "情景变体 \(request.file) 已存在；请换一个名称，或确认覆盖",
                    english: "the variant \(request.file) exists; choose another name or confirm"
                        + " overwriting it"))
        }
        let text = try variantText(request)
        do {
            try FileManager.default.createDirectory(
                atPath: (request.file as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try AtomicFiles.write([(request.file, Array(text.utf8))])
        } catch let error as RunFolder.WriteError {
            throw .writing(error)
        } catch {
            throw PlanningError(.failed, error: "\(error)", in: request.file)
        }
        return text
    }
}

extension Planning {
    /// Loads a scenario, or the bad-input error listing its diagnostics.
    static func loadOrThrow(_ source: ScenarioSource) throws(PlanningError) -> LoadedScenario {
        switch Planning.load(source) {
        case .success(let loaded): return loaded
        case .failure(let failure): throw loadError(failure)
        }
    }

    static func loadError(_ failure: ScenarioLoadError) -> PlanningError {
        PlanningError(.badInput, failure.texts, errorCount: failure.diagnostics.errorCount)
    }
}

/// The annual report of a what-if, as the variant it saves as writes it (导出年度报告).
public struct ExportRequest: Sendable {
    /// The scenario, the changes, and the variant's id.
    public var source: ScenarioSource
    public var id: String
    /// `html` or `xlsx`.
    public var format: String
    public var language: Language
    /// The run folder's name the report is made under (it is printed in the report):
    /// `yanglao run VARIANT --run-id RUN_ID` writes the same bytes.
    public var runID: String
    public var build: Planning.Build

    public init(
        source: ScenarioSource, id: String, format: String, language: Language, runID: String,
        build: Planning.Build
    ) {
        self.source = source
        self.id = id
        self.format = format
        self.language = language
        self.runID = runID
        self.build = build
    }
}

extension Planning {
    /// The `--set` key paths the workbench lets a request change: the scenario's levers.
    public static func leverKeys(_ path: String) throws(PlanningError) -> Set<String> {
        switch ScenarioVariant.levers(of: path) {
        case .success(let levers): return Set(levers.map(\.key))
        case .failure(let failure): throw loadError(failure)
        }
    }

    /// The annual report of a what-if: its variant is written to a scratch folder, run as
    /// `yanglao run` runs it, and the report's bytes read back; nothing else is kept.
    /// - Returns: the file's name and bytes.
    public static func exportReport(_ request: ExportRequest) throws(PlanningError) -> (
        name: String, bytes: [UInt8]
    ) {
        guard let format = ReportFormat(rawValue: request.format), [.html, .xlsx].contains(format)
        else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "报告格式「\(request.format)」不可导出：请用 html 或 xlsx",
                    english: "the report format '\(request.format)' cannot be exported: use html or"
                        + " xlsx"))
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "yanglao-export-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let file = scratch + "/\(request.id).yaml"
        try saveVariant(
            VariantRequest(source: request.source, file: file, id: request.id, overwrite: false))
        let loaded = try loadOrThrow(ScenarioSource(path: file))
        let outcome = try run(
            RunRequest(
                scenario: loaded, root: scratch + "/runs", runID: request.runID, overwrite: false,
                formats: [format], language: request.language == .en ? .english : .chinese,
                overrides: [], draws: nil,
                build: request.build, started: Date(), loadMilliseconds: 0))
        let year = loaded.scenario.reportYear
        let name = "report-\(year).\(format.rawValue)"
        guard let bytes = FileManager.default.contents(atPath: outcome.folder + "/" + name) else {
            throw PlanningError(.failed, error: "no \(name) was written", in: outcome.folder)
        }
        return (name, Array(bytes))
    }
}
