import CSV
import Demography
import Diagnostics
import Entitlements
import Facilities
import Foundation
import Geography
import Provenance
import Quantities
import Reports
import ScenarioFiles
import Simulation

/// What a stage command (`facilities`, `entitlements`) is asked: the scenario, the folder
/// to write and the lowest level of its regional tables.
public struct StageRequest: Sendable {
    public var scenario: LoadedScenario
    /// The folder to write; nil: `Output/<scenario-id>/<stage>`.
    public var out: String?
    public var level: RegionLevel
    public var overwrite: Bool
    /// The `--set` overrides, for the manifest.
    public var overrides: [String]
    public var build: Planning.Build
    public var started: Date
    public var loadMilliseconds: Double
    public var language: ReportLanguage

    public init(
        scenario: LoadedScenario, out: String?, level: RegionLevel, overwrite: Bool,
        overrides: [String], build: Planning.Build, started: Date, loadMilliseconds: Double,
        language: ReportLanguage
    ) {
        self.scenario = scenario
        self.out = out
        self.level = level
        self.overwrite = overwrite
        self.overrides = overrides
        self.build = build
        self.started = started
        self.loadMilliseconds = loadMilliseconds
        self.language = language
    }

    /// The folder written.
    func folder(_ stage: String) -> String { out ?? "Output/\(scenario.scenario.id)/\(stage)" }
}

/// The facility stage's figures for the planning region, first and last year of the run.
public struct FacilityFigures: Sendable {
    public var years: ClosedRange<Int>
    /// Service beds (养老服务床位), first and last year.
    public var beds: (first: Double, last: Double)
    /// Beds per 1,000 people aged 60+ (每千名老年人床位数), when the older population is known.
    public var bedsPerThousandAged60: (first: Double?, last: Double?)
    /// Nursing-type share of institutional beds and of all service beds (护理型床位占比).
    public var nursingShareInstitutional: (first: Double?, last: Double?)
    public var nursingShareAllService: (first: Double?, last: Double?)
    /// Capital and recurring spending over the run, in yuan.
    public var capital: Double
    public var recurring: Double
    /// Plan lines still deferred for lack of money at the horizon, and the money they lack
    /// in yuan.
    public var deferred: Int
    public var shortfall: Double

    init(_ run: FacilityRun) {
        let region = run.planningRegion
        let (first, last) = (run.years.lowerBound, run.years.upperBound)
        func value(_ indicator: FacilityIndicator, _ year: Int) -> Double? {
            run.value(indicator, year: year, region: region)
        }
        func pair(_ indicator: FacilityIndicator) -> (Double?, Double?) {
            (value(indicator, first), value(indicator, last))
        }
        years = run.years
        beds = (value(.serviceBeds, first) ?? 0, value(.serviceBeds, last) ?? 0)
        bedsPerThousandAged60 = pair(.bedsPerThousandAged60)
        nursingShareInstitutional = pair(.nursingShareInstitutional)
        nursingShareAllService = pair(.nursingShareAllService)
        capital = run.years.reduce(0.0) { $0 + (value(.capitalCost, $1) ?? 0) }
        recurring = run.years.reduce(0.0) { $0 + (value(.recurringCost, $1) ?? 0) }
        let open = run.actionOutcomes.filter { $0.year == last && $0.deferred > 0 }
        deferred = open.count
        shortfall = open.reduce(0.0) { $0 + $1.shortfall }
    }
}

/// What `facilities` wrote.
public struct FacilitiesOutcome: Sendable {
    public var figures: FacilityFigures
    /// What the run says of its own rules (a priority rule's fallback).
    public var notes: [RunNote]
    public var folder: String
}

/// What `entitlements` costed and wrote.
public struct EntitlementsOutcome: Sendable {
    public var costing: EntitlementResult?
    public var fund: FundProjection?
    /// The planning region's index in the tree.
    public var planning: Int
    public var folder: String
}

