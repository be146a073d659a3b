import Geography
import Quantities

/// Older people not yet served by a facility of a type, per region of the tree (each
/// region's whole subtree), given the stock as it stands: how the coverage model can rank
/// units for the `most_uncovered_elderly` rule. Called once per plan line and year; within
/// the year a unit that receives a facility counts as served.
public typealias UncoveredElderlyEstimate =
    @Sendable (_ year: Int, _ type: FacilityType, _ stock: FacilityStock) -> [Double]

/// Everything a run of the stock needs.
public struct FacilityRunInput: Sendable {
    public var regions: RegionTree
    /// The planning region's index in the tree: counts are allocated over its units.
    public var planningRegion: Int
    /// Base year (the inventory's stock) to horizon.
    public var years: ClosedRange<Int>
    public var settings: FacilitySettings
    public var plan: InvestmentPlan?
    /// The older population; needed for rates per older person, allowances, subsidies and
    /// the rules that rank units by older people.
    public var population: ElderlyPopulation?
    /// Ranks units for `most_uncovered_elderly`; nil: presence, the older people of units
    /// without a facility of the type (operating or being built).
    public var uncoveredElderly: UncoveredElderlyEstimate?
    /// The lowest level indicators are kept for (every region at or above it).
    public var reportingLevel: RegionLevel

    public init(
        regions: RegionTree, planningRegion: Int, years: ClosedRange<Int>,
        settings: FacilitySettings, plan: InvestmentPlan? = nil,
        population: ElderlyPopulation? = nil, uncoveredElderly: UncoveredElderlyEstimate? = nil,
        reportingLevel: RegionLevel = .village
    ) {
        self.regions = regions
        self.planningRegion = planningRegion
        self.years = years
        self.settings = settings
        self.plan = plan
        self.population = population
        self.uncoveredElderly = uncoveredElderly
        self.reportingLevel = reportingLevel
    }
}

/// Why a run cannot be made.
public enum FacilitySimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A plan line ranks units by older people and no population was given.
    case populationRequired(action: String, rule: PriorityRule)
    /// The population does not cover the run's years.
    case populationYears(covered: ClosedRange<Int>, needed: ClosedRange<Int>)
    /// The population's arrays are for another tree.
    case populationRegions(expected: Int, got: Int)
    /// No unit cost applies to an item in a region where the plan needs it.
    case missingUnitCost(item: CostItem, region: String)
    /// The planning region is not a region of the tree.
    case planningRegionOutOfTree

    public var description: String {
        switch self {
        case .populationRequired(let action, let rule):
            "\(action) ranks units by '\(rule.identifier)', which needs the older population"
        case .populationYears(let covered, let needed):
            "the population covers \(covered.lowerBound)–\(covered.upperBound), the run needs \(needed.lowerBound)–\(needed.upperBound)"
        case .populationRegions(let expected, let got):
            "the population has \(got) regions, the tree \(expected)"
        case .missingUnitCost(let item, let region):
            "no unit cost of \(item.identifier) applies to region \(region)"
        case .planningRegionOutOfTree:
            "the planning region is not in the region tree"
        }
    }
}

/// Runs the facility stock and the investment plan year by year (存量—流量模拟).
///
/// Each year, in this order: approved projects whose opening year it is open; recurring
/// costs (allowances, subsidies, training) are paid on the stock as it then stands; the
/// plan's lines are funded and carried out in plan order, deferred amounts from earlier
/// years first; residents, caregivers and the year's indicators are computed. The base
/// year shows the inventory as given, without costs.
///
/// The run is deterministic: the same input gives the same result, whatever the machine.
public enum FacilitySimulation {
    /// - Complexity: O(years × (facilities + regions) + allocations × log units).
    /// - Throws: ``FacilitySimulationError``.
    public static func run(_ input: FacilityRunInput) throws(FacilitySimulationError)
        -> FacilityRun
    {
        var engine = try Engine(input)
        return try engine.run()
    }
}

