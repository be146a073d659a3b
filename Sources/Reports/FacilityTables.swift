import CSV
import Facilities
import Foundation
import Geography

/// The tables of a facility run, as CSV (UTF-8 with BOM): those of `yanglao facilities`, and
/// the budget, plan and stock tables of a run folder.
public enum FacilityTables {
    static func number(_ value: Double) -> String { RunTables.number(value) }

    /// `indicators.csv`: one row per year, region and indicator with a value.
    public static func indicators(_ run: FacilityRun, tree: RegionTree) -> [UInt8] {
        var writer = CSVWriter(header: [
            "year", "region", "name", "level", "indicator", "value", "unit",
        ])
        for year in run.years {
            for (position, index) in run.regionIndices.enumerated() {
                let region = tree.regions[index]
                for indicator in FacilityIndicator.allCases {
                    guard let value = run.value(indicator, year: year, region: position) else {
                        continue
                    }
                    writer.append([
                        String(year), region.code.shortForm, region.name, region.level.name,
                        indicator.identifier, number(value), indicator.unit,
                    ])
                }
            }
        }
        return writer.data
    }

    /// `costs.csv`: spending by year, region, kind and source (rows that are not zero).
    public static func costs(_ run: FacilityRun, tree: RegionTree) -> [UInt8] {
        var writer = CSVWriter(header: ["year", "region", "name", "kind", "source", "yuan"])
        for year in run.years {
            for (position, index) in run.regionIndices.enumerated() {
                let region = tree.regions[index]
                for kind in CostKind.allCases {
                    for source in FundingSource.allCases {
                        let yuan = run.cost(kind, source, year: year, region: position)
                        guard yuan != 0 else { continue }
                        writer.append([
                            String(year), region.code.shortForm, region.name, kind.identifier,
                            source.identifier, number(yuan),
                        ])
                    }
                }
            }
        }
        return writer.data
    }

    /// `budget.csv`: each source's money by year.
    public static func budget(_ run: FacilityRun) -> [UInt8] {
        var writer = CSVWriter(header: [
            "year", "source", "budget", "available", "capital_spent", "recurring_spent",
            "remaining", "capital_shortfall", "recurring_unpaid",
        ])
        for record in run.budgets where record.year > run.years.lowerBound {
            writer.append([
                String(record.year), record.source.identifier,
                record.budget.map(number) ?? "", record.available.map(number) ?? "",
                number(record.capitalSpent), number(record.recurringSpent),
                record.remaining.map(number) ?? "", number(record.capitalShortfall),
                number(record.recurringUnpaid),
            ])
        }
        return writer.data
    }

    /// `plan.csv`: what became of each plan line each year.
    public static func plan(_ run: FacilityRun) -> [UInt8] {
        var writer = CSVWriter(header: [
            "year", "action", "kind", "line", "unit", "carried_in", "requested", "done",
            "deferred", "not_placed", "spent_yuan", "shortfall_yuan",
        ])
        for outcome in run.actionOutcomes {
            writer.append([
                String(outcome.year), String(outcome.action + 1), outcome.kind.identifier,
                outcome.label, outcome.kind.amountUnit, String(outcome.carriedIn),
                String(outcome.requested), String(outcome.done), String(outcome.deferred),
                String(outcome.notPlaced), number(outcome.spent), number(outcome.shortfall),
            ])
        }
        return writer.data
    }

    /// The columns of `stock.csv`: those of the inventory.
    public static let stockColumns = [
        "id", "name", "type", "ownership", "care_type", "community", "beds", "nursing_beds",
        "stars", "status", "opened", "residents", "caregivers", "lon", "lat", "synthetic", "tier",
    ]

    /// `stock.csv`: the stock at the horizon, in the inventory's own format (it can be read
    /// back as the inventory of a later scenario); `synthetic = yes` marks the inventory's
    /// synthetic records.
    public static func stock(_ run: FacilityRun, tree: RegionTree) -> [UInt8] {
        var writer = CSVWriter(header: stockColumns)
        let stock = run.stock
        for index in 0..<stock.count {
            let opened = stock.openingYears[index]
            writer.append([
                stock.id(index), stock.name(index, in: tree), stock.types[index].identifier,
                stock.ownerships[index].identifier, stock.isCareType[index] ? "yes" : "",
                tree.regions[stock.regions[index]].code.shortForm, String(stock.beds[index]),
                String(stock.nursingBeds[index]), String(stock.stars[index]),
                stock.statuses[index].identifier, opened == Int.max ? "" : String(opened),
                stock.statuses[index] == .operating && stock.types[index].bedCategory != nil
                    ? number(stock.residents[index].rounded()) : "",
                stock.caregivers[index] > 0
                    ? number((stock.caregivers[index] * 10).rounded() / 10) : "",
                stock.locations[index].map { number($0.longitude) } ?? "",
                stock.locations[index].map { number($0.latitude) } ?? "",
                stock.isSynthetic(index) ? "yes" : "",
                stock.givenTier(index)?.identifier ?? "",
            ])
        }
        return writer.data
    }
}
