import Diagnostics
import Facilities
import Foundation
import Geography
import Quantities
import Simulation

/// What the investment section needs to know of the inventory.
struct InventoryContext {
    var inventory: FacilityInventory
    /// The inventory file, as diagnostics name it.
    var file: String
    /// The line of each facility.
    var lines: [Int]
    var indexByID: [String: Int]
    /// The facilities of the inventory left out because they lie outside a narrowed
    /// planning region (see ``Narrowing``), by id.
    var outside: Set<String> = []
}

/// `facilities:` — the inventory and how the stock behaves.
///
/// ```yaml
/// facilities:
///   inventory: facilities.csv          # the table (see FacilityTable), CSV or .xlsx; required
///   sheet: 机构名录                     # the workbook's sheet (default: the first)
///   datum: BD-09                       # of its lon, lat (default: the scenario's datum)
///   columns: {单位名称: name}           # headers the reader does not know (RegisterColumns)
///   count_family_beds: false           # family beds count as service beds (default false)
///   occupancy: {institutional: {2020: 0.5, 2025: 0.6}, community: 0.3, family: 1}   # interpolated
///   lead_times: {institution: 2, street_centre: 1}     # years, 0–30
///   staffing:
///     residents_per_caregiver: {intact: 10, mild: 6, moderate: 6, severe: 3, complete: 3}
///     resident_mix: {intact: 0.35, mild: 0.2, moderate: 0.2, severe: 0.15, complete: 0.1}
///     trained_per_year: {2021: 200}    # persons, held until the next key
///     attrition: 5 %
///     initial_share_of_need: 1
///     trained_share: 0                 # share of the base year's staff already trained
///   take_up: take-up.csv               # level,institutional,community,home (CareDemandRules)
///   # or inline, which draws can vary:
///   # take_up: {institutional: {intact: 0.3 %, mild: 1.5 %, moderate: 3 %, severe: 4 %, complete: 4 %}}
/// ```
/// Without `occupancy: {institutional: …}`, and with capability levels in the population,
/// institutional residents follow the care demand of `take_up` (the model's defaults when
/// not given) up to the beds; with it, occupancy is pinned at the given rate.
/// `facilities: facilities.csv` alone names the inventory with every default.
extension ScenarioDecoder {
    static let facilityKeys =
        [
            "inventory", "count_family_beds", "occupancy", "lead_times", "staffing",
            "take_up",
        ] + RegisterOptions.keys
    static let staffingKeys = [
        "residents_per_caregiver", "resident_mix", "trained_per_year", "attrition",
        "initial_share_of_need", "trained_share", "hiring",
    ]

    /// Decodes `facilities:` and `investment:` into the scenario.
    mutating func decodeFacilitiesAndInvestment(
        _ fields: Fields, into scenario: inout Scenario, session: inout Session
    ) {
        var context: InventoryContext?
        if let node = fields["facilities"] {
            if let (settings, decoded) = decodeFacilities(
                node, scenario: scenario, session: &session)
            {
                scenario.facilities = settings
                context = decoded
            }
        }
        if let node = fields["elderly_population"] {
            if fields["demography"] != nil {
                session.log.error(
                    .invalidValue(
                        field: "elderly_population",
                        reason:
                            "give either 'demography' (a projection) or 'elderly_population' (a table), not both"
                    ),
                    at: node.location)
            } else {
                // `elderly_population: file` or `{file: …, sheet: …, columns: {…}}`.
                var fileNode: YAMLNode? = node
                var opened: Fields?
                if node.entries != nil {
                    opened = Fields(
                        node, section: "elderly_population",
                        keys: ["file", "sheet", "columns"], log: &session.log)
                    fileNode = opened?.required("file", log: &session.log)
                }
                let columns = ElderlyPopulationTable.columns
                if let fileNode,
                    let name = Read.file(fileNode, field: "elderly_population", log: &session.log),
                    let options = RegisterOptions.decode(
                        opened, allowed: columns.required + columns.optional, log: &session.log),
                    session.fileExists(name, at: fileNode.location),
                    let table = session.readTable(name, kind: .population, sheet: options.sheet)
                {
                    set(
                        opened != nil ? ["elderly_population", "file"] : ["elderly_population"],
                        .resolvedFile(name, at: fileNode.location))
                    scenario.elderlyPopulation = ElderlyPopulationTable.population(
                        from: options.recognised(table, known: RegisterColumns.elderlyPopulation),
                        tree: scenario.regions, years: scenario.years, log: &session.log)
                }
            }
        }
        if let node = fields["investment"] {
            if fields["facilities"] == nil {
                session.log.error(
                    .invalidValue(
                        field: "investment",
                        reason:
                            "the plan acts on the facility stock: add a 'facilities:' section with the inventory"
                    ), at: node.location)
            }
            scenario.investment = decodeInvestment(
                node, scenario: scenario, inventory: context, session: &session)
        }
    }

