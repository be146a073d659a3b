internal import CGSL

/// Summary statistics of samples, such as the replicate results of a Monte Carlo run.
///
/// Every function throws `GSLError` with status `.badLength` for too few values and `.domain`
/// for NaN values, which have no place in a sample and would make sorting meaningless.
public enum Statistics {
    /// The arithmetic mean of `data`.
    ///
    /// - Parameter data: The sample, at least one value, none NaN.
    /// - Returns: The mean, in the unit of the data.
    /// - Throws: `GSLError` with status `.badLength` for an empty sample, `.domain` for NaN.
    /// - Complexity: O(n).
    ///
    /// The corresponding GSL function is `gsl_stats_mean`.
    public static func mean(of data: [Double]) throws(GSLError) -> Double {
        let function = "gsl_stats_mean"
        try validate(data, minimumCount: 1, function)
        return data.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// The sample variance of `data`, with divisor n − 1 (unbiased for independent draws).
    ///
    /// - Parameter data: The sample, at least two values, none NaN.
    /// - Returns: The variance, in the unit of the data squared.
    /// - Throws: `GSLError` with status `.badLength` for fewer than two values, `.domain` for NaN.
    /// - Complexity: O(n).
    ///
    /// The corresponding GSL function is `gsl_stats_variance`.
    public static func variance(of data: [Double]) throws(GSLError) -> Double {
        let function = "gsl_stats_variance"
        try validate(data, minimumCount: 2, function)
        return data.withUnsafeBufferPointer { gsl_stats_variance($0.baseAddress, 1, $0.count) }
    }

    /// The sample standard deviation of `data`: the square root of `variance(of:)`.
    ///
    /// - Parameter data: The sample, at least two values, none NaN.
    /// - Returns: The standard deviation, in the unit of the data.
    /// - Throws: `GSLError` with status `.badLength` for fewer than two values, `.domain` for NaN.
    /// - Complexity: O(n).
    ///
    /// The corresponding GSL function is `gsl_stats_sd`.
    public static func standardDeviation(of data: [Double]) throws(GSLError) -> Double {
        let function = "gsl_stats_sd"
        try validate(data, minimumCount: 2, function)
        return data.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
    }

    /// The weighted mean Σ wᵢ xᵢ / Σ wᵢ.
    ///
    /// - Parameters:
    ///   - data: The values, at least one, none NaN.
    ///   - weights: One weight per value, finite and ≥ 0, not all 0.
    /// - Returns: The weighted mean, in the unit of the data.
    /// - Throws: `GSLError` with status `.badLength` for an empty sample or a count mismatch,
    ///   `.domain` for NaN data or a negative, non-finite or all-zero weight.
    /// - Complexity: O(n).
    ///
    /// The corresponding GSL function is `gsl_stats_wmean`, which on its own would skip negative
    /// weights silently; they are refused here instead.
    public static func weightedMean(
        of data: [Double], weights: [Double]
    ) throws(GSLError) -> Double {
        let function = "gsl_stats_wmean"
        try validate(data, minimumCount: 1, function)
        guard weights.count == data.count else {
            throw GSLError(
                .badLength, function: function,
                reason: "\(data.count) values but \(weights.count) weights")
        }
        if let i = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw GSLError(
                .domain, function: function,
                reason: "weight[\(i)] = \(weights[i]) is not finite and ≥ 0")
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw GSLError(.domain, function: function, reason: "all weights are 0")
        }
        return weights.withUnsafeBufferPointer { w in
            data.withUnsafeBufferPointer { x in
                gsl_stats_wmean(w.baseAddress, 1, x.baseAddress, 1, x.count)
            }
        }
    }

