import Diagnostics
import Simulation
import Uncertainty

/// `uncertainty:` — numbers of the scenario given as distributions, for `run --draws`,
/// `sensitivity` and the probability version of `required`.
///
/// ```yaml
/// uncertainty:
///   - key: facilities.occupancy.institutional    # a key path, as --set names values
///     distribution: beta                         # normal, lognormal, beta, triangular, uniform
///     a: 40
///     b: 40
///     source: "assumption: …"
///   - key: investment.budget.central_budget      # a series of years …
///     scale: yes                                 # … multiplied by the draw
///     distribution: triangular
///     min: 0.7
///     mode: 0.95
///     max: 1.0
///   - key: demography.fertility.total_fertility
///     scale: yes
///     distribution: normal
///     mean: 1
///     sd: 0.1
///     lower: 0.6                                 # bounds truncate the distribution
///     upper: 1.4
/// ```
///
/// Parameters: normal `mean`, `sd`; lognormal `median`, `sigma` (of the logarithm); beta `a`,
/// `b` and optionally `min`, `max` (default 0 and 1); triangular `min`, `mode`, `max`;
/// uniform `min`, `max`. They are in the unit the scenario writes the number in, or plain
/// factors with `scale: yes`. The key path must name a number of the scenario (after
/// `extends:` and `--set`); a series of years (a budget, a fertility path) can only be scaled.
extension ScenarioDecoder {
    static let uncertaintyKeys = [
        "key", "scale", "distribution", "mean", "sd", "median", "sigma", "a", "b", "min",
        "mode", "max", "lower", "upper", "source",
    ]

    /// The parameters each distribution takes: required, then optional.
    static let distributionParameters: [(name: String, required: [String], optional: [String])] =
        [
            ("normal", ["mean", "sd"], []),
            ("lognormal", ["median", "sigma"], []),
            ("beta", ["a", "b"], ["min", "max"]),
            ("triangular", ["min", "mode", "max"], []),
            ("uniform", ["min", "max"], []),
        ]

    mutating func decodeUncertainty(_ node: YAMLNode, log: inout DiagnosticLog)
        -> UncertaintySettings?
    {
        guard
            let items = Read.collection(
                node, \.items, field: "uncertainty",
                expected: "a list of uncertain inputs ('- key: …, distribution: …')", log: &log)
        else { return nil }
        var inputs: [UncertainInput] = []
        var failed = false
        for (index, item) in items.enumerated() {
            if let input = decodeUncertainInput(item, index: index, log: &log) {
                inputs.append(input)
            } else {
                failed = true
            }
        }
        return failed ? nil : UncertaintySettings(inputs: inputs)
    }

    private func decodeUncertainInput(_ node: YAMLNode, index: Int, log: inout DiagnosticLog)
        -> UncertainInput?
    {
        let section = "uncertainty.\(index)"
        guard let fields = Fields(node, section: section, keys: Self.uncertaintyKeys, log: &log)
        else { return nil }
        var failed = false
        var application = UncertainInput.Application.replace
        if let given = fields["scale"] {
            if let flag = Read.flag(given, field: section + ".scale", log: &log) {
                application = flag ? .scale : .replace
            } else {
                failed = true
            }
        }

        // The key path: a number (or, scaled, a series) of the scenario.
        var path: [String]?
        if let keyNode = fields.required("key", log: &log),
            let text = Read.text(keyNode, field: section + ".key", log: &log)
        {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(
                String.init)
            if parts.contains(where: \.isEmpty) {
                log.error(
                    .invalidValue(
                        field: section + ".key", reason: "'\(text)' has an empty part"),
                    at: keyNode.location)
            } else if parts.first == "uncertainty" {
                log.error(
                    .invalidValue(
                        field: section + ".key",
                        reason: "the uncertainty section cannot make itself uncertain"),
                    at: keyNode.location)
            } else {
                switch ScenarioNumbers.slot(at: parts, in: resolved) {
                case .failure(let reason):
                    log.error(
                        .invalidValue(
                            field: section + ".key",
                            reason: "'\(text)' does not name a number of the scenario: \(reason)"),
                        at: keyNode.location)
                case .success(.series) where application == .replace:
                    log.error(
                        .invalidValue(
                            field: section + ".key",
                            reason:
                                "'\(text)' is a series of years: add 'scale: yes' to multiply it by the draw, or name one year"
                        ),
                        at: keyNode.location)
                case .success:
                    path = parts
                }
            }
        }

        // The distribution and its parameters.
        var distribution: InputDistribution?
        if let nameNode = fields.required("distribution", log: &log),
            let name = Read.word(
                nameNode, field: section + ".distribution",
                allowed: Self.distributionParameters.map(\.name), log: &log),
            let spec = Self.distributionParameters.first(where: { $0.name == name })
        {
            var values: [String: Double] = [:]
            let parameters = Self.uncertaintyKeys.filter {
                !["key", "scale", "distribution", "source"].contains($0)
            }
            for parameter in parameters {
                guard let given = fields[parameter] else { continue }
                let known = spec.required + spec.optional + ["lower", "upper"]
                guard known.contains(parameter) else {
                    log.error(
                        .invalidValue(
                            field: section + "." + parameter,
                            reason:
                                "\(name) takes \((spec.required + spec.optional).joined(separator: ", ")) (and lower, upper), not \(parameter)"
                        ),
                        at: given.location)
                    failed = true
                    continue
                }
                guard
                    let value = Self.plainNumber(given, field: section + "." + parameter, log: &log)
                else {
                    failed = true
                    continue
                }
                values[parameter] = value
            }
            for parameter in spec.required where fields[parameter] == nil {
                log.error(.missingKey(key: parameter, section: section), at: nameNode.location)
                failed = true
            }
            if !failed {
                let shape: InputDistribution.Shape
                switch name {
                case "normal":
                    shape = .normal(mean: values["mean"]!, standardDeviation: values["sd"]!)
                case "lognormal":
                    shape = .lognormal(median: values["median"]!, sigma: values["sigma"]!)
                case "beta":
                    shape = .beta(
                        a: values["a"]!, b: values["b"]!, minimum: values["min"] ?? 0,
                        maximum: values["max"] ?? 1)
                case "triangular":
                    shape = .triangular(
                        minimum: values["min"]!, mode: values["mode"]!, maximum: values["max"]!)
                default:
                    shape = .uniform(minimum: values["min"]!, maximum: values["max"]!)
                }
                do {
                    distribution = try InputDistribution(
                        shape, lower: values["lower"], upper: values["upper"])
                } catch {
                    let at = fields[error.parameter]?.location ?? nameNode.location
                    log.error(
                        .invalidValue(field: section + "." + error.parameter, reason: error.reason),
                        at: at)
                }
            }
        }
        let source = fields["source"].flatMap {
            Read.text($0, field: section + ".source", log: &log)
        }
        guard !failed, let path, let distribution else { return nil }
        return UncertainInput(
            keyPath: path, application: application, distribution: distribution, source: source)
    }

    /// A plain number (no unit).
    static func plainNumber(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> Double? {
        guard let scalar = node.scalar, scalar.style == .plain, let value = Double(scalar.text),
            value.isFinite
        else {
            Read.wrongType(node, field: field, expected: "a number", log: &log)
            return nil
        }
        return value
    }
}