extension Planning {
    /// Runs the facility stage alone on the run's population (projected from `demography:`,
    /// read from `elderly_population:`, or from `populationFile`) and writes its tables.
    public static func facilities(_ request: StageRequest, populationFile: String? = nil)
        throws(PlanningError) -> FacilitiesOutcome
    {
        let clock = ContinuousClock()
        let loaded = request.scenario
        let scenario = loaded.scenario
        guard let settings = scenario.facilities else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "情景没有 facilities: 部分（设施台账），无法运行设施模型",
                    english: "the scenario has no 'facilities:' section (the inventory) to run"),
                in: loaded.file)
        }
        var inputs = loaded.inputs
        let elderly: ElderlyPopulation?
        if let populationFile {
            elderly = try readPopulation(populationFile, scenario: scenario)
            if let data = FileManager.default.contents(atPath: populationFile) {
                inputs.append(InputFile(name: populationFile, bytes: Array(data)))
            }
        } else {
            do {
                elderly = try Simulator.olderPopulation(scenario)
            } catch {
                throw PlanningError(.failed, error: "\(error.description)", in: loaded.file)
            }
        }
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
                    reportingLevel: request.level))
        } catch {
            throw PlanningError(.badInput, error: "\(error.description)")
        }
        let runTime = (clock.now - runStart).milliseconds
        let writeStart = clock.now
        let tree = scenario.regions
        let outputs: [(name: String, bytes: [UInt8])] = [
            ("indicators.csv", FacilityTables.indicators(result, tree: tree)),
            ("costs.csv", FacilityTables.costs(result, tree: tree)),
            ("budget.csv", FacilityTables.budget(result)),
            ("plan.csv", FacilityTables.plan(result)),
            ("stock.csv", FacilityTables.stock(result, tree: tree)),
        ]
        let folder = request.folder("facilities")
        try writeStageFolder(
            outputs, to: folder, request: request, inputs: inputs,
            timings: [
                ("load", request.loadMilliseconds), ("facilities", runTime),
                ("write", (clock.now - writeStart).milliseconds),
            ])
        return FacilitiesOutcome(
            figures: FacilityFigures(result), notes: uncovered.notes, folder: folder)
    }

    /// Reads an older population table (`--population`) for the scenario's tree and years.
    static func readPopulation(_ path: String, scenario: Scenario) throws(PlanningError)
        -> ElderlyPopulation
    {
        var log = DiagnosticLog()
        var sources = SourceTexts()
        var elderly: ElderlyPopulation?
        if let table = CSVReader.read(atPath: path, name: path, kind: .population, log: &log) {
            sources.add(file: path, text: table.decodedText)
            elderly = ElderlyPopulationTable.population(
                from: table, tree: scenario.regions, years: scenario.years, log: &log)
        }
        guard let elderly, !log.hasErrors else {
            throw PlanningError(
                .badInput,
                BilingualText {
                    DiagnosticRenderer(sources: sources, language: $0).render(log.sorted)
                },
                errorCount: max(log.errorCount, 1))
        }
        return elderly
    }

    /// Costs the basic service list and projects the long-term-care fund, and writes their
    /// tables.
    public static func entitlements(_ request: StageRequest) throws(PlanningError)
        -> EntitlementsOutcome
    {
        let clock = ContinuousClock()
        let loaded = request.scenario
        let scenario = loaded.scenario
        guard scenario.entitlements != nil || scenario.longTermCareInsurance != nil,
            let demography = scenario.demography
        else {
            throw PlanningError(
                .badInput,
                error: BilingualText(
                    chinese: "情景没有 entitlements: 或 ltc_insurance: 部分（以及 demography: 人口部分），无法测算",
                    english:
                        "the scenario needs an 'entitlements:' or 'ltc_insurance:' section, and 'demography:', to cost"
                ), in: loaded.file)
        }
        let runStart = clock.now
        let projection: ProjectionResult
        do {
            projection = try demography.project(from: scenario.baseYear, to: scenario.horizon)
        } catch {
            throw PlanningError(.badInput, error: "\(error.description)")
        }
        let tree = scenario.regions
        let outcome: EntitlementStage.Outcome
        do {
            outcome = try EntitlementStage.run(
                scenario, demography: demography, projection: projection)
        } catch {
            throw PlanningError(.badInput, error: "\(error.description)", in: loaded.file)
        }
        let runTime = (clock.now - runStart).milliseconds
        let writeStart = clock.now
        let regions = EntitlementTables.regions(
            tree, areaRegions: demography.areas.map { tree.index(of: $0)! }, level: request.level)
        let planning = tree.index(of: scenario.region)!
        var outputs: [(name: String, bytes: [UInt8])] = []
        if let result = outcome.costing {
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
        if let fund = outcome.fund, let insurance = scenario.longTermCareInsurance {
            outputs += [
                ("ltc-fund.csv", EntitlementTables.fund(fund, schemes: insurance.schemes)),
                ("ltc-regions.csv", EntitlementTables.fundRegions(fund, regions: regions)),
            ]
        }
        let folder = request.folder("entitlements")
        try writeStageFolder(
            outputs, to: folder, request: request, inputs: loaded.inputs,
            timings: [
                ("load", request.loadMilliseconds), ("entitlements", runTime),
                ("write", (clock.now - writeStart).milliseconds),
            ])
        return EntitlementsOutcome(
            costing: outcome.costing, fund: outcome.fund, planning: planning, folder: folder)
    }

    /// Writes a stage's tables and a manifest to a folder, all at once; an existing folder
    /// only with `overwrite`.
    static func writeStageFolder(
        _ outputs: [(name: String, bytes: [UInt8])], to path: String, request: StageRequest,
        inputs: [InputFile], timings: [(stage: String, milliseconds: Double)]
    ) throws(PlanningError) {
        let loaded = request.scenario
        let manifest = Manifest(
            toolVersion: request.build.version, buildCommit: request.build.commit,
            scenarioID: loaded.scenario.id, scenarioFile: loaded.file, seed: loaded.scenario.seed,
            overrides: request.overrides, resolvedScenario: loaded.resolvedJSON, inputs: inputs,
            outputs: outputs.map { InputFile(name: $0.name, bytes: $0.bytes) },
            runID: (path as NSString).lastPathComponent, started: request.started,
            timings: timings)
        do {
            try RunFolder(path: path).write(
                outputs + [("manifest.json", Array(manifest.json.text().utf8))],
                overwrite: request.overwrite)
        } catch {
            throw .writing(error)
        }
    }
}
