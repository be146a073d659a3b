import Diagnostics
import Facilities
import Foundation
import Geography
import Quantities
import Simulation

/// `investment:` — budgets, unit costs, the rule for counts, recurring costs and the actions.
///
/// ```yaml
/// investment:
///   budget:                            # yuan; years from base_year + 1 to horizon
///     welfare_lottery: {2021: 1.2e8, 2022: 1.2e8}
///     central_budget: {values: {2021: 0.8}, unit: 亿元, source: "…"}
///   welfare_lottery_total: {2021: 2.0e8}   # the whole lottery fund (share spent on elderly care)
///   carry_over: false
///   unit_costs: unit-costs.csv
///   priority: most_uncovered_elderly   # or lowest_beds_per_1000_elderly, given_order, lowest_nursing_share
///   recurring:
///     old_age_allowance: {source: local_budget}
///     operating_subsidy: {ownership: [private], eligible_share: 30 %}
///   actions:
///     - build_beds: {per_year: 300, years: 2021-2025, size: 100, nursing_share: 60 %}
///     - build_centres: {places: ["210302002"], year: 2022}
///     - merge: {facility: H12, into: H03, year: 2023}
/// ```
extension ScenarioDecoder {
    static let investmentKeys = [
        "budget", "welfare_lottery_total", "carry_over", "unit_costs", "priority", "recurring",
        "actions",
    ]
    static let recurringKeys = [
        "old_age_allowance", "care_subsidy", "operating_subsidy", "training",
    ]

    /// The keys each kind of action takes.
    static func actionKeys(_ kind: PlanAction.Kind) -> [String] {
        let allocation = ["per_year", "places", "priority", "order", "level"]
        let common = ["years", "year", "funding"]
        switch kind {
        case .buildBeds:
            return common + allocation + [
                "size", "nursing_share", "type", "ownership", "care_type", "lead_time",
            ]
        case .convertToNursing:
            return common + allocation + [
                "facilities", "lot", "types", "ownership", "care_type", "tier",
            ]
        case .buildCentres, .buildStations:
            return common + allocation + [
                "type", "beds", "nursing_share", "ownership", "lead_time",
            ]
        case .addFamilyBeds:
            return common + allocation + ["lot"]
        case .certifyMealSites:
            return common + allocation
        case .upgradeRatings:
            return common + [
                "per_year", "facilities", "to_stars", "types", "ownership", "care_type", "tier",
            ]
        case .buildPlanned:
            return common + ["facilities", "lead_time"]
        case .close:
            return common + ["facility"]
        case .merge:
            return common + ["facility", "into"]
        }
    }

