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

    public init(file: String, resolvedYAML: String, resolvedJSON: JSONValue, inputs: [InputFile]) {
        self.file = file
        self.resolvedYAML = resolvedYAML
        self.resolvedJSON = resolvedJSON
        self.inputs = inputs
    }
}
