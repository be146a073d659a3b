import Demography
import Diagnostics
import Entitlements
import Quantities
import Simulation

/// A basic elderly-care service list (基本养老服务清单) as read from its file.
public struct ServiceList: Sendable {
    /// The list's id, title and the region it is for (statistical code, as the file writes
    /// it).
    public var id: String
    public var title: String
    public var region: String?
    /// The default shares of the groups its rules name.
    public var groups: [PopulationGroup]
    /// The items, in file order.
    public var items: [ServiceItem]
    /// The file it was read from.
    public var file: String
}

/// Reads service-list files (`Scenarios/service-lists/*.yaml`).
///
/// ```yaml
/// list: liaoning-2023
/// title: 辽宁省基本养老服务清单（测算口径）
/// region: "21"
/// groups:                                   # shares of population cells (see PopulationGroup)
///   特困: {share: 1.2 %, from_age: 60, assumption: "…"}
///   in-private-home: {by_level: {intact: 0.5 %, mild: 1 %, moderate: 3 %, severe: 5 %, complete: 6 %}, assumption: "…"}
/// items:
///   - id: old-age-allowance
///     name: 高龄津贴
///     category: material                    # material 物质帮助, care 照护服务, caring 关爱服务
///     clause: 000 二(三)5
///     text: 为80岁以上老年人发放高龄津贴
///     eligibility:
///       min_age: 80                         # or {2020: 80, 2026: 75}; max_age likewise
///       sex: female                         # optional
///       residence: rural                    # optional: urban or rural
///       levels: [moderate, severe, complete]   # GB/T 42195-2022 levels (or 轻度失能 …, 0–4)
///       groups: [特困, 低保]                 # any of them; or {any_of: [...], all_of: [...]}
///     benefit: {cash: {value: 50, assumption: "…"}}    # yuan a month (per: year for a year)
///     # or {hours: 10, unit_cost: 35}, {place: 1, unit_cost: 125}, {visits: 1, unit_cost: 30},
///     #    {events: 1, per: year, unit_cost: 200}
///     take_up: {value: 100 %, source: "000 二(三)5"}
///     household_size: 1.6                   # persons per unit (home adaptation)
///     once: true                            # one-off benefit; exit_rate: 8 %
///     paid_by: {city: 50 %, county: 50 %}   # central, province, city, county; sums to 100 %
///     department: 民政
///     from: 2021                            # optional; until: 2030
///     indicator: old-age-allowance-coverage # optional
/// ```
///
/// Every figure of a list (cash amount, hours or visits, unit cost, take-up, household size,
/// exit rate, group shares) says where it comes from: `{value: …, source: …}` for a
/// published figure, `{value: …, assumption: …}` for one the documents do not state, with
/// the reason. Values that change by year are `{values: {2020: 50, 2026: 100}, source: …}`.
public enum ServiceListFile {
    static let keys = ["list", "title", "region", "note", "groups", "items"]
    static let itemKeys = [
        "id", "name", "category", "clause", "text", "eligibility", "benefit", "take_up",
        "household_size", "once", "exit_rate", "paid_by", "department", "from", "until",
        "indicator", "note", "enabled",
    ]
    static let eligibilityKeys = ["min_age", "max_age", "sex", "residence", "levels", "groups"]
    static let benefitKinds = ["cash", "hours", "place", "visits", "events"]
    static let groupKeys = [
        "share", "from_age", "by_sex", "by_residence", "by_age", "by_level", "source",
        "assumption",
    ]

    /// Reads a list from disk, logging every problem; the groups its rules name must be
    /// among its own.
    public static func load(path: String, log: inout DiagnosticLog, sources: inout SourceTexts)
        -> ServiceList?
    {
        var session = Session()
        defer {
            log.append(contentsOf: session.log)
            sources.merge(session.sources)
        }
        guard let raw = session.readServiceList(path) else { return nil }
        var references: [GroupReference] = []
        var items: [ServiceItem] = []
        for node in raw.items {
            if let item = decodeItem(
                node, listFile: path, references: &references, log: &session.log)
            {
                items.append(item)
            }
        }
        let groups = decodeGroups(raw.groups, listFile: path, log: &session.log)
        checkReferences(
            references, known: groups.map(\.name), log: &session.log)
        return ServiceList(
            id: raw.id, title: raw.title, region: raw.region, groups: groups, items: items,
            file: path)
    }

