import Testing

@testable import Geography

/// Published point pairs of the conversions between WGS-84, GCJ-02 and BD-09, each with where
/// it is printed.
@Suite struct DatumConversionTests {
    private func expectClose(
        _ point: GeoPoint, _ longitude: Double, _ latitude: Double, within tolerance: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            abs(point.longitude - longitude) <= tolerance, sourceLocation: sourceLocation)
        #expect(abs(point.latitude - latitude) <= tolerance, sourceLocation: sourceLocation)
    }

    /// wandergis/coordtransform, test/app.js ("//result"): wgs84togcj02(116.404, 39.915) =
    /// [116.41024449916938, 39.91640428150164], printed to 17 digits.
    @Test func wgs84ToGCJ02At116_404E39_915NMatchesCoordtransform() {
        let gcj = DatumConversion.wgs84ToGCJ02(GeoPoint(longitude: 116.404, latitude: 39.915))
        expectClose(gcj, 116.410_244_499_169_38, 39.916_404_281_501_64, within: 1e-9)
    }

    /// wandergis/coordtransform, test/app.js: gcj02tobd09(116.404, 39.915) =
    /// [116.41036949371029, 39.92133699351021].
    @Test func gcj02ToBD09At116_404E39_915NMatchesCoordtransform() {
        let bd = DatumConversion.gcj02ToBD09(GeoPoint(longitude: 116.404, latitude: 39.915))
        expectClose(bd, 116.410_369_493_710_29, 39.921_336_993_510_21, within: 1e-9)
    }

    /// Alibaba Cloud, 地址标准化 (Address Purification) API reference, "坐标系转换"
    /// (TransferCoord), example response: GCJ02 120.026268,30.279164 is BD09
    /// 120.032768,30.285238 (six decimals, so within half a unit of the sixth).
    @Test func gcj02ToBD09InHangzhouMatchesAlibabaCloudsExample() {
        let bd = DatumConversion.gcj02ToBD09(GeoPoint(longitude: 120.026_268, latitude: 30.279_164))
        expectClose(bd, 120.032_768, 30.285_238, within: 5e-7)
    }

    /// The inverses printed by coordtransform (test/app.js: bd09togcj02(116.404, 39.915) =
    /// [116.39762729119315, 39.90865673957631], gcj02towgs84(116.404, 39.915) =
    /// [116.39775550083061, 39.91359571849836]) and by Alibaba Cloud's example (WGS84
    /// 120.021519,30.281543 for GCJ02 120.026268,30.279164) come from one-step
    /// approximations, which err by up to about 2 × 10⁻⁵ degree (2 m); the iterated inverse
    /// must agree with them to that, and its forward image must return to the input.
    @Test func theIteratedInversesAgreeWithThePublishedApproximations() {
        let gcj = DatumConversion.bd09ToGCJ02(GeoPoint(longitude: 116.404, latitude: 39.915))
        expectClose(gcj, 116.397_627_291_193_15, 39.908_656_739_576_31, within: 1e-6)
        let wgs = DatumConversion.gcj02ToWGS84(GeoPoint(longitude: 116.404, latitude: 39.915))
        expectClose(wgs, 116.397_755_500_830_61, 39.913_595_718_498_36, within: 1e-6)
        let hangzhou = DatumConversion.gcj02ToWGS84(
            GeoPoint(longitude: 120.026_268, latitude: 30.279_164))
        expectClose(hangzhou, 120.021_519, 30.281_543, within: 2e-5)
        expectClose(
            DatumConversion.wgs84ToGCJ02(hangzhou), 120.026_268, 30.279_164, within: 1e-9)
    }

    /// Every pair of datums, there and back, on a grid over China (75–135° E, 18–53° N):
    /// within 10⁻⁶ degree (the iteration stops at 10⁻¹⁰).
    @Test func roundTripsReturnWithin1e_6Degree() {
        var worst = 0.0
        for longitude in stride(from: 75.0, through: 135.0, by: 2.5) {
            for latitude in stride(from: 18.0, through: 53.0, by: 2.5) {
                let point = GeoPoint(longitude: longitude + 0.123, latitude: latitude + 0.0456)
                for source in Datum.allCases {
                    for target in Datum.allCases {
                        let there = DatumConversion.convert(point, from: source, to: target)
                        let back = DatumConversion.convert(there, from: target, to: source)
                        worst = max(
                            worst, abs(back.longitude - point.longitude),
                            abs(back.latitude - point.latitude))
                    }
                }
            }
        }
        #expect(worst < 1e-6)
    }

    /// GCJ-02 shifts by a few hundred metres: at Tiananmen (116.404° E, 39.915° N) by
    /// (0.00624°, 0.00140°), 0.00624 × 85.4 km ≈ 533 m east and 0.00140 × 111 km ≈ 156 m north
    /// (from the coordtransform pair above); outside China's box nothing moves.
    @Test func pointsOutsideChinaAreNotShifted() {
        let london = GeoPoint(longitude: -0.1276, latitude: 51.5072)
        #expect(DatumConversion.convert(london, from: .wgs84, to: .gcj02) == london)
        let shift = Earth.distance(
            GeoPoint(longitude: 116.404, latitude: 39.915),
            DatumConversion.wgs84ToGCJ02(GeoPoint(longitude: 116.404, latitude: 39.915)))
        #expect(abs(shift - 555) < 10)
    }

    @Test(arguments: [
        ("BD-09", Datum.bd09), ("bd09", .bd09), ("百度", .bd09), ("高德", .gcj02), ("GCJ-02", .gcj02),
        ("腾讯", .gcj02), ("WGS-84", .wgs84), ("GPS", .wgs84),
    ])
    func datumNames(name: String, datum: Datum) {
        #expect(Datum(name: name) == datum)
    }
}
