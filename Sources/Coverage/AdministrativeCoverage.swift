import Foundation
import Geography

/// A facility as coverage of administrative units sees it: what kind it is, the unit it
/// stands in, and where.
public struct ServiceFacility: Hashable, Sendable {
    /// The facility's identifier, for reports.
    public var id: String
    /// Its type, a snake_case identifier such as `street_centre` (街道综合养老服务中心),
    /// `township_centre` (乡镇区域养老服务中心), `community_station` (社区养老服务站),
    /// `village_point` (农村互助养老服务点), `county_care_home` (县级照护型特困供养机构) or
    /// `public_home` (公办养老机构).
    public var type: String
    /// The division code of the unit it stands in, at any level (a community, a street…).
    public var region: DivisionCode
    /// Where it stands, when known.
    public var location: GeoPoint?
    /// The index of `region` in the region tree the facility is evaluated on, when the caller
    /// knows it (a hint that saves a look-up by code; ignored when it does not match).
    public var regionIndex: Int?

    public init(
        id: String, type: String, region: DivisionCode, location: GeoPoint? = nil,
        regionIndex: Int? = nil
    ) {
        self.id = id
        self.type = type
        self.region = region
        self.location = location
        self.regionIndex = regionIndex
    }

    /// Equal when id, type, region and location are; the index hint does not count.
    public static func == (a: ServiceFacility, b: ServiceFacility) -> Bool {
        a.id == b.id && a.type == b.type && a.region == b.region && a.location == b.location
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(type)
        hasher.combine(region)
        hasher.combine(location)
    }
}

/// When a unit counts as covered.
public enum CoverageDefinition: Hashable, Sendable {
    /// A facility of a counted type stands in the unit (建有率).
    case presence
    /// A facility stands in the unit, or one within `distance` metres (great-circle) of the
    /// unit's representative point serves it (服务覆盖率): a neighbour's centre may serve a
    /// township, as in cooperation areas of 2–3 townships.
    case serviceArea(distance: Double)
}

/// Which units have to be covered by which facilities: one coverage indicator of the policy
/// documents.
public struct AdministrativeRule: Hashable, Sendable {
    /// The indicator's identifier, e.g. `street_centres`.
    public var id: String
    /// The kinds of unit that form the denominator (ignored when `units` is given).
    public var unitKinds: Set<RegionKind>
    /// An explicit list of units forming the denominator (e.g. the blind-spot counties).
    public var units: [DivisionCode]?
    /// The facility types that count.
    public var facilityTypes: Set<String>
    /// Presence or service area.
    public var definition: CoverageDefinition

    public init(
        id: String, unitKinds: Set<RegionKind>, units: [DivisionCode]? = nil,
        facilityTypes: Set<String>, definition: CoverageDefinition = .presence
    ) {
        self.id = id
        self.unitKinds = unitKinds
        self.units = units
        self.facilityTypes = facilityTypes
        self.definition = definition
    }

    /// Which county-level units the county care-home target counts.
    public enum CountyUnits: String, Hashable, Sendable, CaseIterable {
        /// Counties and county-level cities (县、县级市; e.g. Liaoning "每个县（市）").
        case countiesOnly = "counties"
        /// Counties, county-level cities and city districts (县、市、区; e.g. Shanxi
        /// "每个县（市、区）").
        case countiesAndDistricts = "counties_and_districts"

        /// The kinds of unit counted.
        public var kinds: Set<RegionKind> {
            switch self {
            case .countiesOnly: [.county, .countyCity]
            case .countiesAndDistricts: [.county, .countyCity, .district]
            }
        }
    }

    /// Streets (街道) with at least one comprehensive regional centre (Liaoning 80%,
    /// 004 二(一)2).
    public static func streetCentres(
        types: Set<String> = ["street_centre"], definition: CoverageDefinition = .presence
    ) -> AdministrativeRule {
        AdministrativeRule(
            id: "street_centres", unitKinds: [.street], facilityTypes: types,
            definition: definition)
    }

    /// Towns and townships (镇、乡) with a township centre (Liaoning 50%; national 60%).
    public static func townshipCentres(
        types: Set<String> = ["township_centre"], definition: CoverageDefinition = .presence
    ) -> AdministrativeRule {
        AdministrativeRule(
            id: "township_centres", unitKinds: [.town, .township], facilityTypes: types,
            definition: definition)
    }

