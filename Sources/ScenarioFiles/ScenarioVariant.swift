import Diagnostics
import Foundation
import Provenance

/// A value of a scenario that a planner may change in the workbench (杠杆): a number, a year
/// range or a choice, named by the key path `--set` takes.
public struct ScenarioLever: Sendable, Hashable, Codable {
    /// What the lever belongs to.
    public enum Group: String, Sendable, Hashable, Codable {
        /// A funding source's money in a year (`investment.budget`).
        case budget
        /// A plan line's yearly count, years or priority (`investment.actions`).
        case action
        /// The plan's order of units (`investment.priority`).
        case priority
        /// An occupancy pin (`facilities.occupancy`).
        case occupancy
        /// A take-up share by capability level (`facilities.take_up`).
        case takeUp = "take_up"
    }

    /// The key path, as `--set key.path=value` names it.
    public var key: String
    public var group: Group
    /// What the lever changes, without the key path: the funding source and year, the plan
    /// line's kind and field, the facility kind or capability level.
    public var subject: String
    /// The field (`per_year`, `years`, `priority`, a year), for the page to label.
    public var field: String
    /// The value in the scenario as loaded, as YAML text (`3300`, `2021-2024`, `0.3 %`).
    public var value: String
    /// The unit the value is written in (`万元`, `yuan`, `per_year`, `year`, `share`), empty
    /// for a choice.
    public var unit: String
}

/// The workbench's edge of a scenario: the levers a loaded scenario offers, and a saved
/// variant that `extends` it and holds only the changes.
public enum ScenarioVariant {
    /// The scenario file a path names: the path itself when it names a YAML file, else the
    /// folder's `scenario.yaml`.
    public static func scenarioFile(for path: String) -> String {
        ScenarioLoader.scenarioFile(for: path)
    }

    /// The plan-line fields offered as levers, in the order shown.
    static let actionFields = ["per_year", "beds_per_year", "years", "year", "priority"]

    /// The levers of a scenario: the merged `extends` chain, before any `--set`.
    /// - Parameter path: the scenario's folder or YAML file.
    public static func levers(of path: String) -> Result<[ScenarioLever], ScenarioLoadError> {
        var session = Session()
        guard let tree = session.loadChain(file: ScenarioLoader.scenarioFile(for: path), chain: [])
        else { return .failure(session.failure()) }
        return .success(levers(in: tree))
    }

    static func levers(in tree: YAMLNode) -> [ScenarioLever] {
        var levers: [ScenarioLever] = []
        let investment = tree["investment"]
        for entry in investment?["budget"]?.entries ?? [] {
            let values: YAMLNode
            let prefix: String
            var unit = "yuan"
            if let inner = entry.value["values"] {
                values = inner
                prefix = "investment.budget.\(entry.key).values"
                unit = entry.value["unit"]?.scalar?.text ?? unit
            } else {
                values = entry.value
                prefix = "investment.budget.\(entry.key)"
            }
            guard ScenarioMerge.isYearKeyed(values) else { continue }
            for year in values.entries ?? [] {
                guard let text = year.value.scalar?.text else { continue }
                levers.append(
                    ScenarioLever(
                        key: "\(prefix).\(year.key)", group: .budget, subject: entry.key,
                        field: year.key, value: text, unit: unit))
            }
        }
        if let priority = investment?["priority"]?.scalar?.text {
            levers.append(
                ScenarioLever(
                    key: "investment.priority", group: .priority, subject: "investment",
                    field: "priority", value: priority, unit: ""))
        }
        for (index, item) in (investment?["actions"]?.items ?? []).enumerated() {
            guard let line = item.entries?.first, let fields = line.value.entries else { continue }
            for name in actionFields {
                guard let text = fields.first(where: { $0.key == name })?.value.scalar?.text
                else { continue }
                let unit =
                    switch name {
                    case "years", "year": "year"
                    case "priority": ""
                    default: "per_year"
                    }
                levers.append(
                    ScenarioLever(
                        key: "investment.actions.\(index).\(line.key).\(name)", group: .action,
                        subject: "\(index + 1) \(line.key)", field: name, value: text,
                        unit: unit))
            }
        }
        let facilities = tree["facilities"]
        for entry in facilities?["occupancy"]?.entries ?? [] {
            guard let text = entry.value.scalar?.text else { continue }
            levers.append(
                ScenarioLever(
                    key: "facilities.occupancy.\(entry.key)", group: .occupancy,
                    subject: entry.key, field: "occupancy", value: text, unit: "share"))
        }
        for kind in facilities?["take_up"]?.entries ?? [] {
            for level in kind.value.entries ?? [] {
                guard let text = level.value.scalar?.text else { continue }
                levers.append(
                    ScenarioLever(
                        key: "facilities.take_up.\(kind.key).\(level.key)", group: .takeUp,
                        subject: kind.key, field: level.key, value: text, unit: "share"))
            }
        }
        return levers
    }

