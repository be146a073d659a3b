import Geography

/// One facility of the inventory (设施台账): a home, a centre, a station, a meal site, or the
/// family care beds of one community.
public struct Facility: Hashable, Sendable {
    /// An identifier unique within the inventory (the registration number, or any code).
    public var id: String
    /// Its name, possibly empty.
    public var name: String
    public var type: FacilityType
    public var ownership: Ownership
    /// Care-type (照护型): a special-hardship home whose main task is the care of disabled
    /// residents.
    public var isCareType: Bool
    /// The index, in the scenario's ``RegionTree``, of the unit it stands in: a community or
    /// village, or a street, town or county when the tree stops above that level.
    public var region: Int
    /// Beds (床位), all kinds; for family beds, the certified beds of the community.
    public var beds: Int
    /// Nursing-type beds (护理型床位), at most `beds`.
    public var nursingBeds: Int
    /// Star rating under GB/T 37276-2018, 0 (unrated) to 5.
    public var stars: Int
    public var status: FacilityStatus
    /// For an operating or closed facility, the year it opened, if known; for an approved
    /// project or one under construction, the year it opens (the end of the approval year
    /// plus the lead time); nil for a planned one.
    public var openingYear: Int?
    /// Residents in the base year (在院人数), when known; they fix the facility's own
    /// occupancy rate. Otherwise the scenario's occupancy rate applies.
    public var residents: Int?
    /// Caregivers (护理员) in the base year, when known; otherwise the scenario's staffing
    /// share of need.
    public var caregivers: Double?
    /// Where it is, in the scenario's datum, when known.
    public var location: GeoPoint?
    /// Synthetic (合成): placed by a documented rule to reproduce published totals, not taken
    /// from a register; reports should say so.
    public var isSynthetic: Bool
    /// The level of government that runs it, when the inventory says (举办层级).
    public var tier: OperatingTier?

    public init(
        id: String, name: String = "", type: FacilityType, ownership: Ownership = .publicRun,
        isCareType: Bool = false, region: Int, beds: Int = 0, nursingBeds: Int = 0, stars: Int = 0,
        status: FacilityStatus = .operating, openingYear: Int? = nil, residents: Int? = nil,
        caregivers: Double? = nil, location: GeoPoint? = nil, isSynthetic: Bool = false,
        tier: OperatingTier? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.ownership = ownership
        self.isCareType = isCareType
        self.region = region
        self.beds = beds
        self.nursingBeds = nursingBeds
        self.stars = stars
        self.status = status
        self.openingYear = openingYear
        self.residents = residents
        self.caregivers = caregivers
        self.location = location
        self.isSynthetic = isSynthetic
        self.tier = tier
    }
}

/// The facilities of a scenario in its base year: existing, closed, and in the pipeline.
///
/// The invariants are checked once, at `init`: unique ids, no negative beds, nursing beds
/// at most beds, stars 0–5, no beds in a meal site, residents at most beds, a region in the
/// tree, and an opening year for every approved project and one under construction, after
/// the base year (an operating facility opened in or before it).
public struct FacilityInventory: Sendable {
    /// The facilities, in the order given.
    public let facilities: [Facility]

    /// What breaks an invariant; `position` is the facility's index in the list.
    public enum InvariantError: Error, Hashable, Sendable, CustomStringConvertible {
        case duplicateID(String, position: Int, firstPosition: Int)
        case negativeBeds(String, position: Int)
        case nursingBedsAboveBeds(String, position: Int)
        case starsOutOfRange(String, position: Int)
        case bedsInMealSite(String, position: Int)
        case residentsAboveBeds(String, position: Int)
        case regionNotInTree(String, position: Int)
        case openingYear(String, position: Int, reason: String)

        public var description: String {
            switch self {
            case .duplicateID(let id, _, let first):
                "facility id '\(id)' appears twice (first as facility \(first + 1))"
            case .negativeBeds(let id, _): "facility '\(id)' has negative beds"
            case .nursingBedsAboveBeds(let id, _):
                "facility '\(id)' has more nursing beds than beds"
            case .starsOutOfRange(let id, _):
                "facility '\(id)' has a star rating outside 0–5"
            case .bedsInMealSite(let id, _): "meal site '\(id)' has beds"
            case .residentsAboveBeds(let id, _): "facility '\(id)' has more residents than beds"
            case .regionNotInTree(let id, _): "facility '\(id)' stands in no region of the tree"
            case .openingYear(let id, _, let reason): "facility '\(id)': \(reason)"
            }
        }
    }

    /// Checks and keeps the facilities.
    /// - Parameters:
    ///   - regionCount: the number of regions of the tree the `region` indices refer to.
    ///   - baseYear: the year the inventory describes.
    /// - Throws: the first ``InvariantError`` found (loaders report all of them, with their
    ///   lines, before building the inventory).
    public init(facilities: [Facility], regionCount: Int, baseYear: Int) throws(InvariantError) {
        var firstPosition: [String: Int] = [:]
        for (position, facility) in facilities.enumerated() {
            if let first = firstPosition[facility.id] {
                throw .duplicateID(facility.id, position: position, firstPosition: first)
            }
            firstPosition[facility.id] = position
            if let error = Self.problem(
                with: facility, regionCount: regionCount, baseYear: baseYear)
            {
                throw error(position)
            }
        }
        self.facilities = facilities
    }

    /// What is wrong with one facility, if anything, as a function of its position.
    public static func problem(with facility: Facility, regionCount: Int, baseYear: Int)
        -> (@Sendable (Int) -> InvariantError)?
    {
        let id = facility.id
        if facility.beds < 0 || facility.nursingBeds < 0 {
            return { .negativeBeds(id, position: $0) }
        }
        if facility.nursingBeds > facility.beds {
            return { .nursingBedsAboveBeds(id, position: $0) }
        }
        if !StarRating.range.contains(facility.stars) {
            return { .starsOutOfRange(id, position: $0) }
        }
        if facility.type == .mealSite, facility.beds > 0 {
            return { .bedsInMealSite(id, position: $0) }
        }
        if let residents = facility.residents, residents > facility.beds || residents < 0 {
            return { .residentsAboveBeds(id, position: $0) }
        }
        if !(0..<regionCount).contains(facility.region) {
            return { .regionNotInTree(id, position: $0) }
        }
        if let reason = openingProblem(facility, baseYear: baseYear) {
            return { .openingYear(id, position: $0, reason: reason) }
        }
        return nil
    }

    /// Why a facility's opening year does not fit its status, if it does not.
    public static func openingProblem(_ facility: Facility, baseYear: Int) -> String? {
        switch facility.status {
        case .approved, .underConstruction:
            guard let year = facility.openingYear else {
                return "an \(facility.status.identifier) project needs the year it opens"
            }
            if year <= baseYear {
                return
                    "an \(facility.status.identifier) project opens after the base year \(baseYear) (it would open in \(year)); if it is open, its status is operating"
            }
        case .operating:
            if let year = facility.openingYear, year > baseYear {
                return
                    "an operating facility opened in or before the base year \(baseYear) (got \(year)); a later opening is approved or under_construction"
            }
        case .planned, .closed:
            break
        }
        return nil
    }

    /// The index of each facility by its id.
    public func indexByID() -> [String: Int] {
        var result: [String: Int] = [:]
        result.reserveCapacity(facilities.count)
        for (index, facility) in facilities.enumerated() { result[facility.id] = index }
        return result
    }
}
