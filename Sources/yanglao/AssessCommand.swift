import ArgumentParser
import CSV
import Demography
import Diagnostics
import Entitlements
import Foundation
import Provenance
import ScenarioFiles

/// `yanglao assess RECORDS.csv --out PREVALENCE.csv`: score GB/T 42195-2022 assessments and
/// estimate the prevalence of the capability levels by age group and sex.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Score capability assessments (GB/T 42195-2022); estimate level prevalence.",
        discussion: """
            Scores each record of RECORDS.csv by GB/T 42195-2022: four domains,
            total 0-90, five levels; coma -> complete loss; a diagnosis F00-F99
            or two or more care-risk events in 30 days -> one level higher.
            Estimates the share of each level by year, sex and age group (and
            urban/rural with a 'part' column), with Wilson score intervals.

            RECORDS.csv: id, age, sex, area, and the 26 items of Appendix B
            named by code (B.1.1 ... B.4.5, or b1_1), Chinese name (进食 ...)
            or English name (eating ...); optional: year, part, coma,
            diagnoses (ICD-10 codes), mental_disorder, risk_events.

            PREVALENCE.csv: year,sex,age,intact,mild,moderate,severe,complete
            (,part), the table demography.care_need.prevalence reads.
            PREVALENCE.intervals.csv (or --intervals): each level's count,
            share and interval. --scores FILE: each record's domain scores,
            total and levels. Files are written whole (temporary file, then
            renamed); an existing file is replaced only with --overwrite.

            A record with an item score out of range, a missing item, or a
            bad age or sex is reported with its file, line and column, and
            nothing is written (exit 64), unless --skip-bad: then bad records
            are reported as warnings, left out and counted.

            Examples:
              yanglao assess Examples/entitlements/assessments.csv \\
                --out Output/prevalence.csv --year 2023 --overwrite
              yanglao assess Examples/entitlements/assessments.csv \\
                --out Output/prevalence.csv --year 2023 --ages 60,70,80 \\
                --simultaneous --overwrite
            """)

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

    var intervalsPath: String {
        intervals ?? (out.hasSuffix(".csv") ? String(out.dropLast(4)) : out) + ".intervals.csv"
    }

    func ageGroups() throws -> AgeBands {
        let parts = ages.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }),
            let bands = try? AgeBands(lowerBounds: parts.map { $0! })
        else {
            throw ValidationError(
                "--ages must be increasing whole ages separated by commas, like 60,70,80 (got '\(ages)')"
            )
        }
        return bands
    }

    func validate() throws {
        _ = try ageGroups()
        guard confidence > 0, confidence < 1 else {
            throw ValidationError("--confidence must be between 0 and 1 (got \(confidence))")
        }
        if let year, !(1950...2200).contains(year) {
            throw ValidationError("--year must be between 1950 and 2200 (got \(year))")
        }
        try OutputFile.checkWritable(out, overwrite: overwrite, option: "--out")
        try OutputFile.checkWritable(intervalsPath, overwrite: overwrite, option: "--intervals")
        if let scores {
            try OutputFile.checkWritable(scores, overwrite: overwrite, option: "--scores")
        }
    }

    func run() throws {
        let groups = try ageGroups()
        var inputs = TableInputs()
        let table = inputs.table(records)
        var read: AssessmentRecords?
        if let table {
            read = AssessmentRecordsTable.read(
                table, minimumAge: groups.lowerBounds[0], skipBad: skipBad, log: &inputs.log)
        }
        if let read, read.rejected > 0 {
            let total = read.rejected + read.accepted.count
            Console.error(
                lang == .zh
                    ? "\(records)：\(total) 条记录中 \(read.rejected) 条被拒绝（\(skipBad ? "已跳过，见上方警告" : "见下方错误")）"
                    : "\(records): \(read.rejected) of \(total) records rejected (\(skipBad ? "left out; see the warnings" : "see the errors"))"
            )
        }
        try inputs.finish()
        guard let read else { throw ExitCode(64) }

        // Years.
        let years: [Int]
        if let year {
            years = [year]
        } else if read.hasYear {
            years = Array(Set(read.accepted.compactMap(\.year))).sorted()
        } else {
            Console.error(
                "\(records): error: "
                    + (lang == .zh
                        ? "记录没有 year 列；请用 --year 给出评估年份"
                        : "the records have no year column; give the year of the assessments with --year")
            )
            throw ExitCode(64)
        }
        guard !years.isEmpty else {
            Console.error(
                lang == .zh ? "没有可用的评估记录，未写出任何文件。" : "No record was accepted; nothing was written.")
            throw ExitCode(64)
        }

        // Score and tally.
        var estimate = PrevalenceEstimate(
            ageGroups: groups, years: years, parts: read.hasPart ? 2 : 1)
        var results: [(AssessedPerson, AssessmentResult)] = []
        for person in read.accepted {
            let result = CapabilityAssessment.score(person.record)
            results.append((person, result))
            estimate.add(
                year: year ?? person.year ?? years[0], part: person.part ?? 0, sex: person.sex,
                age: person.age, level: result.level)
        }
        let empty = estimate.emptyCells
        guard empty.isEmpty else {
            for cell in empty.prefix(10) {
                let (cellYear, part, sex, group) = estimate.describe(cell: cell)
                let place = read.hasPart ? (part == 0 ? ", urban" : ", rural") : ""
                Console.error(
                    "\(records): error: no record of \(sex) persons aged \(groups.label(of: group)) in \(cellYear)\(place); every year, sex and age group needs records (use wider groups with --ages)"
                )
            }
            if empty.count > 10 { Console.error("… and \(empty.count - 10) more cells") }
            Console.error(lang == .zh ? "未写出任何文件。" : "Nothing was written.")
            throw ExitCode(64)
        }

        var files = OutputFiles()
        files.add(out, prevalenceTable(estimate))
        let z = WilsonInterval.z(confidence: confidence, simultaneous: simultaneous ? 5 : 1)
        files.add(intervalsPath, intervalTable(estimate, z: z))
        if let scores { files.add(scores, scoreTable(results)) }
        do {
            try files.write()
        } catch {
            Console.error("error: \(FileSystemMessage.reason(error))")
            throw ExitCode(1)
        }
        let method =
            simultaneous
            ? "Goodman simultaneous \(Figures.format(confidence * 100, places: 0))%"
            : "Wilson \(Figures.format(confidence * 100, places: 0))%"
        switch lang {
        case .zh:
            Console.out(
                "评估记录 \(read.accepted.count + read.rejected) 条：采用 \(read.accepted.count) 条，拒绝 \(read.rejected) 条。"
            )
            Console.out(
                "能力等级患病率：\(years.count) 个年份 × 2 性别 × \(groups.count) 个年龄组\(read.hasPart ? " × 城乡" : "")，区间 \(method)。"
            )
            Console.out(
                "已写出：\(([out, intervalsPath] + (scores.map { [$0] } ?? [])).joined(separator: ", "))"
            )
        case .en:
            Console.out(
                "Assessment records: \(read.accepted.count + read.rejected); accepted \(read.accepted.count), rejected \(read.rejected)."
            )
            Console.out(
                "Prevalence of the levels: \(years.count) year\(years.count == 1 ? "" : "s") × 2 sexes × \(groups.count) age groups\(read.hasPart ? " × urban/rural" : ""); intervals \(method)."
            )
            Console.out(
                "Written: \(([out, intervalsPath] + (scores.map { [$0] } ?? [])).joined(separator: ", "))"
            )
        }
    }

    /// `year,sex,age,intact,mild,moderate,severe,complete[,part]`.
    func prevalenceTable(_ estimate: PrevalenceEstimate) -> [UInt8] {
        let levels = CapabilityLevel.allCases.map(\.description)
        var table = CSVWriter(
            header: ["year", "sex", "age"] + levels + (estimate.parts == 2 ? ["part"] : []))
        for cell in 0..<estimate.cellCount {
            let (year, part, sex, group) = estimate.describe(cell: cell)
            table.append(
                [String(year), sex.description, String(estimate.ageGroups.lowerBounds[group])]
                    + CapabilityLevel.allCases.map {
                        Figures.format(estimate.share(cell: cell, level: $0), places: 6)
                    } + (estimate.parts == 2 ? [part == 0 ? "urban" : "rural"] : []))
        }
        return table.data
    }

    func intervalTable(_ estimate: PrevalenceEstimate, z: Double) -> [UInt8] {
        var table = CSVWriter(
            header: [
                "year", "sex", "age", "part", "level", "assessed", "count", "share", "lower",
                "upper", "confidence", "method",
            ])
        let method = simultaneous ? "goodman" : "wilson"
        for cell in 0..<estimate.cellCount {
            let (year, part, sex, group) = estimate.describe(cell: cell)
            let n = estimate.total(cell: cell)
            for level in CapabilityLevel.allCases {
                let bounds = estimate.interval(cell: cell, level: level, z: z)
                table.append([
                    String(year), sex.description, estimate.ageGroups.label(of: group),
                    estimate.parts == 2 ? (part == 0 ? "urban" : "rural") : "",
                    level.description, String(n),
                    String(estimate.counts[cell * 5 + level.rawValue]),
                    Figures.format(estimate.share(cell: cell, level: level), places: 6),
                    Figures.format(bounds.lower, places: 6),
                    Figures.format(bounds.upper, places: 6),
                    Figures.format(confidence, places: 4), method,
                ])
            }
        }
        return table.data
    }

    func scoreTable(_ results: [(AssessedPerson, AssessmentResult)]) -> [UInt8] {
        var table = CSVWriter(
            header: ["id", "line", "sex", "age", "area"]
                + AssessmentDomain.allCases.map(\.description)
                + ["total", "preliminary_level", "level", "adjustment"])
        for (person, result) in results {
            let adjustment: String
            switch result.adjustment {
            case .none: adjustment = ""
            case .coma: adjustment = "coma"
            case .raised(let mental, let risk):
                adjustment = [mental ? "mental_disorder" : nil, risk ? "risk_events" : nil]
                    .compactMap { $0 }.joined(separator: ";")
            }
            table.append(
                [
                    person.id, String(person.line), person.sex.description, String(person.age),
                    person.area,
                ]
                    + result.domainScores.map(String.init)
                    + [
                        String(result.total), result.preliminaryLevel.description,
                        result.level.description, adjustment,
                    ])
        }
        return table.data
    }
}
