import Foundation

/// The manifest of a run (运行清单): what made it, from what, and how long it took.
///
/// Everything but the `run` block (start time and timings) is the same for the same scenario,
/// seed and version, so two manifests can be compared to see whether two runs should agree.
public struct Manifest: Sendable {
    /// The tool's name and version.
    public var toolVersion: String
    /// The commit of the code, when it was run from a git checkout.
    public var gitCommit: String?
    /// Whether that checkout had uncommitted changes.
    public var gitDirty: Bool?
    /// The scenario's id and the file it was loaded from.
    public var scenarioID: String
    public var scenarioFile: String
    /// The seed of the run.
    public var seed: UInt64
    /// The `--set` overrides, in order.
    public var overrides: [String]
    /// The resolved scenario, as JSON.
    public var resolvedScenario: JSONValue
    /// Every input file read.
    public var inputs: [InputFile]
    /// Every output file written, other than the manifest.
    public var outputs: [InputFile]
    /// The run's folder name.
    public var runID: String
    /// When the run started.
    public var started: Date
    /// How long each stage took, in milliseconds, in order.
    public var timings: [(stage: String, milliseconds: Double)]

    public init(
        toolVersion: String, gitCommit: String?, gitDirty: Bool?, scenarioID: String,
        scenarioFile: String, seed: UInt64, overrides: [String], resolvedScenario: JSONValue,
        inputs: [InputFile], outputs: [InputFile], runID: String, started: Date,
        timings: [(stage: String, milliseconds: Double)]
    ) {
        self.toolVersion = toolVersion
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.scenarioID = scenarioID
        self.scenarioFile = scenarioFile
        self.seed = seed
        self.overrides = overrides
        self.resolvedScenario = resolvedScenario
        self.inputs = inputs
        self.outputs = outputs
        self.runID = runID
        self.started = started
        self.timings = timings
    }

    /// The manifest as JSON.
    public var json: JSONValue {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return .object([
            (
                "tool",
                .object([
                    ("name", .string("yanglao")), ("version", .string(toolVersion)),
                    ("git_commit", gitCommit.map(JSONValue.string) ?? .null),
                    ("git_dirty", gitDirty.map(JSONValue.bool) ?? .null),
                ])
            ),
            (
                "scenario",
                .object([
                    ("id", .string(scenarioID)), ("file", .string(scenarioFile)),
                    ("overrides", .array(overrides.map(JSONValue.string))),
                    ("resolved", resolvedScenario),
                ])
            ),
            ("seed", .number(String(seed))),
            ("inputs", .array(inputs.map(\.json))),
            ("outputs", .array(outputs.map(\.json))),
            (
                "run",
                .object([
                    ("id", .string(runID)), ("started", .string(formatter.string(from: started))),
                    (
                        "timings_ms",
                        .object(
                            timings.map {
                                ($0.stage, JSONValue.decimal($0.milliseconds, places: 3))
                            })
                    ),
                ])
            ),
        ])
    }
}

/// What git says about the checkout a command runs in.
public enum GitCheckout {
    /// The commit and whether there are uncommitted changes, or nil outside a git checkout or
    /// when git is not installed.
    public static func state(in directory: String) -> (commit: String, dirty: Bool)? {
        guard
            let commit = run(["rev-parse", "HEAD"], in: directory)?.trimmingCharacters(
                in: .whitespacesAndNewlines),
            commit.count == 40
        else { return nil }
        let status = run(["status", "--porcelain", "--untracked-files=no"], in: directory) ?? ""
        return (commit, !status.isEmpty)
    }

    private static func run(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
