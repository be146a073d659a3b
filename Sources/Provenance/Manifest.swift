import Foundation

/// The manifest of a run (运行清单): what made it, from what, and how long it took.
///
/// Everything but the `run` block (start time and timings) is the same for the same scenario,
/// seed and version, so two manifests can be compared to see whether two runs should agree.
public struct Manifest: Sendable {
    /// The tool's name and version.
    public var toolVersion: String
    /// The commit the tool was built from, compiled into it; nil for a build outside a git
    /// checkout. Nothing is read from the folder the tool runs in.
    public var buildCommit: String?
    /// The scenario's id and the file it was loaded from.
    public var scenarioID: String
    public var scenarioFile: String
    /// The seed of the run.
    public var seed: UInt64
    /// The `--set` overrides, in order.
    public var overrides: [String]
    /// The same with the values they replaced (``ScenarioOverride``), for the reports.
    public var overrideValues: [ScenarioOverride] = []
    /// The resolved scenario, as JSON.
    public var resolvedScenario: JSONValue
    /// What the run said about how it was computed, in Chinese and English (the reports
    /// repeat them).
    public var notes: [(chinese: String, english: String)]
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
        toolVersion: String, buildCommit: String?, scenarioID: String,
        scenarioFile: String, seed: UInt64, overrides: [String], resolvedScenario: JSONValue,
        inputs: [InputFile], outputs: [InputFile], runID: String, started: Date,
        timings: [(stage: String, milliseconds: Double)],
        notes: [(chinese: String, english: String)] = []
    ) {
        self.toolVersion = toolVersion
        self.buildCommit = buildCommit
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
        self.notes = notes
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
                    ("build_commit", buildCommit.map(JSONValue.string) ?? .null),
                ])
            ),
            (
                "scenario",
                .object([
                    ("id", .string(scenarioID)), ("file", .string(scenarioFile)),
                    ("overrides", .array(overrides.map(JSONValue.string))),
                    ("override_values", .array(overrideValues.map(\.json))),
                    ("resolved", resolvedScenario),
                ])
            ),
            ("seed", .number(String(seed))),
            (
                "notes",
                .array(
                    notes.map {
                        .object([("zh", .string($0.chinese)), ("en", .string($0.english))])
                    })
            ),
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
