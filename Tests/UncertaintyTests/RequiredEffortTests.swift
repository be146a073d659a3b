import Testing
import Uncertainty

@Suite("RequiredEffort")
struct RequiredEffortTests {
    @Test("1,000 beds at 7 a year need 143 a year (7 × 142 = 994 < 1,000 ≤ 1,001 = 7 × 143)")
    func integerLever() throws {
        let answer = try RequiredEffort.smallest(
            lower: 0, start: 10, limit: 1e6, integer: true, tolerance: 1
        ) { x in 1000 - 7 * x }
        #expect(answer.value == 143)
        #expect(answer.shortfall <= 0)
    }

    @Test("A graded shortfall 37.5 − x is closed at x = 37.5 to within 0.01")
    func continuousLever() throws {
        let answer = try RequiredEffort.smallest(
            lower: 0, start: 1, limit: 1e6, integer: false, tolerance: 0.01
        ) { x in 37.5 - x }
        let value = try #require(answer.value)
        #expect(value >= 37.5 && value < 37.51)
    }

    @Test("A step shortfall (met from x = 2.25) found by bisection to 0.001; unreachable is nil")
    func stepShortfall() throws {
        let answer = try RequiredEffort.smallest(
            lower: 0, start: 1, limit: 100, integer: false, tolerance: 0.001, method: .bisection
        ) { x in x >= 2.25 ? -1 : 1 }
        let value = try #require(answer.value)
        #expect(value >= 2.25 && value < 2.251)
        let never = try RequiredEffort.smallest(
            lower: 0, start: 1, limit: 100, integer: false, tolerance: 0.001
        ) { _ in 1 }
        #expect(never.value == nil)
        #expect(never.largestTried == 100)
    }
}