/// Unit totals kept up to date as the stock changes, for one level of the tree: what the
/// priority rules read. Indexed by tree index (only the level's regions are used).
struct LevelTotals {
    /// Operating and pipeline facilities by type.
    var counts: [[Int32]]
    /// Service beds, operating and pipeline.
    var serviceBeds: [Double]
    /// Institutional beds and nursing beds of operating homes.
    var institutionalBeds: [Double]
    var institutionalNursing: [Double]
    /// Beds by ``BedCategory``, operating and pipeline.
    var categoryBeds: [[Double]]

    init(regionCount: Int) {
        counts = Array(
            repeating: [Int32](repeating: 0, count: regionCount),
            count: FacilityType.allCases.count)
        serviceBeds = [Double](repeating: 0, count: regionCount)
        institutionalBeds = serviceBeds
        institutionalNursing = serviceBeds
        categoryBeds = Array(repeating: serviceBeds, count: BedCategory.allCases.count)
    }
}

/// What is left to do of a plan line.
struct Demand {
    var amount = 0
    var places: [(region: Int, amount: Int)] = []
    var facilities: [Int] = []

    var total: Int {
        amount + places.reduce(0) { $0 + $1.amount } + facilities.count
    }

    var isEmpty: Bool { total == 0 }

    mutating func add(_ other: Demand) {
        amount += other.amount
        places += other.places
        facilities += other.facilities
    }
}

struct Engine {
    let input: FacilityRunInput
    let tree: RegionTree
    let settings: FacilitySettings
    let plan: InvestmentPlan
    let population: ElderlyPopulation?
    var stock: FacilityStock

    // The reporting tree: regions at or above the reporting level, in pre-order.
    let reportRegions: [Int]
    let reportParents: [Int]
    /// For every tree region, its reporting region (itself or its ancestor at the level).
    let reportOf: [Int]
    let planningReport: Int

    // Allocation units.
    let planningRange: Range<Int>
    let lowestLevel: RegionLevel
    /// Per level: for every tree region, its ancestor at the level (itself at it), -1 above.
    var ancestorAt: [[Int]]
    /// Per level: the regions at the level within the planning region.
    var unitsAt: [[Int]]
    var totals: [LevelTotals?]
    /// Per plan line using the given order: each region's position in the order, -1 if absent.
    var orderPosition: [[Int32]]

    /// Per cost item: the cost in each region, or empty when the table has no row for it.
    var unitCost: [[Double]]

    // Money.
    var available: [Double]
    var budgetYears: [BudgetYear] = []

    // The year being simulated.
    var year: Int
    var yearValues: [Double]
    var values: [Double] = []
    var outcomes: [ActionOutcome] = []
    var yearOutcomes: [ActionOutcome?]
    var backlog: [Demand]
    var familyFacility: [Int]
    /// Inventory facilities the plan closes or merges in some year: count-based conversions
    /// and upgrades leave them alone.
    var closesLater: [Bool]
    var pending: [Int] = []
    var pool: Double = 0
    var trainingPaid: Double = 0
    var trainedThisYear: Double = 0
    var trainingSource: FundingSource = .localBudget
    var occupancyRate: [Double] = [0, 0, 0]
    var elderlyCache: [[Double]]
    var created: [Int]
    var failure: FacilitySimulationError?
    var scratch: [Double]
    /// Per level: facilities grouped by unit (offsets into `groupMembers`), rebuilt yearly.
    var groupOffsets: [[Int]]
    var groupMembers: [[Int]]
    var groupYear: [Int]

