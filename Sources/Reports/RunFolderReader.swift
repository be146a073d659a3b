import CSV
import Diagnostics
import Facilities
import Foundation
import Geography
import Provenance
import Simulation
import Targets
import Uncertainty

/// Reads a run folder back into ``RunData``, so that reports can be written again for
/// another year, language or format without running the scenario.
///
/// Every problem is logged with its file and line: a folder that is missing, a file that is
/// missing (an incomplete run), a run written by another version of yanglao (whose tables may
/// differ), a malformed row.
public enum RunFolderReader {
    /// The files a run folder must hold for its reports.
    public static let requiredFiles = [
        "manifest.json", "regions.csv", "indicators.csv", "target-definitions.csv", "costs.csv",
    ]

    /// Reads a run folder.
    /// - Parameters:
    ///   - path: the run folder.
    ///   - toolVersion: this yanglao's version; a run made by another is refused.
    public static func read(_ path: String, toolVersion: String, log: inout DiagnosticLog)
        -> RunData?
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            log.error(.fileNotFound(path: path), at: SourceLocation(file: path))
            return nil
        }
        let missing = requiredFiles.filter {
            !FileManager.default.fileExists(atPath: path + "/" + $0)
        }
        for file in missing {
            log.error(
                .invalidValue(
                    field: "run folder",
                    reason: "\(file) is missing: the run is incomplete or not a run folder"),
                at: SourceLocation(file: path + "/" + file))
        }
        guard missing.isEmpty,
            let manifest = readManifest(
                path + "/manifest.json", toolVersion: toolVersion, log: &log)
        else { return nil }
        guard
            let regions = CSVReader.read(
                atPath: path + "/regions.csv", name: path + "/regions.csv", log: &log),
            let tree = RegionTable.tree(from: regions, log: &log)
        else { return nil }
        guard let region = tree.index(of: manifest.region) else {
            log.error(
                .unknownRegion(code: manifest.region.shortForm),
                at: SourceLocation(file: path + "/manifest.json"))
            return nil
        }
        guard
            let table = readIndicators(
                path + "/indicators.csv", tree: tree, years: manifest.years, log: &log),
            let definitions = readTargets(path + "/target-definitions.csv", log: &log),
            let costs = readCosts(path + "/costs.csv", tree: tree, log: &log)
        else { return nil }
        let targets = definitions.map {
            TargetEvaluator.evaluate($0, table: table, tree: tree, region: region)
        }
        var data = RunData(
            scenarioID: manifest.scenarioID, label: manifest.label, notes: manifest.notes,
            years: manifest.years,
            reportYear: manifest.reportYear, region: region, tree: tree, indicators: table,
            targets: targets,
            costs: costs, toolVersion: manifest.version, runID: manifest.runID)
        data.runNotes = manifest.runNotes
        data.overrides = manifest.overrides
        if FileManager.default.fileExists(atPath: path + "/stock.csv") {
            guard let synthetic = countSynthetic(path + "/stock.csv", log: &log) else { return nil }
            data.syntheticFacilities = synthetic
        }
        if FileManager.default.fileExists(atPath: path + "/service-list-costs.csv") {
            guard
                let lines = readServiceList(
                    costs: path + "/service-list-costs.csv",
                    items: path + "/service-list-items.csv", region: tree.regions[region].code,
                    log: &log)
            else { return nil }
            data.serviceList = lines
        }
        if FileManager.default.fileExists(atPath: path + "/ltc-fund.csv") {
            guard let balances = readFundBalances(path + "/ltc-fund.csv", log: &log) else {
                return nil
            }
            data.fundBalances = balances
        }
        if FileManager.default.fileExists(atPath: path + "/draws/probabilities.csv") {
            guard let attainment = readAttainment(path + "/draws/probabilities.csv", log: &log)
            else { return nil }
            data.attainment = attainment
        }
        if FileManager.default.fileExists(atPath: path + "/budget.csv") {
            guard let funding = readFunding(path + "/budget.csv", log: &log) else { return nil }
            data.funding = funding
        }
        if FileManager.default.fileExists(atPath: path + "/draws/central.csv") {
            guard let central = readCentral(path + "/draws/central.csv", log: &log) else {
                return nil
            }
            data.centralValues = central
        }
        return data
    }

    /// The funding lines of the planning region, from `budget.csv`.
    static func readFunding(_ file: String, log: inout DiagnosticLog) -> [RunData.FundingLine]? {
        guard let csv = CSVReader.read(atPath: file, name: file, log: &log),
            csv.check(
                CSVColumns(
                    required: [
                        "year", "source", "budget", "capital_spent", "recurring_spent",
                        "capital_shortfall", "recurring_unpaid",
                    ], optional: csv.header), log: &log)
        else { return nil }
        var lines: [RunData.FundingLine] = []
        for row in 0..<csv.rowCount {
            let text = { csv.text(row: row, named: $0) }
            guard let year = Int(text("year")), let source = FundingSource(name: text("source")),
                let capital = Double(text("capital_spent")),
                let recurring = Double(text("recurring_spent")),
                let deferred = Double(text("capital_shortfall")),
                let unpaid = Double(text("recurring_unpaid"))
            else {
                log.error(
                    .invalidValue(field: "budget", reason: "a malformed budget line"),
                    at: csv.location(row: row))
                continue
            }
            lines.append(
                RunData.FundingLine(
                    year: year, source: source, planned: Double(text("budget")),
                    spent: capital + recurring, deferred: deferred, unpaid: unpaid))
        }
        return log.hasErrors ? nil : lines
    }

    /// The central run's value of each uncertain input, from `draws/central.csv`.
    static func readCentral(_ file: String, log: inout DiagnosticLog) -> [CentralValue]? {
        guard let csv = CSVReader.read(atPath: file, name: file, log: &log),
            csv.check(
                CSVColumns(
                    required: ["input", "median"],
                    optional: ["scenario_value", "central_value", "share_of_draws_at_or_below"]),
                log: &log)
        else { return nil }
        var values: [CentralValue] = []
        for row in 0..<csv.rowCount {
            let text = { csv.text(row: row, named: $0) }
            guard let median = Double(text("median")) else {
                log.error(
                    .invalidValue(field: "median", reason: "a malformed central-value line"),
                    at: csv.location(row: row))
                continue
            }
            values.append(
                CentralValue(
                    input: text("input"),
                    scenarioValue: text("scenario_value").isEmpty ? nil : text("scenario_value"),
                    value: Double(text("central_value")),
                    share: Double(text("share_of_draws_at_or_below")), median: median))
        }
        return log.hasErrors ? nil : values
    }

    /// The targets judged by the draws in `draws/probabilities.csv`: the share met and the
    /// number of draws (the count met is the share × draws, rounded).
    static func readAttainment(_ file: String, log: inout DiagnosticLog) -> [String:
        AttainmentProbability]?
    {
        guard let csv = CSVReader.read(atPath: file, name: file, log: &log),
            csv.check(
                CSVColumns(required: ["target", "probability", "draws"], optional: csv.header),
                log: &log)
        else { return nil }
        var attainment: [String: AttainmentProbability] = [:]
        for row in 0..<csv.rowCount {
            let text = { csv.text(row: row, named: $0) }
            guard !text("probability").isEmpty else { continue }  // not judged
            guard let probability = Double(text("probability")), (0...1).contains(probability),
                let draws = Int(text("draws")), draws > 0
            else {
                log.error(
                    .invalidValue(field: "probability", reason: "a malformed probability line"),
                    at: csv.location(row: row))
                continue
            }
            attainment[text("target")] = AttainmentProbability(
                met: Int((probability * Double(draws)).rounded()), draws: draws)
        }
        return log.hasErrors ? nil : attainment
    }

    /// The planning region's rows of `service-list-costs.csv`, named from
    /// `service-list-items.csv`.
    static func readServiceList(
        costs: String, items: String, region: DivisionCode, log: inout DiagnosticLog
    ) -> [RunData.ServiceListLine]? {
        guard let itemTable = CSVReader.read(atPath: items, name: items, log: &log),
            itemTable.check(
                CSVColumns(required: ["item", "name", "clause"], optional: itemTable.header),
                log: &log),
            let costTable = CSVReader.read(atPath: costs, name: costs, log: &log),
            costTable.check(
                CSVColumns(
                    required: ["year", "region", "item", "eligible", "recipients", "cost"],
                    optional: costTable.header),
                log: &log)
        else { return nil }
        var names: [String: (name: String, clause: String)] = [:]
        for row in 0..<itemTable.rowCount {
            let text = { itemTable.text(row: row, named: $0) }
            names[text("item")] = (text("name"), text("clause"))
        }
        var lines: [RunData.ServiceListLine] = []
        for row in 0..<costTable.rowCount {
            let text = { costTable.text(row: row, named: $0) }
            guard (try? DivisionCode(parsing: text("region"))) == region else { continue }
            guard let year = Int(text("year")), let item = names[text("item")],
                let eligible = Double(text("eligible")),
                let recipients = Double(text("recipients")), let cost = Double(text("cost"))
            else {
                log.error(
                    .invalidValue(field: "item", reason: "a malformed service-list line"),
                    at: costTable.location(row: row))
                continue
            }
            lines.append(
                RunData.ServiceListLine(
                    item: text("item"), name: item.name, clause: item.clause, year: year,
                    eligible: eligible, recipients: recipients, cost: cost))
        }
        return log.hasErrors ? nil : lines
    }

    /// The closing balance of each year of `ltc-fund.csv`.
    static func readFundBalances(_ file: String, log: inout DiagnosticLog) -> [(
        year: Int, balance: Double
    )]? {
        guard let csv = CSVReader.read(atPath: file, name: file, log: &log),
            csv.check(
                CSVColumns(required: ["year", "closing_balance"], optional: csv.header), log: &log)
        else { return nil }
        var balances: [(year: Int, balance: Double)] = []
        for row in 0..<csv.rowCount {
            guard let year = Int(csv.text(row: row, column: csv.column("year")) ?? ""),
                let balance = Double(
                    csv.text(row: row, column: csv.column("closing_balance")) ?? "")
            else {
                log.error(
                    .invalidValue(field: "closing_balance", reason: "a malformed fund line"),
                    at: csv.location(row: row))
                continue
            }
            balances.append((year, balance))
        }
        return log.hasErrors ? nil : balances
    }

    /// The rows of `stock.csv` marked `synthetic = yes`.
    static func countSynthetic(_ file: String, log: inout DiagnosticLog) -> Int? {
        guard let csv = CSVReader.read(atPath: file, name: file, log: &log),
            csv.check(
                CSVColumns(
                    required: ["id", "type"],
                    optional: FacilityTables.stockColumns.filter { $0 != "id" && $0 != "type" }),
                log: &log)
        else { return nil }
        guard let column = csv.column("synthetic") else { return 0 }
        return (0..<csv.rowCount).filter { csv.text(row: $0, column: column) == "yes" }.count
    }

    struct ManifestFacts {
        var version: String
        var scenarioID: String
        var label: String
        var notes: [String]
        /// The run's notes (`notes` of the manifest, beside the scenario).
        var runNotes: [RunNote]
        var years: ClosedRange<Int>
        var reportYear: Int
        var region: DivisionCode
        var runID: String
        /// The `--set` overrides of a what-if run, with the values they replaced.
        var overrides: [ScenarioOverride] = []
    }

    static func readManifest(_ file: String, toolVersion: String, log: inout DiagnosticLog)
        -> ManifestFacts?
    {
        let place = SourceLocation(file: file, line: 1, column: 1)
        var data: Data?
        switch TextFile.bytes(atPath: file, name: file, kind: .table) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let diagnostic):
            // A missing manifest is "not a run manifest" below; a file too large, a folder or
            // a pipe is said as such.
            if case .fileNotFound = diagnostic.problem {
                data = nil
            } else {
                log.append(diagnostic)
                return nil
            }
        }
        guard let data,
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tool = json["tool"] as? [String: Any], let version = tool["version"] as? String,
            let scenario = json["scenario"] as? [String: Any], let id = scenario["id"] as? String,
            let resolved = scenario["resolved"] as? [String: Any],
            let base = resolved["base_year"] as? Int, let horizon = resolved["horizon"] as? Int,
            let regionText = resolved["region"] as? String,
            let region = try? DivisionCode(parsing: regionText),
            let run = json["run"] as? [String: Any], let runID = run["id"] as? String
        else {
            log.error(
                .invalidValue(field: "manifest", reason: "not a yanglao run manifest"), at: place)
            return nil
        }
        guard version == toolVersion else {
            log.error(
                .invalidValue(
                    field: "manifest",
                    reason:
                        "the run was made by yanglao \(version), this is \(toolVersion); run the scenario again"
                ),
                at: place)
            return nil
        }
        var facts = ManifestFacts(
            version: version, scenarioID: id, label: resolved["label"] as? String ?? id,
            notes: resolved["notes"] as? [String] ?? [],
            runNotes: (json["notes"] as? [[String: Any]] ?? []).compactMap { note in
                guard let chinese = note["zh"] as? String, let english = note["en"] as? String
                else { return nil }
                return RunNote(chinese: chinese, english: english)
            }, years: base...max(base, horizon),
            reportYear: resolved["report_year"] as? Int ?? horizon, region: region, runID: runID)
        facts.overrides = (scenario["override_values"] as? [[String: Any]] ?? []).compactMap {
            guard let key = $0["key"] as? String, let value = $0["value"] as? String else {
                return nil
            }
            return ScenarioOverride(
                key: key, value: value, scenarioValue: $0["scenario_value"] as? String)
        }
        return facts
    }

    static func readIndicators(
        _ file: String, tree: RegionTree, years: ClosedRange<Int>, log: inout DiagnosticLog
    )
        -> IndicatorTable?
    {
        guard let csv = CSVReader.read(atPath: file, name: file, log: &log),
            csv.check(
                CSVColumns(
                    required: ["year", "region", "indicator", "value"],
                    optional: ["name", "level", "numerator", "denominator", "unit"]), log: &log)
        else { return nil }
        var table = IndicatorTable(years: years, regionCount: tree.count)
        let columns = ["year", "region", "indicator", "value", "numerator", "denominator"].map {
            csv.column($0)
        }
        for row in 0..<csv.rowCount {
            guard let yearText = csv.text(row: row, column: columns[0]), let year = Int(yearText),
                years.contains(year)
            else {
                log.error(
                    .invalidValue(field: "year", reason: "not a year of the run"),
                    at: csv.location(row: row, column: columns[0]!))
                continue
            }
            guard
                let code = csv.text(row: row, column: columns[1]).flatMap({
                    try? DivisionCode(parsing: $0)
                }),
                let region = tree.index(of: code)
            else {
                log.error(
                    .unknownRegion(code: csv.text(row: row, column: columns[1]) ?? ""),
                    at: csv.location(row: row, column: columns[1]!))
                continue
            }
            guard let id = csv.text(row: row, column: columns[2]),
                let indicator = IndicatorCatalogue.indicator(id)
            else {
                log.error(
                    .invalidValue(field: "indicator", reason: "unknown indicator"),
                    at: csv.location(row: row, column: columns[2]!))
                continue
            }
            if indicator.aggregation == .ratio,
                let numerator = csv.number(row: row, column: columns[4], log: &log),
                let denominator = csv.number(row: row, column: columns[5], log: &log)
            {
                table.set(
                    indicator, year: year, region: region, numerator: numerator,
                    denominator: denominator)
            } else if let value = csv.number(row: row, column: columns[3], log: &log) {
                table.set(indicator, year: year, region: region, value: value)
            }
        }
        return log.hasErrors ? nil : table
    }

    static func readTargets(_ file: String, log: inout DiagnosticLog) -> [Target]? {
        guard let csv = CSVReader.read(atPath: file, name: file, log: &log),
            csv.check(
                CSVColumns(
                    required: [
                        "target", "document", "clause", "indicator", "comparison", "scope", "text",
                    ],
                    optional: [
                        "document_title", "threshold", "deadline", "from", "baseline_year",
                        "baseline_value", "note", "document_region",
                    ]), log: &log)
        else { return nil }
        func text(_ row: Int, _ name: String) -> String { csv.text(row: row, named: name) }
        var targets: [Target] = []
        for row in 0..<csv.rowCount {
            guard let indicator = IndicatorCatalogue.indicator(text(row, "indicator")),
                let comparison = Target.Comparison(rawValue: text(row, "comparison")),
                let scope = Target.Scope(code: text(row, "scope"))
            else {
                log.error(
                    .invalidValue(
                        field: "target", reason: "an unknown indicator, comparison or scope"),
                    at: csv.location(row: row))
                continue
            }
            var documentRegion: DivisionCode?
            if !text(row, "document_region").isEmpty {
                guard let code = try? DivisionCode(parsing: text(row, "document_region")) else {
                    log.error(
                        .invalidValue(field: "document_region", reason: "not a division code"),
                        at: csv.location(row: row, column: csv.column("document_region")!))
                    continue
                }
                documentRegion = code
            }
            let baselineYear = Int(text(row, "baseline_year"))
            let baselineValue = Double(text(row, "baseline_value"))
            targets.append(
                Target(
                    id: text(row, "target"), document: text(row, "document"),
                    clause: text(row, "clause"),
                    text: text(row, "text"), indicator: indicator, comparison: comparison,
                    threshold: Double(text(row, "threshold")), deadline: Int(text(row, "deadline")),
                    from: Int(text(row, "from")), scope: scope,
                    baseline: baselineYear.flatMap { year in
                        baselineValue.map { .init(year: year, value: $0) }
                    },
                    note: text(row, "note"), documentTitle: text(row, "document_title"),
                    documentRegion: documentRegion))
        }
        return log.hasErrors ? nil : targets
    }

    static func readCosts(_ file: String, tree: RegionTree, log: inout DiagnosticLog) -> [RunData
        .Cost]?
    {
        guard let csv = CSVReader.read(atPath: file, name: file, log: &log),
            csv.check(
                CSVColumns(
                    required: ["year", "region", "kind", "source", "yuan"], optional: ["name"]),
                log: &log)
        else { return nil }
        var costs: [RunData.Cost] = []
        for row in 0..<csv.rowCount {
            let text = { csv.text(row: row, named: $0) }
            guard let year = Int(text("year")),
                let region = (try? DivisionCode(parsing: text("region"))).flatMap({
                    tree.index(of: $0)
                }),
                let kind = CostKind(identifier: text("kind")),
                let source = FundingSource(name: text("source")), let yuan = Double(text("yuan"))
            else {
                log.error(
                    .invalidValue(field: "cost", reason: "a malformed cost line"),
                    at: csv.location(row: row))
                continue
            }
            costs.append(
                RunData.Cost(year: year, region: region, kind: kind, source: source, yuan: yuan))
        }
        return log.hasErrors ? nil : costs
    }
}
