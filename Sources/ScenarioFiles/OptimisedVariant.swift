import Allocation
import Facilities
import Foundation
import Geography
import Quantities
import Simulation

/// The text of the optimised scenario variant: `extends:` the scenario and replaces its plan's
/// lines (and, where the allocation needs it, its budget lines) with the optimiser's.
public enum OptimisedVariant {
    public static func yaml(
        scenario: Scenario, extends path: String, objective: AllocationObjective,
        budgets: [FundingSource: [(year: Int, yuan: Double)]], actions: [PlanAction],
        facilityIDs: (Int) -> String
    ) -> String {
        let tree = scenario.regions
        var text = """
            # The optimised allocation of \(scenario.id) (yanglao optimise, objective \(objective.rawValue)).
            # Run it with: yanglao run <this file>
            id: \(scenario.id)-optimised
            extends: \(quoted(path))
            label: \(quoted(scenario.label + "：优化配置"))
            investment:

            """
        if !budgets.isEmpty {
            text += "  budget:\n"
            for source in FundingSource.allCases {
                guard let values = budgets[source] else { continue }
                let years = values.map { "\($0.year): \(number($0.yuan))" }.joined(separator: ", ")
                text += "    \(source.identifier): {values: {\(years)}, unit: yuan}\n"
            }
        }
        text += actions.isEmpty ? "  actions: []\n" : "  actions:\n"
        func code(_ region: Int) -> String { quoted(tree.regions[region].code.shortForm) }
        for action in actions {
            var fields: [String] = []
            let years = action.years
            let yearField =
                years.count == 1
                ? "year: \(years[0])" : "years: \(years.first!)-\(years.last!)"
            switch action.kind {
            case .buildCentres, .buildStations, .certifyMealSites:
                if !action.places.isEmpty {
                    fields.append(
                        "places: [" + action.places.map { code($0.region) }.joined(separator: ", ")
                            + "]")
                } else {
                    fields.append("per_year: \(action.perYear)")
                }
                fields.append(yearField)
                if action.kind != .certifyMealSites {
                    if let type = action.facilityType { fields.append("type: \(type.identifier)") }
                    fields.append("beds: \(action.bedsPerFacility)")
                    fields.append("nursing_share: \(number(action.nursingShare))")
                    fields.append("ownership: \(action.ownership.identifier)")
                    if let lead = action.leadTime { fields.append("lead_time: \(lead)") }
                }
            case .buildBeds:
                if !action.places.isEmpty {
                    fields.append(
                        "places: {"
                            + action.places.map { "\(code($0.region)): \($0.amount)" }
                            .joined(separator: ", ") + "}")
                } else {
                    fields.append("per_year: \(action.perYear)")
                }
                fields.append(yearField)
                fields.append("size: \(max(1, action.bedsPerFacility))")
                fields.append("nursing_share: \(number(action.nursingShare))")
                if let type = action.facilityType { fields.append("type: \(type.identifier)") }
                fields.append("ownership: \(action.ownership.identifier)")
                if action.isCareType { fields.append("care_type: yes") }
                if let lead = action.leadTime { fields.append("lead_time: \(lead)") }
            case .convertToNursing:
                fields.append(
                    "places: {"
                        + action.places.map { "\(code($0.region)): \($0.amount)" }
                        .joined(separator: ", ") + "}")
                fields.append(yearField)
                fields.append("lot: \(action.lot)")
                if !action.eligibleTypes.isEmpty {
                    fields.append(
                        "types: [" + action.eligibleTypes.map(\.identifier).joined(separator: ", ")
                            + "]")
                }
                if !action.eligibleOwnership.isEmpty {
                    fields.append(
                        "ownership: ["
                            + action.eligibleOwnership.map(\.identifier).joined(separator: ", ")
                            + "]")
                }
                if action.isCareType { fields.append("care_type: yes") }
                if let tier = action.eligibleTier { fields.append("tier: \(tier.identifier)") }
            case .merge:
                fields.append("facility: \(quoted(facilityIDs(action.facilities[0])))")
                fields.append("into: \(quoted(facilityIDs(action.receiving!)))")
                fields.append(yearField)
            case .close:
                fields.append("facility: \(quoted(facilityIDs(action.facilities[0])))")
                fields.append(yearField)
            case .buildPlanned:
                fields.append(
                    "facilities: ["
                        + action.facilities.map { quoted(facilityIDs($0)) }
                        .joined(separator: ", ") + "]")
                fields.append(yearField)
                if let lead = action.leadTime { fields.append("lead_time: \(lead)") }
            case .addFamilyBeds, .upgradeRatings:
                continue  // never written by the optimiser; not fixed lines either
            }
            if action.perYear > 0 || action.kind == .convertToNursing {
                if let priority = action.priority {
                    fields.append("priority: \(priority.identifier)")
                }
                if let level = action.unitLevel, action.places.isEmpty {
                    fields.append("level: \(level.name)")
                }
            }
            if ![.merge, .close].contains(action.kind) {
                fields.append(
                    "funding: [" + action.funding.map(\.identifier).joined(separator: ", ") + "]")
            }
            text += "    - \(action.kind.identifier): {\(fields.joined(separator: ", "))}\n"
        }
        return text
    }

    /// A double-quoted YAML scalar.
    public static func quoted(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A number without a needless fraction: 20, 0.3, 12500000.
    public static func number(_ value: Double) -> String { NumberText.plain(value) }

    /// The path of `file` relative to the folder `folder` (both relative to the working folder
    /// or absolute).
    public static func relativePath(of file: String, from folder: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func parts(_ path: String) -> [String] {
            let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
            var result: [String] = []
            for part in absolute.split(separator: "/").map(String.init) {
                if part == "." || part.isEmpty { continue }
                if part == ".." {
                    if !result.isEmpty { result.removeLast() }
                } else {
                    result.append(part)
                }
            }
            return result
        }
        let target = parts(file)
        let base = parts(folder)
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] {
            common += 1
        }
        let ups = [String](repeating: "..", count: base.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }
}