    init(_ input: FacilityRunInput) throws(FacilitySimulationError) {
        self.input = input
        tree = input.regions
        settings = input.settings
        plan = input.plan ?? InvestmentPlan(unitCosts: UnitCostTable(entries: []), actions: [])
        population = input.population
        let regionCount = tree.count
        guard (0..<regionCount).contains(input.planningRegion) else {
            throw .planningRegionOutOfTree
        }
        if let population {
            guard population.years.contains(input.years.lowerBound),
                population.years.contains(input.years.upperBound)
            else { throw .populationYears(covered: population.years, needed: input.years) }
            let count = population.aged60.first?.count ?? regionCount
            guard count == regionCount else {
                throw .populationRegions(expected: regionCount, got: count)
            }
        }

        // Reporting tree.
        var reportRegions: [Int] = []
        var reportParents: [Int] = []
        var reportOf = [Int](repeating: -1, count: regionCount)
        for index in 0..<regionCount {
            if tree.regions[index].level <= input.reportingLevel {
                reportOf[index] = reportRegions.count
                let parent = tree.parentIndices[index]
                reportParents.append(parent >= 0 ? reportOf[parent] : -1)
                reportRegions.append(index)
            } else {
                reportOf[index] = reportOf[tree.parentIndices[index]]
            }
        }
        self.reportRegions = reportRegions
        self.reportParents = reportParents
        self.reportOf = reportOf
        var planningReport = reportOf[input.planningRegion]
        if planningReport < 0 { planningReport = 0 }
        self.planningReport = planningReport

        let regions = input.regions
        planningRange = regions.subtree(of: input.planningRegion)
        lowestLevel =
            regions.subtree(of: input.planningRegion).map { regions.regions[$0].level }.max()
            ?? regions.regions[0].level
        ancestorAt = Array(repeating: [], count: RegionLevel.allCases.count)
        unitsAt = Array(repeating: [], count: RegionLevel.allCases.count)
        totals = Array(repeating: nil, count: RegionLevel.allCases.count)
        elderlyCache = Array(repeating: [], count: RegionLevel.allCases.count)
        groupOffsets = Array(repeating: [], count: RegionLevel.allCases.count)
        groupMembers = Array(repeating: [], count: RegionLevel.allCases.count)
        groupYear = Array(repeating: Int.min, count: RegionLevel.allCases.count)
        orderPosition = Array(repeating: [], count: plan.actions.count)

        unitCost = CostItem.allCases.map { item in
            input.plan?.unitCosts.has(item) == true
                ? input.plan!.unitCosts.costs(of: item, in: input.regions) : []
        }
        if unitCost[CostItem.buildNursingBed.rawValue].isEmpty {
            unitCost[CostItem.buildNursingBed.rawValue] = unitCost[CostItem.buildBed.rawValue]
        }

        available = [Double](repeating: 0, count: FundingSource.allCases.count)
        year = input.years.lowerBound
        yearValues = [Double](repeating: 0, count: Field.count * reportRegions.count)
        yearOutcomes = Array(repeating: nil, count: plan.actions.count)
        backlog = Array(repeating: Demand(), count: plan.actions.count)
        familyFacility = [Int](repeating: -1, count: regionCount)
        closesLater = [Bool](repeating: false, count: input.settings.inventory.facilities.count)
        for action in plan.actions where action.kind == .close || action.kind == .merge {
            for facility in action.facilities where closesLater.indices.contains(facility) {
                closesLater[facility] = true
            }
        }
        created = [Int](repeating: 0, count: plan.actions.count)
        scratch = [Double](repeating: 0, count: reportRegions.count)
        stock = FacilityStock(inventory: input.settings.inventory, reportIndexOf: reportOf)

        // Levels the plan allocates over, and their unit totals.
        for (index, action) in plan.actions.enumerated() {
            let rule = action.priority ?? plan.priority
            if let level = unitLevel(for: action) {
                prepare(level)
                if rule == .givenOrder {
                    var positions = [Int32](repeating: -1, count: regionCount)
                    for (position, region) in action.order.enumerated()
                    where positions[region] < 0 {
                        positions[region] = Int32(position)
                    }
                    orderPosition[index] = positions
                }
                if rule.needsPopulation, population == nil, action.places.isEmpty,
                    action.facilities.isEmpty, !(rule == .mostUncoveredElderly
                        && input.uncoveredElderly != nil)
                {
                    throw .populationRequired(action: action.label, rule: rule)
                }
            }
        }
        for index in 0..<stock.count {
            if stock.types[index] == .familyBeds, stock.statuses[index] != .closed,
                familyFacility[stock.regions[index]] < 0
            {
                familyFacility[stock.regions[index]] = index
            }
            if stock.statuses[index] == .approved || stock.statuses[index] == .underConstruction {
                pending.append(index)
            }
            track(index, 1)
        }
    }

