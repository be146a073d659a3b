import ArgumentParser
import Foundation
import Geography
import Planning
import Quantities
import Reports

/// `yanglao facilities SCENARIO`: run the facility stock and the investment plan over the
/// scenario's years and write the indicator and cost tables.
struct FacilitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facilities",
        abstract: "Run the facility stock and investment plan; write indicators and costs.",
        discussion: """
            Needs the scenario's 'facilities:' section (and 'investment:' for a plan). The
            older population is the one `run` uses: projected from the scenario's
            'demography:' section, or read from 'elderly_population:'. --population (year,
            region, aged_60, aged_65, aged_80, poor_disabled) replaces it.

            Writes, to --out (default Output/<scenario-id>/facilities), all at once:
              indicators.csv  year, region, indicator, value (down to --level, township
                              by default as in `run`; village for every unit)
              costs.csv       capital and recurring spending by year, region and source
              budget.csv      each source's budget, spending, shortfall by year
              plan.csv        each plan line by year: done, deferred, not placed, cost
              stock.csv       the facility stock at the horizon (inventory format)
              manifest.json   version, inputs and outputs with their SHA-256
            An existing folder is replaced only with --overwrite.

            Examples:
              yanglao facilities Examples/facilities \\
                --population Examples/facilities/elderly.csv
              yanglao facilities Examples/facilities \\
                --population Examples/facilities/elderly.csv \\
                --set investment.carry_over=true --out Output/carry-over --overwrite
            """)

    @OptionGroup var options: ScenarioOptions

    @Option(help: "The older population by year and region (CSV).")
    var population: String?

    @Option(help: "The folder to write (default: Output/<scenario-id>/facilities).")
    var out: String?

    @Option(
        help:
            "The lowest level of the indicator tables: county, township (default, as run writes) or village."
    )
    var level: String = "township"

    @Flag(help: "Replace the output folder if it exists.")
    var overwrite = false

    func validate() throws {
        guard ["province", "city", "county", "township", "village"].contains(level) else {
            throw ValidationError(
                "--level must be province, city, county, township or village (got '\(level)')")
        }
    }

    func run() throws {
        let request = try options.stageRequest(out: out, level: level, overwrite: overwrite)
        let outcome = try Yanglao.call(options.lang) {
            try Planning.facilities(request, populationFile: population)
        }
        if !options.quiet {
            Console.out(FacilitySummary(language: options.lang).lines(outcome.figures))
            if let notes = Messages(options.lang).notes(outcome.notes) { Console.out(notes) }
            Console.out(Messages(options.lang).written(outcome.folder))
        }
    }
}
