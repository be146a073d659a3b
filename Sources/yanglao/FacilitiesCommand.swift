import ArgumentParser
import CSV
import Diagnostics
import Facilities
import Foundation
import Geography
import Provenance
import Reports
import ScenarioFiles
import Simulation

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
              indicators.csv  year, region, indicator, value (every level of the tree)
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

    @Option(help: "The lowest level of the indicator tables: county, township or village.")
    var level: String = "village"

    @Flag(help: "Replace the output folder if it exists.")
    var overwrite = false

    func validate() throws {
        guard ["province", "city", "county", "township", "village"].contains(level) else {
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
        let messages = Messages(options.lang)
        guard let settings = scenario.facilities else {
            Console.error(
                "\(loaded.file): error: "
                    + (options.lang == .zh
                        ? "情景没有 facilities: 部分（设施台账），无法运行设施模型"
                        : "the scenario has no 'facilities:' section (the inventory) to run"))
            throw ExitCode(64)
        }
        var inputs = loaded.inputs
        var elderly: ElderlyPopulation?
        if population == nil {
            // As `run` does: projected from demography:, or read from elderly_population:.
            do {
                elderly = try Simulator.olderPopulation(scenario)
            } catch {
                Console.error("\(loaded.file): error: \(error.description)")
                throw ExitCode(1)
            }
        } else if let population {
            var log = DiagnosticLog()
            var sources = SourceTexts()
            if let table = CSVReader.read(
                atPath: population, name: population, kind: .population, log: &log)
            {
                sources.add(file: population, text: table.decodedText)
                elderly = ElderlyPopulationTable.population(
                    from: table, tree: scenario.regions, years: scenario.years, log: &log)
            }
            if log.hasErrors || elderly == nil {
                Console.error(DiagnosticRenderer(sources: sources).render(log.sorted))
                let errors = log.errorCount
                Console.error(messages.errorCount(max(errors, 1)))
                throw ExitCode(64)
            }
            if let data = FileManager.default.contents(atPath: population) {
                inputs.append(InputFile(name: population, bytes: Array(data)))
            }
        }
        let loadTime = clock.now - loadStart
        if !options.quiet { Console.out(messages.summary(scenario)) }

        let runStart = clock.now
        // Units for most_uncovered_elderly ranked as `run` ranks them.
        let uncovered = Simulator.uncoveredElderly(
            scenario, population: elderly.map(PopulationByRegion.init(elderly:)))
        let result: FacilityRun
        do {
            result = try FacilitySimulation.run(
                FacilityRunInput(
                    regions: scenario.regions,
                    planningRegion: scenario.regions.index(of: scenario.region)!,
                    years: scenario.years, settings: settings, plan: scenario.investment,
                    population: elderly, uncoveredElderly: uncovered.estimate,
                    reportingLevel: RegionLevel(name: level) ?? .village))
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode(64)
        }
        let runTime = clock.now - runStart

        let writeStart = clock.now
        let tree = scenario.regions
        let outputs: [(name: String, bytes: [UInt8])] = [
            ("indicators.csv", FacilityTables.indicators(result, tree: tree)),
            ("costs.csv", FacilityTables.costs(result, tree: tree)),
            ("budget.csv", FacilityTables.budget(result)),
            ("plan.csv", FacilityTables.plan(result)),
            ("stock.csv", FacilityTables.stock(result, tree: tree)),
        ]
        let path = out ?? "Output/\(scenario.id)/facilities"
        try ScenarioCommandFolder.write(
            outputs, to: path, loaded: loaded, inputs: inputs, options: options,
            started: started,
            timings: [
                ("load", loadTime.milliseconds), ("facilities", runTime.milliseconds),
                ("write", (clock.now - writeStart).milliseconds),
            ], overwrite: overwrite)
        if !options.quiet {
            Console.out(FacilitySummary(language: options.lang).lines(result, tree: tree))
            if let notes = messages.notes(uncovered.notes) { Console.out(notes) }
            Console.out(messages.written(path))
        }
    }
}

/// A few lines on the planning region at the base year and the horizon.
struct FacilitySummary {
    let language: Language

    func lines(_ run: FacilityRun, tree: RegionTree) -> String {
        let region = run.planningRegion
        let (first, last) = (run.years.lowerBound, run.years.upperBound)
        func value(_ indicator: FacilityIndicator, _ year: Int) -> Double? {
            run.value(indicator, year: year, region: region)
        }
        func beds(_ year: Int) -> String { grouped(value(.serviceBeds, year) ?? 0) }
        func share(_ indicator: FacilityIndicator, _ year: Int) -> String {
            value(indicator, year).map { String(format: "%.1f%%", $0 * 100) } ?? "–"
        }
        func perThousand(_ year: Int) -> String {
            value(.bedsPerThousandAged60, year).map { String(format: "%.1f", $0) } ?? "–"
        }
        let capital = run.years.reduce(0.0) { $0 + (value(.capitalCost, $1) ?? 0) }
        let recurring = run.years.reduce(0.0) { $0 + (value(.recurringCost, $1) ?? 0) }
        // What is still deferred after the horizon, and the money it lacks.
        let open = run.actionOutcomes.filter { $0.year == last && $0.deferred > 0 }
        let deferred = open.count
        let shortfall = open.reduce(0.0) { $0 + $1.shortfall }
        switch language {
        case .zh:
            return """
                养老服务床位 \(beds(first)) → \(beds(last)) 张（\(first)–\(last)）；每千名老年人 \(perThousand(first)) → \(perThousand(last)) 张
                护理型床位占比：机构床位口径 \(share(.nursingShareInstitutional, first)) → \(share(.nursingShareInstitutional, last))，全部床位口径 \(share(.nursingShareAllService, first)) → \(share(.nursingShareAllService, last))
                资本性支出 \(yuan(capital))，经常性支出 \(yuan(recurring))；期末仍因资金不足推迟 \(deferred) 项，缺口 \(yuan(shortfall))
                """
        case .en:
            return """
                Service beds \(beds(first)) → \(beds(last)) (\(first)–\(last)); per 1,000 aged 60+ \(perThousand(first)) → \(perThousand(last))
                Nursing-bed share: of institutional beds \(share(.nursingShareInstitutional, first)) → \(share(.nursingShareInstitutional, last)), of all service beds \(share(.nursingShareAllService, first)) → \(share(.nursingShareAllService, last))
                Capital spending \(yuan(capital)), recurring \(yuan(recurring)); still deferred for lack of money at the horizon: \(deferred) plan line\(deferred == 1 ? "" : "s"), short by \(yuan(shortfall))
                """
        }
    }

    func grouped(_ value: Double) -> String { ReportLanguage.grouped(value, decimals: 0) }

    /// Money in 万元 (zh) or million yuan (en), one decimal.
    func yuan(_ value: Double) -> String {
        switch language {
        case .zh: String(format: "%.1f 万元", value / 1e4)
        case .en: String(format: "%.1f million yuan", value / 1e6)
        }
    }
}
