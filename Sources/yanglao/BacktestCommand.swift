import ArgumentParser
import Planning

/// `yanglao backtest`: project the 2010 census to 2020 and compare with the 2020 census.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Project the 2010 census to 2020 and compare with the 2020 census.",
        discussion: Help.backtest)

    @Option(help: "The census year to start from (2010).")
    var from: Int

    @Option(help: "The census year to compare with (2020).")
    var to: Int

    @Option(help: "The level of the units compared: province, city or county.")
    var level: BacktestRequest.Level = .province

    @Option(
        name: .customLong("census-2010"),
        help: "The 2010 census table (default: Data/census/census2010-provinces.csv).")
    var census2010: String?

    @Option(
        name: .customLong("census-2020"),
        help: "The 2020 census table (default: Data/census/census2020-provinces.csv).")
    var census2020: String?

    @Option(help: ArgumentHelp("Where to write the comparison.", valueName: "OUT.csv"))
    var out: String

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    func validate() throws {
        guard from == 2010, to == 2020 else {
            throw ValidationError(
                "the back-test compares the 2010 and 2020 censuses: use --from 2010 --to 2020 (got \(from) → \(to))"
            )
        }
        if level != .province, census2010 == nil || census2020 == nil {
            throw ValidationError(
                "--level \(level.rawValue) needs the county tables: give --census-2010 and --census-2020"
            )
        }
        try OutputFile.checkWritable(out, overwrite: overwrite, option: "--out")
    }

    func run() throws {
        let request = BacktestRequest(
            level: level, census2010: census2010, census2020: census2020, out: out)
        let outcome = try Yanglao.call(.en) { try Planning.backtest(request) }
        Console.out(DemographyMessages.backtest(outcome))
    }
}
