import Geography

/// Carrying out the plan's lines in a year: allocation of counts to units, funding, and
/// deferral of what does not fit.
extension Engine {
    mutating func carryOutPlan() {
        // What earlier years deferred comes first, in plan order.
        for index in plan.actions.indices where !backlog[index].isEmpty {
            let demand = backlog[index]
            backlog[index] = Demand()
            note(index, carriedIn: demand.total)
            backlog[index].add(carryOut(index, demand))
            if failure != nil { return }
        }
        for index in plan.actions.indices where plan.actions[index].years.contains(year) {
            let demand = ownDemand(index)
            note(index, requested: demand.total)
            backlog[index].add(carryOut(index, demand))
            if failure != nil { return }
        }
    }

    /// What a line asks for this year: its places or count every year; named facilities in
    /// its first year only.
    func ownDemand(_ index: Int) -> Demand {
        let action = plan.actions[index]
        var demand = Demand()
        switch action.kind {
        case .buildPlanned, .close, .merge:
            if year == action.years.first { demand.facilities = action.facilities }
        case .upgradeRatings where !action.facilities.isEmpty:
            if year == action.years.first { demand.facilities = action.facilities }
        default:
            demand.places = action.places
            demand.amount = action.places.isEmpty ? action.perYear : 0
        }
        return demand
    }

    /// Carries out a demand as far as money and places allow.
    /// - Returns: what is deferred to next year.
    mutating func carryOut(_ index: Int, _ demand: Demand) -> Demand {
        switch plan.actions[index].kind {
        case .buildBeds: return buildBeds(index, demand)
        case .convertToNursing: return convert(index, demand)
        case .buildCentres, .buildStations, .certifyMealSites: return buildFacilities(index, demand)
        case .addFamilyBeds: return addFamilyBeds(index, demand)
        case .upgradeRatings: return upgrade(index, demand)
        case .buildPlanned: return buildPlanned(index, demand)
        case .close, .merge: return closeOrMerge(index, demand)
        }
    }

    // MARK: Book-keeping

    mutating func note(
        _ index: Int, carriedIn: Int = 0, requested: Int = 0, done: Int = 0, deferred: Int = 0,
        notPlaced: Int = 0, spent: Double = 0, shortfall: Double = 0
    ) {
        let action = plan.actions[index]
        var outcome =
            yearOutcomes[index]
            ?? ActionOutcome(
                year: year, action: index, label: action.label, kind: action.kind, carriedIn: 0,
                requested: 0, done: 0, deferred: 0, notPlaced: 0, spent: 0, shortfall: 0)
        outcome.carriedIn += carriedIn
        outcome.requested += requested
        outcome.done += done
        outcome.deferred += deferred
        outcome.notPlaced += notPlaced
        outcome.spent += spent
        outcome.shortfall += shortfall
        yearOutcomes[index] = outcome
        if shortfall > 0, let first = action.funding.first {
            budgetYears[budgetStart + first.rawValue].capitalShortfall += shortfall
        }
    }

    /// Pays a capital cost if the line's sources hold it.
    mutating func pay(_ index: Int, _ amount: Double, region: Int) -> Bool {
        let sources = plan.actions[index].funding
        guard amount <= money(in: sources) else { return false }
        spendCapital(amount, from: sources, region: region)
        note(index, spent: amount)
        return true
    }

    /// How many units of a cost the line's sources can pay for.
    func affordable(_ index: Int, unitCost: Double, wanted: Int) -> Int {
        guard unitCost > 0 else { return wanted }
        let money = money(in: plan.actions[index].funding)
        guard money.isFinite else { return wanted }
        return min(wanted, Int((money / unitCost).rounded(.down)))
    }

    /// Creates a facility funded this year; it opens after its lead time (at once when 0).
    @discardableResult
    mutating func createFacility(
        _ index: Int, type: FacilityType, region: Int, beds: Int, nursingBeds: Int
    ) -> Int {
        let action = plan.actions[index]
        let lead = type == .familyBeds ? 0 : action.leadTime ?? settings.leadTimes[type.rawValue]
        if createdYear[index] != year {
            createdYear[index] = year
            created[index] = 0
        }
        created[index] += 1
        let facility = stock.appendCreated(
            line: index, year: year, number: created[index], type: type,
            ownership: action.ownership, isCareType: action.isCareType, region: region,
            beds: beds, nursingBeds: nursingBeds, status: lead == 0 ? .operating : .approved,
            openingYear: year + lead,
            reportIndex: reportOf[region] >= 0 ? reportOf[region] : planningReport)
        if isHome(type) { homes.append(facility) }
        if hasBeds(facility) { bedded.append(facility) }
        track(facility, 1)
        if lead > 0 { pending.append(facility) }
        return facility
    }

