import Demography
import Diagnostics
import Entitlements
import Geography
import Quantities
import Simulation

/// `entitlements:` — the basic elderly-care service lists to cost — and `ltc_insurance:` —
/// the long-term-care insurance fund.
///
/// ```yaml
/// entitlements:
///   lists: [../../Scenarios/service-lists/anshan-2023.yaml]   # one or more list files
///   groups:                        # override or add groups (shares of population cells)
///     特困: {share: 0.8 %, from_age: 60, source: "…"}
///   urban_share: {"210302": 1, "210381": 0.45}   # per area, or one share for every area;
///                                  # only rules on urban or rural residence need it
///   budget:                        # yuan a year in the years given, in total or by level
///     total: {2021: 1.2 亿元, 2022: 1.3 亿元}
///     county: {2021: 6000 万元}
///   overrides:                     # per item, any of its keys; enabled: false drops it
///     old-age-allowance: {benefit: {cash: {2020: 50, 2026: 100}}}
/// ltc_insurance:
///   first_year: 2021               # default: the base year
///   opening_balance: 0             # yuan at the start of first_year
///   schemes:
///     - {name: employees, min_age: 18, max_age: 59, coverage: 45 %, base: {2021: 72000}, rate: 0.2 %}
///     - {name: retirees, min_age: 60, coverage: 30 %, per_capita: 90}
///   fiscal_subsidy: 5000000        # yuan a year; fiscal_subsidy_per_insured: yuan a year
///   interest_rate: 1.5 %           # on a positive opening balance
///   beneficiaries:
///     min_age: 0
///     levels: [severe, complete]
///     take_up: {severe: 60 %, complete: 80 %}          # or one share
///     settings: {home: 60 %, community: 10 %, institution: 30 %}   # or by level
///   benefits: {home: 900, community: 1200, institution: {severe: 1500, complete: 1800}}   # yuan a month
///   administration: {share: 2 %, fixed: 300000}
/// ```
extension ScenarioDecoder {
    static let entitlementKeys = ["lists", "groups", "urban_share", "budget", "overrides"]
    static let insuranceKeys = [
        "first_year", "opening_balance", "schemes", "fiscal_subsidy",
        "fiscal_subsidy_per_insured", "interest_rate", "beneficiaries", "benefits",
        "administration",
    ]

    /// Decodes `entitlements:` and `ltc_insurance:` into the scenario.
    mutating func decodeEntitlements(
        _ fields: Fields, into scenario: inout Scenario, session: inout Session
    ) {
        if let node = fields["entitlements"] {
            scenario.entitlements = decodeEntitlementSettings(
                node, scenario: scenario, session: &session)
        }
        // One costing of each benefit: where the service list pays the old-age allowance, the
        // unit-cost table of the facility stage must not cost it a second time.
        if let settings = scenario.entitlements,
            let item = settings.items.first(where: { $0.indicator == .oldAgeAllowanceCoverage }),
            scenario.investment?.unitCosts.has(.oldAgeAllowance) == true
        {
            let place = resolved["investment"]?["unit_costs"]?.location ?? resolved.location
            session.log.error(
                .invalidValue(
                    field: "investment.unit_costs",
                    reason:
                        "the unit-cost table costs old_age_allowance, which the service list already costs (item '\(item.id)'); remove that row so that the allowance is costed once"
                ), at: place)
        }
        if let node = fields["ltc_insurance"] {
            scenario.longTermCareInsurance = decodeInsurance(
                node, scenario: scenario, log: &session.log)
        }
    }

