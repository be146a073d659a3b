/// A scenario as a run folder records it (情景记录): the file it was loaded from, the resolved
/// scenario (YAML for `scenario.resolved.yaml`, JSON for the manifest) and every input read.
public struct ScenarioRecord: Sendable {
    /// The scenario file, as diagnostics name it.
    public var file: String
    /// The resolved scenario as YAML: the `extends` chain merged, `--set` applied, defaults
    /// filled in.
    public var resolvedYAML: String
    /// The same as JSON, for the manifest.
    public var resolvedJSON: JSONValue
    /// Every file read, in the order read, with its digest.
    public var inputs: [InputFile]
    /// The `--set` overrides with the values they replaced: a run with any is a what-if
    /// (假设情景) of its scenario.
    public var overrides: [ScenarioOverride]

    public init(
        file: String, resolvedYAML: String, resolvedJSON: JSONValue, inputs: [InputFile],
        overrides: [ScenarioOverride] = []
    ) {
        self.file = file
        self.resolvedYAML = resolvedYAML
        self.resolvedJSON = resolvedJSON
        self.inputs = inputs
        self.overrides = overrides
    }
}

/// One `--set key.path=value` of a what-if run (假设情景), with the value it replaced.
public struct ScenarioOverride: Hashable, Sendable {
    /// The key path, e.g. `investment.budget.welfare_lottery`.
    public var key: String
    /// The value as given on the command line.
    public var value: String
    /// The value in the scenario (its `extends` chain merged), in YAML flow style; nil when
    /// the scenario did not set the key.
    public var scenarioValue: String?

    public init(key: String, value: String, scenarioValue: String?) {
        self.key = key
        self.value = value
        self.scenarioValue = scenarioValue
    }

    /// The manifest's form: `{"key": …, "value": …, "scenario_value": … or null}`.
    public var json: JSONValue {
        .object([
            ("key", .string(key)), ("value", .string(value)),
            ("scenario_value", scenarioValue.map(JSONValue.string) ?? .null),
        ])
    }
}
