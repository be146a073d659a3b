import Coverage
import Facilities
import Geography
import Simulation
import Targets

/// A scenario's allocation problem with what is needed to write its answer back as a plan.
public struct AllocationInstance: Sendable {
    public var problem: AllocationProblem
    /// The plan line each action is written as (the scenario's first line of that kind, or
    /// the defaults), by ``AllocationAction/rawValue``.
    public var templates: [PlanAction]
    /// The plan's lines the optimiser does not choose (closures, merges, planned projects):
    /// kept as they are.
    public var fixedLines: [PlanAction]
    /// For each target of the problem, its index in the scenario's targets.
    public var scenarioTargets: [Int]
    /// Targets of the scenario left out, with the reason.
    public var leftOut: [(id: String, reason: String)]
    /// The factor the scenario's capped budget lines are multiplied by.
    public var budgetScale: Double
}

/// Builds the allocation problem of a scenario from its base path (基准路径): the scenario run
/// with only the plan's fixed lines (``AllocationModel/basePath(_:)``).
///
/// What the base path gives: each unit's coverage in every year (streets without a centre,
/// villages without a point…), the counties without a care-type home, the ordinary beds each
/// county's eligible homes could convert, the numerators and denominators of every indicator,
/// and the money each source has left for capital after the recurring costs and the fixed
/// lines. Options are built for the action kinds that move a target of the scenario:
/// centres, stations and points in uncovered units (units of the same cost grouped into one
/// class, served most older residents first), care homes in counties without one,
/// conversions by county, meal sites and homes for the planning region. Each target gives
/// one row per region judged (the planning region, or each unit in scope) and per year
/// judged (its deadline, or every year of an ongoing target), linearised as in
/// ``AllocationRow``; denominators that actions do not change (older residents, units) are
/// the base path's.
public enum AllocationModel {
    /// The plan line kinds the optimiser keeps as they are.
    static let fixedKinds: Set<PlanAction.Kind> = [.close, .merge, .buildPlanned]

    /// The scenario with its plan reduced to the fixed lines: its run is the base path.
    public static func basePath(_ scenario: Scenario) -> Scenario {
        var base = scenario
        base.investment?.actions.removeAll { !fixedKinds.contains($0.kind) }
        return base
    }

    /// The capped capital budget of the plan over its years, in yuan (sources with a budget
    /// line; the local general budget counts only when it has one).
    public static func planBudget(_ scenario: Scenario) -> Double {
        guard let plan = scenario.investment else { return 0 }
        var total = 0.0
        for budget in plan.budgets.compactMap({ $0 }) {
            for year in (scenario.baseYear + 1)...max(scenario.baseYear + 1, scenario.horizon) {
                total += budget.value(in: year) ?? 0
            }
        }
        return total
    }

    /// The indicators whose targets the options can move.
    static let modelled: Set<String> = [
        "street-centre-coverage", "township-centre-coverage", "urban-community-coverage",
        "rural-village-coverage", "county-care-homes", "county-care-home-coverage",
        "nursing-bed-share-institutional", "nursing-bed-share-all", "nursing-beds",
        "service-beds", "institutional-beds", "beds-per-1000-aged-60", "beds-per-1000-aged-65",
        "community-stations", "meal-sites", "lottery-fund-share", "public-homes",
    ]

    static let ruleIndicator = [
        "street_centres": "street-centre-coverage",
        "township_centres": "township-centre-coverage",
        "urban_communities": "urban-community-coverage",
        "rural_villages": "rural-village-coverage",
        "county_care_homes": "county-care-home-coverage",
    ]

    static let ruleOfAction: [AllocationAction: String] = [
        .streetCentre: "street_centres", .townshipCentre: "township_centres",
        .communityStation: "urban_communities", .villagePoint: "rural_villages",
    ]

    /// What one count of an option adds.
    struct Effect {
        var coverage: Set<String> = []
        var beds = 0.0
        var nursing = 0.0
        var institutional = false
        var careHome = false
        var station = false
        var meal = false
        var publicHome = false

