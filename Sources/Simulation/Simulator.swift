import Coverage
import Demography
import Dispatch
import Entitlements
import Facilities
import Geography
import Quantities
import Targets

/// Everything a run of a scenario produces: the population, the facility stock, coverage,
/// the indicator table and the verdict on every target.
public struct SimulationResult: Sendable {
    public let scenario: Scenario
    /// The projected population at the units of the tree, when the scenario has demography.
    public let population: PopulationByRegion?
    /// The facility stock and money, year by year, when the scenario has facilities.
    public let facilities: FacilityRun?
    /// Per year (base year first), per coverage rule: the coverage of administrative units.
    public let coverage: [[AdministrativeCoverage]]
    /// Per year: the 15-minute circle (groups: 60+, 80+, disabled), when there are both
    /// residents and service points with locations.
    public let serviceCircle: [ServiceCircleResult?]
    /// The units whose residents the circle counts (located, with older residents), in tree
    /// order: resident point k of every year's circle is unit `circleUnits[k]`.
    public let circleUnits: [Int]
    /// Units with residents but no location, which the circle cannot place.
    public let unlocatedUnits: [Int]
    /// What the run says about how it was computed, once each (e.g. that
    /// `most_uncovered_elderly` ranked units by presence); the console and the reports
    /// repeat them.
    public var notes: [RunNote] = []
    /// Every indicator, year and region.
    public let indicators: IndicatorTable
    /// The verdict on every target, in the scenario's order.
    public let targets: [TargetResult]
    /// Childcare places and their spending, when the scenario plans them and projects its
    /// population.
    public var childcare: ChildcareRun?
    /// The service list's costing and the long-term-care fund, when the scenario has them.
    public var entitlements: EntitlementStage.Outcome = .init()
    /// How long each stage took, in milliseconds.
    public let timings: [(stage: String, milliseconds: Double)]

    /// The years of the run.
    public var years: ClosedRange<Int> { scenario.years }
}

/// Why a scenario could not be run.
public enum SimulationError: Error, Sendable, CustomStringConvertible {
    case demography(DemographyInputs.RunError)
    case population(ElderlyPopulation.InvariantError)
    case facilities(FacilitySimulationError)
    case entitlements(CostingError)

    public var description: String {
        switch self {
        case .demography(let error): "the population projection failed: \(error.description)"
        case .population(let error): "the older population is not usable: \(error.description)"
        case .facilities(let error): "the facility run failed: \(error.description)"
        case .entitlements(let error): "the service list could not be costed: \(error.description)"
        }
    }
}