    /// Urban communities (社区居委会) with a community facility (Liaoning and Anshan 100%).
    public static func urbanCommunities(
        types: Set<String> = ["community_station"], definition: CoverageDefinition = .presence
    ) -> AdministrativeRule {
        AdministrativeRule(
            id: "urban_communities", unitKinds: [.community], facilityTypes: types,
            definition: definition)
    }

    /// Rural villages (村委会) with a facility (Liaoning and Anshan 80%).
    public static func ruralVillages(
        types: Set<String> = ["village_point"], definition: CoverageDefinition = .presence
    ) -> AdministrativeRule {
        AdministrativeRule(
            id: "rural_villages", unitKinds: [.village], facilityTypes: types,
            definition: definition)
    }

    /// County-level units with a care-type special-hardship home (照护型特困供养机构; one per
    /// county by 2025, 国发〔2021〕 opinions; 004 二(二)6, 002 二(四)13).
    public static func countyCareHomes(
        types: Set<String> = ["county_care_home"], units: CountyUnits = .countiesOnly
    ) -> AdministrativeRule {
        AdministrativeRule(
            id: "county_care_homes", unitKinds: units.kinds, facilityTypes: types)
    }

    /// The given blind-spot counties (空白县) with a public elderly-care institution (Shanxi's
    /// 13 counties, 002 二(四)13).
    public static func blindSpotCounties(
        _ counties: [DivisionCode], types: Set<String> = ["public_home"]
    ) -> AdministrativeRule {
        AdministrativeRule(
            id: "blind_spot_counties", unitKinds: [], units: counties, facilityTypes: types)
    }
}

/// Coverage of the units of one rule, at every level of a region tree.
public struct AdministrativeCoverage: Sendable {
    /// The rule evaluated.
    public let rule: AdministrativeRule
    /// Per region (tree order), whether it is a unit of the denominator.
    public let isUnit: [Bool]
    /// Per region, whether it is covered (meaningful for units).
    public let isCovered: [Bool]
    /// Per region, whether a counted facility stands in it (its subtree).
    public let hasFacility: [Bool]
    /// Per region, the number of units in its subtree.
    public let unitCounts: [Int]
    /// Per region, the number of covered units in its subtree.
    public let coveredCounts: [Int]
    /// Units judged by presence only because they have no location (service-area rule).
    public let unitsWithoutLocation: [Int]
    /// Counted facilities whose region is not in the tree (and not below a region of it);
    /// they cover nothing.
    public let facilitiesOutsideTree: [Int]
    /// Codes of the rule's explicit units that are not in the tree.
    public let unknownUnits: [DivisionCode]

    /// The share of covered units in a region's subtree, or nil when it has no unit.
    public func share(at region: Int) -> Double? {
        unitCounts[region] > 0 ? Double(coveredCounts[region]) / Double(unitCounts[region]) : nil
    }

    /// The units that are not covered, in tree (code) order.
    public var failingUnits: [Int] {
        isUnit.indices.filter { isUnit[$0] && !isCovered[$0] }
    }

    /// The failing units within a region's subtree.
    public func failingUnits(within region: Int, of tree: RegionTree) -> [Int] {
        tree.subtree(of: region).filter { isUnit[$0] && !isCovered[$0] }
    }

