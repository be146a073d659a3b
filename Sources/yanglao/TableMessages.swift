import Diagnostics
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
            return "\(records): \(Diagnostic.Severity.error.name(in: language)): "
                + (language == .zh
                    ? "记录没有 year 列；请用 --year 给出评估年份"
                    : "the records have no year column; give the year of the assessments with --year")
        case .noRecords:
            return language == .zh
                ? "没有可用的评估记录，未写出任何文件。" : "No record was accepted; nothing was written."
        case .emptyCells(let cells):
            let error = Diagnostic.Severity.error.name(in: language)
            var lines = cells.prefix(10).map { cell in
                let part = cell.part.map { language == .zh ? "，\($0)" : ", \($0)" } ?? ""
                return "\(records): \(error): "
                    + (language == .zh
                        ? "\(cell.year)年 \(cell.ages) 岁 \(cell.sex) 没有评估记录\(part)；每个年份、性别和年龄组都需要记录（可用 --ages 放宽年龄组）"
                        : "no record of \(cell.sex) persons aged \(cell.ages) in \(cell.year)\(part); every year, sex and age group needs records (use wider groups with --ages)")
            }
            if cells.count > 10 {
                lines.append(
                    language == .zh
                        ? "……另有 \(cells.count - 10) 个格子" : "… and \(cells.count - 10) more cells")
            }
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

/// The messages of `project`, `lifetable` and `backtest`, in Chinese or English.
struct DemographyMessages {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    func projected(_ outcome: ProjectOutcome, out: String) -> String {
        let (areas, steps, width) = (outcome.areas, outcome.steps, outcome.width)
        let start = Messages.grouped(outcome.personsAtStart)
        let end = Messages.grouped(outcome.personsAtEnd)
        return language == .zh
            ? "已预测 \(areas) 个区域、\(steps) 步（每步 \(width) 年）：\(start) → \(end) 人。已写入 \(out)。"
            : "Projected \(areas) area\(areas == 1 ? "" : "s"), \(steps) step\(steps == 1 ? "" : "s") of \(width) year\(width == 1 ? "" : "s"): \(start) → \(end) persons. Written to \(out)."
    }

    func emigrantsKept(_ kept: Double, table: String) -> String {
        let count = Messages.grouped(kept)
        let warning = Diagnostic.Severity.warning.name(in: language)
        return "\(table): \(warning): "
            + language.text(
                "迁移表中有 \(count) 名迁出人口无法迁出（所在格子的人数少于迁出数），保留在人口中",
                "\(count) emigrants of the table could not leave (their cells had fewer people than the table sends away); they stay in the population"
            )
    }

    func lifeTable(_ outcome: LifeTableOutcome) -> String {
        let age = outcome.ages[0]
        let years = Figures.format(outcome.lifeExpectancy, places: 2)
        return language == .zh
            ? "\(age) 岁预期寿命：\(years) 年。已写入 \(outcome.file)。"
            : "Life expectancy at age \(age): \(years) years. Written to \(outcome.file)."
    }

    func bulletinBacktest(_ outcome: BulletinBacktestOutcome) -> String {
        let lines = outcome.lines.map { line in
            let modelled = Figures.format(line.modelled / 1e6, places: 3)
            let published = Figures.format(line.published / 1e6, places: 3)
            let error = Self.percent(line.relativeError)
            return language == .zh
                ? "\(line.year)年 \(line.fromAge) 岁及以上：模型 \(modelled) 百万，公报 \(published) 百万（\(error)）"
                : "\(line.year) aged \(line.fromAge)+: modelled \(modelled) M, published \(published) M (\(error))"
        }
        let (heading, written) =
            language == .zh
            ? ("回测 2020 → 各年年末，对照统计公报，区域 \(outcome.region)：", "已写入 \(outcome.file)。")
            : (
                "Back-test 2020 → year-end against the bulletins, region \(outcome.region):",
                "Written to \(outcome.file)."
            )
        return ([heading] + lines + [written]).joined(separator: "\n")
    }

    func backtest(_ outcome: BacktestOutcome) -> String {
        let leftOut = outcome.leftOut
        func error(_ age: String) -> String {
            Self.percent(outcome.ageGroups.first { $0.age == age }?.relativeError)
        }
        let unitError = Figures.format(100 * outcome.meanUnitError, places: 1)
        let ageError = Figures.format(100 * outcome.meanAgeGroupError, places: 1)
        switch language {
        case .zh:
            return """
                回测 2010 → 2020，\(outcome.matched) 个 \(outcome.level.rawValue) 级单位\(leftOut > 0 ? "（\(leftOut) 个因代码不在 2020 年表中而略去）" : "")，不计迁移。
                总人口：按单位的平均绝对误差 \(unitError)%；全部单位合计 \(Self.percent(outcome.totalError))。
                全部单位分年龄组（男女合计）：平均绝对误差 \(ageError)%；0-4 \(error("0-4"))，60-64 \(error("60-64"))，85+ \(error("85+"))。
                已写入 \(outcome.file)。
                """
        case .en:
            return """
                Back-test 2010 → 2020, \(outcome.matched) \(outcome.level.rawValue) units\(leftOut > 0 ? " (\(leftOut) left out: code not in 2020)" : ""), closed to migration.
                Total population: mean absolute error by unit \(unitError)%; all units together \(Self.percent(outcome.totalError)).
                All units by age group (both sexes): mean absolute error \(ageError)%; 0-4 \(error("0-4")), 60-64 \(error("60-64")), 85+ \(error("85+")).
                Written to \(outcome.file).
                """
        }
    }

    static func percent(_ value: Double?) -> String {
        value.map { ($0 >= 0 ? "+" : "") + Figures.format(100 * $0, places: 1) + "%" } ?? "–"
    }
}
