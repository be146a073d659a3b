import Geography
import Quantities

/// Where money comes from (资金来源).
public enum FundingSource: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible,
    NamedCase
{
    /// Welfare-lottery public-welfare funds (福利彩票公益金) spent on elderly care.
    case welfareLottery = 0
    /// Central budget investment (中央预算内投资).
    case centralBudget
    /// Local government special bonds (地方政府专项债券).
    case localSpecialBonds
    /// Social capital (社会资本): private investment drawn in by the plan.
    case socialCapital
    /// The local general budget (地方一般公共预算), which pays recurring costs (allowances,
    /// subsidies, training). Not capped unless the plan gives it a budget.
    case localBudget

    /// The number of sources.
    public static let count = 5

    /// `welfare_lottery`, `central_budget`, `local_special_bonds`, `social_capital`,
    /// `local_budget`.
    public var identifier: String {
        switch self {
        case .welfareLottery: "welfare_lottery"
        case .centralBudget: "central_budget"
        case .localSpecialBonds: "local_special_bonds"
        case .socialCapital: "social_capital"
        case .localBudget: "local_budget"
        }
    }

    public var chineseName: String {
        switch self {
        case .welfareLottery: "福彩公益金"
        case .centralBudget: "中央预算内投资"
        case .localSpecialBonds: "地方政府专项债券"
        case .socialCapital: "社会资本"
        case .localBudget: "地方一般公共预算"
        }
    }

    public var otherNames: [String] { [chineseName] }

    /// The sources capital actions draw from when an action names none, in this order.
    public static let capitalDefault: [FundingSource] = [
        .welfareLottery, .centralBudget, .localSpecialBonds, .socialCapital,
    ]

    public var description: String { identifier }
}

/// What a unit cost is per.
public enum CostBasis: Int, Hashable, Sendable, CaseIterable, NamedCase {
    /// Per bed built, converted or certified.
    case bed
    /// Per facility built, certified or closed.
    case facility
    /// Per star gained in an upgrade.
    case star
    /// Per person per year (allowances, subsidies, training); files may also give it per
    /// person per month (`person_month`), which is multiplied by 12.
    case personYear

    public var identifier: String {
        ["bed", "facility", "star", "person_year"][rawValue]
    }
}

/// The things a plan pays for, capital and recurring (费用项目).
public enum CostItem: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible, NamedCase {
    case buildBed = 0
    /// A nursing-type bed built; when absent, `build_bed` applies.
    case buildNursingBed
    case convertBed
    case buildStreetCentre
    case buildTownshipCentre
    case buildCommunityStation
    case buildVillagePoint
    case addFamilyBed
    case certifyMealSite
    case upgradeRating
    /// Closing a home or merging it into another; nothing when absent.
    case closeFacility
    /// Old-age allowance (高龄津贴) per person aged 80+.
    case oldAgeAllowance
    /// Care subsidy (护理补贴) per poor disabled older person.
    case careSubsidy
    /// Operating subsidy (运营补贴) per eligible resident, e.g. Anshan's 125 yuan per person per
    /// month (001 五(一)).
    case operatingSubsidy
    /// Training (培训) per caregiver trained.
    case trainCaregiver
    /// A recruitment bonus (入职补贴) per caregiver hired, paid in the year of hiring from the
    /// training source.
    case hireCaregiver

    public var identifier: String {
        switch self {
        case .buildBed: "build_bed"
        case .buildNursingBed: "build_nursing_bed"
        case .convertBed: "convert_bed"
        case .buildStreetCentre: "build_street_centre"
        case .buildTownshipCentre: "build_township_centre"
        case .buildCommunityStation: "build_community_station"
        case .buildVillagePoint: "build_village_point"
        case .addFamilyBed: "add_family_bed"
        case .certifyMealSite: "certify_meal_site"
        case .upgradeRating: "upgrade_rating"
        case .closeFacility: "close_facility"
        case .oldAgeAllowance: "old_age_allowance"
        case .careSubsidy: "care_subsidy"
        case .operatingSubsidy: "operating_subsidy"
        case .trainCaregiver: "train_caregiver"
        case .hireCaregiver: "hire_caregiver"
        }
    }

    /// What the cost is per.
    public var basis: CostBasis {
        switch self {
        case .buildBed, .buildNursingBed, .convertBed, .addFamilyBed: .bed
        case .buildStreetCentre, .buildTownshipCentre, .buildCommunityStation, .buildVillagePoint,
            .certifyMealSite, .closeFacility:
            .facility
        case .upgradeRating: .star
        case .oldAgeAllowance, .careSubsidy, .operatingSubsidy, .trainCaregiver, .hireCaregiver:
            .personYear
        }
    }

