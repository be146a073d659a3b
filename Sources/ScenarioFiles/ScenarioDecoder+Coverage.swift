import Coverage
import Diagnostics
import Geography
import Quantities

/// The `coverage:` section: the 15-minute circle and the administrative coverage indicators.
///
/// ```yaml
/// coverage:
///   walking: {minutes: 15, metres_per_minute: 66.7, detour: 1.3}
///   # or along streets: {minutes: 15, network: walking-network.geojson, snap: 200 m}
///   service_points: [street_centre, township_centre, community_station, village_point]
///   definition: presence            # or service_area, with service_distance
///   service_distance: 1 km
///   estimate_locations: yes         # communities and villages with no point get an estimated one
///   indicators:
///     county_care_homes: {units: counties_and_districts}
///     township_centres: {units: [town, township, street], definition: service_area}
///     blind_spot_counties: {units: ["140121", "140122"], facility_types: [public_home]}
/// ```
///
/// Every key is optional. Indicators not named keep their defaults (see
/// `CoverageSettings.defaultRules`); `blind_spot_counties` is computed only when its units
/// are given.
enum CoverageSection {
    static let keys = [
        "walking", "service_points", "definition", "service_distance", "estimate_locations",
        "indicators",
    ]
    /// `network` and `snap` are read by the decoder, which reads files.
    static let walkingKeys = ["minutes", "metres_per_minute", "detour", "network", "snap"]
    static let indicatorKeys = ["units", "facility_types", "definition", "service_distance"]
    static let indicatorIDs = [
        "street_centres", "township_centres", "urban_communities", "rural_villages",
        "county_care_homes", "blind_spot_counties",
    ]

    /// Decodes the section, logging every problem; nil when any is an error.
    static func decode(_ node: YAMLNode, tree: RegionTree, log: inout DiagnosticLog)
        -> CoverageSettings?
    {
        let errorsBefore = log.errorCount
        guard let fields = Fields(node, section: "coverage", keys: keys, log: &log) else {
            return nil
        }
        var settings = CoverageSettings()
        if let walking = fields["walking"],
            let walkingFields = Fields(
                walking, section: "coverage.walking", keys: walkingKeys, log: &log)
        {
            if let minutes = walkingFields["minutes"] {
                settings.walkingMinutes =
                    Read.quantity(
                        minutes, field: "coverage.walking.minutes", unit: .minute,
                        range: 0.1...600, log: &log)?.value ?? settings.walkingMinutes
            }
            if let speed = walkingFields["metres_per_minute"] {
                settings.metresPerMinute =
                    Read.quantity(
                        speed, field: "coverage.walking.metres_per_minute",
                        unit: .metresPerMinute, range: 1...1000, log: &log)?.value
                    ?? settings.metresPerMinute
            }
            if let detour = walkingFields["detour"] {
                settings.detour =
                    Read.quantity(
                        detour, field: "coverage.walking.detour", unit: .one, range: 1...5,
                        log: &log)?.value ?? settings.detour
            }
        }
        if let list = fields["service_points"],
            let types = typeList(list, field: "coverage.service_points", log: &log)
        {
            settings.servicePointTypes = Set(types)
        }
        if let node = fields["estimate_locations"] {
            settings.estimatesLocations =
                Read.flag(node, field: "coverage.estimate_locations", log: &log) ?? false
        }
        let definition =
            decodeDefinition(fields, section: "coverage", fallback: .presence, log: &log)
            ?? .presence
        settings.definition = definition
        var rules = CoverageSettings.defaultRules(definition: definition)
        if let indicators = fields["indicators"],
            let indicatorFields = Fields(
                indicators, section: "coverage.indicators", keys: indicatorIDs, log: &log)
        {
            for id in indicatorIDs {
                guard let entry = indicatorFields[id] else { continue }
                let existing = rules.firstIndex { $0.id == id }
                let base =
                    existing.map { rules[$0] }
                    ?? AdministrativeRule.blindSpotCounties([])
                guard
                    let rule = decodeIndicator(
                        entry, id: id, base: base, definition: definition, tree: tree, log: &log)
                else { continue }
                if let existing {
                    rules[existing] = rule
                } else {
                    rules.append(rule)
                }
            }
        }
        settings.rules = rules
        let errorsAfter = log.errorCount
        return errorsAfter > errorsBefore ? nil : settings
    }

