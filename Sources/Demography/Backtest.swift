import Quantities

/// What a back-test assumes for each step: life tables, fertility and the sex ratio at birth.
public struct BacktestAssumptions: Sendable {
    /// The step and band width in years.
    public var width: Int
    /// One pair of life tables per step.
    public var lifeTables: [BySex<LifeTable>]
    /// Annual fertility rates on the back-test's bands, per step.
    public var fertility: [[Double]]
    /// Males per female birth, per step.
    public var sexRatioAtBirth: [Double]

    public init(
        width: Int, lifeTables: [BySex<LifeTable>], fertility: [[Double]], sexRatioAtBirth: [Double]
    ) {
        self.width = width
        self.lifeTables = lifeTables
        self.fertility = fertility
        self.sexRatioAtBirth = sexRatioAtBirth
    }

    /// China, 2010 → 2020 in two five-year steps (census day 1 November), from UN WPP 2024:
    /// - mortality: the 2015–2020 death rates, moved proportionally at every age (equal
    ///   Lee–Carter b) until e₀ equals WPP's e₀ of 2010–2015 (step 1) and of 2015–2020
    ///   (step 2), by sex; Coale–Demeny ax for ages 0 and 1–4;
    /// - fertility: WPP's total fertility of 2010–2015 (1.7426) and 2015–2020 (1.6277) times
    ///   the age pattern of 2020;
    /// - sex ratio at birth: WPP's annual values, interpolated linearly and averaged over
    ///   2011–2015 and 2016–2020.
    /// No migration: a closed population. Province-level errors therefore show internal
    /// migration as much as any error of the rates.
    /// - Throws: ``MortalityChange/TargetError`` if a target cannot be met (it can).
    public static func china2010to2020() throws(MortalityChange.TargetError) -> BacktestAssumptions
    {
        let wpp = WorldPopulationProspects2024.self
        let bands = Backtest.bands
        var tables: [BySex<LifeTable>] = []
        for target in [wpp.lifeExpectancy2010to2015, wpp.lifeExpectancy2015to2020] {
            var pair: [LifeTable] = []
            for sex in Sex.allCases {
                let base = DeathRates(
                    unchecked: wpp.deathRateBands, rates: wpp.deathRates2015to2020[sex])
                let rule = AverageYearsLivedRule.coaleDemeny(sex)
                let matched = try MortalityChange.matchingLifeExpectancy(
                    base: base, pattern: Array(repeating: 1.0 / 22, count: 22), target: target[sex],
                    rule: rule
                ).rates
                do {
                    pair.append(try LifeTable(matched, rule: rule))
                } catch {
                    throw .lifeTable(error)
                }
            }
            tables.append(BySex(female: pair[0], male: pair[1]))
        }
        let schedule = FertilitySchedule(
            unchecked: wpp.fertilityBands, shares: wpp.fertilityPercent2020 + [0])
        let fertility = [wpp.totalFertility2010to2015, wpp.totalFertility2015to2020].map {
            tfr in schedule.unvalidatedRates(totalFertility: tfr).rates(on: bands)
        }
        let path = YearlyValues(
            years: wpp.sexRatioAtBirth.map(\.year), values: wpp.sexRatioAtBirth.map(\.value),
            rule: .interpolate)
        let srb = [2011, 2016].map { first in
            (first..<(first + 5)).reduce(0.0) { $0 + path.value(in: $1)! } / 5
        }
        return BacktestAssumptions(
            width: 5, lifeTables: tables, fertility: fertility, sexRatioAtBirth: srb)
    }
}

/// One line of a back-test: projected against observed persons for an age band and sex.
public struct BacktestRow: Hashable, Sendable {
    /// The band's label (`0-4`, `85+`) or `total`.
    public var age: String
    /// The sex, or nil for both.
    public var sex: Sex?
    /// Persons projected.
    public var projected: Double
    /// Persons the later census counted.
    public var observed: Double

    /// Projected minus observed.
    public var difference: Double { projected - observed }