    /// A rule's mention of a group, for checking against the groups defined.
    struct GroupReference {
        var name: String
        var location: SourceLocation
        var field: String
    }

    /// Logs every reference to an undefined group.
    static func checkReferences(
        _ references: [GroupReference], known: [String],
        log: inout DiagnosticLog
    ) {
        for reference in references where !known.contains(reference.name) {
            log.error(
                .notOneOf(field: reference.field, value: reference.name, allowed: known.sorted()),
                at: reference.location)
        }
    }

    // MARK: Groups

    /// Decodes a `groups:` mapping (of a list or a scenario).
    static func decodeGroups(_ node: YAMLNode?, listFile: String?, log: inout DiagnosticLog)
        -> [PopulationGroup]
    {
        guard let node else { return [] }
        guard
            let entries = Read.collection(
                node, \.entries, field: "groups", expected: "a mapping of group names to shares",
                log: &log)
        else { return [] }
        return entries.compactMap { entry in
            decodeGroup(entry.value, name: entry.key, listFile: listFile, log: &log)
        }
    }

    static func decodeGroup(
        _ node: YAMLNode, name: String, listFile: String?, log: inout DiagnosticLog
    ) -> PopulationGroup? {
        let field = "groups.\(name)"
        // A bare share or a yearly path.
        guard let entries = node.entries,
            entries.contains(where: { groupKeys.contains($0.key) })
        else {
            guard
                let share = Read.yearly(
                    node, field: field, unit: .fraction, rule: .interpolate, range: 0...1,
                    log: &log)
            else { return nil }
            if let listFile, node.location.file == listFile {
                log.error(
                    .invalidValue(
                        field: field,
                        reason:
                            "say where the share comes from: {share: …, source: …} or {share: …, assumption: …}"
                    ), at: node.location)
            }
            return PopulationGroup(name: name, share: share.values)
        }
        guard let fields = Fields(node, section: field, keys: groupKeys, log: &log) else {
            return nil
        }
        var failed = false
        var share = YearlyValues.constant(1, from: 1900)
        if let given = fields["share"] {
            if let read = Read.yearly(
                given, field: field + ".share", unit: .fraction, rule: .interpolate,
                range: 0...1, log: &log)
            {
                share = read.values
            } else {
                failed = true
            }
        }
        func pair(_ key: String, names: [[String]]) -> [Double]? {
            guard let given = fields[key] else { return nil }
            guard
                let sub = Fields(
                    given, section: field + "." + key, keys: names.flatMap { $0 }, log: &log)
            else {
                failed = true
                return nil
            }
            var values: [Double] = []
            for spellings in names {
                let present = spellings.compactMap { sub[$0] }
                guard let value = present.first else {
                    log.error(
                        .missingKey(key: spellings[0], section: field + "." + key),
                        at: given.location)
                    failed = true
                    return nil
                }
                guard
                    let number = Read.quantity(
                        value, field: field + "." + key + "." + spellings[0], unit: .fraction,
                        range: 0...1, log: &log)
                else {
                    failed = true
                    return nil
                }
                values.append(number.value)
            }
            return values
        }
        let bySex = pair("by_sex", names: [["female", "女"], ["male", "男"]])
        let byResidence = pair("by_residence", names: [["urban", "城镇"], ["rural", "乡村"]])
        let byLevel = pair("by_level", names: CapabilityLevel.allCases.map(\.names))
        var byAge: (lowerBounds: [Int], factors: [Double])?
        if let given = fields["by_age"] {
            if let ages = given.entries, !ages.isEmpty {
                var bounds: [Int] = []
                var factors: [Double] = []
                for entry in ages {
                    guard let age = Int(entry.key), (0...130).contains(age),
                        bounds.last.map({ age > $0 }) ?? true
                    else {
                        log.error(
                            .invalidValue(
                                field: field + ".by_age",
                                reason:
                                    "keys are the lower ages of increasing age groups (got '\(entry.key)')"
                            ), at: entry.keyLocation)
                        failed = true
                        continue
                    }
                    guard
                        let factor = Read.quantity(
                            entry.value, field: field + ".by_age.\(age)", unit: .fraction,
                            range: 0...1, log: &log)
                    else {
                        failed = true
                        continue
                    }
                    bounds.append(age)
                    factors.append(factor.value)
                }
                if !bounds.isEmpty { byAge = (bounds, factors) }
            } else {
                Read.wrongType(
                    given, field: field + ".by_age", expected: "a mapping of ages to shares",
                    log: &log)
                failed = true
            }
        }
        let fromAge =
            fields["from_age"].flatMap {
                Read.integer($0, field: field + ".from_age", range: 0...130, log: &log)
            } ?? 0
        let source = fields["source"].flatMap { Read.text($0, field: field + ".source", log: &log) }
        let assumption = fields["assumption"].flatMap {
            Read.text($0, field: field + ".assumption", log: &log)
        }
        if let listFile, node.location.file == listFile, source == nil, assumption == nil {
            log.error(
                .invalidValue(
                    field: field,
                    reason: "say where the share comes from: add 'source: …' or 'assumption: …'"),
                at: node.location)
        }
        if fields["share"] == nil, bySex == nil, byResidence == nil, byLevel == nil, byAge == nil {
            log.error(.missingKey(key: "share", section: field), at: node.location)
            failed = true
        }
        guard !failed else { return nil }
        return PopulationGroup(
            name: name, share: share, bySex: bySex, byResidence: byResidence, byAge: byAge,
            byLevel: byLevel, fromAge: fromAge, source: source, assumption: assumption)
    }

