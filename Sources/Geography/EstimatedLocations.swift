import Foundation

/// Estimated points (推算位置) for the units of a tree that have none, so that the 15-minute
/// circle can place the older residents and the facilities of a place whose public data stop
/// at township points (the NBS lists give streets and townships a point, not communities
/// and villages).
///
/// The rule uses only the tree's own points and structure, and is seeded:
/// 1. **A located township's radius** is half the distance to the nearest other located
///    township of the tree: its Voronoi cell holds at least the disc of that radius. Streets,
///    which lie close together, get small discs; rural townships large ones.
/// 2. **A township with no point** is placed at its county's point (or, without one, the mean
///    of the county's located townships), moved by an offset uniform over the county's disc:
///    of radius the mean distance from that centre to the county's located townships, or,
///    with none located, the median township radius × √(the county's townships) (n discs of
///    radius r cover about the area of one of radius r√n). Its own radius is the median of
///    its county's located townships, else of the tree's.
/// 3. **Communities need room**: a township's disc is at least large enough for its urban
///    communities (社区居委会) at ``communityArea`` each, the area of GB 50180-2018's
///    five-minute residential level (五分钟生活圈居住区, 300 m walking radius, Table 3.0.4).
///    Street offices stand close together in city centres (600–750 m apart in 铁东区), so
///    half their spacing alone would squeeze a street of eight communities into 0.3 km²
///    against the about 3 km² of a street-level life circle (TD/T 1062-2021).
/// 4. **A community or village with no point** is placed at its township's point moved by an
///    offset uniform over the township's disc.
///
/// Each unit's offset is drawn from SplitMix64 seeded by the scenario's seed and the unit's
/// code alone, so adding or removing one unit moves no other. With fewer than two located
/// townships in the tree, a township's radius is 1,000 m for a street and 4,000 m otherwise
/// (an assumption: a typical urban street of 3 km² and rural township of 50 km²). Every point
/// set here is marked ``Region/locationIsEstimated``; given points are never changed.
public enum EstimatedLocations {
    /// The radius of a township when the tree has too few located townships to measure one,
    /// in metres (assumption).
    public static func fallbackRadius(of kind: RegionKind) -> Double {
        kind == .street ? 1_000 : 4_000
    }

    /// The area of an urban community in m²: π × (300 m)², GB 50180-2018 Table 3.0.4's
    /// five-minute level.
    public static let communityArea = Double.pi * 300 * 300

    /// The tree with a point estimated for every township, community and village that has
    /// none and whose county or township can be placed.
    public static func estimate(_ tree: RegionTree, seed: UInt64) -> RegionTree {
        var points = tree.regions.map(\.location)
        var estimated: [(index: Int, point: GeoPoint)] = []
        func place(_ index: Int, around centre: GeoPoint, within radius: Double) {
            var random = SplitMix64(
                seed: seed &+ tree.regions[index].code.value &* 0xD1B5_4A32_D192_ED03)
            let distance = radius * random.nextUnit().squareRoot()
            let angle = 2 * Double.pi * random.nextUnit()
            let point = offset(centre, north: distance * cos(angle), east: distance * sin(angle))
            points[index] = point
            estimated.append((index, point))
        }

        // 1. The radius of every located township.
        let townships = tree.indices(at: .township)
        let located = townships.filter { points[$0] != nil }
        var radius = [Double](repeating: .nan, count: tree.count)
        let nearest = nearestNeighbourDistances(located.map { points[$0]! })
        for (offset, township) in located.enumerated() where nearest[offset].isFinite {
            radius[township] = nearest[offset] / 2
        }
        let treeMedian = median(located.map { radius[$0] }.filter(\.isFinite))

        // 2. Townships with no point, county by county.
        var byCounty: [Int: [Int]] = [:]
        for township in townships {
            byCounty[tree.parentIndices[township], default: []].append(township)
        }
        for county in byCounty.keys.sorted() where county >= 0 {
            let members = byCounty[county]!
            let placed = members.filter { points[$0] != nil }
            guard placed.count < members.count else { continue }
            let centre =
                points[county]
                ?? (placed.isEmpty ? nil : mean(placed.map { points[$0]! }))
            guard let centre else { continue }
            let ownMedian = median(placed.map { radius[$0] }.filter(\.isFinite)) ?? treeMedian
            let countyRadius =
                placed.isEmpty
                ? (ownMedian ?? 4_000) * Double(members.count).squareRoot()
                : placed.map { Earth.distance(centre, points[$0]!) }.reduce(0, +)
                    / Double(placed.count)
            for township in members where points[township] == nil {
                place(township, around: centre, within: countyRadius)
                radius[township] = ownMedian ?? fallbackRadius(of: tree.regions[township].kind)
            }
        }
        for township in located where !radius[township].isFinite {
            radius[township] = fallbackRadius(of: tree.regions[township].kind)
        }

        // 3. Room for the communities.
        var communities = [Int](repeating: 0, count: tree.count)
        for unit in tree.indices(of: .community) where tree.parentIndices[unit] >= 0 {
            communities[tree.parentIndices[unit]] += 1
        }
        for township in townships where communities[township] > 0 {
            let needed = (Double(communities[township]) * communityArea / Double.pi).squareRoot()
            radius[township] = radius[township].isFinite ? max(radius[township], needed) : needed
        }

        // 4. Communities and villages with no point.
        for unit in tree.indices(at: .village) where points[unit] == nil {
            let township = tree.parentIndices[unit]
            guard township >= 0, let centre = points[township] else { continue }
            let within =
                radius[township].isFinite
                ? radius[township] : fallbackRadius(of: tree.regions[township].kind)
            place(unit, around: centre, within: within)
        }
        return estimated.isEmpty ? tree : tree.estimating(estimated)
    }

    /// A point moved by metres north and east (on the sphere of ``Earth/meanRadius``).
    static func offset(_ point: GeoPoint, north: Double, east: Double) -> GeoPoint {
        let degrees = 180 / Double.pi
        let latitude = point.latitude + north / Earth.meanRadius * degrees
        let longitude =
            point.longitude
            + east / (Earth.meanRadius * cos(point.latitude / degrees)) * degrees
        return GeoPoint(longitude: longitude, latitude: latitude)
    }

    /// For each point, the great-circle distance to the nearest other point in metres
    /// (infinity when it is alone); a sweep over the points sorted by latitude.
    static func nearestNeighbourDistances(_ points: [GeoPoint]) -> [Double] {
        let order = points.indices.sorted {
            (points[$0].latitude, $0) < (points[$1].latitude, $1)
        }
        let metresPerDegree = Earth.meanRadius * Double.pi / 180
        var result = [Double](repeating: .infinity, count: points.count)
        for (rank, index) in order.enumerated() {
            var best = Double.infinity
            for step in [-1, 1] {
                var other = rank + step
                while other >= 0, other < order.count {
                    let candidate = points[order[other]]
                    if abs(candidate.latitude - points[index].latitude) * metresPerDegree >= best {
                        break
                    }
                    best = min(best, Earth.distance(points[index], candidate))
                    other += step
                }
            }
            result[index] = best
        }
        return result
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func mean(_ points: [GeoPoint]) -> GeoPoint {
        let n = Double(points.count)
        return GeoPoint(
            longitude: points.map(\.longitude).reduce(0, +) / n,
            latitude: points.map(\.latitude).reduce(0, +) / n)
    }
}
