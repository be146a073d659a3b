import ArgumentParser
import Diagnostics
import Foundation
import Geography
import Planning
import Reports

extension ReportFormat {
    /// Parses `html,xlsx`; every format when nil.
    static func list(_ text: String?) throws -> [ReportFormat] {
        guard let text else { return allCases }
        return try text.split(separator: ",").map { name in
            guard
                let format = ReportFormat(
                    rawValue: String(name).trimmingCharacters(in: .whitespaces))
            else {
                throw ValidationError(
                    "unknown report format '\(name)'; choose from "
                        + allCases.map(\.rawValue).joined(separator: ", "))
            }
            return format
        }
    }
}

/// Options of the commands that read run folders.
struct RunFolderOptions: ParsableArguments {
    @Option(help: "Language: zh (default) or en.")
    var lang: Language = .zh

    @Flag(help: "Replace report files that exist.")
    var overwrite = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    var language: ReportLanguage { lang == .en ? .english : .chinese }

    /// Reads a run folder; prints every problem and exits 64 when it cannot.
    /// Makes a report of a run folder through Planning and says what was written.
    func make(_ kind: RunFolderReport, of folder: String) throws {
        let written = try Yanglao.call(lang) {
            try Planning.report(
                kind, of: folder, language: language, overwrite: overwrite,
                version: Yanglao.version)
        }
        say(written)
    }

    func say(_ written: [String]) {
        guard !quiet else { return }
        for path in written { Console.out(Messages(lang).fileWritten(path)) }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the annual target report of a run for a year (HTML, Excel, CSV, JSON).",
        discussion: """
            Reads a run folder that `yanglao run` wrote and writes report-YEAR.html (one
            self-contained page, prints on A4), report-YEAR.xlsx (sheets Summary, Targets,
            Districts, Indicators, Costs), report-YEAR.csv and report-YEAR.json into it
            (report-YEAR-en.* in English).

            Examples:
              yanglao report Output/anshan/20261123T101500Z --year 2025
              yanglao report Output/anshan/20261123T101500Z --year 2030 --lang en \\
                --format html,xlsx
            """)

    @Argument(help: "A run folder (Output/<scenario-id>/<run-id>).")
    var folder: String

    @Option(help: "The year of the report (default: the scenario's report year).")
    var year: Int?

    @Option(help: "Formats, comma-separated: html, xlsx, csv, json (default: all).")
    var format: String?

    @OptionGroup var options: RunFolderOptions

    func run() throws {
        try options.make(.annual(year: year, formats: try ReportFormat.list(format)), of: folder)
    }
}