    // MARK: Units

    /// What ranks the units of one plan line in one year. Keys are computed by the engine's
    /// own methods from this value, so no closure holds the engine.
    struct KeySpec {
        var rule: PriorityRule
        var action: Int
        var kind: PlanAction.Kind
        /// The line's type; when nil and `typeByUnit`, the type follows the unit's kind.
        var lineType: FacilityType?
        var typeByUnit: Bool
        var level: Int
        /// Older people of each unit (dense index).
        var elderly: [Double]
        /// Coverage estimates by facility type, when a coverage model ranks units.
        var uncovered: [[Double]?]
        /// Units that already have a facility of the type are not eligible.
        var onePerUnit: Bool
        /// For conversions: ordinary beds left by unit (dense index); units without any are
        /// not eligible.
        var convertible: [Int]?
    }

    func keySpec(
        _ index: Int, level: Int, elderly: [Double], typeByUnit: Bool, onePerUnit: Bool
    ) -> KeySpec {
        let action = plan.actions[index]
        return KeySpec(
            rule: action.priority ?? plan.priority, action: index, kind: action.kind,
            lineType: action.facilityType, typeByUnit: typeByUnit, level: level,
            elderly: elderly,
            uncovered: [[Double]?](repeating: nil, count: FacilityType.count),
            onePerUnit: onePerUnit, convertible: nil)
    }

    /// The type a line builds in a unit under a spec, or nil when the unit is not eligible.
    @inline(__always)
    func unitType(_ spec: KeySpec, _ unit: Int, default fallback: FacilityType) -> FacilityType? {
        spec.typeByUnit
            ? builtType(spec.kind, lineType: spec.lineType, unit: unit) : spec.lineType ?? fallback
    }

    /// The key of a unit (dense index and tree index): higher is served first; nil when the
    /// unit is not eligible (a facility of the type already, no convertible beds, no older
    /// people for a per-1,000 rule, not in the given order).
    func unitKey(_ spec: KeySpec, _ dense: Int, _ unit: Int, type: FacilityType)
        -> (Double, Double)?
    {
        let slot = slot(spec.level, dense)
        let type = type.rawValue
        if spec.onePerUnit, tallied(type, slot) != 0 { return nil }
        if let convertible = spec.convertible, convertible[dense] <= 0 { return nil }
        switch spec.rule {
        case .mostUncoveredElderly:
            // Ties (every unit served) go to the fewest beds of the type's category per
            // older person, then to the most older people.
            let people = spec.elderly[dense]
            let value = spec.uncovered[type]?[unit] ?? (tallied(type, slot) == 0 ? people : 0)
            guard let category = FacilityType(rawValue: type)!.bedCategory, people > 0 else {
                return (value, people)
            }
            let beds = tallied(Self.categoryBedsColumn + category.rawValue, slot)
            return (value, -beds / people)
        case .lowestBedsPerThousandElderly:
            let people = spec.elderly[dense]
            guard people > 0 else { return nil }
            return (-tallied(Self.serviceBedsColumn, slot) * 1000 / people, 0)
        case .givenOrder:
            let position = orderPosition[spec.action][unit]
            guard position >= 0 else { return nil }
            return (-Double(position), 0)
        case .lowestNursingShare:
            let beds = tallied(Self.institutionalBedsColumn, slot)
            return (beds > 0 ? -tallied(Self.institutionalNursingColumn, slot) / beds : 0, 0)
        }
    }

    /// The eligible units of a level with their keys.
    func rankedUnits(_ spec: KeySpec, default fallback: FacilityType) -> [UnitQueue.Entry] {
        var entries: [UnitQueue.Entry] = []
        entries.reserveCapacity(unitsAt[spec.level].count)
        for (dense, unit) in unitsAt[spec.level].enumerated() {
            guard let type = unitType(spec, unit, default: fallback),
                let (first, second) = unitKey(spec, dense, unit, type: type)
            else { continue }
            entries.append(.init(key: first, secondKey: second, order: dense, unit: unit))
        }
        return entries
    }

