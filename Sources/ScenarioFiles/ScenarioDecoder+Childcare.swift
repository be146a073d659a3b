import Diagnostics
import Facilities
import Quantities

/// `childcare:` — childcare places for children under 3 (托位) as a stock.
///
/// ```yaml
/// childcare:
///   base_per_1000: {value: 3, source: "004 一(二): 3 places per 1,000 residents in 2020"}
///   approved: {2021: 14000, 2022: 14000}   # places approved each year (keyed years only)
///   lead_time: 1                           # years from approval to opening (default 1)
///   cost_per_place: 20000                  # yuan of capital per new place
/// ```
/// The base year's places are `base_per_1000` × residents ÷ 1,000 in every unit; places
/// approved are shared among the units by their children under 3 and paid the year they are
/// approved. Needs a projected population (`demography:`).
extension ScenarioDecoder {
    static let childcareKeys = ["base_per_1000", "approved", "lead_time", "cost_per_place"]

    func decodeChildcare(_ node: YAMLNode, years: ClosedRange<Int>, log: inout DiagnosticLog)
        -> ChildcarePlan?
    {
        guard let fields = Fields(node, section: "childcare", keys: Self.childcareKeys, log: &log),
            let baseNode = fields.required("base_per_1000", log: &log)
        else { return nil }
        var failed = false
        let base = Read.quantity(
            baseNode, field: "childcare.base_per_1000", unit: .one, range: 0...1000, log: &log)
        var approved: [Int: Double] = [:]
        fields.read("approved", into: &approved, failed: &failed) { node, field in
            guard
                let values = Read.yearly(
                    node, field: field, unit: .one, rule: .keyedYearsOnly, range: 0...1e8,
                    years: years, log: &log)?.values
            else { return nil }
            return Dictionary(uniqueKeysWithValues: zip(values.years, values.values))
        }
        var leadTime = 1
        fields.read("lead_time", into: &leadTime, failed: &failed) {
            Read.integer($0, field: $1, range: 0...10, log: &log)
        }
        var cost: Double?
        fields.read("cost_per_place", into: &cost, failed: &failed) {
            Read.quantity($0, field: $1, unit: .yuan, range: 0...1e8, log: &log)?.value
        }
        guard let base, !failed else { return nil }
        return ChildcarePlan(
            basePerThousand: base.value, approved: approved, leadTime: leadTime, costPerPlace: cost)
    }
}
