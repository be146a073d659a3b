import Foundation

/// The geodetic datum that longitudes and latitudes refer to.
public enum Datum: String, Hashable, Sendable, CaseIterable {
    /// WGS-84, the datum of GPS and of OpenStreetMap.
    case wgs84 = "WGS-84"
    /// GCJ-02 (国测局坐标), the offset datum of maps published in China. It differs from
    /// WGS-84 by a smooth shift of a few hundred metres, so distances measured within one
    /// datum agree to a fraction of a metre per kilometre; points of the two datums must
    /// never be mixed.
    case gcj02 = "GCJ-02"
    /// BD-09 (百度坐标), Baidu Maps' datum: GCJ-02 shifted again by Baidu's published
    /// formula (see ``DatumConversion``).
    case bd09 = "BD-09"

    /// The datum a file's word names: `WGS-84`, `wgs84`, `GCJ-02`, `gcj02`, `BD-09`, `bd09`,
    /// and the names bureaus use: 高德 and 腾讯 (GCJ-02), 百度 (BD-09), GPS (WGS-84).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "-", with: "") {
        case "wgs84", "gps": self = .wgs84
        case "gcj02", "高德", "腾讯", "amap", "tencent": self = .gcj02
        case "bd09", "百度", "baidu": self = .bd09
        default: return nil
        }
    }
}

/// A point on the Earth as longitude and latitude in degrees.
public struct GeoPoint: Hashable, Sendable, CustomStringConvertible {
    /// Degrees east, −180…180.
    public var longitude: Double
    /// Degrees north, −90…90.
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    /// Whether the coordinates are finite and within the ranges of longitude and latitude.
    public var isValid: Bool {
        longitude.isFinite && latitude.isFinite && abs(longitude) <= 180 && abs(latitude) <= 90
    }

    /// Whether the point lies in the box around China's territory (73–136° E, 3–54° N); a
    /// point outside it usually has longitude and latitude swapped.
    public var isInChina: Bool {
        (73...136).contains(longitude) && (3...54).contains(latitude)
    }

    public var description: String { "(\(longitude), \(latitude))" }
}

/// Distances on the Earth, on a sphere of the mean radius.
public enum Earth {
    /// The mean radius R₁ = (2a + b)/3 of the WGS-84 ellipsoid, 6,371,008.8 m.
    public static let meanRadius = 6_371_008.8

    /// The great-circle distance between two points in metres, by the haversine formula.
    ///
    /// On the sphere the formula is exact; against the WGS-84 ellipsoid it errs by at most
    /// about 0.5%, and by much less along parallels at China's latitudes.
    public static func distance(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let phi1 = a.latitude * .pi / 180
        let phi2 = b.latitude * .pi / 180
        let dPhi = phi2 - phi1
        let dLambda = (b.longitude - a.longitude) * .pi / 180
        let h =
            sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2)
            * sin(dLambda / 2)
        return 2 * meanRadius * asin(min(1, sqrt(h)))
    }
}

/// A flat map of a small area in metres: the equirectangular projection about an origin.
///
/// x = R·cos φ₀·(λ − λ₀), y = R·(φ − φ₀). The east–west scale is exact at the origin's
/// latitude and off by tan φ₀·Δφ elsewhere: at 41° N, distances between points within 30 km
/// of the origin are within 0.5% of great-circle distances, within 3 km within 0.05% — far
/// below the error of walking-distance estimates. It makes neighbour searches and Euclidean
/// distances fast for the 15-minute circle and siting; use ``Earth/distance(_:_:)`` for
/// anything farther.
public struct LocalProjection: Hashable, Sendable {
    /// The point that maps to (0, 0).
    public let origin: GeoPoint
    private let metresPerDegreeX: Double
    private let metresPerDegreeY: Double

    public init(origin: GeoPoint) {
        self.origin = origin
        metresPerDegreeY = Earth.meanRadius * .pi / 180
        metresPerDegreeX = metresPerDegreeY * cos(origin.latitude * .pi / 180)
    }

    /// A projection about the mean of some points (the origin of an empty list is 0, 0).
    public init(centredOn points: [GeoPoint]) {
        let n = Double(max(points.count, 1))
        let longitude = points.reduce(0) { $0 + $1.longitude } / n
        let latitude = points.reduce(0) { $0 + $1.latitude } / n
        self.init(origin: GeoPoint(longitude: longitude, latitude: latitude))
    }

    /// Map coordinates (x east, y north) in metres.
    public func project(_ point: GeoPoint) -> (x: Double, y: Double) {
        (
            (point.longitude - origin.longitude) * metresPerDegreeX,
            (point.latitude - origin.latitude) * metresPerDegreeY
        )
    }

    /// The point at map coordinates.
    public func unproject(x: Double, y: Double) -> GeoPoint {
        GeoPoint(
            longitude: origin.longitude + x / metresPerDegreeX,
            latitude: origin.latitude + y / metresPerDegreeY)
    }

    /// Straight-line distance on the map, in metres.
    public func distance(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let p = project(a)
        let q = project(b)
        return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
    }
}

/// The smallest box of longitudes and latitudes around some points, in degrees (外接矩形).
public struct GeoBounds: Hashable, Sendable {
    public var west: Double
    public var east: Double
    public var south: Double
    public var north: Double

    /// The box around the points; nil when there are none.
    public init?(_ points: some Sequence<GeoPoint>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        (west, east, south, north) = (
            first.longitude, first.longitude, first.latitude, first.latitude
        )
        while let point = iterator.next() {
            west = min(west, point.longitude)
            east = max(east, point.longitude)
            south = min(south, point.latitude)
            north = max(north, point.latitude)
        }
    }
}
