import CSV
import Diagnostics
import Foundation
import Provenance
import ScenarioFiles

/// Problems found in the input files of a use case, each at its file, line and column, with
/// the text of the files for showing the lines they are on.
public struct InputReport: Sendable {
    /// The problems, in the order to show them.
    public var diagnostics: [Diagnostic]
    /// The text of the files read.
    public var sources: SourceTexts

    public init(diagnostics: [Diagnostic], sources: SourceTexts) {
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// The problems as a compiler shows them: `file:line:col: severity: …` and the line.
    public func text(in language: Language) -> String {
        DiagnosticRenderer(sources: sources, language: language).render(diagnostics)
    }

    /// The problems in both languages.
    public var texts: BilingualText { BilingualText(text(in:)) }
}

extension PlanningError {
    /// Bad input files: the report's text, and how many errors it holds.
    static func inputs(_ report: InputReport, errorCount: Int) -> PlanningError {
        var error = PlanningError(.badInput, report.texts)
        error.errorCount = errorCount
        return error
    }
}

extension InputTables {
    /// Throws when an error was logged (every problem, in the order the files were read);
    /// else hands on the warnings, if any, unless `quiet`.
    func check(quiet: Bool = false, _ warnings: (InputReport) -> Void) throws(PlanningError) {
        let report = InputReport(diagnostics: diagnostics, sources: sources)
        if log.hasErrors { throw .inputs(report, errorCount: log.errorCount) }
        if !quiet, !report.diagnostics.isEmpty { warnings(report) }
    }
}

extension CoverageInputs {
    /// Throws when an error was logged (every problem so far, in file and line order); else
    /// hands on the warnings so far, if any.
    func check(_ warnings: (InputReport) -> Void) throws(PlanningError) {
        let diagnostics = log.sorted
        guard !diagnostics.isEmpty else { return }
        let report = InputReport(diagnostics: diagnostics, sources: sources)
        if log.hasErrors { throw .inputs(report, errorCount: log.errorCount) }
        warnings(report)
    }
}

extension Planning {
    /// The JSON summary's path beside a CSV output: `out.csv` → `out.json`.
    public static func summaryPath(for csv: String) -> String {
        let url = URL(fileURLWithPath: csv)
        if url.pathExtension.lowercased() == "csv" {
            return String(csv.dropLast(4)) + ".json"
        }
        return csv + ".json"
    }

    /// Writes files all or none: each to a staging file in its folder, renamed into place
    /// only when every one is complete.
    /// - Throws: a failure, with the file system's reason.
    static func writeAll(_ files: [(path: String, bytes: [UInt8])]) throws(PlanningError) {
        do {
            try AtomicFiles.write(files)
        } catch {
            throw PlanningError(.failed, error: "\(FileSystemMessage.reason(error))")
        }
    }

    /// Writes one file whole (staging file, then rename).
    /// - Throws: a failure, with the error.
    static func writeWhole(_ bytes: [UInt8], to path: String) throws(PlanningError) {
        do {
            try AtomicFiles.write([(path, bytes)])
        } catch {
            throw PlanningError(.failed, error: "\(error)")
        }
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}

/// Plain text of numbers for the coverage and siting outputs and messages.
public enum Number {
    /// The shortest text that reads back as the same number.
    public static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// A number with a fixed number of decimals.
    public static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// A share as a percentage with one decimal.
    public static func percent(_ share: Double?) -> String {
        share.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
    }

    /// JSON for an optional number.
    public static func json(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(exact(value))
    }
}

/// Numbers in the demographic and assessment tables: fixed decimals, no exponent, `-0`
/// written as `0`.
public enum Figures {
    public static func format(_ value: Double, places: Int) -> String {
        let text = String(format: "%.\(places)f", value)
        if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
        return text
    }
}