    /// The level a plan line allocates counts over; nil for lines that name what they act on.
    func unitLevel(for action: PlanAction) -> RegionLevel? {
        let planningLevel = tree.regions[input.planningRegion].level
        var level: RegionLevel
        switch action.kind {
        case .buildBeds, .convertToNursing:
            level = action.unitLevel ?? .county
        case .buildCentres:
            level = action.unitLevel ?? .township
        case .buildStations, .addFamilyBeds, .certifyMealSites:
            level = action.unitLevel ?? lowestLevel
        case .upgradeRatings, .buildPlanned, .close, .merge:
            return nil
        }
        if level < planningLevel { level = planningLevel }
        if level > lowestLevel { level = lowestLevel }
        return level
    }

    /// Builds the ancestor map, unit list and totals of a level, once.
    mutating func prepare(_ level: RegionLevel) {
        let l = level.rawValue
        guard totals[l] == nil else { return }
        var ancestors = [Int](repeating: -1, count: tree.count)
        for index in 0..<tree.count {
            let regionLevel = tree.regions[index].level
            if regionLevel == level {
                ancestors[index] = index
            } else if regionLevel > level {
                let parent = tree.parentIndices[index]
                ancestors[index] = parent >= 0 ? ancestors[parent] : -1
            }
        }
        ancestorAt[l] = ancestors
        unitsAt[l] = planningRange.filter { tree.regions[$0].level == level }
        totals[l] = LevelTotals(regionCount: tree.count)
    }

    /// Adds (`sign` 1) or removes (-1) a facility's part in the unit totals, as its status
    /// and beds now are.
    mutating func track(_ facility: Int, _ sign: Int) {
        let status = stock.statuses[facility]
        let inPipeline = status == .approved || status == .underConstruction
        guard status == .operating || inPipeline else { return }
        let type = stock.types[facility]
        let beds = Double(stock.beds[facility] * sign)
        let category = type.bedCategory
        let counted =
            category == .institutional || category == .community
            || (category == .family && settings.countsFamilyBeds)
        let region = stock.regions[facility]
        for l in 0..<totals.count where totals[l] != nil {
            let unit = ancestorAt[l][region]
            guard unit >= 0 else { continue }
            totals[l]!.counts[type.rawValue][unit] += Int32(sign)
            if counted { totals[l]!.serviceBeds[unit] += beds }
            if let category { totals[l]!.categoryBeds[category.rawValue][unit] += beds }
            if status == .operating, category == .institutional {
                totals[l]!.institutionalBeds[unit] += beds
                totals[l]!.institutionalNursing[unit] += Double(
                    stock.nursingBeds[facility] * sign)
            }
        }
    }

    mutating func setStatus(_ facility: Int, _ status: FacilityStatus) {
        track(facility, -1)
        stock.statuses[facility] = status
        track(facility, 1)
    }

    // MARK: The year loop

