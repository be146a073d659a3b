import Demography
import Geography
import Quantities

/// One year's population by area, residence part, sex and single year of age.
public struct YearPopulation: Sendable {
    /// The number of areas.
    public let areaCount: Int
    /// 1, or 2 (urban 0, rural 1).
    public let partCount: Int
    /// Single years 0 … ageCount − 2 and the open age group last.
    public let ageCount: Int
    /// `persons[((area · parts + part) · 2 + sex) · ages + age]`.
    public var persons: [Double]

    /// - Precondition: one count per cell.
    public init(areaCount: Int, partCount: Int, ageCount: Int, persons: [Double]) {
        precondition(partCount == 1 || partCount == 2)
        precondition(persons.count == areaCount * partCount * 2 * ageCount, "one count per cell")
        self.areaCount = areaCount
        self.partCount = partCount
        self.ageCount = ageCount
        self.persons = persons
    }
}

/// Why a service list cannot be costed on a population.
public enum CostingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A rule names a group the settings do not define.
    case unknownGroup(item: String, group: String)
    /// A rule (or a group it names) depends on capability levels, and there is no
    /// prevalence of levels.
    case levelsWithoutPrevalence(item: String)
    /// A rule depends on urban or rural residence, the population has no urban and rural
    /// parts, and the area has no urban share.
    case residenceWithoutShares(item: String, area: String)
    /// The population's areas differ from the costing's.
    case populationShape(String)

    public var description: String {
        switch self {
        case .unknownGroup(let item, let group):
            "item '\(item)' names the group '\(group)', which is not defined"
        case .levelsWithoutPrevalence(let item):
            "item '\(item)' depends on capability levels, but the scenario gives no prevalence of levels (demography.care_need.prevalence)"
        case .residenceWithoutShares(let item, let area):
            "item '\(item)' depends on urban or rural residence, and area \(area) has no urban share (entitlements.urban_share)"
        case .populationShape(let reason): "the population does not fit: \(reason)"
        }
    }
}

/// The costing of a basic elderly-care service list (基本养老服务清单测算) over a projected
/// population: for every item, year and region of the tree, the eligible persons, the
/// recipients, the units of service and the cost by paying level.
///
/// Method. Eligibility is a share of each population cell (area, residence, sex, single
/// age), the rule's weight: its age, sex and residence conditions times the prevalence of
/// the rule's capability levels times the shares of its groups (see ``EligibilityRule``).
/// Eligible persons of an area = Σ cells persons × weight; recipients = eligible × take-up
/// (for one-off items, take-up × those eligible not yet served); units = recipients ×
/// quantity × periods ÷ household size; cost = units × unit cost, split by the paying
/// shares. Areas add up the region tree (each region is the sum of its parts). Every
/// quantity that changes by year is evaluated in each year, so a change of rule or rate
/// ("the allowance rises to 100 yuan from 2026", "from 2026 everyone aged 75+") takes
/// effect from its year.
///
/// Work: each year the weights are computed once per item and cut into runs of ages with
/// the same weight (they change only where the prevalence groups, the group factors and the
/// age limits change); each area's persons are summed up to every age once, and an item's
/// eligible persons are Σ runs weight × (persons up to the run's end − up to its start).
/// Areas are split over both cores; results do not depend on the number of threads.
public struct EntitlementCosting: Sendable {
    /// The region tree results are given for.
    public let tree: RegionTree
    /// The index in `tree` of each area of the population.
    public let areaRegions: [Int]
    /// The items, in list order.
    public let items: [ServiceItem]
    /// The groups the items name, by name.
    public let groups: [String: PopulationGroup]
    /// The prevalence of capability levels, if given.
    public let prevalence: CapabilityPrevalence?
    /// The urban share of each area, where known (NaN where not), for populations without
    /// urban and rural parts.
    public let urbanShares: [Double]
    /// The population's parts: 1, or 2 (urban, rural).
    public let partCount: Int
    /// Single years 0 … ageCount − 2 and the open group.
    public let ageCount: Int