    /// The best `count` eligible units, best first, for keys that do not change as units are
    /// served (one facility per unit): a bounded heap whose root is the worst unit kept.
    /// - Complexity: O(units × log count).
    mutating func bestUnits(_ count: Int, _ spec: KeySpec, default fallback: FacilityType)
        -> [UnitQueue.Entry]
    {
        var kept = UnitQueue.Bounded(capacity: count)
        if spec.rule == .mostUncoveredElderly, spec.convertible == nil,
            spec.uncovered.allSatisfy({ $0 == nil })
        {
            // The common case: the key is the unit's older people when it has no facility of
            // the type (else 0, or not eligible with one per unit).
            sortUnits(spec.level)
            bestUncoveredByPresence(spec, default: fallback, into: &kept)
            return kept.bestFirst
        }
        for (dense, unit) in unitsAt[spec.level].enumerated() {
            guard let type = unitType(spec, unit, default: fallback),
                let (first, second) = unitKey(spec, dense, unit, type: type)
            else { continue }
            kept.offer(.init(key: first, secondKey: second, order: dense, unit: unit))
        }
        return kept.bestFirst
    }

    /// ``bestUnits(_:_:default:)`` for `most_uncovered_elderly` by presence, on raw buffers
    /// (the same keys as ``unitKey(_:_:_:type:)``).
    func bestUncoveredByPresence(
        _ spec: KeySpec, default fallback: FacilityType, into kept: inout UnitQueue.Bounded
    ) {
        let base = levelBase[spec.level]
        let n = tallySlots
        // The type built in a unit of each kind (by kind ordinal), -1 where none.
        let typeByKind = RegionKind.allCases.map { kind -> Int in
            guard spec.typeByUnit else { return (spec.lineType ?? fallback).rawValue }
            return Self.builtType(spec.kind, lineType: spec.lineType, kind: kind)?.rawValue ?? -1
        }
        // Where each type's beds are counted (the tie-break), -1 for types without beds.
        let categoryColumn = FacilityType.allCases.map { type in
            type.bedCategory.map { Self.categoryBedsColumn + $0.rawValue } ?? -1
        }
        // The key of a unit that has a facility of the type.
        let served = spec.onePerUnit ? -Double.infinity : 0
        // Units in order of older people, most first: once the next unit has fewer older
        // people than the worst unit kept, no later unit can be kept (a unit's key is its
        // older people, or less), so the walk stops there with the full scan's result.
        let order = sortedUnits[spec.level]
        let people = sortedPeople[spec.level]
        unitsAt[spec.level].withUnsafeBufferPointer { units in
            unitKindOrdinals[spec.level].withUnsafeBufferPointer { kinds in
                tally.withUnsafeBufferPointer { tally in
                    hasType.withUnsafeBufferPointer { hasType in
                        typeByKind.withUnsafeBufferPointer { typeByKind in
                            var threshold = kept.threshold
                            for rank in 0..<order.count {
                                let people = people[rank]
                                if people < threshold { break }
                                let dense = Int(order[rank])
                                let type = typeByKind[Int(kinds[dense])]
                                guard type >= 0 else { continue }
                                let slot = base + dense
                                let bit = type * n + slot
                                let has = hasType[bit >> 6] & (1 << UInt64(bit & 63)) != 0
                                let candidate = has ? served : people
                                guard candidate >= threshold, candidate > -.infinity else {
                                    continue
                                }
                                var second = people
                                let column = categoryColumn[type]
                                if column >= 0, people > 0 {
                                    second = -tally[column * n + slot] / people
                                }
                                kept.offer(
                                    .init(
                                        key: candidate, secondKey: second, order: dense,
                                        unit: units[dense]))
                                threshold = kept.threshold
                            }
                        }
                    }
                }
            }
        }
    }

    /// Brings the units of a level (dense indices) into order of older people this year,
    /// most first, then tree order: last year's order, updated by insertion sort, which takes
    /// time in proportion to how much the ranking changed (a full sort when it changed a lot).
    mutating func sortUnits(_ level: Int) {
        if sortedYear[level] == year { return }
        let people = elderly(at: RegionLevel(rawValue: level)!)
        var order: [Int32] = []
        swap(&order, &sortedUnits[level])
        var sorted = true
        if order.count != people.count {
            order = (0..<people.count).map { Int32($0) }
            sorted = false  // sort from scratch
        }
        people.withUnsafeBufferPointer { people in
            order.withUnsafeMutableBufferPointer { order in
                @inline(__always) func before(_ a: Int32, _ b: Int32) -> Bool {
                    let (x, y) = (people[Int(a)], people[Int(b)])
                    return x > y || (x == y && a < b)
                }
                var moves = 0
                let limit = 8 * order.count + 64
                for index in order.indices.dropFirst() where sorted {
                    let item = order[index]
                    var slot = index
                    while slot > 0, before(item, order[slot - 1]) {
                        order[slot] = order[slot - 1]
                        slot -= 1
                        moves += 1
                    }
                    order[slot] = item
                    if moves > limit {
                        sorted = false
                        break
                    }
                }
                if !sorted { order.sort(by: before) }
            }
        }
        sortedPeople[level] = order.map { people[Int($0)] }
        sortedUnits[level] = order
        sortedYear[level] = year
    }

