import Coverage
import Entitlements
import Foundation
import Geography
import Provenance
import Simulation
import Uncertainty

/// The formats of the annual report.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, xlsx, csv, json
}

extension AnnualReport {
    /// The report's files in the given formats; the workbook is made in `scratch`.
    public func files(_ formats: [ReportFormat], scratch: String? = nil) throws(WorkbookError)
        -> [(
            name: String, bytes: [UInt8]
        )]
    {
        var files: [(name: String, bytes: [UInt8])] = []
        for format in formats {
            switch format {
            case .html: files.append((stem + ".html", Array(html().utf8)))
            case .xlsx: files.append((stem + ".xlsx", try workbook(scratch: scratch)))
            case .csv: files.append((stem + ".csv", csv()))
            case .json: files.append((stem + ".json", json()))
            }
        }
        return files
    }
}

/// Everything a run folder holds, made from a run and the record of its scenario: the tables, the
/// annual report of the scenario's report year, the coverage map and the manifest.
public struct RunOutputs: Sendable {
    /// The files, manifest last.
    public let files: [(name: String, bytes: [UInt8])]

    /// Makes the files of a run.
    /// - Parameters:
    ///   - runID: the run folder's name.
    ///   - facts: version, git state, overrides, start time and timings for the manifest.
    ///   - attainment: the probability of meeting each target, by target id, when the run
    ///     drew its uncertain inputs; the annual report shows it.
    ///   - extraFiles: more files for the folder (such as `draws/`), put before the manifest
    ///     and recorded in it.
    ///   - scratch: the folder in which the workbook is made (see ``Workbook``).
    ///   - boundaries: the scenario's boundaries (`boundaries:`), for the maps and the
    ///     folder's `boundaries.geojson`.
    public init(
        record: ScenarioRecord, result: SimulationResult, runID: String, formats: [ReportFormat],
        language: ReportLanguage, facts: ManifestFacts,
        attainment: [String: AttainmentProbability] = [:], centralValues: [CentralValue] = [],
        extraFiles: [(name: String, bytes: [UInt8])] = [], scratch: String? = nil,
        boundaries: BoundarySet? = nil
    ) throws(WorkbookError) {
        let scenario = result.scenario
        var made = RunData(result: result, toolVersion: facts.toolVersion, runID: runID)
        made.boundaries = boundaries
        if boundaries != nil {
            made.mapMarkers =
                CoverageMap.geoJSON(result, year: scenario.reportYear).flatMap {
                    CoverageMap.markers(geoJSON: $0, chinese: language == .chinese)
                } ?? []
        }
        made.attainment = attainment
        made.overrides = record.overrides
        made.centralValues = centralValues
        let data = made
        // Two independent halves on the two cores: the indicator table, which is the
        // largest file, and everything else; then put together in a fixed order.
        let halves = Parallelism.automatic.map(count: 2, chunkSize: 1) {
            half -> Result<[(name: String, bytes: [UInt8])], WorkbookError> in
            if half == 0 { return .success([("indicators.csv", RunTables.indicators(result))]) }
            return Result { () throws(WorkbookError) in
                try Self.otherFiles(
                    record: record, result: result, data: data, formats: formats,
                    language: language, scratch: scratch)
            }
        }
        var assembled = try halves[1].get()
        assembled.insert(contentsOf: try halves[0].get(), at: 2)
        let files = assembled + extraFiles
        let outputs = Parallelism.automatic.map(count: files.count, chunkSize: 1) {
            InputFile(name: files[$0].name, bytes: files[$0].bytes)
        }
        var manifest = Manifest(
            toolVersion: facts.toolVersion, buildCommit: facts.buildCommit,
            scenarioID: scenario.id, scenarioFile: record.file, seed: scenario.seed,
            overrides: facts.overrides,
            resolvedScenario: record.resolvedJSON, inputs: record.inputs,
            outputs: outputs, runID: runID,
            started: facts.started,
            timings: facts.timings + result.timings,
            notes: result.notes.map { ($0.chinese, $0.english) })
        manifest.overrideValues = record.overrides
        self.files = files + [("manifest.json", Array(manifest.json.text().utf8))]
    }