    /// Checks that the items can be costed on populations of this shape.
    /// - Parameters:
    ///   - settings: items and groups.
    ///   - tree: the region tree.
    ///   - areaRegions: the tree index of each area, none within another.
    ///   - areaNames: the areas' codes, for messages.
    ///   - partCount: the population's parts, 1 or 2.
    ///   - ageCount: single years 0 … openAge − 1 and openAge+: openAge + 1.
    ///   - prevalence: the prevalence of capability levels, if any.
    ///   - urbanShares: the urban share of each area (NaN where unknown), used when the
    ///     population has one part; nil: unknown everywhere.
    /// - Throws: ``CostingError`` for an unknown group, levels without a prevalence, or a
    ///   residence rule without the urban share of an area.
    public init(
        settings: EntitlementSettings, tree: RegionTree, areaRegions: [Int],
        areaNames: [String]? = nil, partCount: Int, ageCount: Int,
        prevalence: CapabilityPrevalence?, urbanShares: [Double]? = nil
    ) throws(CostingError) {
        precondition(partCount == 1 || partCount == 2)
        precondition(areaRegions.allSatisfy { $0 >= 0 && $0 < tree.count })
        let shares = urbanShares ?? [Double](repeating: .nan, count: areaRegions.count)
        precondition(shares.count == areaRegions.count)
        var byName: [String: PopulationGroup] = [:]
        for group in settings.groups { byName[group.name] = group }
        for item in settings.items {
            var needsLevels = item.eligibility.levels != nil
            var needsResidence = item.eligibility.residence != nil
            for name in item.eligibility.groups {
                guard let group = byName[name] else {
                    throw .unknownGroup(item: item.id, group: name)
                }
                needsLevels = needsLevels || group.dependsOnLevel
                needsResidence = needsResidence || group.dependsOnResidence
            }
            if needsLevels {
                guard let prevalence else { throw .levelsWithoutPrevalence(item: item.id) }
                needsResidence = needsResidence || prevalence.parts == 2
            }
            if needsResidence, partCount == 1,
                let missing = shares.firstIndex(where: { !$0.isFinite })
            {
                let name =
                    areaNames?[missing] ?? tree.regions[areaRegions[missing]].code.shortForm
                throw .residenceWithoutShares(item: item.id, area: name)
            }
        }
        self.tree = tree
        self.areaRegions = areaRegions
        self.items = settings.items
        self.groups = byName
        self.prevalence = prevalence
        self.urbanShares = shares
        self.partCount = partCount
        self.ageCount = ageCount
    }

    // MARK: Weights

    /// The weights of one item in one year: per residence part of the weights, sex and age,
    /// and the range of ages with a weight in each block.
    struct ItemWeights {
        /// 1 (the same for urban and rural) or 2.
        var parts: Int
        /// `values[(part · 2 + sex) · ages + age]`.
        var values: [Double]
        /// The first and one-past-last age with a weight, the same for every block.
        var ages: Range<Int>
        var isZero: Bool { ages.isEmpty }
    }

    /// Whether an item's weights differ between urban and rural residents.
    func dependsOnResidence(_ item: ServiceItem) -> Bool {
        if item.eligibility.residence != nil { return true }
        if item.eligibility.groups.contains(where: { groups[$0]?.dependsOnResidence ?? false }) {
            return true
        }
        return needsLevels(item) && (prevalence?.parts ?? 1) == 2
    }

    func needsLevels(_ item: ServiceItem) -> Bool {
        item.eligibility.levels != nil
            || item.eligibility.groups.contains { groups[$0]?.dependsOnLevel ?? false }
    }

