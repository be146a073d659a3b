import Facilities
import Geography

/// One row of the allocation: an action in a unit in a year, its count, cost and source.
public struct AllocatedAction: Hashable, Sendable {
    public var action: AllocationAction
    /// The unit (tree index).
    public var unit: Int
    public var year: Int
    /// Facilities, homes, or beds converted.
    public var count: Int
    /// Yuan.
    public var cost: Double
    /// The source the program pays it from.
    public var source: FundingSource
}

extension AllocationInstance {
    /// The optimised plan: the allocation as plan lines (the templates' kinds and settings,
    /// the places and years chosen, one line per action, year and paying source) followed by
    /// the fixed lines, and the allocation row by row.
    ///
    /// A count paid by several sources is split between them in proportion to the money,
    /// by largest remainders; each line draws on its source first and the template's other
    /// sources after. Units of a class are given in the class's order (most older residents
    /// first), continuing across years.
    public func plan(from result: AllocationResult) -> (
        actions: [PlanAction], allocation: [AllocatedAction]
    ) {
        guard result.hasAllocation else { return (fixedLines, []) }
        var lines: [PlanAction] = []
        var rows: [AllocatedAction] = []
        var next = [Int](repeating: 0, count: problem.options.count)
        for (y, year) in problem.years.enumerated() {
            // (action, source) → line index, for this year.
            var lineOf: [Int: Int] = [:]
            for (o, option) in problem.options.enumerated() {
                let count = result.counts[o][y]
                guard count > 0 else { continue }
                for (source, share) in split(count, result.spending[o][y]) where share > 0 {
                    let key = option.action.rawValue * FundingSource.count + source.rawValue
                    if lineOf[key] == nil {
                        lineOf[key] = lines.count
                        var line = templates[option.action.rawValue]
                        line.label = "optimised \(option.action.identifier) \(year)"
                        line.years = [year]
                        line.places = []
                        line.perYear = 0
                        line.facilities = []
                        line.funding =
                            [source]
                            + (line.funding.isEmpty ? option.sources : line.funding)
                            .filter { $0 != source }
                        lines.append(line)
                    }
                    let index = lineOf[key]!
                    switch option.action {
                    case .streetCentre, .townshipCentre, .communityStation, .villagePoint,
                        .careHome:
                        let size =
                            option.action == .careHome ? max(1, lines[index].bedsPerFacility) : 1
                        for _ in 0..<share {
                            let unit = option.units[min(next[o], option.units.count - 1)]
                            next[o] += 1
                            lines[index].places.append((unit, size))
                            rows.append(
                                AllocatedAction(
                                    action: option.action, unit: unit, year: year, count: 1,
                                    cost: option.unitCost, source: source))
                        }
                    case .conversion:
                        lines[index].places.append((option.units[0], share))
                        rows.append(
                            AllocatedAction(
                                action: .conversion, unit: option.units[0], year: year,
                                count: share, cost: Double(share) * option.unitCost,
                                source: source))
                    case .mealSite, .home:
                        let size = option.action == .home ? max(1, lines[index].bedsPerFacility) : 1
                        lines[index].perYear += share * size
                        rows.append(
                            AllocatedAction(
                                action: option.action, unit: option.units[0], year: year,
                                count: share, cost: Double(share) * option.unitCost,
                                source: source))
                    }
                }
            }
        }
        return (lines + fixedLines, rows)
    }

    /// A count split between sources in proportion to their money (largest remainders),
    /// in source order.
    func split(_ count: Int, _ money: [Double]) -> [(FundingSource, Int)] {
        let total = money.reduce(0, +)
        guard total > 0 else { return [] }
        let exact = money.map { $0 / total * Double(count) }
        var parts = exact.map { Int($0.rounded(.down)) }
        var left = count - parts.reduce(0, +)
        let order = exact.indices.sorted {
            (exact[$0] - Double(parts[$0]), -$0) > (exact[$1] - Double(parts[$1]), -$1)
        }
        for index in order where left > 0 {
            parts[index] += 1
            left -= 1
        }
        return FundingSource.allCases.map { ($0, parts[$0.rawValue]) }
    }
}
