/// How care need becomes a demand for places in institutions (机构养老需求测算): the share of
/// the older people at each capability level of GB/T 42195-2022 who need a bed, and the
/// levels whose residents need a nursing-type bed.
///
/// Demand for beds = Σ older persons at level × take-up at level; of it, the persons at
/// `nursingFrom` or above need nursing-type beds (护理型床位); the caregivers the demand
/// needs = Σ persons at level × take-up ÷ residents per caregiver at level (the same ratios
/// as ``StaffingRules``). Community and home-care places likewise, with their own rates. A
/// scenario gives the rates as `facilities.take_up`; these are the defaults.
public struct CareDemandRules: Hashable, Sendable {
    /// The share of persons at each capability level (intact, mild, moderate, severe,
    /// complete) who need a place in an institution (入住需求率), fractions.
    ///
    /// Default 0.3%, 1.5%, 3%, 4%, 4% — **an assumption a bureau must replace**, calibrated so
    /// that China's older population of 2020 (census: 55.8% aged 60–69, 30.9% 70–79, 13.6%
    /// 80+) at the shipped scenarios' capability shares (81.0% intact, 9.5% mild, 4.7%
    /// moderate, 2.8% severe, 1.9% complete loss; 19.0% with a limitation, near the 4th sample
    /// survey's 18.3%) needs 0.72% of its people aged 60+ in institutions: the 0.73% who lived
    /// in one by the 2020 census long form (乔晓春, reported by 阳义南 2023, 全国有多少老年人
    /// 愿意去机构养老？), spread over the levels by ``StaffingRules``'s default resident mix.
    /// The planning norm "9073" (3% of older people in institutions) is four times as high;
    /// scenarios state which they use.
    public var institutionalTakeUp: [Double]
    /// The first level whose residents need a nursing-type bed: moderate loss (中度失能, level
    /// 2) by default, the levels plans call 失能 (policy-facts §2.5).
    public var nursingFrom: StaffingRules.CareLevel
    /// The share of persons at each level who need a place in community care (社区养老: day
    /// care, respite), and home care (居家上门服务); nil when not given (no default: no
    /// public source gives them by level).
    public var communityTakeUp: [Double]?
    public var homeTakeUp: [Double]?

    public static let defaultTakeUp: [Double] = [0.003, 0.015, 0.03, 0.04, 0.04]

    public init(
        institutionalTakeUp: [Double] = Self.defaultTakeUp,
        nursingFrom: StaffingRules.CareLevel = .moderate, communityTakeUp: [Double]? = nil,
        homeTakeUp: [Double]? = nil
    ) {
        let levels = StaffingRules.CareLevel.allCases.count
        precondition(institutionalTakeUp.count == levels)
        precondition([communityTakeUp, homeTakeUp].allSatisfy { $0 == nil || $0!.count == levels })
        self.institutionalTakeUp = institutionalTakeUp
        self.nursingFrom = nursingFrom
        self.communityTakeUp = communityTakeUp
        self.homeTakeUp = homeTakeUp
    }

    /// The demand of one unit in one year from its persons at each level.
    /// - Parameters:
    ///   - persons: persons at levels 0…4.
    ///   - residentsPerCaregiver: residents one caregiver looks after, by level.
    public func demand(persons: [Double], residentsPerCaregiver: [Double]) -> CareDemand {
        var result = CareDemand()
        for level in 0..<min(persons.count, institutionalTakeUp.count) {
            let needing = persons[level] * institutionalTakeUp[level]
            result.beds += needing
            if level >= nursingFrom.rawValue { result.nursingBeds += needing }
            result.caregivers += needing / residentsPerCaregiver[level]
            result.communityPlaces += persons[level] * (communityTakeUp?[level] ?? 0)
            result.homeCare += persons[level] * (homeTakeUp?[level] ?? 0)
        }
        return result
    }
}

/// The places and staff the care need of a unit calls for in a year (需求).
public struct CareDemand: Hashable, Sendable {
    /// Persons who need a bed in an institution (所需养老机构床位).
    public var beds: Double = 0
    /// Of them, persons who need a nursing-type bed (所需护理型床位).
    public var nursingBeds: Double = 0
    /// Caregivers they need (所需养老护理员).
    public var caregivers: Double = 0
    /// Persons who need a community-care place (社区养老服务) and home care (居家上门服务).
    public var communityPlaces: Double = 0
    public var homeCare: Double = 0

    public init(
        beds: Double = 0, nursingBeds: Double = 0, caregivers: Double = 0,
        communityPlaces: Double = 0, homeCare: Double = 0
    ) {
        self.beds = beds
        self.nursingBeds = nursingBeds
        self.caregivers = caregivers
        self.communityPlaces = communityPlaces
        self.homeCare = homeCare
    }

    /// Caregivers per person needing a bed: the staffing ratio of this demand's mix of levels.
    public var caregiversPerResident: Double? { beds > 0 ? caregivers / beds : nil }
}
