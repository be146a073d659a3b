import CSV
import Demography
import Diagnostics
import ScenarioFiles

/// Project a scenario's 2020 census population to the ends of 2023 and 2024 and compare the
/// persons aged 60+ and 65+ with the statistical bulletins (回测：统计公报).
public struct BulletinBacktestRequest: Sendable {
    /// The scenario whose population and rates are projected.
    public var scenario: ScenarioSource
    /// A census table (`code6`, `male_0`, …) whose units are summed into one population
    /// projected with the scenario's rates instead of the scenario's own areas; with the
    /// province table this is China (compared with the national figures).
    public var nationalCensus: String?
    /// The last year compared.
    public var toYear: Int
    /// Where to write the comparison.
    public var out: String

    public init(
        scenario: ScenarioSource, nationalCensus: String? = nil, toYear: Int = 2024, out: String
    ) {
        self.scenario = scenario
        self.nationalCensus = nationalCensus
        self.toYear = toYear
        self.out = out
    }
}

/// The projection against the bulletins.
public struct BulletinBacktestOutcome: Sendable {
    /// One published figure and the projection's value for it.
    public struct Line: Sendable {
        public var region: String
        public var year: Int
        public var fromAge: Int
        public var modelled: Double
        public var published: Double
        public var source: String
        /// (modelled − published) / published.
        public var relativeError: Double { (modelled - published) / published }
    }

    /// The region compared (`21`, `14`, `000000`).
    public var region: String
    public var lines: [Line]
    /// The file written.
    public var file: String
}

extension Planning {
    /// Projects the scenario's base population (or the summed census table) with its rates
    /// and migration and writes, for each published figure of its region up to `toYear`, the
    /// year-end value against the bulletin (`region,year,age,modelled,published,
    /// relative_error,source`).
    /// - Throws: bad input (the scenario's or the table's problems, no demography, no
    ///   published figure for the region) or a failure of the projection or the writing.
    public static func bulletinBacktest(_ request: BulletinBacktestRequest) throws(PlanningError)
        -> BulletinBacktestOutcome
    {
        let loaded: LoadedScenario
        switch load(request.scenario) {
        case .success(let value): loaded = value
        case .failure(let error):
            throw PlanningError(
                .badInput, error.texts,
                errorCount: error.diagnostics.filter { $0.severity == .error }.count)
        }
        let scenario = loaded.scenario
        guard var demography = scenario.demography else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "\(loaded.file) 没有 demography: 部分，无法预测",
                    english: "\(loaded.file) has no demography: section to project"))
        }
        var region = scenario.region.description
        if let file = request.nationalCensus {
            var inputs = InputTables()
            let units = inputs.table(file).flatMap { DemographyTables.census($0, log: &inputs.log) }
            try inputs.check(quiet: true) { _ in }
            guard let units, !units.isEmpty else { throw PlanningError.silent(.failed) }
            let provinces = units.filter {
                $0.code.count == 6 && $0.code.hasSuffix("0000") && $0.code != "000000"
            }
            let chosen = provinces.isEmpty ? units : provinces
            var sum = AgeSexPopulation.nobody(on: chosen[0].population.bands)
            for unit in chosen { sum = sum.adding(unit.population) }
            do {
                let tables = BySex(
                    female: try demography.mortality.lifeTable(
                        sex: .female, year: scenario.baseYear),
                    male: try demography.mortality.lifeTable(sex: .male, year: scenario.baseYear))
                var single = try DemographyInputs.singleYearBase(
                    sum, method: demography.graduation ?? .sprague,
                    openAge: demography.bands.openAge, lifeTables: tables)
                if let shape = demography.cohortShape {
                    single = Graduation.reshaped(single, sourceBands: sum.bands, weights: shape)
                }
                demography.basePopulation = [single]
                demography.areas = [demography.areas[0]]
                demography.sourceBands = sum.bands
                demography.migration = nil  // China's net migration is left out (WPP: −0.02%)
            } catch {
                throw PlanningError(.failed, error: "\(error)")
            }
            region = "000000"
        }
        let figures = BulletinBacktest.published.filter {
            $0.region == region && $0.year <= request.toYear && $0.year >= scenario.baseYear
        }
        guard let last = figures.map(\.year).max() else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "区域 \(region) 在 \(request.toYear) 年及以前没有公报数字",
                    english: "no published figure for region \(region) up to \(request.toYear)")
            )
        }
        let result: ProjectionResult
        do {
            result = try demography.project(from: scenario.baseYear, to: last + 1)
        } catch {
            throw PlanningError(.failed, error: "\(error)")
        }
        let lines = figures.map { figure in
            let modelled = (0..<result.areaCount).reduce(0.0) { total, area in
                total
                    + BulletinBacktest.yearEnd(
                        result, area: area, baseYear: scenario.baseYear, year: figure.year,
                        atLeast: figure.fromAge)
            }
            return BulletinBacktestOutcome.Line(
                region: region, year: figure.year, fromAge: figure.fromAge, modelled: modelled,
                published: figure.persons, source: figure.source)
        }
        var writer = CSVWriter(header: [
            "region", "year", "age", "modelled", "published", "relative_error", "source",
        ])
        for line in lines {
            writer.append([
                line.region, String(line.year), "\(line.fromAge)+",
                Figures.format(line.modelled, places: 0), Figures.format(line.published, places: 0),
                Figures.format(line.relativeError, places: 4), line.source,
            ])
        }
        try writeWhole(writer.data, to: request.out)
        return BulletinBacktestOutcome(region: region, lines: lines, file: request.out)
    }
}
