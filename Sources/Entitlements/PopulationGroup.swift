import Demography
import Quantities

/// A group of the population that eligibility rules name (特殊群体): special-hardship persons
/// (特困), minimum-living-guarantee households (低保), those living alone (独居), empty-nest
/// elders (空巢), families who lost their only child (计划生育特殊家庭), veterans (退役军人) …,
/// given as a share of each population cell.
///
/// The share in a cell (year, residence, sex, age, capability level) is the product of the
/// factors given: `share(year) × bySex[sex] × byResidence[residence] × byAge[age group] ×
/// byLevel[level]`, each factor 1 when not given, and 0 below `fromAge`. Give the share
/// itself in one factor and the others as relative factors, e.g. `byLevel` alone for the
/// share of each level living in private homes.
public struct PopulationGroup: Hashable, Sendable {
    /// The name rules use, e.g. 特困 or `living-alone`.
    public var name: String
    /// The share by year (interpolated), or 1.
    public var share: YearlyValues
    /// Factors by sex (female, male), if given.
    public var bySex: [Double]?
    /// Factors by residence (urban, rural), if given.
    public var byResidence: [Double]?
    /// Factors by age group (lower bounds increasing; below the first group the factor is
    /// the first group's), if given.
    public var byAge: (lowerBounds: [Int], factors: [Double])?
    /// Factors by capability level (five), if given.
    public var byLevel: [Double]?
    /// The youngest age in the group (0: every age).
    public var fromAge: Int
    /// Where the share comes from, or why it is assumed.
    public var source: String?
    public var assumption: String?

    public init(
        name: String, share: YearlyValues, bySex: [Double]? = nil, byResidence: [Double]? = nil,
        byAge: (lowerBounds: [Int], factors: [Double])? = nil, byLevel: [Double]? = nil,
        fromAge: Int = 0, source: String? = nil, assumption: String? = nil
    ) {
        precondition(bySex.map { $0.count == 2 } ?? true)
        precondition(byResidence.map { $0.count == 2 } ?? true)
        precondition(byLevel.map { $0.count == 5 } ?? true)
        precondition(
            byAge.map { !$0.lowerBounds.isEmpty && $0.lowerBounds.count == $0.factors.count }
                ?? true)
        self.name = name
        self.share = share
        self.bySex = bySex
        self.byResidence = byResidence
        self.byAge = byAge
        self.byLevel = byLevel
        self.fromAge = fromAge
        self.source = source
        self.assumption = assumption
    }

    /// A group of `Demography`'s care-need assumption: a share of the persons at or above
    /// an age.
    public init(_ group: SpecialGroup, baseYear: Int) {
        self.init(
            name: group.name, share: .constant(group.share, from: baseYear),
            fromAge: group.fromAge, source: "demography.care_need.special_groups")
    }

    /// Whether the share changes with the capability level.
    public var dependsOnLevel: Bool { byLevel != nil }
    /// Whether the share changes with urban or rural residence.
    public var dependsOnResidence: Bool { byResidence != nil }

    /// The share of a cell in the group, 0…1 for sensible inputs (the decoder checks that
    /// the product of the factors stays within 0…1).
    public func share(year: Int, residence: Int, sex: Sex, age: Int, level: Int) -> Double {
        guard age >= fromAge else { return 0 }
        var value = share.value(in: year) ?? 0
        if let bySex { value *= bySex[sex.rawValue] }
        if let byResidence { value *= byResidence[residence] }
        if let byLevel { value *= byLevel[level] }
        if let byAge {
            var index = 0
            while index + 1 < byAge.lowerBounds.count, byAge.lowerBounds[index + 1] <= age {
                index += 1
            }
            value *= byAge.factors[index]
        }
        return value
    }

    public static func == (a: PopulationGroup, b: PopulationGroup) -> Bool {
        a.name == b.name && a.share == b.share && a.bySex == b.bySex
            && a.byResidence == b.byResidence && a.byAge?.lowerBounds == b.byAge?.lowerBounds
            && a.byAge?.factors == b.byAge?.factors && a.byLevel == b.byLevel
            && a.fromAge == b.fromAge && a.source == b.source && a.assumption == b.assumption
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(share)
        hasher.combine(fromAge)
    }
}