    /// The quantile of already sorted data at `probability`, by linear interpolation.
    ///
    /// With n values x₀ ≤ … ≤ xₙ₋₁ and h = (n − 1) · p, the result is
    /// x⌊h⌋ + (h − ⌊h⌋) · (x⌊h⌋₊₁ − x⌊h⌋): Hyndman and Fan's definition 7 (The American
    /// Statistician 50, 1996), the default of R's `quantile` and of NumPy's `quantile`.
    ///
    /// - Parameters:
    ///   - sortedData: The sample in non-decreasing order, at least one value, none NaN.
    ///   - probability: The probability p, in [0, 1]; 0 gives the minimum and 1 the maximum.
    /// - Returns: The quantile, in the unit of the data.
    /// - Throws: `GSLError` with status `.badLength` for an empty sample, `.domain` for NaN or a
    ///   probability outside [0, 1], `.invalid` if the data are not sorted.
    /// - Complexity: O(n) for the check that the data are sorted.
    ///
    /// The corresponding GSL function is `gsl_stats_quantile_from_sorted_data`.
    public static func quantile(
        ofSorted sortedData: [Double], probability: Double
    ) throws(GSLError) -> Double {
        let function = "gsl_stats_quantile_from_sorted_data"
        try validate(sortedData, minimumCount: 1, function)
        try validateSorted(sortedData, function)
        try validateProbability(probability, function)
        return quantileOfValidSorted(sortedData, probability)
    }

    /// The quantiles of `data` at each of `probabilities`, after sorting a copy of the data.
    ///
    /// Uses the same definition as `quantile(ofSorted:probability:)` (R's type 7).
    ///
    /// - Parameters:
    ///   - data: The sample in any order, at least one value, none NaN.
    ///   - probabilities: Probabilities in [0, 1].
    /// - Returns: One quantile per probability, in the same order.
    /// - Throws: `GSLError` with status `.badLength` for an empty sample, `.domain` for NaN or a
    ///   probability outside [0, 1].
    /// - Complexity: O(n log n + number of probabilities).
    ///
    /// The corresponding GSL function is `gsl_stats_quantile_from_sorted_data`.
    public static func quantiles(
        of data: [Double], probabilities: [Double]
    ) throws(GSLError) -> [Double] {
        let function = "gsl_stats_quantile_from_sorted_data"
        try validate(data, minimumCount: 1, function)
        for probability in probabilities {
            try validateProbability(probability, function)
        }
        let sorted = data.sorted()
        return probabilities.map { quantileOfValidSorted(sorted, $0) }
    }

    /// The median of `data`: the middle value, or the mean of the two middle values.
    ///
    /// - Parameter data: The sample in any order, at least one value, none NaN.
    /// - Returns: The median, in the unit of the data.
    /// - Throws: `GSLError` with status `.badLength` for an empty sample, `.domain` for NaN.
    /// - Complexity: O(n log n), for sorting a copy.
    ///
    /// The corresponding GSL function is `gsl_stats_median_from_sorted_data`.
    public static func median(of data: [Double]) throws(GSLError) -> Double {
        let function = "gsl_stats_median_from_sorted_data"
        try validate(data, minimumCount: 1, function)
        let sorted = data.sorted()
        return sorted.withUnsafeBufferPointer {
            gsl_stats_median_from_sorted_data($0.baseAddress, 1, $0.count)
        }
    }

    private static func quantileOfValidSorted(_ sorted: [Double], _ probability: Double) -> Double {
        sorted.withUnsafeBufferPointer {
            gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, probability)
        }
    }

    private static func validate(
        _ data: [Double], minimumCount: Int, _ function: String
    ) throws(GSLError) {
        ensureErrorHandlerOff()
        guard data.count >= minimumCount else {
            throw GSLError(
                .badLength, function: function,
                reason: "needs at least \(minimumCount) values, got \(data.count)")
        }
        if let i = data.firstIndex(where: \.isNaN) {
            throw GSLError(.domain, function: function, reason: "value [\(i)] is NaN")
        }
    }

    private static func validateSorted(_ data: [Double], _ function: String) throws(GSLError) {
        for i in 1..<data.count where data[i] < data[i - 1] {
            throw GSLError(
                .invalid, function: function,
                reason: "data are not sorted: [\(i)] = \(data[i]) follows [\(i - 1)] = "
                    + "\(data[i - 1])")
        }
    }

    private static func validateProbability(
        _ probability: Double, _ function: String
    ) throws(GSLError) {
        guard probability >= 0, probability <= 1 else {
            throw GSLError(
                .domain, function: function, reason: "probability \(probability) is outside [0, 1]")
        }
    }
}
