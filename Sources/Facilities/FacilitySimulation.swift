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
    /// Whether the run keeps a copy of the stock at the end of every year (for the coverage
    /// of each year); off by default, since it costs a copy of the stock a year.
    public var keepsYearEndStocks: Bool
    /// The regions (tree indices) whose figures the run keeps, when a caller reads only a
    /// few (a Monte Carlo replicate); nil: every reporting region. The run computes every
    /// region as before; the result's ``FacilityRun/regionIndices`` are then the reporting
    /// regions among these and the planning region's, with each one's nearest kept
    /// ancestor as its parent.
    public var keptRegions: [Int]?

    public init(
        regions: RegionTree, planningRegion: Int, years: ClosedRange<Int>,
        settings: FacilitySettings, plan: InvestmentPlan? = nil,
        population: ElderlyPopulation? = nil, uncoveredElderly: UncoveredElderlyEstimate? = nil,
        reportingLevel: RegionLevel = .village, keepsYearEndStocks: Bool = false,
        keptRegions: [Int]? = nil
    ) {
        self.keptRegions = keptRegions
        self.regions = regions
        self.planningRegion = planningRegion
        self.years = years
        self.settings = settings
        self.plan = plan
        self.population = population
        self.uncoveredElderly = uncoveredElderly
        self.reportingLevel = reportingLevel
        self.keepsYearEndStocks = keepsYearEndStocks
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
/// Each year, in this order: approved projects whose opening year it is open; the old-age
/// allowance, care subsidy and training are paid; the plan's lines are funded and carried out
/// in plan order, deferred amounts from earlier years first; at the year's end residents are
/// counted, their operating subsidy is paid from what its source has left, caregivers are
/// counted and trained ones placed, and the year's indicators are recorded. The base year
/// shows the inventory as given, without costs.
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

/// The state of one run of ``FacilitySimulation``: the stock, the unit tallies the priority
/// rules read, money, and the figures recorded so far. Every per-facility and per-region
/// quantity is a contiguous array; nothing in the yearly loops is a dictionary or an
/// existential, and no closure that runs per unit holds the engine (that would copy it).
struct Engine {
    /// The number of levels of the region tree.
    static let levelCount = 5
    let input: FacilityRunInput
    let tree: RegionTree
    /// `tree.count`, kept: it is in every index computation.
    let regionCount: Int
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
    /// For every level and tree region, the dense index (position in `unitsAt`) of the
    /// region's unit at the level, -1 when it has none: `ancestorAt[level × regions + region]`.
    var ancestorAt: [Int32]
    /// Per level: the allocation units, regions at the level within the planning region, in
    /// tree order (a unit's position here is its dense index).
    var unitsAt: [[Int]]
    /// The kind of every tree region.
    let kinds: [RegionKind]
    /// Per level: the kind of each unit (its position in `RegionKind.allCases`), by dense index.
    var unitKindOrdinals: [[UInt8]]
    /// The levels whose unit tallies are kept (the plan allocates over them).
    var preparedLevels: [Int] = []
    /// Per level: the first row of its units in `tally`, -1 when the level is not kept.
    var levelBase: [Int]
    /// Unit tallies kept up to date as the stock changes, for every unit of a kept level
    /// (slot = `levelBase[level]` + dense index): `Engine.tallyWidth` columns of one contiguous
    /// array, `tally[column × tallySlots + slot]`. Columns: facilities of each type
    /// (operating and pipeline), service beds (operating and pipeline), institutional beds
    /// and nursing beds of operating homes, beds by category (operating and pipeline). What
    /// the priority rules read; a column is scanned in unit order.
    var tally: [Double] = []
    /// The number of unit slots, over every kept level.
    var tallySlots = 0
    static let tallyWidth = 15
    static let serviceBedsColumn = 9
    static let institutionalBedsColumn = 10
    static let institutionalNursingColumn = 11
    static let categoryBedsColumn = 12
    /// Per plan line using the given order: each region's position in the order, -1 if absent.
    var orderPosition: [[Int32]]

    /// Per cost item: the cost in each region, or empty when the table has no row for it.
    var unitCost: [[Double]]
    /// The same, flat: `[item × regions + region]`, NaN where no cost applies.
    var unitCostFlat: [Double]

    // Money.
    var available: [Double]
    var budgetYears: [BudgetYear] = []

    // The year being simulated.
    var year: Int
    /// The current year's figures (region-major), kept small so that they stay in cache;
    /// appended to `values` when the year is recorded.
    var yearValues: [Double]
    /// The figures of each reporting region's own facilities that change only when the stock
    /// does (counts, beds, nursing beds, pipeline, ratings), kept up to date by
    /// ``track(_:_:)`` in the layout of `yearValues`.
    var standing: [Double]
    /// Facilities short of caregivers at the year's end, to receive trained ones.
    var shortStaffed: [Int] = []
    /// Where the second half of the year-end pass adds up (zero between years).
    var spareValues: [Double] = []
    /// Facilities below which the year-end pass runs on one core.
    static let parallelFacilities = 8_000
    var values: [Double] = []
    /// The reporting regions (positions in `reportRegions`) whose figures `values` keeps,
    /// in order; nil: every one.
    var keptRows: [Int]?
    var outcomes: [ActionOutcome] = []
    var yearOutcomes: [ActionOutcome?]
    var backlog: [Demand]
    var familyFacility: [Int]
    /// Inventory facilities the plan closes or merges in some year: count-based conversions
    /// and upgrades leave them alone.
    var closesLater: [Bool]
    /// The types some conversion line may act on.
    var conversionTypes: [Bool]
    /// Facilities of an institutional type or of a type some conversion line may act on, in
    /// stock order: the candidates of conversions and of upgrades (which scan only these
    /// unless a line names other types).
    var homes: [Int] = []
    /// Facilities that have beds, or may get them (family beds), in stock order: the only ones
    /// with residents and caregivers, which the year-end pass walks. Others keep none.
    var bedded: [Int] = []
    var pending: [Int] = []
    var pool: Double = 0
    var trainingPaid: Double = 0
    var trainedThisYear: Double = 0
    /// Caregivers trained and the money paid for it, by year (see ``FacilityRun/training``).
    var training: [(trained: Double, spent: Double)] = []
    /// The year's operating subsidy by reporting region, its total, and a region without a
    /// rate (-1 when none).
    var subsidyByRegion: [Double] = []
    var subsidyTotal: Double = 0
    var subsidyMissing = -1
    /// Trained caregivers placed this year, and the share of every facility's gap they fill.
    var trainedGiven: Double = 0
    var trainedShare: Double = 0
    var trainingSource: FundingSource = .localBudget
    var occupancyRate: [Double] = [0, 0, 0]
    /// The care-demand rules when institutional residents follow need, else nil.
    let demandRules: CareDemandRules?
    /// For every tree region, the region whose older people its homes serve: itself at
    /// county level and above, its county below.
    let catchment: [Int]
    /// The share of institutional beds filled, by catchment, at the last year's end (empty
    /// unless residents follow need): merges read it.
    var filledLastYear: [Double] = []
    var elderlyCache: [[Double]]
    /// Per level: units by older people (see ``sortUnits(_:)``), their older people in that
    /// order, and the year it is for.
    var sortedUnits: [[Int32]]
    var sortedPeople: [[Double]]
    var sortedYear: [Int]
    /// One bit per type and unit slot: whether the unit has a facility of the type, operating
    /// or being built (`tally` column of the type ≠ 0), for fast walks; bit `type × slots +
    /// slot`.
    var hasType: [UInt64] = []
    /// Facilities each plan line has created in `createdYear`.
    var created: [Int]
    var createdYear: [Int]
    var failure: FacilitySimulationError?
    var scratch: [Double]
    /// Per level: facilities grouped by unit (offsets into `groupMembers`), rebuilt yearly.
    var groupOffsets: [[Int]]
    var groupMembers: [[Int]]
    var groupYear: [Int]

    init(_ input: FacilityRunInput) throws(FacilitySimulationError) {
        self.input = input
        tree = input.regions
        regionCount = input.regions.count
        settings = input.settings
        plan = input.plan ?? InvestmentPlan(unitCosts: UnitCostTable(entries: []), actions: [])
        population = input.population
        demandRules = Self.demandRules(input.settings, input.population)
        let regionCount = input.regions.count
        var catchment = [Int](repeating: 0, count: regionCount)
        for region in 0..<regionCount {
            let parent = input.regions.parentIndices[region]
            catchment[region] =
                input.regions.regions[region].level <= .county || parent < 0
                ? region : catchment[parent]
        }
        self.catchment = catchment
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
        if let kept = input.keptRegions {
            var rows = Set([planningReport])
            for region in kept where (0..<regionCount).contains(region) {
                if tree.regions[region].level <= input.reportingLevel {
                    rows.insert(reportOf[region])
                }
            }
            keptRows = rows.sorted()
        }

        let regions = input.regions
        planningRange = regions.subtree(of: input.planningRegion)
        lowestLevel =
            regions.subtree(of: input.planningRegion).map { regions.regions[$0].level }.max()
            ?? regions.regions[0].level
        let levelCount = Engine.levelCount
        ancestorAt = [Int32](repeating: -1, count: levelCount * regionCount)
        unitsAt = Array(repeating: [], count: levelCount)
        kinds = regions.regions.map(\.kind)
        unitKindOrdinals = Array(repeating: [], count: levelCount)
        levelBase = [Int](repeating: -1, count: levelCount)
        elderlyCache = Array(repeating: [], count: Engine.levelCount)
        sortedUnits = Array(repeating: [], count: Engine.levelCount)
        sortedPeople = Array(repeating: [], count: Engine.levelCount)
        sortedYear = Array(repeating: Int.min, count: Engine.levelCount)
        groupOffsets = Array(repeating: [], count: Engine.levelCount)
        groupMembers = Array(repeating: [], count: Engine.levelCount)
        groupYear = Array(repeating: Int.min, count: Engine.levelCount)
        orderPosition = Array(repeating: [], count: plan.actions.count)

        unitCost = CostItem.allCases.map { item in
            input.plan?.unitCosts.has(item) == true
                ? input.plan!.unitCosts.costs(of: item, in: input.regions) : []
        }
        if unitCost[CostItem.buildNursingBed.rawValue].isEmpty {
            unitCost[CostItem.buildNursingBed.rawValue] = unitCost[CostItem.buildBed.rawValue]
        }
        unitCostFlat = unitCost.flatMap {
            $0.isEmpty ? [Double](repeating: .nan, count: regionCount) : $0
        }

        available = [Double](repeating: 0, count: FundingSource.count)
        year = input.years.lowerBound
        yearValues = [Double](repeating: 0, count: Field.count * reportRegions.count)
        standing = yearValues
        spareValues = yearValues
        yearOutcomes = Array(repeating: nil, count: plan.actions.count)
        backlog = Array(repeating: Demand(), count: plan.actions.count)
        familyFacility = [Int](repeating: -1, count: regionCount)
        conversionTypes = [Bool](repeating: false, count: FacilityType.count)
        for action in plan.actions where action.kind == .convertToNursing {
            for type in FacilityType.allCases
            where type != .familyBeds
                && (action.eligibleTypes.isEmpty
                    ? type.bedCategory == .institutional : action.eligibleTypes.contains(type))
            {
                conversionTypes[type.rawValue] = true
            }
        }
        closesLater = [Bool](repeating: false, count: input.settings.inventory.facilities.count)
        for action in plan.actions where action.kind == .close || action.kind == .merge {
            for facility in action.facilities where closesLater.indices.contains(facility) {
                closesLater[facility] = true
            }
        }
        created = [Int](repeating: 0, count: plan.actions.count)
        createdYear = [Int](repeating: 0, count: plan.actions.count)
        scratch = [Double](repeating: 0, count: reportRegions.count)
        subsidyByRegion = scratch
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
                    action.facilities.isEmpty,
                    !(rule == .mostUncoveredElderly
                        && input.uncoveredElderly != nil)
                {
                    throw .populationRequired(action: action.label, rule: rule)
                }
            }
        }
        tally = [Double](repeating: 0, count: Self.tallyWidth * tallySlots)
        hasType = [UInt64](repeating: 0, count: (FacilityType.count * tallySlots + 63) / 64)
        for index in 0..<stock.count where isHome(stock.types[index]) { homes.append(index) }
        for index in 0..<stock.count where hasBeds(index) { bedded.append(index) }
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

    /// Builds the ancestor map, unit list and tallies of a level, once.
    mutating func prepare(_ level: RegionLevel) {
        let l = level.rawValue
        guard levelBase[l] < 0 else { return }
        let units = planningRange.filter { tree.regions[$0].level == level }
        var dense = [Int32](repeating: -1, count: regionCount)
        for (position, unit) in units.enumerated() { dense[unit] = Int32(position) }
        let base = l * regionCount
        for index in 0..<regionCount {
            let regionLevel = tree.regions[index].level
            if regionLevel == level {
                ancestorAt[base + index] = dense[index]
            } else if regionLevel > level {
                let parent = tree.parentIndices[index]
                ancestorAt[base + index] = parent >= 0 ? ancestorAt[base + parent] : -1
            }
        }
        unitsAt[l] = units
        let ordinals = RegionKind.allCases
        unitKindOrdinals[l] = units.map { unit in
            UInt8(ordinals.firstIndex(of: tree.regions[unit].kind)!)
        }
        levelBase[l] = tallySlots
        tallySlots += units.count
        preparedLevels.append(l)
    }

    /// Whether a facility belongs in `bedded`.
    func hasBeds(_ facility: Int) -> Bool {
        let type = stock.types[facility]
        return type.bedCategory != nil && (stock.beds[facility] > 0 || type == .familyBeds)
    }

    /// Whether facilities of a type are kept in `homes`.
    func isHome(_ type: FacilityType) -> Bool {
        type.bedCategory == .institutional || conversionTypes[type.rawValue]
    }

    /// A unit's slot in the tally.
    @inline(__always)
    func slot(_ level: Int, _ dense: Int) -> Int { levelBase[level] + dense }

    /// A tally figure of a unit.
    @inline(__always)
    func tallied(_ column: Int, _ slot: Int) -> Double { tally[column * tallySlots + slot] }

    /// The dense index of a region's unit at a level, -1 when it has none.
    @inline(__always)
    func ancestor(_ level: Int, _ region: Int) -> Int {
        Int(ancestorAt[level * regionCount + region])
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
        let nursing = Double(stock.nursingBeds[facility] * sign)
        // The figures of the reporting region that change only when the stock does.
        let own = stock.reportIndex[facility] * Field.count
        let one = Double(sign)
        let careType = type == .specialHardshipHome && stock.isCareType[facility]
        let stars = stock.stars[facility]
        // The arrays are moved out of the engine while they are written through raw views
        // (no uniqueness check per element), and moved back.
        var standing: [Double] = []
        var tally: [Double] = []
        var hasType: [UInt64] = []
        swap(&standing, &self.standing)
        swap(&tally, &self.tally)
        swap(&hasType, &self.hasType)
        standing.withUnsafeMutableBufferPointer { standing in
            if inPipeline {
                standing[own + Field.pipelineFacilities] += one
                standing[own + Field.pipelineBeds] += beds
            } else {
                standing[own + Field.typeCounts + type.rawValue] += one
                if careType { standing[own + Field.careTypeHomes] += one }
                if let category {
                    standing[own + Field.institutionalBeds + category.rawValue] += beds
                    standing[own + Field.institutionalNursing + category.rawValue] += nursing
                    if category == .institutional {
                        for level in 0..<min(3, stars) {
                            standing[own + Field.rated + level] += one
                        }
                    }
                }
            }
        }
        let n = tallySlots
        let count = regionCount
        tally.withUnsafeMutableBufferPointer { tally in
            hasType.withUnsafeMutableBufferPointer { hasType in
                for l in preparedLevels {
                    let dense = Int(ancestorAt[l * count + region])
                    guard dense >= 0 else { continue }
                    let slot = levelBase[l] + dense
                    let bit = type.rawValue * n + slot
                    let tallied = tally[bit] + one
                    tally[bit] = tallied
                    if tallied == 0 {
                        hasType[bit >> 6] &= ~(1 << UInt64(bit & 63))
                    } else {
                        hasType[bit >> 6] |= 1 << UInt64(bit & 63)
                    }
                    if counted { tally[Self.serviceBedsColumn * n + slot] += beds }
                    if let category {
                        tally[(Self.categoryBedsColumn + category.rawValue) * n + slot] += beds
                    }
                    if status == .operating, category == .institutional {
                        tally[Self.institutionalBedsColumn * n + slot] += beds
                        tally[Self.institutionalNursingColumn * n + slot] += nursing
                    }
                }
            }
        }
        swap(&standing, &self.standing)
        swap(&tally, &self.tally)
        swap(&hasType, &self.hasType)
    }

    /// Adds beds to a facility (of nursing-type among them), keeping the tallies: the same as
    /// `track(-1)`, the change, `track(+1)`, for what changes.
    mutating func addBeds(_ facility: Int, beds added: Int, nursing addedNursing: Int) {
        stock.beds[facility] += added
        stock.nursingBeds[facility] += addedNursing
        let status = stock.statuses[facility]
        let inPipeline = status == .approved || status == .underConstruction
        guard status == .operating || inPipeline else { return }
        let beds = Double(added)
        let nursing = Double(addedNursing)
        let category = stock.types[facility].bedCategory
        let counted =
            category == .institutional || category == .community
            || (category == .family && settings.countsFamilyBeds)
        let own = stock.reportIndex[facility] * Field.count
        if inPipeline {
            standing[own + Field.pipelineBeds] += beds
        } else if let category {
            standing[own + Field.institutionalBeds + category.rawValue] += beds
            standing[own + Field.institutionalNursing + category.rawValue] += nursing
        }
        let region = stock.regions[facility]
        let n = tallySlots
        for l in preparedLevels {
            let dense = Int(ancestorAt[l * regionCount + region])
            guard dense >= 0 else { continue }
            let slot = levelBase[l] + dense
            if counted { tally[Self.serviceBedsColumn * n + slot] += beds }
            if let category {
                tally[(Self.categoryBedsColumn + category.rawValue) * n + slot] += beds
            }
            if status == .operating, category == .institutional {
                tally[Self.institutionalBedsColumn * n + slot] += beds
                tally[Self.institutionalNursingColumn * n + slot] += nursing
            }
        }
    }

    /// Sets an operating home's rating, keeping the counts of rated homes.
    mutating func setStars(_ facility: Int, _ stars: Int) {
        let old = stock.stars[facility]
        stock.stars[facility] = stars
        guard stock.statuses[facility] == .operating,
            stock.types[facility].bedCategory == .institutional
        else { return }
        let own = stock.reportIndex[facility] * Field.count
        for level in 0..<3 {
            let before = old > level ? 1.0 : 0.0
            let after = stars > level ? 1.0 : 0.0
            standing[own + Field.rated + level] += after - before
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
        values.reserveCapacity(
            years.count * Field.count * (keptRows?.count ?? reportRegions.count))
        // The base year: the inventory as given.
        updateOccupancyRates()
        yearEnd(isBaseYear: true)
        recordBaseYearBudgets()
        record()
        var yearEndStocks: [FacilityStock] = input.keepsYearEndStocks ? [stock] : []
        for year in (years.lowerBound + 1)...max(years.lowerBound + 1, years.upperBound)
        where year <= years.upperBound {
            self.year = year
            for index in elderlyCache.indices { elderlyCache[index] = [] }
            openProjects()
            updateOccupancyRates()
            openBudgets()
            payRecurring()
            if let failure { throw failure }
            carryOutPlan()
            if let failure { throw failure }
            yearEnd(isBaseYear: false)
            payOperatingSubsidy()
            payHiring()
            if let failure { throw failure }
            record()
            if input.keepsYearEndStocks { yearEndStocks.append(stock) }
        }
        var regionIndices = reportRegions
        var parentIndices = reportParents
        var planningPosition = planningReport
        if let keptRows {
            // Each kept row's parent: its nearest ancestor among the kept rows.
            var position = [Int](repeating: -1, count: reportRegions.count)
            for (index, row) in keptRows.enumerated() { position[row] = index }
            regionIndices = keptRows.map { reportRegions[$0] }
            parentIndices = keptRows.map { row in
                var parent = reportParents[row]
                while parent >= 0, position[parent] < 0 { parent = reportParents[parent] }
                return parent >= 0 ? position[parent] : -1
            }
            planningPosition = position[planningReport]
        }
        var run = FacilityRun(
            years: years, regionIndices: regionIndices, parentIndices: parentIndices,
            planningRegion: planningPosition, countsFamilyBeds: settings.countsFamilyBeds,
            budgets: budgetYears, actionOutcomes: outcomes,
            unfundedAtHorizon: backlog.map(\.total), stock: stock,
            lotteryTotal: years.map { plan.welfareLotteryTotal?.value(in: $0) },
            values: values, yearEndStocks: yearEndStocks)
        run.training = training
        return run
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
        // Residents from need: every institutional bed is offered, the demand fills them.
        if demandRules != nil { occupancyRate[BedCategory.institutional.rawValue] = 1 }
    }

    /// Whether institutional residents follow care demand (``CareDemandRules``) rather than
    /// a pinned occupancy: the population gives capability levels and the scenario pins no
    /// institutional occupancy.
    static func demandRules(_ settings: FacilitySettings, _ population: ElderlyPopulation?)
        -> CareDemandRules?
    {
        settings.residentsFollowNeed(population) ? settings.demand : nil
    }

    /// Residents from need (入住由需求决定), per catchment region: each county (or city or
    /// province, for the homes registered there) fills its institutional beds with the
    /// demand of the older people of its subtree, up to its beds; demand its homes cannot
    /// take waits for the homes of the region above. Returns, per tree region, the share of
    /// the beds of the homes it serves that are filled (a home's factor is its catchment's),
    /// and the caregivers per resident of the catchment's demand (its mix of care levels).
    /// Nil when residents do not follow need.
    func institutionalDemandFactors() -> (filled: [Double], caregiversPerResident: [Double])? {
        guard let rules = demandRules, let population, let byLevel = population.byLevel else {
            return nil
        }
        let levels = byLevel[population.offset(of: year)]
        let ratios = settings.staffing.residentsPerCaregiver
        var waiting = [Double](repeating: 0, count: regionCount)
        var caregivers = waiting
        var persons = [Double](repeating: 0, count: levels.count)
        for region in 0..<regionCount {
            for level in levels.indices { persons[level] = levels[level][region] }
            let demand = rules.demand(persons: persons, residentsPerCaregiver: ratios)
            waiting[region] = demand.beds
            caregivers[region] = demand.caregivers
        }
        var capacity = [Double](repeating: 0, count: regionCount)
        for facility in bedded
        where stock.statuses[facility] == .operating
            && stock.types[facility].bedCategory == .institutional
        {
            capacity[catchment[stock.regions[facility]]] += Double(stock.beds[facility])
        }
        var filled = [Double](repeating: 1, count: regionCount)
        var demandTotal = waiting
        var perResident = [Double](
            repeating: settings.staffing.caregiversPerResident, count: regionCount)
        let parents = tree.parentIndices
        // Children come after their parents: walking backwards finishes every subtree first.
        for region in stride(from: regionCount - 1, through: 0, by: -1) {
            if catchment[region] == region {
                if demandTotal[region] > 0 {
                    perResident[region] = caregivers[region] / demandTotal[region]
                }
                if capacity[region] > 0 {
                    let served = min(capacity[region], waiting[region])
                    filled[region] = served / capacity[region]
                    waiting[region] -= served
                }
            }
            let parent = parents[region]
            if parent >= 0 {
                waiting[parent] += waiting[region]
                demandTotal[parent] += demandTotal[region]
                caregivers[parent] += caregivers[region]
            }
        }
        return (filled, perResident)
    }

    /// Residents of an operating facility by its beds: beds × occupancy (its own rate when its
    /// base-year residents were given, NaN otherwise) plus residents moved in by merges, at
    /// most its beds.
    @inline(__always)
    static func residents(beds: Int, ownOccupancy: Double, occupancy: Double, movedIn: Double)
        -> Double
    {
        let beds = Double(beds)
        return min(beds, beds * (ownOccupancy.isNaN ? occupancy : ownOccupancy) + movedIn)
    }

    /// Residents of a facility (``residents(beds:ownOccupancy:occupancy:movedIn:)``); none
    /// unless operating.
    @inline(__always)
    mutating func updateResidents(_ facility: Int) {
        guard stock.statuses[facility] == .operating,
            let category = stock.types[facility].bedCategory
        else {
            stock.residents[facility] = 0
            return
        }
        stock.residents[facility] = Self.residents(
            beds: stock.beds[facility], ownOccupancy: stock.ownOccupancy[facility],
            occupancy: occupancyRate[category.rawValue], movedIn: stock.movedIn[facility])
        if category == .institutional, !filledLastYear.isEmpty {
            stock.residents[facility] *= filledLastYear[catchment[stock.regions[facility]]]
        }
    }

    /// Per region, the factor (at most 1) by which the residents of its facilities are scaled
    /// so that no county, city or province holds more residents than older people (60+) live
    /// in it. Bottom-up, each such region's residents (its own facilities' beds × occupancy
    /// plus its children's, already capped) are compared with its older people and scaled down
    /// to them if above; a facility's factor is the product of its ancestors' scalings.
    /// Townships and villages are not capped on their own: a home in a street with few older
    /// people serves its county. All ones without a population, since then there is nothing to
    /// compare with.
    func residentFactors() -> [Double] {
        var factors = [Double](repeating: 1, count: regionCount)
        guard let population else { return factors }
        var residents = [Double](repeating: 0, count: regionCount)
        for facility in bedded where stock.statuses[facility] == .operating {
            guard let category = stock.types[facility].bedCategory,
                demandRules == nil || category != .institutional
            else { continue }
            residents[stock.regions[facility]] += Self.residents(
                beds: stock.beds[facility], ownOccupancy: stock.ownOccupancy[facility],
                occupancy: occupancyRate[category.rawValue], movedIn: stock.movedIn[facility])
        }
        var older = population.aged60[year - population.years.lowerBound]
        let parents = tree.parentIndices
        // Children come after their parents: walking backwards finishes every subtree first.
        for region in stride(from: regionCount - 1, through: 0, by: -1) {
            if residents[region] > older[region], tree.regions[region].level <= .county {
                factors[region] = older[region] / residents[region]
                residents[region] = older[region]
            }
            let parent = parents[region]
            if parent >= 0 {
                residents[parent] += residents[region]
                older[parent] += older[region]
            }
        }
        for region in 0..<regionCount where parents[region] >= 0 {
            factors[region] *= factors[parents[region]]
        }
        return factors
    }

    /// The year-end pass over the stock: residents of every facility; the operating subsidy
    /// they earn (by reporting region, for ``payOperatingSubsidy()``); caregivers needed from
    /// residents, attrition, new facilities staffed at the initial share; and the share of
    /// every gap the trained caregivers fill (given out by ``record()``).
    mutating func yearEnd(isBaseYear: Bool) {
        let rules = settings.staffing
        let perResident = rules.caregiversPerResident
        let keep = 1 - min(max(rules.attrition, 0), 1)
        var totalGap = 0.0
        let rates = unitCost[CostItem.operatingSubsidy.rawValue]
        let subsidising = !isBaseYear && !rates.isEmpty
        let share = max(0, plan.recurring.operatingSubsidyEligibleShare.value(in: year) ?? 0)
        var eligible = [Bool](repeating: false, count: Ownership.count)
        for ownership in plan.recurring.operatingSubsidyOwnership {
            eligible[ownership.rawValue] = true
        }
        for index in subsidyByRegion.indices { subsidyByRegion[index] = 0 }
        shortStaffed.removeAll(keepingCapacity: true)
        let width = Field.count
        let occupancy = occupancyRate
        let initialShare = rules.initialShareOfNeed
        let hiring = rules.hiringShare(in: year)
        let residentFactors = residentFactors()
        let fromNeed = institutionalDemandFactors()
        let filled = fromNeed?.filled ?? []
        let perResidentAt = fromNeed?.caregiversPerResident ?? []
        let catchment = self.catchment
        filledLastYear = filled
        let given: [Double?] = isBaseYear ? settings.inventory.facilities.map(\.caregivers) : []
        let year = self.year
        // The loop works on raw views: the stock's arrays, and these, moved out of the engine
        // so that the closure does not share them.
        var values: [Double] = []
        swap(&values, &yearValues)
        var subsidies: [Double] = []
        swap(&subsidies, &subsidyByRegion)
        var short: [Int] = []
        swap(&short, &shortStaffed)
        // Two fixed halves of the stock, one per core: the first adds into the year's figures,
        // the second into a spare buffer added afterwards, so the sums do not depend on which
        // runs first or on how many cores there are.
        var spare: [Double] = []
        swap(&spare, &spareValues)
        var spareSubsidies = [Double](repeating: 0, count: subsidies.count)
        var shortSecond: [Int] = []
        var totals = [0.0, 0.0]  // gap
        var subsidyTotals = [0.0, 0.0]
        var missing = [-1, -1]
        values.withUnsafeMutableBufferPointer { pointer in
            let first = pointer
            spare.withUnsafeMutableBufferPointer { pointer in
                let second = pointer
                subsidies.withUnsafeMutableBufferPointer { pointer in
                    let firstSubsidies = pointer
                    spareSubsidies.withUnsafeMutableBufferPointer { pointer in
                        let secondSubsidies = pointer
                        totals.withUnsafeMutableBufferPointer { pointer in
                            let totals = pointer
                            subsidyTotals.withUnsafeMutableBufferPointer { pointer in
                                let subsidyTotals = pointer
                                missing.withUnsafeMutableBufferPointer { pointer in
                                    let missing = pointer
                                    rates.withUnsafeBufferPointer { rates in
                                        stock.withYearEndBuffers { s in
                                            bedded.withUnsafeBufferPointer { bedded in
                                                let middle = bedded.count / 2
                                                let pass = { (half: Int) in
                                                    let v = half == 0 ? first : second
                                                    let subsidies =
                                                        half == 0 ? firstSubsidies : secondSubsidies
                                                    var gaps = 0.0
                                                    var paid = 0.0
                                                    var missed = -1
                                                    var shortHere: [Int] = []
                                                    for position in half == 0
                                                        ? 0..<middle : middle..<bedded.count
                                                    {
                                                        let facility = bedded[position]
                                                        // Residents (as ``updateResidents(_:)``).
                                                        let category = s.types[facility].bedCategory
                                                        let operating =
                                                            s.statuses[facility] == .operating
                                                        var residents = 0.0
                                                        if operating, let category {
                                                            residents =
                                                                Self.residents(
                                                                    beds: s.beds[facility],
                                                                    ownOccupancy: s.ownOccupancy[
                                                                        facility],
                                                                    occupancy: occupancy[
                                                                        category.rawValue],
                                                                    movedIn: s.movedIn[facility])
                                                            if category == .institutional,
                                                                !filled.isEmpty
                                                            {
                                                                residents *=
                                                                    filled[
                                                                        catchment[
                                                                            s.regions[facility]]]
                                                            } else {
                                                                residents *=
                                                                    residentFactors[
                                                                        s.regions[facility]]
                                                            }
                                                        }
                                                        let row = s.reportIndex[facility] * width
                                                        guard operating,
                                                            category == .institutional
                                                                || category == .community
                                                        else {
                                                            s.residents[facility] = residents
                                                            if residents > 0, let category {
                                                                v[
                                                                    row
                                                                        + Field
                                                                        .institutionalOccupied
                                                                        + category.rawValue] +=
                                                                    residents
                                                            }
                                                            s.need[facility] = 0
                                                            s.caregivers[facility] = 0
                                                            continue
                                                        }
                                                        // Caregivers the demand needs; last year's less leavers plus the
                                                        // year's hires (staff of the base year and of new homes as given).
                                                        let need =
                                                            residents
                                                            * (category == .institutional
                                                                && !perResidentAt.isEmpty
                                                                ? perResidentAt[
                                                                    catchment[s.regions[facility]]]
                                                                : perResident)
                                                        s.need[facility] = need
                                                        var caregivers = s.caregivers[facility]
                                                        if isBaseYear {
                                                            caregivers =
                                                                (facility < given.count
                                                                    ? given[facility] : nil)
                                                                ?? need * initialShare
                                                        } else if s.openingYears[facility] == year {
                                                            caregivers = need * initialShare
                                                        } else {
                                                            let leaving = caregivers * (1 - keep)
                                                            caregivers -= leaving
                                                            let hired =
                                                                hiring * max(0, need - caregivers)
                                                            caregivers += hired
                                                            v[row + Field.leaving] += leaving
                                                            v[row + Field.hired] += hired
                                                        }
                                                        s.caregivers[facility] = caregivers
                                                        s.residents[facility] = residents
                                                        if residents > 0, let category {
                                                            v[
                                                                row + Field.institutionalOccupied
                                                                    + category.rawValue] +=
                                                                residents
                                                        }
                                                        if subsidising, residents > 0,
                                                            eligible[
                                                                s.ownerships[facility].rawValue]
                                                        {
                                                            let rate = rates[s.regions[facility]]
                                                            if rate.isNaN {
                                                                missed = s.regions[facility]
                                                            } else {
                                                                let amount =
                                                                    residents * share * rate
                                                                subsidies[
                                                                    s.reportIndex[facility]] +=
                                                                    amount
                                                                paid += amount
                                                            }
                                                        }
                                                        let gap = max(0, need - caregivers)
                                                        gaps += gap
                                                        if gap > 0 { shortHere.append(facility) }
                                                        // Before trained caregivers are placed; ``record()`` completes these.
                                                        v[row + Field.caregiversNeeded] += need
                                                        v[row + Field.caregiversAvailable] +=
                                                            caregivers
                                                        v[row + Field.staffingGap] += gap
                                                    }
                                                    totals[half] = gaps
                                                    subsidyTotals[half] = paid
                                                    missing[half] = missed
                                                    if half == 0 {
                                                        short.append(contentsOf: shortHere)
                                                    } else {
                                                        shortSecond = shortHere
                                                    }
                                                }
                                                if bedded.count >= Self.parallelFacilities {
                                                    TwoCores.run(pass)
                                                } else {
                                                    pass(0)
                                                    pass(1)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        short.append(contentsOf: shortSecond)
        for index in values.indices where spare[index] != 0 {
            values[index] += spare[index]
            spare[index] = 0
        }
        for index in subsidies.indices { subsidies[index] += spareSubsidies[index] }
        swap(&spare, &spareValues)
        totalGap = totals[0] + totals[1]
        let subsidyTotal = subsidyTotals[0] + subsidyTotals[1]
        let subsidyMissing = missing[0] >= 0 ? missing[0] : missing[1]
        swap(&values, &yearValues)
        swap(&subsidies, &subsidyByRegion)
        swap(&short, &shortStaffed)
        self.subsidyTotal = subsidyTotal
        self.subsidyMissing = subsidyMissing
        trainedGiven = 0
        trainedShare = 0
        if isBaseYear { return }
        pool *= keep
        pool += trainedThisYear
        trainedGiven = min(pool, totalGap)
        trainedShare = totalGap > 0 ? trainedGiven / totalGap : 0
        pool -= trainedGiven
        // Trained caregivers fill the same share of every gap (each facility's caregivers
        // rise by share × gap; ``record()`` does the same for the regions' totals). Residents
        // beyond what a home's caregivers can look after at the ratios wait: caregivers ÷
        // need of its residents is the share it can keep, and its other beds stay unusable.
        for facility in shortStaffed {
            let need = stock.need[facility]
            let caregivers =
                stock.caregivers[facility] + max(0, need - stock.caregivers[facility])
                * trainedShare
            stock.caregivers[facility] = caregivers
            guard need > 0, caregivers < need,
                let category = stock.types[facility].bedCategory
            else { continue }
            let residents = stock.residents[facility]
            let waiting = residents * (1 - caregivers / need)
            stock.residents[facility] = residents - waiting
            let report = stock.reportIndex[facility]
            addValue(Field.institutionalOccupied + category.rawValue, report, -waiting)
            addValue(Field.unstaffed, report, waiting)
            let rate = subsidising ? rates[stock.regions[facility]] : .nan
            if !rate.isNaN, eligible[stock.ownerships[facility].rawValue] {
                subsidyByRegion[report] -= waiting * share * rate
                self.subsidyTotal -= waiting * share * rate
            }
        }
    }

    /// Caregivers the plan trains this year.
    var trainedPlanned: Double {
        max(0, settings.staffing.trainedPerYear?.value(in: year) ?? 0)
    }

    /// Adds to a field of a reporting region this year (region-major: the fields of one
    /// region are adjacent).
    @inline(__always)
    mutating func addValue(_ field: Int, _ region: Int, _ amount: Double) {
        yearValues[region * Field.count + field] += amount
    }

    /// Adds the year's stock and population to its values, sums them up the reporting
    /// tree, and keeps them.
    mutating func record() {
        training.append((trainedThisYear, trainingPaid))
        let reportCount = reportRegions.count
        let width = Field.count
        let share = trainedShare
        // Each region's caregivers rise by the trained share of its gap, as its facilities'
        // did (``yearEnd(isBaseYear:)``); each gap shrinks to (1 − share) × gap.
        if trainingPaid > 0 {
            // Training costs go where the trained caregivers go, else where the need is.
            let field = trainedGiven > 0 ? Field.staffingGap : Field.caregiversNeeded
            var weightTotal = 0.0
            for region in 0..<reportCount { weightTotal += yearValues[region * width + field] }
            let source = Field.recurring + trainingSource.rawValue
            if weightTotal > 0 {
                for region in 0..<reportCount where yearValues[region * width + field] > 0 {
                    yearValues[region * width + source] +=
                        trainingPaid * yearValues[region * width + field] / weightTotal
                }
            } else {
                addValue(source, planningReport, trainingPaid)
            }
        }
        var buffer: [Double] = []
        swap(&buffer, &yearValues)
        buffer.withUnsafeMutableBufferPointer { v in
            standing.withUnsafeBufferPointer { standing in
                for region in 0..<reportCount {
                    let row = region * width
                    let gap = v[row + Field.staffingGap]
                    v[row + Field.caregiversAvailable] += gap * share
                    v[row + Field.staffingGap] = gap * (1 - share)
                }
                for index in 0..<standing.count { v[index] += standing[index] }
            }
            if let population {
                let offset = year - population.years.lowerBound
                let a60 = population.aged60[offset]
                let a65 = population.aged65[offset]
                let a80 = population.aged80[offset]
                for index in 0..<regionCount
                where a60[index] != 0 || a65[index] != 0 || a80[index] != 0 {
                    let region = reportOf[index]
                    guard region >= 0 else { continue }
                    v[region * width + Field.aged60] += a60[index]
                    v[region * width + Field.aged65] += a65[index]
                    v[region * width + Field.aged80] += a80[index]
                }
            }
        }
        // Sum up the tree: children come after their parents.
        let parents = reportParents
        buffer.withUnsafeMutableBufferPointer { v in
            for region in stride(from: reportCount - 1, through: 0, by: -1) {
                let parent = parents[region]
                guard parent >= 0 else { continue }
                for field in 0..<width {
                    v[parent * width + field] += v[region * width + field]
                }
            }
        }
        if let keptRows {
            let width = Field.count
            for row in keptRows {
                values.append(contentsOf: buffer[row * width..<(row + 1) * width])
            }
        } else {
            values.append(contentsOf: buffer)
        }
        for index in buffer.indices { buffer[index] = 0 }
        swap(&buffer, &yearValues)
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
    var budgetStart: Int { budgetYears.count - FundingSource.count }

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
    mutating func payRecurring(total: Double, from source: FundingSource, spread: Bool) -> Double {
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
    @inline(__always)
    mutating func cost(_ item: CostItem, _ region: Int) -> Double? {
        let value = unitCostFlat[item.rawValue * regionCount + region]
        guard value.isNaN else { return value }
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
                var missing = -1
                let fallback = planningReport
                let units = tree.subtree(of: input.planningRegion)
                people.withUnsafeBufferPointer { people in
                    unitCost[item.rawValue].withUnsafeBufferPointer { rates in
                        reportOf.withUnsafeBufferPointer { reportOf in
                            scratch.withUnsafeMutableBufferPointer { scratch in
                                // The planning region's people only: a county scenario
                                // of a city pays for the county.
                                for region in units where people[region] > 0 {
                                    let rate = rates[region]
                                    if rate.isNaN {
                                        missing = region
                                        return
                                    }
                                    let amount = people[region] * rate
                                    let report = reportOf[region]
                                    scratch[report >= 0 ? report : fallback] += amount
                                    total += amount
                                }
                            }
                        }
                    }
                }
                if missing >= 0 {
                    _ = cost(item, missing)  // records the failure
                    return
                }
                payRecurring(total: total, from: source, spread: true)
            }
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

    /// The operating subsidy of the year's residents (added up by ``yearEnd(isBaseYear:)``),
    /// paid from what its source has left after the year's investments.
    mutating func payOperatingSubsidy() {
        guard !unitCost[CostItem.operatingSubsidy.rawValue].isEmpty else { return }
        if subsidyMissing >= 0 {
            _ = cost(.operatingSubsidy, subsidyMissing)  // records the failure
            return
        }
        swap(&scratch, &subsidyByRegion)
        payRecurring(
            total: subsidyTotal, from: plan.recurring.operatingSubsidySource, spread: true)
        swap(&scratch, &subsidyByRegion)
    }

    /// The recruitment bonus (``CostItem/hireCaregiver``) of the caregivers hired this year
    /// (added up by ``yearEnd(isBaseYear:)``), paid from the training source after the
    /// operating subsidy; nothing without a unit cost.
    mutating func payHiring() {
        guard !unitCost[CostItem.hireCaregiver.rawValue].isEmpty else { return }
        guard let rate = cost(.hireCaregiver, input.planningRegion) else { return }
        var total = 0.0
        for region in scratch.indices {
            scratch[region] = yearValues[region * Field.count + Field.hired] * rate
            total += scratch[region]
        }
        payRecurring(total: total, from: plan.recurring.trainingSource, spread: true)
    }

    // MARK: Population at a level

    /// Older people (60+) of every unit at a level this year (subtree totals), by dense
    /// index; zeros without a population.
    mutating func elderly(at level: RegionLevel) -> [Double] {
        let l = level.rawValue
        if !elderlyCache[l].isEmpty || unitsAt[l].isEmpty { return elderlyCache[l] }
        // Every kept level at once: one pass over the regions, into one buffer.
        let levels = preparedLevels
        var offsets = [0]
        for kept in levels { offsets.append(offsets.last! + unitsAt[kept].count) }
        var flat = [Double](repeating: 0, count: offsets.last!)
        if let population {
            let own = population.aged60[year - population.years.lowerBound]
            let count = regionCount
            flat.withUnsafeMutableBufferPointer { flat in
                ancestorAt.withUnsafeBufferPointer { ancestorAt in
                    own.withUnsafeBufferPointer { own in
                        for index in 0..<own.count where own[index] != 0 {
                            for (position, kept) in levels.enumerated() {
                                let unit = Int(ancestorAt[kept * count + index])
                                if unit >= 0 { flat[offsets[position] + unit] += own[index] }
                            }
                        }
                    }
                }
            }
        }
        let results = levels.indices.map { Array(flat[offsets[$0]..<offsets[$0 + 1]]) }
        for (position, kept) in preparedLevels.enumerated() {
            elderlyCache[kept] = results[position]
        }
        return elderlyCache[l]
    }

    /// Operating facilities with ordinary beds (family beds aside) grouped by their unit at a
    /// level (dense index), as the year began: the candidates for conversion.
    mutating func groups(at level: RegionLevel) -> (offsets: [Int], members: [Int]) {
        let l = level.rawValue
        if groupYear[l] == year { return (groupOffsets[l], groupMembers[l]) }
        let unitCount = unitsAt[l].count
        var offsets = [Int](repeating: 0, count: unitCount + 1)
        func convertible(_ facility: Int) -> Bool {
            conversionTypes[stock.types[facility].rawValue]
                && stock.statuses[facility] == .operating
                && stock.beds[facility] > stock.nursingBeds[facility]
        }
        for facility in homes where convertible(facility) {
            let unit = ancestor(l, stock.regions[facility])
            if unit >= 0 { offsets[unit + 1] += 1 }
        }
        for index in 0..<unitCount { offsets[index + 1] += offsets[index] }
        var members = [Int](repeating: 0, count: offsets[unitCount])
        var next = offsets
        for facility in homes where convertible(facility) {
            let unit = ancestor(l, stock.regions[facility])
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
