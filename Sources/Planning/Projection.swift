import CSV
import Demography
import Diagnostics
import ScenarioFiles

/// How the average years lived in a band by those who die in it (ax) are set in a life table
/// built from death rates.
public enum AxRule: String, Sendable, CaseIterable {
    /// The table's `ax` column.
    case given
    /// Half the band.
    case mid
    /// Coale–Demeny for ages 0 and 1–4 from ₁m₀ (Preston et al. 2001, Table 3.3).
    case un
    /// US Census Bureau PAS: Coale–Demeny West from ₁q₀.
    case pas

    func rule(_ sex: Sex, given values: [Double]? = nil) -> AverageYearsLivedRule {
        switch self {
        case .given: .given(values ?? [])
        case .mid: .midInterval
        case .un: .coaleDemeny(sex)
        case .pas: .populationAnalysisSystem(sex)
        }
    }
}

/// When net migrants arrive in a projection step.
public enum MigrantArrival: String, Sendable, CaseIterable {
    /// Half at the start of the step, half at the end.
    case even
    /// All at the end.
    case end

    var timing: MigrationTiming { self == .even ? .even : .end }
}

/// Project a population by area, sex and age with the cohort-component method (人口预测).
public struct ProjectRequest: Sendable {
    /// Persons by area, sex and age (`area,sex,age,count`).
    public var population: String
    /// Mortality by sex and age: mx, Lx or Sx.
    public var mortality: String
    /// Age-specific fertility rates.
    public var fertility: String
    /// Net migrants per step by area, sex and age.
    public var migration: String?
    /// Sex ratio at birth, male births per female birth.
    public var sexRatioAtBirth: Double
    /// Step width in years, 1 or 5; nil: the width of the population's bands.
    public var step: Int?
    public var steps: Int
    public var arrival: MigrantArrival
    /// The radix of person-years in an Lx table.
    public var radix: Double
    /// How ax is set for a table of mx (not ``AxRule/given``).
    public var ax: AxRule
    /// The year of the population; years of the output count from it.
    public var baseYear: Int
    /// Where to write the projection (`area,year,sex,age,count`).
    public var out: String
    /// Where to write births by mother's age.
    public var birthsOut: String?

    public init(
        population: String, mortality: String, fertility: String, migration: String? = nil,
        sexRatioAtBirth: Double = 1.05, step: Int? = nil, steps: Int = 1,
        arrival: MigrantArrival = .even, radix: Double = 100_000, ax: AxRule = .un,
        baseYear: Int = 2020, out: String, birthsOut: String? = nil
    ) {
        self.population = population
        self.mortality = mortality
        self.fertility = fertility
        self.migration = migration
        self.sexRatioAtBirth = sexRatioAtBirth
        self.step = step
        self.steps = steps
        self.arrival = arrival
        self.radix = radix
        self.ax = ax
        self.baseYear = baseYear
        self.out = out
        self.birthsOut = birthsOut
    }
}

/// What a projection gave and where it was written.
public struct ProjectOutcome: Sendable {
    public var areas: Int
    public var steps: Int
    /// The width of a step in years.
    public var width: Int
    /// Persons of all areas at the start and after the last step.
    public var personsAtStart: Double
    public var personsAtEnd: Double
    /// Emigrants of the migration table who could not leave (their cells had fewer people
    /// than the table sends away) and stay in the population; nil when fewer than half a
    /// person or without migration.
    public var emigrantsKept: Double?
    /// The files written, in order.
    public var files: [String]
}

extension Planning {
    /// Projects the population and writes the projection (and births by mother's age).
    /// - Parameter warnings: receives the problems of the tables that are not errors.
    /// - Throws: bad input (the tables' problems, located, or a projection that cannot be
    ///   made) or a failure to write.
    public static func project(
        _ request: ProjectRequest, warnings: (InputReport) -> Void = { _ in }
    ) throws(PlanningError) -> ProjectOutcome {
        var inputs = InputTables()
        let populationTable = inputs.table(request.population)
        let mortalityTable = inputs.table(request.mortality)
        let fertilityTable = inputs.table(request.fertility)
        let migrationTable = request.migration.flatMap { inputs.table($0) }
        let tables = ProjectionTables.read(
            population: populationTable, mortality: mortalityTable, fertility: fertilityTable,
            migration: migrationTable, step: request.step,
            rule: BySex(female: request.ax.rule(.female), male: request.ax.rule(.male)),
            radix: request.radix, log: &inputs.log)
        try inputs.check(warnings)
        guard let tables else { throw PlanningError.silent(.failed) }

        let steps = request.steps
        let assumptions = ProjectionAssumptions(
            survival: tables.survival.map { Array(repeating: $0, count: steps) },
            fertility: tables.fertility.map { Array(repeating: $0, count: steps) },
            sexRatioAtBirth: Array(repeating: request.sexRatioAtBirth, count: steps),
            mortalitySchedule: tables.mortalityOfArea, fertilitySchedule: tables.fertilityOfArea,
            netMigration: tables.migration, timing: request.arrival.timing)
        let result: ProjectionResult
        do {
            result = try CohortComponentProjection.project(
                tables.grid, steps: steps, assumptions: assumptions,
                recordsBirthsByAge: request.birthsOut != nil)
        } catch {
            throw PlanningError(.badInput, error: "\(error)")
        }
        try writeWhole(
            projectionTable(result, areas: tables.areas, baseYear: request.baseYear),
            to: request.out)
        if let birthsOut = request.birthsOut {
            try writeWhole(birthsTable(result, areas: tables.areas), to: birthsOut)
        }
        let kept = tables.migration.map { result.emigrantsKept(of: $0) }
        let areas = tables.areas.indices
        return ProjectOutcome(
            areas: areas.count, steps: steps, width: result.width,
            personsAtStart: areas.reduce(0) { $0 + result.total(area: $1, time: 0) },
            personsAtEnd: areas.reduce(0) { $0 + result.total(area: $1, time: steps) },
            emigrantsKept: kept.flatMap { $0 >= 0.5 ? $0 : nil },
            files: [request.out] + (request.birthsOut.map { [$0] } ?? []))
    }

    /// `area,year,sex,age,count` for the start and every step.
    private static func projectionTable(
        _ result: ProjectionResult, areas: [String], baseYear: Int
    ) -> [UInt8] {
        var table = CSVWriter(header: ["area", "year", "sex", "age", "count"])
        for (area, code) in areas.enumerated() {
            for time in 0...result.steps {
                let year = String(baseYear + time * result.width)
                let population = result.population(area: area, time: time)
                for sex in Sex.allCases {
                    for (band, lower) in result.bands.lowerBounds.enumerated() {
                        table.append([
                            code, year, sex.description, String(lower),
                            Figures.format(population[sex][band], places: 3),
                        ])
                    }
                }
            }
        }
        return table.data
    }

    /// `area,step,mother_age,births`, for the mothers' ages with births.
    private static func birthsTable(_ result: ProjectionResult, areas: [String]) -> [UInt8] {
        var writer = CSVWriter(header: ["area", "step", "mother_age", "births"])
        for (area, code) in areas.enumerated() {
            for step in 0..<result.steps {
                for (band, lower) in result.bands.lowerBounds.enumerated() {
                    var total = 0.0
                    for part in 0..<result.partCount {
                        total +=
                            result.birthsByMotherAge[
                                ((area * result.steps + step) * result.partCount + part)
                                    * result.bands.count + band]
                    }
                    guard total > 0 else { continue }
                    writer.append([
                        code, String(step + 1), String(lower), Figures.format(total, places: 3),
                    ])
                }
            }
        }
        return writer.data
    }
}