    // MARK: Items

    /// Decodes one item. `listFile` is the file whose figures must say where they come
    /// from (figures written elsewhere — scenario overrides, `--set` — need not).
    static func decodeItem(
        _ node: YAMLNode, listFile: String, references: inout [GroupReference],
        log: inout DiagnosticLog
    ) -> ServiceItem? {
        guard let fields = Fields(node, section: "items", keys: itemKeys, log: &log),
            let idNode = fields.required("id", log: &log),
            let id = Read.text(idNode, field: "items.id", log: &log)
        else { return nil }
        let path = "items.\(id)"
        guard Scenario.isValidIdentifier(id) else {
            log.error(
                .invalidValue(
                    field: "\(path).id",
                    reason: "'\(id)' must be kebab-case: lower-case letters, digits and hyphens"),
                at: idNode.location)
            return nil
        }
        let errorsBefore = log.errorCount
        var figures: [FigureNote] = []
        let name = fields.required("name", log: &log).flatMap {
            Read.text($0, field: "\(path).name", log: &log)
        }
        let category = fields.required("category", log: &log).flatMap {
            Read.word(
                $0, field: "\(path).category",
                allowed: ServiceCategory.allCases.map(\.rawValue), log: &log)
        }.flatMap { ServiceCategory(rawValue: $0) }
        let clause = fields.required("clause", log: &log).flatMap {
            Read.text($0, field: "\(path).clause", log: &log)
        }
        let text = fields["text"].flatMap { Read.text($0, field: "\(path).text", log: &log) }
        let department = fields.required("department", log: &log).flatMap {
            Read.text($0, field: "\(path).department", log: &log)
        }
        let eligibility = fields.required("eligibility", log: &log).flatMap {
            decodeEligibility($0, path: path + ".eligibility", references: &references, log: &log)
        }
        let benefit = fields.required("benefit", log: &log).flatMap {
            decodeBenefit(
                $0, path: path + ".benefit", listFile: listFile, figures: &figures, log: &log)
        }
        let takeUp = fields.required("take_up", log: &log).flatMap {
            figure(
                $0, name: "take_up", field: "\(path).take_up", unit: .fraction,
                rule: .interpolate, range: 0...1, listFile: listFile, figures: &figures,
                log: &log)
        }
        /// A figure that holds over the years, if given.
        func constant(_ key: String, unit: Unit, range: ClosedRange<Double>) -> Double? {
            fields[key].flatMap {
                figure(
                    $0, name: key, field: "\(path).\(key)", unit: unit, rule: .hold, range: range,
                    listFile: listFile, figures: &figures, log: &log)
            }?.values[0]
        }
        let householdSize = constant("household_size", unit: .one, range: 0.1...20) ?? 1
        let once =
            fields["once"].flatMap { Read.flag($0, field: "\(path).once", log: &log) } ?? false
        let exitRate = constant("exit_rate", unit: .fraction, range: 0...1) ?? 0
        let paidBy = fields.required("paid_by", log: &log).flatMap {
            decodePayingShares($0, field: "\(path).paid_by", log: &log)
        }
        let from = fields["from"].flatMap {
            Read.year($0, field: "\(path).from", range: 1950...2200, log: &log)
        }
        let until = fields["until"].flatMap {
            Read.year($0, field: "\(path).until", range: 1950...2200, log: &log)
        }
        if let from, let until, until < from, let node = fields["until"] {
            log.error(
                .invalidValue(
                    field: "\(path).until", reason: "\(until) is before 'from' (\(from))"),
                at: node.location)
        }
        let indicator = fields["indicator"].flatMap {
            Read.word(
                $0, field: "\(path).indicator",
                allowed: EntitlementIndicator.allCases.map(\.rawValue), log: &log)
        }.flatMap { EntitlementIndicator(rawValue: $0) }
        guard log.errorCount == errorsBefore, let name, let category, let clause, let department,
            let eligibility, let benefit, let takeUp, let paidBy
        else { return nil }
        return ServiceItem(
            id: id, name: name, category: category, eligibility: eligibility, benefit: benefit,
            takeUp: takeUp, householdSize: householdSize, once: once, exitRate: exitRate,
            payingShares: paidBy, department: department, clause: clause, text: text,
            from: from, until: until, indicator: indicator, figures: figures)
    }

