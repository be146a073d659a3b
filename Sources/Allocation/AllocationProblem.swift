import Facilities
import GLPK

/// The kinds of action the optimiser chooses (优化配置的行动), each one a plan line kind of
/// the investment section.
public enum AllocationAction: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// A street centre (街道综合养老服务中心) in a street (`build_centres`).
    case streetCentre = 0
    /// A township centre (乡镇区域养老服务中心) in a town or township (`build_centres`).
    case townshipCentre
    /// A community station (社区养老服务站) in a community (`build_stations`).
    case communityStation
    /// A village point (农村幸福院) in a village (`build_stations`).
    case villagePoint
    /// A care-type special-hardship home (照护型特困人员供养服务设施) in a county (`build_beds`).
    case careHome
    /// Ordinary beds of a county's homes converted to nursing-type beds (`convert_to_nursing`),
    /// counted in beds.
    case conversion
    /// A meal site certified (老年助餐点, `certify_meal_sites`).
    case mealSite
    /// A new home of the plan's size (`build_beds`), counted in homes.
    case home

    /// `street_centre`, `township_centre`, `community_station`, `village_point`, `care_home`,
    /// `convert_to_nursing`, `meal_site`, `home`.
    public var identifier: String {
        switch self {
        case .streetCentre: "street_centre"
        case .townshipCentre: "township_centre"
        case .communityStation: "community_station"
        case .villagePoint: "village_point"
        case .careHome: "care_home"
        case .conversion: "convert_to_nursing"
        case .mealSite: "meal_site"
        case .home: "home"
        }
    }

    /// The facility type built, for the actions that build one.
    public var facilityType: FacilityType? {
        switch self {
        case .streetCentre: .streetCentre
        case .townshipCentre: .townshipCentre
        case .communityStation: .communityStation
        case .villagePoint: .villagePoint
        case .careHome: .specialHardshipHome
        case .home: .institution
        case .mealSite: .mealSite
        case .conversion: nil
        }
    }

    public var description: String { identifier }
}

/// One choice of the optimiser: how many of an action to start in each year, in one unit or in
/// a class of interchangeable units (same cost, same effect on every target).
public struct AllocationOption: Sendable {
    public var action: AllocationAction
    /// The units that may receive the action (region indices), in the order they receive it;
    /// one unit for per-unit options.
    public var units: [Int]
    /// Yuan per count (per facility, per bed converted, per home).
    public var unitCost: Double
    /// Years from funding to effect: a count started in year y counts from y + lead.
    public var leadTime: Int
    /// The sources that may pay, in the plan's order.
    public var sources: [FundingSource]
    /// The most counts in one year.
    public var perYearLimit: Int
    /// The most counts over all years.
    public var totalLimit: Int

    public init(
        action: AllocationAction, units: [Int], unitCost: Double, leadTime: Int,
        sources: [FundingSource], perYearLimit: Int, totalLimit: Int
    ) {
        self.action = action
        self.units = units
        self.unitCost = unitCost
        self.leadTime = leadTime
        self.sources = sources
        self.perYearLimit = perYearLimit
        self.totalLimit = totalLimit
    }
}

/// One linear attainment condition of a target in one year and region:
/// `Σ coefficient × (counts of the option started by year − lead) + Σ spending of a source in
/// that year ≥ rightHandSide`.
///
/// For a share `numerator ÷ denominator ≥ threshold` the row is the linearisation
/// `numerator − threshold × denominator ≥ 0`, with the base path's numerator and denominator
/// moved to the right-hand side and each option's effect on both in its coefficient.
public struct AllocationRow: Sendable {
    /// The year the condition is judged in.
    public var year: Int
    /// The region judged (tree index).
    public var region: Int
    public var terms: [(option: Int, coefficient: Double)]
    /// Spending of a source in `year` counts with this coefficient per yuan (the lottery share).
    public var spending: (source: FundingSource, coefficient: Double)?
    public var rightHandSide: Double

    public init(
        year: Int, region: Int, terms: [(option: Int, coefficient: Double)],
        spending: (source: FundingSource, coefficient: Double)? = nil, rightHandSide: Double
    ) {
        self.year = year
        self.region = region
        self.terms = terms
        self.spending = spending
        self.rightHandSide = rightHandSide
    }
}

