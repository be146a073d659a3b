import ArgumentParser
import Diagnostics
import Foundation
import Planning

/// `yanglao assess RECORDS.csv --out PREVALENCE.csv`: score GB/T 42195-2022 assessments and
/// estimate the prevalence of the capability levels by age group and sex.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Score capability assessments (GB/T 42195-2022); estimate level prevalence.",
        discussion: Help.assess)

    @Argument(help: ArgumentHelp("The assessment records.", valueName: "RECORDS.csv"))
    var records: String

    @Option(help: ArgumentHelp("Where to write the prevalence table.", valueName: "PREVALENCE.csv"))
    var out: String

    @Option(help: "The year of the assessments (default: the records' year column).")
    var year: Int?

    @Option(help: "Lower ages of the age groups, the last open (default 60,65,70,75,80,85).")
    var ages: String = "60,65,70,75,80,85"

    @Option(help: "Confidence level of the intervals.")
    var confidence = 0.95

    @Flag(help: "Intervals that hold for the five levels together (Goodman's Bonferroni form).")
    var simultaneous = false

    @Option(
        help: ArgumentHelp(
            "Where to write the intervals (default: beside --out).", valueName: "FILE"))
    var intervals: String?

    @Option(
        help: ArgumentHelp("Where to write each record's scores and levels.", valueName: "FILE"))
    var scores: String?

    @Flag(
        help: "Leave out malformed records (reported as warnings and counted) instead of failing.")
    var skipBad = false

    @Flag(help: "Replace output files that exist.")
    var overwrite = false

    @Option(help: "Language of messages: zh (default) or en.")
    var lang: Language = .zh

    func request() throws -> AssessRequest {
        let parts = ages.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.allSatisfy({ $0 != nil }), AssessRequest.areAgeGroups(parts.map { $0! }) else {
            throw ValidationError(
                "--ages must be increasing whole ages separated by commas, like 60,70,80 (got '\(ages)')"
            )
        }
        return AssessRequest(
            records: records, out: out, year: year, ages: parts.map { $0! },
            confidence: confidence, simultaneous: simultaneous, intervals: intervals,
            scores: scores, skipBad: skipBad)
    }

    func validate() throws {
        let request = try request()
        guard confidence > 0, confidence < 1 else {
            throw ValidationError("--confidence must be between 0 and 1 (got \(confidence))")
        }
        if let year, !(1950...2200).contains(year) {
            throw ValidationError("--year must be between 1950 and 2200 (got \(year))")
        }
        try OutputFile.checkWritable(out, overwrite: overwrite, option: "--out")
        try OutputFile.checkWritable(
            request.intervalsPath, overwrite: overwrite, option: "--intervals")
        if let scores {
            try OutputFile.checkWritable(scores, overwrite: overwrite, option: "--scores")
        }
    }

    func run() throws {
        let request = try request()
        let messages = AssessMessages(lang, request: request)
        let outcome = try Yanglao.call(lang) {
            try Planning.assess(request) { event in
                switch event {
                case .rejected(let rejected, let total):
                    Console.error(messages.rejected(rejected, of: total))
                case .warnings(let report): Console.error(report.text(in: lang))
                }
            }
        }
        switch outcome {
        case .estimated(let summary): Console.out(messages.estimated(summary))
        case .noYear, .noRecords, .emptyCells:
            Console.error(messages.stopped(outcome))
            throw ExitCode(64)
        }
    }
}
