import ArgumentParser
import CSV
import Demography
import Diagnostics
import ScenarioFiles

/// `yanglao project`: the cohort-component projection of a population table.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project a population by area, sex and age with the cohort-component method.",
        discussion: """
            The UN World Population Prospects one-step projection (any step equal to the
            width of the age bands), two sexes, open top band, births from the mean female
            exposure of each step split by the sex ratio at birth, and net migration added
            half at the start and half at the end of each step (or all at the end).

            Input tables (CSV, UTF-8 or GB18030; see Examples/demography/README.md):
              P.csv  area,sex,age,count     persons; sex female/male (F/M, 女/男); age is a
                                            band's lower bound; the last band is open
              M.csv  [area,]sex,age,mx|Lx|Sx  death rates, person-years (radix --radix; the
                                            open band's value is T), or survival ratios
              F.csv  [area,]age,asfr        annual births per woman, mothers aged 10–54
              N.csv  area,sex,age,net       net migrants over one step
            Five-year or abridged (0, 1–4, 5–9, …) populations are projected in five-year
            steps; with --step 1 they are first split into single years (Sprague).

            Output: OUT.csv area,year,sex,age,count for the start and every step;
            B.csv area,step,mother_age,births.

            Examples:
              yanglao project --population Examples/demography/population.csv \\
                --mortality Examples/demography/mortality.csv \\
                --fertility Examples/demography/fertility.csv \\
                --migration Examples/demography/migration.csv --steps 3 \\
                --out projection.csv --births-out births.csv
            """)

    @Option(help: ArgumentHelp("Persons by area, sex and age.", valueName: "P.csv"))
    var population: String

    @Option(help: ArgumentHelp("Mortality by sex and age: mx, Lx or Sx.", valueName: "M.csv"))
    var mortality: String

    @Option(help: ArgumentHelp("Age-specific fertility rates.", valueName: "F.csv"))
    var fertility: String

    @Option(help: ArgumentHelp("Net migrants per step by area, sex and age.", valueName: "N.csv"))
    var migration: String?

    @Option(help: "Sex ratio at birth, male births per female birth.")
    var srb = 1.05

    @Option(help: "Step width in years, 1 or 5 (default: the width of the population's bands).")
    var step: Int?

    @Option(help: "Number of steps.")
    var steps = 1

    @Option(help: "When migrants arrive: even (half at the start, half at the end) or end.")
    var migrationTiming: MigrationTiming = .even

    @Option(help: "The radix of person-years in an Lx table.")
    var radix = 100_000.0

    @Option(help: "How ax is set for a table of mx: un (Coale–Demeny for 0 and 1–4), pas, or mid.")
    var ax: AxRuleOption = .un

    @Option(help: "The year of the population; years in OUT.csv count from it.")
    var baseYear = 2020

    @Option(help: ArgumentHelp("Where to write the projection.", valueName: "OUT.csv"))
    var out: String

    @Option(help: ArgumentHelp("Where to write births by mother's age.", valueName: "B.csv"))
    var birthsOut: String?

    @Flag(help: "Replace output files that exist.")
    var overwrite = false

    func validate() throws {
        if let step, step != 1, step != 5 {
            throw ValidationError("--step must be 1 or 5 (got \(step))")
        }
        guard (1...200).contains(steps) else {
            throw ValidationError("--steps must be 1 to 200 (got \(steps))")
        }
        guard srb > 0, srb.isFinite else {
            throw ValidationError("--srb must be above 0 (got \(srb))")
        }
        guard radix > 0 else { throw ValidationError("--radix must be above 0 (got \(radix))") }
        if ax == .given {
            throw ValidationError("--ax given needs ax values; use the lifetable command")
        }
        try OutputFile.checkWritable(out, overwrite: overwrite, option: "--out")
        if let birthsOut {
            try OutputFile.checkWritable(birthsOut, overwrite: overwrite, option: "--births-out")
        }
    }

    func run() throws {
        var inputs = TableInputs()
        let populationTable = inputs.table(population)
        let mortalityTable = inputs.table(mortality)
        let fertilityTable = inputs.table(fertility)
        let migrationTable = migration.flatMap { inputs.table($0) }

        let tables = ProjectionTables.read(
            population: populationTable, mortality: mortalityTable, fertility: fertilityTable,
            migration: migrationTable, step: step,
            rule: BySex(female: ax.rule(.female), male: ax.rule(.male)), radix: radix,
            log: &inputs.log)
        try inputs.finish()
        guard let tables else { throw ExitCode(1) }
        let grid = tables.grid

        let assumptions = ProjectionAssumptions(
            survival: tables.survival.map { Array(repeating: $0, count: steps) },
            fertility: tables.fertility.map { Array(repeating: $0, count: steps) },
            sexRatioAtBirth: Array(repeating: srb, count: steps),
            mortalitySchedule: tables.mortalityOfArea, fertilitySchedule: tables.fertilityOfArea,
            netMigration: tables.migration, timing: migrationTiming)
        let result: ProjectionResult
        do {
            result = try CohortComponentProjection.project(
                grid, steps: steps, assumptions: assumptions, recordsBirthsByAge: birthsOut != nil)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(64)
        }
        try write(result, areas: tables.areas)
        if let given = tables.migration {
            let kept = result.emigrantsKept(of: given)
            if kept >= 0.5 {
                Console.error(
                    "\(migration ?? "migration"): warning: \(Messages.grouped(kept)) emigrants of the table could not leave (their cells had fewer people than the table sends away); they stay in the population"
                )
            }
        }
        let areaCount = tables.areas.count
        let before = (0..<areaCount).reduce(0) { $0 + result.total(area: $1, time: 0) }
        let after = (0..<areaCount).reduce(0) { $0 + result.total(area: $1, time: steps) }
        Console.out(
            "Projected \(areaCount) area\(areaCount == 1 ? "" : "s"), \(steps) step\(steps == 1 ? "" : "s") of \(result.width) year\(result.width == 1 ? "" : "s"): \(Messages.grouped(before)) → \(Messages.grouped(after)) persons. Written to \(out)."
        )
    }

    func write(_ result: ProjectionResult, areas: [String]) throws {
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
        var births: CSVWriter?
        if birthsOut != nil {
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
            births = writer
        }
        try OutputFile.write(table.data, to: out)
        if let births, let birthsOut { try OutputFile.write(births.data, to: birthsOut) }
    }
}

/// The ax rules the command line offers.
enum AxRuleOption: String, ExpressibleByArgument, CaseIterable {
    case given, mid, un, pas

    func rule(_ sex: Sex, given values: [Double]? = nil) -> AverageYearsLivedRule {
        switch self {
        case .given: .given(values ?? [])
        case .mid: .midInterval
        case .un: .coaleDemeny(sex)
        case .pas: .populationAnalysisSystem(sex)
        }
    }
}

extension MigrationTiming: ExpressibleByArgument {}
