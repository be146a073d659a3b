import ArgumentParser
import Diagnostics
import Foundation
import Geography
import Provenance
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
    func read(_ folder: String) throws -> RunData {
        var log = DiagnosticLog()
        guard let data = RunFolderReader.read(folder, toolVersion: Yanglao.version, log: &log),
            !log.hasErrors
        else {
            Console.error(log.sorted.map(\.description).joined(separator: "\n"))
            Console.error(Messages(lang).errorCount(max(1, log.errorCount)))
            throw ExitCode(64)
        }
        return data
    }

    /// Writes files all at once; refuses to replace existing ones without --overwrite.
    func write(_ files: [(name: String, bytes: [UInt8])], into folder: String) throws {
        var outputs = OutputFiles()
        for file in files { outputs.add(folder + "/" + file.name, file.bytes) }
        if !overwrite, !outputs.existing.isEmpty {
            Console.error(
                outputs.existing.map {
                    "\($0): error: the file exists; pass --overwrite to replace it"
                }.joined(
                    separator: "\n"))
            throw ExitCode(64)
        }
        do {
            try outputs.write()
        } catch {
            Console.error("error: \(FileSystemMessage.reason(error))")
            throw ExitCode(1)
        }
        if !quiet {
            for file in files { Console.out(Messages(lang).fileWritten(folder + "/" + file.name)) }
        }
    }
}

/// `yanglao report RUN_DIR --year Y`: the annual target report of a run.
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
        let formats = try ReportFormat.list(format)
        let data = try options.read(folder)
        let report: AnnualReport
        do {
            report = try AnnualReport(
                data: data, year: year ?? data.reportYear, language: options.language)
        } catch {
            Console.error("\(folder): error: \(error.description)")
            throw ExitCode(64)
        }
        try options.write(try report.files(formats), into: folder)
    }
}

/// `yanglao districts RUN_DIR --level county --year Y`: units compared.
struct DistrictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "districts",
        abstract: "Compare the units of a level within the planning region (HTML).",
        discussion: """
            Writes districts-LEVEL-YEAR.html into the run folder: every unit of the level
            on the key indicators, with its rank, a colour scale, its share of the region's
            shortfall and a map of the units.

            Examples:
              yanglao districts Output/anshan/20261123T101500Z --level county --year 2025
              yanglao districts Output/liaoning/plan --level city --lang en
            """)

    @Argument(help: "A run folder.")
    var folder: String

    @Option(help: "The level: city, county or township (default county).")
    var level = "county"

    @Option(help: "The year (default: the scenario's report year).")
    var year: Int?

    @OptionGroup var options: RunFolderOptions

    func run() throws {
        guard let level = RegionLevel(name: level) else {
            Console.error("error: unknown level '\(level)'; choose city, county or township")
            throw ExitCode(64)
        }
        let data = try options.read(folder)
        let comparison: DistrictComparison
        do {
            comparison = try DistrictComparison(
                data: data, level: level, year: year ?? data.reportYear, language: options.language)
        } catch {
            Console.error("\(folder): error: \(error.description)")
            throw ExitCode(64)
        }
        try options.write(
            [(comparison.stem + ".html", Array(comparison.html().utf8))], into: folder)
    }
}

/// `yanglao compare RUN_DIR RUN_DIR…`: runs side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs of one region side by side (HTML).",
        discussion: """
            Writes one page with every target's verdict and first year met in each run, the
            money each spends and the key trajectories overlaid; rows where the runs differ
            are marked.

            Examples:
              yanglao compare Output/anshan/baseline Output/anshan-plan/run1 \\
                --out compare.html
            """)

    @Argument(help: "Two or more run folders of the same planning region.")
    var runs: [String]

    @Option(help: "The HTML file to write.")
    var out: String

    @OptionGroup var options: RunFolderOptions

    func run() throws {
        let data = try runs.map { try options.read($0) }
        let comparison: ScenarioComparison
        do {
            comparison = try ScenarioComparison(runs: data, language: options.language)
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode(64)
        }
        let url = URL(fileURLWithPath: out)
        try options.write(
            [(url.lastPathComponent, Array(comparison.html().utf8))],
            into: url.deletingLastPathComponent().path)
    }
}
