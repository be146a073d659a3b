import Geography

/// The indicators of the stock, per year and region (设施指标).
///
/// Counts and money add up the region tree (a city's value is the sum of its counties' when
/// it holds nothing of its own); shares and rates are computed from the region's own totals,
/// never averaged.
public enum FacilityIndicator: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Service beds (养老服务床位): institutional + community (+ family when the scenario counts
    /// them).
    case serviceBeds
    case institutionalBeds
    case communityBeds
    /// Certified family care beds, counted or not.
    case familyBeds
    /// Nursing-type beds of institutions (养老机构护理型床位).
    case nursingBeds
    /// Nursing-type beds among all service beds.
    case nursingBedsAllService
    /// Nursing-type beds ÷ institutional beds (the national 14th/15th FYP definition).
    case nursingShareInstitutional
    /// Nursing-type beds ÷ all service beds (Liaoning 004's wording; the 13th FYP's).
    case nursingShareAllService
    /// Service beds per 1,000 people aged 60+ (每千名老年人养老床位数).
    case bedsPerThousandAged60
    /// Service beds per 1,000 people aged 65+.
    case bedsPerThousandAged65
    /// Occupied service beds: nominal beds × occupancy (effective capacity).
    case effectiveCapacity
    /// Occupied ÷ institutional beds.
    case occupancyInstitutional
    /// Occupied ÷ community beds.
    case occupancyCommunity
    case caregiversNeeded
    case caregiversAvailable
    /// Caregivers missing, summed over facilities (a surplus in one does not fill another).
    case staffingGap
    /// Residents of closed or merged homes who found no place that year.
    case displacedResidents
    /// Residents the homes' beds and demand allow but their caregivers cannot look after
    /// (因护理员不足而不能入住): the beds left unusable for lack of staff.
    case unstaffedResidents
    /// Caregivers hired from the labour market in the year (招聘), persons.
    case caregiversHired
    /// Caregivers who left in the year (流失), persons.
    case caregiversLeaving
    /// Operating facilities of a type.
    case facilities(FacilityType)
    /// Operating care-type special-hardship homes (照护型特困供养服务设施).
    case careTypeHomes
    /// Approved projects and projects under construction.
    case facilitiesInPipeline
    case bedsInPipeline
    /// Operating institutional homes rated at least 1, 2 or 3 stars.
    case homesRatedAtLeast(Int)
    case aged60
    case aged65
    case aged80
    /// Capital spending, all sources.
    case capitalCost
    /// Recurring spending, all sources.
    case recurringCost
    /// Welfare-lottery spending on elderly care ÷ the whole lottery fund (planning region only).
    case welfareLotteryShare

    public static var allCases: [FacilityIndicator] {
        [
            .serviceBeds, .institutionalBeds, .communityBeds, .familyBeds, .nursingBeds,
            .nursingBedsAllService, .nursingShareInstitutional, .nursingShareAllService,
            .bedsPerThousandAged60, .bedsPerThousandAged65, .effectiveCapacity,
            .occupancyInstitutional, .occupancyCommunity, .caregiversNeeded,
            .caregiversAvailable, .staffingGap, .displacedResidents, .unstaffedResidents,
            .caregiversHired, .caregiversLeaving,
        ] + FacilityType.allCases.map { .facilities($0) }
            + [
                .careTypeHomes, .facilitiesInPipeline, .bedsInPipeline, .homesRatedAtLeast(1),
                .homesRatedAtLeast(2), .homesRatedAtLeast(3), .aged60, .aged65, .aged80,
                .capitalCost, .recurringCost, .welfareLotteryShare,
            ]
    }

    /// The name in output tables, e.g. `nursing_share_institutional`, `facilities_meal_site`.
    public var identifier: String {
        switch self {
        case .serviceBeds: "service_beds"
        case .institutionalBeds: "institutional_beds"
        case .communityBeds: "community_beds"
        case .familyBeds: "family_beds"
        case .nursingBeds: "nursing_beds"
        case .nursingBedsAllService: "nursing_beds_all_service"
        case .nursingShareInstitutional: "nursing_share_institutional"
        case .nursingShareAllService: "nursing_share_all_service"
        case .bedsPerThousandAged60: "beds_per_1000_aged_60"
        case .bedsPerThousandAged65: "beds_per_1000_aged_65"
        case .effectiveCapacity: "effective_capacity"
        case .occupancyInstitutional: "occupancy_institutional"
        case .occupancyCommunity: "occupancy_community"
        case .caregiversNeeded: "caregivers_needed"
        case .caregiversAvailable: "caregivers_available"
        case .staffingGap: "staffing_gap"
        case .displacedResidents: "displaced_residents"
        case .unstaffedResidents: "unstaffed_residents"
        case .caregiversHired: "caregivers_hired"
        case .caregiversLeaving: "caregivers_leaving"
        case .facilities(let type): "facilities_" + type.identifier
        case .careTypeHomes: "care_type_homes"
        case .facilitiesInPipeline: "facilities_in_pipeline"
        case .bedsInPipeline: "beds_in_pipeline"
        case .homesRatedAtLeast(let stars):
            "homes_rated_\(stars)_star\(stars == 1 ? "" : "s")_or_more"
        case .aged60: "aged_60"
        case .aged65: "aged_65"
        case .aged80: "aged_80"
        case .capitalCost: "capital_cost"
        case .recurringCost: "recurring_cost"
        case .welfareLotteryShare: "welfare_lottery_share"
        }
    }

    /// The unit of the value: `beds`, `fraction`, `persons`, `facilities`, `yuan`,
    /// `beds per 1000`.
    public var unit: String {
        switch self {
        case .serviceBeds, .institutionalBeds, .communityBeds, .familyBeds, .nursingBeds,
            .nursingBedsAllService, .effectiveCapacity, .bedsInPipeline:
            "beds"
        case .nursingShareInstitutional, .nursingShareAllService, .occupancyInstitutional,
            .occupancyCommunity, .welfareLotteryShare:
            "fraction"
        case .bedsPerThousandAged60, .bedsPerThousandAged65: "beds per 1000"
        case .caregiversNeeded, .caregiversAvailable, .staffingGap, .displacedResidents,
            .unstaffedResidents, .caregiversHired, .caregiversLeaving, .aged60, .aged65, .aged80:
            "persons"
        case .facilities, .careTypeHomes, .facilitiesInPipeline, .homesRatedAtLeast:
            "facilities"
        case .capitalCost, .recurringCost: "yuan"
        }
    }

    public var description: String { identifier }
}