    mutating func run() throws(FacilitySimulationError) -> FacilityRun {
        let years = input.years
        values.reserveCapacity(years.count * Field.count * reportRegions.count)
        // The base year: the inventory as given.
        updateOccupancyRates()
        computeResidents()
        updateStaffing(isBaseYear: true)
        recordBaseYearBudgets()
        record()
        for year in (years.lowerBound + 1)...max(years.lowerBound + 1, years.upperBound)
        where year <= years.upperBound {
            self.year = year
            for index in elderlyCache.indices { elderlyCache[index] = [] }
            openProjects()
            updateOccupancyRates()
            computeResidents()
            openBudgets()
            payRecurring()
            if let failure { throw failure }
            carryOutPlan()
            if let failure { throw failure }
            computeResidents()
            updateStaffing(isBaseYear: false)
            record()
        }
        return FacilityRun(
            years: years, regionIndices: reportRegions, parentIndices: reportParents,
            planningRegion: planningReport, countsFamilyBeds: settings.countsFamilyBeds,
            budgets: budgetYears, actionOutcomes: outcomes,
            unfundedAtHorizon: backlog.map(\.total), stock: stock,
            lotteryTotal: years.map { plan.welfareLotteryTotal?.value(in: $0) },
            values: values)
    }

    /// Opens approved projects and projects under construction whose year has come.
    mutating func openProjects() {
        var stillPending: [Int] = []
        for facility in pending {
            if stock.statuses[facility] == .closed { continue }
            if stock.openingYears[facility] <= year {
                setStatus(facility, .operating)
            } else {
                stillPending.append(facility)
            }
        }
        pending = stillPending
    }

    mutating func updateOccupancyRates() {
        for category in BedCategory.allCases {
            let rate = settings.occupancy[category.rawValue].value(in: year) ?? 0
            occupancyRate[category.rawValue] = min(max(rate, 0), 1)
        }
    }

    /// Residents of every operating facility: beds × occupancy (its own rate when its
    /// base-year residents were given) plus residents moved in by merges, at most its beds.
    mutating func computeResidents() {
        for facility in 0..<stock.count {
            guard stock.statuses[facility] == .operating,
                let category = stock.types[facility].bedCategory
            else {
                stock.residents[facility] = 0
                continue
            }
            let beds = Double(stock.beds[facility])
            let own = stock.ownOccupancy[facility]
            let rate = own.isNaN ? occupancyRate[category.rawValue] : own
            stock.residents[facility] = min(beds, beds * rate + stock.movedIn[facility])
        }
    }

    /// Caregivers: need from residents; attrition; new facilities staffed at the initial
    /// share; trained caregivers fill gaps in proportion to them.
    mutating func updateStaffing(isBaseYear: Bool) {
        let rules = settings.staffing
        let perResident = rules.caregiversPerResident
        let keep = 1 - min(max(rules.attrition, 0), 1)
        var totalGap = 0.0
        for facility in 0..<stock.count {
            let category = stock.types[facility].bedCategory
            guard stock.statuses[facility] == .operating,
                category == .institutional || category == .community
            else {
                stock.need[facility] = 0
                stock.caregivers[facility] = 0
                continue
            }
            let need = stock.residents[facility] * perResident
            stock.need[facility] = need
            if isBaseYear {
                if facility < settings.inventory.facilities.count,
                    let given = settings.inventory.facilities[facility].caregivers
                {
                    stock.caregivers[facility] = given
                } else {
                    stock.caregivers[facility] = need * rules.initialShareOfNeed
                }
            } else if stock.openingYears[facility] == year {
                stock.caregivers[facility] = need * rules.initialShareOfNeed
            } else {
                stock.caregivers[facility] *= keep
            }
            totalGap += max(0, need - stock.caregivers[facility])
        }
        if isBaseYear { return }
        pool *= keep
        pool += trainedThisYear
        let given = min(pool, totalGap)
        let share = totalGap > 0 ? given / totalGap : 0
        // Training costs go where the trained caregivers go, else where the need is.
        for index in scratch.indices { scratch[index] = 0 }
        var weightTotal = 0.0
        for facility in 0..<stock.count where stock.need[facility] > 0 {
            let gap = max(0, stock.need[facility] - stock.caregivers[facility])
            stock.caregivers[facility] += gap * share
            let weight = given > 0 ? gap * share : stock.need[facility]
            scratch[stock.reportIndex[facility]] += weight
            weightTotal += weight
        }
        pool -= given
        if trainingPaid > 0 {
            let field = Field.recurring + trainingSource.rawValue
            if weightTotal > 0 {
                for index in scratch.indices where scratch[index] > 0 {
                    addValue(field, index, trainingPaid * scratch[index] / weightTotal)
                }
            } else {
                addValue(field, planningReport, trainingPaid)
            }
        }
    }

