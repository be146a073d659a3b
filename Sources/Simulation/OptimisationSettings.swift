/// Settings of the optimiser (`optimisation:` in a scenario): how much each target weighs
/// when the optimiser counts the targets an allocation meets (优化权重).
public struct OptimisationSettings: Sendable, Hashable {
    /// Weight by target id; targets not listed weigh 1. Weights are 0 or more.
    public var weights: [String: Double]

    public init(weights: [String: Double] = [:]) {
        self.weights = weights
    }
}