    /// `definition:` and `service_distance:` of the section or of one indicator.
    private static func decodeDefinition(
        _ fields: Fields, section: String, fallback: CoverageDefinition,
        log: inout DiagnosticLog
    ) -> CoverageDefinition? {
        var word: String?
        if let node = fields["definition"] {
            word = Read.word(
                node, field: section + ".definition", allowed: ["presence", "service_area"],
                log: &log)
            if word == nil { return nil }
        }
        let distance = fields["service_distance"].flatMap {
            Read.quantity(
                $0, field: section + ".service_distance", unit: .metre, range: 1...100_000,
                log: &log)?.value
        }
        switch word {
        case "presence":
            return .presence
        case "service_area":
            guard let distance else {
                if fields["service_distance"] == nil {
                    log.error(
                        .invalidValue(
                            field: section + ".service_distance",
                            reason:
                                "a service-area definition needs the distance a facility serves, e.g. 'service_distance: 1 km'"
                        ),
                        at: fields["definition"]!.location)
                }
                return nil
            }
            return .serviceArea(distance: distance)
        default:
            // No word here: a distance alone refines an inherited service area.
            if case .serviceArea = fallback, let distance {
                return .serviceArea(distance: distance)
            }
            return fallback
        }
    }

    /// One entry of `indicators:`.
    private static func decodeIndicator(
        _ node: YAMLNode, id: String, base: AdministrativeRule, definition: CoverageDefinition,
        tree: RegionTree, log: inout DiagnosticLog
    ) -> AdministrativeRule? {
        let section = "coverage.indicators." + id
        guard let fields = Fields(node, section: section, keys: indicatorKeys, log: &log) else {
            return nil
        }
        var rule = base
        var failed = false
        if let units = fields["units"] {
            if units.scalar != nil, id == "county_care_homes" {
                guard
                    let word = Read.word(
                        units, field: section + ".units",
                        allowed: AdministrativeRule.CountyUnits.allCases.map(\.rawValue),
                        log: &log)
                else { return nil }
                rule.unitKinds = AdministrativeRule.CountyUnits(rawValue: word)!.kinds
                rule.units = nil
            } else if let (kinds, codes) = unitList(
                units, field: section + ".units", tree: tree, log: &log)
            {
                if codes.isEmpty {
                    rule.unitKinds = Set(kinds)
                    rule.units = nil
                } else {
                    rule.unitKinds = []
                    rule.units = codes
                }
            } else {
                failed = true
            }
        } else if id == "blind_spot_counties" {
            log.error(.missingKey(key: "units", section: section), at: node.location)
            failed = true
        }
        if let types = fields["facility_types"] {
            if let list = typeList(types, field: section + ".facility_types", log: &log) {
                rule.facilityTypes = Set(list)
            } else {
                failed = true
            }
        }
        if fields["definition"] != nil || fields["service_distance"] != nil {
            if let own = decodeDefinition(
                fields, section: section, fallback: definition, log: &log)
            {
                rule.definition = own
            } else {
                failed = true
            }
        }
        return failed ? nil : rule
    }

    /// A list of snake_case type identifiers.
    private static func typeList(_ node: YAMLNode, field: String, log: inout DiagnosticLog)
        -> [String]?
    {
        guard
            let items = Read.collection(
                node, \.items, field: field,
                expected: "a list of facility types, like [street_centre]",
                nonEmpty: true, log: &log)
        else { return nil }
        var types: [String] = []
        var failed = false
        for item in items {
            guard let text = Read.text(item, field: field, log: &log) else {
                failed = true
                continue
            }
            guard isIdentifier(text) else {
                log.error(
                    .invalidValue(
                        field: field,
                        reason:
                            "'\(text)' is not a facility type: lower-case letters, digits and underscores"
                    ), at: item.location)
                failed = true
                continue
            }
            types.append(text)
        }
        return failed ? nil : types
    }

    /// A list of unit kinds (`street`, `town`, 街道…) or of division codes in the tree.
    private static func unitList(
        _ node: YAMLNode, field: String, tree: RegionTree, log: inout DiagnosticLog
    ) -> (kinds: [RegionKind], codes: [DivisionCode])? {
        guard
            let items = Read.collection(
                node, \.items, field: field,
                expected:
                    "a list of unit kinds (street, town, township, community, village, county…) or of division codes",
                nonEmpty: true, log: &log)
        else { return nil }
        var kinds: [RegionKind] = []
        var codes: [DivisionCode] = []
        var failed = false
        for item in items {
            guard let text = Read.text(item, field: field, log: &log) else {
                failed = true
                continue
            }
            if let kind = RegionKind(name: text) {
                kinds.append(kind)
            } else if let code = try? DivisionCode(parsing: text) {
                guard tree.index(of: code) != nil else {
                    log.error(.unknownRegion(code: text), at: item.location)
                    failed = true
                    continue
                }
                codes.append(code)
            } else {
                log.error(
                    .notOneOf(
                        field: field, value: text, allowed: RegionKind.identifiers),
                    at: item.location)
                failed = true
            }
        }
        if !kinds.isEmpty, !codes.isEmpty {
            log.error(
                .invalidValue(
                    field: field, reason: "list either unit kinds or unit codes, not both"),
                at: node.location)
            return nil
        }
        return failed ? nil : (kinds, codes)
    }

    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy {
                (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F
            }
    }
}
