import ArgumentParser
import Entitlements
import Foundation
import Geography
import Planning
import Reports
import ScenarioFiles
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
        let request = try options.stageRequest(out: out, level: level, overwrite: overwrite)
        let outcome = try Yanglao.call(options.lang) { try Planning.entitlements(request) }
        let scenario = request.scenario.scenario
        if !options.quiet {
            Console.out(
                EntitlementSummary(zh: options.lang == .zh).lines(
                    outcome.costing, fund: outcome.fund, planning: outcome.planning,
                    budget: scenario.entitlements?.budget, reportYear: scenario.reportYear))
            Console.out(Messages(options.lang).written(outcome.folder))
        }
    }
}