/// A target as the optimiser sees it: met when every one of its rows holds.
public struct AllocationTarget: Sendable {
    public var id: String
    public var weight: Double
    public var rows: [AllocationRow]

    public init(id: String, weight: Double = 1, rows: [AllocationRow]) {
        self.id = id
        self.weight = weight
        self.rows = rows
    }
}

/// What to optimise.
public enum AllocationObjective: String, Sendable, CaseIterable {
    /// The most targets met (weighted) within the yearly budgets by source; ties broken by
    /// the least cost.
    case targets
    /// Every reachable target met at the least cost; the yearly budgets do not bind, a total
    /// budget (if given) caps the cost.
    case cost
}

/// The allocation problem (资金与项目优化配置): options, years, yearly capital by source and
/// targets; solved as a mixed-integer program.
///
/// Variables: integer counts `x[o, y]` of option o started in year y (binary when at most one),
/// continuous spending `s[o, f, y]` (万元) of source f on it, and a binary `met[t]` per target.
/// Rows: spending pays for the counts (`Σ_f s[o,f,y] = cost_o x[o,y]`); each source's
/// spending in a year is at most its capital (plus what is carried over when the plan carries
/// money over); each option's counts stay within its limits; each target row holds when its
/// target is met, by a big-M term whose M is the row's worst case (`rhs − min LHS`), so it is
/// as tight as the option limits allow. Objective `targets`: maximise `Σ weight × met`, then,
/// with that value fixed, minimise the cost (two solves, so that no weight is traded for
/// money). Objective `cost`: fix every target whose rows can each be met when money is no
/// object, and minimise the cost.
public struct AllocationProblem: Sendable {
    /// The years actions may start in, increasing and consecutive.
    public var years: [Int]
    /// Capital available by source (``FundingSource/rawValue``) and year index, in yuan; nil
    /// where not capped.
    public var capital: [[Double?]]
    /// Whether money left at a year's end carries over.
    public var carriesOver: Bool
    public var options: [AllocationOption]
    public var targets: [AllocationTarget]

    public init(
        years: [Int], capital: [[Double?]], carriesOver: Bool = false,
        options: [AllocationOption], targets: [AllocationTarget]
    ) {
        precondition(capital.count == FundingSource.count)
        precondition(capital.allSatisfy { $0.count == years.count })
        self.years = years
        self.capital = capital
        self.carriesOver = carriesOver
        self.options = options
        self.targets = targets
    }

    /// The most counts of an option that can take effect by a year (started by year − lead).
    public func reachableCount(_ option: Int, by year: Int) -> Int {
        let o = options[option]
        let usable = years.filter { $0 + o.leadTime <= year }.count
        return min(o.totalLimit, o.perYearLimit * usable)
    }

    /// The least and greatest left-hand side of a row over all counts within the limits (the
    /// spending term counted at 0 and at the source's whole capital).
    func bounds(of row: AllocationRow) -> (lower: Double, upper: Double) {
        var lower = 0.0
        var upper = 0.0
        for (option, coefficient) in row.terms {
            let most = Double(reachableCount(option, by: row.year)) * coefficient
            if most < 0 { lower += most } else { upper += most }
        }
        if let (source, coefficient) = row.spending {
            let index = years.firstIndex(of: row.year)
            let most: Double =
                index.map { capital[source.rawValue][$0] ?? 1e15 } ?? 0
            if coefficient < 0 { lower += coefficient * most } else { upper += coefficient * most }
        }
        return (lower, upper)
    }

    /// Whether a row holds for any allocation, or for none.
    func classify(_ row: AllocationRow) -> RowClass {
        let (lower, upper) = bounds(of: row)
        let tolerance = 1e-9 * max(1, abs(row.rightHandSide))
        if lower >= row.rightHandSide - tolerance { return .always }
        if upper < row.rightHandSide - tolerance { return .never }
        return .depends
    }

    enum RowClass { case always, never, depends }

    /// Whether every row of a target can hold (with unlimited money).
    public func isReachable(_ target: Int) -> Bool {
        targets[target].rows.allSatisfy { classify($0) != .never }
    }
}