    /// Whether an item is switched off (`enabled: false`, as an override writes it).
    static func isDisabled(_ node: YAMLNode) -> Bool {
        guard let value = node["enabled"]?.scalar?.text else { return false }
        return ["false", "no", "否"].contains(value)
    }

    static func decodeEligibility(
        _ node: YAMLNode, path: String, references: inout [GroupReference],
        log: inout DiagnosticLog
    ) -> EligibilityRule? {
        if node.entries?.isEmpty ?? false { return EligibilityRule() }
        guard let fields = Fields(node, section: path, keys: eligibilityKeys, log: &log) else {
            return nil
        }
        var failed = false
        func age(_ key: String) -> YearlyValues? {
            guard let given = fields[key] else { return nil }
            guard
                let read = Read.yearly(
                    given, field: "\(path).\(key)", unit: .year, rule: .hold, range: 0...130,
                    log: &log)
            else {
                failed = true
                return nil
            }
            if read.values.values.contains(where: { $0 != $0.rounded() }) {
                log.error(
                    .wrongType(
                        field: "\(path).\(key)", expected: "whole years of age",
                        got: read.values.description), at: given.location)
                failed = true
            }
            return read.values
        }
        let minimumAge = age("min_age")
        let maximumAge = age("max_age")
        var sex: Sex?
        if let given = fields["sex"] {
            if let word = Read.word(
                given, field: "\(path).sex", allowed: ["female", "male", "女", "男"], log: &log)
            {
                sex = ["female", "女"].contains(word) ? .female : .male
            } else {
                failed = true
            }
        }
        var residence: Residence?
        if let given = fields["residence"] {
            if let word = Read.word(
                given, field: "\(path).residence", allowed: ["urban", "rural", "城镇", "乡村"],
                log: &log)
            {
                residence = ["urban", "城镇"].contains(word) ? .urban : .rural
            } else {
                failed = true
            }
        }
        var levels: [CapabilityLevel]?
        if let given = fields["levels"] {
            let names = CapabilityLevel.identifiers
            var chosen: [CapabilityLevel] = []
            for item in given.items ?? [given] {
                guard let text = Read.text(item, field: "\(path).levels", log: &log) else {
                    failed = true
                    continue
                }
                guard let level = CapabilityLevel(name: text) else {
                    log.error(
                        .notOneOf(field: "\(path).levels", value: text, allowed: names),
                        at: item.location)
                    failed = true
                    continue
                }
                if !chosen.contains(level) { chosen.append(level) }
            }
            levels = chosen.sorted { $0.rawValue < $1.rawValue }
        }
        var anyOf: [String] = []
        var allOf: [String] = []
        if let given = fields["groups"] {
            func names(_ node: YAMLNode, field: String) -> [String] {
                (node.items ?? [node]).compactMap { item in
                    guard let name = Read.text(item, field: field, log: &log) else {
                        failed = true
                        return nil
                    }
                    references.append(
                        GroupReference(name: name, location: item.location, field: field))
                    return name
                }
            }
            if given.entries != nil {
                if let sub = Fields(
                    given, section: "\(path).groups", keys: ["any_of", "all_of"], log: &log)
                {
                    anyOf = sub["any_of"].map { names($0, field: "\(path).groups.any_of") } ?? []
                    allOf = sub["all_of"].map { names($0, field: "\(path).groups.all_of") } ?? []
                } else {
                    failed = true
                }
            } else {
                anyOf = names(given, field: "\(path).groups")
            }
        }
        guard !failed else { return nil }
        return EligibilityRule(
            minimumAge: minimumAge, maximumAge: maximumAge, sex: sex, residence: residence,
            levels: levels, anyOfGroups: anyOf, allOfGroups: allOf)
    }