    /// The next unit to serve: pops entries whose key has got worse since they were pushed
    /// and pushes them back with their current key.
    func nextUnit(_ queue: inout UnitQueue, _ spec: KeySpec, default fallback: FacilityType)
        -> UnitQueue.Entry?
    {
        while let entry = queue.pop() {
            guard let type = unitType(spec, entry.unit, default: fallback),
                let (first, second) = unitKey(spec, entry.order, entry.unit, type: type)
            else { continue }
            if spec.rule != .givenOrder,
                first < entry.key || (first == entry.key && second < entry.secondKey)
            {
                queue.push(
                    .init(key: first, secondKey: second, order: entry.order, unit: entry.unit))
                continue
            }
            return entry
        }
        return nil
    }

    /// A unit that received something, to push back: with its new key, or for the given
    /// order behind every other unit of the order (round robin).
    func requeued(_ entry: UnitQueue.Entry, _ spec: KeySpec, default fallback: FacilityType)
        -> UnitQueue.Entry?
    {
        if spec.rule == .givenOrder {
            let count = plan.actions[spec.action].order.count
            return .init(
                key: entry.key - Double(max(count, 1)), secondKey: entry.secondKey,
                order: entry.order, unit: entry.unit)
        }
        guard let type = unitType(spec, entry.unit, default: fallback),
            let (first, second) = unitKey(spec, entry.order, entry.unit, type: type)
        else { return nil }
        return .init(key: first, secondKey: second, order: entry.order, unit: entry.unit)
    }

    /// The older people not yet served by a type, from the coverage estimate if there is one.
    func uncoveredEstimate(_ rule: PriorityRule, _ type: FacilityType) -> [Double]? {
        guard rule == .mostUncoveredElderly, let estimate = input.uncoveredElderly else {
            return nil
        }
        let values = estimate(year, type, stock)
        return values.count == regionCount ? values : nil
    }

    // MARK: Homes

    /// The cost of a home of `beds` beds, a share of them nursing-type, in a region.
    mutating func homeCost(beds: Int, nursingBeds: Int, region: Int) -> Double? {
        guard let ordinary = cost(.buildBed, region), let nursing = cost(.buildNursingBed, region)
        else { return nil }
        return Double(beds - nursingBeds) * ordinary + Double(nursingBeds) * nursing
    }

    mutating func buildBeds(_ index: Int, _ demand: Demand) -> Demand {
        let action = plan.actions[index]
        let type = action.facilityType ?? .institution
        let size = max(1, action.bedsPerFacility)
        var deferred = Demand()
        func nursing(_ beds: Int) -> Int {
            min(beds, Int((Double(beds) * action.nursingShare).rounded()))
        }
        for (position, place) in demand.places.enumerated() {
            var beds = place.amount
            while beds > 0 {
                let lot = min(beds, size)
                guard
                    let cost = homeCost(beds: lot, nursingBeds: nursing(lot), region: place.region)
                else { return deferred }
                guard pay(index, cost, region: place.region) else {
                    deferred.places.append((place.region, beds))
                    var shortfall = cost / Double(lot) * Double(beds)
                    for later in demand.places[(position + 1)...] {
                        deferred.places.append(later)
                        let laterCost =
                            homeCost(
                                beds: later.amount, nursingBeds: nursing(later.amount),
                                region: later.region) ?? 0
                        shortfall += laterCost
                    }
                    note(index, deferred: deferred.total, shortfall: shortfall)
                    return deferred
                }
                createFacility(
                    index, type: type, region: place.region, beds: lot, nursingBeds: nursing(lot))
                note(index, done: lot)
                beds -= lot
            }
        }
        guard demand.amount > 0, let level = unitLevel(for: action) else { return deferred }
        var spec = keySpec(
            index, level: level.rawValue, elderly: elderly(at: level), typeByUnit: false,
            onePerUnit: false)
        spec.lineType = type
        spec.uncovered[type.rawValue] = uncoveredEstimate(spec.rule, type)
        // Serving a unit only worsens its own key, so n lots go to units among the n best.
        let lots = (demand.amount + size - 1) / size
        var queue = UnitQueue(bestUnits(lots, spec, default: type))
        var remaining = demand.amount
        while remaining > 0 {
            guard let entry = nextUnit(&queue, spec, default: type) else {
                note(index, notPlaced: remaining)
                break
            }
            let lot = min(remaining, size)
            guard let cost = homeCost(beds: lot, nursingBeds: nursing(lot), region: entry.unit)
            else { return deferred }
            guard pay(index, cost, region: entry.unit) else {
                deferred.amount += remaining
                note(
                    index, deferred: remaining,
                    shortfall: cost / Double(lot) * Double(remaining))
                break
            }
            createFacility(
                index, type: type, region: entry.unit, beds: lot, nursingBeds: nursing(lot))
            note(index, done: lot)
            remaining -= lot
            spec.uncovered[type.rawValue]?[entry.unit] = 0
            if let again = requeued(entry, spec, default: type) { queue.push(again) }
        }
        return deferred
    }