    /// The eligible share of every cell for an item in a year; `fromAge` zeroes younger ages
    /// (for the share of recipients aged 80+).
    func weights(of item: ServiceItem, year: Int, fromAge: Int = 0) -> ItemWeights {
        let rule = item.eligibility
        let parts = (partCount == 2 || dependsOnResidence(item)) ? 2 : 1
        var values = [Double](repeating: 0, count: parts * 2 * ageCount)
        guard item.isActive(in: year) else {
            return ItemWeights(parts: parts, values: values, ages: 0..<0)
        }
        let low = max(Int(rule.minimumAge?.value(in: year) ?? 0), fromAge, 0)
        let high = min(Int(rule.maximumAge?.value(in: year) ?? 1e9), ageCount - 1)
        guard low <= high else { return ItemWeights(parts: parts, values: values, ages: 0..<0) }
        let levels = needsLevels(item) ? (rule.levels ?? CapabilityLevel.allCases) : nil
        let anyOf = rule.anyOfGroups.compactMap { groups[$0] }
        let allOf = rule.allOfGroups.compactMap { groups[$0] }
        func groupShare(residence: Int, sex: Sex, age: Int, level: Int) -> Double {
            var share = 1.0
            if !anyOf.isEmpty {
                share = min(
                    1,
                    anyOf.reduce(0) {
                        $0
                            + $1.share(
                                year: year, residence: residence, sex: sex, age: age, level: level)
                    })
            }
            for group in allOf {
                share *= group.share(
                    year: year, residence: residence, sex: sex, age: age, level: level)
            }
            return share
        }
        for part in 0..<parts {
            if let residence = rule.residence, parts == 2, residence.rawValue != part { continue }
            for sex in Sex.allCases {
                if let wanted = rule.sex, wanted != sex { continue }
                let block = (part * 2 + sex.rawValue) * ageCount
                for age in low...high {
                    var weight = 0.0
                    if let levels, let prevalence {
                        let shares = prevalence.shares(year: year, part: part, sex: sex, age: age)
                        for level in levels {
                            weight +=
                                shares[level.rawValue]
                                * groupShare(
                                    residence: part, sex: sex, age: age, level: level.rawValue)
                        }
                    } else {
                        weight = groupShare(residence: part, sex: sex, age: age, level: 0)
                    }
                    values[block + age] = weight
                }
            }
        }
        return ItemWeights(parts: parts, values: values, ages: low..<(high + 1))
    }

    // MARK: Running

    /// Costs every year of a projection of the same areas.
    /// - Parameters:
    ///   - projection: single years 0…openAge, the areas of `areaRegions` in order.
    ///   - firstYear: the calendar year of the projection's time 0 (annual steps).
    ///   - threads: chunks of areas run concurrently (nil: both cores).
    /// - Precondition: the projection's areas, parts and ages are the costing's, in annual
    ///   steps.
    public func run(projection: ProjectionResult, firstYear: Int, threads: Int? = nil)
        -> EntitlementResult
    {
        precondition(projection.areaCount == areaRegions.count, "one area per area region")
        precondition(projection.partCount == partCount && projection.bands.count == ageCount)
        precondition(projection.width == 1, "annual steps")
        let years = firstYear...(firstYear + projection.steps)
        let cell = partCount * 2 * ageCount
        var result = EntitlementResult(costing: self, years: years)
        var state = RunState(costing: self)
        projection.population.withUnsafeBufferPointer { persons in
            for time in 0...projection.steps {
                step(
                    year: firstYear + time, persons: persons, start: time * cell,
                    areaStride: (projection.steps + 1) * cell, state: &state, into: &result,
                    threads: threads)
            }
        }
        result.aggregate(threads: threads)
        return result
    }

    /// Costs every year of a range on populations given year by year.
    /// - Parameters:
    ///   - years: the years.
    ///   - threads: chunks of areas run concurrently (nil: both cores).
    ///   - population: the population of a year, of the costing's areas, parts and ages.
    /// - Throws: ``CostingError/populationShape(_:)`` when a year's population does not fit.
    public func run(
        years: ClosedRange<Int>, threads: Int? = nil, population: (Int) -> YearPopulation
    ) throws(CostingError) -> EntitlementResult {
        var result = EntitlementResult(costing: self, years: years)
        var state = RunState(costing: self)
        for year in years {
            let cells = population(year)
            guard cells.areaCount == areaRegions.count, cells.partCount == partCount,
                cells.ageCount == ageCount
            else {
                throw .populationShape(
                    "\(year): \(cells.areaCount) areas, \(cells.partCount) parts, \(cells.ageCount) ages; expected \(areaRegions.count), \(partCount), \(ageCount)"
                )
            }
            cells.persons.withUnsafeBufferPointer { persons in
                step(
                    year: year, persons: persons, start: 0,
                    areaStride: partCount * 2 * ageCount, state: &state, into: &result,
                    threads: threads)
            }
        }
        result.aggregate(threads: threads)
        return result
    }

    /// What carries from one year to the next: persons served by one-off items, per area.
    struct RunState {
        var served: [Double]
        init(costing: EntitlementCosting) {
            served = [Double](repeating: 0, count: costing.areaRegions.count * costing.items.count)
        }
    }