    mutating func decodeInvestment(
        _ node: YAMLNode, scenario: Scenario, inventory: InventoryContext?,
        session: inout Session
    ) -> InvestmentPlan? {
        guard
            let fields = Fields(
                node, section: "investment", keys: Self.investmentKeys, log: &session.log)
        else { return nil }
        var failed = false
        let planYears = (scenario.baseYear + 1)...max(scenario.baseYear + 1, scenario.horizon)

        // Budgets by source.
        var budgetNode = fields["budget"]
        var lotteryNode = fields["welfare_lottery_total"]
        if let narrowing = session.cache.narrowing {
            if !narrowMoney(
                narrowing, scenario: scenario, budget: &budgetNode, lotteryTotal: &lotteryNode,
                log: &session.log)
            {
                return nil
            }
        }
        var budgets = [YearlyValues?](repeating: nil, count: FundingSource.allCases.count)
        if let value = budgetNode {
            let names = FundingSource.identifiers
            if let lines = Fields(
                value, section: "investment.budget", keys: names, log: &session.log)
            {
                for source in FundingSource.allCases {
                    lines.read(source.identifier, into: &budgets[source.rawValue], failed: &failed)
                    {
                        Read.yearly(
                            $0, field: $1, unit: .yuan, rule: .keyedYearsOnly,
                            range: 0...Double.infinity, years: planYears, log: &session.log)?.values
                    }
                }
            } else {
                failed = true
            }
        }
        var lotteryTotal: YearlyValues?
        if let value = lotteryNode {
            if let (path, _) = Read.yearly(
                value, field: "investment.welfare_lottery_total", unit: .yuan,
                rule: .keyedYearsOnly, range: 0...Double.infinity, years: planYears,
                log: &session.log)
            {
                lotteryTotal = path
            } else {
                failed = true
            }
        }
        var carriesOver = false
        fields.read("carry_over", into: &carriesOver, failed: &failed) {
            Read.flag($0, field: $1, log: &session.log)
        }
        var priority = PriorityRule.mostUncoveredElderly
        fields.read("priority", into: &priority, failed: &failed) {
            Read.named($0, field: $1, log: &session.log)
        }

        // Unit costs.
        var costs = UnitCostTable(entries: [])
        var costFile = "the unit-costs table (investment.unit_costs)"
        var costsRead = true
        if let value = fields["unit_costs"] {
            if let name = Read.file(value, field: "investment.unit_costs", log: &session.log) {
                if !FileManager.default.fileExists(atPath: name) {
                    session.log.error(.fileNotFound(path: name), at: value.location)
                    failed = true
                    costsRead = false
                } else {
                    set(
                        ["investment", "unit_costs"],
                        .resolvedFile(name, at: value.location))
                    costFile = name
                    if let table = session.readTable(name),
                        let (read, _) = UnitCostFile.table(
                            from: table, tree: scenario.regions, log: &session.log)
                    {
                        costs = read
                    } else {
                        failed = true
                        costsRead = false
                    }
                }
            } else {
                failed = true
                costsRead = false
            }
        }

        // Recurring costs.
        var recurring = RecurringCostRules()
        fields.read("recurring", into: &recurring, failed: &failed) { node, _ in
            decodeRecurring(node, years: scenario.years, log: &session.log)
        }

        // Actions.
        var actions: [PlanAction] = []
        var actionsNode = fields["actions"]
        if session.cache.narrowing != nil, let value = actionsNode {
            actionsNode = narrowActions(value, scenario: scenario, inventory: inventory)
        }
        if let value = actionsNode {
            guard
                let items = Read.collection(
                    value, \.items, field: "investment.actions",
                    expected: "a list of actions ('- kind: {…}')", log: &session.log)
            else { return nil }
            var decoder = ActionDecoder(
                scenario: scenario, inventory: inventory, costs: costs, costFile: costFile,
                planYears: planYears, defaultPriority: priority, checksCosts: costsRead)
            for (index, item) in items.enumerated() {
                if let action = decoder.decode(item, index: index, log: &session.log) {
                    actions.append(action)
                } else {
                    failed = true
                }
            }
            if !decoder.checkMerges(log: &session.log) { failed = true }
        }
        guard !failed else { return nil }
        return InvestmentPlan(
            budgets: budgets, welfareLotteryTotal: lotteryTotal, unitCosts: costs,
            priority: priority, carriesOver: carriesOver, recurring: recurring, actions: actions)
    }

    private func decodeRecurring(
        _ node: YAMLNode, years: ClosedRange<Int>, log: inout DiagnosticLog
    ) -> RecurringCostRules? {
        guard
            let fields = Fields(
                node, section: "investment.recurring", keys: Self.recurringKeys, log: &log)
        else { return nil }
        var rules = RecurringCostRules()
        var failed = false
        for key in Self.recurringKeys {
            guard let value = fields[key] else { continue }
            let section = "investment.recurring." + key
            let keys =
                key == "operating_subsidy" ? ["source", "ownership", "eligible_share"] : ["source"]
            guard let item = Fields(value, section: section, keys: keys, log: &log) else {
                failed = true
                continue
            }
            let source: WritableKeyPath<RecurringCostRules, FundingSource> =
                switch key {
                case "old_age_allowance": \.allowanceSource
                case "care_subsidy": \.careSubsidySource
                case "operating_subsidy": \.operatingSubsidySource
                default: \.trainingSource
                }
            item.read("source", into: &rules[keyPath: source], failed: &failed) {
                Read.named($0, field: $1, log: &log)
            }
            item.read("ownership", into: &rules.operatingSubsidyOwnership, failed: &failed) {
                Read.namedList($0, field: $1, log: &log)
            }
            item.read("eligible_share", into: &rules.operatingSubsidyEligibleShare, failed: &failed)
            {
                Read.yearly(
                    $0, field: $1, unit: .fraction, rule: .hold, range: 0...1, years: years,
                    log: &log)?.values
            }
        }
        return failed ? nil : rules
    }
}