    // MARK: Centres, stations, meal sites

    /// The type a line builds in a unit, or nil when the unit is not of a kind it serves.
    func builtType(_ lineKind: PlanAction.Kind, lineType: FacilityType?, unit: Int)
        -> FacilityType?
    {
        Self.builtType(lineKind, lineType: lineType, kind: kinds[unit])
    }

    /// The type a line builds in a unit of a kind, or nil when it does not serve that kind.
    @inline(__always)
    static func builtType(_ lineKind: PlanAction.Kind, lineType: FacilityType?, kind: RegionKind)
        -> FacilityType?
    {
        switch lineKind {
        case .certifyMealSites:
            return .mealSite
        case .buildCentres:
            let natural: FacilityType = kind == .street ? .streetCentre : .townshipCentre
            guard let type = lineType else { return natural }
            return kind.level == .township && type != natural ? nil : type
        case .buildStations:
            let urban = kind == .community || kind == .street || kind == .district
            let natural: FacilityType = urban ? .communityStation : .villagePoint
            guard let type = lineType else { return natural }
            return kind.level == .village && type != natural ? nil : type
        default:
            return lineType
        }
    }

    func builtType(_ action: PlanAction, unit: Int) -> FacilityType? {
        builtType(action.kind, lineType: action.facilityType, unit: unit)
    }

    mutating func buildFacilities(_ index: Int, _ demand: Demand) -> Demand {
        let action = plan.actions[index]
        let beds = max(0, action.kind == .certifyMealSites ? 0 : action.bedsPerFacility)
        let nursing = min(beds, Int((Double(beds) * action.nursingShare).rounded()))
        var deferred = Demand()
        func item(_ type: FacilityType) -> CostItem { CostItem.building(type) ?? .buildBed }
        for (position, place) in demand.places.enumerated() {
            let type =
                builtType(action, unit: place.region) ?? action.facilityType ?? .communityStation
            for built in 0..<place.amount {
                guard let cost = cost(item(type), place.region) else { return deferred }
                guard pay(index, cost, region: place.region) else {
                    let left = place.amount - built
                    deferred.places.append((place.region, left))
                    deferred.places += demand.places[(position + 1)...]
                    var shortfall = cost * Double(left)
                    for later in demand.places[(position + 1)...] {
                        let laterType = builtType(action, unit: later.region) ?? type
                        shortfall +=
                            (unitCost[item(laterType).rawValue].isEmpty
                                ? 0 : unitCost[item(laterType).rawValue][later.region])
                            * Double(later.amount)
                    }
                    note(index, deferred: deferred.total, shortfall: shortfall)
                    return deferred
                }
                createFacility(
                    index, type: type, region: place.region, beds: beds, nursingBeds: nursing)
                note(index, done: 1)
            }
        }
        guard demand.amount > 0, let level = unitLevel(for: action) else { return deferred }
        // One facility per unit: a unit that has one of the type (or is building one) is not
        // eligible.
        var spec = keySpec(
            index, level: level.rawValue, elderly: elderly(at: level), typeByUnit: true,
            onePerUnit: true)
        if spec.rule == .mostUncoveredElderly, input.uncoveredElderly != nil {
            for unit in unitsAt[spec.level] {
                guard let type = builtType(action, unit: unit), spec.uncovered[type.rawValue] == nil
                else { continue }
                spec.uncovered[type.rawValue] = uncoveredEstimate(spec.rule, type) ?? []
            }
        }
        // Keys do not change as units are served (each unit takes one facility), so the
        // best units can be chosen at once.
        var remaining = demand.amount
        let chosen = bestUnits(remaining, spec, default: .communityStation)
        for entry in chosen {
            guard let type = builtType(action, unit: entry.unit) else { continue }
            guard let cost = cost(item(type), entry.unit) else { return deferred }
            guard pay(index, cost, region: entry.unit) else {
                deferred.amount += remaining
                note(index, deferred: remaining, shortfall: cost * Double(remaining))
                return deferred
            }
            createFacility(index, type: type, region: entry.unit, beds: beds, nursingBeds: nursing)
            note(index, done: 1)
            remaining -= 1
        }
        if remaining > 0 { note(index, notPlaced: remaining) }
        return deferred
    }