    /// One year: weights, the areas' eligible persons (in parallel), recipients, and the
    /// area values placed at their regions (aggregation comes after the last year).
    private func step(
        year: Int, persons: UnsafeBufferPointer<Double>, start: Int, areaStride: Int,
        state: inout RunState, into result: inout EntitlementResult, threads: Int?
    ) {
        let itemCount = items.count
        let areaCount = areaRegions.count
        let allWeights = items.map { weights(of: $0, year: year) }
        // Recipients aged 80+ of items feeding the allowance indicator whose rule admits
        // younger persons.
        let over80: [ItemWeights?] = items.enumerated().map { index, item in
            guard item.indicator == .oldAgeAllowanceCoverage,
                allWeights[index].ages.lowerBound < 80
            else { return nil }
            return weights(of: item, year: year, fromAge: 80)
        }
        // The weights are step functions of age (prevalence, group factors and age limits
        // change at a few ages), so each slot's weights become runs of equal weight, and an
        // area's eligible persons are Σ runs weight × persons in the run, read from one
        // prefix sum of the area's ages. Slot k < items: item k; slot items + k: the 80+
        // weights of item k. Flat arrays, so the parallel pass touches no reference count.
        var runs: [Double] = []  // (first age, one past the last age, weight), in triples
        var blockRuns = [Int](repeating: 0, count: 2 * itemCount * 4 * 2)  // (first run, count)
        var slotParts = [Int](repeating: 0, count: 2 * itemCount)  // 0: no weight
        let slots = allWeights + over80.map { $0 ?? ItemWeights(parts: 1, values: [], ages: 0..<0) }
        for (slot, weights) in slots.enumerated() where !weights.isZero {
            slotParts[slot] = weights.parts
            for block in 0..<(weights.parts * 2) {
                let first = runs.count / 3
                var age = weights.ages.lowerBound
                while age < weights.ages.upperBound {
                    let value = weights.values[block * ageCount + age]
                    var end = age + 1
                    while end < weights.ages.upperBound,
                        weights.values[block * ageCount + end] == value
                    {
                        end += 1
                    }
                    if value != 0 { runs += [Double(age), Double(end), value] }
                    age = end
                }
                blockRuns[(slot * 4 + block) * 2] = first
                blockRuns[(slot * 4 + block) * 2 + 1] = runs.count / 3 - first
            }
        }
        var eligible = [Double](repeating: 0, count: areaCount * itemCount)
        var eligible80 = [Double](repeating: 0, count: areaCount * itemCount)
        var aged80 = [Double](repeating: 0, count: areaCount)
        let chunks = min(max(threads ?? 8, 1), max(areaCount, 1))
        let parts = partCount
        let ages = ageCount
        runs.withUnsafeBufferPointer { runs in
            blockRuns.withUnsafeBufferPointer { blockRuns in
                slotParts.withUnsafeBufferPointer { slotParts in
                    urbanShares.withUnsafeBufferPointer { shares in
                        eligible.withUnsafeMutableBufferPointer { eligibleOut in
                            eligible80.withUnsafeMutableBufferPointer { eligible80Out in
                                aged80.withUnsafeMutableBufferPointer { aged80Out in
                                    let kernel = Kernel(
                                        persons: persons, runs: runs, blockRuns: blockRuns,
                                        slotParts: slotParts, shares: shares,
                                        eligible: eligibleOut, eligible80: eligible80Out,
                                        aged80: aged80Out, start: start, areaStride: areaStride,
                                        parts: parts, ages: ages, items: itemCount)
                                    Parallel.run(chunks: chunks) { chunk in
                                        kernel.run(
                                            areas: (areaCount * chunk / chunks)..<(areaCount
                                                * (chunk + 1) / chunks))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Recipients, and the area values placed at their regions: items in parallel, each
        // writing its own series and its own served persons.
        let yearIndex = year - result.years.lowerBound
        let regions = tree.count
        var takeUps = [Double](repeating: 0, count: itemCount)
        for (index, item) in items.enumerated() {
            let active = item.isActive(in: year)
            takeUps[index] = active ? min(max(item.takeUp.value(in: year) ?? 0, 0), 1) : 0
            result.takeUp[yearIndex * itemCount + index] = takeUps[index]
            result.unitsPerRecipient[yearIndex * itemCount + index] =
                active ? item.unitsPerRecipient(in: year) : 0
            result.unitCost[yearIndex * itemCount + index] = item.unitCost(in: year)
        }
        var receiving = [Double](repeating: 0, count: areaCount * itemCount)
        let once = items.map(\.once)
        let exitRates = items.map(\.exitRate)
        result.eligible.withUnsafeMutableBufferPointer { eligibleOut in
            result.recipients.withUnsafeMutableBufferPointer { recipientsOut in
                state.served.withUnsafeMutableBufferPointer { served in
                    receiving.withUnsafeMutableBufferPointer { receiving in
                        eligible.withUnsafeBufferPointer { eligible in
                            areaRegions.withUnsafeBufferPointer { areaRegions in
                                let pass = RecipientPass(
                                    eligible: eligible, receiving: receiving, served: served,
                                    areaRegions: areaRegions, eligibleOut: eligibleOut,
                                    recipientsOut: recipientsOut, items: itemCount,
                                    regions: regions, yearIndex: yearIndex)
                                let chunks = min(itemCount, max(threads ?? 8, 1))
                                Parallel.run(chunks: chunks) { chunk in
                                    for item
                                        in (itemCount * chunk / chunks)..<(itemCount
                                        * (chunk + 1) / chunks)
                                    {
                                        pass.run(
                                            item: item, takeUp: takeUps[item], once: once[item],
                                            exitRate: exitRates[item])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for (index, item) in items.enumerated() where item.indicator == .oldAgeAllowanceCoverage {
            for area in 0..<areaCount {
                let persons = eligible[area * itemCount + index]
                let people = receiving[area * itemCount + index]
                let share80 =
                    over80[index] == nil
                    ? people
                    : (persons > 0 ? people * eligible80[area * itemCount + index] / persons : 0)
                result.allowanceRecipients80[yearIndex * regions + areaRegions[area]] += share80
            }
        }
        for area in 0..<areaCount {
            result.aged80[yearIndex * regions + areaRegions[area]] += aged80[area]
        }
    }

    /// Recipients of one item in a year, placed at the areas' regions.
    struct RecipientPass: @unchecked Sendable {
        let eligible: UnsafeBufferPointer<Double>
        let receiving: UnsafeMutableBufferPointer<Double>
        let served: UnsafeMutableBufferPointer<Double>
        let areaRegions: UnsafeBufferPointer<Int>
        let eligibleOut: UnsafeMutableBufferPointer<Double>
        let recipientsOut: UnsafeMutableBufferPointer<Double>
        let items: Int
        let regions: Int
        let yearIndex: Int

        func run(item: Int, takeUp: Double, once: Bool, exitRate: Double) {
            let slice = (yearIndex * items + item) * regions
            for area in 0..<areaRegions.count {
                let index = area * items + item
                let persons = eligible[index]
                var people = persons * takeUp
                if once {
                    let stayed = served[index] * (1 - exitRate)
                    people = takeUp * max(0, persons - stayed)
                    served[index] = stayed + people
                }
                receiving[index] = people
                let region = areaRegions[area]
                eligibleOut[slice + region] += persons
                recipientsOut[slice + region] += people
            }
        }
    }

    /// The parallel pass of a year over raw memory: each chunk of areas writes its own
    /// slots of the outputs.
    struct Kernel: @unchecked Sendable {
        let persons: UnsafeBufferPointer<Double>
        let runs: UnsafeBufferPointer<Double>
        let blockRuns: UnsafeBufferPointer<Int>
        let slotParts: UnsafeBufferPointer<Int>
        let shares: UnsafeBufferPointer<Double>
        let eligible: UnsafeMutableBufferPointer<Double>
        let eligible80: UnsafeMutableBufferPointer<Double>
        let aged80: UnsafeMutableBufferPointer<Double>
        let start: Int
        let areaStride: Int
        let parts: Int
        let ages: Int
        let items: Int

        func run(areas: Range<Int>) {
            // The area's persons summed up to each age, per block (part and sex).
            let stride = ages + 1
            let prefix = UnsafeMutableBufferPointer<Double>.allocate(capacity: parts * 2 * stride)
            defer { prefix.deallocate() }
            for area in areas {
                let base = start + area * areaStride
                for block in 0..<(parts * 2) {
                    var sum = 0.0
                    prefix[block * stride] = 0
                    for age in 0..<ages {
                        sum += persons[base + block * ages + age]
                        prefix[block * stride + age + 1] = sum
                    }
                }
                for slot in 0..<(2 * items) where slotParts[slot] > 0 {
                    let value = eligible(slot: slot, prefix: prefix, stride: stride, area: area)
                    if slot < items {
                        eligible[area * items + slot] = value
                    } else {
                        eligible80[area * items + slot - items] = value
                    }
                }
                var total = 0.0
                if ages > 80 {
                    for block in 0..<(parts * 2) {
                        total += prefix[block * stride + ages] - prefix[block * stride + 80]
                    }
                }
                aged80[area] = total
            }
        }

        /// Σ runs weight × persons in the run over the population's blocks, blending urban
        /// and rural weights by the area's urban share when the population has one part and
        /// the weights two.
        @inline(__always)
        func eligible(
            slot: Int, prefix: UnsafeMutableBufferPointer<Double>, stride: Int, area: Int
        ) -> Double {
            if parts == 2 || slotParts[slot] == 1 {
                var sum = 0.0
                for block in 0..<(parts * 2) {
                    sum += sumRuns(
                        slot: slot, weightBlock: block, prefix: prefix, at: block * stride)
                }
                return sum
            }
            var urban = 0.0
            var rural = 0.0
            for sex in 0..<2 {
                urban += sumRuns(slot: slot, weightBlock: sex, prefix: prefix, at: sex * stride)
                rural += sumRuns(slot: slot, weightBlock: 2 + sex, prefix: prefix, at: sex * stride)
            }
            let share = shares[area]
            return share * urban + (1 - share) * rural
        }

        @inline(__always)
        func sumRuns(
            slot: Int, weightBlock: Int, prefix: UnsafeMutableBufferPointer<Double>, at: Int
        ) -> Double {
            let first = blockRuns[(slot * 4 + weightBlock) * 2]
            let count = blockRuns[(slot * 4 + weightBlock) * 2 + 1]
            var sum = 0.0
            for run in first..<(first + count) {
                let low = Int(runs[run * 3])
                let high = Int(runs[run * 3 + 1])
                sum += runs[run * 3 + 2] * (prefix[at + high] - prefix[at + low])
            }
            return sum
        }
    }
}

extension YearPopulation {
    /// The population of a projection at a time (0 … steps), copied.
    public init(projection: ProjectionResult, time: Int) {
        let cell = projection.partCount * 2 * projection.bands.count
        var persons: [Double] = []
        persons.reserveCapacity(projection.areaCount * cell)
        for area in 0..<projection.areaCount {
            let start = projection.offset(area: area, time: time, part: 0, sex: .female)
            persons += projection.population[start..<(start + cell)]
        }
        self.init(
            areaCount: projection.areaCount, partCount: projection.partCount,
            ageCount: projection.bands.count, persons: persons)
    }
}

extension EntitlementCosting {
    /// The costing of a scenario's list on its demography: the areas of the projection at
    /// their regions of the tree, the care-need prevalence, and the urban shares of the
    /// settings.
    /// - Precondition: every area of `demography` is a region of `tree` (the scenario
    ///   decoder checks it).
    /// - Throws: ``CostingError``.
    public init(
        settings: EntitlementSettings, demography: DemographyInputs, tree: RegionTree,
        partCount: Int = 1
    ) throws(CostingError) {
        try self.init(
            settings: settings, tree: tree,
            areaRegions: demography.areas.map { tree.index(of: $0)! },
            areaNames: demography.areas.map(\.shortForm), partCount: partCount,
            ageCount: demography.bands.count, prevalence: demography.careNeed?.prevalence,
            urbanShares: demography.areas.map { settings.urbanShares[$0] ?? .nan })
    }

    /// Costs a scenario's list on the projection of its demography, every year from the
    /// base year: what the year loop calls after projecting the population, before
    /// `fill(_:)` puts the indicators into its table.
    /// - Throws: ``CostingError``.
    public static func run(
        _ settings: EntitlementSettings, demography: DemographyInputs,
        projection: ProjectionResult, tree: RegionTree, baseYear: Int, threads: Int? = nil
    ) throws(CostingError) -> EntitlementResult {
        let costing = try EntitlementCosting(
            settings: settings, demography: demography, tree: tree,
            partCount: projection.partCount)
        return costing.run(projection: projection, firstYear: baseYear, threads: threads)
    }
}