/// The additive quantities kept per year and reporting region.
enum Field {
    static let institutionalBeds = 0
    static let communityBeds = 1
    static let familyBeds = 2
    static let institutionalNursing = 3
    static let communityNursing = 4
    static let familyNursing = 5
    static let institutionalOccupied = 6
    static let communityOccupied = 7
    static let familyOccupied = 8
    static let caregiversNeeded = 9
    static let caregiversAvailable = 10
    static let staffingGap = 11
    static let displaced = 12
    static let careTypeHomes = 13
    static let pipelineFacilities = 14
    static let pipelineBeds = 15
    /// Homes rated ≥ 1, 2, 3 stars: 16, 17, 18.
    static let rated = 16
    static let aged60 = 19
    static let aged65 = 20
    static let aged80 = 21
    /// Facilities by type: 22 ..< 31.
    static let typeCounts = 22
    /// Capital spending by source: 31 ..< 36.
    static let capital = 31
    /// Recurring spending by source: 36 ..< 41.
    static let recurring = 36
    static let unstaffed = 41
    static let hired = 42
    static let leaving = 43
    static let count = 44
}

/// Whether a cost is an investment or a yearly obligation.
public enum CostKind: Int, Hashable, Sendable, CaseIterable {
    case capital = 0
    case recurring

    public var identifier: String { self == .capital ? "capital" : "recurring" }
}

/// One source's money in one year.
public struct BudgetYear: Hashable, Sendable {
    public var year: Int
    public var source: FundingSource
    /// The budget line of the year (nil: not capped).
    public var budget: Double?
    /// The budget plus what was carried over.
    public var available: Double?
    public var capitalSpent: Double
    public var recurringSpent: Double
    /// Capital that the plan wanted from this source but did not fit (deferred), in yuan;
    /// an action drawing on several sources reports its shortfall under its first.
    public var capitalShortfall: Double
    /// Recurring costs this source should have paid and could not.
    public var recurringUnpaid: Double

