import ArgumentParser
import Diagnostics
import Planning

/// `yanglao backtest`: project the 2010 census to 2020 and compare with the 2020 census, or
/// a scenario's 2020 census to 2023–2024 and compare with the statistical bulletins.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract:
            "Project the 2010 census to 2020 (or a scenario's 2020 census to 2024) and compare with what was counted.",
        discussion: Help.backtest)

    @Option(help: "The census year to start from (2010, or 2020 with --scenario).")
    var from: Int

    @Option(help: "The year to compare with (2020; 2023 or 2024 with --scenario).")
    var to: Int

    @Option(
        help: ArgumentHelp(
            "From 2020: the scenario whose population, rates and migration are projected.",
            valueName: "SCENARIO"))
    var scenario: String?

    @Option(
        name: .customLong("national-census"),
        help: ArgumentHelp(
            "From 2020: project the sum of this census table's provinces (China) with the scenario's rates instead.",
            valueName: "FILE"))
    var nationalCensus: String?

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
        if from == 2020 {
            guard scenario != nil else {
                throw ValidationError(
                    "--from 2020 compares a scenario with the bulletins: give --scenario SCENARIO")
            }
            guard to == 2023 || to == 2024 else {
                throw ValidationError(
                    "from 2020 the bulletins of 2023 and 2024 are compared: use --to 2023 or --to 2024 (got \(to))"
                )
            }
            try OutputFile.checkWritable(out, overwrite: overwrite, option: "--out")
            return
        }
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

    @Option(help: "Language of messages: zh (default) or en.")
    var lang: Language = .zh

    func run() throws {
        if from == 2020, let scenario {
            let request = BulletinBacktestRequest(
                scenario: ScenarioSource(path: scenario), nationalCensus: nationalCensus,
                toYear: to, out: out)
            let outcome = try Yanglao.call(lang) { try Planning.bulletinBacktest(request) }
            Console.out(DemographyMessages(lang).bulletinBacktest(outcome))
            return
        }
        let request = BacktestRequest(
            level: level, census2010: census2010, census2020: census2020, out: out)
        let outcome = try Yanglao.call(lang) { try Planning.backtest(request) }
        Console.out(DemographyMessages(lang).backtest(outcome))
    }
}
