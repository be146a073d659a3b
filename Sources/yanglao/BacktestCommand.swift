import ArgumentParser
import CSV
import Demography
import Diagnostics
import ScenarioFiles

/// `yanglao backtest`: project the 2010 census to 2020 and compare with the 2020 census.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Project the 2010 census to 2020 and compare with the 2020 census.",
        discussion: """
            Each unit's 2010 population (census day 1 November) is projected two five-year
            steps with UN WPP 2024 rates for China (mortality moved to WPP's life
            expectancy of 2010–2015 and 2015–2020, WPP's total fertility of those periods,
            the sex ratio at birth of those years), closed to migration, and compared with
            the 2020 census by sex and five-year age group. The error shows how far a
            projection without local rates and migration can be trusted; at province level
            it is mostly migration.

            Census tables: the layout of the county tables of the 6th and 7th censuses:
            code6, a name (name, or province/city/county), male_0, female_0, male_1_4,
            female_1_4, male_5_9, …, male_85plus, female_85plus. The repository carries the
            province tables (Data/census/, the default when run from the repository's
            root); give the county tables for --level city or county. Units are matched by
            code; those whose code changed between the censuses are left out and counted.

            Output OUT.csv:
            level,code,name,age,sex,projected,observed,difference,relative_error (sex
            'both' for both sexes; one row per unit, age group and sex, and totals; the
            last unit, code 000000, is the sum of all matched units).

            Examples:
              yanglao backtest --from 2010 --to 2020 --out backtest.csv
              yanglao backtest --from 2010 --to 2020 --level county \\
                --census-2010 census2010_county_age_sex.csv \\
                --census-2020 census2020_county_age_sex.csv --out counties.csv
            """)

    enum Level: String, ExpressibleByArgument, CaseIterable {
        case province, city, county

        /// Whether a 6-digit code (and name) is a unit of this level.
        func includes(code: String, name: String) -> Bool {
            guard code.count == 6, code != "000000" else { return false }
            switch self {
            case .province: return code.hasSuffix("0000")
            case .city: return code.hasSuffix("00") && !code.hasSuffix("0000")
            case .county: return !code.hasSuffix("00") && name != "市辖区"
            }
        }
    }

    @Option(help: "The census year to start from (2010).")
    var from: Int

    @Option(help: "The census year to compare with (2020).")
    var to: Int

    @Option(help: "The level of the units compared: province, city or county.")
    var level: Level = .province

    @Option(
        name: .customLong("census-2010"),
        help: "The 2010 census table (default: Data/census/census2010-provinces.csv).")
    var census2010: String?

    @Option(
        name: .customLong("census-2020"),
        help: "The 2020 census table (default: Data/census/census2020-provinces.csv).")
    var census2020: String?

    @Option(help: ArgumentHelp("Where to write the comparison.", valueName: "OUT.csv"))
    var out: String

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    func validate() throws {
        guard from == 2010, to == 2020 else {
            throw ValidationError(
                "the back-test compares the 2010 and 2020 censuses: use --from 2010 --to 2020 (got \(from) → \(to))"
            )
        }
        if level != .province, census2010 == nil || census2020 == nil {
            throw ValidationError(
                "--level \(level.rawValue) needs the county tables: give --census-2010 and --census-2020"
            )
        }
        try OutputFile.checkWritable(out, overwrite: overwrite, option: "--out")
    }

    func run() throws {
        var inputs = TableInputs()
        let files = [
            census2010 ?? "Data/census/census2010-provinces.csv",
            census2020 ?? "Data/census/census2020-provinces.csv",
        ]
        let units = files.map { file in
            inputs.table(file).flatMap { DemographyTables.census($0, log: &inputs.log) }
        }
        try inputs.finish(quiet: true)
        guard let start = units[0], let end = units[1] else { throw ExitCode(1) }
        let starting = start.filter { level.includes(code: $0.code, name: $0.name) }
        let observed = Dictionary(
            end.filter { level.includes(code: $0.code, name: $0.name) }.map { ($0.code, $0) },
            uniquingKeysWith: { first, _ in first })
        let matched = starting.filter { observed[$0.code] != nil }
        guard !matched.isEmpty else {
            Console.error(
                "error: no \(level.rawValue) of the 2010 table has a code in the 2020 table")
            throw ExitCode(64)
        }
        let assumptions: BacktestAssumptions
        let projected: [AgeSexPopulation]
        do {
            assumptions = try BacktestAssumptions.china2010to2020()
            projected = try Backtest.project(matched.map(\.population), assumptions: assumptions)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(1)
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
        try OutputFile.write(writer.data, to: out)

        let leftOut = starting.count - matched.count
        let mean = unitErrors.reduce(0, +) / Double(unitErrors.count)
        let bothSexes = national.filter { $0.sex == nil && $0.age != "total" }
        Console.out(
            """
            Back-test 2010 → 2020, \(matched.count) \(level.rawValue) units\(leftOut > 0 ? " (\(leftOut) left out: code not in 2020)" : ""), closed to migration.
            Total population: mean absolute error by unit \(Figures.format(100 * mean, places: 1))%; all units together \(percent(national[national.count - 1].relativeError)).
            All units by age group (both sexes): mean absolute error \(Figures.format(100 * Backtest.meanAbsoluteRelativeError(bothSexes), places: 1))%; 0-4 \(percent(bothSexes.first { $0.age == "0-4" }?.relativeError)), 60-64 \(percent(bothSexes.first { $0.age == "60-64" }?.relativeError)), 85+ \(percent(bothSexes.first { $0.age == "85+" }?.relativeError)).
            Written to \(out).
            """)
    }

    func percent(_ value: Double?) -> String {
        value.map { ($0 >= 0 ? "+" : "") + Figures.format(100 * $0, places: 1) + "%" } ?? "–"
    }
}
