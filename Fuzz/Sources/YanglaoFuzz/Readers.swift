import CSV
import Demography
import Diagnostics
import Facilities
import Foundation
import Geography
import ScenarioFiles
import XLSX

/// The body of each target. Results are dropped: the readers are run for what they do, not
/// for what they return, except where one reader's output is another's input.
enum Readers {
    /// At most this many cells have their locations and numbers read in the CSV target
    /// (each location scans the text from its start).
    static let cellLimit = 64

    // MARK: - CSV

    static func csv(_ bytes: [UInt8]) {
        let file = "input.csv"
        var log = DiagnosticLog()
        var sources = SourceTexts()
        if case .success(let decoded) = TextDecoder.decode(bytes, file: file) {
            sources.add(file: file, text: decoded.string)
        }
        if let table = CSVReader.parse(bytes: bytes, file: file, log: &log) {
            _ = table.headerLocation()
            for column in table.header.indices { _ = table.headerLocation(column: column) }
            var cells = 0
            rows: for row in 0..<table.rowCount {
                _ = table.line(ofRow: row)
                _ = table.location(row: row)
                for column in table.header.indices {
                    cells += 1
                    if cells > cellLimit { break rows }
                    _ = table[row, column]
                    _ = table.location(row: row, column: column)
                    _ = table.requiredText(row: row, column: column, log: &log)
                    _ = table.number(row: row, column: column, log: &log)
                    _ = table.count(row: row, column: column, log: &log)
                }
            }
            _ = table.check(
                CSVColumns(required: [table.header.first ?? "id", "id"], optional: ["x"]),
                log: &log)
        }
        render(log, sources)
    }

    // MARK: - YAML

    static func yaml(_ bytes: [UInt8]) {
        let file = "input.yaml"
        guard case .success(let decoded) = TextDecoder.decode(bytes, file: file) else { return }
        let text = decoded.string
        var sources = SourceTexts()
        sources.add(file: file, text: text)
        let parsed = YAMLParser.parse(text, file: file)
        render(parsed.diagnostics, sources)
        // The first line as a `--set` value.
        let firstLine = String(text.prefix { $0 != "\n" && $0 != "\r" })
        render(YAMLParser.parseValue(firstLine, file: "--set").diagnostics, SourceTexts())
        // What the writer writes (scenario.resolved.yaml) must read back as the same tree.
        guard let root = parsed.root else { return }
        let written = YAMLWriter.write(root)
        let reread = YAMLParser.parse(written, file: "written.yaml")
        guard let again = reread.root,
            !reread.diagnostics.contains(where: { $0.severity == .error })
        else {
            var writtenSources = SourceTexts()
            writtenSources.add(file: "written.yaml", text: written)
            fatalError(
                "the writer's YAML does not read back:\n\(written)\n"
                    + DiagnosticRenderer(sources: writtenSources).render(reread.diagnostics))
        }
        let rewritten = YAMLWriter.write(again)
        if rewritten != written {
            fatalError(
                "the writer's YAML reads back as another tree:\n\(written)\n---\n\(rewritten)")
        }
    }

    // MARK: - Scenario

    static func scenario(_ bytes: [UInt8]) {
        let folder = Fixtures.scratch + "/Scenarios/fuzz"
        Fixtures.write(bytes, to: folder + "/scenario.yaml")
        // Loaded as `run --draws`, `sensitivity` and `required` load it (the same checks as
        // `load`, with the tree kept for variations).
        switch ScenarioLoader().loadTemplate(folder) {
        case .success(let template):
            let loaded = template.loaded
            _ = loaded.resolvedYAML
            _ = loaded.resolvedJSON
            show(
                "loaded, \(loaded.warnings.count) warnings\n"
                    + DiagnosticRenderer(sources: loaded.sources).render(loaded.warnings))
            // Draws of the uncertain inputs at the ends and the middle of their distributions.
            for input in loaded.scenario.uncertainty?.inputs.prefix(4) ?? [] {
                for quantile in [0.001, 0.5, 0.999] {
                    let change = ScenarioTemplate.Change(
                        keyPath: input.keyPath, application: input.application,
                        value: input.distribution.quantile(quantile))
                    if case .failure(let error) = template.scenario(with: [change]) {
                        show(error.description)
                    }
                }
            }
        case .failure(let error):
            show(error.description)
        }
    }