    private mutating func decodeFacilities(
        _ node: YAMLNode, scenario: Scenario, session: inout Session
    ) -> (FacilitySettings, InventoryContext)? {
        var fileNode = node
        var fields: Fields?
        if node.entries != nil {
            guard
                let opened = Fields(
                    node, section: "facilities", keys: Self.facilityKeys, log: &session.log),
                let given = opened.required("inventory", log: &session.log)
            else { return nil }
            fields = opened
            fileNode = given
        }
        var failed = false
        var countsFamilyBeds = false
        fields?.read("count_family_beds", into: &countsFamilyBeds, failed: &failed) {
            Read.flag($0, field: $1, log: &session.log)
        }
        let years = scenario.years
        var occupancy = FacilitySettings.defaultOccupancy.map {
            YearlyValues.constant($0, from: years.lowerBound)
        }
        var pinsInstitutional = false
        if let rates = fields?.fields(
            "occupancy", keys: BedCategory.identifiers, failed: &failed, log: &session.log)
        {
            pinsInstitutional = rates[BedCategory.institutional.identifier] != nil
            for category in BedCategory.allCases {
                rates.read(
                    category.identifier, into: &occupancy[category.rawValue], failed: &failed
                ) {
                    Read.yearly(
                        $0, field: $1, unit: .fraction, rule: .interpolate, range: 0...1,
                        log: &session.log)?.values
                }
            }
        }
        var leadTimes = FacilityType.allCases.map(\.defaultLeadTime)
        if let times = fields?.fields(
            "lead_times", keys: FacilityType.identifiers, failed: &failed, log: &session.log)
        {
            for type in FacilityType.allCases {
                times.read(type.identifier, into: &leadTimes[type.rawValue], failed: &failed) {
                    Read.integer($0, field: $1, range: 0...30, log: &session.log)
                }
            }
        }
        var demand = CareDemandRules()
        if let given = fields?["take_up"] {
            if given.entries != nil {
                if let rules = decodeTakeUp(given, log: &session.log) {
                    demand = rules
                } else {
                    failed = true
                }
            } else if let table = table(given, path: ["facilities", "take_up"], session: &session),
                let rules = DemographyTables.careTakeUp(table, log: &session.log)
            {
                demand = rules
            } else {
                failed = true
            }
        }
        var staffing = StaffingRules()
        fields?.read("staffing", into: &staffing, failed: &failed) { node, _ in
            decodeStaffing(node, years: years, log: &session.log)
        }
        // A narrowed scenario that keeps its base's caregivers to train (a count for the
        // whole base region) trains its share of them, by people aged 60+ in the base year.
        if let narrowing = session.cache.narrowing, let trained = staffing.trainedPerYear,
            let node = fields?["staffing"]?["trained_per_year"],
            Self.sameNode(node, narrowing.trainedPerYear),
            let share = olderShare(of: scenario, in: narrowing.base)
        {
            // Whole persons where the base writes whole numbers, as the resolved file shows.
            let whole = ScenarioNumbers.isWhole(node)
            staffing.trainedPerYear = YearlyValues(
                years: trained.years,
                values: trained.values.map { whole ? ($0 * share).rounded() : $0 * share },
                rule: trained.rule)
            var scaled = node
            _ = ScenarioNumbers.apply(share, .scale, at: [], in: &scaled)
            set(["facilities", "staffing", "trained_per_year"], scaled)
            let percent = (share * 1000).rounded() / 10
            let region = scenario.region.shortForm
            shareNotes.append(
                "\(region) trains \(percent)% of the caregivers \(narrowing.base) trains a year (facilities.staffing.trained_per_year), its share of the people aged 60+ in \(scenario.baseYear) / \(region) 按 \(scenario.baseYear) 年60岁及以上人口占比承担 \(narrowing.base) 每年培训护理员人数的 \(percent)%"
            )
        }

        // The inventory table.
        guard let name = Read.file(fileNode, field: "facilities.inventory", log: &session.log),
            let options = RegisterOptions.decode(
                fields, allowed: FacilityTable.columns.required + FacilityTable.columns.optional,
                log: &session.log)
        else { return nil }
        let working = scenario.datum ?? .wgs84
        let coordinates = FacilityTable.Coordinates(
            written: options.datum ?? working, working: working)
        guard FileManager.default.fileExists(atPath: name) else {
            session.log.error(.fileNotFound(path: name), at: fileNode.location)
            return nil
        }
        set(
            node.entries != nil ? ["facilities", "inventory"] : ["facilities"],
            .resolvedFile(name, at: fileNode.location))
        // A template's variations read the same inventory again: keep it decoded.
        let memo =
            "\(name)|\(options.sheet ?? "")|\(coordinates.written)|\(options.columns.sorted { $0.key < $1.key })|\(scenario.baseYear)|\(leadTimes)|\(scenario.regions.count)"
        var decodedInventory = session.cache.inventories[memo]
        if decodedInventory == nil,
            let table = session.readTable(name, kind: .facilities, sheet: options.sheet)
        {
            decodedInventory = FacilityTable.inventory(
                from: options.recognised(table, known: RegisterColumns.facilities),
                tree: scenario.regions, baseYear: scenario.baseYear, leadTimes: leadTimes,
                coordinates: coordinates, log: &session.log)
            if session.keepsReads, !session.log.hasErrors {
                session.cache.inventories[memo] = decodedInventory
            }
        }
        guard var (inventory, lines) = decodedInventory, !failed else { return nil }
        var outside: Set<String> = []
        // A scenario narrowed to a unit of the tree (a county of a city scenario it extends)
        // holds that unit's facilities only: their beds, residents, staff and subsidies are
        // its own.
        if let planning = scenario.regions.index(of: scenario.region) {
            let units = scenario.regions.subtree(of: planning)
            let kept = inventory.facilities.indices.filter {
                units.contains(inventory.facilities[$0].region)
            }
            if kept.count < inventory.facilities.count {
                guard
                    let narrowed = try? FacilityInventory(
                        facilities: kept.map { inventory.facilities[$0] },
                        regionCount: scenario.regions.count, baseYear: scenario.baseYear)
                else { return nil }
                let keptIDs = Set(kept.map { inventory.facilities[$0].id })
                outside = Set(inventory.facilities.map(\.id).filter { !keptIDs.contains($0) })
                inventory = narrowed
                lines = kept.map { lines[$0] }
            }
        }
        let settings = FacilitySettings(
            inventory: inventory, countsFamilyBeds: countsFamilyBeds, occupancy: occupancy,
            leadTimes: leadTimes, staffing: staffing, demand: demand,
            pinsInstitutionalOccupancy: pinsInstitutional)
        return (
            settings,
            InventoryContext(
                inventory: inventory, file: name, lines: lines, indexByID: inventory.indexByID(),
                outside: outside)
        )
    }