    /// Whether it is a recurring cost (paid every year) rather than a capital one.
    public var isRecurring: Bool { basis == .personYear }

    /// The item that builds a facility of a type, per facility; nil for types built per bed.
    public static func building(_ type: FacilityType) -> CostItem? {
        switch type {
        case .streetCentre: .buildStreetCentre
        case .townshipCentre: .buildTownshipCentre
        case .communityStation: .buildCommunityStation
        case .villagePoint: .buildVillagePoint
        case .mealSite: .certifyMealSite
        case .institution, .specialHardshipHome, .honourHome, .familyBeds: nil
        }
    }

    public var description: String { identifier }
}

/// Capital or recurring, as run folders name them (`capital`, `recurring`).
extension CostKind: NamedCase {}

/// Unit costs by item and region (单位成本), each with its source or marked as an assumption.
///
/// A region's cost is the one given for the region itself, else for its nearest ancestor,
/// else the default (a row without a region).
public struct UnitCostTable: Sendable {
    public struct Entry: Hashable, Sendable {
        public var item: CostItem
        /// The region index it applies to (and its descendants), or nil for everywhere.
        public var region: Int?
        /// Yuan per unit of the item's basis (per person per year for recurring items).
        public var yuan: Double
        /// Where the figure comes from, if it has a source.
        public var source: String?
        /// Whether the figure is an assumption rather than a sourced value.
        public var isAssumption: Bool

        public init(
            item: CostItem, region: Int? = nil, yuan: Double, source: String? = nil,
            isAssumption: Bool = false
        ) {
            self.item = item
            self.region = region
            self.yuan = yuan
            self.source = source
            self.isAssumption = isAssumption
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Whether any row gives the item.
    public func has(_ item: CostItem) -> Bool { entries.contains { $0.item == item } }

    /// The cost of an item in every region of the tree, NaN where none applies.
    /// - Complexity: O(n) for n regions (one pass in the tree's pre-order).
    public func costs(of item: CostItem, in tree: RegionTree) -> [Double] {
        var own = [Double](repeating: .nan, count: tree.count)
        var fallback = Double.nan
        for entry in entries where entry.item == item {
            if let region = entry.region { own[region] = entry.yuan } else { fallback = entry.yuan }
        }
        var result = own
        // Parents come before children, so one forward pass inherits down the tree.
        for index in 0..<tree.count where result[index].isNaN {
            let parent = tree.parentIndices[index]
            result[index] = parent >= 0 ? result[parent] : fallback
        }
        return result
    }
}

/// How a plan that gives counts chooses where to put them (优先规则).
public enum PriorityRule: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible,
    NamedCase
{
    /// Units with the most older people not yet served by a facility of the kind being
    /// built come first.
    case mostUncoveredElderly = 0
    /// Units with the fewest service beds per 1,000 people aged 60+ come first.
    case lowestBedsPerThousandElderly
    /// Units in the order the plan lists them (`order:`).
    case givenOrder
    /// Units with the lowest institutional nursing-bed share come first (for conversions).
    case lowestNursingShare

    /// `most_uncovered_elderly`, `lowest_beds_per_1000_elderly`, `given_order`,
    /// `lowest_nursing_share`.
    public var identifier: String {
        switch self {
        case .mostUncoveredElderly: "most_uncovered_elderly"
        case .lowestBedsPerThousandElderly: "lowest_beds_per_1000_elderly"
        case .givenOrder: "given_order"
        case .lowestNursingShare: "lowest_nursing_share"
        }
    }

    /// Whether the rule needs the older population.
    public var needsPopulation: Bool {
        self == .mostUncoveredElderly || self == .lowestBedsPerThousandElderly
    }

    public var description: String { identifier }
}

/// One line of an investment plan (投资计划的一项).
///
/// Every kind uses some of the fields; the scenario reader fills those the kind uses and
/// checks them, with the line of the plan.
public struct PlanAction: Sendable {
    public enum Kind: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible, NamedCase {
        /// Build new homes (`per_year` beds, `size` beds each, `nursing_share` of them
        /// nursing-type) of `facility_type` institution, special-hardship or honour home.
        case buildBeds = 0
        /// Convert ordinary beds of operating homes to nursing-type beds (普通床位改造为护理型).
        case convertToNursing
        /// Build street or township centres: in the `places` named, or `per_year` by priority.
        case buildCentres
        /// Build community stations and village points, likewise.
        case buildStations
        /// Certify family care beds (`per_year` beds) in communities.
        case addFamilyBeds
        /// Certify meal sites.
        case certifyMealSites
        /// Raise star ratings to `to_stars`.
        case upgradeRatings
        /// Fund facilities the inventory lists as planned; they open after their lead time.
        case buildPlanned
        /// Close a home (关停); its residents lose their place.
        case close
        /// Merge a home into another (合并): its residents move to the receiving home.
        case merge

