import Foundation
import Provenance
import ScenarioFiles
import Simulation

/// The formats of the annual report.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, xlsx, csv, json
}

extension AnnualReport {
    /// The report's files in the given formats.
    public func files(_ formats: [ReportFormat]) throws(WorkbookError) -> [(
        name: String, bytes: [UInt8]
    )] {
        var files: [(name: String, bytes: [UInt8])] = []
        for format in formats {
            switch format {
            case .html: files.append((stem + ".html", Array(html().utf8)))
            case .xlsx: files.append((stem + ".xlsx", try workbook()))
            case .csv: files.append((stem + ".csv", csv()))
            case .json: files.append((stem + ".json", json()))
            }
        }
        return files
    }
}

/// Everything a run folder holds, made from a loaded scenario and its run: the tables, the
/// annual report of the scenario's report year, the coverage map and the manifest.
public struct RunOutputs: Sendable {
    /// The files, manifest last.
    public let files: [(name: String, bytes: [UInt8])]

    /// Makes the files of a run.
    /// - Parameters:
    ///   - runID: the run folder's name.
    ///   - facts: version, git state, overrides, start time and timings for the manifest.
    public init(
        loaded: LoadedScenario, result: SimulationResult, runID: String, formats: [ReportFormat],
        language: ReportLanguage, facts: ManifestFacts
    ) throws(WorkbookError) {
        let scenario = loaded.scenario
        let data = RunData(result: result, toolVersion: facts.toolVersion, runID: runID)
        var files: [(name: String, bytes: [UInt8])] = [
            ("scenario.resolved.yaml", Array(loaded.resolvedYAML.utf8)),
            ("regions.csv", RunTables.regions(scenario.regions)),
            ("indicators.csv", RunTables.indicators(result)),
            ("targets.csv", RunTables.targets(result)),
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
        // The report year lies within the run (the scenario guarantees it).
        if let report = try? AnnualReport(data: data, year: scenario.reportYear, language: language)
        {
            files += try report.files(formats)
        }
        if let coverage = CoverageMap.geoJSON(result, year: scenario.reportYear) {
            files.append(("coverage-\(scenario.reportYear).geojson", coverage))
        }
        let manifest = Manifest(
            toolVersion: facts.toolVersion, gitCommit: facts.gitCommit, gitDirty: facts.gitDirty,
            scenarioID: scenario.id, scenarioFile: loaded.file, seed: scenario.seed,
            overrides: facts.overrides,
            resolvedScenario: loaded.resolvedJSON, inputs: loaded.inputs,
            outputs: files.map { InputFile(name: $0.name, bytes: $0.bytes) }, runID: runID,
            started: facts.started,
            timings: facts.timings + result.timings)
        files.append(("manifest.json", Array(manifest.json.text().utf8)))
        self.files = files
    }

    /// What the manifest records beyond the scenario and its run.
    public struct ManifestFacts: Sendable {
        public var toolVersion: String
        public var gitCommit: String?
        public var gitDirty: Bool?
        public var overrides: [String]
        public var started: Date
        public var timings: [(stage: String, milliseconds: Double)]

        public init(
            toolVersion: String, gitCommit: String? = nil, gitDirty: Bool? = nil,
            overrides: [String] = [],
            started: Date, timings: [(stage: String, milliseconds: Double)] = []
        ) {
            self.toolVersion = toolVersion
            self.gitCommit = gitCommit
            self.gitDirty = gitDirty
            self.overrides = overrides
            self.started = started
            self.timings = timings
        }
    }
}
