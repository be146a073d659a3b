import ArgumentParser
import Demography
import Diagnostics
import Entitlements
import Foundation
import Geography
import Provenance
import Reports
import ScenarioFiles
import Simulation
import Targets

/// `yanglao entitlements SCENARIO`: cost the scenario's basic elderly-care service list and
/// project its long-term-care insurance fund, year by year, on the projected population.
struct EntitlementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entitlements",
        abstract: "Cost the basic service list and project the long-term-care fund.",
        discussion: """
            Projects the scenario's population (demography:), applies the
            capability levels (demography.care_need.prevalence) and the
            groups, and costs every item of the lists in 'entitlements:' for
            every year and region; with 'ltc_insurance:', projects the fund.

            Writes, to --out (default Output/<scenario-id>/entitlements):
              items.csv        each item: clause, benefit, who pays, where
                               each figure comes from
              costs.csv        year, region, item: eligible, recipients,
                               units, unit cost, cost, cost by paying level
              budget.csv       the planning region's cost against the budget
              indicators.csv   allowance coverage, visits a month, assessment
                               rate: numerator, denominator, value
              ltc-fund.csv     the fund by year: insured, contributions,
                               beneficiaries, benefits, balance
              ltc-regions.csv  the fund's figures by region
              manifest.json    version, inputs and outputs with SHA-256
            All at once; an existing folder is replaced only with --overwrite.

            Examples:
              yanglao entitlements Examples/entitlements --overwrite
              yanglao entitlements Examples/entitlements \\
                --set entitlements.overrides.old-age-allowance-80.benefit.cash=100 \\
                --out Output/allowance-100 --overwrite
            """)

    @OptionGroup var options: ScenarioOptions

    @Option(help: "The folder to write (default: Output/<scenario-id>/entitlements).")
    var out: String?

    @Option(
        help:
            "The lowest level of the regional tables: province, city, county, township or village.")
    var level: String = "village"

    @Flag(help: "Replace the output folder if it exists.")
    var overwrite = false

    func validate() throws {
        guard RegionLevel(name: level) != nil else {
            throw ValidationError(
                "--level must be province, city, county, township or village (got '\(level)')")
        }
    }

    func run() throws {
        let started = Date()
        let clock = ContinuousClock()
        let loadStart = clock.now
        let loaded = try options.load()
        let scenario = loaded.scenario
        let zh = options.lang == .zh
        guard scenario.entitlements != nil || scenario.longTermCareInsurance != nil,
            let demography = scenario.demography
        else {
            Console.error(
                "\(loaded.file): error: "
                    + (zh
                        ? "情景没有 entitlements: 或 ltc_insurance: 部分（以及 demography: 人口部分），无法测算"
                        : "the scenario needs an 'entitlements:' or 'ltc_insurance:' section, and 'demography:', to cost")
            )
            throw ExitCode(64)
        }
        let loadTime = clock.now - loadStart
        if !options.quiet { Console.out(Messages(options.lang).summary(scenario)) }

        let runStart = clock.now
        let projection: ProjectionResult
        do {
            projection = try demography.project(from: scenario.baseYear, to: scenario.horizon)
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode(64)
        }
        let tree = scenario.regions
        let areaRegions = demography.areas.map { tree.index(of: $0)! }
        let outcome: EntitlementStage.Outcome
        do {
            outcome = try EntitlementStage.run(
                scenario, demography: demography, projection: projection)
        } catch {
            Console.error("\(loaded.file): error: \(error.description)")
            throw ExitCode(64)
        }
        let (result, fund) = (outcome.costing, outcome.fund)
        let runTime = clock.now - runStart

        let writeStart = clock.now
        let regions = EntitlementTables.regions(
            tree, areaRegions: areaRegions, level: RegionLevel(name: level)!)
        let planning = tree.index(of: scenario.region)!
        var outputs: [(name: String, bytes: [UInt8])] = []
        if let result {
            outputs += [
                ("items.csv", EntitlementTables.items(result.items)),
                ("costs.csv", EntitlementTables.costs(result, regions: regions)),
                (
                    "budget.csv",
                    EntitlementTables.budget(
                        result.budgetLines(region: planning, budget: scenario.entitlements?.budget))
                ),
                ("indicators.csv", EntitlementTables.indicators(result, regions: regions)),
            ]
        }
        if let fund, let insurance = scenario.longTermCareInsurance {
            outputs += [
                ("ltc-fund.csv", EntitlementTables.fund(fund, schemes: insurance.schemes)),
                ("ltc-regions.csv", EntitlementTables.fundRegions(fund, regions: regions)),
            ]
        }
        let path = out ?? "Output/\(scenario.id)/entitlements"
        try ScenarioCommandFolder.write(
            outputs, to: path, loaded: loaded, inputs: loaded.inputs, options: options,
            started: started,
            timings: [
                ("load", loadTime.milliseconds), ("entitlements", runTime.milliseconds),
                ("write", (clock.now - writeStart).milliseconds),
            ], overwrite: overwrite)
        if !options.quiet {
            Console.out(
                EntitlementSummary(zh: zh).lines(
                    result, fund: fund, planning: planning,
                    budget: scenario.entitlements?.budget, reportYear: scenario.reportYear))
            Console.out(Messages(options.lang).written(path))
        }
    }
}

