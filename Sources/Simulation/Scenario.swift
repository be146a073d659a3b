import Coverage
import Demography
import Entitlements
import Facilities
import Geography
import Targets
import Uncertainty

/// A planning scenario (规划情景): the region, its people, its facilities and an investment plan
/// over a span of years, with the seed that makes every run of it reproducible.
///
/// A `Scenario` holds checked values only; reading files into it, with precise diagnostics,
/// is the job of the `ScenarioFiles` module. Stages added by later work (demography,
/// facilities, coverage, targets) add their inputs here as typed values.
public struct Scenario: Sendable {
    /// Kebab-case identifier, e.g. `anshan` or `anshan-plan`; names the output folder.
    public var id: String
    /// A title for reports, e.g. 鞍山市 2021–2030 规划情景.
    public var label: String
    /// A longer description, if any.
    public var description: String
    /// The year of the base population and facility stock (基期年).
    public var baseYear: Int
    /// The last year projected (规划期末).
    public var horizon: Int
    /// The year the annual report is written for by default.
    public var reportYear: Int
    /// The seed of every random stream of a run; replicate k derives its own from it.
    public var seed: UInt64
    /// The regions the scenario covers.
    public var regions: RegionTree
    /// The planning region (规划区域): the unit whose plan this is, a region of the tree.
    public var region: DivisionCode
    /// The datum of the regions' coordinates, when they have any.
    public var datum: Datum?
    /// The targets the scenario is judged against, from its target catalogues.
    public var targets: [Target]
    /// The demography (base population, fertility, mortality, migration, care need), when the
    /// scenario has a `demography:` section.
    public var demography: DemographyInputs?
    /// Coverage settings (the `coverage:` section), when given: the 15-minute circle and
    /// the administrative coverage indicators.
    public var coverage: CoverageSettings?
    /// The facility stock and how it behaves (`facilities:`), when the scenario has one.
    public var facilities: FacilitySettings? = nil
    /// Notes every report of the scenario repeats (`notes:`), such as which inputs are
    /// synthetic or assumed.
    public var notes: [String] = []
    /// The older population by unit and year, when the scenario gives it as a table
    /// (`elderly_population:`) instead of projecting it (`demography:`).
    public var elderlyPopulation: ElderlyPopulation? = nil
    /// Childcare places for children under 3 (`childcare:`), when the scenario plans them.
    public var childcare: ChildcarePlan? = nil
    /// The investment plan (`investment:`), when the scenario has one.
    public var investment: InvestmentPlan? = nil
    /// The basic elderly-care service list to cost (`entitlements:`), when given.
    public var entitlements: EntitlementSettings? = nil
    /// The long-term-care insurance fund (`ltc_insurance:`), when given.
    public var longTermCareInsurance: LongTermCareInsurance? = nil
    /// Settings of the optimiser (`optimisation:`), when given.
    public var optimisation: OptimisationSettings? = nil
    /// The uncertain inputs (`uncertainty:`), when the scenario gives distributions for
    /// some of its numbers.
    public var uncertainty: UncertaintySettings? = nil

    /// The invariants a scenario must satisfy.
    public enum InvariantError: Error, Hashable, Sendable, CustomStringConvertible {
        case badIdentifier(String)
        case horizonBeforeBaseYear(baseYear: Int, horizon: Int)
        case reportYearOutsideRun(reportYear: Int, years: ClosedRange<Int>)
        case emptyRegionTree
        case regionNotInTree(DivisionCode)

        public var description: String {
            switch self {
            case .badIdentifier(let id):
                "scenario id '\(id)' must be kebab-case: lower-case letters, digits and single hyphens"
            case .horizonBeforeBaseYear(let base, let horizon):
                "horizon \(horizon) is before the base year \(base)"
            case .reportYearOutsideRun(let year, let years):
                "report year \(year) is outside the run \(years.lowerBound)–\(years.upperBound)"
            case .emptyRegionTree:
                "the scenario has no regions"
            case .regionNotInTree(let code):
                "the planning region \(code) is not in the region tree"
            }
        }
    }

    /// Creates a scenario, checking its invariants.
    /// - Throws: ``InvariantError`` for a bad id, a horizon before the base year, a report
    ///   year outside the run, or no regions.
    public init(
        id: String, label: String, description: String = "", baseYear: Int, horizon: Int,
        reportYear: Int, seed: UInt64, regions: RegionTree, region: DivisionCode, datum: Datum?,
        targets: [Target] = [], demography: DemographyInputs? = nil,
        coverage: CoverageSettings? = nil
    ) throws(InvariantError) {
        guard Scenario.isValidIdentifier(id) else { throw .badIdentifier(id) }
        guard horizon >= baseYear else {
            throw .horizonBeforeBaseYear(baseYear: baseYear, horizon: horizon)
        }
        guard (baseYear...horizon).contains(reportYear) else {
            throw .reportYearOutsideRun(reportYear: reportYear, years: baseYear...horizon)
        }
        guard regions.count > 0 else { throw .emptyRegionTree }
        guard regions.index(of: region) != nil else { throw .regionNotInTree(region) }
        self.id = id
        self.label = label
        self.description = description
        self.baseYear = baseYear
        self.horizon = horizon
        self.reportYear = reportYear
        self.seed = seed
        self.regions = regions
        self.region = region
        self.datum = datum
        self.targets = targets
        self.demography = demography
        self.coverage = coverage
    }

    /// Every year of the run, base year to horizon.
    public var years: ClosedRange<Int> { baseYear...horizon }

    /// Whether a string is a kebab-case identifier: `[a-z0-9]+(-[a-z0-9]+)*`.
    public static func isValidIdentifier(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return !id.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty
                    && part.utf8.allSatisfy {
                        (0x61...0x7A).contains($0) || (0x30...0x39).contains($0)
                    }
            }
    }
}
