import Diagnostics
import Simulation
import Targets

/// `optimisation:` — settings of `yanglao optimise`.
///
/// ```yaml
/// optimisation:
///   weights: {as.nursing-bed-share: 2, ln.street-centres: 0.5}   # default 1
/// ```
extension ScenarioDecoder {
    static let optimisationKeys = ["weights"]

    func decodeOptimisation(_ node: YAMLNode, targets: [Target], log: inout DiagnosticLog)
        -> OptimisationSettings?
    {
        guard
            let fields = Fields(
                node, section: "optimisation", keys: Self.optimisationKeys, log: &log)
        else { return nil }
        var settings = OptimisationSettings()
        guard let weights = fields["weights"] else { return settings }
        guard
            let entries = Read.collection(
                weights, \.entries, field: "optimisation.weights",
                expected: "a mapping of target ids to weights, like {ln.street-centres: 2}",
                log: &log)
        else { return nil }
        var failed = false
        let ids = targets.map(\.id)
        for entry in entries {
            let field = "optimisation.weights." + entry.key
            guard ids.contains(entry.key) else {
                let suggestion = Suggestion.closest(to: entry.key, among: ids)
                log.error(
                    .invalidValue(
                        field: "optimisation.weights",
                        reason: "no target of the scenario has the id '\(entry.key)'"
                            + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")),
                    at: entry.keyLocation)
                failed = true
                continue
            }
            guard
                let weight = Read.quantity(
                    entry.value, field: field, unit: .fraction, range: 0...1_000_000, log: &log)
            else {
                failed = true
                continue
            }
            settings.weights[entry.key] = weight.value
        }
        return failed ? nil : settings
    }
}