    /// Evaluates a rule on a tree and the facilities of one year.
    ///
    /// Presence: a unit is covered when a facility of a counted type stands in it or below
    /// it (its code lies within the unit's). A facility whose code is not in the tree counts
    /// for its nearest ancestor that is. Service area: a unit without a facility is also
    /// covered when a counted facility lies within the distance of the unit's point
    /// (great-circle distance; candidates found on a local projection with a margin wide
    /// enough for the latitudes present, then checked exactly).
    /// - Complexity: O(regions + facilities), plus about O(units + facilities) for a service
    ///   area.
    public static func evaluate(
        _ rule: AdministrativeRule, tree: RegionTree, facilities: [ServiceFacility]
    ) -> AdministrativeCoverage {
        let count = tree.count
        var isUnit = [Bool](repeating: false, count: count)
        var unknownUnits: [DivisionCode] = []
        if let units = rule.units {
            for code in units {
                if let index = tree.index(of: code) {
                    isUnit[index] = true
                } else {
                    unknownUnits.append(code)
                }
            }
        } else {
            // Few kinds and types: compare with small arrays rather than hash per region.
            let kinds = Array(rule.unitKinds)
            for index in tree.regions.indices where kinds.contains(tree.regions[index].kind) {
                isUnit[index] = true
            }
        }
        // Presence: mark each counted facility's region, then every ancestor.
        var facilityCount = [Int](repeating: 0, count: count)
        var outside: [Int] = []
        var counted: [Int] = []
        let types = Array(rule.facilityTypes)
        for (position, facility) in facilities.enumerated() where types.contains(facility.type) {
            let hinted = facility.regionIndex.flatMap {
                $0 >= 0 && $0 < count && tree.regions[$0].code == facility.region ? $0 : nil
            }
            guard let index = hinted ?? regionIndex(of: facility.region, in: tree) else {
                outside.append(position)
                continue
            }
            facilityCount[index] += 1
            counted.append(position)
        }
        let totals = tree.subtreeTotals(facilityCount)
        let hasFacility = totals.map { $0 > 0 }
        var isCovered = hasFacility
        var withoutLocation: [Int] = []
        if case .serviceArea(let distance) = rule.definition {
            let located = counted.filter { facilities[$0].location != nil }
            let points = located.map { facilities[$0].location! }
            let unitIndices = isUnit.indices.filter { isUnit[$0] && !hasFacility[$0] }
            withoutLocation = unitIndices.filter { tree.regions[$0].location == nil }
            let targets = unitIndices.filter { tree.regions[$0].location != nil }
            if !points.isEmpty, !targets.isEmpty {
                let all = points + targets.map { tree.regions[$0].location! }
                let projection = LocalProjection(centredOn: all)
                // East–west distances on the projection shrink by cos φ / cos φ₀ away from
                // the origin's latitude; widen the search by the largest such factor.
                let maximumLatitude = all.map { abs($0.latitude) }.max()!
                let widen =
                    cos(projection.origin.latitude * .pi / 180)
                    / max(cos(maximumLatitude * .pi / 180), 1e-6)
                let radius = distance * max(1, widen) * 1.01 + 1
                let planar = PlanarPoint.projecting(points, with: projection)
                let grid = SpatialGrid(points: planar, cellSize: radius)
                for unit in targets {
                    let location = tree.regions[unit].location!
                    let (x, y) = projection.project(location)
                    var served = false
                    grid.forEachPoint(within: radius, of: PlanarPoint(x: x, y: y)) { index, _ in
                        if !served, Earth.distance(points[index], location) <= distance {
                            served = true
                        }
                    }
                    if served { isCovered[unit] = true }
                }
            }
        }
        let coveredUnits = isUnit.indices.map { isUnit[$0] && isCovered[$0] ? 1 : 0 }
        return AdministrativeCoverage(
            rule: rule, isUnit: isUnit, isCovered: isCovered, hasFacility: hasFacility,
            unitCounts: tree.subtreeTotals(isUnit.map { $0 ? 1 : 0 }),
            coveredCounts: tree.subtreeTotals(coveredUnits), unitsWithoutLocation: withoutLocation,
            facilitiesOutsideTree: outside, unknownUnits: unknownUnits)
    }

    /// Evaluates several rules for each year's facilities.
    /// - Returns: per year, one coverage per rule in the rules' order.
    public static func evaluate(
        _ rules: [AdministrativeRule], tree: RegionTree, facilitiesByYear: [Int: [ServiceFacility]]
    ) -> [Int: [AdministrativeCoverage]] {
        facilitiesByYear.mapValues { facilities in
            rules.map { evaluate($0, tree: tree, facilities: facilities) }
        }
    }

    /// The index of a code in the tree, or of its nearest ancestor that is in it.
    static func regionIndex(of code: DivisionCode, in tree: RegionTree) -> Int? {
        var current: DivisionCode? = code
        while let code = current {
            if let index = tree.index(of: code) { return index }
            current = code.parent
        }
        return nil
    }
}
