import ArgumentParser
import CSV
import Demography
import ScenarioFiles

/// `yanglao lifetable`: a period life table from deaths and exposures or from death rates.
struct LifeTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifetable",
        abstract: "Build a period life table from deaths and exposures, or from death rates.",
        discussion: """
            Input LT.csv: age,deaths,exposure[,ax] or age,mx[,ax]; ages are the bands'
            lower bounds, increasing, any start (0, 1, 5, 10, … for an abridged table; 60,
            65, … for a table of older ages); the last band is open.
            Output OUT.csv: age,n,mx,qx,ax,lx,dx,Lx,Tx,ex (n is empty for the open band).

            ax rules: given (the ax column), mid (half the band), un (Coale–Demeny for ages
            0 and 1–4 from 1m0, Preston et al. 2001 Table 3.3), pas (US Census Bureau PAS:
            Coale–Demeny West from 1q0); the open band always has ax = 1/mx. un and pas
            need
            --sex.

            Examples:
              yanglao lifetable --input Examples/demography/lifetable-austria-1992.csv \\
                --out lifetable.csv
              yanglao lifetable --input Examples/demography/lifetable-china-2020.csv \\
                --ax un --sex male --out china.csv
            """)

    @Option(
        help: ArgumentHelp("Deaths and exposures, or death rates, by age.", valueName: "LT.csv"))
    var input: String

    @Option(
        help: "The ax rule: given, mid, un or pas (default: given when the table has ax, else mid)."
    )
    var ax: AxRuleOption?

    @Option(help: "The sex, for the un and pas rules: female or male.")
    var sex: String?

    @Option(help: "The radix l at the first age.")
    var radix = 100_000.0

    @Option(help: ArgumentHelp("Where to write the life table.", valueName: "OUT.csv"))
    var out: String

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    func validate() throws {
        guard radix > 0, radix.isFinite else {
            throw ValidationError("--radix must be above 0 (got \(radix))")
        }
        if ax == .un || ax == .pas {
            guard let sex else {
                throw ValidationError("--ax \(ax!.rawValue) needs --sex female or --sex male")
            }
            guard Sex(label: sex) != nil else {
                throw ValidationError("--sex must be female or male (got '\(sex)')")
            }
        }
        try OutputFile.checkWritable(out, overwrite: overwrite, option: "--out")
    }

    func run() throws {
        var inputs = TableInputs()
        var read: LifeTableInput?
        if let table = inputs.table(input) {
            read = DemographyTables.lifeTable(table, log: &inputs.log)
        }
        if let read, ax == .given, read.averageYears == nil, let first = read.rows.first {
            inputs.error(
                .missingColumn(column: "ax", suggestion: nil),
                at: .init(file: first.file, line: 1, column: 1))
        }
        var table: LifeTable?
        if let read {
            let choice = ax ?? (read.averageYears == nil ? .mid : .given)
            let rule = choice.rule(
                sex.flatMap { Sex(label: $0) } ?? .female, given: read.averageYears)
            do {
                if let deaths = read.deaths, let exposures = read.exposures {
                    table = try LifeTable(
                        bands: read.bands, deaths: deaths, exposures: exposures, rule: rule,
                        radix: radix)
                } else {
                    table = try LifeTable(
                        bands: read.bands, deathRates: read.deathRates, rule: rule, radix: radix)
                }
            } catch {
                let row: Int
                switch error {
                case .probabilityAboveOne(let age, _), .averageYearsOutOfRange(let age, _, _),
                    .zeroRateInOpenBand(let age), .zeroExposure(let age), .invalidRate(let age, _):
                    row = read.bands.lowerBounds.firstIndex(of: age) ?? 0
                default:
                    row = 0
                }
                inputs.error(
                    .invalidValue(
                        field: read.averageYears == nil ? "mx" : "ax", reason: error.description),
                    at: read.rows[row])
            }
        }
        try inputs.finish()
        guard let table else { throw ExitCode(1) }
        var writer = CSVWriter(header: ["age", "n", "mx", "qx", "ax", "lx", "dx", "Lx", "Tx", "ex"])
        for (index, age) in table.bands.lowerBounds.enumerated() {
            writer.append([
                String(age), table.bands.width(of: index).map(String.init) ?? "",
                Figures.format(table.mx[index], places: 8),
                Figures.format(table.qx[index], places: 8),
                Figures.format(table.ax[index], places: 4),
                Figures.format(table.lx[index], places: 2),
                Figures.format(table.dx[index], places: 2),
                Figures.format(table.Lx[index], places: 2),
                Figures.format(table.Tx[index], places: 2),
                Figures.format(table.ex[index], places: 4),
            ])
        }
        try OutputFile.write(writer.data, to: out)
        Console.out(
            "Life expectancy at age \(table.bands.lowerBounds[0]): \(Figures.format(table.lifeExpectancy, places: 2)) years. Written to \(out)."
        )
    }
}
