import Demography
import Entitlements

/// The entitlements stage of a run: the service list costed on the projected population, and
/// the long-term-care fund (长期护理保险基金) projected, when the scenario has them.
public enum EntitlementStage {
    /// What the stage yields.
    public struct Outcome: Sendable {
        /// The service list's costing, when the scenario has `entitlements:`.
        public var costing: EntitlementResult?
        /// The fund projection, when the scenario has `ltc_insurance:` and capability levels.
        public var fund: FundProjection?
    }

    /// Costs the list and projects the fund on a projection of the scenario's demography
    /// from its base year.
    /// - Throws: ``CostingError`` when an item or the fund cannot be computed.
    public static func run(
        _ scenario: Scenario, demography: DemographyInputs, projection: ProjectionResult
    ) throws(CostingError) -> Outcome {
        var outcome = Outcome()
        let tree = scenario.regions
        if let settings = scenario.entitlements {
            outcome.costing = try EntitlementCosting.run(
                settings, demography: demography, projection: projection, tree: tree,
                baseYear: scenario.baseYear)
        }
        if let insurance = scenario.longTermCareInsurance,
            let prevalence = demography.careNeed?.prevalence
        {
            let shares = scenario.entitlements?.urbanShares ?? [:]
            outcome.fund = try insurance.project(
                to: scenario.horizon, tree: tree,
                areaRegions: demography.areas.map { tree.index(of: $0)! },
                prevalence: prevalence, urbanShares: demography.areas.map { shares[$0] ?? .nan }
            ) { year in
                YearPopulation(projection: projection, time: year - scenario.baseYear)
            }
        }
        return outcome
    }
}