/// Reads the actions of a plan, checking each against the regions, the inventory and the
/// unit costs.
struct ActionDecoder {
    let scenario: Scenario
    let inventory: InventoryContext?
    let costs: UnitCostTable
    let costFile: String
    let planYears: ClosedRange<Int>
    let defaultPriority: PriorityRule
    /// Whether the unit costs were read (when not, their errors are reported already).
    let checksCosts: Bool
    /// Closures and merges seen: the home, the year, where.
    var closures: [(facility: Int, year: Int, location: SourceLocation)] = []
    /// Merges to check once every closure is known: receiving home, year, its node.
    var merges: [(into: Int, year: Int, node: YAMLNode, field: String)] = []

    var tree: RegionTree { scenario.regions }

    mutating func decode(_ node: YAMLNode, index: Int, log: inout DiagnosticLog) -> PlanAction? {
        let place = "investment.actions[\(index)]"
        guard let entries = node.entries, entries.count == 1 else {
            Read.wrongType(
                node, field: place,
                expected:
                    "one action as 'kind: {…}', e.g. 'build_beds: {per_year: 300, years: 2021-2025}'",
                log: &log)
            return nil
        }
        let entry = entries[0]
        let kinds = PlanAction.Kind.identifiers
        guard let kind = PlanAction.Kind(identifier: entry.key) else {
            log.error(
                .notOneOf(field: place, value: entry.key, allowed: kinds), at: entry.keyLocation)
            return nil
        }
        let field = place + "." + entry.key
        guard
            let fields = Fields(
                entry.value, section: field, keys: ScenarioDecoder.actionKeys(kind), log: &log)
        else { return nil }
        var failed = false
        let label =
            "\(PathName.lastComponent(of: entry.keyLocation.file)):\(entry.keyLocation.line)"
        var action = PlanAction(kind: kind, label: label, years: [])

        // Years.
        let yearsNode = fields["years"] ?? fields["year"]
        if let yearsNode {
            if let years = readYears(yearsNode, field: field + ".years", log: &log) {
                action.years = years
                let single = [.buildPlanned, .close, .merge].contains(kind)
                if single, years.count != 1 {
                    log.error(
                        .invalidValue(
                            field: field + ".year",
                            reason: "\(kind.identifier) happens in one year; give 'year: …'"),
                        at: yearsNode.location)
                    failed = true
                }
            } else {
                failed = true
            }
        } else {
            log.error(.missingKey(key: "years", section: field), at: entry.keyLocation)
            failed = true
        }
        // Amounts.
        fields.read("per_year", into: &action.perYear, failed: &failed) {
            Read.integer($0, field: $1, range: 0...10_000_000, log: &log)
        }
        fields.read("places", into: &action.places, failed: &failed) {
            readPlaces($0, kind: kind, field: $1, log: &log)
        }
        fields.read("facilities", into: &action.facilities, failed: &failed) {
            readFacilities($0, field: $1, log: &log)
        }
        fields.read("facility", into: &action.facilities, failed: &failed) {
            facility($0, field: $1, log: &log).map { [$0] }
        }
        let needsNamed = [.buildPlanned, .close, .merge].contains(kind)
        if needsNamed, fields["facilities"] == nil, fields["facility"] == nil {
            let key = kind == .buildPlanned ? "facilities" : "facility"
            log.error(.missingKey(key: key, section: field), at: entry.keyLocation)
            failed = true
        } else if !needsNamed, fields["per_year"] == nil, fields["places"] == nil,
            fields["facilities"] == nil
        {
            log.error(.missingKey(key: "per_year", section: field), at: entry.keyLocation)
            failed = true
        }
        if kind == .merge {
            if let value = fields.required("into", log: &log) {
                if let into = facility(value, field: field + ".into", log: &log) {
                    action.receiving = into
                    if let year = action.years.first {
                        merges.append((into, year, value, field + ".into"))
                    }
                } else {
                    failed = true
                }
            } else {
                failed = true
            }
        }
        if kind == .close || kind == .merge, let closed = action.facilities.first,
            let year = action.years.first, let inventory
        {
            if inventory.inventory.facilities[closed].status == .closed {
                log.error(
                    .invalidValue(
                        field: field + ".facility",
                        reason:
                            "'\(inventory.inventory.facilities[closed].id)' is already closed (\(inventory.file) line \(inventory.lines[closed]))"
                    ), at: fields["facility"]!.location)
                failed = true
            }
            if action.receiving == closed {
                log.error(
                    .invalidValue(
                        field: field + ".into", reason: "a home cannot merge into itself"),
                    at: fields["into"]!.location)
                failed = true
            }
            closures.append((closed, year, entry.keyLocation))
        }
        // Allocation.
        fields.read("priority", into: &action.priority, failed: &failed) {
            Read.named($0, field: $1, log: &log)
        }
        fields.read("order", into: &action.order, failed: &failed) {
            readOrder($0, field: $1, log: &log)
        }
        if (action.priority ?? defaultPriority) == .givenOrder, action.order.isEmpty,
            action.places.isEmpty, action.facilities.isEmpty, !needsNamed,
            kind != .upgradeRatings
        {
            log.error(
                .missingKey(key: "order", section: field), at: entry.keyLocation)
            failed = true
        }
        fields.read("level", into: &action.unitLevel, failed: &failed) {
            readLevel($0, field: $1, log: &log)
        }
        // What is built.
        let types: [FacilityType] =
            switch kind {
            case .buildBeds: [.institution, .specialHardshipHome, .honourHome]
            case .buildCentres: [.streetCentre, .townshipCentre]
            default: [.communityStation, .villagePoint]
            }
        fields.read("type", into: &action.facilityType, failed: &failed) {
            Read.named($0, field: $1, words: types.map(\.identifier), log: &log)
        }
        fields.read("tier", into: &action.eligibleTier, failed: &failed) {
            Read.named($0, field: $1, log: &log)
        }
        if kind == .convertToNursing || kind == .upgradeRatings {
            fields.read("ownership", into: &action.eligibleOwnership, failed: &failed) {
                Read.namedList($0, field: $1, log: &log)
            }
        } else {
            fields.read("ownership", into: &action.ownership, failed: &failed) {
                Read.named($0, field: $1, words: Ownership.allNames, log: &log)
            }
        }
        fields.read("types", into: &action.eligibleTypes, failed: &failed) {
            Read.namedList($0, field: $1, log: &log)
        }
        if let value = fields["care_type"] {
            if let flag = Read.flag(value, field: field + ".care_type", log: &log) {
                action.isCareType = flag
                // On a build line it makes the homes care-type; on a conversion or upgrade it
                // narrows the homes to care-type special-hardship homes.
                let builds = action.kind == .buildBeds
                if flag, builds, action.facilityType != .specialHardshipHome {
                    log.error(
                        .invalidValue(
                            field: field + ".care_type",
                            reason:
                                "only special_hardship_home is care-type; add 'type: special_hardship_home'"
                        ), at: value.location)
                    failed = true
                }
            } else {
                failed = true
            }
        }
        fields.read("nursing_share", into: &action.nursingShare, failed: &failed) {
            Read.quantity($0, field: $1, unit: .fraction, range: 0...1, log: &log)?.value
        }
        action.bedsPerFacility = kind == .buildBeds ? 100 : 0
        for key in ["size", "beds"] {
            guard let value = fields[key] else { continue }
            if let number = Read.integer(
                value, field: field + "." + key, range: 0...10_000, log: &log)
            {
                action.bedsPerFacility = number
                if kind == .buildBeds, number == 0 {
                    log.error(
                        .outOfRange(
                            field: field + ".size", value: "0", range: "between 1 and 10000"),
                        at: value.location)
                    failed = true
                }
            } else {
                failed = true
            }
        }
        action.lot = kind == .addFamilyBeds ? 10 : 50
        fields.read("lot", into: &action.lot, failed: &failed) {
            Read.integer($0, field: $1, range: 1...100_000, log: &log)
        }
        fields.read("to_stars", into: &action.targetStars, failed: &failed) {
            Read.integer($0, field: $1, range: 1...5, log: &log)
        }
        if fields["to_stars"] == nil, kind == .upgradeRatings {
            log.error(.missingKey(key: "to_stars", section: field), at: entry.keyLocation)
            failed = true
        }
        fields.read("lead_time", into: &action.leadTime, failed: &failed) {
            Read.integer($0, field: $1, range: 0...30, log: &log)
        }
        fields.read("funding", into: &action.funding, failed: &failed) {
            Read.namedList($0, field: $1, log: &log)
        }
        if !failed, checksCosts,
            !checkCosts(action, field: field, at: entry.keyLocation, log: &log)
        {
            failed = true
        }
        return failed ? nil : action
    }

