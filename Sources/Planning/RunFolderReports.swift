import Diagnostics
import Foundation
import Geography
import Provenance
import Reports
import ScenarioFiles

/// The reports made from run folders after a run: the annual target report of any year
/// (年度目标达成报告), the district comparison (区县对比) and the scenario comparison (方案对比).
public enum RunFolderReport: Sendable {
    /// `report-YEAR.*` in the given formats (the scenario's report year when nil).
    case annual(year: Int?, formats: [ReportFormat])
    /// `districts-LEVEL-YEAR.html`.
    case districts(level: RegionLevel, year: Int?)
}

extension Planning {
    /// Reads a run folder as `report` reads it.
    /// - Throws: bad input, with every problem located, when the folder is not a run folder.
    public static func readRun(_ folder: String, version: String) throws(PlanningError) -> RunData {
        var log = DiagnosticLog()
        guard let data = RunFolderReader.read(folder, toolVersion: version, log: &log),
            !log.hasErrors
        else {
            throw PlanningError(
                .badInput, BilingualText { DiagnosticError(log.sorted).description(in: $0) },
                errorCount: max(1, log.errorCount))
        }
        return data
    }

    /// Makes a report of a run folder and writes it into the folder.
    /// - Returns: the paths written.
    /// - Throws: bad input for a year outside the run, a level without units or a file that
    ///   exists (without `overwrite`); a failure when writing fails.
    public static func report(
        _ kind: RunFolderReport, of folder: String, language: ReportLanguage, overwrite: Bool,
        version: String
    ) throws(PlanningError) -> [String] {
        var data = try readRun(folder, version: version)
        let boundaryFile = folder + "/boundaries.geojson"
        if FileManager.default.fileExists(atPath: boundaryFile) {
            var log = DiagnosticLog()
            guard let boundaries = BoundaryFile.read(atPath: boundaryFile, log: &log) else {
                throw PlanningError(
                    .badInput, BilingualText { DiagnosticError(log.sorted).description(in: $0) },
                    errorCount: max(1, log.errorCount))
            }
            data.boundaries = boundaries
            // The points of the report year's map, as the run drew them.
            let coverage = folder + "/coverage-\(data.reportYear).geojson"
            if let bytes = FileManager.default.contents(atPath: coverage) {
                data.mapMarkers =
                    CoverageMap.markers(
                        geoJSON: Array(bytes), chinese: language == .chinese) ?? []
            }
        }
        let files: [(name: String, bytes: [UInt8])]
        do {
            switch kind {
            case .annual(let year, let formats):
                let report = try AnnualReport(
                    data: data, year: year ?? data.reportYear, language: language)
                files = try report.files(formats)
            case .districts(let level, let year):
                let comparison = try DistrictComparison(
                    data: data, level: level, year: year ?? data.reportYear, language: language)
                files = [(comparison.stem + ".html", Array(comparison.html().utf8))]
            }
        } catch let error as WorkbookError {
            throw PlanningError(.failed, error: "\(error.description)")
        } catch {
            throw PlanningError(.badInput, error: "\(error)", in: folder)
        }
        return try writeNew(files.map { (folder + "/" + $0.name, $0.bytes) }, overwrite: overwrite)
    }

    /// Compares runs of one region and writes the page to `out`.
    /// - Returns: the path written.
    public static func compare(
        _ folders: [String], out: String, language: ReportLanguage, overwrite: Bool,
        version: String
    ) throws(PlanningError) -> [String] {
        var runs: [RunData] = []
        for folder in folders { runs.append(try readRun(folder, version: version)) }
        let comparison: ScenarioComparison
        do {
            comparison = try ScenarioComparison(runs: runs, language: language)
        } catch {
            throw PlanningError(.badInput, error: "\(error.description)")
        }
        return try writeNew([(out, Array(comparison.html().utf8))], overwrite: overwrite)
    }

    /// Writes files all or none, refusing ones that exist unless `overwrite`.
    static func writeNew(_ files: [(path: String, bytes: [UInt8])], overwrite: Bool)
        throws(PlanningError) -> [String]
    {
        let existing = files.map(\.path).filter { FileManager.default.fileExists(atPath: $0) }
        if !overwrite, !existing.isEmpty {
            throw PlanningError(
                .badInput,
                BilingualText { language in
                    existing.map {
                        "\($0): \(Diagnostic.Severity.error.name(in: language)): "
                            + language.text(
                                "文件已存在；如要替换请加 --overwrite",
                                "the file exists; pass --overwrite to replace it")
                    }.joined(separator: "\n")
                })
        }
        do {
            try AtomicFiles.write(files)
        } catch {
            throw PlanningError(.failed, error: "\(FileSystemMessage.reason(error))")
        }
        return files.map(\.path)
    }
}