        /// (numerator, denominator) added to an indicator.
        func change(_ indicator: String) -> (Double, Double) {
            switch indicator {
            case _ where coverage.contains(indicator): (1, 0)
            case "county-care-homes": (careHome ? 1 : 0, 0)
            case "nursing-bed-share-institutional": institutional ? (nursing, beds) : (0, 0)
            case "nursing-bed-share-all": (nursing, beds)
            case "nursing-beds": (institutional ? nursing : 0, 0)
            case "service-beds", "beds-per-1000-aged-60", "beds-per-1000-aged-65": (beds, 0)
            case "institutional-beds": (institutional ? beds : 0, 0)
            case "community-stations": (station ? 1 : 0, 0)
            case "meal-sites": (meal ? 1 : 0, 0)
            case "public-homes": (publicHome ? 1 : 0, 0)
            default: (0, 0)
            }
        }
    }

    /// Builds the problem.
    /// - Parameters:
    ///   - scenario: the scenario as given (its plan gives the templates and the sources).
    ///   - base: the run of ``basePath(_:)``.
    ///   - budgetScale: the factor for every capped budget line (1: the plan's budget).
    ///   - weights: target weights by id (default 1).
    public static func build(
        scenario: Scenario, base: SimulationResult, budgetScale: Double = 1,
        weights: [String: Double] = [:]
    ) -> AllocationInstance {
        let tree = scenario.regions
        let planning = tree.index(of: scenario.region)!
        let inPlanning = tree.subtree(of: planning)
        let plan = scenario.investment
        let leadTimes =
            scenario.facilities?.leadTimes ?? FacilityType.allCases.map(\.defaultLeadTime)
        let table = base.indicators
        let costs = plan?.unitCosts ?? UnitCostTable(entries: [])
        let lineup = plan?.actions ?? []
        var leftOut: [(String, String)] = []

        // Which targets can be modelled, and their rows' years and regions.
        struct Candidate {
            var index: Int
            var years: [Int]
            var regions: [Int]
        }
        var candidates: [Candidate] = []
        for (index, target) in scenario.targets.enumerated() {
            let id = target.indicator.id
            guard modelled.contains(id) else {
                leftOut.append((target.id, "no action of the plan's kinds moves \(id)"))
                continue
            }
            guard target.threshold != nil, target.comparison != .equal else {
                leftOut.append((target.id, "no threshold to meet"))
                continue
            }
            if target.isTotalOfLargerRegion(than: scenario.region) {
                leftOut.append((target.id, "a total of a larger region (not applicable)"))
                continue
            }
            let regions: [Int]
            switch target.scope {
            case .region: regions = [planning]
            case .each:
                regions = TargetEvaluator.units(in: target.scope, tree: tree, region: planning)
            case .group:
                leftOut.append((target.id, "its group of units is not listed"))
                continue
            }
            var years: [Int]
            if let deadline = target.deadline {
                years = scenario.years.contains(deadline) ? [deadline] : []
            } else {
                years = target.judgedYears(in: scenario.years).map(Array.init) ?? []
            }
            years = years.filter { year in
                regions.allSatisfy { region in
                    id == "lottery-fund-share"
                        ? plan?.welfareLotteryTotal?.value(in: year) != nil
                        : table.value(target.indicator, year: year, region: region) != nil
                }
            }
            guard !years.isEmpty, !regions.isEmpty else {
                leftOut.append((target.id, "not computed on the base path"))
                continue
            }
            candidates.append(Candidate(index: index, years: years, regions: regions))
        }
        let wanted = Set(candidates.map { scenario.targets[$0.index].indicator.id })
        let deadlines = candidates.compactMap { scenario.targets[$0.index].deadline }
        let lastYear = min(
            scenario.horizon, max(scenario.baseYear + 1, deadlines.max() ?? scenario.reportYear))
        let years = Array((scenario.baseYear + 1)...lastYear)
        let lastIndex = lastYear - scenario.baseYear

        // Templates.
        func template(_ action: AllocationAction) -> PlanAction {
            let found = lineup.first { line in
                switch action {
                case .streetCentre, .townshipCentre:
                    line.kind == .buildCentres
                        && (line.facilityType == nil || line.facilityType == action.facilityType)
                case .communityStation, .villagePoint:
                    line.kind == .buildStations
                        && (line.facilityType == nil || line.facilityType == action.facilityType)
                case .careHome:
                    line.kind == .buildBeds && line.isCareType
                case .home:
                    line.kind == .buildBeds && !line.isCareType
                case .conversion: line.kind == .convertToNursing
                case .mealSite: line.kind == .certifyMealSites
                }
            }
            if let found { return found }
            switch action {
            case .streetCentre, .townshipCentre:
                return PlanAction(
                    kind: .buildCentres, label: "", years: [], facilityType: action.facilityType,
                    bedsPerFacility: 0)
            case .communityStation, .villagePoint:
                return PlanAction(
                    kind: .buildStations, label: "", years: [],
                    facilityType: action.facilityType, bedsPerFacility: 0)
            case .careHome:
                return PlanAction(
                    kind: .buildBeds, label: "", years: [], facilityType: .specialHardshipHome,
                    isCareType: true, nursingShare: 0.6)
            case .home:
                return PlanAction(kind: .buildBeds, label: "", years: [], nursingShare: 0.6)
            case .conversion:
                return PlanAction(kind: .convertToNursing, label: "", years: [])
            case .mealSite:
                return PlanAction(kind: .certifyMealSites, label: "", years: [])
            }
        }
        let templates = AllocationAction.allCases.map(template)
        func nursing(_ line: PlanAction, _ beds: Int) -> Double {
            Double(min(beds, Int((Double(beds) * line.nursingShare).rounded())))
        }
        let bedCost = costs.costs(of: .buildBed, in: tree)
        let nursingCost =
            costs.has(.buildNursingBed) ? costs.costs(of: .buildNursingBed, in: tree) : bedCost
        func homeCost(_ line: PlanAction, _ region: Int) -> Double {
            let size = max(1, line.bedsPerFacility)
            let n = nursing(line, size)
            return (Double(size) - n) * bedCost[region] + n * nursingCost[region]
        }
        let aged60 =
            base.population.map { $0.aged60[0] } ?? [Double](repeating: 0, count: tree.count)

        var options: [AllocationOption] = []
        var effects: [Effect] = []
        func add(_ option: AllocationOption, _ effect: Effect) {
            guard option.unitCost.isFinite, option.totalLimit > 0, !option.sources.isEmpty
            else { return }
            options.append(option)
            effects.append(effect)
        }
        let lastCoverage = base.coverage.indices.contains(lastIndex) ? base.coverage[lastIndex] : []

        // Centres, stations and points in uncovered units.
        for action in [
            AllocationAction.streetCentre, .townshipCentre, .communityStation, .villagePoint,
        ] {
            guard let ruleID = ruleOfAction[action],
                let coverage = lastCoverage.first(where: { $0.rule.id == ruleID }),
                let indicator = ruleIndicator[ruleID], let type = action.facilityType,
                let item = CostItem.building(type)
            else { continue }
            let counts = action == .communityStation && wanted.contains("community-stations")
            guard wanted.contains(indicator) || counts else { continue }
            let line = templates[action.rawValue]
            let unitCost = costs.costs(of: item, in: tree)
            var byCost: [Double: [Int]] = [:]
            for unit in inPlanning where coverage.isUnit[unit] && !coverage.isCovered[unit] {
                let kind = tree.regions[unit].kind
                let natural: Bool
                switch action {
                case .streetCentre: natural = kind == .street
                case .townshipCentre: natural = kind.level == .township && kind != .street
                case .communityStation: natural = kind == .community
                default: natural = kind == .village
                }
                guard natural, unitCost[unit].isFinite else { continue }
                byCost[unitCost[unit], default: []].append(unit)
            }
            var effect = Effect()
            if coverage.rule.facilityTypes.contains(type.identifier) {
                effect.coverage = [indicator]
            }
            effect.beds = Double(line.bedsPerFacility)
            effect.nursing = nursing(line, line.bedsPerFacility)
            effect.station = action == .communityStation
            for cost in byCost.keys.sorted() {
                let units = byCost[cost]!.sorted { (aged60[$0], -$0) > (aged60[$1], -$1) }
                add(
                    AllocationOption(
                        action: action, units: units, unitCost: cost,
                        leadTime: line.leadTime ?? leadTimes[type.rawValue],
                        sources: line.funding, perYearLimit: units.count,
                        totalLimit: units.count), effect)
            }
        }

        // Care-type homes in counties without one.
        if wanted.contains("county-care-homes") || wanted.contains("county-care-home-coverage") {
            let line = templates[AllocationAction.careHome.rawValue]
            let careIndicator = IndicatorCatalogue.indicator("county-care-homes")!
            var inScope = Set<Int>()
            for candidate in candidates
            where scenario.targets[candidate.index].indicator.id == "county-care-homes" {
                inScope.formUnion(candidate.regions)
                if candidate.regions == [planning] {
                    inScope.formUnion(tree.indices(at: .county).filter(inPlanning.contains))
                }
            }
            let rule = lastCoverage.first { $0.rule.id == "county_care_homes" }
            if wanted.contains("county-care-home-coverage"), let rule {
                inScope.formUnion(inPlanning.filter { rule.isUnit[$0] && !rule.isCovered[$0] })
            }
            for county in inScope.sorted() where tree.regions[county].level == .county {
                let has =
                    table.value(careIndicator, year: lastYear, region: county)?.value ?? 0
                guard has < 1 else { continue }
                var effect = Effect()
                effect.careHome = true
                effect.institutional = true
                effect.beds = Double(max(1, line.bedsPerFacility))
                effect.nursing = nursing(line, max(1, line.bedsPerFacility))
                effect.publicHome = line.ownership != .privateRun
                if let rule, rule.isUnit[county], !rule.isCovered[county] {
                    effect.coverage = ["county-care-home-coverage"]
                }
                add(
                    AllocationOption(
                        action: .careHome, units: [county], unitCost: homeCost(line, county),
                        leadTime: line.leadTime
                            ?? leadTimes[(line.facilityType ?? .specialHardshipHome).rawValue],
                        sources: line.funding, perYearLimit: 1, totalLimit: 1), effect)
            }
        }

        // Conversions by county, up to the ordinary beds of the eligible homes.
        if !wanted.isDisjoint(
            with: ["nursing-bed-share-institutional", "nursing-bed-share-all", "nursing-beds"]),
            let facilities = base.facilities, !facilities.yearEndStocks.isEmpty
        {
            let line = templates[AllocationAction.conversion.rawValue]
            let stocks = facilities.yearEndStocks
            let first = stocks[min(stocks.count - 1, max(0, years[0] - 1 - scenario.baseYear))]
            let last = stocks[min(stocks.count - 1, lastIndex)]
            var countyOf = [Int](repeating: -1, count: tree.count)
            for region in 0..<tree.count {
                let parent = tree.parentIndices[region]
                countyOf[region] =
                    tree.regions[region].level == .county
                    ? region : parent >= 0 ? countyOf[parent] : -1
            }
            var capacity = [Int](repeating: 0, count: tree.count)
            for facility in 0..<first.count where first.statuses[facility] == .operating {
                guard facility < last.count, last.statuses[facility] == .operating else { continue }
                let type = first.types[facility]
                let typeOK =
                    line.eligibleTypes.isEmpty
                    ? type.bedCategory == .institutional : line.eligibleTypes.contains(type)
                guard typeOK,
                    line.eligibleOwnership.isEmpty
                        || line.eligibleOwnership.contains(first.ownerships[facility]),
                    !line.isCareType || first.isCareType[facility],
                    line.eligibleTier.map({ first.tiers[facility] == $0 }) ?? true
                else { continue }
                let county = countyOf[first.regions[facility]]
                guard county >= 0, inPlanning.contains(county) else { continue }
                capacity[county] += first.beds[facility] - first.nursingBeds[facility]
            }
            let convertCost = costs.costs(of: .convertBed, in: tree)
            var effect = Effect()
            effect.nursing = 1
            effect.institutional = true
            for county in inPlanning where capacity[county] > 0 {
                add(
                    AllocationOption(
                        action: .conversion, units: [county], unitCost: convertCost[county],
                        leadTime: 0, sources: line.funding, perYearLimit: capacity[county],
                        totalLimit: capacity[county]), effect)
            }
        }

        // Shortfalls at the planning region, for meal sites and homes.
        func shortfall(_ ids: Set<String>, perUnit: Double) -> Int {
            var most = 0.0
            for candidate in candidates {
                let target = scenario.targets[candidate.index]
                guard ids.contains(target.indicator.id), candidate.regions == [planning],
                    target.comparison == .atLeast, let threshold = target.threshold
                else { continue }
                for year in candidate.years {
                    guard let value = table.value(target.indicator, year: year, region: planning)
                    else { continue }
                    most = max(most, threshold * value.denominator - value.numerator)
                }
            }
            return Int((most / perUnit).rounded(.up))
        }
        if wanted.contains("meal-sites") {
            let line = templates[AllocationAction.mealSite.rawValue]
            var effect = Effect()
            effect.meal = true
            let count = shortfall(["meal-sites"], perUnit: 1)
            add(
                AllocationOption(
                    action: .mealSite, units: [planning],
                    unitCost: costs.costs(of: .certifyMealSite, in: tree)[planning],
                    leadTime: leadTimes[FacilityType.mealSite.rawValue],
                    sources: line.funding, perYearLimit: count, totalLimit: count), effect)
        }
        let bedIndicators: Set<String> = [
            "service-beds", "institutional-beds", "beds-per-1000-aged-60", "beds-per-1000-aged-65",
        ]
        if !wanted.isDisjoint(with: bedIndicators) {
            let line = templates[AllocationAction.home.rawValue]
            let size = max(1, line.bedsPerFacility)
            var effect = Effect()
            effect.beds = Double(size)
            effect.nursing = nursing(line, size)
            effect.institutional = (line.facilityType ?? .institution).bedCategory == .institutional
            effect.publicHome = line.ownership != .privateRun
            let count = shortfall(bedIndicators, perUnit: Double(size))
            add(
                AllocationOption(
                    action: .home, units: [planning], unitCost: homeCost(line, planning),
                    leadTime: line.leadTime
                        ?? leadTimes[(line.facilityType ?? .institution).rawValue],
                    sources: line.funding, perYearLimit: count, totalLimit: count), effect)
        }

        // Capital by source and year: the budget line (scaled) less what the base path spent.
        var capital = [[Double?]](
            repeating: [Double?](repeating: 0, count: years.count), count: FundingSource.count)
        if let facilities = base.facilities {
            for source in FundingSource.allCases {
                for (y, year) in years.enumerated() where facilities.years.contains(year) {
                    let money = facilities.budget(source, year: year)
                    guard money.available != nil else {
                        capital[source.rawValue][y] = nil
                        continue
                    }
                    capital[source.rawValue][y] =
                        budgetScale * (money.budget ?? 0) - money.capitalSpent
                        - money.recurringSpent
                }
            }
        }

        // Target rows.
        var targets: [AllocationTarget] = []
        var scenarioTargets: [Int] = []
        for candidate in candidates {
            let target = scenario.targets[candidate.index]
            let id = target.indicator.id
            let threshold = target.threshold!
            let sign = target.comparison == .atLeast ? 1.0 : -1.0
            var rows: [AllocationRow] = []
            var moved = false
            for year in candidate.years {
                for region in candidate.regions {
                    if id == "lottery-fund-share" {
                        // Lottery spending on elderly care ≥ threshold × the whole fund.
                        guard let facilities = base.facilities,
                            let total = plan?.welfareLotteryTotal?.value(in: year)
                        else { continue }
                        let money = facilities.budget(.welfareLottery, year: year)
                        let spent = money.capitalSpent + money.recurringSpent
                        rows.append(
                            AllocationRow(
                                year: year, region: region, terms: [],
                                spending: (.welfareLottery, sign),
                                rightHandSide: sign * (threshold * total - spent)))
                        moved = moved || years.contains(year)
                        continue
                    }
                    guard let value = table.value(target.indicator, year: year, region: region)
                    else { continue }
                    let isRatio = target.indicator.aggregation == .ratio
                    var terms: [(option: Int, coefficient: Double)] = []
                    for (o, option) in options.enumerated() {
                        let range = tree.subtree(of: region)
                        guard option.units.allSatisfy(range.contains) else { continue }
                        let (top, bottom) = effects[o].change(id)
                        let coefficient = sign * (isRatio ? top - threshold * bottom : top)
                        if coefficient != 0 { terms.append((o, coefficient)) }
                    }
                    moved = moved || !terms.isEmpty
                    let needed =
                        isRatio
                        ? threshold * value.denominator - value.numerator
                        : threshold - value.value
                    rows.append(
                        AllocationRow(
                            year: year, region: region, terms: terms,
                            rightHandSide: sign * needed))
                }
            }
            guard moved else {
                leftOut.append((target.id, "no option can change it by its deadline"))
                continue
            }
            targets.append(
                AllocationTarget(id: target.id, weight: weights[target.id] ?? 1, rows: rows))
            scenarioTargets.append(candidate.index)
        }

        return AllocationInstance(
            problem: AllocationProblem(
                years: years, capital: capital, carriesOver: plan?.carriesOver ?? false,
                options: options, targets: targets),
            templates: templates, fixedLines: lineup.filter { fixedKinds.contains($0.kind) },
            scenarioTargets: scenarioTargets, leftOut: leftOut, budgetScale: budgetScale)
    }
}
