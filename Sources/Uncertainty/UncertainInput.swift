/// One uncertain number of a scenario: where it is (a key path, as `--set` names values) and
/// what distribution it follows.
public struct UncertainInput: Hashable, Sendable {
    /// How a draw is applied to the scenario's value.
    public enum Application: String, Hashable, Sendable {
        /// The draw replaces the number (in the unit the scenario writes it in).
        case replace
        /// The number, or every value of a year-keyed series, is multiplied by the draw.
        case scale
    }

    /// The key path, e.g. `["facilities", "occupancy", "institutional"]`; list items by
    /// position (`investment.actions.6.convert_to_nursing.per_year`).
    public var keyPath: [String]
    public var application: Application
    public var distribution: InputDistribution
    /// Where the distribution comes from, or why it is assumed.
    public var source: String?

    public init(
        keyPath: [String], application: Application, distribution: InputDistribution,
        source: String? = nil
    ) {
        self.keyPath = keyPath
        self.application = application
        self.distribution = distribution
        self.source = source
    }

    /// The dotted key path, `facilities.occupancy.institutional`.
    public var name: String { keyPath.joined(separator: ".") }
}

/// The `uncertainty:` section of a scenario: its uncertain inputs, in the order written
/// (which is the order their uniform numbers are drawn in each replicate).
public struct UncertaintySettings: Hashable, Sendable {
    public var inputs: [UncertainInput]

    public init(inputs: [UncertainInput]) {
        self.inputs = inputs
    }
}
