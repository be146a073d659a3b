import Geography

/// Residents as weighted points: communities and villages with their elderly, or finer
/// residential points or grid cells.
public struct ResidentPoints: Sendable {
    /// Positions in metres.
    public var locations: [PlanarPoint]
    /// The region each point belongs to, as an index into a ``RegionTree`` (−1: none).
    public var regionIndices: [Int32]?
    /// The groups counted at each point, e.g. persons aged 60+, 80+ and the disabled.
    public var groups: [ResidentGroup]

    /// Creates resident points.
    /// - Precondition: every group has one weight per point; `regionIndices`, when given,
    ///   one index per point.
    public init(locations: [PlanarPoint], regionIndices: [Int32]? = nil, groups: [ResidentGroup]) {
        precondition(
            groups.allSatisfy { $0.weights.count == locations.count }, "one weight a point")
        precondition(
            regionIndices.map { $0.count == locations.count } ?? true, "one region a point")
        self.locations = locations
        self.regionIndices = regionIndices
        self.groups = groups
    }

    /// The number of points.
    public var count: Int { locations.count }

    /// Resident points at the units of a region tree: one point at the location of every
    /// unit that has persons (typically communities and villages with their elderly from the
    /// population projection).
    /// - Parameters:
    ///   - tree: the regions, some with a location.
    ///   - groups: persons of each group per region, in tree order, counted at the region
    ///     itself (not its subtree).
    ///   - projection: the map to use; by default one centred on the located units.
    /// - Returns: the points (in tree order, each with its region), the projection, and the
    ///   regions that have persons but no location (they cannot be placed; report them).
    public static func atRegions(
        of tree: RegionTree, groups: [ResidentGroup], projection: LocalProjection? = nil
    ) -> (points: ResidentPoints, projection: LocalProjection, unlocated: [Int]) {
        precondition(groups.allSatisfy { $0.weights.count == tree.count }, "one weight a region")
        var indices: [Int] = []
        var unlocated: [Int] = []
        for index in 0..<tree.count where groups.contains(where: { $0.weights[index] > 0 }) {
            if tree.regions[index].location != nil {
                indices.append(index)
            } else {
                unlocated.append(index)
            }
        }
        let located = indices.map { tree.regions[$0].location! }
        let map = projection ?? LocalProjection(centredOn: located)
        let points = ResidentPoints(
            locations: PlanarPoint.projecting(located, with: map),
            regionIndices: indices.map { Int32($0) },
            groups: groups.map { group in
                ResidentGroup(name: group.name, weights: indices.map { group.weights[$0] })
            })
        return (points, map, unlocated)
    }
}

/// One group of residents counted at every point (persons, not thousands).
public struct ResidentGroup: Hashable, Sendable {
    /// The group's identifier, e.g. `aged_60_plus`.
    public var name: String
    /// Persons of the group at each point, ≥ 0.
    public var weights: [Double]

    public init(name: String, weights: [Double]) {
        self.name = name
        self.weights = weights
    }

    /// Persons aged 60 and over (60岁及以上老年人), the administrative definition of the elderly.
    public static let aged60Plus = "aged_60_plus"
    /// Persons aged 80 and over (80岁及以上高龄老人).
    public static let aged80Plus = "aged_80_plus"
    /// Disabled elderly (失能老年人).
    public static let disabled = "disabled"
}

/// The 15-minute home-care service circle (一刻钟居家养老服务圈): the share of residents
/// living within a 15-minute walk of a service point.
///
/// GB 50180-2018 sets the 15-minute life circle at 800–1,000 m of walking; the default here
/// is 15 minutes at 1,000/15 ≈ 66.7 m a minute, i.e. 1,000 m. The walk is measured as a
/// straight line times a detour factor, or along a walking network.
public struct ServiceCircle: Sendable {
    /// Minutes of walking, > 0.
    public var minutes: Double
    /// Walking speed in metres a minute, > 0.
    public var metresPerMinute: Double
    /// How walks are measured.
    public var model: DistanceModel

    /// - Parameters:
    ///   - minutes: minutes of walking (default 15).
    ///   - metresPerMinute: walking speed (default 1,000/15, so 15 minutes ≈ 1,000 m).
    ///   - model: straight line with a detour factor (default 1) or a walking network.
    public init(
        minutes: Double = 15, metresPerMinute: Double = 1000.0 / 15.0,
        model: DistanceModel = .radius
    ) {
        self.minutes = minutes
        self.metresPerMinute = metresPerMinute
        self.model = model
    }

    /// The longest walk in metres: minutes × metres a minute.
    public var walkingDistance: Double { minutes * metresPerMinute }