    /// The text of a variant that `extends` a scenario and holds only what the overrides
    /// change: for each key path, the part that a merge replaces whole (a list such as
    /// `investment.actions`, a year-keyed series, or the value itself), taken from the
    /// scenario with every override applied. Running the variant runs the scenario with the
    /// overrides.
    /// - Parameters:
    ///   - path: the scenario's folder or YAML file.
    ///   - extends: how the variant names the scenario, relative to the variant's folder.
    ///   - id: the variant's id (kebab-case).
    ///   - label: the variant's label.
    ///   - overrides: `key.path=value`, as `--set` takes them.
    public static func yaml(
        of path: String, extends: String, id: String, label: String, overrides: [String]
    ) -> Result<String, ScenarioLoadError> {
        var session = Session()
        guard var tree = session.loadChain(file: ScenarioLoader.scenarioFile(for: path), chain: [])
        else { return .failure(session.failure()) }
        for (index, override) in overrides.enumerated() {
            session.apply(override: override, number: index + 1, to: &tree)
        }
        guard !session.log.hasErrors else { return .failure(session.failure()) }
        let place = SourceLocation(file: "workbench")
        var variant = YAMLNode(
            .mapping([
                YAMLEntry(key: "id", keyLocation: place, value: .scalar(id, at: place)),
                YAMLEntry(
                    key: "extends", keyLocation: place,
                    value: .scalar(extends, style: .doubleQuoted, at: place)),
                YAMLEntry(
                    key: "label", keyLocation: place,
                    value: .scalar(label, style: .doubleQuoted, at: place)),
            ]), at: place)
        for override in session.overrides {
            let keyPath = wholePart(
                of: override.key.split(separator: ".").map(String.init), in: tree)
            guard let node = ScenarioMerge.node(at: keyPath, in: tree) else { continue }
            _ = ScenarioMerge.set(node, at: keyPath, in: &variant)
        }
        let changes = session.overrides.map { "#   \($0.key) = \($0.value)" }
        let header =
            ["# A variant saved from the workbench (yanglao serve): only the changes below."]
            + changes + ["# Run it with: yanglao run <this file>"]
        return .success(header.joined(separator: "\n") + "\n" + YAMLWriter.write(variant))
    }

    /// The start of a key path that a merge replaces whole: up to the first list, year-keyed
    /// mapping or plain value on the way.
    static func wholePart(of keyPath: [String], in tree: YAMLNode) -> [String] {
        var node = tree
        for (depth, key) in keyPath.enumerated() {
            guard let child = ScenarioMerge.node(at: [key], in: node) else {
                return Array(keyPath[...depth])
            }
            switch child.content {
            case .mapping where !ScenarioMerge.isYearKeyed(child): node = child
            default: return Array(keyPath[...depth])
            }
        }
        return keyPath
    }
}