    /// Caregivers the plan trains this year.
    var trainedPlanned: Double {
        max(0, settings.staffing.trainedPerYear?.value(in: year) ?? 0)
    }

    @inline(__always)
    mutating func addValue(_ field: Int, _ region: Int, _ amount: Double) {
        yearValues[field * reportRegions.count + region] += amount
    }

    /// Adds the year's stock and population to its values, sums them up the reporting
    /// tree, and keeps them.
    mutating func record() {
        let regionCount = reportRegions.count
        for facility in 0..<stock.count {
            let region = stock.reportIndex[facility]
            let status = stock.statuses[facility]
            let type = stock.types[facility]
            if status == .approved || status == .underConstruction {
                addValue(Field.pipelineFacilities, region, 1)
                addValue(Field.pipelineBeds, region, Double(stock.beds[facility]))
                continue
            }
            guard status == .operating else { continue }
            addValue(Field.typeCounts + type.rawValue, region, 1)
            if type == .specialHardshipHome, stock.isCareType[facility] {
                addValue(Field.careTypeHomes, region, 1)
            }
            guard let category = type.bedCategory else { continue }
            let c = category.rawValue
            addValue(Field.institutionalBeds + c, region, Double(stock.beds[facility]))
            addValue(Field.institutionalNursing + c, region, Double(stock.nursingBeds[facility]))
            addValue(Field.institutionalOccupied + c, region, stock.residents[facility])
            if category == .institutional {
                let stars = stock.stars[facility]
                for level in 1...3 where stars >= level {
                    addValue(Field.rated + level - 1, region, 1)
                }
            }
            if stock.need[facility] > 0 || stock.caregivers[facility] > 0 {
                addValue(Field.caregiversNeeded, region, stock.need[facility])
                addValue(Field.caregiversAvailable, region, stock.caregivers[facility])
                addValue(
                    Field.staffingGap, region,
                    max(0, stock.need[facility] - stock.caregivers[facility]))
            }
        }
        if let population {
            let offset = year - population.years.lowerBound
            let (a60, a65, a80) = (
                population.aged60[offset], population.aged65[offset], population.aged80[offset]
            )
            for index in 0..<tree.count {
                let region = reportOf[index]
                guard region >= 0 else { continue }
                addValue(Field.aged60, region, a60[index])
                addValue(Field.aged65, region, a65[index])
                addValue(Field.aged80, region, a80[index])
            }
        }
        // Sum up the tree: children come after their parents.
        for field in 0..<Field.count {
            let base = field * regionCount
            for region in stride(from: regionCount - 1, through: 0, by: -1) {
                let parent = reportParents[region]
                if parent >= 0 { yearValues[base + parent] += yearValues[base + region] }
            }
        }
        values.append(contentsOf: yearValues)
        for index in yearValues.indices { yearValues[index] = 0 }
        for index in yearOutcomes.indices {
            if let outcome = yearOutcomes[index] { outcomes.append(outcome) }
            yearOutcomes[index] = nil
        }
    }

    // MARK: Money