        public var identifier: String {
            switch self {
            case .buildBeds: "build_beds"
            case .convertToNursing: "convert_to_nursing"
            case .buildCentres: "build_centres"
            case .buildStations: "build_stations"
            case .addFamilyBeds: "add_family_beds"
            case .certifyMealSites: "certify_meal_sites"
            case .upgradeRatings: "upgrade_ratings"
            case .buildPlanned: "build_planned"
            case .close: "close"
            case .merge: "merge"
            }
        }

        /// Whether the amount is counted in beds (and a lot may be funded in part).
        public var isCountedInBeds: Bool {
            self == .buildBeds || self == .convertToNursing || self == .addFamilyBeds
        }

        /// The unit the amount is counted in, for reports.
        public var amountUnit: String {
            switch self {
            case .buildBeds, .convertToNursing, .addFamilyBeds: "beds"
            case .upgradeRatings: "upgrades"
            case .buildCentres, .buildStations, .certifyMealSites, .buildPlanned, .close, .merge:
                "facilities"
            }
        }

        public var description: String { identifier }
    }

    public var kind: Kind
    /// How reports name the line, e.g. `line 42 build_centres`.
    public var label: String
    /// The years the line acts in, increasing.
    public var years: [Int]
    /// Beds, facilities or upgrades per year, when the line gives a count.
    public var perYear: Int
    /// Places named by the plan: region index and amount per year (beds, or 1 facility).
    public var places: [(region: Int, amount: Int)]
    /// Facilities of the inventory named by the plan (indices): to convert, upgrade, fund,
    /// close, or the home merged.
    public var facilities: [Int]
    /// The receiving home of a merge (inventory index).
    public var receiving: Int?
    /// The rule for counts; nil means the plan's default.
    public var priority: PriorityRule?
    /// The order of units for ``PriorityRule/givenOrder`` (region indices).
    public var order: [Int]
    /// The level of the units counts are allocated over; nil means the kind's default
    /// (counties for beds and conversions, townships for centres, the lowest level for
    /// stations, family beds and meal sites).
    public var unitLevel: RegionLevel?
    /// The type built (build_beds: institution by default; centres and stations: by the
    /// unit's kind when nil).
    public var facilityType: FacilityType?
    public var ownership: Ownership
    /// Whether the homes built are care-type (照护型); for conversions and rating upgrades,
    /// whether only care-type special-hardship homes are eligible.
    public var isCareType: Bool
    /// The share of new beds that are nursing-type.
    public var nursingShare: Double
    /// Beds per new home (build_beds), or per new centre or station.
    public var bedsPerFacility: Int
    /// Beds per lot for conversions and family beds: the step of allocation.
    public var lot: Int
    /// The rating upgrades raise homes to.
    public var targetStars: Int
    /// Types and ownerships eligible for upgrades and conversions (empty: institutional types,
    /// any ownership).
    public var eligibleTypes: [FacilityType]
    public var eligibleOwnership: [Ownership]
    /// For conversions and rating upgrades: only homes run at this level (举办层级).
    public var eligibleTier: OperatingTier? = nil
    /// Sources to draw from, in order.
    public var funding: [FundingSource]
    /// Years from funding to opening; nil means the type's lead time.
    public var leadTime: Int?

