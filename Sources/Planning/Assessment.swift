import CSV
import Demography
import Diagnostics
import Entitlements
import ScenarioFiles

/// Score capability assessments by GB/T 42195-2022 (能力评估) and estimate the prevalence of
/// the five levels by year, sex and age group, with Wilson score intervals.
public struct AssessRequest: Sendable {
    /// The assessment records (CSV).
    public var records: String
    /// Where to write the prevalence table.
    public var out: String
    /// The year of the assessments; nil: the records' `year` column.
    public var year: Int?
    /// Lower ages of the age groups, the last open.
    public var ages: [Int]
    /// Confidence level of the intervals.
    public var confidence: Double
    /// Intervals that hold for the five levels together (Goodman's Bonferroni form).
    public var simultaneous: Bool
    /// Where to write the intervals; nil: beside ``out``.
    public var intervals: String?
    /// Where to write each record's scores and levels.
    public var scores: String?
    /// Leave out malformed records (reported as warnings) instead of failing.
    public var skipBad: Bool

    public init(
        records: String, out: String, year: Int? = nil, ages: [Int] = [60, 65, 70, 75, 80, 85],
        confidence: Double = 0.95, simultaneous: Bool = false, intervals: String? = nil,
        scores: String? = nil, skipBad: Bool = false
    ) {
        self.records = records
        self.out = out
        self.year = year
        self.ages = ages
        self.confidence = confidence
        self.simultaneous = simultaneous
        self.intervals = intervals
        self.scores = scores
        self.skipBad = skipBad
    }

    /// Where the intervals are written: ``intervals``, or `OUT.intervals.csv`.
    public var intervalsPath: String {
        intervals ?? (out.hasSuffix(".csv") ? String(out.dropLast(4)) : out) + ".intervals.csv"
    }

    /// The files the request writes, in order.
    public var outputs: [String] { [out, intervalsPath] + (scores.map { [$0] } ?? []) }

    /// Whether lower ages make age groups: at least one, whole, increasing.
    public static func areAgeGroups(_ ages: [Int]) -> Bool {
        !ages.isEmpty && (try? AgeBands(lowerBounds: ages)) != nil
    }
}

/// What the assessment use case tells as it goes.
public enum AssessEvent: Sendable {
    /// Records were rejected (each reported with its file, line and problem).
    case rejected(Int, of: Int)
    /// Problems of the records that are not errors.
    case warnings(InputReport)
}

/// The estimate made and written.
public struct PrevalenceSummary: Sendable {
    /// Records accepted and rejected.
    public var accepted: Int
    public var rejected: Int
    /// The years estimated.
    public var years: [Int]
    /// How many age groups.
    public var ageGroups: Int
    /// Whether urban and rural are estimated apart (the records' `part` column).
    public var byPart: Bool
    /// The files written, in order.
    public var files: [String]
}

/// A year, sex and age group (and part) without records.
public struct EmptyCell: Sendable {
    public var year: Int
    /// `female` or `male`.
    public var sex: String
    /// The age group, e.g. `60-69` or `80+`.
    public var ages: String
    /// `urban` or `rural`, when the records have parts.
    public var part: String?
}

/// What the assessment use case did.
public enum AssessOutcome: Sendable {
    /// Scored, estimated and written.
    case estimated(PrevalenceSummary)
    /// The records have no year column and no year was given; nothing was written.
    case noYear
    /// No record was accepted; nothing was written.
    case noRecords
    /// Some cells have no records (all of them, in order); nothing was written.
    case emptyCells([EmptyCell])
}

extension Planning {
    /// Scores the records, estimates the prevalence of the levels and writes the prevalence
    /// table, the intervals and (when asked) the scores, all or none.
    /// - Throws: bad input (the records' problems, located) or a failure to write.
    public static func assess(
        _ request: AssessRequest, events: (AssessEvent) -> Void = { _ in }
    ) throws(PlanningError) -> AssessOutcome {
        guard let groups = try? AgeBands(lowerBounds: request.ages) else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "\(request.ages) 不是有效的年龄组",
                    english: "\(request.ages) are not age groups"))
        }
        var inputs = InputTables()
        var read: AssessmentRecords?
        if let table = inputs.table(request.records) {
            read = AssessmentRecordsTable.read(
                table, minimumAge: groups.lowerBounds[0], skipBad: request.skipBad,
                log: &inputs.log)
        }
        if let read, read.rejected > 0 {
            events(.rejected(read.rejected, of: read.rejected + read.accepted.count))
        }
        try inputs.check { events(.warnings($0)) }
        guard let read else { throw PlanningError.silent(.badInput) }

        let years: [Int]
        if let year = request.year {
            years = [year]
        } else if read.hasYear {
            years = Array(Set(read.accepted.compactMap(\.year))).sorted()
        } else {
            return .noYear
        }
        guard !years.isEmpty else { return .noRecords }

        var estimate = PrevalenceEstimate(
            ageGroups: groups, years: years, parts: read.hasPart ? 2 : 1)
        var results: [(AssessedPerson, AssessmentResult)] = []
        for person in read.accepted {
            let result = CapabilityAssessment.score(person.record)
            results.append((person, result))
            estimate.add(
                year: request.year ?? person.year ?? years[0], part: person.part ?? 0,
                sex: person.sex, age: person.age, level: result.level)
        }
        let empty = estimate.emptyCells
        guard empty.isEmpty else {
            return .emptyCells(
                empty.map { cell in
                    let (year, part, sex, group) = estimate.describe(cell: cell)
                    return EmptyCell(
                        year: year, sex: sex.description, ages: groups.label(of: group),
                        part: read.hasPart ? (part == 0 ? "urban" : "rural") : nil)
                })
        }

        let z = WilsonInterval.z(
            confidence: request.confidence, simultaneous: request.simultaneous ? 5 : 1)
        var files: [(path: String, bytes: [UInt8])] = [
            (request.out, bytes: AssessmentTables.prevalence(estimate)),
            (
                request.intervalsPath,
                AssessmentTables.intervals(
                    estimate, z: z, confidence: request.confidence,
                    method: request.simultaneous ? "goodman" : "wilson")
            ),
        ]
        if let scores = request.scores { files.append((scores, AssessmentTables.scores(results))) }
        try writeAll(files)
        return .estimated(
            PrevalenceSummary(
                accepted: read.accepted.count, rejected: read.rejected, years: years,
                ageGroups: groups.count, byPart: read.hasPart, files: files.map(\.path)))
    }
}

/// The tables the assessment use case writes.
enum AssessmentTables {
    /// `year,sex,age,intact,mild,moderate,severe,complete[,part]`.
    static func prevalence(_ estimate: PrevalenceEstimate) -> [UInt8] {
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

    static func intervals(
        _ estimate: PrevalenceEstimate, z: Double, confidence: Double, method: String
    ) -> [UInt8] {
        var table = CSVWriter(
            header: [
                "year", "sex", "age", "part", "level", "assessed", "count", "share", "lower",
                "upper", "confidence", "method",
            ])
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

    static func scores(_ results: [(AssessedPerson, AssessmentResult)]) -> [UInt8] {
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