/// The year loop (逐年模拟): demography (and the service list on it) → facilities → coverage → indicators → targets, from
/// the base year to the horizon, for every region of the tree.
///
/// The population is projected first (it does not depend on provision). The facility stock
/// is then run year by year under the investment plan, reading each year's older population.
/// Coverage of every year is measured on the stock at that year's end, years in parallel on
/// both cores; indicators are assembled into one table and every target judged on it. Every
/// stage is deterministic, so the same scenario gives the same result whatever the number
/// of threads.
public enum Simulator {
    /// Runs a scenario.
    /// - Parameter parallelism: threads for the independent work (coverage of each year).
    /// - Throws: ``SimulationError`` when a stage cannot run.
    /// - Parameter progress: told when each stage starts: its name and the share of the
    ///   stages done (for a progress bar).
    /// - Parameter reusedDemography: the population and entitlement outcome of an earlier
    ///   run of the same scenario with the same `demography:` (or `elderly_population:`),
    ///   `entitlements:`, `ltc_insurance:`, regions and years; the demography and
    ///   entitlement stages are then skipped (the replicates of a Monte Carlo run whose
    ///   uncertain inputs are all facilities, investment or coverage numbers).
    /// - Parameter keeping: the regions whose indicators the run keeps (tree indices); the
    ///   targets are judged on them, so they must hold the planning region and the units of
    ///   its "each unit" targets (``keptRegions(_:of:)``). Nil: every region.
    /// - Parameter baseIndicators: the population and service-list indicators of the run's
    ///   years and kept regions, assembled once by ``baseIndicators(_:entitlements:years:tree:keeping:)``
    ///   for runs that reuse the same demography; ignored when its years or regions differ.
    public static func run(
        _ scenario: Scenario, parallelism: Parallelism = .automatic,
        reusedDemography: (
            population: PopulationByRegion?, entitlements: EntitlementStage.Outcome
        )? =
            nil,
        keeping: [Int]? = nil, baseIndicators: IndicatorTable? = nil,
        progress: (_ stage: String, _ done: Double) -> Void = { _, _ in }
    ) throws(SimulationError) -> SimulationResult {
        let clock = ContinuousClock()
        var timings: [(String, Double)] = []
        let tree = scenario.regions
        let years = scenario.years
        let planning = tree.index(of: scenario.region)!

        // Demography.
        progress("demography", 0.0)
        var start = clock.now
        var population: PopulationByRegion?
        var entitlements = EntitlementStage.Outcome()
        if let reused = reusedDemography {
            population = reused.population
            entitlements = reused.entitlements
        } else {
            let projected = try Self.population(scenario)
            population = projected.population
            if let demography = scenario.demography, let result = projected.projection {
                do {
                    entitlements = try EntitlementStage.run(
                        scenario, demography: demography, projection: result)
                } catch {
                    throw .entitlements(error)
                }
            }
        }
        timings.append(("demography", (clock.now - start).milliseconds))

        // Facilities and investment, the units of `most_uncovered_elderly` ranked by the
        // older residents outside the service circle when coverage can measure them.
        progress("facilities", 0.25)
        start = clock.now
        let residents = population.map {
            ResidentLayer(
                population: $0, tree: tree, settings: scenario.coverage ?? CoverageSettings())
        }
        let (feed, notes) = UncoveredElderlyFeed.make(scenario, residents: residents)
        var facilities: FacilityRun?
        if let settings = scenario.facilities {
            var elderly: ElderlyPopulation?
            if let population {
                do {
                    elderly = try population.elderly
                } catch {
                    throw .population(error)
                }
            }
            do {
                facilities = try FacilitySimulation.run(
                    FacilityRunInput(
                        regions: tree, planningRegion: planning, years: years, settings: settings,
                        plan: scenario.investment, population: elderly,
                        uncoveredElderly: feed?.estimate,
                        keepsYearEndStocks: true, keptRegions: keeping))
            } catch {
                throw .facilities(error)
            }
        }
        timings.append(("facilities", (clock.now - start).milliseconds))

        // Coverage of every year, on that year's stock.
        progress("coverage", 0.5)
        start = clock.now
        let settings = scenario.coverage ?? CoverageSettings()
        let stocks = facilities?.yearEndStocks ?? []
        let points = tree.representativePoints()
        let perYear: [(coverage: [AdministrativeCoverage], circle: ServiceCircleResult?)] =
            parallelism.map(count: stocks.count, chunkSize: 1) { yearIndex in
                let (servicePoints, kinds) = ServicePoints.of(
                    stocks[yearIndex], tree: tree, points: points)
                // Each rule is given only the points of its types, in order (nothing reads
                // the positions of its `facilitiesOutsideTree`, and every point's region is
                // in the tree).
                let coverage = settings.rules.map {
                    AdministrativeCoverage.evaluate(
                        $0, tree: tree,
                        facilities: ServicePoints.only(
                            $0.facilityTypes, of: servicePoints, kinds: kinds))
                }
                let circle = residents?.circle(
                    yearIndex: yearIndex,
                    servicePoints: ServicePoints.only(
                        settings.servicePointTypes, of: servicePoints, kinds: kinds),
                    settings: settings, tree: tree)
                return (coverage, circle)
            }
        timings.append(("coverage", (clock.now - start).milliseconds))

        // Indicators and targets.
        progress("indicators and targets", 0.8)
        start = clock.now
        // The stages' indicators have different ids: the order they are set in is free.
        let keptRegions = keeping.map { Array(Set($0)).sorted() } ?? Array(0..<tree.count)
        var table: IndicatorTable
        if let baseIndicators, reusedDemography != nil, baseIndicators.years == years,
            baseIndicators.keptRegions == keptRegions
        {
            table = baseIndicators
        } else {
            table = Self.baseIndicators(
                population, entitlements: entitlements, years: years, tree: tree,
                keeping: keeping)
        }
        if let facilities {
            IndicatorAssembly.facilities(facilities, into: &table, tree: tree)
            IndicatorAssembly.training(
                facilities, staffing: scenario.facilities?.staffing ?? StaffingRules(),
                into: &table)
        }
        let childcare = population.flatMap { population in
            scenario.childcare.flatMap { plan in
                population.total.map { total in
                    ChildcareStock.run(
                        plan, years: years, residents: total,
                        childrenUnder3: population.under3 ?? total)
                }
            }
        }
        IndicatorAssembly.childcare(childcare, population: population, into: &table, tree: tree)
        IndicatorAssembly.need(
            population, facilities: facilities,
            rules: scenario.facilities?.demand ?? CareDemandRules(),
            staffing: scenario.facilities?.staffing ?? StaffingRules(), into: &table, tree: tree)
        IndicatorAssembly.coverage(
            perYear.map(\.coverage), circles: perYear.map(\.circle), years: years, into: &table)
        let targets = scenario.targets.map {
            TargetEvaluator.evaluate($0, table: table, tree: tree, region: planning)
        }
        timings.append(("indicators and targets", (clock.now - start).milliseconds))
        progress("done", 1)

        var simulation = SimulationResult(
            scenario: scenario, population: population, facilities: facilities,
            coverage: perYear.map(\.coverage), serviceCircle: perYear.map(\.circle),
            circleUnits: residents?.located ?? [], unlocatedUnits: residents?.unlocated ?? [],
            indicators: table, targets: targets,
            timings: timings)
        simulation.entitlements = entitlements
        simulation.childcare = childcare
        simulation.notes = notes
        if let settings = scenario.facilities {
            simulation.notes.append(
                Self.residentsNote(settings, population: try? population?.elderly))
        }
        if let residents, scenario.coverage != nil {
            simulation.notes.append(
                residents.denominatorNote(
                    yearIndex: scenario.reportYear - years.lowerBound, year: scenario.reportYear,
                    tree: tree))
        }
        return simulation
    }
}