    /// Sets each source's money for the year: its budget line, plus what is left of last
    /// year's when the plan carries money over; the general budget without a line is not
    /// capped.
    mutating func openBudgets() {
        for source in FundingSource.allCases {
            let line = plan.budgets[source.rawValue]
            let previous = available[source.rawValue]
            if line == nil, source == .localBudget {
                available[source.rawValue] = .infinity
                continue
            }
            let budget = max(0, line?.value(in: year) ?? 0)
            let carried = plan.carriesOver && previous.isFinite ? max(0, previous) : 0
            available[source.rawValue] = budget + carried
        }
        for source in FundingSource.allCases {
            let line = plan.budgets[source.rawValue]
            let uncapped = line == nil && source == .localBudget
            budgetYears.append(
                BudgetYear(
                    year: year, source: source,
                    budget: uncapped ? nil : max(0, line?.value(in: year) ?? 0),
                    available: uncapped ? nil : available[source.rawValue],
                    capitalSpent: 0, recurringSpent: 0, capitalShortfall: 0, recurringUnpaid: 0))
        }
    }

    /// Where the current year's budget records start.
    var budgetStart: Int { budgetYears.count - FundingSource.allCases.count }

    /// Budget records of the base year: its lines, nothing available or spent.
    mutating func recordBaseYearBudgets() {
        for source in FundingSource.allCases {
            let line = plan.budgets[source.rawValue]
            let uncapped = line == nil && source == .localBudget
            budgetYears.append(
                BudgetYear(
                    year: year, source: source,
                    budget: uncapped ? nil : max(0, line?.value(in: year) ?? 0),
                    available: uncapped ? nil : 0, capitalSpent: 0, recurringSpent: 0,
                    capitalShortfall: 0, recurringUnpaid: 0))
        }
    }

    /// Money the sources still hold, together.
    func money(in sources: [FundingSource]) -> Double {
        sources.reduce(0) { $0 + available[$1.rawValue] }
    }

    /// Draws an amount from sources in order and books it as capital spending in a region.
    /// - Precondition: the sources hold at least the amount.
    mutating func spendCapital(_ amount: Double, from sources: [FundingSource], region: Int) {
        var left = amount
        let report = reportOf[region] >= 0 ? reportOf[region] : planningReport
        for source in sources where left > 0 {
            let take = min(left, available[source.rawValue])
            guard take > 0 else { continue }
            available[source.rawValue] -= take
            left -= take
            addValue(Field.capital + source.rawValue, report, take)
            budgetYears[budgetStart + source.rawValue].capitalSpent += take
        }
    }

    /// Pays a recurring cost spread over reporting regions (in `scratch`) from one source;
    /// a capped source that cannot pay it all pays its share in every region and the rest is
    /// reported unpaid.
    /// - Returns: the share paid.
    @discardableResult
    mutating func payRecurring(total: Double, from source: FundingSource, spread: Bool) -> Double
    {
        guard total > 0 else { return 1 }
        let paid = min(total, available[source.rawValue])
        available[source.rawValue] -= paid
        budgetYears[budgetStart + source.rawValue].recurringSpent += paid
        budgetYears[budgetStart + source.rawValue].recurringUnpaid += total - paid
        let share = paid / total
        if spread {
            let field = Field.recurring + source.rawValue
            for region in scratch.indices where scratch[region] != 0 {
                addValue(field, region, scratch[region] * share)
            }
        }
        return share
    }

    /// The costs of a region per item, or a failure when none applies.
    mutating func cost(_ item: CostItem, _ region: Int) -> Double? {
        let costs = unitCost[item.rawValue]
        guard !costs.isEmpty, !costs[region].isNaN else {
            if item == .closeFacility { return 0 }
            failure = .missingUnitCost(item: item, region: tree.regions[region].code.shortForm)
            return nil
        }
        return costs[region]
    }

