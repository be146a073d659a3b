import Quantities

/// How the stock behaves over the years: the inventory, what counts as a service bed,
/// occupancy, lead times and staffing (the `facilities:` section of a scenario).
public struct FacilitySettings: Sendable {
    /// The facilities in the base year.
    public var inventory: FacilityInventory
    /// Whether certified family care beds count as service beds (养老服务床位) and in the
    /// all-service-beds nursing share. Documents differ: Anshan (001 一(六)) and Liaoning
    /// (004 二(二)4) bring certified family beds under institutional bed management; the
    /// national bulletins keep them apart. Default false.
    public var countsFamilyBeds: Bool
    /// The share of beds occupied (入住率), by ``BedCategory``: institutional, community,
    /// family. Effective capacity is beds × occupancy. A facility whose base-year residents
    /// are given keeps its own rate.
    public var occupancy: [YearlyValues]
    /// Years from approval to opening, by ``FacilityType``.
    public var leadTimes: [Int]
    /// Caregivers needed and available.
    public var staffing: StaffingRules
    /// How care need becomes a demand for institutional places.
    public var demand: CareDemandRules
    /// Whether the institutional occupancy is given (a bureau that knows it pins it); when
    /// not, and the population gives capability levels, residents follow care demand.
    public var pinsInstitutionalOccupancy: Bool

    /// Whether institutional residents follow care demand in a run on this population: the
    /// population gives capability levels and the occupancy is not pinned.
    public func residentsFollowNeed(_ population: ElderlyPopulation?) -> Bool {
        population?.byLevel != nil && !pinsInstitutionalOccupancy
    }

    /// Defaults of occupancy (assumptions, overridable): institutional 0.5 (MCA, July 2020:
    /// 2.15 million residents in 4.29 million beds), community 0.3, family 1.0 (a certified
    /// family bed is someone's bed).
    public static let defaultOccupancy: [Double] = [0.5, 0.3, 1.0]

    public init(
        inventory: FacilityInventory, countsFamilyBeds: Bool = false,
        occupancy: [YearlyValues]? = nil, leadTimes: [Int]? = nil,
        staffing: StaffingRules = StaffingRules(), demand: CareDemandRules = CareDemandRules(),
        pinsInstitutionalOccupancy: Bool? = nil
    ) {
        precondition(occupancy == nil || occupancy!.count == BedCategory.count)
        precondition(leadTimes == nil || leadTimes!.count == FacilityType.count)
        self.inventory = inventory
        self.countsFamilyBeds = countsFamilyBeds
        self.occupancy =
            occupancy ?? Self.defaultOccupancy.map { YearlyValues.constant($0, from: 1900) }
        self.leadTimes = leadTimes ?? FacilityType.allCases.map(\.defaultLeadTime)
        self.staffing = staffing
        self.demand = demand
        self.pinsInstitutionalOccupancy = pinsInstitutionalOccupancy ?? (occupancy != nil)
    }
}

/// Caregivers needed by the residents' care levels, and caregivers available (护理员配备).
///
/// Need is residents × Σ (share at level ÷ residents per caregiver at level). Each facility
/// starts with the caregivers its inventory row gives, or `initialShareOfNeed` of its need;
/// facilities that open later are staffed at the same share. Every year a share `attrition`
/// leaves, and the caregivers trained that year (培训) fill the gaps, in proportion to each
/// facility's gap; trained caregivers beyond every gap wait in a pool for later gaps.
public struct StaffingRules: Hashable, Sendable {
    /// Capability levels of GB/T 42195-2022 (老年人能力等级), as they bear on staffing.
    public enum CareLevel: Int, Hashable, Sendable, CaseIterable {
        /// 能力完好 (level 0).
        case intact = 0
        /// 轻度失能 (level 1).
        case mild
        /// 中度失能 (level 2).
        case moderate
        /// 重度失能 (level 3).
        case severe
        /// 完全失能 (level 4).
        case complete

        /// `intact`, `mild`, `moderate`, `severe`, `complete`.
        public var identifier: String {
            ["intact", "mild", "moderate", "severe", "complete"][rawValue]
        }
    }

    /// Residents one caregiver looks after, by care level. Default 10, 6, 6, 3, 3: the
    /// nursing-type bed criterion of 1:3 for fully and 1:6 for partially disabled residents
    /// (policy-facts §2.6), with levels 3–4 taken as fully and 1–2 as partially disabled, and
    /// 1:10 for the able (the commonly cited 敬老院 rule, not verified) — assumptions.
    public var residentsPerCaregiver: [Double]
    /// The share of residents at each care level; sums to 1. Default 0.35, 0.2, 0.2, 0.15, 0.1
    /// (an assumption for illustration).
    public var residentMix: [Double]
    /// Caregivers trained each year (persons), if any.
    public var trainedPerYear: YearlyValues?
    /// The share of caregivers who leave each year.
    public var attrition: Double
    /// Caregivers of a facility whose inventory gives none, and of every facility that
    /// opens, as a share of its need.
    public var initialShareOfNeed: Double
    /// The share of the base year's caregivers and home directors already trained (培训率 at
    /// the start); default 0 (an assumption: no figure is published).
    public var trainedShareAtStart: Double = 0
    /// The share of a home's caregiver shortfall (after the year's leavers) that it fills from
    /// the labour market during the year (招聘补缺率), by year; nil means 1: homes hire what
    /// their residents need (an assumption — no vacancy rate is published). Below 1, homes
    /// stay short of staff and the residents their caregivers cannot look after wait.
    public var hiring: YearlyValues?

    public init(
        residentsPerCaregiver: [Double] = [10, 6, 6, 3, 3],
        residentMix: [Double] = [0.35, 0.2, 0.2, 0.15, 0.1], trainedPerYear: YearlyValues? = nil,
        attrition: Double = 0, initialShareOfNeed: Double = 1
    ) {
        precondition(residentsPerCaregiver.count == 5 && residentMix.count == 5)
        precondition(residentsPerCaregiver.allSatisfy { $0 > 0 })
        self.residentsPerCaregiver = residentsPerCaregiver
        self.residentMix = residentMix
        self.trainedPerYear = trainedPerYear
        self.attrition = attrition
        self.initialShareOfNeed = initialShareOfNeed
    }

    /// The share of the shortfall filled by hiring in a year (``hiring``), in 0…1.
    public func hiringShare(in year: Int) -> Double {
        min(max(hiring?.value(in: year) ?? 1, 0), 1)
    }

    /// Caregivers needed per resident: Σ share ÷ ratio.
    public var caregiversPerResident: Double {
        zip(residentMix, residentsPerCaregiver).reduce(0) { $0 + $1.0 / $1.1 }
    }
}
