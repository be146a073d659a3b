import Foundation
import Geography
import Testing

@Suite struct DistanceTests {
    // One degree of a great circle is R·π/180 = 6,371,008.8 × 0.017453292519943295
    // = 111,195.08 m.
    @Test func oneDegreeOfLatitudeIs111195Metres() {
        let a = GeoPoint(longitude: 123, latitude: 41)
        let b = GeoPoint(longitude: 123, latitude: 42)
        #expect(abs(Earth.distance(a, b) - 111_195.08) < 0.01)
    }

    // Along a parallel at latitude φ, a short step of Δλ degrees is R·cos φ·Δλ·π/180; at 60° N
    // that is half the equatorial length: 0.01° → 555.975 m.
    @Test func aShortStepAlongTheSixtiethParallelIsHalfAsLong() {
        let a = GeoPoint(longitude: 10, latitude: 60)
        let b = GeoPoint(longitude: 10.01, latitude: 60)
        #expect(abs(Earth.distance(a, b) - 555.975) < 0.01)
    }

    // Second method: the spherical law of cosines, d = R·acos(sin φ1 sin φ2 + cos φ1 cos φ2
    // cos Δλ), which is well-conditioned at long distances: Anshan (123.0°E, 41.1°N) to
    // Taiyuan (112.55°E, 37.87°N).
    @Test func haversineAgreesWithTheLawOfCosinesOverHundredsOfKilometres() {
        let anshan = GeoPoint(longitude: 122.994329, latitude: 41.108647)
        let taiyuan = GeoPoint(longitude: 112.548879, latitude: 37.87059)
        let (p1, p2) = (anshan.latitude * .pi / 180, taiyuan.latitude * .pi / 180)
        let dl = (taiyuan.longitude - anshan.longitude) * .pi / 180
        let lawOfCosines = Earth.meanRadius * acos(sin(p1) * sin(p2) + cos(p1) * cos(p2) * cos(dl))
        #expect(abs(Earth.distance(anshan, taiyuan) - lawOfCosines) < 0.01)
    }

    // The equirectangular map about Anshan keeps distances within 0.5% of great-circle
    // distances for points up to 30 km from the centre, and within 0.05% up to 3 km.
    @Test func theLocalProjectionKeepsDistancesWithinHalfAPercentOver30Kilometres() {
        let centre = GeoPoint(longitude: 122.994329, latitude: 41.108647)
        let projection = LocalProjection(origin: centre)
        for (radius, tolerance) in [(3_000.0, 0.0005), (30_000.0, 0.005)] {
            let step = radius / 111_195.08
            let points = [
                GeoPoint(longitude: centre.longitude, latitude: centre.latitude + step),
                GeoPoint(
                    longitude: centre.longitude + step / cos(41.1 * .pi / 180),
                    latitude: centre.latitude),
                GeoPoint(
                    longitude: centre.longitude - step, latitude: centre.latitude - step * 0.7),
            ]
            for a in points + [centre] {
                for b in points where a != b {
                    let exact = Earth.distance(a, b)
                    #expect(abs(projection.distance(a, b) - exact) / exact < tolerance)
                }
            }
        }
        let back = projection.unproject(x: 1234, y: -567)
        let there = projection.project(back)
        #expect(abs(there.x - 1234) < 1e-6 && abs(there.y + 567) < 1e-6)
    }

    @Test func datumsAreReadFromEitherSpelling() {
        #expect(Datum(name: "GCJ-02") == .gcj02)
        #expect(Datum(name: "gcj02") == .gcj02)
        #expect(Datum(name: "WGS-84") == .wgs84)
        #expect(Datum(name: "BD-09") == .bd09)
        // CGCS2000, China's geodetic datum, is not a datum of map coordinates read here.
        #expect(Datum(name: "CGCS2000") == nil)
    }
}
