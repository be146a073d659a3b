import Demography
import Facilities
import Simulation

/// What the console says of a loaded scenario before running it (情景概要): its base
/// population and its facilities, counted within the planning region (a narrowed scenario's
/// unit, not the whole tree it extends).
public struct ScenarioSummary: Sendable {
    /// The base population of `demography:`: persons and areas within the planning region,
    /// the age bands read, how they were graduated to single years, and the open age.
    public struct Population: Sendable {
        public var persons: Double
        public var areas: Int
        public var sourceBands: String
        public var graduation: String?
        public var openAge: Int
    }

    /// The facility inventory within the planning region and the plan's lines.
    public struct Stock: Sendable {
        public var facilities: Int
        public var beds: Int
        /// Facilities placed by the synthetic-inventory script, not a register.
        public var synthetic: Int
        public var planLines: Int
    }

    public var population: Population?
    public var stock: Stock?

    public init(_ scenario: Scenario) {
        let region = scenario.region
        population = scenario.demography.map { inputs in
            let own = inputs.areas.indices.filter {
                inputs.areas[$0] == region || inputs.areas[$0].isWithin(region)
            }
            return Population(
                persons: own.reduce(0) { $0 + inputs.basePopulation[$1].total },
                areas: own.count, sourceBands: inputs.sourceBands.description,
                graduation: inputs.graduation?.rawValue, openAge: inputs.bands.openAge)
        }
        stock = scenario.facilities.map { settings in
            let units = scenario.regions.index(of: region).map(scenario.regions.subtree(of:))
            let facilities = settings.inventory.facilities.filter {
                units?.contains($0.region) ?? true
            }
            return Stock(
                facilities: facilities.count, beds: facilities.reduce(0) { $0 + $1.beds },
                synthetic: facilities.filter(\.isSynthetic).count,
                planLines: scenario.investment?.actions.count ?? 0)
        }
    }
}