    static func decodeBenefit(
        _ node: YAMLNode, path: String, listFile: String, figures: inout [FigureNote],
        log: inout DiagnosticLog
    ) -> Benefit? {
        guard
            let fields = Fields(
                node, section: path, keys: benefitKinds + ["per", "unit_cost"], log: &log)
        else { return nil }
        let given = benefitKinds.filter { fields[$0] != nil }
        guard given.count == 1, let kindName = given.first,
            let kind = BenefitKind(rawValue: kindName)
        else {
            log.error(
                .invalidValue(
                    field: path,
                    reason:
                        "give exactly one of cash, hours, place, visits, events (got \(given.isEmpty ? "none" : given.joined(separator: ", ")))"
                ), at: node.location)
            return nil
        }
        var periods = kind == .events ? 1 : 12
        if let per = fields["per"] {
            guard
                let word = Read.word(
                    per, field: "\(path).per", allowed: ["month", "year", "月", "年"], log: &log)
            else { return nil }
            periods = ["month", "月"].contains(word) ? 12 : 1
        }
        let unit: Unit = kind == .cash ? .yuan : .one
        // A place or an event is the benefit itself (one place, one assessment a year): its
        // count needs no source; amounts, hours and visits do.
        let counted = kind == .place || kind == .events
        guard
            let quantity = figure(
                fields[kindName]!, name: kind == .cash ? "amount" : "quantity",
                field: "\(path).\(kindName)", unit: unit, rule: .hold,
                range: 0...Double.infinity, listFile: counted ? "" : listFile, figures: &figures,
                log: &log)
        else { return nil }
        if kind == .cash {
            if fields["unit_cost"] != nil {
                log.error(
                    .invalidValue(
                        field: "\(path).unit_cost",
                        reason: "a cash benefit's amount is its cost; give no unit_cost"),
                    at: fields["unit_cost"]!.location)
                return nil
            }
            return Benefit.cash(quantity, periodsPerYear: periods)
        }
        guard
            let costNode = fields.required("unit_cost", log: &log),
            let unitCost = figure(
                costNode, name: "unit_cost", field: "\(path).unit_cost", unit: .yuan,
                rule: .hold, range: 0...Double.infinity, listFile: listFile, figures: &figures,
                log: &log)
        else { return nil }
        return Benefit(kind: kind, quantity: quantity, periodsPerYear: periods, unitCost: unitCost)
    }

    /// Reads `{city: 50 %, county: 50 %}` (or one level's name for all of it) into shares in
    /// ``PayingLevel`` order, checking that they sum to 1.
    static func decodePayingShares(_ node: YAMLNode, field: String, log: inout DiagnosticLog)
        -> [Double]?
    {
        var shares = [0.0, 0.0, 0.0, 0.0]
        let allowed = PayingLevel.identifiers
        if let text = node.scalar?.text {
            guard let level = PayingLevel(name: text) else {
                log.error(.notOneOf(field: field, value: text, allowed: allowed), at: node.location)
                return nil
            }
            shares[level.rawValue] = 1
            return shares
        }
        guard
            let entries = Read.collection(
                node, \.entries, field: field, expected: "a level or a mapping of levels to shares",
                nonEmpty: true, log: &log)
        else { return nil }
        var failed = false
        for entry in entries {
            guard let level = PayingLevel(name: entry.key) else {
                log.error(
                    .notOneOf(field: field, value: entry.key, allowed: allowed),
                    at: entry.keyLocation)
                failed = true
                continue
            }
            guard
                let share = Read.quantity(
                    entry.value, field: "\(field).\(entry.key)", unit: .fraction, range: 0...1,
                    log: &log)
            else {
                failed = true
                continue
            }
            shares[level.rawValue] = share.value
        }
        guard !failed else { return nil }
        let sum = shares.reduce(0, +)
        guard abs(sum - 1) <= 1e-6 else {
            log.error(
                .invalidValue(
                    field: field,
                    reason: "the paying shares sum to \(sum * 100) %, not 100 %"),
                at: node.location)
            return nil
        }
        return shares
    }

