import GSL
import Testing

/// A statistics call that must be refused with a given status.
struct InvalidStatisticsCall: Sendable, CustomTestStringConvertible {
    let name: String
    let status: GSLStatus
    let call: @Sendable () throws -> Void

    var testDescription: String { name }
}

@Suite("Statistics")
struct StatisticsTests {
    // The sample 2, 4, 4, 4, 5, 5, 7, 9: sum 40, mean 5, squared deviations
    // 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32.
    static let sample: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]

    @Test("The sample 2, 4, 4, 4, 5, 5, 7, 9 has mean 5, variance 32/7 and sd √(32/7)")
    func meanVarianceStandardDeviation() throws {
        // Hand computation above; the sample variance divides by n − 1 = 7.
        #expect(try Statistics.mean(of: Self.sample) == 5)
        #expect(abs(try Statistics.variance(of: Self.sample) - 32.0 / 7) < 1e-15)
        #expect(
            abs(try Statistics.standardDeviation(of: Self.sample) - (32.0 / 7).squareRoot())
                < 1e-15)
    }

    @Test("The quantiles of 1…10 at 0.1, 0.25, 0.5 and 0.9 are 1.9, 3.25, 5.5 and 9.1")
    func typeSevenQuantiles() throws {
        // R type 7 by hand, h = (n − 1)p = 9p: 0.9 → 1 + 0.9; 2.25 → 3 + 0.25; 4.5 → 5 + 0.5;
        // 8.1 → 9 + 0.1. R's quantile(1:10, c(0.1, 0.25, 0.5, 0.9)) gives the same.
        let data = (1...10).map(Double.init)
        let expected = [1.9, 3.25, 5.5, 9.1]
        for (probability, value) in zip([0.1, 0.25, 0.5, 0.9], expected) {
            let quantile = try Statistics.quantile(ofSorted: data, probability: probability)
            #expect(abs(quantile - value) < 1e-14)
        }
        #expect(try Statistics.quantile(ofSorted: data, probability: 0) == 1)
        #expect(try Statistics.quantile(ofSorted: data, probability: 1) == 10)
    }

    @Test("The quartiles of 3, 1, 4, 1, 5, 9, 2, 6 are 1.75, 3.5 and 5.25")
    func quantilesOfUnsortedData() throws {
        // Sorted: 1, 1, 2, 3, 4, 5, 6, 9; h = 7p: 1.75 → 1 + 0.75 · (2 − 1); 3.5 → 3 + 0.5 · 1;
        // 5.25 → 5 + 0.25 · 1.
        let data: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        let quartiles = try Statistics.quantiles(of: data, probabilities: [0.25, 0.5, 0.75])
        #expect(zip(quartiles, [1.75, 3.5, 5.25]).allSatisfy { abs($0 - $1) < 1e-14 })
        #expect(try Statistics.median(of: data) == 3.5)
    }

    @Test("The median of 5, 1, 3 is 3 and the quantile of the single value 7 is 7")
    func medianAndSingleValue() throws {
        // The middle of 1, 3, 5; one value is every quantile of itself.
        #expect(try Statistics.median(of: [5, 1, 3]) == 3)
        #expect(try Statistics.quantile(ofSorted: [7], probability: 0.3) == 7)
        #expect(try Statistics.mean(of: [7]) == 7)
    }

    @Test("The mean of 1, 2, 3 with weights 3, 1, 0 is (3 + 2)/4 = 1.25")
    func weightedMean() throws {
        // Σ wᵢxᵢ / Σ wᵢ = (3 · 1 + 1 · 2 + 0 · 3)/(3 + 1 + 0).
        #expect(try Statistics.weightedMean(of: [1, 2, 3], weights: [3, 1, 0]) == 1.25)
    }

    static let invalidCalls: [InvalidStatisticsCall] = [
        InvalidStatisticsCall(name: "mean of no values", status: .badLength) {
            _ = try Statistics.mean(of: [])
        },
        InvalidStatisticsCall(name: "variance of 1 value", status: .badLength) {
            _ = try Statistics.variance(of: [1])
        },
        InvalidStatisticsCall(name: "standard deviation of no values", status: .badLength) {
            _ = try Statistics.standardDeviation(of: [])
        },
        InvalidStatisticsCall(name: "mean with NaN", status: .domain) {
            _ = try Statistics.mean(of: [1, .nan])
        },
        InvalidStatisticsCall(name: "median of no values", status: .badLength) {
            _ = try Statistics.median(of: [])
        },
        InvalidStatisticsCall(name: "median with NaN", status: .domain) {
            _ = try Statistics.median(of: [.nan, 1, 2])
        },
        InvalidStatisticsCall(name: "quantile of unsorted 2, 1", status: .invalid) {
            _ = try Statistics.quantile(ofSorted: [2, 1], probability: 0.5)
        },
        InvalidStatisticsCall(name: "quantile at probability 1.5", status: .domain) {
            _ = try Statistics.quantile(ofSorted: [1, 2], probability: 1.5)
        },
        InvalidStatisticsCall(name: "quantiles at probability NaN", status: .domain) {
            _ = try Statistics.quantiles(of: [1, 2], probabilities: [0.5, .nan])
        },
        InvalidStatisticsCall(name: "quantiles of no values", status: .badLength) {
            _ = try Statistics.quantiles(of: [], probabilities: [0.5])
        },
        InvalidStatisticsCall(name: "3 values and 2 weights", status: .badLength) {
            _ = try Statistics.weightedMean(of: [1, 2, 3], weights: [1, 1])
        },
        InvalidStatisticsCall(name: "weight −1", status: .domain) {
            _ = try Statistics.weightedMean(of: [1, 2], weights: [-1, 2])
        },
        InvalidStatisticsCall(name: "all weights 0", status: .domain) {
            _ = try Statistics.weightedMean(of: [1, 2], weights: [0, 0])
        },
    ]

    @Test("Invalid samples are refused with the exact status", arguments: invalidCalls)
    func invalidSample(_ invalid: InvalidStatisticsCall) {
        // Each input breaks one documented requirement (enough values, no NaN, sorted data,
        // probabilities in [0, 1], one non-negative weight per value, not all 0).
        let error = #expect(throws: GSLError.self) {
            try invalid.call()
        }
        #expect(error?.status == invalid.status)
    }
}