    /// Which residents are within the circle of a service point, by group, overall and per
    /// unit of a region tree.
    /// - Parameters:
    ///   - residents: weighted resident points.
    ///   - servicePoints: positions of the service points in metres.
    ///   - tree: the region tree the residents' `regionIndices` refer to, for shares per unit.
    /// - Complexity: that of ``NearestFacility``, plus O(points × groups + regions × groups).
    public func evaluate(
        residents: ResidentPoints, servicePoints: [PlanarPoint], tree: RegionTree? = nil,
        parallelism: Parallelism = .automatic
    ) -> ServiceCircleResult {
        let nearest = NearestFacility(
            demand: residents.locations, facilities: servicePoints, within: walkingDistance,
            model: model, parallelism: parallelism)
        return ServiceCircleResult(nearest: nearest, residents: residents, tree: tree)
    }
}

/// What ``ServiceCircle/evaluate(residents:servicePoints:tree:parallelism:)`` found.
public struct ServiceCircleResult: Sendable {
    /// The nearest service point of every resident point within the walk.
    public let nearest: NearestFacility
    /// The groups' names, in the residents' order.
    public let groupNames: [String]
    /// Per group, the persons within the circle.
    public let coveredPersons: [Double]
    /// Per group, all persons.
    public let totalPersons: [Double]
    /// Per group and region (tree order), persons within the circle in the region's subtree;
    /// empty without a tree.
    public let coveredPersonsByRegion: [[Double]]
    /// Per group and region, all persons in the region's subtree; empty without a tree.
    public let totalPersonsByRegion: [[Double]]

    /// Sums the groups' persons within and outside the circle, overall and per region.
    /// - Parameters:
    ///   - nearest: the nearest service point of each resident point.
    ///   - residents: the same points with their groups and regions.
    ///   - tree: the tree `residents.regionIndices` refer to, if any.
    public init(nearest: NearestFacility, residents: ResidentPoints, tree: RegionTree?) {
        self.nearest = nearest
        groupNames = residents.groups.map(\.name)
        var covered: [Double] = []
        var total: [Double] = []
        var coveredByRegion: [[Double]] = []
        var totalByRegion: [[Double]] = []
        for group in residents.groups {
            var coveredSum = 0.0
            var totalSum = 0.0
            var regionCovered = [Double](repeating: 0, count: tree?.count ?? 0)
            var regionTotal = regionCovered
            for (index, weight) in group.weights.enumerated() {
                totalSum += weight
                let isCovered = nearest.facilities[index] >= 0
                if isCovered { coveredSum += weight }
                if tree != nil, let regions = residents.regionIndices {
                    let region = Int(regions[index])
                    if region >= 0 {
                        regionTotal[region] += weight
                        if isCovered { regionCovered[region] += weight }
                    }
                }
            }
            covered.append(coveredSum)
            total.append(totalSum)
            if let tree {
                coveredByRegion.append(tree.subtreeTotals(regionCovered))
                totalByRegion.append(tree.subtreeTotals(regionTotal))
            }
        }
        coveredPersons = covered
        totalPersons = total
        coveredPersonsByRegion = coveredByRegion
        totalPersonsByRegion = totalByRegion
    }

    /// The share of a group within the circle, or nil when the group has no one.
    public func share(group: Int) -> Double? {
        totalPersons[group] > 0 ? coveredPersons[group] / totalPersons[group] : nil
    }

    /// The share of a group within the circle in a region's subtree, or nil when the region
    /// has no one of the group (or no tree was given).
    public func share(group: Int, region: Int) -> Double? {
        guard group < totalPersonsByRegion.count, totalPersonsByRegion[group][region] > 0 else {
            return nil
        }
        return coveredPersonsByRegion[group][region] / totalPersonsByRegion[group][region]
    }

    /// Persons within the circle and in all, per group and per label, for points labelled
    /// with unit numbers `0..<unitCount` (−1: no unit) rather than regions of a tree.
    /// - Returns: `covered[group][unit]` and `total[group][unit]`.
    public func totals(units: [Int32], unitCount: Int, residents: ResidentPoints) -> (
        covered: [[Double]], total: [[Double]]
    ) {
        var covered: [[Double]] = []
        var total: [[Double]] = []
        for group in residents.groups {
            var groupCovered = [Double](repeating: 0, count: unitCount)
            var groupTotal = groupCovered
            for (index, weight) in group.weights.enumerated() where units[index] >= 0 {
                let unit = Int(units[index])
                groupTotal[unit] += weight
                if nearest.facilities[index] >= 0 { groupCovered[unit] += weight }
            }
            covered.append(groupCovered)
            total.append(groupTotal)
        }
        return (covered, total)
    }

    /// The resident points outside the circle, in index order (off-network points included).
    public var uncoveredPoints: [Int] {
        nearest.facilities.indices.filter { nearest.facilities[$0] < 0 }
    }
}