    /// Every file but the indicator table, in the run folder's order (the indicator table
    /// goes third).
    private static func otherFiles(
        record: ScenarioRecord, result: SimulationResult, data: RunData, formats: [ReportFormat],
        language: ReportLanguage, scratch: String?
    ) throws(WorkbookError) -> [(name: String, bytes: [UInt8])] {
        let scenario = result.scenario
        var files: [(name: String, bytes: [UInt8])] = [
            ("scenario.resolved.yaml", Array(record.resolvedYAML.utf8)),
            ("regions.csv", RunTables.regions(scenario.regions)),
            ("targets.csv", RunTables.targets(result, language: language)),
            ("target-definitions.csv", RunTables.targetDefinitions(scenario.targets)),
            ("failing-units.csv", RunTables.failingUnits(result)),
            ("costs.csv", RunTables.costs(data)),
        ]
        if let run = result.facilities {
            files += [
                ("budget.csv", FacilityTables.budget(run)),
                ("plan.csv", FacilityTables.plan(run)),
                ("stock.csv", FacilityTables.stock(run, tree: scenario.regions)),
            ]
        }
        files += serviceListFiles(result)
        // The report year lies within the run (the scenario guarantees it).
        if let report = try? AnnualReport(data: data, year: scenario.reportYear, language: language)
        {
            files += try report.files(formats, scratch: scratch)
        }
        if let coverage = CoverageMap.geoJSON(result, year: scenario.reportYear) {
            files.append(("coverage-\(scenario.reportYear).geojson", coverage))
        }
        if let boundaries = data.boundaries {
            files.append(
                (
                    "boundaries.geojson",
                    BoundaryLayer.geoJSON(
                        boundaries, data: data, year: scenario.reportYear,
                        datum: scenario.datum?.rawValue ?? "")
                ))
        }
        return files
    }

    /// The service list's tables (items, costs down to county level, the planning region's
    /// budget) and the long-term-care fund, when the scenario has them.
    private static func serviceListFiles(_ result: SimulationResult) -> [(
        name: String, bytes: [UInt8]
    )] {
        let scenario = result.scenario
        let tree = scenario.regions
        let areaRegions = scenario.demography?.areas.compactMap { tree.index(of: $0) } ?? []
        let regions = EntitlementTables.regions(tree, areaRegions: areaRegions, level: .county)
        var files: [(name: String, bytes: [UInt8])] = []
        if let costing = result.entitlements.costing {
            let planning = tree.index(of: scenario.region)!
            files += [
                ("service-list-items.csv", EntitlementTables.items(costing.items)),
                ("service-list-costs.csv", EntitlementTables.costs(costing, regions: regions)),
                (
                    "service-list-budget.csv",
                    EntitlementTables.budget(
                        costing.budgetLines(
                            region: planning, budget: scenario.entitlements?.budget))
                ),
            ]
        }
        if let fund = result.entitlements.fund, let insurance = scenario.longTermCareInsurance {
            files.append(("ltc-fund.csv", EntitlementTables.fund(fund, schemes: insurance.schemes)))
        }
        return files
    }

    /// What the manifest records beyond the scenario and its run.
    public struct ManifestFacts: Sendable {
        public var toolVersion: String
        /// The commit the tool was built from.
        public var buildCommit: String?
        public var overrides: [String]
        public var started: Date
        public var timings: [(stage: String, milliseconds: Double)]

        public init(
            toolVersion: String, buildCommit: String? = nil, overrides: [String] = [],
            started: Date, timings: [(stage: String, milliseconds: Double)] = []
        ) {
            self.toolVersion = toolVersion
            self.buildCommit = buildCommit
            self.overrides = overrides
            self.started = started
            self.timings = timings
        }
    }
}
