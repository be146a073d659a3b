import Demography
import Foundation
import Geography
import Testing

/// Preston, Heuveline & Guillot (2001), ch. 6, Boxes 6.1 and 6.2: Sweden, 1 January 1993,
/// five-year bands to 85+, person-years nLx of the 1993 life tables (radix 100,000), fertility
/// nFx, and (Box 6.2) the female net migrants nIx assumed for 1993–1998; SRB 1.05. (The same
/// figures are in the teaching data of J. E. Romero-Prieto, `Preston_6.csv`.)
enum Sweden1993 {
    static let bands = AgeBands.uniform(width: 5, to: 85)
    static let femaleLx: [Double] = [
        497487, 497138, 496901, 496531, 495902, 495168, 494213, 492760, 490447, 486613, 480665,
        471786, 457852, 436153, 402775, 350358, 271512, 291707,
    ]
    static let maleLx: [Double] = [
        496754, 496297, 495989, 495113, 493460, 491475, 489325, 486487, 482392, 476532, 467568,
        452941, 428556, 390707, 336027, 261507, 172333, 128631,
    ]
    static let fertility: [Double] = [
        0, 0, 0, 0.012, 0.0908, 0.1499, 0.1125, 0.0441, 0.0074, 0.0003, 0, 0, 0, 0, 0, 0, 0, 0,
    ]
    static let females: [Double] = [
        293395, 248369, 240012, 261346, 285209, 314388, 281290, 286923, 304108, 324946, 247613,
        211351, 215140, 221764, 223506, 183654, 141990, 112424,
    ]
    static let males: [Double] = [
        310189, 261963, 252046, 274711, 296679, 333726, 296774, 299391, 314295, 338709, 256066,
        208841, 199996, 197282, 184234, 133856, 86732, 49095,
    ]
    static let femaleMigrants: [Double] = [
        6840, 4150, 3365, 5270, 9240, 8230, 5470, 3155, 1770, 1115, 1075, 845, 645, 530, 465, 300,
        250, 175,
    ]
    /// Box 6.2: the projected female population on 1 January 1998, with migration.
    static let females1998: [Double] = [
        302392, 298682, 252007, 244150, 268267, 293515, 320624, 284767, 288031, 303166, 322062,
        243989, 205841, 205516, 205270, 194771, 142565, 131966,
    ]

    static func survival() throws -> BySex<SurvivalRatios> {
        BySex(
            female: try SurvivalRatios(bands: bands, personYears: femaleLx, radix: 100_000),
            male: try SurvivalRatios(bands: bands, personYears: maleLx, radix: 100_000))
    }

    static func start() throws -> PopulationGrid {
        PopulationGrid(
            bands: bands,
            populations: [try AgeSexPopulation(bands: bands, female: females, male: males)])
    }

    static func assumptions(migration: Bool, timing: MigrationTiming = .even) throws
        -> ProjectionAssumptions
    {
        ProjectionAssumptions(
            survival: [[try survival()]], fertility: [[fertility]], sexRatioAtBirth: [1.05],
            netMigration: migration
                ? NetMigration(counts: femaleMigrants + [Double](repeating: 0, count: 18)) : nil,
            timing: timing)
    }
}

@Suite struct CohortComponentProjectionTests {
    @Test("Preston's Box 6.2 (Sweden, females, 1993 → 1998 with migration) to the printed unit")
    func prestonBox62() throws {
        let result = try CohortComponentProjection.project(
            Sweden1993.start(), steps: 1, assumptions: Sweden1993.assumptions(migration: true))
        let females = result.population(area: 0, time: 1).female
        #expect(females.map { $0.rounded() } == Sweden1993.females1998)
    }

    @Test(
        "Both sexes, Sweden 1993 → 1998: births 615,988.06 and males as an independent NumPy step gives"
    )
    func prestonBothSexes() throws {
        // Expected values from a separate NumPy implementation of the same UN one-step
        // algorithm (written for this check, not part of the project): births
        // 615,988.0638; males 0–4 313,457.816, 5–9 309,903.635, 60–64 197,597.620,
        // 85+ 58,052.002; totals 4,507,581.32 females and 4,360,344.33 males.
        let result = try CohortComponentProjection.project(
            Sweden1993.start(), steps: 1, assumptions: Sweden1993.assumptions(migration: true))
        #expect(abs(result.flow(result.births, area: 0, step: 0) - 615_988.0638) < 0.001)
        let males = result.population(area: 0, time: 1).male
        #expect(abs(males[0] - 313_457.816) < 0.001)
        #expect(abs(males[1] - 309_903.635) < 0.001)
        #expect(abs(males[12] - 197_597.620) < 0.001)
        #expect(abs(males[17] - 58_052.002) < 0.001)
        #expect(abs(result.population(area: 0, time: 1).female.reduce(0, +) - 4_507_581.32) < 0.01)
        #expect(abs(males.reduce(0, +) - 4_360_344.33) < 0.01)
    }