extension Simulator {
    /// A new indicator table holding the population's and the service list's indicators,
    /// for every region or the regions kept.
    public static func baseIndicators(
        _ population: PopulationByRegion?, entitlements: EntitlementStage.Outcome,
        years: ClosedRange<Int>, tree: RegionTree, keeping: [Int]? = nil
    ) -> IndicatorTable {
        var table =
            keeping.map { IndicatorTable(years: years, regionCount: tree.count, keeping: $0) }
            ?? IndicatorTable(years: years, regionCount: tree.count)
        IndicatorAssembly.population(population, into: &table, tree: tree)
        entitlements.costing?.fill(&table)
        return table
    }

    /// The regions a run that reads few regions must keep: those given, the planning
    /// region and the units of its "each unit" targets (which the verdicts read).
    public static func keptRegions(_ regions: [Int], of scenario: Scenario) -> [Int] {
        let tree = scenario.regions
        guard let planning = tree.index(of: scenario.region) else { return regions }
        var kept = Set(regions)
        kept.insert(planning)
        for target in scenario.targets {
            kept.formUnion(TargetEvaluator.units(in: target.scope, tree: tree, region: planning))
        }
        return kept.sorted()
    }

    /// The population a run works on: projected from the scenario's `demography:` (with the
    /// projection itself), or the older population of `elderly_population:`; nil without
    /// either. `run` and the `facilities` command both take it from here.
    public static func population(_ scenario: Scenario) throws(SimulationError) -> (
        population: PopulationByRegion?, projection: ProjectionResult?
    ) {
        if let demography = scenario.demography {
            let result: ProjectionResult
            do {
                result = try demography.project(from: scenario.baseYear, to: scenario.horizon)
            } catch {
                throw .demography(error)
            }
            let population = PopulationByRegion(
                result: result, inputs: demography, tree: scenario.regions,
                baseYear: scenario.baseYear)
            return (population, result)
        }
        if let elderly = scenario.elderlyPopulation {
            return (PopulationByRegion(elderly: elderly), nil)
        }
        return (nil, nil)
    }

    /// The older population the facility stage reads, from ``population(_:)``.
    public static func olderPopulation(_ scenario: Scenario) throws(SimulationError)
        -> ElderlyPopulation?
    {
        guard let population = try population(scenario).population else { return nil }
        do {
            return try population.elderly
        } catch {
            throw .population(error)
        }
    }
}

