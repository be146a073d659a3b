import CSV
import Foundation
import Geography
import Quantities
import Simulation
import Targets

/// The tables of a run folder: the indicator table, the target verdicts, the units that fail
/// and the regions, as CSV (UTF-8 with BOM).
///
/// - `indicators.csv`: `year,region,name,level,indicator,value,numerator,denominator,unit` —
///   one row per year, region and indicator with a value, from the planning region down to
///   `detailLevel`; values in the indicator's base unit (shares as fractions).
/// - `targets.csv`: one row per target, year and unit judged: the planning region's row
///   (`row = summary`) and, for "each unit" targets, every unit's (`row = unit`).
/// - `failing-units.csv`: for "each unit" targets, the units that do not meet them each year.
/// - `regions.csv`: the scenario's regions with their derived kinds, so a run folder can be
///   read on its own.
public enum RunTables {
    /// Numbers as CSV writes them: whole numbers without decimals, others with up to six;
    /// nothing for a missing or non-finite value.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return NumberText.trimmed(value, decimals: 6)
    }

    /// `indicators.csv`.
    public static func indicators(_ result: SimulationResult, detailLevel: RegionLevel = .township)
        -> [UInt8]
    {
        let tree = result.scenario.regions
        let planning = tree.index(of: result.scenario.region)!
        let regions = tree.subtree(of: planning).filter { tree.regions[$0].level <= detailLevel }
        var writer = CSVWriter(header: [
            "year", "region", "name", "level", "indicator", "value", "numerator", "denominator",
            "unit",
        ])
        let table = result.indicators
        for year in result.years {
            for indicator in IndicatorCatalogue.all where table.contains(indicator) {
                let isRatio = indicator.aggregation == .ratio
                for region in regions {
                    guard let value = table.value(indicator, year: year, region: region) else {
                        continue
                    }
                    let unit = tree.regions[region]
                    writer.append([
                        String(year), unit.code.shortForm, unit.name, unit.level.name, indicator.id,
                        number(value.value), isRatio ? number(value.numerator) : "",
                        isRatio ? number(value.denominator) : "", indicator.unit.symbol,
                    ])
                }
            }
        }
        return writer.data
    }

    /// `targets.csv`; a row not computed says why in `reason` (a code of
    /// ``Targets/NotComputedReason``) and `explanation` (its words in the report's language).
    public static func targets(_ result: SimulationResult, language: ReportLanguage = .chinese)
        -> [UInt8]
    {
        let tree = result.scenario.regions
        var writer = CSVWriter(header: [
            "target", "document", "clause", "indicator", "comparison", "threshold", "deadline",
            "from",
            "row", "year", "region", "name", "value", "met", "status", "gap", "action_gap",
            "first_year_met",
            "verdict", "reason", "explanation",
        ])
        for verdict in result.targets {
            let target = verdict.target
            func row(_ kind: String, _ row: TargetResult.Row) -> [String] {
                let unit = tree.regions[row.region]
                return [
                    target.id, target.document, target.clause, target.indicator.id,
                    target.comparison.rawValue, number(target.threshold),
                    target.deadline.map(String.init) ?? "", target.from.map(String.init) ?? "",
                    kind,
                    String(row.year), unit.code.shortForm, unit.name, number(row.value),
                    row.met.map { $0 ? "yes" : "no" } ?? "", row.status.rawValue, number(row.gap),
                    row.actionGap.map(String.init) ?? "",
                    verdict.firstYearMet.map(String.init) ?? "",
                    verdict.verdict.rawValue, row.reason?.code ?? "",
                    row.reason.map(language.reason) ?? "",
                ]
            }
            for summary in verdict.summary { writer.append(row("summary", summary)) }
            for unit in verdict.units { writer.append(row("unit", unit)) }
        }
        return writer.data
    }

    /// `failing-units.csv`.
    public static func failingUnits(_ result: SimulationResult) -> [UInt8] {
        let tree = result.scenario.regions
        var writer = CSVWriter(header: [
            "target", "year", "region", "name", "value", "gap", "action_gap",
        ])
        for verdict in result.targets where !verdict.units.isEmpty {
            for summary in verdict.summary {
                for unit in summary.failingUnits {
                    let row = verdict.units.first { $0.year == summary.year && $0.region == unit }
                    let region = tree.regions[unit]
                    writer.append([
                        verdict.target.id, String(summary.year), region.code.shortForm, region.name,
                        number(row?.value), number(row?.gap), row?.actionGap.map(String.init) ?? "",
                    ])
                }
            }
        }
        return writer.data
    }

    /// `target-definitions.csv`: one row per target, with everything needed to judge it again.
    public static func targetDefinitions(_ targets: [Target]) -> [UInt8] {
        var writer = CSVWriter(header: [
            "target", "document", "document_title", "clause", "indicator", "comparison",
            "threshold",
            "deadline", "from", "scope", "baseline_year", "baseline_value", "text", "note",
            "document_region",
        ])
        for target in targets {
            writer.append([
                target.id, target.document, target.documentTitle, target.clause,
                target.indicator.id,
                target.comparison.rawValue, number(target.threshold),
                target.deadline.map(String.init) ?? "",
                target.from.map(String.init) ?? "", target.scope.code,
                target.baseline.map { String($0.year) } ?? "", number(target.baseline?.value),
                target.text,
                target.note, target.documentRegion?.shortForm ?? "",
            ])
        }
        return writer.data
    }

    /// `costs.csv`: spending by year, region, kind and source.
    public static func costs(_ data: RunData) -> [UInt8] {
        var writer = CSVWriter(header: ["year", "region", "name", "kind", "source", "yuan"])
        for cost in data.costs {
            let region = data.tree.regions[cost.region]
            writer.append([
                String(cost.year), region.code.shortForm, region.name, cost.kind.identifier,
                cost.source.identifier, number(cost.yuan),
            ])
        }
        return writer.data
    }

    /// `regions.csv`.
    public static func regions(_ tree: RegionTree) -> [UInt8] {
        var writer = CSVWriter(header: [
            "code", "name", "level", "parent", "kind", "urban_rural", "lon", "lat",
        ])
        for (index, region) in tree.regions.enumerated() {
            let parent = tree.parentIndices[index]
            writer.append([
                region.code.shortForm, region.name, region.level.name,
                parent >= 0 ? tree.regions[parent].code.shortForm : "", region.kind.rawValue,
                region.urbanRural.map { String($0.rawValue) } ?? "",
                region.location.map { number($0.longitude) } ?? "",
                region.location.map { number($0.latitude) } ?? "",
            ])
        }
        return writer.data
    }
}
