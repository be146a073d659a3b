import CSV
import Demography
import Diagnostics
import Facilities

/// The take-up table a scenario's `facilities.take_up` names (需求率): how care need becomes
/// demand for places.
extension DemographyTables {
    /// Reads `level,institutional,community,home`: the share of older persons at each
    /// capability level who need each kind of care (the take-up rates of
    /// ``Facilities/CareDemandRules``). Levels by name (`intact`, `mild`, `moderate`,
    /// `severe`, `complete`, or the standard's Chinese names) or number 0–4; a level without
    /// a row needs none.
    public static func careTakeUp(_ table: CSVTable, log: inout DiagnosticLog)
        -> CareDemandRules?
    {
        var local = DiagnosticLog()
        defer { log.append(contentsOf: local) }
        let kinds = ["institutional", "community", "home"]
        guard table.check(CSVColumns(required: ["level"] + kinds), log: &local) else { return nil }
        var rates = [[Double]](repeating: [0, 0, 0, 0, 0], count: 3)
        let names = CapabilityLevel.allCases.flatMap(\.names)
        for row in 0..<table.rowCount {
            guard
                let text = table.requiredText(row: row, column: table.column("level")!, log: &local)
            else { continue }
            guard let level = CapabilityLevel(name: text) else {
                local.error(
                    .notOneOf(field: "level", value: text, allowed: names),
                    at: table.location(row: row, column: table.column("level")!))
                continue
            }
            var sum = 0.0
            for (index, kind) in kinds.enumerated() {
                guard
                    let value = number(
                        table, row: row, column: table.column(kind)!, range: 0...1,
                        describe: "between 0 and 1", log: &local)
                else { continue }
                rates[index][level.rawValue] = value
                sum += value
            }
            if sum > 1 + 1e-9 {
                local.error(
                    .invalidValue(
                        field: "home",
                        reason:
                            "the shares needing institutional, community and home care add up to \(sum), more than 1"
                    ),
                    at: table.location(row: row, column: table.column("home")!))
            }
        }
        guard !local.hasErrors else { return nil }
        return CareDemandRules(
            institutionalTakeUp: rates[0], communityTakeUp: rates[1], homeTakeUp: rates[2])
    }
}
