import ArgumentParser
import Diagnostics
import Planning

/// The `yanglao` command: load, check and run elderly-care planning scenarios.
@main
struct Yanglao: ParsableCommand {
    /// The tool's version, written into every run manifest.
    static let version = "0.1.0"

    /// The version and the commit the tool is built from, for manifests.
    static let build = Planning.Build(version: version, commit: BuildInfo.commit)

    /// Calls the application layer: on a ``PlanningError`` prints its message and exits with
    /// its status (64 for bad input, 1 for a failure).
    static func call<Value>(_ language: Language, _ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as PlanningError {
            let message = error.message(in: language)
            if !message.isEmpty { Console.error(message) }
            if let count = error.errorCount {
                Console.error(Messages(language).errorCount(count))
            }
            throw ExitCode(error.exitStatus)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "yanglao",
        abstract: "Yanglao (养老): capacity planning and facility coverage for elderly care.",
        discussion: """
            A scenario is a folder with scenario.yaml and the CSV tables it names. Runs are
            written to Output/<scenario-id>/<run-id>/.

            Examples:
              yanglao validate Scenarios/anshan
              yanglao run Scenarios/anshan
              yanglao run Scenarios/anshan --set horizon=2030 --run-id short-horizon
              yanglao run Scenarios/anshan --lang en --out ../yanglao-runs

            Exit status: 0 on success, 64 on bad input (every problem is printed as
            file:line:column: 错误: …, or file:line:column: error: … with --lang en), 1 on
            any other failure.
            """,
        version: version,
        subcommands: [
            ValidateCommand.self, RunCommand.self, ReportCommand.self, DistrictsCommand.self,
            CompareCommand.self, TargetsCommand.self,
            ProjectCommand.self, LifeTableCommand.self, BacktestCommand.self,
            FacilitiesCommand.self, CoverageCommand.self, SiteCommand.self,
            AssessCommand.self, EntitlementsCommand.self, OptimiseCommand.self,
            RequiredCommand.self, SensitivityCommand.self, ServeCommand.self, InitCommand.self,
        ]
    )
}
