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

/// The value of an uncertain input that the central run (the scenario as written, 核心运行)
/// used, and where it lies in the input's distribution: a central run that spends 100% of a
/// budget drawn between 70% and 100% is the best case, and its verdicts are too.
public struct CentralValue: Hashable, Sendable {
    /// The input's dotted key path.
    public var input: String
    /// The value as the scenario writes it (YAML flow style); nil when it sets none.
    public var scenarioValue: String?
    /// The central value in the distribution's terms: 1 for a scaled input (the scenario's
    /// numbers as written), the scenario's number for a replaced one; nil when it is not a
    /// single number.
    public var value: Double?
    /// P(X ≤ value) under the distribution: the share of draws at or below the central run's
    /// value (1 = every draw at or below it).
    public var share: Double?
    /// The distribution's median, what a draw gives half the time.
    public var median: Double

    /// The central value of `input`, from the scenario's value at its key path (as written).
    public init(_ input: UncertainInput, scenarioValue: String?) {
        self.input = input.name
        self.scenarioValue = scenarioValue
        switch input.application {
        case .scale: value = 1
        case .replace:
            value = scenarioValue.flatMap { text in
                Double(text.prefix { "0123456789.-+eE".contains($0) })
            }
        }
        share = value.map { input.distribution.cdf($0) }
        median = input.distribution.median
    }

    public init(
        input: String, scenarioValue: String?, value: Double?, share: Double?, median: Double
    ) {
        self.input = input
        self.scenarioValue = scenarioValue
        self.value = value
        self.share = share
        self.median = median
    }
}