    /// What is left at the end of the year (nil: not capped).
    public var remaining: Double? { available.map { $0 - capitalSpent - recurringSpent } }
}

/// What became of one plan line in one year.
public struct ActionOutcome: Hashable, Sendable {
    public var year: Int
    /// The line's index in the plan.
    public var action: Int
    public var label: String
    public var kind: PlanAction.Kind
    /// Deferred from earlier years.
    public var carriedIn: Int
    /// Asked for this year by the line itself.
    public var requested: Int
    /// Funded and done (or started, for projects with a lead time).
    public var done: Int
    /// Did not fit the budget; moved to next year.
    public var deferred: Int
    /// Could not be placed: no eligible unit or facility left.
    public var notPlaced: Int
    /// Yuan spent.
    public var spent: Double
    /// Yuan missing for what was deferred (at the unit cost where it would have gone).
    public var shortfall: Double
}

/// The result of running the stock and the plan over the years.
public struct FacilityRun: Sendable {
    /// The years, base year first (the inventory's stock) to horizon.
    public let years: ClosedRange<Int>
    /// The reporting regions: indices into the ``RegionTree``, in its order (pre-order),
    /// every region at or above the reporting level.
    public let regionIndices: [Int]
    /// Each reporting region's parent among them (index into `regionIndices`), -1 for a root.
    public let parentIndices: [Int]
    /// The planning region's position in `regionIndices`.
    public let planningRegion: Int
    /// Whether family beds count as service beds.
    public let countsFamilyBeds: Bool
    /// Money by source and year, years in order and sources in ``FundingSource`` order.
    public let budgets: [BudgetYear]
    /// Every plan line in every year it acted or carried a backlog, by year then line.
    public let actionOutcomes: [ActionOutcome]
    /// Amounts still deferred after the horizon, by plan line (in the line's unit).
    public let unfundedAtHorizon: [Int]
    /// The stock at the horizon.
    public let stock: FacilityStock
    /// The stock at the end of every year, base year first, when the run was asked to keep
    /// them (``FacilityRunInput/keepsYearEndStocks``); empty otherwise.
    public let yearEndStocks: [FacilityStock]
    /// Caregivers trained (培训) and the money paid for their training, by year, base year
    /// first (none in the base year): the plan's `trained_per_year` as far as its funding
    /// source paid for it.
    public internal(set) var training: [(trained: Double, spent: Double)] = []
    /// The whole welfare-lottery fund by year (nil where not given).
    let lotteryTotal: [Double?]
    /// ((year offset × regions) + region) × Field.count + field.
    let values: [Double]

    init(
        years: ClosedRange<Int>, regionIndices: [Int], parentIndices: [Int], planningRegion: Int,
        countsFamilyBeds: Bool, budgets: [BudgetYear], actionOutcomes: [ActionOutcome],
        unfundedAtHorizon: [Int], stock: FacilityStock, lotteryTotal: [Double?], values: [Double],
        yearEndStocks: [FacilityStock] = []
    ) {
        self.years = years
        self.regionIndices = regionIndices
        self.parentIndices = parentIndices
        self.planningRegion = planningRegion
        self.countsFamilyBeds = countsFamilyBeds
        self.budgets = budgets
        self.actionOutcomes = actionOutcomes
        self.unfundedAtHorizon = unfundedAtHorizon
        self.stock = stock
        self.lotteryTotal = lotteryTotal
        self.values = values
        self.yearEndStocks = yearEndStocks
    }

    /// The position of a tree region among the reporting regions.
    public func reportingPosition(ofRegion treeIndex: Int) -> Int? {
        var low = 0
        var high = regionIndices.count
        while low < high {
            let mid = (low + high) / 2
            if regionIndices[mid] < treeIndex { low = mid + 1 } else { high = mid }
        }
        return low < regionIndices.count && regionIndices[low] == treeIndex ? low : nil
    }

    func field(_ field: Int, _ year: Int, _ region: Int) -> Double {
        values[((year - years.lowerBound) * regionIndices.count + region) * Field.count + field]
    }

