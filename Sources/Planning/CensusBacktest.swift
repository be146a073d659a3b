import CSV
import Demography
import Diagnostics
import ScenarioFiles

/// Project the 2010 census to 2020 and compare with the 2020 census (回测): how far a
/// projection without local rates and migration can be trusted.
public struct BacktestRequest: Sendable {
    /// The level of the units compared.
    public enum Level: String, Sendable, CaseIterable {
        case province, city, county

        /// Whether a 6-digit code (and name) is a unit of this level.
        public func includes(code: String, name: String) -> Bool {
            guard code.count == 6, code != "000000" else { return false }
            switch self {
            case .province: return code.hasSuffix("0000")
            case .city: return code.hasSuffix("00") && !code.hasSuffix("0000")
            case .county: return !code.hasSuffix("00") && name != "市辖区"
            }
        }
    }

    public var level: Level
    /// The 2010 census table; nil: `Data/census/census2010-provinces.csv`.
    public var census2010: String?
    /// The 2020 census table; nil: `Data/census/census2020-provinces.csv`.
    public var census2020: String?
    /// Where to write the comparison.
    public var out: String

    public init(
        level: Level = .province, census2010: String? = nil, census2020: String? = nil,
        out: String
    ) {
        self.level = level
        self.census2010 = census2010
        self.census2020 = census2020
        self.out = out
    }
}

/// How far the projection came from the 2020 census.
public struct BacktestOutcome: Sendable {
    /// The relative error of an age group, (projected − observed) / observed.
    public struct AgeGroupError: Sendable {
        /// `0-4` … `85+`.
        public var age: String
        /// nil without persons observed.
        public var relativeError: Double?
    }

    public var level: BacktestRequest.Level
    /// Units of the 2010 table whose code is in the 2020 table.
    public var matched: Int
    /// Units of the 2010 table left out because their code is not in the 2020 table.
    public var leftOut: Int
    /// The mean absolute relative error of the units' total populations.
    public var meanUnitError: Double
    /// The relative error of all matched units together.
    public var totalError: Double?
    /// All matched units together by age group, both sexes.
    public var ageGroups: [AgeGroupError]
    /// The mean absolute relative error over those age groups.
    public var meanAgeGroupError: Double
    /// The file written.
    public var file: String
}

extension Planning {
    /// Projects the matched units of the 2010 census to 2020 and writes the comparison with
    /// the 2020 census (`level,code,name,age,sex,projected,observed,difference,relative_error`).
    /// - Throws: bad input (the tables' problems, located, or no unit matched) or a failure
    ///   of the projection or of the writing.
    public static func backtest(_ request: BacktestRequest) throws(PlanningError)
        -> BacktestOutcome
    {
        var inputs = InputTables()
        let files = [
            request.census2010 ?? "Data/census/census2010-provinces.csv",
            request.census2020 ?? "Data/census/census2020-provinces.csv",
        ]
        let units = files.map { file in
            inputs.table(file).flatMap { DemographyTables.census($0, log: &inputs.log) }
        }
        try inputs.check(quiet: true) { _ in }
        guard let start = units[0], let end = units[1] else { throw PlanningError.silent(.failed) }
        let level = request.level
        let starting = start.filter { level.includes(code: $0.code, name: $0.name) }
        let observed = Dictionary(
            end.filter { level.includes(code: $0.code, name: $0.name) }.map { ($0.code, $0) },
            uniquingKeysWith: { first, _ in first })
        let matched = starting.filter { observed[$0.code] != nil }
        guard !matched.isEmpty else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "2010 年表中没有一个 \(level.rawValue) 级单位的代码出现在 2020 年表中",
                    english: "no \(level.rawValue) of the 2010 table has a code in the 2020 table"))
        }
        let projected: [AgeSexPopulation]
        do {
            let assumptions = try BacktestAssumptions.china2010to2020()
            projected = try Backtest.project(matched.map(\.population), assumptions: assumptions)
        } catch {
            throw PlanningError(.failed, error: "\(error)")
        }
        var writer = CSVWriter(header: [
            "level", "code", "name", "age", "sex", "projected", "observed", "difference",
            "relative_error",
        ])
        var totalProjected = AgeSexPopulation.nobody(on: Backtest.bands)
        var totalObserved = AgeSexPopulation.nobody(on: Backtest.bands)
        var unitErrors: [Double] = []
        func emit(_ rows: [BacktestRow], level: String, code: String, name: String) {
            for row in rows {
                writer.append([
                    level, code, name, row.age, row.sex?.description ?? "both",
                    Figures.format(row.projected, places: 0),
                    Figures.format(row.observed, places: 0),
                    Figures.format(row.difference, places: 0),
                    row.relativeError.map { Figures.format($0, places: 4) } ?? "",
                ])
            }
        }
        for (unit, projection) in zip(matched, projected) {
            let later = observed[unit.code]!
            let rows = Backtest.compare(projected: projection, observed: later.population)
            emit(rows, level: level.rawValue, code: unit.code, name: unit.name)
            unitErrors.append(abs(rows[rows.count - 1].relativeError ?? 0))
            totalProjected = totalProjected.adding(projection)
            totalObserved = totalObserved.adding(later.population.regrouped(to: Backtest.bands))
        }
        let national = Backtest.compare(projected: totalProjected, observed: totalObserved)
        emit(national, level: "all", code: "000000", name: "合计")
        try writeWhole(writer.data, to: request.out)

        let bothSexes = national.filter { $0.sex == nil && $0.age != "total" }
        return BacktestOutcome(
            level: level, matched: matched.count, leftOut: starting.count - matched.count,
            meanUnitError: unitErrors.reduce(0, +) / Double(unitErrors.count),
            totalError: national[national.count - 1].relativeError,
            ageGroups: bothSexes.map {
                BacktestOutcome.AgeGroupError(age: $0.age, relativeError: $0.relativeError)
            },
            meanAgeGroupError: Backtest.meanAbsoluteRelativeError(bothSexes),
            file: request.out)
    }
}
