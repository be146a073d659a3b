import Foundation

/// Conversions between the datums of maps used in China (坐标转换): WGS-84 (GPS),
/// GCJ-02 (国测局坐标, AMap 高德 and Tencent 腾讯) and BD-09 (百度坐标, Baidu).
///
/// - WGS-84 → GCJ-02 is the published obfuscation: offsets in metres given by two
///   polynomial-and-sine functions of (λ − 105°, φ − 35°), turned into degrees on the
///   Krasovsky 1940 ellipsoid (a = 6,378,245 m, e² = 0.006 693 421 622 965 943 23). Points
///   outside China's box (72.004–137.8347° E, 0.8293–55.8271° N) are not shifted.
/// - GCJ-02 → BD-09 is Baidu's published formula: in polar form about the origin,
///   r' = r + 2 × 10⁻⁵ sin(φ·kπ), θ' = θ + 3 × 10⁻⁶ cos(λ·kπ) with k = 3000/180, then a shift of
///   (+0.0065°, +0.006°).
/// - The inverses are found by iteration: p ← p − (f(p) − q), from p = q, until the forward
///   image is within 10⁻¹⁰ degree of q (a few iterations: both shifts change by less than
///   10⁻⁵ of their argument per degree), so a round trip returns within 10⁻⁹ degree.
///
/// The shifts are smooth and a few hundred metres at most, so distances within one datum
/// agree; points of different datums must never be mixed, which is why every table states
/// its datum and is converted to the scenario's on reading.
public enum DatumConversion {
    /// The Krasovsky 1940 ellipsoid's semi-major axis (m), which GCJ-02's shift uses.
    static let krasovskyAxis = 6_378_245.0
    /// The Krasovsky 1940 ellipsoid's squared eccentricity.
    static let krasovskyEccentricitySquared = 0.006_693_421_622_965_943_23
    /// Baidu's angular factor k·π with k = 3000/180.
    static let baiduFactor = Double.pi * 3000 / 180

    /// A point converted from one datum to another.
    public static func convert(_ point: GeoPoint, from source: Datum, to target: Datum)
        -> GeoPoint
    {
        guard source != target else { return point }
        // Through GCJ-02, the datum both others are defined from.
        let gcj: GeoPoint
        switch source {
        case .gcj02: gcj = point
        case .wgs84: gcj = wgs84ToGCJ02(point)
        case .bd09: gcj = bd09ToGCJ02(point)
        }
        switch target {
        case .gcj02: return gcj
        case .wgs84: return gcj02ToWGS84(gcj)
        case .bd09: return gcj02ToBD09(gcj)
        }
    }

    /// Whether a point lies in the box where GCJ-02 shifts points.
    static func isShifted(_ point: GeoPoint) -> Bool {
        (72.004...137.8347).contains(point.longitude) && (0.8293...55.8271).contains(point.latitude)
    }

    /// WGS-84 → GCJ-02.
    public static func wgs84ToGCJ02(_ point: GeoPoint) -> GeoPoint {
        guard isShifted(point) else { return point }
        let x = point.longitude - 105
        let y = point.latitude - 35
        let latitude = point.latitude * .pi / 180
        let sine = sin(latitude)
        let w = 1 - krasovskyEccentricitySquared * sine * sine
        let rootW = w.squareRoot()
        let northMetres = northShift(x, y)
        let eastMetres = eastShift(x, y)
        let dLatitude =
            northMetres * 180
            / ((krasovskyAxis * (1 - krasovskyEccentricitySquared)) / (w * rootW) * .pi)
        let dLongitude = eastMetres * 180 / (krasovskyAxis / rootW * cos(latitude) * .pi)
        return GeoPoint(
            longitude: point.longitude + dLongitude, latitude: point.latitude + dLatitude)
    }

    /// The northward shift function of GCJ-02 at (x, y) = (λ − 105°, φ − 35°).
    static func northShift(_ x: Double, _ y: Double) -> Double {
        var value = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        value += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        value += (20 * sin(y * .pi) + 40 * sin(y / 3 * .pi)) * 2 / 3
        value += (160 * sin(y / 12 * .pi) + 320 * sin(y * .pi / 30)) * 2 / 3
        return value
    }

    /// The eastward shift function of GCJ-02 at (x, y) = (λ − 105°, φ − 35°).
    static func eastShift(_ x: Double, _ y: Double) -> Double {
        var value = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        value += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        value += (20 * sin(x * .pi) + 40 * sin(x / 3 * .pi)) * 2 / 3
        value += (150 * sin(x / 12 * .pi) + 300 * sin(x / 30 * .pi)) * 2 / 3
        return value
    }

    /// GCJ-02 → BD-09.
    public static func gcj02ToBD09(_ point: GeoPoint) -> GeoPoint {
        let x = point.longitude
        let y = point.latitude
        let radius = (x * x + y * y).squareRoot() + 0.000_02 * sin(y * baiduFactor)
        let angle = atan2(y, x) + 0.000_003 * cos(x * baiduFactor)
        return GeoPoint(
            longitude: radius * cos(angle) + 0.0065, latitude: radius * sin(angle) + 0.006)
    }

    /// GCJ-02 → WGS-84, by iteration of the forward shift.
    public static func gcj02ToWGS84(_ point: GeoPoint) -> GeoPoint {
        invert(point, wgs84ToGCJ02)
    }

    /// BD-09 → GCJ-02, by iteration of the forward formula.
    public static func bd09ToGCJ02(_ point: GeoPoint) -> GeoPoint {
        invert(point, gcj02ToBD09)
    }

    /// The point p with forward(p) = target: p ← p − (forward(p) − target), at most 30 times.
    static func invert(_ target: GeoPoint, _ forward: (GeoPoint) -> GeoPoint) -> GeoPoint {
        var guess = target
        for _ in 0..<30 {
            let image = forward(guess)
            let dLongitude = image.longitude - target.longitude
            let dLatitude = image.latitude - target.latitude
            guess.longitude -= dLongitude
            guess.latitude -= dLatitude
            if abs(dLongitude) < 1e-10 && abs(dLatitude) < 1e-10 { break }
        }
        return guess
    }
}