    /// A figure that may change by year, with where it comes from: a number, a year-keyed
    /// mapping, `{value: …, source: …}`, `{values: {…}, assumption: …}`. In the list file a
    /// figure must carry `source` or `assumption`.
    static func figure(
        _ node: YAMLNode, name: String, field: String, unit: Unit, rule: YearlyValues.Rule,
        range: ClosedRange<Double>, listFile: String, figures: inout [FigureNote],
        log: inout DiagnosticLog
    ) -> YearlyValues? {
        var valueNode = node
        var assumption: String?
        var source: String?
        if var entries = node.entries, !ScenarioMerge.isYearKeyed(node) {
            if let index = entries.firstIndex(where: { $0.key == "assumption" }) {
                assumption = Read.text(
                    entries[index].value, field: field + ".assumption", log: &log)
                entries.remove(at: index)
                valueNode = YAMLNode(.mapping(entries), at: node.location)
            }
            if valueNode.entries?.contains(where: { $0.key == "value" }) ?? false {
                guard
                    let read = Read.quantity(
                        valueNode, field: field, unit: unit, range: range, log: &log)
                else { return nil }
                source = read.source
                figures.append(FigureNote(figure: name, source: source, assumption: assumption))
                return checkedProvenance(
                    .constant(read.value, from: 1900), node: node, field: field,
                    listFile: listFile, source: source, assumption: assumption, log: &log)
            }
        }
        guard
            let read = Read.yearly(
                valueNode, field: field, unit: unit, rule: rule, range: range, log: &log)
        else { return nil }
        source = read.source
        figures.append(FigureNote(figure: name, source: source, assumption: assumption))
        return checkedProvenance(
            read.values, node: node, field: field, listFile: listFile, source: source,
            assumption: assumption, log: &log)
    }

    private static func checkedProvenance(
        _ values: YearlyValues, node: YAMLNode, field: String, listFile: String, source: String?,
        assumption: String?, log: inout DiagnosticLog
    ) -> YearlyValues? {
        if node.location.file == listFile, source == nil, assumption == nil {
            log.error(
                .invalidValue(
                    field: field,
                    reason:
                        "say where the figure comes from: {value: …, source: …} or {value: …, assumption: …}"
                ), at: node.location)
            return nil
        }
        return values
    }
}

/// A list file parsed but not yet decoded: its items' nodes, so that a scenario's overrides
/// can be merged over them first.
struct RawServiceList {
    var id: String
    var title: String
    var region: String?
    var groups: YAMLNode?
    var items: [YAMLNode]
    var file: String
}

extension Session {
    /// Parses a list file, recording it as an input.
    mutating func readServiceList(_ file: String) -> RawServiceList? {
        guard let root = readYAML(file, what: "service list") else { return nil }
        guard let fields = Fields(root, section: "", keys: ServiceListFile.keys, log: &log),
            let id = fields.required("list", log: &log).flatMap({
                Read.text($0, field: "list", log: &log)
            }),
            let title = fields.required("title", log: &log).flatMap({
                Read.text($0, field: "title", log: &log)
            }),
            let list = fields.required("items", log: &log)
        else { return nil }
        guard
            let items = Read.collection(
                list, \.items, field: "items", expected: "a list of items", log: &log)
        else { return nil }
        let region = fields["region"].flatMap { Read.text($0, field: "region", log: &log) }
        return RawServiceList(
            id: id, title: title, region: region, groups: fields["groups"], items: items,
            file: file)
    }
}

extension DiagnosticLog {
    /// The number of errors logged so far.
    var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
}