    public init(
        kind: Kind, label: String, years: [Int], perYear: Int = 0,
        places: [(region: Int, amount: Int)] = [], facilities: [Int] = [], receiving: Int? = nil,
        priority: PriorityRule? = nil, order: [Int] = [], unitLevel: RegionLevel? = nil,
        facilityType: FacilityType? = nil, ownership: Ownership = .publicRun,
        isCareType: Bool = false, nursingShare: Double = 0, bedsPerFacility: Int = 100,
        lot: Int = 50, targetStars: Int = 1, eligibleTypes: [FacilityType] = [],
        eligibleOwnership: [Ownership] = [],
        funding: [FundingSource] = FundingSource.capitalDefault,
        leadTime: Int? = nil
    ) {
        self.kind = kind
        self.label = label
        self.years = years
        self.perYear = perYear
        self.places = places
        self.facilities = facilities
        self.receiving = receiving
        self.priority = priority
        self.order = order
        self.unitLevel = unitLevel
        self.facilityType = facilityType
        self.ownership = ownership
        self.isCareType = isCareType
        self.nursingShare = nursingShare
        self.bedsPerFacility = bedsPerFacility
        self.lot = max(1, lot)
        self.targetStars = targetStars
        self.eligibleTypes = eligibleTypes
        self.eligibleOwnership = eligibleOwnership
        self.funding = funding
        self.leadTime = leadTime
    }
}

extension PlanAction {
    /// Whether the line ranks units by a priority rule (优先规则): it gives a count to place
    /// (`per_year`) rather than naming its places; conversions also rank the units of the
    /// places they name, unless they name the homes.
    public var ranksUnits: Bool {
        switch kind {
        case .buildBeds, .buildCentres, .buildStations, .addFamilyBeds, .certifyMealSites:
            places.isEmpty && perYear > 0
        case .convertToNursing:
            facilities.isEmpty && (perYear > 0 || !places.isEmpty)
        case .upgradeRatings, .buildPlanned, .close, .merge:
            false
        }
    }
}

/// Who receives recurring payments and which source pays them.
public struct RecurringCostRules: Sendable {
    /// The old-age allowance goes to everyone aged 80+ (000 二(三)5).
    public var allowanceSource: FundingSource
    /// The care subsidy goes to every poor disabled older person.
    public var careSubsidySource: FundingSource
    /// The operating subsidy is paid per occupied bed of homes of these ownerships...
    public var operatingSubsidyOwnership: [Ownership]
    /// ...for this share of their residents (e.g. the poor, disabled residents aged 80+ of
    /// Anshan's rule, 001 五(一)).
    public var operatingSubsidyEligibleShare: YearlyValues
    public var operatingSubsidySource: FundingSource
    public var trainingSource: FundingSource

    public init(
        allowanceSource: FundingSource = .localBudget,
        careSubsidySource: FundingSource = .localBudget,
        operatingSubsidyOwnership: [Ownership] = [.privateRun],
        operatingSubsidyEligibleShare: YearlyValues = .constant(1, from: 1900),
        operatingSubsidySource: FundingSource = .localBudget,
        trainingSource: FundingSource = .localBudget
    ) {
        self.allowanceSource = allowanceSource
        self.careSubsidySource = careSubsidySource
        self.operatingSubsidyOwnership = operatingSubsidyOwnership
        self.operatingSubsidyEligibleShare = operatingSubsidyEligibleShare
        self.operatingSubsidySource = operatingSubsidySource
        self.trainingSource = trainingSource
    }
}

/// An investment plan (投资计划): yearly budgets by source, unit costs, the actions, and the
/// rules of recurring costs (the `investment:` section of a scenario).
///
/// The budget is never exceeded: each year's actions are funded in the plan's order from
/// what is left of their sources; an amount that does not fit is deferred to the next year
/// (tried before that year's own lines) and reported with its shortfall.
public struct InvestmentPlan: Sendable {
    /// Budget by source (index ``FundingSource/rawValue``), yuan per year; nil for a source
    /// without a budget line: zero, except the local general budget, which is then not capped.
    public var budgets: [YearlyValues?]
    /// The whole welfare-lottery fund for social welfare at the planning region's level, the
    /// denominator of the lottery share spent on elderly care.
    public var welfareLotteryTotal: YearlyValues?
    public var unitCosts: UnitCostTable
    /// The rule for lines that give counts and name no rule.
    public var priority: PriorityRule
    /// Whether money left at the end of a year carries over to the next.
    public var carriesOver: Bool
    public var recurring: RecurringCostRules
    public var actions: [PlanAction]

    public init(
        budgets: [YearlyValues?] = Array(repeating: nil, count: FundingSource.count),
        welfareLotteryTotal: YearlyValues? = nil, unitCosts: UnitCostTable,
        priority: PriorityRule = .mostUncoveredElderly, carriesOver: Bool = false,
        recurring: RecurringCostRules = RecurringCostRules(), actions: [PlanAction]
    ) {
        precondition(budgets.count == FundingSource.count)
        self.budgets = budgets
        self.welfareLotteryTotal = welfareLotteryTotal
        self.unitCosts = unitCosts
        self.priority = priority
        self.carriesOver = carriesOver
        self.recurring = recurring
        self.actions = actions
    }

    /// Whether some line ranks units by a rule, its own or the plan's default.
    public func ranksUnits(by rule: PriorityRule) -> Bool {
        actions.contains { $0.ranksUnits && ($0.priority ?? priority) == rule }
    }
}
