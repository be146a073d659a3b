import CSV
import Foundation
import Simulation
import Targets
import Uncertainty

/// The tables of a Monte Carlo run, in the run folder's `draws/` (CSV, UTF-8 with BOM).
///
/// - `draws/quantiles.csv`: `indicator,region,name,year,p5,p25,p50,p75,p95,unit,draws` — every
///   indicator with a value, for the planning region and the units one level below, every
///   year; quantiles by GSL's definition (R's type 7) in the indicator's base unit.
/// - `draws/probabilities.csv`: `target,deadline,probability,standard_error,draws,indicator,
///   threshold` — the share of replicates that meet each target by its deadline and its
///   standard error √(p(1 − p)/N); empty for targets not judged.
/// - `draws/inputs.csv`: `replicate` and one column per uncertain input: the values drawn
///   (in the unit the scenario writes the number in, or factors for `scale: yes`).
public enum DrawTables {
    public static func quantiles(_ draws: ScenarioDraws, scenario: Scenario) -> [UInt8] {
        var writer = CSVWriter(header: [
            "indicator", "region", "name", "year", "p5", "p25", "p50", "p75", "p95", "unit",
            "draws",
        ])
        for cell in draws.cells {
            let region = scenario.regions.regions[cell.region]
            writer.append(
                [cell.indicator.id, region.code.shortForm, region.name, String(cell.year)]
                    + cell.quantiles.map { RunTables.number($0) }
                    + [cell.indicator.unit.symbol, String(cell.draws)])
        }
        return writer.data
    }

    public static func probabilities(_ draws: ScenarioDraws) -> [UInt8] {
        var writer = CSVWriter(header: [
            "target", "deadline", "probability", "standard_error", "draws", "indicator",
            "threshold",
        ])
        for (target, attainment) in draws.probabilities {
            writer.append([
                target.id, target.deadline.map(String.init) ?? "",
                RunTables.number(attainment?.probability),
                RunTables.number(attainment?.standardError),
                attainment.map { String($0.draws) } ?? "", target.indicator.id,
                RunTables.number(target.threshold),
            ])
        }
        return writer.data
    }

    /// `draws/central.csv`: the value of each uncertain input the central run used (the
    /// scenario as written), the share of draws at or below it and the distribution's median.
    public static func central(_ values: [CentralValue]) -> [UInt8] {
        var writer = CSVWriter(header: [
            "input", "scenario_value", "central_value", "share_of_draws_at_or_below", "median",
        ])
        for value in values {
            writer.append([
                value.input, value.scenarioValue ?? "", RunTables.number(value.value),
                RunTables.number(value.share), RunTables.number(value.median),
            ])
        }
        return writer.data
    }

    public static func inputs(_ draws: ScenarioDraws) -> [UInt8] {
        var writer = CSVWriter(header: ["replicate"] + draws.inputs.map(\.name))
        for (replicate, values) in draws.inputValues.enumerated() {
            writer.append([String(replicate)] + values.map { RunTables.number($0) })
        }
        return writer.data
    }

    /// The Sobol indices of a target's gap (`sensitivity --out`): one row per input with the
    /// first-order and total indices and their 95% bootstrap intervals, 3 decimals.
    public static func sensitivity(target: String, inputs: [String], indices: SobolIndices)
        -> [UInt8]
    {
        var writer = CSVWriter(header: [
            "target", "input", "first_order", "first_order_low", "first_order_high", "total",
            "total_low", "total_high", "samples", "runs",
        ])
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        for (i, input) in inputs.enumerated() {
            writer.append([
                target, input, f(indices.firstOrder[i]),
                f(indices.firstOrderInterval[i].lowerBound),
                f(indices.firstOrderInterval[i].upperBound), f(indices.total[i]),
                f(indices.totalInterval[i].lowerBound), f(indices.totalInterval[i].upperBound),
                String(indices.samples), String(indices.evaluations),
            ])
        }
        return writer.data
    }

    /// The files, named as the run folder holds them: the three tables and
    /// `draws/report.html` (probabilities and fan charts).
    public static func files(
        _ draws: ScenarioDraws, scenario: Scenario, language: ReportLanguage = .chinese
    ) -> [(name: String, bytes: [UInt8])] {
        [
            ("draws/quantiles.csv", quantiles(draws, scenario: scenario)),
            ("draws/probabilities.csv", probabilities(draws)),
            ("draws/inputs.csv", inputs(draws)),
            ("draws/central.csv", central(draws.central)),
            (
                "draws/report.html",
                Array(DrawReport.html(draws, scenario: scenario, language: language).utf8)
            ),
        ]
    }
}