    // MARK: - Tables that name regions

    static func regionTables(_ bytes: [UInt8]) {
        var inputs = Inputs()
        guard let table = inputs.table(bytes) else { return inputs.render() }
        _ = RegionTable.tree(from: table, log: &inputs.log)
        if let tree = Fixtures.tree {
            _ = FacilityTable.inventory(
                from: table, tree: tree, baseYear: 2020,
                leadTimes: FacilityType.allCases.map(\.defaultLeadTime),
                log: &inputs.log)
            _ = ElderlyPopulationTable.population(
                from: table, tree: tree, years: 2020...2025, log: &inputs.log)
            _ = UnitCostFile.table(from: table, tree: tree, log: &inputs.log)
        }
        inputs.render()
    }

    // MARK: - Demography, projection and assessment tables

    static func demographyTables(_ bytes: [UInt8]) {
        var inputs = Inputs()
        guard let table = inputs.table(bytes) else { return inputs.render() }
        let fiveYears = AgeBands.uniform(width: 5, to: 85)
        let areas = ["210302", "210303"]
        let examples = Fixtures.demography
        // `yanglao project`: the input in one place of the four tables, the examples in the
        // others, in five-year steps or (odd lengths) single years.
        let step = bytes.count % 2 == 0 ? nil : 1
        let rule = BySex(both: AverageYearsLivedRule.midInterval)
        func project(_ place: Int, log: inout DiagnosticLog) {
            _ = ProjectionTables.read(
                population: place == 0 ? table : examples["population.csv"],
                mortality: place == 1 ? table : examples["mortality.csv"],
                fertility: place == 2 ? table : examples["fertility.csv"],
                migration: place == 3 ? table : nil, step: step, rule: rule, radix: 100_000,
                log: &log)
        }
        // Each reader with the columns that tell its table (what it reads first).
        let readers: [(columns: [String], read: (inout DiagnosticLog) -> Void)] = [
            (["area", "count"], { _ = DemographyTables.population(table, log: &$0) }),
            (["sex", "age"], { _ = DemographyTables.mortality(table, log: &$0) }),
            (["asfr"], { _ = DemographyTables.fertility(table, bands: fiveYears, log: &$0) }),
            (
                ["net"],
                { _ = DemographyTables.migration(table, bands: fiveYears, areas: areas, log: &$0) }
            ),
            (["age"], { _ = DemographyTables.lifeTable(table, log: &$0) }),
            (["code6"], { _ = DemographyTables.census(table, log: &$0) }),
            (["age"], { _ = DemographyTables.fertilitySchedule(table, log: &$0) }),
            (["year", "asfr"], { _ = DemographyTables.fertilityByYear(table, log: &$0) }),
            (["year", "mx"], { _ = DemographyTables.mortalityHistory(table, log: &$0) }),
            (
                ["net"],
                {
                    _ = DemographyTables.netMigrationPerYear(
                        table, areas: areas, singleYears: .singleYears(to: 100), log: &$0)
                }
            ),
            (
                ["year", "sex", "age"],
                { _ = DemographyTables.capabilityPrevalence(table, log: &$0) }
            ),
            (["level"], { _ = DemographyTables.careTakeUp(table, log: &$0) }),
            (
                ["id", "age"],
                {
                    _ = AssessmentRecordsTable.read(table, minimumAge: 60, skipBad: false, log: &$0)
                    _ = AssessmentRecordsTable.read(table, minimumAge: 0, skipBad: true, log: &$0)
                }
            ),
            (["area", "count"], { project(0, log: &$0) }),
            (["sex", "age"], { project(1, log: &$0) }),
            (["asfr"], { project(2, log: &$0) }),
            (["net"], { project(3, log: &$0) }),
        ]
        let fitting = readers.filter { $0.columns.allSatisfy { table.column($0) != nil } }
        for reader in fitting.isEmpty ? readers : fitting { reader.read(&inputs.log) }
        inputs.render()
    }

