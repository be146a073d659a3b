import Geography
import Quantities

/// What costing a service list produced: for every year, item and region of the tree, the
/// eligible persons and the recipients, from which the units of service and the cost by
/// paying level follow.
///
/// Arrays are laid out year by year, item by item: `eligible[(year · items + item) · regions
/// + region]`, with regions in the tree's order; each region holds the sum of its parts.
public struct EntitlementResult: Sendable {
    /// The years.
    public let years: ClosedRange<Int>
    /// The items costed.
    public let items: [ServiceItem]
    /// The region tree.
    public let tree: RegionTree
    /// Eligible persons (服务对象人数).
    public internal(set) var eligible: [Double]
    /// Recipients (受益人数), persons.
    public internal(set) var recipients: [Double]
    /// Each item's take-up, units per recipient and yuan per unit in each year:
    /// `[year · items + item]`.
    public internal(set) var takeUp: [Double]
    public internal(set) var unitsPerRecipient: [Double]
    public internal(set) var unitCost: [Double]
    /// Residents aged 80 and over, `[year · regions + region]`.
    public internal(set) var aged80: [Double]
    /// Recipients aged 80 and over of the items that feed the old-age allowance indicator,
    /// `[year · regions + region]`.
    public internal(set) var allowanceRecipients80: [Double]

    init(costing: EntitlementCosting, years: ClosedRange<Int>) {
        self.years = years
        self.items = costing.items
        self.tree = costing.tree
        let cells = years.count * costing.items.count * costing.tree.count
        eligible = [Double](repeating: 0, count: cells)
        recipients = [Double](repeating: 0, count: cells)
        let perItem = years.count * costing.items.count
        takeUp = [Double](repeating: 0, count: perItem)
        unitsPerRecipient = [Double](repeating: 0, count: perItem)
        unitCost = [Double](repeating: 0, count: perItem)
        aged80 = [Double](repeating: 0, count: years.count * costing.tree.count)
        allowanceRecipients80 = [Double](repeating: 0, count: years.count * costing.tree.count)
    }

    /// Adds every region's values into its parent's, deepest first (regions are in
    /// pre-order, so one backward pass over each series suffices).
    /// - Complexity: O(years × items × regions).
    mutating func aggregate(threads: Int? = nil) {
        let regions = tree.count
        let series = years.count * items.count
        let chunks = min(max(threads ?? 8, 1), max(series, 1))
        tree.parentIndices.withUnsafeBufferPointer { parents in
            eligible.withUnsafeMutableBufferPointer { eligible in
                recipients.withUnsafeMutableBufferPointer { recipients in
                    let pass = TreePass(parents: parents, regions: regions)
                    Parallel.run(chunks: chunks) { chunk in
                        for index in (series * chunk / chunks)..<(series * (chunk + 1) / chunks) {
                            pass.sumUp(eligible, series: index)
                            pass.sumUp(recipients, series: index)
                        }
                    }
                }
            }
            aged80.withUnsafeMutableBufferPointer { values in
                let pass = TreePass(parents: parents, regions: regions)
                for index in 0..<years.count { pass.sumUp(values, series: index) }
            }
            allowanceRecipients80.withUnsafeMutableBufferPointer { values in
                let pass = TreePass(parents: parents, regions: regions)
                for index in 0..<years.count { pass.sumUp(values, series: index) }
            }
        }
    }

    /// Sums one series of region values up the tree in place.
    struct TreePass: @unchecked Sendable {
        let parents: UnsafeBufferPointer<Int>
        let regions: Int

        func sumUp(_ values: UnsafeMutableBufferPointer<Double>, series: Int) {
            let base = series * regions
            for region in stride(from: regions - 1, through: 0, by: -1) {
                let parent = parents[region]
                if parent >= 0 { values[base + parent] += values[base + region] }
            }
        }
    }

    private func index(item: Int, year: Int, region: Int) -> Int {
        ((year - years.lowerBound) * items.count + item) * tree.count + region
    }

    private func perItem(item: Int, year: Int) -> Int {
        (year - years.lowerBound) * items.count + item
    }

    /// Eligible persons of an item in a year and region.
    public func eligible(item: Int, year: Int, region: Int) -> Double {
        eligible[index(item: item, year: year, region: region)]
    }

    /// Recipients of an item in a year and region.
    public func recipients(item: Int, year: Int, region: Int) -> Double {
        recipients[index(item: item, year: year, region: region)]
    }

    /// Units of service (payments, hours, place-months, visits or events) in a year.
    public func units(item: Int, year: Int, region: Int) -> Double {
        recipients(item: item, year: year, region: region)
            * unitsPerRecipient[perItem(item: item, year: year)]
    }

    /// Yuan spent on an item in a year and region, all levels.
    public func cost(item: Int, year: Int, region: Int) -> Double {
        units(item: item, year: year, region: region) * unitCost[perItem(item: item, year: year)]
    }

    /// Yuan a level of government pays for an item in a year and region.
    public func cost(item: Int, year: Int, region: Int, level: PayingLevel) -> Double {
        cost(item: item, year: year, region: region) * items[item].payingShares[level.rawValue]
    }

    /// Yuan for every item in a year and region, all levels or one.
    public func totalCost(year: Int, region: Int, level: PayingLevel? = nil) -> Double {
        (0..<items.count).reduce(0) { sum, item in
            sum
                + (level.map { cost(item: item, year: year, region: region, level: $0) }
                    ?? cost(item: item, year: year, region: region))
        }
    }

    /// The index of an item by id.
    public func itemIndex(_ id: String) -> Int? { items.firstIndex { $0.id == id } }

    /// A year's cost against the budget, for the whole cost (`level` nil) or one level.
    public struct BudgetLine: Hashable, Sendable {
        public var year: Int
        public var level: PayingLevel?
        /// Yuan the items cost.
        public var cost: Double
        /// Yuan budgeted, if a budget is given for the year.
        public var budget: Double?
        /// Budget − cost (negative: a shortfall), when budgeted.
        public var balance: Double? { budget.map { $0 - cost } }
    }

    /// The cost of each year in a region (the planning region) against a budget: a line for
    /// the total and one for each paying level, budget or not.
    public func budgetLines(region: Int, budget: EntitlementBudget?) -> [BudgetLine] {
        var lines: [BudgetLine] = []
        for year in years {
            lines.append(
                BudgetLine(
                    year: year, level: nil, cost: totalCost(year: year, region: region),
                    budget: budget?.total?.value(in: year)))
            for level in PayingLevel.allCases {
                lines.append(
                    BudgetLine(
                        year: year, level: level,
                        cost: totalCost(year: year, region: region, level: level),
                        budget: budget?.byLevel[level.rawValue]?.value(in: year)))
            }
        }
        return lines
    }
}
