import Geography
import Quantities

/// Childcare places for children under 3 (3岁以下婴幼儿托位, the 一小 of 一老一小) as a stock:
/// the base year's places, places a plan approves each year that open after a lead time, and
/// their capital cost (the `childcare:` section of a scenario).
public struct ChildcarePlan: Hashable, Sendable {
    /// Places per 1,000 residents in the base year, spread over the units by their residents
    /// (Liaoning 004 一(二): 3 in 2020; the national 14th five-year plan: 1.8 in 2020).
    public var basePerThousand: Double
    /// Places approved each year (托位 新增), by year; nil or a year not given: none.
    public var approved: [Int: Double]
    /// Years from approval to opening.
    public var leadTime: Int
    /// Capital cost of a new place, yuan; nil: not costed.
    public var costPerPlace: Double?

    public init(
        basePerThousand: Double, approved: [Int: Double] = [:], leadTime: Int = 1,
        costPerPlace: Double? = nil
    ) {
        precondition(basePerThousand >= 0 && leadTime >= 0)
        self.basePerThousand = basePerThousand
        self.approved = approved
        self.leadTime = leadTime
        self.costPerPlace = costPerPlace
    }
}

/// What the childcare stock does over a run: places and capital spending per year and unit.
public struct ChildcareRun: Sendable {
    public let years: ClosedRange<Int>
    /// Per year, per region: the region's own operating places (interior regions hold none).
    public let places: [[Double]]
    /// Per year, per region: capital spending on the places approved that year, yuan.
    public let capital: [[Double]]
}

/// The stock-flow of childcare places (托位).
public enum ChildcareStock {
    /// Runs the stock: base-year places are `basePerThousand` × residents ÷ 1,000 in each
    /// unit; the places approved in a year are shared among the units in proportion to their
    /// children under 3 that year, paid for that year, and open `leadTime` years later.
    /// - Parameters:
    ///   - residents: per year, per region, everyone (each region's own persons).
    ///   - childrenUnder3: per year, per region, children aged 0–2.
    public static func run(
        _ plan: ChildcarePlan, years: ClosedRange<Int>, residents: [[Double]],
        childrenUnder3: [[Double]]
    ) -> ChildcareRun {
        let count = residents.first?.count ?? 0
        var stock = residents[0].map { $0 * plan.basePerThousand / 1000 }
        var places: [[Double]] = [stock]
        var capital: [[Double]] = [[Double](repeating: 0, count: count)]
        // Per year of opening: the places then opening, by unit.
        var opening: [Int: [Double]] = [:]
        for (offset, year) in years.enumerated() where offset > 0 {
            var spent = [Double](repeating: 0, count: count)
            if let added = plan.approved[year], added > 0 {
                let children = childrenUnder3[offset]
                let total = children.reduce(0, +)
                let weights =
                    total > 0
                    ? children.map { $0 / total }
                    : residents[offset].map {
                        $0 / max(1, residents[offset].reduce(0, +))
                    }
                var shares = opening[year + plan.leadTime] ?? [Double](repeating: 0, count: count)
                for unit in 0..<count where weights[unit] > 0 {
                    shares[unit] += added * weights[unit]
                    spent[unit] = added * weights[unit] * (plan.costPerPlace ?? 0)
                }
                opening[year + plan.leadTime] = shares
            }
            if let opened = opening[year] {
                for unit in 0..<count { stock[unit] += opened[unit] }
            }
            places.append(stock)
            capital.append(spent)
        }
        return ChildcareRun(years: years, places: places, capital: capital)
    }
}