    /// The difference as a share of the observed count (nil when nobody was observed).
    public var relativeError: Double? { observed > 0 ? difference / observed : nil }
}

/// A back-test (回测) of the projection: project a census forward and compare with the next
/// census, by area, sex and five-year age band.
public enum Backtest {
    /// The bands of a back-test: 0–4, 5–9, …, 80–84, 85+ (the census's 0 and 1–4 combined).
    public static let bands = AgeBands.uniform(width: 5, to: 85)

    /// Projects each start population (five-year or abridged bands to 85+) through the
    /// assumptions' steps, closed to migration.
    /// - Throws: ``ProjectionError``.
    public static func project(_ starts: [AgeSexPopulation], assumptions: BacktestAssumptions)
        throws(ProjectionError) -> [AgeSexPopulation]
    {
        let populations = starts.map { $0.bands == bands ? $0 : $0.regrouped(to: bands) }
        var survival: [BySex<SurvivalRatios>] = []
        for pair in assumptions.lifeTables {
            do {
                survival.append(
                    BySex(
                        female: try pair.female.survivalRatios(for: bands),
                        male: try pair.male.survivalRatios(for: bands)))
            } catch {
                throw .bandsDiffer(what: "a back-test life table (\(error))")
            }
        }
        let steps = assumptions.lifeTables.count
        let result = try CohortComponentProjection.project(
            PopulationGrid(bands: bands, populations: populations), steps: steps,
            assumptions: ProjectionAssumptions(
                survival: [survival], fertility: [assumptions.fertility],
                sexRatioAtBirth: assumptions.sexRatioAtBirth))
        return (0..<populations.count).map { result.population(area: $0, time: steps) }
    }

    /// Compares a projected population with an observed one, band by band for each sex and
    /// both, with totals.
    /// - Precondition: the observed population can be regrouped to ``bands``.
    public static func compare(projected: AgeSexPopulation, observed: AgeSexPopulation)
        -> [BacktestRow]
    {
        let observed = observed.bands == bands ? observed : observed.regrouped(to: bands)
        let projected = projected.bands == bands ? projected : projected.regrouped(to: bands)
        var rows: [BacktestRow] = []
        for band in 0..<bands.count {
            for sex in [Sex.female, .male] {
                rows.append(
                    BacktestRow(
                        age: bands.label(of: band), sex: sex, projected: projected[sex][band],
                        observed: observed[sex][band]))
            }
            rows.append(
                BacktestRow(
                    age: bands.label(of: band), sex: nil,
                    projected: projected.female[band] + projected.male[band],
                    observed: observed.female[band] + observed.male[band]))
        }
        for sex in [Sex.female, .male] {
            rows.append(
                BacktestRow(
                    age: "total", sex: sex, projected: projected[sex].reduce(0, +),
                    observed: observed[sex].reduce(0, +)))
        }
        rows.append(
            BacktestRow(
                age: "total", sex: nil, projected: projected.total, observed: observed.total))
        return rows
    }

    /// The mean of |relative error| over rows (those with observed persons).
    public static func meanAbsoluteRelativeError(_ rows: [BacktestRow]) -> Double {
        let errors = rows.compactMap { $0.relativeError.map(abs) }
        return errors.isEmpty ? 0 : errors.reduce(0, +) / Double(errors.count)
    }
}

extension FertilitySchedule {
    /// A schedule from shares the caller knows to be valid.
    init(unchecked bands: AgeBands, shares: [Double]) {
        let sum = shares.reduce(0, +)
        self.bands = bands
        self.shares = shares.map { $0 / sum }
    }

    /// Rates without the checks (for totals known to keep every rate below 1).
    func unvalidatedRates(totalFertility: Double) -> FertilityRates {
        FertilityRates(
            unchecked: bands,
            rates: shares.indices.map { index in
                bands.width(of: index).map { totalFertility * shares[index] / Double($0) } ?? 0
            })
    }
}

extension FertilityRates {
    init(unchecked bands: AgeBands, rates: [Double]) {
        self.bands = bands
        self.rates = rates
    }
}