    private mutating func decodeEntitlementSettings(
        _ node: YAMLNode, scenario: Scenario, session: inout Session
    ) -> EntitlementSettings? {
        guard
            let fields = Fields(
                node, section: "entitlements", keys: Self.entitlementKeys, log: &session.log),
            let listsNode = fields.required("lists", log: &session.log)
        else { return nil }
        guard let demography = scenario.demography else {
            // A demography section that failed to load has reported its own errors.
            if resolved["demography"] != nil { return nil }
            session.log.error(
                .invalidValue(
                    field: "entitlements",
                    reason:
                        "the service list is costed on the projected population: add a 'demography:' section"
                ), at: node.location)
            return nil
        }
        let errorsBefore = session.log.errorCount

        // The lists.
        var raws: [RawServiceList] = []
        var resolved: [YAMLNode] = []
        for item in listsNode.items ?? [listsNode] {
            guard let file = Read.file(item, field: "entitlements.lists", log: &session.log)
            else { continue }
            resolved.append(.resolvedFile(file, at: item.location))
            guard session.fileExists(file, at: item.location),
                let raw = session.readServiceList(file)
            else { continue }
            raws.append(raw)
        }
        set(["entitlements", "lists"], YAMLNode(.sequence(resolved), at: listsNode.location))

        // Overrides, by item id.
        var overrides: [String: YAMLNode] = [:]
        var overrideKeys: [String: SourceLocation] = [:]
        if let given = fields["overrides"] {
            if let entries = given.entries {
                for entry in entries {
                    overrides[entry.key] = entry.value
                    overrideKeys[entry.key] = entry.keyLocation
                }
            } else {
                Read.wrongType(
                    given, field: "entitlements.overrides",
                    expected: "a mapping of item ids to the keys they change", log: &session.log)
            }
        }

        // Items, overrides merged over them.
        var items: [ServiceItem] = []
        var itemLocations: [String: SourceLocation] = [:]
        var references: [ServiceListFile.GroupReference] = []
        var listGroups: [PopulationGroup] = []
        for raw in raws {
            // A group defined by several lists: the later list's definition holds.
            for group in ServiceListFile.decodeGroups(
                raw.groups, listFile: raw.file, log: &session.log)
            {
                listGroups.removeAll { $0.name == group.name }
                listGroups.append(group)
            }
            for var itemNode in raw.items {
                let id = itemNode["id"]?.scalar?.text ?? ""
                if let override = overrides[id] {
                    itemNode = ScenarioMerge.merge(itemNode, override)
                    overrideKeys[id] = nil
                }
                if ServiceListFile.isDisabled(itemNode) { continue }
                guard
                    let item = ServiceListFile.decodeItem(
                        itemNode, listFile: raw.file, references: &references,
                        log: &session.log)
                else { continue }
                if let first = itemLocations[item.id] {
                    session.log.error(
                        .invalidValue(
                            field: "items.id",
                            reason: "item '\(item.id)' is also defined at \(first)"),
                        at: itemNode["id"]?.location ?? itemNode.location)
                    continue
                }
                itemLocations[item.id] = itemNode["id"]?.location ?? itemNode.location
                items.append(item)
            }
        }
        let known = raws.flatMap { $0.items.compactMap { $0["id"]?.scalar?.text } }
        for (id, location) in overrideKeys {
            session.log.error(
                .notOneOf(field: "entitlements.overrides", value: id, allowed: known),
                at: location)
        }

        // Groups: the lists', the scenario's over them, the demography's where not defined.
        var groups = listGroups
        for group in ServiceListFile.decodeGroups(
            fields["groups"], listFile: nil, log: &session.log)
        {
            if let index = groups.firstIndex(where: { $0.name == group.name }) {
                groups[index] = group
            } else {
                groups.append(group)
            }
        }
        for special in demography.careNeed?.specialGroups ?? []
        where !groups.contains(where: { $0.name == special.name }) {
            groups.append(PopulationGroup(special, baseYear: scenario.baseYear))
        }
        ServiceListFile.checkReferences(
            references, known: groups.map(\.name), log: &session.log)

        // Items that need the prevalence of levels or urban shares.
        let byName = Dictionary(groups.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        func needsLevels(_ item: ServiceItem) -> Bool {
            item.eligibility.levels != nil
                || item.eligibility.groups.contains { byName[$0]?.dependsOnLevel ?? false }
        }
        let prevalence = demography.careNeed?.prevalence
        for item in items where needsLevels(item) && prevalence == nil {
            session.log.error(
                .invalidValue(
                    field: "items.\(item.id).eligibility",
                    reason:
                        "the rule depends on capability levels; give their prevalence in demography.care_need.prevalence"
                ), at: itemLocations[item.id] ?? node.location)
        }
        let residenceItems = items.filter { item in
            item.eligibility.residence != nil
                || item.eligibility.groups.contains { byName[$0]?.dependsOnResidence ?? false }
                || (needsLevels(item) && (prevalence?.parts ?? 1) == 2)
        }
        let urbanShares = decodeUrbanShares(
            fields["urban_share"], areas: demography.areas, tree: scenario.regions,
            needed: residenceItems.map(\.id), at: node.location, log: &session.log)

        var budget: EntitlementBudget?
        if let given = fields["budget"] {
            budget = decodeBudget(given, years: scenario.years, log: &session.log)
        }
        guard session.log.errorCount == errorsBefore else { return nil }
        return EntitlementSettings(
            items: items, groups: groups, budget: budget, urbanShares: urbanShares,
            lists: raws.map(\.file))
    }

    /// `urban_share:` — one share for every area, or a mapping of area codes to shares;
    /// areas not given take 1 for a community (or urban village-level class), 0 for a
    /// village. Logs the areas still without a share when items need them.
    private func decodeUrbanShares(
        _ node: YAMLNode?, areas: [DivisionCode], tree: RegionTree, needed: [String],
        at location: SourceLocation, log: inout DiagnosticLog
    ) -> [DivisionCode: Double] {
        var shares: [DivisionCode: Double] = [:]
        for code in areas {
            guard let region = tree[code] else { continue }
            if let urbanRural = region.urbanRural {
                shares[code] = urbanRural.isUrban ? 1 : 0
            } else if region.kind == .community {
                shares[code] = 1
            } else if region.kind == .village {
                shares[code] = 0
            }
        }
        if let node {
            if let entries = node.entries {
                for entry in entries {
                    let field = "entitlements.urban_share.\(entry.key)"
                    guard let code = try? DivisionCode(parsing: entry.key) else {
                        log.error(
                            .badRegionCode(value: entry.key, reason: "see the regions table"),
                            at: entry.keyLocation)
                        continue
                    }
                    guard areas.contains(code) else {
                        log.error(
                            .invalidValue(
                                field: "entitlements.urban_share",
                                reason:
                                    "\(entry.key) is not an area of the population (demography.population)"
                            ), at: entry.keyLocation)
                        continue
                    }
                    if let share = Read.quantity(
                        entry.value, field: field, unit: .fraction, range: 0...1, log: &log)
                    {
                        shares[code] = share.value
                    }
                }
            } else if let share = Read.quantity(
                node, field: "entitlements.urban_share", unit: .fraction, range: 0...1, log: &log)
            {
                for code in areas { shares[code] = share.value }
            }
        }
        let missing = areas.filter { shares[$0] == nil }
        if !needed.isEmpty, !missing.isEmpty {
            let names = missing.prefix(5).map(\.shortForm).joined(separator: ", ")
            log.error(
                .invalidValue(
                    field: "entitlements.urban_share",
                    reason:
                        "items \(needed.joined(separator: ", ")) depend on urban or rural residence; give the urban share of area\(missing.count == 1 ? "" : "s") \(names)\(missing.count > 5 ? " …" : "")"
                ), at: node?.location ?? location)
        }
        return shares
    }

    /// `budget:` — yuan a year in the years given, in total and by paying level.
    private func decodeBudget(
        _ node: YAMLNode, years: ClosedRange<Int>, log: inout DiagnosticLog
    ) -> EntitlementBudget? {
        let names = ["total"] + PayingLevel.identifiers
        guard let fields = Fields(node, section: "entitlements.budget", keys: names, log: &log)
        else { return nil }
        func path(_ key: String) -> YearlyValues? {
            fields[key].flatMap {
                Read.yearly(
                    $0, field: "entitlements.budget.\(key)", unit: .yuan, rule: .keyedYearsOnly,
                    range: 0...Double.infinity, years: years, log: &log)?.values
            }
        }
        return EntitlementBudget(
            total: path("total"), byLevel: PayingLevel.allCases.map { path($0.description) })
    }

    // MARK: Long-term-care insurance

    private func decodeInsurance(_ node: YAMLNode, scenario: Scenario, log: inout DiagnosticLog)
        -> LongTermCareInsurance?
    {
        guard
            let fields = Fields(
                node, section: "ltc_insurance", keys: Self.insuranceKeys, log: &log)
        else { return nil }
        let errorsBefore = log.errorCount
        if scenario.demography?.careNeed == nil {
            log.error(
                .invalidValue(
                    field: "ltc_insurance",
                    reason:
                        "beneficiaries are counted from the capability levels: give demography.care_need.prevalence"
                ), at: node.location)
        }
        let firstYear =
            fields["first_year"].flatMap {
                Read.year($0, field: "ltc_insurance.first_year", range: scenario.years, log: &log)
            } ?? scenario.baseYear
        let opening =
            fields["opening_balance"].flatMap {
                Read.quantity($0, field: "ltc_insurance.opening_balance", unit: .yuan, log: &log)?
                    .value
            } ?? 0
        func yearly(
            _ node: YAMLNode?, _ field: String, unit: Unit, rule: YearlyValues.Rule,
            range: ClosedRange<Double>
        ) -> YearlyValues? {
            node.flatMap {
                Read.yearly($0, field: field, unit: unit, rule: rule, range: range, log: &log)?
                    .values
            }
        }
        let money = 0...Double.infinity
        var schemes: [InsuranceScheme] = []
        if let list = fields.required("schemes", log: &log) {
            for item in list.items ?? [list] {
                if let scheme = decodeScheme(item, log: &log) { schemes.append(scheme) }
            }
        }
        let subsidy = yearly(
            fields["fiscal_subsidy"], "ltc_insurance.fiscal_subsidy", unit: .yuan, rule: .hold,
            range: money)
        let subsidyPerInsured = yearly(
            fields["fiscal_subsidy_per_insured"], "ltc_insurance.fiscal_subsidy_per_insured",
            unit: .yuan, rule: .hold, range: money)
        let interest =
            yearly(
                fields["interest_rate"], "ltc_insurance.interest_rate", unit: .fraction,
                rule: .hold, range: -0.1...0.5) ?? .constant(0, from: firstYear)

        // Beneficiaries.
        var minimumAge = 0
        var levels: [CapabilityLevel] = [.severelyImpaired, .completelyLost]
        var takeUp = [YearlyValues](repeating: .constant(1, from: firstYear), count: 5)
        var settings = [[Double]](repeating: [1, 0, 0], count: 5)
        /// A value for each capability level: one for every level, or a mapping by level name.
        func perLevel<Value>(
            _ given: YAMLNode, field: String, into values: inout [Value],
            read: (YAMLNode, String) -> Value?
        ) {
            guard let entries = given.entries,
                entries.contains(where: { CapabilityLevel(name: $0.key) != nil })
            else {
                if let value = read(given, field) {
                    values = [Value](repeating: value, count: values.count)
                }
                return
            }
            for entry in entries {
                guard let found = CapabilityLevel(name: entry.key) else {
                    log.error(
                        .notOneOf(
                            field: field, value: entry.key,
                            allowed: CapabilityLevel.identifiers),
                        at: entry.keyLocation)
                    continue
                }
                if let value = read(entry.value, "\(field).\(entry.key)") {
                    values[found.rawValue] = value
                }
            }
        }
        let settingNames = CareSetting.allCases.map(\.description)
        func settingShares(_ node: YAMLNode, field: String) -> [Double]? {
            guard let sub = Fields(node, section: field, keys: settingNames, log: &log) else {
                return nil
            }
            var shares: [Double] = []
            for name in settingNames {
                let value =
                    sub[name].flatMap {
                        Read.quantity(
                            $0, field: "\(field).\(name)", unit: .fraction, range: 0...1,
                            log: &log)?.value
                    } ?? 0
                shares.append(value)
            }
            let sum = shares.reduce(0, +)
            guard abs(sum - 1) <= 1e-6 else {
                log.error(
                    .invalidValue(
                        field: field,
                        reason: "the shares of home, community and institution sum to \(sum), not 1"
                    ), at: node.location)
                return nil
            }
            return shares
        }
        if let given = fields.required("beneficiaries", log: &log),
            let sub = Fields(
                given, section: "ltc_insurance.beneficiaries",
                keys: ["min_age", "levels", "take_up", "settings"], log: &log)
        {
            minimumAge =
                sub["min_age"].flatMap {
                    Read.integer(
                        $0, field: "ltc_insurance.beneficiaries.min_age", range: 0...130,
                        log: &log)
                } ?? 0
            if let list = sub["levels"] {
                var chosen: [CapabilityLevel] = []
                for item in list.items ?? [list] {
                    guard
                        let text = Read.text(
                            item, field: "ltc_insurance.beneficiaries.levels", log: &log)
                    else { continue }
                    guard let found = CapabilityLevel(name: text) else {
                        log.error(
                            .notOneOf(
                                field: "ltc_insurance.beneficiaries.levels", value: text,
                                allowed: CapabilityLevel.identifiers),
                            at: item.location)
                        continue
                    }
                    if !chosen.contains(found) { chosen.append(found) }
                }
                levels = chosen.sorted { $0.rawValue < $1.rawValue }
            }
            if let given = sub["take_up"] {
                perLevel(given, field: "ltc_insurance.beneficiaries.take_up", into: &takeUp) {
                    yearly($0, $1, unit: .fraction, rule: .interpolate, range: 0...1)
                }
            }
            if let given = sub["settings"] {
                perLevel(given, field: "ltc_insurance.beneficiaries.settings", into: &settings) {
                    settingShares($0, field: $1)
                }
            }
        }

        // Benefits, yuan a month by setting (and level).
        var benefits = [[YearlyValues]](
            repeating: [YearlyValues](repeating: .constant(0, from: firstYear), count: 5),
            count: 3)
        var given = [Bool](repeating: false, count: 3)
        if let node = fields.required("benefits", log: &log),
            let sub = Fields(node, section: "ltc_insurance.benefits", keys: settingNames, log: &log)
        {
            for setting in CareSetting.allCases {
                guard let value = sub[setting.description] else { continue }
                given[setting.rawValue] = true
                perLevel(
                    value, field: "ltc_insurance.benefits.\(setting)",
                    into: &benefits[setting.rawValue]
                ) {
                    yearly($0, $1, unit: .yuan, rule: .hold, range: money)
                }
            }
            for setting in CareSetting.allCases where !given[setting.rawValue] {
                if levels.contains(where: { settings[$0.rawValue][setting.rawValue] > 0 }) {
                    log.error(
                        .missingKey(key: setting.description, section: "ltc_insurance.benefits"),
                        at: node.location)
                }
            }
        }
        var administrationShare = YearlyValues.constant(0, from: firstYear)
        var administrationFixed: YearlyValues?
        if let node = fields["administration"],
            let sub = Fields(
                node, section: "ltc_insurance.administration", keys: ["share", "fixed"],
                log: &log)
        {
            administrationShare =
                yearly(
                    sub["share"], "ltc_insurance.administration.share", unit: .fraction,
                    rule: .hold, range: 0...1) ?? administrationShare
            administrationFixed = yearly(
                sub["fixed"], "ltc_insurance.administration.fixed", unit: .yuan, rule: .hold,
                range: money)
        }
        guard log.errorCount == errorsBefore else { return nil }
        return LongTermCareInsurance(
            schemes: schemes, firstYear: firstYear, openingBalance: opening,
            fiscalSubsidy: subsidy, fiscalSubsidyPerInsured: subsidyPerInsured,
            interestRate: interest, minimumAge: minimumAge, eligibleLevels: levels,
            takeUp: takeUp, settingShares: settings, benefits: benefits,
            administrationShare: administrationShare, administrationFixed: administrationFixed)
    }

    private func decodeScheme(_ node: YAMLNode, log: inout DiagnosticLog) -> InsuranceScheme? {
        let keys = ["name", "min_age", "max_age", "coverage", "base", "rate", "per_capita"]
        guard let fields = Fields(node, section: "ltc_insurance.schemes", keys: keys, log: &log),
            let name = fields.required("name", log: &log).flatMap({
                Read.text($0, field: "ltc_insurance.schemes.name", log: &log)
            })
        else { return nil }
        let path = "ltc_insurance.schemes.\(name)"
        let minimumAge =
            fields["min_age"].flatMap {
                Read.integer($0, field: "\(path).min_age", range: 0...130, log: &log)
            } ?? 0
        let maximumAge = fields["max_age"].flatMap {
            Read.integer($0, field: "\(path).max_age", range: 0...130, log: &log)
        }
        guard
            let coverage = fields.required("coverage", log: &log).flatMap({
                Read.yearly(
                    $0, field: "\(path).coverage", unit: .fraction, rule: .interpolate,
                    range: 0...1, log: &log)?.values
            })
        else { return nil }
        let money = 0...Double.infinity
        if let perCapita = fields["per_capita"] {
            if fields["rate"] != nil || fields["base"] != nil {
                log.error(
                    .invalidValue(
                        field: path, reason: "give either per_capita or base with rate, not both"),
                    at: node.location)
                return nil
            }
            guard
                let amount = Read.yearly(
                    perCapita, field: "\(path).per_capita", unit: .yuan, rule: .hold,
                    range: money, log: &log)
            else { return nil }
            return InsuranceScheme(
                name: name, minimumAge: minimumAge, maximumAge: maximumAge, coverage: coverage,
                contribution: .perCapita(amount.values))
        }
        guard
            let base = fields.required("base", log: &log).flatMap({
                Read.yearly(
                    $0, field: "\(path).base", unit: .yuan, rule: .interpolate, range: money,
                    log: &log)?.values
            }),
            let rate = fields.required("rate", log: &log).flatMap({
                Read.yearly(
                    $0, field: "\(path).rate", unit: .fraction, rule: .hold, range: 0...1,
                    log: &log)?.values
            })
        else { return nil }
        return InsuranceScheme(
            name: name, minimumAge: minimumAge, maximumAge: maximumAge, coverage: coverage,
            contribution: .rate(base: base, rate: rate))
    }
}
