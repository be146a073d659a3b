import CSV
import Entitlements
import Foundation
import Geography

/// The tables of the service list and the long-term-care fund, as CSV (UTF-8 with BOM): the
/// output of `yanglao entitlements` and part of every run folder.
public enum EntitlementTables {
    public static func number(_ value: Double) -> String { RunTables.number(value) }

    /// `items.csv`: each item, where it comes from, what it gives, who pays, and the source
    /// or assumption of each figure.
    public static func items(_ items: [ServiceItem]) -> [UInt8] {
        var writer = CSVWriter(header: [
            "item", "name", "category", "clause", "department", "benefit", "unit", "per",
            "household_size", "once", "paid_by", "indicator", "figures",
        ])
        for item in items {
            let paid = PayingLevel.allCases.filter { item.payingShares[$0.rawValue] > 0 }.map {
                "\($0.description) \(number(item.payingShares[$0.rawValue] * 100))%"
            }
            let figures = item.figures.map { note in
                "\(note.figure): "
                    + (note.source.map { "source \($0)" } ?? "")
                    + (note.source != nil && note.assumption != nil ? "; " : "")
                    + (note.assumption.map { "assumption \($0)" } ?? "")
                    + (note.source == nil && note.assumption == nil ? "scenario override" : "")
            }
            writer.append([
                item.id, item.name, item.category.rawValue, item.clause, item.department,
                item.benefit.kind.rawValue, item.benefit.kind.unitName,
                item.benefit.periodsPerYear == 12 ? "month" : "year",
                number(item.householdSize), item.once ? "yes" : "no",
                paid.joined(separator: "; "), item.indicator?.rawValue ?? "",
                figures.joined(separator: " | "),
            ])
        }
        return writer.data
    }

    /// The regions to write: those holding population (areas and their ancestors), at or
    /// above a level.
    public static func regions(_ tree: RegionTree, areaRegions: [Int], level: RegionLevel) -> [Int]
    {
        var holds = [Bool](repeating: false, count: tree.count)
        for area in areaRegions {
            holds[area] = true
            for ancestor in tree.ancestors(of: area) { holds[ancestor] = true }
        }
        return (0..<tree.count).filter {
            holds[$0] && tree.regions[$0].level.rawValue <= level.rawValue
        }
    }

    /// `costs.csv`: per item, year and region: eligible persons, recipients, units, the unit
    /// cost, the cost and its split by paying level.
    public static func costs(_ result: EntitlementResult, regions: [Int]) -> [UInt8] {
        var writer = CSVWriter(
            header: [
                "year", "region", "name", "level", "item", "eligible", "recipients", "units",
                "unit", "unit_cost", "cost",
            ] + PayingLevel.allCases.map { "cost_\($0.description)" })
        for year in result.years {
            for region in regions {
                let place = result.tree.regions[region]
                for (index, item) in result.items.enumerated() {
                    let perItem = (year - result.years.lowerBound) * result.items.count + index
                    writer.append(
                        [
                            String(year), place.code.shortForm, place.name, place.level.name,
                            item.id,
                            number(result.eligible(item: index, year: year, region: region)),
                            number(result.recipients(item: index, year: year, region: region)),
                            number(result.units(item: index, year: year, region: region)),
                            item.benefit.kind.unitName, number(result.unitCost[perItem]),
                            number(result.cost(item: index, year: year, region: region)),
                        ]
                            + PayingLevel.allCases.map {
                                number(
                                    result.cost(item: index, year: year, region: region, level: $0))
                            })
                }
            }
        }
        return writer.data
    }

    /// `budget.csv`: the planning region's cost each year against the budget, in total and
    /// by paying level.
    public static func budget(_ lines: [EntitlementResult.BudgetLine]) -> [UInt8] {
        var writer = CSVWriter(header: ["year", "paid_by", "cost", "budget", "balance"])
        for line in lines {
            writer.append([
                String(line.year), line.level?.description ?? "total", number(line.cost),
                line.budget.map(number) ?? "", line.balance.map(number) ?? "",
            ])
        }
        return writer.data
    }

    /// `indicators.csv`: the indicators the items feed.
    public static func indicators(_ result: EntitlementResult, regions: [Int]) -> [UInt8] {
        var writer = CSVWriter(header: [
            "year", "region", "name", "level", "indicator", "numerator", "denominator", "value",
        ])
        let count = result.tree.count
        for series in result.indicatorSeries() {
            for (yearIndex, year) in result.years.enumerated() {
                for region in regions {
                    let place = result.tree.regions[region]
                    let value = series.value(yearIndex: yearIndex, region: region, regions: count)
                    writer.append([
                        String(year), place.code.shortForm, place.name, place.level.name,
                        series.id, number(series.numerators[yearIndex * count + region]),
                        number(series.denominators[yearIndex * count + region]),
                        value.isFinite ? number(value) : "",
                    ])
                }
            }
        }
        return writer.data
    }

    /// `ltc-fund.csv`: the fund year by year.
    public static func fund(_ fund: FundProjection, schemes: [InsuranceScheme]) -> [UInt8] {
        var header = ["year", "opening_balance"]
        header += schemes.map { "insured_\($0.name)" }
        header += schemes.map { "contributions_\($0.name)" }
        header += ["fiscal_subsidy", "interest"]
        for level in CapabilityLevelNames.all {
            for setting in CareSetting.allCases {
                header.append("beneficiaries_\(level)_\(setting)")
            }
        }
        header += CareSetting.allCases.map { "benefits_\($0)" }
        header += ["administration", "closing_balance"]
        var writer = CSVWriter(header: header)
        for year in fund.years {
            var row = [String(year.year), number(year.openingBalance)]
            row += year.insured.map(number)
            row += year.contributions.map(number)
            row += [number(year.fiscalSubsidy), number(year.interest)]
            for level in 0..<5 {
                for setting in 0..<3 { row.append(number(year.beneficiaries[level][setting])) }
            }
            row += year.benefits.map(number)
            row += [number(year.administration), number(year.closingBalance)]
            writer.append(row)
        }
        return writer.data
    }

    /// `ltc-regions.csv`: insured persons, beneficiaries, contributions and benefits by
    /// year and region.
    public static func fundRegions(_ fund: FundProjection, regions: [Int]) -> [UInt8] {
        var writer = CSVWriter(header: [
            "year", "region", "name", "level", "insured", "beneficiaries", "contributions",
            "benefits",
        ])
        let count = fund.tree.count
        for (yearIndex, year) in fund.years.enumerated() {
            for region in regions {
                let place = fund.tree.regions[region]
                let at = yearIndex * count + region
                writer.append([
                    String(year.year), place.code.shortForm, place.name, place.level.name,
                    number(fund.insuredByRegion[at]), number(fund.beneficiariesByRegion[at]),
                    number(fund.contributionsByRegion[at]), number(fund.benefitsByRegion[at]),
                ])
            }
        }
        return writer.data
    }
}

/// The short names of the capability levels, for column names.
public enum CapabilityLevelNames {
    public static let all = ["intact", "mild", "moderate", "severe", "complete"]
}
