import ArgumentParser
import Diagnostics
import Planning

/// `yanglao project`: the cohort-component projection of a population table.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project a population by area, sex and age with the cohort-component method.",
        discussion: Help.project)

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
    var migrationTiming: MigrantArrival = .even

    @Option(help: "The radix of person-years in an Lx table.")
    var radix = 100_000.0

    @Option(help: "How ax is set for a table of mx: un (Coale–Demeny for 0 and 1–4), pas, or mid.")
    var ax: AxRule = .un

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

    @Option(help: "Language of messages: zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        let request = ProjectRequest(
            population: population, mortality: mortality, fertility: fertility,
            migration: migration, sexRatioAtBirth: srb, step: step, steps: steps,
            arrival: migrationTiming, radix: radix, ax: ax, baseYear: baseYear, out: out,
            birthsOut: birthsOut)
        let outcome = try Yanglao.call(lang) {
            try Planning.project(request) { Console.error($0.text(in: lang)) }
        }
        if let kept = outcome.emigrantsKept {
            Console.error(
                DemographyMessages(lang).emigrantsKept(kept, table: migration ?? "migration"))
        }
        Console.out(DemographyMessages(lang).projected(outcome, out: out))
    }
}
