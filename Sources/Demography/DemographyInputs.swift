import Geography
import Quantities

/// How net migration is assumed in a scenario.
public enum MigrationAssumption: Hashable, Sendable {
    /// Net migrants per year by area (one entry per area, in the order of the areas), sex and
    /// single year of age.
    case net([BySex<[Double]>])
    /// A yearly net total for all the areas together, spread over ages by a Rogers–Castro
    /// schedule, between the sexes by a female share, and over the areas in proportion to
    /// their base population.
    case total(YearlyValues, schedule: RogersCastro, femaleShare: Double)
}

/// How care need is assumed in a scenario.
public struct CareNeedAssumption: Hashable, Sendable {
    /// The prevalence of the GB/T 42195-2022 capability levels.
    public var prevalence: CapabilityPrevalence
    /// Special groups as shares.
    public var specialGroups: [SpecialGroup]

    public init(
        prevalence: CapabilityPrevalence, specialGroups: [SpecialGroup] = []
    ) {
        self.prevalence = prevalence
        self.specialGroups = specialGroups
    }
}

/// The demography of a scenario (情景的人口部分): base population by area, sex and single year
/// of age, and the assumptions of fertility, mortality, migration and care need.
public struct DemographyInputs: Hashable, Sendable {
    /// The areas' codes, in the order of `basePopulation`.
    public var areas: [DivisionCode]
    /// The base population of each area in single years 0 … openAge − 1 and openAge+.
    public var basePopulation: [AgeSexPopulation]
    /// The bands the population table was given in.
    public var sourceBands: AgeBands
    /// The graduation used to reach single years, if the table was not in single years.
    public var graduation: GraduationMethod?
    /// Fertility.
    public var fertility: FertilityAssumption
    /// Males per female birth, by year.
    public var sexRatioAtBirth: YearlyValues
    /// Mortality.
    public var mortality: MortalityAssumption
    /// Migration, if any (none: a closed population).
    public var migration: MigrationAssumption?
    /// Care need, if given.
    public var careNeed: CareNeedAssumption?
    /// The relative sizes of single-year cohorts that re-split the source bands after
    /// graduation (``Graduation/reshaped(_:sourceBands:weights:)``), if given.
    public var cohortShape: [Int: Double]?
    /// How each area's persons are shared among its communities and villages.
    public var allocation: UnitAllocation

    public init(
        areas: [DivisionCode], basePopulation: [AgeSexPopulation], sourceBands: AgeBands,
        graduation: GraduationMethod?, fertility: FertilityAssumption,
        sexRatioAtBirth: YearlyValues, mortality: MortalityAssumption,
        migration: MigrationAssumption? = nil, careNeed: CareNeedAssumption? = nil,
        cohortShape: [Int: Double]? = nil, allocation: UnitAllocation = UnitAllocation()
    ) {
        self.areas = areas
        self.basePopulation = basePopulation
        self.sourceBands = sourceBands
        self.graduation = graduation
        self.fertility = fertility
        self.sexRatioAtBirth = sexRatioAtBirth
        self.mortality = mortality
        self.migration = migration
        self.careNeed = careNeed
        self.cohortShape = cohortShape
        self.allocation = allocation
    }

    /// The projection's single-year bands.
    public var bands: AgeBands { basePopulation.first?.bands ?? .singleYears(to: 100) }

    /// Everyone in the base population.
    public var baseTotal: Double { basePopulation.reduce(0) { $0 + $1.total } }

    /// Why a scenario's demography cannot be projected.
    public enum RunError: Error, Hashable, Sendable, CustomStringConvertible {
        case mortality(year: Int, MortalityChange.TargetError)
        case survival(year: Int, SurvivalRatios.InvariantError)
        case fertility(year: Int, FertilityRates.InvariantError)
        case projection(ProjectionError)

        public var description: String {
            switch self {
            case .mortality(let year, let error): "mortality in \(year): \(error)"
            case .survival(let year, let error): "survival ratios in \(year): \(error)"
            case .fertility(let year, let error): "fertility in \(year): \(error)"
            case .projection(let error): error.description
            }
        }
    }