/// A few lines on the planning region: the cost in the first and last years, the years and
/// levels over budget, the indicators in the report year, the fund's balance and the year it
/// runs out.
struct EntitlementSummary {
    let zh: Bool

    func lines(
        _ result: EntitlementResult?, fund: FundProjection?, planning: Int,
        budget: EntitlementBudget?, reportYear: Int
    ) -> String {
        var lines: [String] = []
        if let result {
            let (first, last) = (result.years.lowerBound, result.years.upperBound)
            for year in [first, last] {
                let cost = result.totalCost(year: year, region: planning)
                lines.append(
                    zh
                        ? "\(year) 年基本养老服务清单 \(result.items.count) 项，测算支出 \(yuan(cost))"
                        : "\(year): \(result.items.count) items of the service list cost \(yuan(cost))"
                )
            }
            let short = result.budgetLines(region: planning, budget: budget).filter {
                ($0.balance ?? 0) < 0
            }
            for level in [nil] + PayingLevel.allCases.map(Optional.some) {
                let years = short.filter { $0.level == level }.map(\.year)
                guard !years.isEmpty else { continue }
                let gap = short.filter { $0.level == level }.reduce(0) { $0 - $1.balance! }
                let name =
                    level.map { zh ? $0.chineseName : $0.description } ?? (zh ? "合计" : "total")
                let span = years.count > 1 ? "\(years[0])–\(years.last!)" : "\(years[0])"
                lines.append(
                    zh
                        ? "预算不足（\(name)）：\(span) 年共 \(years.count) 年，缺口合计 \(yuan(gap))"
                        : "Over budget (\(name)): \(years.count) year\(years.count == 1 ? "" : "s") in \(span), short by \(yuan(gap)) in all"
                )
            }
            let regions = result.tree.count
            if result.years.contains(reportYear) {
                let yearIndex = reportYear - result.years.lowerBound
                var values: [String] = []
                for series in result.indicatorSeries() {
                    let value = series.value(
                        yearIndex: yearIndex, region: planning, regions: regions)
                    guard value.isFinite else { continue }
                    let text =
                        series.id == EntitlementIndicator.visitsPerSpecialHardshipElder.rawValue
                        ? String(format: "%.2f", value) : String(format: "%.1f%%", value * 100)
                    let name =
                        zh
                        ? IndicatorCatalogue.indicator(series.id)?.chineseName ?? series.id
                        : series.id
                    values.append("\(name) \(text)")
                }
                if !values.isEmpty {
                    lines.append(
                        (zh ? "\(reportYear) 年指标：" : "Indicators in \(reportYear): ")
                            + values.joined(separator: zh ? "，" : ", "))
                }
            }
        }
        if let fund, let last = fund.years.last {
            if let year = fund.exhaustionYear {
                lines.append(
                    zh
                        ? "长期护理保险基金于 \(year) 年出现赤字；\(last.year) 年末结余 \(yuan(last.closingBalance))"
                        : "Long-term-care fund in deficit from \(year); balance at the end of \(last.year) \(yuan(last.closingBalance))"
                )
            } else {
                lines.append(
                    zh
                        ? "长期护理保险基金 \(last.year) 年末结余 \(yuan(last.closingBalance))，期内未穿底"
                        : "Long-term-care fund balance at the end of \(last.year): \(yuan(last.closingBalance)); it does not run out"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    /// 万元 (zh) or million yuan (en), one decimal.
    func yuan(_ value: Double) -> String {
        zh
            ? String(format: "%.1f 万元", value / 1e4)
            : String(format: "%.1f million yuan", value / 1e6)
    }
}