    /// The five numbers of a mapping by care level (`{intact: …, mild: …, moderate: …,
    /// severe: …, complete: …}`) under `key`, each within `range`; nil when absent or, with
    /// `failed` set, when any is missing or wrong.
    static func byCareLevel(
        _ fields: Fields, _ key: String, range: ClosedRange<Double>, failed: inout Bool,
        log: inout DiagnosticLog
    ) -> [Double]? {
        let levels = StaffingRules.CareLevel.allCases.map(\.identifier)
        guard let entries = fields.fields(key, keys: levels, failed: &failed, log: &log) else {
            return nil
        }
        var result: [Double] = []
        for level in levels {
            guard let entry = entries.required(level, log: &log),
                let (number, _) = Read.quantity(
                    entry, field: entries.path(level), unit: .fraction, range: range, log: &log)
            else {
                failed = true
                return nil
            }
            result.append(number)
        }
        return result
    }

    /// `take_up: {institutional: {intact: …, …}, community: {…}, home: {…}}`: shares of the
    /// older persons at each level; `institutional` required, the others optional.
    private func decodeTakeUp(_ node: YAMLNode, log: inout DiagnosticLog) -> CareDemandRules? {
        let kinds = ["institutional", "community", "home"]
        guard let fields = Fields(node, section: "facilities.take_up", keys: kinds, log: &log),
            fields.required("institutional", log: &log) != nil
        else { return nil }
        let levels = StaffingRules.CareLevel.allCases.map(\.identifier)
        var failed = false
        let rates = kinds.map {
            Self.byCareLevel(fields, $0, range: 0...1, failed: &failed, log: &log)
        }
        guard !failed, let institutional = rates[0] else { return nil }
        for level in levels.indices {
            let sum = rates.reduce(0) { $0 + ($1?[level] ?? 0) }
            if sum > 1 + 1e-9 {
                log.error(
                    .invalidValue(
                        field: "facilities.take_up",
                        reason:
                            "the shares of \(levels[level]) persons needing institutional, community and home care add up to \(sum), more than 1"
                    ), at: node.location)
                return nil
            }
        }
        return CareDemandRules(
            institutionalTakeUp: institutional, communityTakeUp: rates[1], homeTakeUp: rates[2])
    }