    /// Projects the base population in annual steps from `baseYear` to `horizon`. Time t is
    /// the census day (1 November) of `baseYear + t`; step t, from there to the next census
    /// day, lies 2 months in that year and 10 in the next, and takes the rates (mortality,
    /// fertility, sex ratio at birth, migration totals) of year `baseYear + t + 1`.
    /// - Throws: ``RunError``.
    public func project(from baseYear: Int, to horizon: Int, threads: Int? = nil)
        throws(RunError) -> ProjectionResult
    {
        let steps = horizon - baseYear
        let bands = self.bands
        var survival: [BySex<SurvivalRatios>] = []
        var fertility: [[Double]] = []
        var ratios: [Double] = []
        for step in 0..<max(steps, 0) {
            let year = baseYear + step + 1
            var pair: [SurvivalRatios] = []
            for sex in Sex.allCases {
                let table: LifeTable
                do {
                    table = try mortality.lifeTable(sex: sex, year: year)
                } catch {
                    throw .mortality(year: year, error)
                }
                do {
                    pair.append(try table.survivalRatios(for: bands))
                } catch {
                    throw .survival(year: year, error)
                }
            }
            survival.append(BySex(female: pair[0], male: pair[1]))
            do {
                fertility.append(try self.fertility.rates(step: year, width: 1, on: bands))
            } catch {
                throw .fertility(year: year, error)
            }
            ratios.append(sexRatioAtBirth.value(in: year) ?? 1.05)
        }
        let grid = PopulationGrid(bands: bands, populations: basePopulation)
        var netMigration: NetMigration?
        switch migration {
        case .none:
            break
        case .net(let counts)?:
            netMigration = NetMigration(counts: counts.flatMap { $0.female + $0.male })
        case .total(let path, let schedule, let femaleShare)?:
            let total = baseTotal
            var counts: [Double] = []
            for population in basePopulation {
                let weight = total > 0 ? population.total / total : 0
                for step in 0..<max(steps, 0) {
                    let spread = schedule.distribute(
                        (path.value(in: baseYear + step + 1) ?? 0) * weight, on: bands,
                        femaleShare: femaleShare)
                    counts += spread.female + spread.male
                }
            }
            netMigration = NetMigration(counts: counts, stepsGiven: max(steps, 1))
        }
        do {
            return try CohortComponentProjection.project(
                grid, steps: max(steps, 0),
                assumptions: ProjectionAssumptions(
                    survival: [survival], fertility: [fertility], sexRatioAtBirth: ratios,
                    netMigration: netMigration),
                threads: threads)
        } catch {
            throw .projection(error)
        }
    }

    /// The base population in single years: graduated from five-year (or abridged) bands if
    /// needed, and the open band split by the stationary population of the base-year life
    /// table up to `openAge`.
    /// - Parameters:
    ///   - population: as read from the table.
    ///   - method: the graduation method for five-year bands.
    ///   - openAge: the open age of the result (100 usually).
    ///   - lifeTables: base-year life tables by sex, reaching at least `openAge`.
    /// - Throws: ``GraduationError``.
    public static func singleYearBase(
        _ population: AgeSexPopulation, method: GraduationMethod, openAge: Int,
        lifeTables: BySex<LifeTable>
    ) throws(GraduationError) -> AgeSexPopulation {
        var singles = try Graduation.singleYears(population, method: method)
        let givenOpen = singles.bands.openAge
        if givenOpen < openAge {
            var bySex = BySex(female: singles.female, male: singles.male)
            for sex in Sex.allCases {
                let open = bySex[sex].removeLast()
                let shares = lifeTables[sex].stationaryShares(from: givenOpen, to: openAge)
                bySex[sex] += shares.map { $0 * open }
            }
            singles = AgeSexPopulation(
                unchecked: .singleYears(to: openAge), female: bySex.female, male: bySex.male)
        } else if givenOpen > openAge {
            func truncated(_ counts: [Double]) -> [Double] {
                Array(counts[..<openAge]) + [counts[openAge...].reduce(0, +)]
            }
            singles = AgeSexPopulation(
                unchecked: .singleYears(to: openAge), female: truncated(singles.female),
                male: truncated(singles.male))
        }
        return singles
    }

    /// The care need of an area of a projection at a time.
    public func careNeedSummary(_ result: ProjectionResult, area: Int, time: Int, year: Int)
        -> CareNeedSummary?
    {
        careNeedSummary(of: result.population(area: area, time: time), year: year)
    }

    /// The care need of an area's population in a year (its persons by age and sex, summed
    /// over parts), for a caller that already holds that population.
    public func careNeedSummary(of population: AgeSexPopulation, year: Int) -> CareNeedSummary? {
        guard let careNeed else { return nil }
        return CareNeed.summary(
            of: population, year: year, prevalence: careNeed.prevalence,
            specialGroups: careNeed.specialGroups)
    }
}
