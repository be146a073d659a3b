import Foundation
import Testing

@testable import Quantities

/// The integer `%.Nf` of ``NumberText`` writes what `printf` writes.
@Suite struct NumberTextTests {
    // Ties round to the even digit (0.125 → 0.12, 0.375 → 0.38, 2.5 → 2); 2.675 is
    // 2.67499999999999982236431605997495353221893310546875 in binary, so 2.67.
    @Test(arguments: [
        (0.125, 2, "0.12"), (0.375, 2, "0.38"), (2.5, 0, "2"), (3.5, 0, "4"), (2.675, 2, "2.67"),
        (-0.0000001, 6, "-0.000000"), (0.0, 6, "0.000000"), (-0.0, 1, "-0.0"),
        (42_591_407.123_456_7, 6, "42591407.123457"), (1e-7, 9, "0.000000100"),
    ])
    func writesWhatPrintfWrites(value: Double, decimals: Int, expected: String) throws {
        #expect(String(format: "%.\(decimals)f", value) == expected)
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            #expect(NumberText.exactFixed(value, decimals: decimals) == expected)
        }
    }

    // 200,000 values from a fixed generator (uniform in ±1 and ±10^10, millionths, and
    // every bit pattern) with 0–9 decimals: each one the integer way writes equals printf's.
    @Test func agreesWithPrintfOn200000Values() {
        guard #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) else { return }
        var state: UInt64 = 20_261_207
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        var fast = 0
        for index in 0..<200_000 {
            let bits = next()
            let unit = Double(bits >> 11) / Double(1 << 53)
            let value: Double
            switch index % 4 {
            case 0: value = unit * 2 - 1
            case 1: value = (unit * 2 - 1) * 1e10
            case 2: value = Double(Int64(bits % 20_000_001) - 10_000_000) / 1_000_000
            default: value = Double(bitPattern: bits)
            }
            guard value.isFinite else { continue }
            let decimals = Int(next() % 10)
            guard let text = NumberText.exactFixed(value, decimals: decimals) else { continue }
            fast += 1
            #expect(text == String(format: "%.\(decimals)f", value), "\(value) \(decimals)")
        }
        #expect(fast > 140_000)
    }
}