    /// Allowances, subsidies and training for the year.
    mutating func payRecurring() {
        let rules = plan.recurring
        if let population {
            let offset = year - population.years.lowerBound
            for (item, people, source) in [
                (CostItem.oldAgeAllowance, population.aged80[offset], rules.allowanceSource),
                (.careSubsidy, population.poorDisabled[offset], rules.careSubsidySource),
            ] where !unitCost[item.rawValue].isEmpty {
                for index in scratch.indices { scratch[index] = 0 }
                var total = 0.0
                for region in 0..<tree.count where people[region] > 0 {
                    guard let rate = cost(item, region) else { return }
                    let amount = people[region] * rate
                    let report = reportOf[region] >= 0 ? reportOf[region] : planningReport
                    scratch[report] += amount
                    total += amount
                }
                payRecurring(total: total, from: source, spread: true)
            }
        }
        if !unitCost[CostItem.operatingSubsidy.rawValue].isEmpty {
            let eligibleShare = max(0, rules.operatingSubsidyEligibleShare.value(in: year) ?? 0)
            var eligible = [Bool](repeating: false, count: Ownership.allCases.count)
            for ownership in rules.operatingSubsidyOwnership { eligible[ownership.rawValue] = true }
            for index in scratch.indices { scratch[index] = 0 }
            var total = 0.0
            for facility in 0..<stock.count
            where stock.residents[facility] > 0 && eligible[stock.ownerships[facility].rawValue]
                && stock.types[facility].bedCategory != .family
            {
                guard let rate = cost(.operatingSubsidy, stock.regions[facility]) else { return }
                let amount = stock.residents[facility] * eligibleShare * rate
                scratch[stock.reportIndex[facility]] += amount
                total += amount
            }
            payRecurring(total: total, from: rules.operatingSubsidySource, spread: true)
        }
        // Caregivers are trained as far as the money goes; without a unit cost, for free.
        trainingPaid = 0
        trainingSource = rules.trainingSource
        trainedThisYear = trainedPlanned
        if !unitCost[CostItem.trainCaregiver.rawValue].isEmpty, trainedPlanned > 0 {
            guard let rate = cost(.trainCaregiver, input.planningRegion) else { return }
            let total = trainedPlanned * rate
            let share = payRecurring(total: total, from: rules.trainingSource, spread: false)
            trainingPaid = total * share
            trainedThisYear = trainedPlanned * share
        }
    }

    // MARK: Population at a level

    /// Older people (60+) of every unit at a level this year (subtree totals), indexed by
    /// tree index; zeros without a population.
    mutating func elderly(at level: RegionLevel) -> [Double] {
        let l = level.rawValue
        if !elderlyCache[l].isEmpty { return elderlyCache[l] }
        var result = [Double](repeating: 0, count: tree.count)
        if let population {
            let own = population.aged60[year - population.years.lowerBound]
            let ancestors = ancestorAt[l]
            for index in 0..<tree.count where ancestors[index] >= 0 {
                result[ancestors[index]] += own[index]
            }
        }
        elderlyCache[l] = result
        return result
    }

    /// Facilities grouped by their unit at a level (operating ones, as the year began).
    mutating func groups(at level: RegionLevel) -> (offsets: [Int], members: [Int]) {
        let l = level.rawValue
        if groupYear[l] == year { return (groupOffsets[l], groupMembers[l]) }
        let ancestors = ancestorAt[l]
        var offsets = [Int](repeating: 0, count: tree.count + 1)
        for facility in 0..<stock.count where stock.statuses[facility] == .operating {
            let unit = ancestors[stock.regions[facility]]
            if unit >= 0 { offsets[unit + 1] += 1 }
        }
        for index in 0..<tree.count { offsets[index + 1] += offsets[index] }
        var members = [Int](repeating: 0, count: offsets[tree.count])
        var next = offsets
        for facility in 0..<stock.count where stock.statuses[facility] == .operating {
            let unit = ancestors[stock.regions[facility]]
            if unit >= 0 {
                members[next[unit]] = facility
                next[unit] += 1
            }
        }
        groupOffsets[l] = offsets
        groupMembers[l] = members
        groupYear[l] = year
        return (offsets, members)
    }
}