    // MARK: Family beds

    /// Adds certified family beds to a unit's family-bed record, creating it if needed.
    mutating func addFamily(_ index: Int, region: Int, beds: Int) {
        var facility = familyFacility[region]
        if facility < 0 || stock.statuses[facility] == .closed {
            facility = createFacility(
                index, type: .familyBeds, region: region, beds: 0, nursingBeds: 0)
            familyFacility[region] = facility
        }
        addBeds(facility, beds: beds, nursing: 0)
    }

    mutating func addFamilyBeds(_ index: Int, _ demand: Demand) -> Demand {
        let action = plan.actions[index]
        var deferred = Demand()
        for (position, place) in demand.places.enumerated() {
            guard let cost = cost(.addFamilyBed, place.region) else { return deferred }
            let beds = affordable(index, unitCost: cost, wanted: place.amount)
            if beds > 0, pay(index, cost * Double(beds), region: place.region) {
                addFamily(index, region: place.region, beds: beds)
                note(index, done: beds)
            }
            if beds < place.amount {
                deferred.places.append((place.region, place.amount - beds))
                deferred.places += demand.places[(position + 1)...]
                var shortfall = cost * Double(place.amount - beds)
                for later in demand.places[(position + 1)...] {
                    let laterCost = unitCost[CostItem.addFamilyBed.rawValue]
                    shortfall +=
                        (laterCost.isEmpty ? 0 : laterCost[later.region])
                        * Double(
                            later.amount)
                }
                note(index, deferred: deferred.total, shortfall: shortfall)
                return deferred
            }
        }
        guard demand.amount > 0, let level = unitLevel(for: action) else { return deferred }
        var spec = keySpec(
            index, level: level.rawValue, elderly: elderly(at: level), typeByUnit: false,
            onePerUnit: false)
        spec.lineType = .familyBeds
        spec.uncovered[FacilityType.familyBeds.rawValue] = uncoveredEstimate(spec.rule, .familyBeds)
        // Serving a unit only worsens its own key, so n lots go to units among the n best.
        let lots = (demand.amount + action.lot - 1) / action.lot
        var queue = UnitQueue(bestUnits(lots, spec, default: .familyBeds))
        var remaining = demand.amount
        while remaining > 0 {
            guard let entry = nextUnit(&queue, spec, default: .familyBeds) else {
                note(index, notPlaced: remaining)
                break
            }
            guard let cost = cost(.addFamilyBed, entry.unit) else { return deferred }
            let lot = min(remaining, action.lot)
            let beds = affordable(index, unitCost: cost, wanted: lot)
            if beds > 0, pay(index, cost * Double(beds), region: entry.unit) {
                addFamily(index, region: entry.unit, beds: beds)
                note(index, done: beds)
                remaining -= beds
                spec.uncovered[FacilityType.familyBeds.rawValue]?[entry.unit] = 0
            }
            if beds < lot {
                deferred.amount += remaining
                note(index, deferred: remaining, shortfall: cost * Double(remaining))
                break
            }
            if let again = requeued(entry, spec, default: .familyBeds) { queue.push(again) }
        }
        return deferred
    }

    // MARK: Conversions

    /// Whether a line may act on a facility it does not name: its type and ownership are
    /// eligible, and the plan does not close or merge it.
    func isEligible(_ action: PlanAction, _ facility: Int) -> Bool {
        if facility < closesLater.count, closesLater[facility] { return false }
        if action.isCareType, !stock.isCareType[facility] { return false }
        if let tier = action.eligibleTier, stock.tiers[facility] != tier { return false }
        let type = stock.types[facility]
        let typeOK =
            action.eligibleTypes.isEmpty
            ? type.bedCategory == .institutional : action.eligibleTypes.contains(type)
        return typeOK
            && (action.eligibleOwnership.isEmpty
                || action.eligibleOwnership.contains(stock.ownerships[facility]))
    }

    /// Converts ordinary beds of a facility to nursing-type beds.
    mutating func convertBeds(_ facility: Int, _ beds: Int) {
        addBeds(facility, beds: 0, nursing: beds)
    }

