import Planning

/// The messages of `assess`, in Chinese or English.
struct AssessMessages {
    let language: Language
    let request: AssessRequest

    init(_ language: Language, request: AssessRequest) {
        self.language = language
        self.request = request
    }

    var records: String { request.records }

    func rejected(_ rejected: Int, of total: Int) -> String {
        let skipped = request.skipBad
        return language == .zh
            ? "\(records)：\(total) 条记录中 \(rejected) 条被拒绝（\(skipped ? "已跳过，见上方警告" : "见下方错误")）"
            : "\(records): \(rejected) of \(total) records rejected (\(skipped ? "left out; see the warnings" : "see the errors"))"
    }

    /// Why nothing was estimated.
    func stopped(_ outcome: AssessOutcome) -> String {
        switch outcome {
        case .estimated: return ""
        case .noYear:
            return "\(records): error: "
                + (language == .zh
                    ? "记录没有 year 列；请用 --year 给出评估年份"
                    : "the records have no year column; give the year of the assessments with --year")
        case .noRecords:
            return language == .zh
                ? "没有可用的评估记录，未写出任何文件。" : "No record was accepted; nothing was written."
        case .emptyCells(let cells):
            var lines = cells.prefix(10).map { cell in
                "\(records): error: no record of \(cell.sex) persons aged \(cell.ages) in \(cell.year)\(cell.part.map { ", \($0)" } ?? ""); every year, sex and age group needs records (use wider groups with --ages)"
            }
            if cells.count > 10 { lines.append("… and \(cells.count - 10) more cells") }
            lines.append(language == .zh ? "未写出任何文件。" : "Nothing was written.")
            return lines.joined(separator: "\n")
        }
    }

    func estimated(_ summary: PrevalenceSummary) -> String {
        let level = Figures.format(request.confidence * 100, places: 0)
        let method = request.simultaneous ? "Goodman simultaneous \(level)%" : "Wilson \(level)%"
        let records = summary.accepted + summary.rejected
        let years = summary.years.count
        let files = summary.files.joined(separator: ", ")
        switch language {
        case .zh:
            return """
                评估记录 \(records) 条：采用 \(summary.accepted) 条，拒绝 \(summary.rejected) 条。
                能力等级患病率：\(years) 个年份 × 2 性别 × \(summary.ageGroups) 个年龄组\(summary.byPart ? " × 城乡" : "")，区间 \(method)。
                已写出：\(files)
                """
        case .en:
            return """
                Assessment records: \(records); accepted \(summary.accepted), rejected \(summary.rejected).
                Prevalence of the levels: \(years) year\(years == 1 ? "" : "s") × 2 sexes × \(summary.ageGroups) age groups\(summary.byPart ? " × urban/rural" : ""); intervals \(method).
                Written: \(files)
                """
        }
    }
}

/// The messages of `project`, `lifetable` and `backtest` (in English).
enum DemographyMessages {
    static func projected(_ outcome: ProjectOutcome, out: String) -> String {
        let (areas, steps, width) = (outcome.areas, outcome.steps, outcome.width)
        return
            "Projected \(areas) area\(areas == 1 ? "" : "s"), \(steps) step\(steps == 1 ? "" : "s") of \(width) year\(width == 1 ? "" : "s"): \(Messages.grouped(outcome.personsAtStart)) → \(Messages.grouped(outcome.personsAtEnd)) persons. Written to \(out)."
    }

    static func emigrantsKept(_ kept: Double, table: String) -> String {
        "\(table): warning: \(Messages.grouped(kept)) emigrants of the table could not leave (their cells had fewer people than the table sends away); they stay in the population"
    }

    static func lifeTable(_ outcome: LifeTableOutcome) -> String {
        "Life expectancy at age \(outcome.ages[0]): \(Figures.format(outcome.lifeExpectancy, places: 2)) years. Written to \(outcome.file)."
    }

    static func bulletinBacktest(_ outcome: BulletinBacktestOutcome) -> String {
        let lines = outcome.lines.map { line in
            "\(line.year) aged \(line.fromAge)+: modelled \(Figures.format(line.modelled / 1e6, places: 3)) M, published \(Figures.format(line.published / 1e6, places: 3)) M (\(percent(line.relativeError)))"
        }
        return
            (["Back-test 2020 → year-end against the bulletins, region \(outcome.region):"]
            + lines + ["Written to \(outcome.file)."]).joined(separator: "\n")
    }

    static func backtest(_ outcome: BacktestOutcome) -> String {
        let leftOut = outcome.leftOut
        func error(_ age: String) -> String {
            percent(outcome.ageGroups.first { $0.age == age }?.relativeError)
        }
        return """
            Back-test 2010 → 2020, \(outcome.matched) \(outcome.level.rawValue) units\(leftOut > 0 ? " (\(leftOut) left out: code not in 2020)" : ""), closed to migration.
            Total population: mean absolute error by unit \(Figures.format(100 * outcome.meanUnitError, places: 1))%; all units together \(percent(outcome.totalError)).
            All units by age group (both sexes): mean absolute error \(Figures.format(100 * outcome.meanAgeGroupError, places: 1))%; 0-4 \(error("0-4")), 60-64 \(error("60-64")), 85+ \(error("85+")).
            Written to \(outcome.file).
            """
    }

    static func percent(_ value: Double?) -> String {
        value.map { ($0 >= 0 ? "+" : "") + Figures.format(100 * $0, places: 1) + "%" } ?? "–"
    }
}