    @Test("Migrants all at the end: Sweden females 0–4 300,413.807 and 85+ 131,943.184 (NumPy)")
    func migrationAtTheEnd() throws {
        // The same NumPy check with timing "end": N = survivors + I after births.
        let result = try CohortComponentProjection.project(
            Sweden1993.start(), steps: 1,
            assumptions: Sweden1993.assumptions(migration: true, timing: .end))
        let females = result.population(area: 0, time: 1).female
        #expect(abs(females[0] - 300_413.807) < 0.001)
        #expect(abs(females[1] - 297_339.176) < 0.001)
        #expect(abs(females[17] - 131_943.184) < 0.001)
    }

    @Test("A closed population without deaths or births ages exactly one band per step")
    func zeroMortalityAges() throws {
        let bands = AgeBands.singleYears(to: 5)
        let start = PopulationGrid(
            bands: bands,
            populations: [
                try AgeSexPopulation(
                    bands: bands, female: [1, 2, 3, 4, 5, 6], male: [10, 20, 30, 40, 50, 60])
            ])
        let one = BySex(both: try SurvivalRatios(bands: bands, values: [1, 1, 1, 1, 1, 1]))
        let result = try CohortComponentProjection.project(
            start, steps: 3,
            assumptions: ProjectionAssumptions(
                survival: [Array(repeating: one, count: 3)],
                fertility: [Array(repeating: [0, 0, 0, 0, 0, 0], count: 3)],
                sexRatioAtBirth: [1.05, 1.05, 1.05]))
        // By hand: each step moves every band up one; the open band 5+ gathers 4 and 5+.
        #expect(result.population(area: 0, time: 1).female == [0, 1, 2, 3, 4, 11])
        #expect(result.population(area: 0, time: 3).female == [0, 0, 0, 1, 2, 18])
        #expect(result.population(area: 0, time: 3).male == [0, 0, 0, 10, 20, 180])
        #expect(result.flow(result.deaths, area: 0, step: 2) == 0)
    }

    /// Three areas with urban and rural parts, emigration larger than some cells, and a
    /// rural→urban transfer: the inputs of the identity and thread tests.
    static func threeAreas(threads: Int) throws -> (PopulationGrid, ProjectionResult) {
        let bands = Sweden1993.bands
        var grid = PopulationGrid(bands: bands, areaCount: 3, partCount: 2)
        for area in 0..<3 {
            for part in 0..<2 {
                let scale = Double(area + 1) / Double(part + 2)
                grid.set(
                    try AgeSexPopulation(
                        bands: bands, female: Sweden1993.females.map { $0 * scale / 100 },
                        male: Sweden1993.males.map { $0 * scale / 100 }), area: area, part: part)
            }
        }
        return (
            grid,
            try CohortComponentProjection.project(
                grid, steps: 4, assumptions: threeAreaAssumptions(), threads: threads)
        )
    }

    static func threeAreaAssumptions() throws -> ProjectionAssumptions {
        let bands = Sweden1993.bands
        // Area 2's rural part loses far more people than it has at some ages.
        var migration = [Double](repeating: 0, count: 3 * 2 * 2 * bands.count)
        for index in migration.indices {
            migration[index] = index % 97 == 0 ? -50_000 : Double(index % 13) * 3.5 - 20
        }
        let transfer = BySex(both: (0..<bands.count).map { 0.01 + Double($0) * 0.001 })
        return ProjectionAssumptions(
            survival: [Array(repeating: try Sweden1993.survival(), count: 4)],
            fertility: [Array(repeating: Sweden1993.fertility, count: 4)],
            sexRatioAtBirth: [1.05, 1.06, 1.07, 1.08],
            netMigration: NetMigration(counts: migration), ruralToUrban: [transfer])
    }

    @Test(
        "end = start − deaths + births + migrants for every area and step, even with emigrants floored at 0"
    )
    func accountingIdentity() throws {
        let (_, result) = try Self.threeAreas(threads: 2)
        for area in 0..<3 {
            for step in 0..<4 {
                let start = result.total(area: area, time: step)
                let end = result.total(area: area, time: step + 1)
                let births = result.flow(result.births, area: area, step: step)
                let deaths = result.flow(result.deaths, area: area, step: step)
                let migrants = result.flow(result.migration, area: area, step: step)
                // Exact up to the rounding of summing ~100 doubles of this size.
                #expect(abs(end - (start - deaths + births + migrants)) <= 1e-9 * max(start, 1))
                #expect(births > 0 && deaths > 0)
            }
        }
        #expect(result.population.allSatisfy { $0 >= 0 })
    }

