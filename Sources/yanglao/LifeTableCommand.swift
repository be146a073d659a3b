import ArgumentParser
import Diagnostics
import Planning

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
            0 and 1–4 from 1m0, Preston et al. 2001 Table 3.3), pas (US Census Bureau PAS,
            spreadsheet LTPOPDTH: Coale–Demeny rules of --region from 1q0); the open band
            always has ax = 1/mx. un and pas need --sex. With pas, --imr gives the infant
            mortality rate 1q0 as LTPOPDTH does: it sets 1a0 and 4a1 and replaces the
            table's 1q0 (otherwise 1q0 is found from 1m0).

            Examples:
              yanglao lifetable --input Examples/demography/lifetable-austria-1992.csv \\
                --out lifetable.csv
              yanglao lifetable --input Examples/demography/lifetable-china-2020.csv \\
                --ax un --sex male --out china.csv
              yanglao lifetable --input Examples/demography/lifetable-pas-north-males.csv \\
                --ax pas --sex male --region north --imr 0.1 --out pas.csv
            """)

    @Option(
        help: ArgumentHelp("Deaths and exposures, or death rates, by age.", valueName: "LT.csv"))
    var input: String

    @Option(
        help: "The ax rule: given, mid, un or pas (default: given when the table has ax, else mid)."
    )
    var ax: AxRule?

    @Option(help: "The sex, for the un and pas rules: female or male.")
    var sex: String?

    @Option(help: "The radix l at the first age.")
    var radix = 100_000.0

    @Option(
        help: ArgumentHelp(
            "The infant mortality rate 1q0 (a probability, e.g. 0.1), for --ax pas.",
            valueName: "q0"))
    var imr: Double?

    @Option(help: "The Coale–Demeny region of --ax pas: west (default), north, east or south.")
    var region: String?

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
            guard LifeTableRequest.isSex(sex) else {
                throw ValidationError("--sex must be female or male (got '\(sex)')")
            }
        }
        if let imr {
            guard ax == .pas else { throw ValidationError("--imr needs --ax pas") }
            guard imr > 0, imr < 1 else {
                throw ValidationError(
                    "--imr must be a probability above 0 and below 1 (got \(imr))")
            }
        }
        if let region {
            guard ax == .pas else { throw ValidationError("--region needs --ax pas") }
            guard LifeTableRequest.regions.contains(region) else {
                throw ValidationError(
                    "--region must be one of \(LifeTableRequest.regions.joined(separator: ", ")) (got '\(region)')"
                )
            }
        }
        try OutputFile.checkWritable(out, overwrite: overwrite, option: "--out")
    }

    @Option(help: "Language of messages: zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        let request = LifeTableRequest(
            input: input, ax: ax, sex: sex, radix: radix, infantMortality: imr, region: region,
            out: out)
        let outcome = try Yanglao.call(lang) {
            try Planning.lifeTable(request) { Console.error($0.text(in: lang)) }
        }
        Console.out(DemographyMessages(lang).lifeTable(outcome))
    }
}