    mutating func convert(_ index: Int, _ demand: Demand) -> Demand {
        let action = plan.actions[index]
        var deferred = Demand()
        var remaining = demand.amount + demand.places.reduce(0) { $0 + $1.amount }
        // Named homes, in order.
        if !action.facilities.isEmpty {
            for facility in action.facilities where remaining > 0 {
                guard stock.statuses[facility] == .operating else { continue }
                let ordinary = stock.beds[facility] - stock.nursingBeds[facility]
                let wanted = min(remaining, ordinary)
                guard wanted > 0 else { continue }
                guard let cost = cost(.convertBed, stock.regions[facility]) else { return deferred }
                let beds = affordable(index, unitCost: cost, wanted: wanted)
                if beds > 0, pay(index, cost * Double(beds), region: stock.regions[facility]) {
                    convertBeds(facility, beds)
                    note(index, done: beds)
                    remaining -= beds
                }
                if beds < wanted {
                    deferred.amount = remaining
                    note(index, deferred: remaining, shortfall: cost * Double(remaining))
                    return deferred
                }
            }
            if remaining > 0 { note(index, notPlaced: remaining) }
            return deferred
        }
        guard remaining > 0, let level = unitLevel(for: action) else { return deferred }
        let l = level.rawValue
        let rule = action.priority ?? plan.priority
        let elderly = elderly(at: level)
        let (offsets, members) = groups(at: level)
        // Ordinary beds that may be converted, by unit (named places restrict the units).
        var convertible = [Int](repeating: 0, count: unitsAt[l].count)
        var placeAllowed: [Bool]? = nil
        if !demand.places.isEmpty {
            var allowed = [Bool](repeating: false, count: unitsAt[l].count)
            for place in demand.places {
                for region in tree.subtree(of: place.region) {
                    let unit = ancestor(l, region)
                    if unit >= 0 { allowed[unit] = true }
                }
                let unit = ancestor(l, place.region)
                if unit >= 0 { allowed[unit] = true }
            }
            placeAllowed = allowed
        }
        for unit in 0..<unitsAt[l].count where placeAllowed?[unit] ?? true {
            for position in offsets[unit]..<offsets[unit + 1] {
                let facility = members[position]
                guard stock.statuses[facility] == .operating, isEligible(action, facility) else {
                    continue
                }
                convertible[unit] += stock.beds[facility] - stock.nursingBeds[facility]
            }
        }
        var spec = keySpec(
            index, level: l, elderly: elderly, typeByUnit: false, onePerUnit: false)
        spec.lineType = .institution
        spec.uncovered[FacilityType.institution.rawValue] = uncoveredEstimate(rule, .institution)
        spec.convertible = convertible
        convertible = []
        var queue = UnitQueue(rankedUnits(spec, default: .institution))
        while remaining > 0 {
            guard let entry = nextUnit(&queue, spec, default: .institution) else {
                note(index, notPlaced: remaining)
                break
            }
            // The home of the unit with the most ordinary beds (the first, on a tie).
            var best = -1
            var bestOrdinary = 0
            for position in offsets[entry.order]..<offsets[entry.order + 1] {
                let facility = members[position]
                guard stock.statuses[facility] == .operating, isEligible(action, facility) else {
                    continue
                }
                let ordinary = stock.beds[facility] - stock.nursingBeds[facility]
                if ordinary > bestOrdinary {
                    best = facility
                    bestOrdinary = ordinary
                }
            }
            guard best >= 0 else {
                spec.convertible![entry.order] = 0
                continue
            }
            let wanted = min(remaining, action.lot, bestOrdinary)
            guard let cost = cost(.convertBed, stock.regions[best]) else { return deferred }
            let beds = affordable(index, unitCost: cost, wanted: wanted)
            if beds > 0, pay(index, cost * Double(beds), region: stock.regions[best]) {
                convertBeds(best, beds)
                spec.convertible![entry.order] -= beds
                note(index, done: beds)
                remaining -= beds
            }
            if beds < wanted {
                deferred.amount = remaining
                note(index, deferred: remaining, shortfall: cost * Double(remaining))
                break
            }
            if let again = requeued(entry, spec, default: .institution) { queue.push(again) }
        }
        return deferred
    }

    // MARK: Ratings