extension Simulator {
    /// What the run says about how institutional residents were counted.
    static func residentsNote(_ settings: FacilitySettings, population: ElderlyPopulation?)
        -> RunNote
    {
        if settings.residentsFollowNeed(population) {
            return RunNote(
                chinese:
                    "机构入住人数按照护需求测算：各能力等级老年人 × 入住需求率（facilities.take_up），以各县养老机构床位为上限，入住率随之变化。",
                english:
                    "Institutional residents follow care need: older people at each capability level × take-up (facilities.take_up), up to each county's institutional beds; occupancy follows."
            )
        }
        if population?.byLevel == nil {
            return RunNote(
                chinese:
                    "人口未分能力等级，无法按照护需求测算入住人数和所需床位：机构入住率采用情景给定值或默认值（facilities.occupancy.institutional）。给出 demography.care_need.prevalence，或在 elderly_population 表中给出 mild、moderate、severe、complete 列，即可按需求测算。",
                english:
                    "The population has no capability levels, so residents and beds needed cannot follow care need: institutional occupancy is the scenario's rate or the default (facilities.occupancy.institutional). Give demography.care_need.prevalence, or the columns mild, moderate, severe, complete in the elderly_population table, to compute them from need."
            )
        }
        return RunNote(
            chinese:
                "机构入住率采用情景给定值（facilities.occupancy.institutional），不随照护需求变化；需求与供给表中的所需床位仅作对比。",
            english:
                "Institutional occupancy is pinned at the scenario's rate (facilities.occupancy.institutional), not driven by care need; the beds needed in the need-and-supply table are for comparison."
        )
    }
}

/// The service points of a year: every operating facility, tagged with its type and with
/// the roles coverage rules count (`county_care_home` for a care-type special-hardship home,
/// `public_home` for a public or public-built institution), at its own location or, when it
/// has none, at its unit's representative point.
///
/// Their ids are left empty: nothing computed from them reads an id (coverage keeps
/// positions), and writing the ids of the plan's facilities cost a string a facility a year.
enum ServicePoints {
    /// The kinds of point: the facility types' identifiers (by raw value), then the two
    /// roles.
    static let kindNames =
        FacilityType.allCases.map(\.identifier) + ["county_care_home", "public_home"]
    static let countyCareHome = UInt8(FacilityType.allCases.count)
    static let publicHome = countyCareHome + 1

    /// The points of the given types (identifiers of types or roles), in order.
    static func only(
        _ types: Set<String>, of points: [ServiceFacility], kinds: [UInt8]
    ) -> [ServiceFacility] {
        let wanted = kindNames.map(types.contains)
        var result: [ServiceFacility] = []
        for index in points.indices where wanted[Int(kinds[index])] {
            result.append(points[index])
        }
        return result
    }

    /// The year's points, and each one's kind (position in `kindNames`).
    static func of(_ stock: FacilityStock, tree: RegionTree, points: [GeoPoint?])
        -> (points: [ServiceFacility], kinds: [UInt8])
    {
        var result: [ServiceFacility] = []
        var kinds: [UInt8] = []
        result.reserveCapacity(stock.count)
        kinds.reserveCapacity(stock.count)
        for index in 0..<stock.count where stock.statuses[index] == .operating {
            let region = tree.regions[stock.regions[index]]
            let location = stock.locations[index] ?? points[stock.regions[index]]
            let type = stock.types[index]
            let id = ""
            let unit = stock.regions[index]
            result.append(
                ServiceFacility(
                    id: id, type: type.identifier, region: region.code, location: location,
                    regionIndex: unit))
            kinds.append(UInt8(type.rawValue))
            if type == .specialHardshipHome, stock.isCareType[index] {
                result.append(
                    ServiceFacility(
                        id: id, type: "county_care_home", region: region.code, location: location,
                        regionIndex: unit))
                kinds.append(countyCareHome)
            }
            if type.isHome, stock.ownerships[index] != .privateRun {
                result.append(
                    ServiceFacility(
                        id: id, type: "public_home", region: region.code, location: location,
                        regionIndex: unit))
                kinds.append(publicHome)
            }
        }
        return (result, kinds)
    }
}

extension FacilityType {
    /// Institutions with beds that people live in: homes, special-hardship homes, honour
    /// homes (养老机构).
    var isHome: Bool { self == .institution || self == .specialHardshipHome || self == .honourHome }
}

/// The residents of the 15-minute circle: the older people at every located unit.
struct ResidentLayer: Sendable {
    let population: PopulationByRegion
    /// Units with persons and a location, in tree order.
    let located: [Int]
    /// Units with persons and no location.
    let unlocated: [Int]
    let projection: LocalProjection
    let locations: [PlanarPoint]
    /// The 15-minute circle on this layer's map (along the walking network, if any).
    let serviceCircle: ServiceCircle

