import Geography

/// The coverage settings of a scenario (the `coverage:` section): how the 15-minute circle is
/// measured and which administrative indicators are computed, with which facility types
/// and denominators.
public struct CoverageSettings: Hashable, Sendable {
    /// Minutes of walking of the service circle (default 15).
    public var walkingMinutes: Double
    /// Walking speed in metres a minute (default 1,000/15 ≈ 66.7, so 15 minutes ≈ 1,000 m,
    /// the upper end of GB 50180-2018's 800–1,000 m).
    public var metresPerMinute: Double
    /// Straight-line distances are multiplied by this factor when no walking network is
    /// given (default 1: no detour).
    public var detour: Double
    /// The facility types that are service points of the circle.
    public var servicePointTypes: Set<String>
    /// Presence or service area, for the administrative indicators that do not say
    /// otherwise.
    public var definition: CoverageDefinition
    /// The administrative indicators, in the order they are reported.
    public var rules: [AdministrativeRule]
    /// Whether units with no point get an estimated one (`estimate_locations: yes`, see
    /// ``EstimatedLocations``), so that the circle counts their residents.
    public var estimatesLocations = false
    /// The streets walks follow (`coverage.walking.network`); nil: straight lines × `detour`.
    public var walkingNetwork: GeoWalkingNetwork?

    public init(
        walkingMinutes: Double = 15, metresPerMinute: Double = 1000.0 / 15.0, detour: Double = 1,
        servicePointTypes: Set<String> = CoverageSettings.defaultServicePointTypes,
        definition: CoverageDefinition = .presence,
        rules: [AdministrativeRule]? = nil
    ) {
        self.walkingMinutes = walkingMinutes
        self.metresPerMinute = metresPerMinute
        self.detour = detour
        self.servicePointTypes = servicePointTypes
        self.definition = definition
        self.rules = rules ?? CoverageSettings.defaultRules(definition: definition)
    }

    /// Street and township centres, community stations and village points.
    public static let defaultServicePointTypes: Set<String> = [
        "street_centre", "township_centre", "community_station", "village_point",
    ]

    /// The indicators of the seed documents: streets, townships, urban communities, rural
    /// villages and county care homes (counties and county-level cities), with their
    /// default facility types.
    public static func defaultRules(
        definition: CoverageDefinition = .presence,
        countyUnits: AdministrativeRule.CountyUnits = .countiesOnly,
        blindSpotCounties: [DivisionCode] = []
    ) -> [AdministrativeRule] {
        var rules: [AdministrativeRule] = [
            .streetCentres(definition: definition), .townshipCentres(definition: definition),
            .urbanCommunities(definition: definition), .ruralVillages(definition: definition),
            .countyCareHomes(units: countyUnits),
        ]
        if !blindSpotCounties.isEmpty { rules.append(.blindSpotCounties(blindSpotCounties)) }
        return rules
    }

    /// The longest walk of the circle in metres.
    public var walkingDistance: Double { walkingMinutes * metresPerMinute }

    /// The service circle these settings describe on a map of metres: along the walking
    /// network when there is one (projected with `projection`), else straight lines × the
    /// detour.
    public func serviceCircle(projection: LocalProjection) -> ServiceCircle {
        var model = DistanceModel.straightLine(detour: detour)
        if let network = walkingNetwork, let walks = try? network.projected(with: projection) {
            model = .network(walks, snapDistance: network.snapDistance)
        }
        return ServiceCircle(
            minutes: walkingMinutes, metresPerMinute: metresPerMinute, model: model)
    }
}
