import Targets
import Uncertainty

/// The Monte Carlo replicates of a scenario (情景的随机模拟): each replicate draws the
/// scenario's uncertain inputs, decodes the scenario with them and runs it; the indicators
/// are summarised by quantiles and the targets by the share of replicates that meet them.
public struct ScenarioDraws: Sendable {
    /// One summarised cell: an indicator in a region and year.
    public struct Cell: Sendable {
        public var indicator: Indicator
        /// The region's index in the tree.
        public var region: Int
        public var year: Int
        /// The 5, 25, 50, 75 and 95% quantiles over the replicates with a value.
        public var quantiles: [Double]
        /// Replicates with a value.
        public var draws: Int
    }

    /// The replicates run.
    public let draws: Int
    /// The last year of the replicates.
    public let horizon: Int
    public let inputs: [UncertainInput]
    /// The input values of each replicate, replicate-major.
    public let inputValues: [[Double]]
    /// The regions summarised, in tree order.
    public let regions: [Int]
    /// Every indicator × region × year with a value in some replicate.
    public let cells: [Cell]
    /// For each target of the scenario, in its order: the share of replicates that meet it
    /// by its deadline (nil when it is not judged: no figure, not computed, not applicable).
    public let probabilities: [(target: Target, attainment: AttainmentProbability?)]
    /// The value of each uncertain input the central run used, in the order of `inputs`
    /// (filled in by whoever knows the scenario as written).
    public var central: [CentralValue] = []

    /// Whether a target is met by its deadline in a run: true or false when it is judged,
    /// nil when it has no figure or is not computed.
    public static func isMet(_ result: TargetResult) -> Bool? {
        switch result.verdict {
        case .met: true
        case .missed, .metLate, .fellBack, .onTrack, .offTrack: false
        case .notQuantified, .notComputed, .notApplicable: nil
        }
    }

    /// The regions summarised by default: the planning region and the units one level below
    /// it (a province's cities, a city's counties).
    public static func defaultRegions(of scenario: Scenario) -> [Int] {
        let tree = scenario.regions
        guard let planning = tree.index(of: scenario.region) else { return [] }
        let level = tree.regions[planning].level
        return tree.subtree(of: planning).filter {
            $0 == planning || tree.regions[$0].level == level.below
        }
    }

    /// The last year the replicates run to by default: the latest deadline of the targets
    /// with a figure (or first year of an ongoing one), and at least the report year, within
    /// the scenario's horizon. Years after it change no verdict at a deadline, and leaving
    /// them out makes each replicate cheaper.
    public static func defaultHorizon(of scenario: Scenario) -> Int {
        let judged = scenario.targets.filter { $0.threshold != nil }
        let years = judged.compactMap { $0.deadline ?? $0.from } + [scenario.reportYear]
        return min(scenario.horizon, max(scenario.baseYear, years.max() ?? scenario.horizon))
    }

    /// What one replicate keeps: its inputs, whether each target is met, and the summarised
    /// indicators (indicator-major, then region, then year), NaN where not computed.
    public struct Replicate: Sendable {
        public var values: [Double]
        public var met: [Bool?]
        public var indicators: [Float]

        public init(values: [Double], met: [Bool?], indicators: [Float]) {
            self.values = values
            self.met = met
            self.indicators = indicators
        }
    }

    public static func summarise(
        _ replicates: [Replicate], scenario: Scenario, inputs: [UncertainInput], regions: [Int],
        years: [Int]
    ) -> ScenarioDraws {
        let perIndicator = regions.count * years.count
        let cellCount = IndicatorCatalogue.all.count * perIndicator
        let summarised: [Cell?] = MonteCarlo.forEachReplicate(
            count: cellCount, threads: 2
        ) { cell in
            let values = replicates.map { Double($0.indicators[cell]) }
            guard let quantiles = DrawQuantiles.of(values) else { return nil }
            let indicator = IndicatorCatalogue.all[cell / perIndicator]
            let within = cell % perIndicator
            return Cell(
                indicator: indicator, region: regions[within / years.count],
                year: years[within % years.count], quantiles: quantiles,
                draws: values.filter { !$0.isNaN }.count)
        }
        let probabilities = scenario.targets.indices.map { index in
            let judged = replicates.compactMap { $0.met[index] }
            let attainment =
                judged.isEmpty
                ? nil
                : AttainmentProbability(met: judged.filter { $0 }.count, draws: judged.count)
            return (scenario.targets[index], attainment)
        }
        return ScenarioDraws(
            draws: replicates.count, horizon: years.last ?? scenario.horizon, inputs: inputs,
            inputValues: replicates.map(\.values),
            regions: regions, cells: summarised.compactMap { $0 },
            probabilities: probabilities)
    }
}
