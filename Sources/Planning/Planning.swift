import Diagnostics
import Provenance
import ScenarioFiles

/// The application layer (应用层): one function per thing a planner does — run a scenario,
/// draw its uncertain inputs, find the required effort, optimise, report. Each takes typed
/// inputs and returns typed results; the command line (and the workbench) only parse, call
/// one of these and print. The functions put the stages together: edges read (ScenarioFiles)
/// and write (Reports, Provenance), the model computes (Simulation and below).
public enum Planning {}

/// Why a use case stopped, with the message to show.
public struct PlanningError: Error, Sendable, CustomStringConvertible {
    /// Bad input (a file, value or option; exit 64, nothing written) or a failure of the run
    /// itself (exit 1).
    public enum Kind: Sendable, Equatable {
        case badInput
        case failed
    }

    public var kind: Kind
    /// The message in Chinese and English, already located (`file:line:col: 错误: …`) where it
    /// names an input.
    public var text: BilingualText
    /// How many errors the message lists, when it lists an input's diagnostics (the console
    /// then says so, and that nothing was written).
    public var errorCount: Int?

    public init(_ kind: Kind, _ text: BilingualText, errorCount: Int? = nil) {
        self.kind = kind
        self.text = text
        self.errorCount = errorCount
    }

    /// An error about a file or an option rather than a line of an input:
    /// `file: 错误: detail` / `file: error: detail`, or without the file.
    public init(_ kind: Kind, error detail: BilingualText, in file: String? = nil) {
        let place = file.map { "\($0): " } ?? ""
        self.init(
            kind,
            BilingualText { language in
                place + Diagnostic.Severity.error.name(in: language) + ": "
                    + detail.text(in: language)
            })
    }

    /// An error whose detail comes from a lower module in one language only (a solver's or
    /// the file system's reason): only the severity word is translated.
    public init(_ kind: Kind, error detail: String, in file: String? = nil) {
        self.init(kind, error: BilingualText(verbatim: detail), in: file)
    }

    /// A use case that stopped after printing its reasons (an input's diagnostics that were
    /// shown as warnings first, say): no message of its own.
    public static func silent(_ kind: Kind) -> PlanningError {
        PlanningError(kind, BilingualText(verbatim: ""))
    }

    /// The message in a language.
    public func message(in language: Language) -> String { text.text(in: language) }

    public var description: String { message(in: .zh) }

    /// The process's exit status: 64 for bad input, 1 for a failure.
    public var exitStatus: Int32 { kind == .badInput ? 64 : 1 }
}

extension PlanningError {
    /// A run folder that could not be written: bad input when it exists (and overwriting was
    /// not asked for), a failure otherwise.
    static func writing(_ error: RunFolder.WriteError) -> PlanningError {
        switch error {
        case .exists(let path):
            PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "运行目录 \(path) 已存在；请换一个 --run-id，或加 --overwrite 覆盖",
                    english: error.description))
        case .fileSystem(let path, let reason):
            PlanningError(
                .failed,
                error: BilingualText(chinese: "无法写入 \(path)：\(reason)", english: error.description))
        case .badFileName(let name):
            PlanningError(
                .failed,
                error: BilingualText(
                    chinese: "「\(name)」不是运行目录中的文件名", english: error.description))
        }
    }
}

/// Where a scenario comes from: a folder holding `scenario.yaml` or a YAML file, and the
/// `--set key.path=value` overrides applied to it.
public struct ScenarioSource: Sendable {
    public var path: String
    public var overrides: [String]

    public init(path: String, overrides: [String] = []) {
        self.path = path
        self.overrides = overrides
    }
}

extension Planning {
    /// Loads and checks a scenario.
    public static func load(_ source: ScenarioSource) -> Result<LoadedScenario, ScenarioLoadError> {
        ScenarioLoader(overrides: source.overrides).load(source.path)
    }

    /// Loads a scenario and keeps it ready to be changed (draws, levers, design points).
    public static func loadTemplate(_ source: ScenarioSource) -> Result<
        ScenarioTemplate, ScenarioLoadError
    > {
        ScenarioLoader(overrides: source.overrides).loadTemplate(source.path)
    }

    /// The tool's version and build, as manifests record them.
    public struct Build: Sendable {
        public var version: String
        public var commit: String?

        public init(version: String, commit: String?) {
            self.version = version
            self.commit = commit
        }
    }
}