    /// `2021-2025`, `2022`, or `[2021, 2023]`; each within the plan's years.
    func readYears(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> [Int]? {
        var years: [Int] = []
        let range =
            "between \(planYears.lowerBound) and \(planYears.upperBound) (after the base year, up to the horizon)"
        func check(_ year: Int, text: String, at location: SourceLocation) -> Bool {
            guard planYears.contains(year) else {
                log.error(.outOfRange(field: field, value: text, range: range), at: location)
                return false
            }
            years.append(year)
            return true
        }
        if let items = node.items {
            for item in items {
                guard let text = item.scalar?.text, let year = Int(text) else {
                    Read.wrongType(item, field: field, expected: "a year", log: &log)
                    return nil
                }
                guard check(year, text: text, at: item.location) else { return nil }
            }
        } else if let text = node.scalar?.text {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters()
            }
            guard (1...2).contains(parts.count), let first = Int(parts[0]),
                let last = Int(parts[parts.count - 1]), first <= last
            else {
                Read.wrongType(
                    node, field: field,
                    expected: "a year, a range like 2021-2025, or a list of years", log: &log)
                return nil
            }
            guard check(first, text: parts[0], at: node.location),
                first == last || check(last, text: parts[1], at: node.location)
            else { return nil }
            years = Array(first...last)
        } else {
            Read.wrongType(
                node, field: field, expected: "a year, a range like 2021-2025, or a list of years",
                log: &log)
            return nil
        }
        return Array(Set(years)).sorted()
    }