    /// An indicator's value.
    /// - Parameters:
    ///   - year: a year of the run.
    ///   - region: a position in `regionIndices`.
    /// - Returns: nil when it is undefined: a share with a zero denominator, a rate per
    ///   older person without the population, the lottery share outside the planning region
    ///   or without the lottery total.
    public func value(_ indicator: FacilityIndicator, year: Int, region: Int) -> Double? {
        precondition(years.contains(year) && regionIndices.indices.contains(region))
        func f(_ index: Int) -> Double { field(index, year, region) }
        func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
            denominator > 0 ? numerator / denominator : nil
        }
        let family = countsFamilyBeds ? 1.0 : 0.0
        let service =
            f(Field.institutionalBeds) + f(Field.communityBeds) + family * f(Field.familyBeds)
        let nursingAll =
            f(Field.institutionalNursing) + f(Field.communityNursing) + family
            * f(Field.familyNursing)
        switch indicator {
        case .serviceBeds: return service
        case .institutionalBeds: return f(Field.institutionalBeds)
        case .communityBeds: return f(Field.communityBeds)
        case .familyBeds: return f(Field.familyBeds)
        case .nursingBeds: return f(Field.institutionalNursing)
        case .nursingBedsAllService: return nursingAll
        case .nursingShareInstitutional:
            return ratio(f(Field.institutionalNursing), f(Field.institutionalBeds))
        case .nursingShareAllService: return ratio(nursingAll, service)
        case .bedsPerThousandAged60: return ratio(service * 1000, f(Field.aged60))
        case .bedsPerThousandAged65: return ratio(service * 1000, f(Field.aged65))
        case .effectiveCapacity:
            return f(Field.institutionalOccupied) + f(Field.communityOccupied) + family
                * f(Field.familyOccupied)
        case .occupancyInstitutional:
            return ratio(f(Field.institutionalOccupied), f(Field.institutionalBeds))
        case .occupancyCommunity:
            return ratio(f(Field.communityOccupied), f(Field.communityBeds))
        case .caregiversNeeded: return f(Field.caregiversNeeded)
        case .caregiversAvailable: return f(Field.caregiversAvailable)
        case .staffingGap: return f(Field.staffingGap)
        case .displacedResidents: return f(Field.displaced)
        case .unstaffedResidents: return f(Field.unstaffed)
        case .caregiversHired: return f(Field.hired)
        case .caregiversLeaving: return f(Field.leaving)
        case .facilities(let type): return f(Field.typeCounts + type.rawValue)
        case .careTypeHomes: return f(Field.careTypeHomes)
        case .facilitiesInPipeline: return f(Field.pipelineFacilities)
        case .bedsInPipeline: return f(Field.pipelineBeds)
        case .homesRatedAtLeast(let stars):
            guard (1...3).contains(stars) else { return nil }
            return f(Field.rated + stars - 1)
        case .aged60: return f(Field.aged60)
        case .aged65: return f(Field.aged65)
        case .aged80: return f(Field.aged80)
        case .capitalCost:
            return (0..<FundingSource.count).reduce(0) { $0 + f(Field.capital + $1) }
        case .recurringCost:
            return (0..<FundingSource.count).reduce(0) { $0 + f(Field.recurring + $1) }
        case .welfareLotteryShare:
            guard region == planningRegion,
                let total = lotteryTotal[year - years.lowerBound]
            else { return nil }
            let spent =
                f(Field.capital + FundingSource.welfareLottery.rawValue)
                + f(Field.recurring + FundingSource.welfareLottery.rawValue)
            return ratio(spent, total)
        }
    }

    /// Spending of one kind from one source in a year and region (its subtree), in yuan.
    public func cost(_ kind: CostKind, _ source: FundingSource, year: Int, region: Int) -> Double {
        field(
            (kind == .capital ? Field.capital : Field.recurring) + source.rawValue, year, region)
    }

    /// The money of a source in a year.
    public func budget(_ source: FundingSource, year: Int) -> BudgetYear {
        budgets[(year - years.lowerBound) * FundingSource.count + source.rawValue]
    }
}
