import Benchmark
import Demography

/// The whole of China at county level: 2,850 areas, each with urban and rural parts, two
/// sexes and single years 0…99 and 100+, projected 30 years in annual steps.
///
/// The areas are made up but shaped like China: each has the national age structure of the
/// 2020 census (NBS, counts by 0, 1–4, …, 85+, graduated by Sprague to single years and the
/// 85+ split by the 2020–2025 life table), scaled to 1/2,850 of the country times a factor
/// between 0.5 and 1.5, 64% of it urban. Rates: UN WPP 2024 China death rates for 2020–2025
/// with e0 rising 0.15 years a year, total fertility 1.0 with the 2023 age pattern, SRB 1.11,
/// net migration of −0.2% a year of each area's base population (Rogers–Castro ages), and 2%
/// of rural persons aged 15–39 moving to the urban part each year.
struct CountryAtCountyLevel {
    static let areas = 2_850
    static let steps = 30

    let grid: PopulationGrid
    let assumptions: ProjectionAssumptions

    init() {
        let wpp = WorldPopulationProspects2024.self
        let bands = AgeBands.singleYears(to: 100)
        // 2020 census, China, by 0, 1–4, 5–9, …, 85+ (reference figures, NBS).
        let male: [Double] = [
            6_312_409, 34_656_922, 48_017_458, 45_606_790, 39_053_343, 39_675_995, 48_162_270,
            63_871_808,
            50_932_037, 47_632_694, 58_191_686, 61_105_470, 50_816_026, 36_871_125, 36_337_923,
            24_162_733,
            14_752_433, 9_157_003, 6_100_269,
        ]
        let female: [Double] = [
            5_675_648, 31_238_909, 42_226_598, 39_649_204, 33_630_797, 35_265_680, 43_685_062,
            60_273_382,
            48_080_895, 45_322_636, 56_033_201, 60_058_826, 50_584_760, 36_511_813, 37_667_637,
            25_427_303,
            16_486_416, 11_225_875, 9_317_688,
        ]
        let census = try! AgeSexPopulation(bands: .abridged(to: 85), female: female, male: male)
        let base = BySex(
            female: try! DeathRates(
                bands: wpp.deathRateBands, rates: wpp.deathRates2020to2025.female),
            male: try! DeathRates(bands: wpp.deathRateBands, rates: wpp.deathRates2020to2025.male))
        let tables = base.map { try! LifeTable($0, rule: .coaleDemeny(.female)) }
        let national = try! DemographyInputs.singleYearBase(
            census, method: .sprague, openAge: 100, lifeTables: tables)

        var grid = PopulationGrid(bands: bands, areaCount: Self.areas, partCount: 2)
        var migration: [Double] = []
        let shares = RogersCastro.fundamental.shares(on: bands)
        for area in 0..<Self.areas {
            let scale = (0.5 + Double((area * 7919) % 1000) / 1000) / Double(Self.areas)
            for part in 0..<2 {
                let share = part == 0 ? 0.64 : 0.36
                let population = try! AgeSexPopulation(
                    bands: bands, female: national.female.map { $0 * scale * share },
                    male: national.male.map { $0 * scale * share })
                grid.set(population, area: area, part: part)
                let net = -0.002 * population.total
                migration += shares.map { $0 * net / 2 } + shares.map { $0 * net / 2 }
            }
        }
        var survival: [BySex<SurvivalRatios>] = []
        let start = BySex(female: tables.female.lifeExpectancy, male: tables.male.lifeExpectancy)
        for step in 0..<Self.steps {
            survival.append(
                BySex(
                    female: Self.ratios(
                        base.female, target: start.female + 0.15 * Double(step), sex: .female,
                        bands: bands),
                    male: Self.ratios(
                        base.male, target: start.male + 0.15 * Double(step), sex: .male,
                        bands: bands)))
        }
        let pattern = try! FertilitySchedule(
            bands: wpp.fertilityBands, shares: wpp.fertilityPercent2023 + [0])
        let fertility = try! pattern.rates(totalFertility: 1.0).rates(on: bands)
        let transfer = (0...100).map { (15...39).contains($0) ? 0.02 : 0.0 }
        self.grid = grid
        self.assumptions = ProjectionAssumptions(
            survival: [survival], fertility: [Array(repeating: fertility, count: Self.steps)],
            sexRatioAtBirth: Array(repeating: 1.11, count: Self.steps),
            netMigration: NetMigration(counts: migration),
            ruralToUrban: [BySex(both: transfer)])
    }

    static func ratios(_ base: DeathRates, target: Double, sex: Sex, bands: AgeBands)
        -> SurvivalRatios
    {
        let rates = try! MortalityChange.matchingLifeExpectancy(
            base: base, pattern: Array(repeating: 1.0 / 22, count: 22), target: target,
            rule: .coaleDemeny(sex)
        ).rates
        return try! LifeTable(rates, rule: .coaleDemeny(sex)).survivalRatios(for: bands)
    }
}

let benchmarks: @Sendable () -> Void = {
    let country = CountryAtCountyLevel()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10), maxIterations: 50)

    // The goal of the demography issue: the whole country in at most 0.3 s.
    Benchmark(
        "Projection: 2,850 areas × 2 parts × 2 sexes × 101 ages × 30 annual steps",
        configuration: .init(thresholds: [.wallClock: .init(absolute: [.p50: 300_000_000])])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let result = try! CohortComponentProjection.project(
                country.grid, steps: CountryAtCountyLevel.steps, assumptions: country.assumptions)
            blackHole(result)
        }
    }

    Benchmark("Projection on one thread: the same") { benchmark in
        for _ in benchmark.scaledIterations {
            let result = try! CohortComponentProjection.project(
                country.grid, steps: CountryAtCountyLevel.steps, assumptions: country.assumptions,
                threads: 1)
            blackHole(result)
        }
    }
}