    private func decodeStaffing(
        _ node: YAMLNode, years: ClosedRange<Int>, log: inout DiagnosticLog
    ) -> StaffingRules? {
        guard
            let fields = Fields(
                node, section: "facilities.staffing", keys: Self.staffingKeys, log: &log)
        else { return nil }
        var rules = StaffingRules()
        var failed = false
        func byLevel(_ key: String, range: ClosedRange<Double>) -> [Double]? {
            Self.byCareLevel(fields, key, range: range, failed: &failed, log: &log)
        }
        if let ratios = byLevel("residents_per_caregiver", range: 0.1...100) {
            rules.residentsPerCaregiver = ratios
        }
        if let mix = byLevel("resident_mix", range: 0...1) {
            let total = mix.reduce(0, +)
            if abs(total - 1) > 1e-6 {
                log.error(
                    .invalidValue(
                        field: "facilities.staffing.resident_mix",
                        reason: "the shares add up to \(total), not 1"),
                    at: fields["resident_mix"]!.location)
                failed = true
            } else {
                rules.residentMix = mix
            }
        }
        fields.read("trained_per_year", into: &rules.trainedPerYear, failed: &failed) {
            Read.yearly(
                $0, field: $1, unit: .person, rule: .hold, range: 0...1e9, years: years, log: &log
            )?.values
        }
        fields.read("hiring", into: &rules.hiring, failed: &failed) {
            Read.yearly(
                $0, field: $1, unit: .fraction, rule: .hold, range: 0...1, years: years, log: &log
            )?.values
        }
        for (key, keyPath) in [
            ("attrition", \StaffingRules.attrition),
            ("initial_share_of_need", \StaffingRules.initialShareOfNeed),
            ("trained_share", \StaffingRules.trainedShareAtStart),
        ] {
            fields.read(key, into: &rules[keyPath: keyPath], failed: &failed) {
                Read.quantity($0, field: $1, unit: .fraction, range: 0...1, log: &log)?.value
            }
        }
        return failed ? nil : rules
    }
}

extension Read {
    /// `true`/`false` (also `yes`/`no`, 是/否).
    static func flag(_ node: YAMLNode, field: String, log: inout DiagnosticLog) -> Bool? {
        guard
            let word = Read.word(
                node, field: field, allowed: ["true", "false", "yes", "no", "是", "否"], log: &log)
        else { return nil }
        return ["true", "yes", "是"].contains(word)
    }
}