    mutating func upgrade(_ index: Int, _ demand: Demand) -> Demand {
        let action = plan.actions[index]
        let target = action.targetStars
        var deferred = Demand()
        func upgradeCost(_ facility: Int) -> Double? {
            guard let perStar = cost(.upgradeRating, stock.regions[facility]) else { return nil }
            return perStar * Double(target - stock.stars[facility])
        }
        for (position, facility) in demand.facilities.enumerated() {
            guard stock.statuses[facility] == .operating, stock.stars[facility] < target else {
                note(index, notPlaced: 1)
                continue
            }
            guard let cost = upgradeCost(facility) else { return deferred }
            guard pay(index, cost, region: stock.regions[facility]) else {
                deferred.facilities = Array(demand.facilities[position...])
                note(index, deferred: deferred.total, shortfall: cost)
                return deferred
            }
            setStars(facility, target)
            note(index, done: 1)
        }
        guard demand.amount > 0 else { return deferred }
        // The lowest-rated eligible homes first, in stock order.
        var byStars = [[Int]](repeating: [], count: max(0, target))
        let typeAllowed = FacilityType.allCases.map { type in
            action.eligibleTypes.isEmpty
                ? type.bedCategory == .institutional : action.eligibleTypes.contains(type)
        }
        let candidates =
            FacilityType.allCases.allSatisfy { !typeAllowed[$0.rawValue] || isHome($0) }
            ? homes : Array(0..<stock.count)
        for facility in candidates
        where typeAllowed[stock.types[facility].rawValue] && stock.stars[facility] < target
            && stock.statuses[facility] == .operating && isEligible(action, facility)
            && planningRange.contains(stock.regions[facility])
        {
            byStars[stock.stars[facility]].append(facility)
        }
        var remaining = demand.amount
        for facility in byStars.joined() where remaining > 0 {
            guard let cost = upgradeCost(facility) else { return deferred }
            guard pay(index, cost, region: stock.regions[facility]) else {
                deferred.amount = remaining
                note(index, deferred: remaining, shortfall: cost * Double(remaining))
                return deferred
            }
            setStars(facility, target)
            note(index, done: 1)
            remaining -= 1
        }
        if remaining > 0 { note(index, notPlaced: remaining) }
        return deferred
    }

    // MARK: Planned projects, closures and merges

    mutating func buildPlanned(_ index: Int, _ demand: Demand) -> Demand {
        let action = plan.actions[index]
        var deferred = Demand()
        for (position, facility) in demand.facilities.enumerated() {
            guard stock.statuses[facility] == .planned else {
                note(index, notPlaced: 1)
                continue
            }
            let type = stock.types[facility]
            let region = stock.regions[facility]
            let price: Double?
            if let item = CostItem.building(type) {
                price = cost(item, region)
            } else if type == .familyBeds {
                price = cost(.addFamilyBed, region).map { $0 * Double(stock.beds[facility]) }
            } else {
                price = homeCost(
                    beds: stock.beds[facility], nursingBeds: stock.nursingBeds[facility],
                    region: region)
            }
            guard let price else { return deferred }
            guard pay(index, price, region: region) else {
                deferred.facilities = Array(demand.facilities[position...])
                note(index, deferred: deferred.total, shortfall: price)
                return deferred
            }
            let lead = action.leadTime ?? settings.leadTimes[type.rawValue]
            stock.openingYears[facility] = year + lead
            setStatus(facility, lead == 0 ? .operating : .approved)
            if lead > 0 { pending.append(facility) }
            note(index, done: 1)
        }
        return deferred
    }

    mutating func closeOrMerge(_ index: Int, _ demand: Demand) -> Demand {
        let action = plan.actions[index]
        var deferred = Demand()
        for (position, facility) in demand.facilities.enumerated() {
            let receiving = action.kind == .merge ? action.receiving : nil
            guard stock.statuses[facility] != .closed, stock.statuses[facility] != .planned,
                receiving.map({ stock.statuses[$0] == .operating }) ?? true
            else {
                note(index, notPlaced: 1)
                continue
            }
            guard let price = cost(.closeFacility, stock.regions[facility]) else {
                return deferred
            }
            guard pay(index, price, region: stock.regions[facility]) else {
                deferred.facilities = Array(demand.facilities[position...])
                note(index, deferred: deferred.total, shortfall: price)
                return deferred
            }
            // Residents as they are this year.
            updateResidents(facility)
            let residents = stock.residents[facility]
            var displaced = residents
            if let receiving {
                updateResidents(receiving)
                // Residents move as far as the receiving home has free beds; staff move too.
                let free = max(
                    0, Double(stock.beds[receiving]) - stock.residents[receiving])
                let moved = min(residents, free)
                stock.movedIn[receiving] += moved
                stock.residents[receiving] += moved
                stock.caregivers[receiving] += stock.caregivers[facility]
                displaced = residents - moved
            }
            addValue(Field.displaced, stock.reportIndex[facility], displaced)
            stock.residents[facility] = 0
            stock.caregivers[facility] = 0
            setStatus(facility, .closed)
            note(index, done: 1)
        }
        return deferred
    }
}