    /// A region code of the planning region.
    func region(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> Int? {
        guard let text = node.scalar?.text, !text.isEmpty else {
            Read.wrongType(node, field: field, expected: "a region code", log: &log)
            return nil
        }
        guard let code = try? DivisionCode(parsing: text), let index = tree.index(of: code) else {
            log.error(.unknownRegion(code: text), at: node.location)
            return nil
        }
        let planning = tree.index(of: scenario.region)!
        guard tree.subtree(of: planning).contains(index) else {
            log.error(
                .invalidValue(
                    field: field,
                    reason: "\(text) is outside the planning region \(scenario.region.shortForm)"),
                at: node.location)
            return nil
        }
        return index
    }

    /// A list of region codes (one facility each), or a mapping of codes to amounts per year.
    func readPlaces(
        _ node: YAMLNode, kind: PlanAction.Kind, field: String, log: inout DiagnosticLog
    ) -> [(region: Int, amount: Int)]? {
        var places: [(region: Int, amount: Int)] = []
        if let items = node.items, !kind.isCountedInBeds {
            for item in items {
                guard let index = region(item, field: field, log: &log) else { return nil }
                places.append((index, 1))
            }
            return places
        }
        guard let entries = node.entries else {
            let expected =
                kind.isCountedInBeds
                ? "a mapping of region codes to beds per year, like {\"210302002\": 100}"
                : "a list of region codes, or a mapping of codes to counts"
            Read.wrongType(node, field: field, expected: expected, log: &log)
            return nil
        }
        for entry in entries {
            let key = YAMLNode.scalar(entry.key, at: entry.keyLocation)
            guard let index = region(key, field: field, log: &log),
                let amount = Read.integer(
                    entry.value, field: field + "." + entry.key, range: 0...10_000_000, log: &log)
            else { return nil }
            places.append((index, amount))
        }
        return places
    }

    /// Region codes for the given order.
    func readOrder(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> [Int]? {
        guard
            let items = Read.collection(
                node, \.items, field: field, expected: "a list of region codes", nonEmpty: true,
                log: &log)
        else { return nil }
        var order: [Int] = []
        for item in items {
            guard let index = region(item, field: field, log: &log) else { return nil }
            order.append(index)
        }
        return order
    }

    func readLevel(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> RegionLevel? {
        guard
            let word = Read.word(
                node, field: field, allowed: ["county", "township", "village"], log: &log),
            let level = RegionLevel(name: word)
        else { return nil }
        let planning = tree.index(of: scenario.region)!
        guard tree.subtree(of: planning).contains(where: { tree.regions[$0].level == level }) else {
            log.error(
                .invalidValue(
                    field: field, reason: "the region table has no \(word)-level units here"),
                at: node.location)
            return nil
        }
        return level
    }

    /// A facility of the inventory by id.
    func facility(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> Int? {
        guard let id = Read.text(node, field: field, log: &log) else { return nil }
        guard let inventory else { return nil }
        guard let index = inventory.indexByID[id] else {
            let suggestion = Suggestion.closest(
                to: id, among: Array(inventory.indexByID.keys).sorted())
            log.error(
                .invalidValue(
                    field: field,
                    reason: "no facility '\(id)' in \(inventory.file)"
                        + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")),
                at: node.location)
            return nil
        }
        return index
    }

    func readFacilities(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> [Int]? {
        let items = node.items ?? [node]
        var result: [Int] = []
        for item in items {
            guard let index = facility(item, field: field, log: &log) else { return nil }
            result.append(index)
        }
        return result
    }

    /// Every cost item the action may pay must have a unit cost for the planning region.
    func checkCosts(
        _ action: PlanAction, field: String, at location: SourceLocation, log: inout DiagnosticLog
    ) -> Bool {
        let planning = tree.index(of: scenario.region)!
        var items: Set<CostItem> = []
        func building(_ type: FacilityType) {
            if let item = CostItem.building(type) {
                items.insert(item)
            } else if type == .familyBeds {
                items.insert(.addFamilyBed)
            } else {
                items.insert(.buildBed)
            }
        }
        switch action.kind {
        case .buildBeds: items.insert(.buildBed)
        case .convertToNursing: items.insert(.convertBed)
        case .addFamilyBeds: items.insert(.addFamilyBed)
        case .certifyMealSites: items.insert(.certifyMealSite)
        case .upgradeRatings: items.insert(.upgradeRating)
        case .close, .merge: break
        case .buildPlanned:
            for facility in action.facilities {
                building(inventory!.inventory.facilities[facility].type)
            }
        case .buildCentres, .buildStations:
            if let type = action.facilityType {
                building(type)
            } else {
                let centres = action.kind == .buildCentres
                let regions =
                    action.places.isEmpty
                    ? Array(tree.subtree(of: planning)) : action.places.map(\.region)
                for region in regions {
                    let kind = tree.regions[region].kind
                    if centres, kind.level == .township {
                        building(kind == .street ? .streetCentre : .townshipCentre)
                    } else if !centres, kind.level == .village || kind.level == .township {
                        let urban = kind == .community || kind == .street
                        building(urban ? .communityStation : .villagePoint)
                    }
                }
            }
        }
        var ok = true
        for item in items.sorted(by: { $0.rawValue < $1.rawValue }) {
            if !costs.has(item) || costs.costs(of: item, in: tree)[planning].isNaN {
                log.error(
                    .invalidValue(
                        field: field,
                        reason:
                            "no unit cost of \(item.identifier) for \(scenario.region.shortForm) in \(costFile)"
                    ), at: location)
                ok = false
            }
        }
        return ok
    }

    /// A merge's receiving home must be open in the year of the merge: not closed in the
    /// inventory or by an earlier (or the same year's) closure or merge of the plan, not only
    /// planned, not opening later; and it must have beds.
    func checkMerges(log: inout DiagnosticLog) -> Bool {
        guard let inventory else { return true }
        var ok = true
        for merge in merges {
            let home = inventory.inventory.facilities[merge.into]
            let line = inventory.lines[merge.into]
            var reason: String?
            if home.status == .closed {
                reason =
                    "'\(home.id)' is closed (\(inventory.file) line \(line)); merge into an open home"
            } else if home.status == .planned {
                reason = "'\(home.id)' is only planned (\(inventory.file) line \(line))"
            } else if let opening = home.openingYear, home.status != .operating,
                opening > merge.year
            {
                reason = "'\(home.id)' opens in \(opening), after the merge in \(merge.year)"
            } else if home.type.bedCategory == nil || home.type == .familyBeds {
                reason =
                    "'\(home.id)' is a \(home.type.identifier), which has no beds for residents"
            } else if let closure = closures.first(where: {
                $0.facility == merge.into && $0.year <= merge.year
            }) {
                reason =
                    "'\(home.id)' is closed by the plan in \(closure.year) (\(closure.location.description)); merge into an open home"
            }
            if let reason {
                log.error(
                    .invalidValue(field: merge.field, reason: reason), at: merge.node.location)
                ok = false
            }
        }
        return ok
    }
}

extension ScenarioDecoder {
    /// The plan lines of a scenario that narrows its base's planning region (see
    /// ``Narrowing``), kept to the region: places outside it are left out, and so is a line
    /// with no place left or naming a facility outside it. The resolved scenario shows the
    /// lines kept, and a note says how many were left out.
    mutating func narrowActions(
        _ node: YAMLNode, scenario: Scenario, inventory: InventoryContext?
    ) -> YAMLNode {
        let tree = scenario.regions
        guard let items = node.items, let planning = tree.index(of: scenario.region) else {
            return node
        }
        let units = Set(tree.subtree(of: planning))
        func outsideUnit(_ text: String) -> Bool {
            guard let code = try? DivisionCode(parsing: text), let index = tree.index(of: code)
            else { return false }  // unknown codes stay, to be reported
            return !units.contains(index)
        }
        let outsideFacility = { (id: String) in inventory?.outside.contains(id) ?? false }
        var kept: [YAMLNode] = []
        var dropped = 0
        var trimmed = 0
        for item in items {
            guard let (kind, body) = item.entries?.first.map({ ($0.key, $0.value) }),
                var fields = body.entries
            else {
                kept.append(item)
                continue
            }
            var keep = true
            for (position, field) in fields.enumerated() {
                switch field.key {
                case "places":
                    var value = field.value
                    switch value.content {
                    case .sequence(let places):
                        let inside = places.filter { !outsideUnit($0.scalar?.text ?? "") }
                        if inside.count < places.count { trimmed += 1 }
                        keep = keep && !inside.isEmpty
                        value.content = .sequence(inside)
                    case .mapping(let places):
                        let inside = places.filter { !outsideUnit($0.key) }
                        if inside.count < places.count { trimmed += 1 }
                        keep = keep && !inside.isEmpty
                        value.content = .mapping(inside)
                    case .scalar:
                        break
                    }
                    fields[position].value = value
                case "facility", "into":
                    if outsideFacility(field.value.scalar?.text ?? "") { keep = false }
                case "facilities":
                    let ids = (field.value.items ?? [field.value]).compactMap { $0.scalar?.text }
                    if ids.contains(where: outsideFacility) { keep = false }
                default:
                    break
                }
            }
            guard keep else {
                dropped += 1
                continue
            }
            var line = item
            var bodyNode = body
            bodyNode.content = .mapping(fields)
            line.content = .mapping([
                YAMLEntry(key: kind, keyLocation: item.location, value: bodyNode)
            ])
            kept.append(line)
        }
        guard dropped + trimmed > 0 else { return node }
        var narrowed = node
        narrowed.content = .sequence(kept)
        set(["investment", "actions"], narrowed)
        let region = scenario.region.shortForm
        shareNotes.append(
            "\(region) keeps the lines of the plan it extends that lie within it: \(dropped) line(s) left out, \(trimmed) with places outside it trimmed / \(region) 只保留所继承规划中位于本区域内的行动：\(dropped) 条未计入，\(trimmed) 条删去区域外地点"
        )
        return narrowed
    }

    /// The money of a scenario that narrows its base's planning region (see ``Narrowing``):
    /// a budget line or lottery total inherited from the base is an error, since it is the
    /// larger region's; `budget: share` takes the base's budget and lottery total times the
    /// narrowed region's share of the base region's people aged 60+ in the base year, and
    /// says so in the scenario's notes (shown in the reports).
    /// - Returns: false when an error was logged.
    mutating func narrowMoney(
        _ narrowing: Narrowing, scenario: Scenario, budget: inout YAMLNode?,
        lotteryTotal: inout YAMLNode?, log: inout DiagnosticLog
    ) -> Bool {
        let region = scenario.region.shortForm
        if let node = budget, node.scalar?.text == "share" {
            guard let share = olderShare(of: scenario, in: narrowing.base) else {
                log.error(
                    .invalidValue(
                        field: "investment.budget",
                        reason:
                            "'share' needs the older population of \(region) and \(narrowing.base) in the base year: give demography: or elderly_population:"
                    ), at: node.location)
                return false
            }
            if var value = narrowing.budget {
                for key in value.entries?.map(\.key) ?? [] {
                    _ = ScenarioNumbers.apply(share, .scale, at: [key], in: &value)
                }
                set(["investment", "budget"], value)
                budget = value
            } else {
                budget = nil
            }
            if var value = lotteryTotal, Self.sameNode(value, narrowing.lotteryTotal) {
                _ = ScenarioNumbers.apply(share, .scale, at: [], in: &value)
                set(["investment", "welfare_lottery_total"], value)
                lotteryTotal = value
            }
            let percent = (share * 1000).rounded() / 10
            shareNotes.append(
                "\(region) takes \(percent)% of the budget of \(narrowing.base), its share of the people aged 60+ in \(scenario.baseYear) (budget: share) / \(region) 按 \(scenario.baseYear) 年60岁及以上人口占比取 \(narrowing.base) 预算的 \(percent)%"
            )
            return true
        }
        var inherited: [String] = []
        for entry in budget?.entries ?? []
        where narrowing.budget?.entries?.contains(where: {
            $0.key == entry.key && $0.keyLocation == entry.keyLocation
        }) == true && !entry.value.isNull {
            inherited.append("investment.budget." + entry.key)
        }
        if let node = lotteryTotal, Self.sameNode(node, narrowing.lotteryTotal) {
            inherited.append("investment.welfare_lottery_total")
        }
        guard inherited.isEmpty else {
            log.error(
                .invalidValue(
                    field: "region",
                    reason:
                        "this scenario plans for \(region) but inherits the money of \(narrowing.base) (\(inherited.joined(separator: ", "))): give \(region)'s own, set each to ~, or write 'budget: share' under investment: to take \(region)'s share by people aged 60+"
                ), at: narrowing.location)
            return false
        }
        return true
    }

    /// Whether a node is the one the base gave (the same place in the same file).
    static func sameNode(_ node: YAMLNode, _ other: YAMLNode?) -> Bool {
        guard let other else { return false }
        return node.location == other.location
    }

    /// The narrowed planning region's people aged 60+ as a share of the base region's, in the
    /// base year: from the base population of `demography:`, or `elderly_population:`.
    func olderShare(of scenario: Scenario, in base: String) -> Double? {
        let tree = scenario.regions
        guard let baseCode = try? DivisionCode(parsing: base),
            let baseIndex = tree.index(of: baseCode), let own = tree.index(of: scenario.region)
        else { return nil }
        var older = [Double](repeating: 0, count: tree.count)
        if let demography = scenario.demography {
            for (area, population) in zip(demography.areas, demography.basePopulation) {
                guard let index = tree.index(of: area) else { continue }
                older[index] += population.persons(atLeast: 60)
            }
        } else if let elderly = scenario.elderlyPopulation, let first = elderly.aged60.first {
            older = first
        } else {
            return nil
        }
        let totals = tree.subtreeTotals(older)
        guard totals[baseIndex] > 0 else { return nil }
        return totals[own] / totals[baseIndex]
    }
}