    init(population: PopulationByRegion, tree: RegionTree, settings: CoverageSettings) {
        self.population = population
        var located: [Int] = []
        var unlocated: [Int] = []
        for region in 0..<tree.count where population.aged60.contains(where: { $0[region] > 0 }) {
            if tree.regions[region].location != nil {
                located.append(region)
            } else {
                unlocated.append(region)
            }
        }
        self.located = located
        self.unlocated = unlocated
        let points = located.map { tree.regions[$0].location! }
        projection = LocalProjection(centredOn: points)
        locations = PlanarPoint.projecting(points, with: projection)
        serviceCircle = settings.serviceCircle(projection: projection)
    }

    /// The circle of a year: the share of 60+, 80+ and disabled residents within the walk of
    /// a service point of the scenario's types.
    func circle(
        yearIndex: Int, servicePoints: [ServiceFacility], settings: CoverageSettings,
        tree: RegionTree
    ) -> ServiceCircleResult? {
        let points = servicePoints.filter { settings.servicePointTypes.contains($0.type) }
            .compactMap(\.location)
        guard !located.isEmpty, !points.isEmpty else { return nil }
        var groups = [
            group(ResidentGroup.aged60Plus, population.aged60, yearIndex),
            group(ResidentGroup.aged80Plus, population.aged80, yearIndex),
        ]
        if let disabled = population.disabled {
            groups.append(group(ResidentGroup.disabled, disabled, yearIndex))
        }
        let residents = ResidentPoints(
            locations: locations, regionIndices: located.map { Int32($0) }, groups: groups)
        return serviceCircle.evaluate(
            residents: residents, servicePoints: PlanarPoint.projecting(points, with: projection),
            tree: tree,
            parallelism: .serial)
    }

    /// Who the circle of a year counts (一刻钟服务圈的分母): the persons aged 60+ at located
    /// units, those of them at estimated points, and those at units with no point, whom the
    /// circle leaves out; a warning when more than 1% are left out.
    func denominatorNote(yearIndex: Int, year: Int, tree: RegionTree) -> RunNote {
        let aged60 = population.aged60[yearIndex]
        let located = self.located.map { aged60[$0] }.reduce(0, +)
        let estimatedUnits = self.located.filter { tree.regions[$0].locationIsEstimated }
        let estimated = estimatedUnits.map { aged60[$0] }.reduce(0, +)
        let unlocated = self.unlocated.map { aged60[$0] }.reduce(0, +)
        let total = located + unlocated
        let share = total > 0 ? unlocated / total : 0
        func persons(_ value: Double) -> String { NumberText.grouped(Int(value.rounded())) }
        func percent(_ value: Double) -> String {
            NumberText.grouped(100 * value, decimals: 1) + "%"
        }
        var chinese =
            "一刻钟服务圈（\(year)年）的分母：60岁及以上老年人 \(persons(total)) 人，其中 \(persons(located)) 人（\(percent(total > 0 ? located / total : 0))）所在社区或村有位置"
        var english =
            "The 15-minute circle's denominator (\(year)): \(persons(total)) persons aged 60+, of whom \(persons(located)) (\(percent(total > 0 ? located / total : 0))) live in a community or village with a location"
        if !estimatedUnits.isEmpty {
            chinese +=
                "；\(NumberText.grouped(estimatedUnits.count)) 个单位（\(persons(estimated)) 人）的位置为推算（coverage.estimate_locations：按乡镇点位、乡镇间距和社区数推算，非实测，覆盖率为估计值）"
            english +=
                "; \(NumberText.grouped(estimatedUnits.count)) units (\(persons(estimated)) persons) have estimated points (coverage.estimate_locations: from township points, their spacing and the number of communities, not surveyed, so the share is an estimate)"
        }
        chinese += "；\(persons(unlocated)) 人（\(percent(share))）无位置，不计入服务圈。"
        english +=
            "; \(persons(unlocated)) (\(percent(share))) have none and are left out of the circle."
        if share > 0.01 {
            chinese =
                "警告：" + chinese
                + "请在区划表中给出社区和村的 lon、lat，或在 coverage 中设 estimate_locations: yes。"
            english =
                "Warning: " + english
                + " Give the communities and villages lon and lat in the region table, or set coverage.estimate_locations: yes."
        }
        return RunNote(chinese: chinese, english: english)
    }

    /// A group of persons (per year, per region) at the located units in a year.
    func group(_ name: String, _ persons: [[Double]], _ yearIndex: Int) -> ResidentGroup {
        ResidentGroup(name: name, weights: located.map { persons[yearIndex][$0] })
    }
}