    @Test("The result is identical with 1 and with 2 threads")
    func threadsDoNotChangeResults() throws {
        let (_, one) = try Self.threeAreas(threads: 1)
        let (_, two) = try Self.threeAreas(threads: 2)
        #expect(one.population == two.population)
        #expect(one.births == two.births && one.deaths == two.deaths)
        #expect(one.migration == two.migration)
    }

    @Test("Projecting into a reused result gives the same numbers as a fresh projection")
    func reusedResult() throws {
        let (grid, fresh) = try Self.threeAreas(threads: 2)
        var reused = try CohortComponentProjection.project(
            Sweden1993.start(), steps: 1, assumptions: Sweden1993.assumptions(migration: false))
        // A result of another shape is replaced; then one of the same shape is reused.
        for _ in 0..<2 {
            try CohortComponentProjection.project(
                grid, steps: 4, assumptions: Self.threeAreaAssumptions(), into: &reused)
            #expect(reused.population == fresh.population)
            #expect(reused.migration == fresh.migration && reused.births == fresh.births)
        }
    }

    @Test("A rural→urban transfer moves people between parts without changing the area's total")
    func transferKeepsTotals() throws {
        let bands = AgeBands.singleYears(to: 3)
        var grid = PopulationGrid(bands: bands, areaCount: 1, partCount: 2)
        grid.set(
            try AgeSexPopulation(bands: bands, female: [0, 100, 100, 0], male: [0, 0, 0, 0]),
            area: 0, part: PopulationGrid.rural)
        let one = BySex(both: try SurvivalRatios(bands: bands, values: [1, 1, 1, 1]))
        let result = try CohortComponentProjection.project(
            grid, steps: 1,
            assumptions: ProjectionAssumptions(
                survival: [[one]], fertility: [[[0, 0, 0, 0]]], sexRatioAtBirth: [1.05],
                ruralToUrban: [BySex(both: [0, 0.1, 0.2, 0])], timing: .end))
        // By hand: everyone ages one year (rural [0, 0, 100, 100] at the end), then 10% of
        // band 1 (nobody) and 20% of band 2 (20 persons) move to the urban part.
        let urban = result.population(area: 0, time: 1, part: PopulationGrid.urban).female
        let rural = result.population(area: 0, time: 1, part: PopulationGrid.rural).female
        #expect(urban == [0, 0, 20, 0])
        #expect(rural == [0, 0, 80, 100])
        #expect(result.migration == [20, 0, -20, 0])
        #expect(result.total(area: 0, time: 1) == 200)
    }

    @Test("Region totals up the tree equal the sum of their parts at every level")
    func aggregationUpTheTree() throws {
        let (_, result) = try Self.threeAreas(threads: 2)
        let tree = try RegionTree(regions: [
            Region(code: try DivisionCode(parsing: "21"), name: "辽宁省", kind: .province),
            Region(code: try DivisionCode(parsing: "2103"), name: "鞍山市", kind: .city),
            Region(code: try DivisionCode(parsing: "210302"), name: "铁东区", kind: .district),
            Region(code: try DivisionCode(parsing: "210303"), name: "铁西区", kind: .district),
            Region(code: try DivisionCode(parsing: "2104"), name: "抚顺市", kind: .city),
        ])
        let regionOfArea = [2, 3, 4]  // the three areas: 铁东区, 铁西区, 抚顺市
        let regions = result.regionPopulations(tree: tree, regionOfArea: regionOfArea, time: 4)
        let areas = (0..<3).map { result.population(area: $0, time: 4) }
        for sex in Sex.allCases {
            for band in 0..<Sweden1993.bands.count {
                #expect(regions[1][sex][band] == areas[0][sex][band] + areas[1][sex][band])
                #expect(regions[0][sex][band] == regions[1][sex][band] + regions[4][sex][band])
            }
        }
        let areaTotal = (0..<3).map { result.total(area: $0, time: 4) }.reduce(0, +)
        #expect(abs(regions[0].total - areaTotal) < 1e-6)
    }

    @Test(
        "Malformed projection inputs are refused",
        arguments: [
            (
                "a sex ratio of 0",
                ProjectionError.invalidValue(what: "the sex ratio at birth", value: 0)
            ),
            (
                "a schedule that does not exist",
                .unknownSchedule(what: "the mortality schedule of each area", index: 3)
            ),
        ])
    func badInputs(name: String, expected: ProjectionError) throws {
        var assumptions = try Sweden1993.assumptions(migration: false)
        if name.hasPrefix("a sex ratio") { assumptions.sexRatioAtBirth = [0] }
        if name.hasPrefix("a schedule") { assumptions.mortalitySchedule = [3] }
        #expect(throws: expected) {
            try CohortComponentProjection.project(
                Sweden1993.start(), steps: 1, assumptions: assumptions)
        }
    }
}