    // MARK: - Service lists and target catalogues

    static func documents(_ bytes: [UInt8]) {
        let path = Fixtures.scratch + "/documents/document.yaml"
        Fixtures.write(bytes, to: path)
        var log = DiagnosticLog()
        var sources = SourceTexts()
        _ = ServiceListFile.load(path: path, log: &log, sources: &sources)
        _ = TargetCatalogueFile.load(path: path, log: &log, sources: &sources)
        render(log, sources)
    }

    // MARK: - Workbooks

    /// At most this many bytes inflated from one input's parts: well under libFuzzer's
    /// 2 GiB, so a zip bomb is a message, as it is for the tool (whose limit is 512 MiB).
    static let workbookLimit = 64 << 20

    static func xlsx(_ bytes: [UInt8]) {
        var log = DiagnosticLog()
        // The first sheet, and a sheet by name (the first byte picks one of two names).
        let names: [String?] = [nil, bytes.first.map { $0 % 2 == 0 ? "机构名录" : "Sheet1" }]
        for name in names {
            guard
                let sheet = XLSXReader.parse(
                    bytes: bytes, file: "input.xlsx", sheet: name, limit: workbookLimit,
                    log: &log)
            else { continue }
            let table = sheet.table
            var cells = 0
            rows: for row in 0..<table.rowCount {
                for column in table.header.indices {
                    cells += 1
                    if cells > cellLimit { break rows }
                    _ = table.location(row: row, column: column).description
                    _ = table.number(row: row, column: column, log: &log)
                }
            }
            if let tree = Fixtures.tree {
                let register = RegisterColumns.recognised(table, known: RegisterColumns.facilities)
                _ = FacilityTable.inventory(
                    from: register, tree: tree, baseYear: 2020,
                    leadTimes: FacilityType.allCases.map(\.defaultLeadTime),
                    coordinates: .init(written: .bd09, working: .gcj02), log: &log)
                _ = ElderlyPopulationTable.population(
                    from: RegisterColumns.recognised(
                        table, known: RegisterColumns.elderlyPopulation),
                    tree: tree, years: 2020...2025, log: &log)
            }
        }
        _ = DataQualitySummary.text(log.sorted)
        render(log, SourceTexts())
    }

    // MARK: - Support

    /// A table read as the table commands read theirs (decode, remember the text, parse).
    struct Inputs {
        let file = "input.csv"
        var log = DiagnosticLog()
        var sources = SourceTexts()

        mutating func table(_ bytes: [UInt8]) -> CSVTable? {
            switch TextDecoder.decode(bytes, file: file) {
            case .failure(let diagnostic):
                log.append(diagnostic)
                return nil
            case .success(let decoded):
                sources.add(file: file, text: decoded.string)
                return CSVReader.parse(decoded, file: file, log: &log)
            }
        }

        func render() { Readers.render(log, sources) }
    }

    /// Renders diagnostics as the tool prints them, each with its line and caret.
    static func render(_ log: DiagnosticLog, _ sources: SourceTexts) {
        render(log.sorted, sources)
    }

    static func render(_ diagnostics: [Diagnostic], _ sources: SourceTexts) {
        show(DiagnosticRenderer(sources: sources).render(diagnostics))
    }

    /// Whether to print what the readers found (YANGLAO_FUZZ_VERBOSE=1), for looking at how
    /// far an input gets; fuzzing runs quiet.
    static let verbose = ProcessInfo.processInfo.environment["YANGLAO_FUZZ_VERBOSE"] == "1"

    static func show(_ text: String) {
        if verbose { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }
}
