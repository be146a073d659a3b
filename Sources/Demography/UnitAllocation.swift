import Foundation
import Geography

/// A county's census residents by urban–rural part (城镇人口、乡村人口).
public struct UrbanRuralPersons: Hashable, Sendable {
    public var urban: Double
    public var rural: Double

    public init(urban: Double, rural: Double) {
        self.urban = urban
        self.rural = rural
    }
}

/// How an area's (a county's) projected persons are shared among the communities and
/// villages below it (人口分配到社区和村).
///
/// Three rules, the first that applies:
/// 1. **A bureau's table** of the units' persons by sex and age (`unit_population:`): each
///    measure (everyone, 60+, 65+, 80+, under 3) is shared in proportion to the units' persons
///    of those ages in the table.
/// 2. **Urban and rural residents** (`urban_rural:`): the county's census urban residents are
///    shared equally among its urban units and its rural residents among its rural units. A
///    unit is urban when its NBS urban–rural class (城乡分类代码) is 111–123, or, without a
///    class, when it is a community (社区居委会) or, where the tree stops at townships, a
///    street (街道); otherwise rural. A county with units of only one part, or with nobody in
///    one part (all of 卫滨区 is urban at the census, villages included: the kind of a unit
///    is only a proxy for its class), shares everyone equally among its units.
/// 3. **Equal parts**, when nothing is known.
///
/// Whatever the rule, the persons given to units are whole: ``WholePersons/apportion(_:shares:)``.
public struct UnitAllocation: Hashable, Sendable {
    /// Census urban and rural residents by area.
    public var urbanRural: [DivisionCode: UrbanRuralPersons]
    /// Persons of units given by a bureau, by unit.
    public var unitPopulations: [DivisionCode: AgeSexPopulation]

    public init(
        urbanRural: [DivisionCode: UrbanRuralPersons] = [:],
        unitPopulations: [DivisionCode: AgeSexPopulation] = [:]
    ) {
        self.urbanRural = urbanRural
        self.unitPopulations = unitPopulations
    }

    /// The measures shared separately.
    public enum Measure: Int, CaseIterable, Sendable {
        case everyone, aged60, aged65, aged80, under3
    }

    /// Whether a unit counts as urban for rule 2.
    public static func isUrban(_ region: Region) -> Bool {
        if let urbanRural = region.urbanRural { return urbanRural.isUrban }
        return region.kind == .community || region.kind == .street
    }

    /// The shares of an area's units, per measure (each row sums to 1).
    /// - Parameters:
    ///   - area: the area's code.
    ///   - units: the units below it (tree indices), in order.
    ///   - tree: the scenario's regions.
    public func shares(area: DivisionCode, units: [Int], tree: RegionTree) -> [[Double]] {
        let count = units.count
        let equal = [Double](repeating: 1 / Double(max(count, 1)), count: count)
        let given = units.map { unitPopulations[tree.regions[$0].code] }
        if !given.isEmpty, given.allSatisfy({ $0 != nil }) {
            return Measure.allCases.map { measure in
                let persons = given.map { population -> Double in
                    let population = population!
                    switch measure {
                    case .everyone: return population.total
                    case .aged60: return CareNeed.persons(in: population, from: 60)
                    case .aged65: return CareNeed.persons(in: population, from: 65)
                    case .aged80: return CareNeed.persons(in: population, from: 80)
                    case .under3: return CareNeed.persons(in: population, from: 0, below: 3)
                    }
                }
                let sum = persons.reduce(0, +)
                return sum > 0 ? persons.map { $0 / sum } : equal
            }
        }
        var weights = equal
        if let parts = urbanRural[area] {
            let urban = units.map { Self.isUrban(tree.regions[$0]) }
            let urbanCount = urban.filter { $0 }.count
            let ruralCount = count - urbanCount
            if urbanCount > 0, ruralCount > 0, parts.urban > 0, parts.rural > 0 {
                weights = urban.map {
                    $0 ? parts.urban / Double(urbanCount) : parts.rural / Double(ruralCount)
                }
                let sum = weights.reduce(0, +)
                weights = weights.map { $0 / sum }
            }
        }
        return Measure.allCases.map { _ in weights }
    }
}

/// Whole persons (整数人口) from a fractional total and shares.
public enum WholePersons {
    /// Shares a total among parts in whole persons by the largest-remainder (Hamilton) method:
    /// the total is rounded to whole persons; each part gets the whole part of its quota,
    /// and the persons left go one each to the parts with the largest fractions (ties to
    /// the earlier part). The parts sum to the rounded total exactly.
    /// - Parameters:
    ///   - value: persons (≥ 0).
    ///   - shares: the parts' shares, summing to 1.
    /// - Complexity: O(n log n) for n parts.
    public static func apportion(_ value: Double, shares: [Double]) -> [Double] {
        guard !shares.isEmpty else { return [] }
        let total = max(value, 0).rounded()
        if shares.count == 1 { return [total] }
        // Each part's whole persons and the fraction of a person its quota leaves, in one
        // pass: the sort below reads the fractions, not the quotas.
        var parts = [Double](repeating: 0, count: shares.count)
        var fractions = parts
        var given = 0.0
        for index in shares.indices {
            let quota = total * shares[index]
            parts[index] = quota.rounded(.down)
            fractions[index] = quota - parts[index]
            given += parts[index]
        }
        let left = Int(total - given)
        guard left > 0 else { return parts }
        // The persons left go to the parts whose fractions are above the `left`-th largest,
        // then to those at it, earlier parts first. (The fractions are finite here: a part
        // that is not would have made `given` NaN or infinite, which `Int` traps on.)
        let threshold = fractions.sorted(by: >)[min(left, fractions.count) - 1]
        var atThreshold = left - fractions.reduce(0) { $1 > threshold ? $0 + 1 : $0 }
        for index in parts.indices {
            if fractions[index] > threshold {
                parts[index] += 1
            } else if fractions[index] == threshold, atThreshold > 0 {
                parts[index] += 1
                atThreshold -= 1
            }
        }
        return parts
    }
}
