internal import CGSL

// Random draws from the distributions used by the simulation. Parameters come from scenario
// data, so each one is checked here and an invalid value throws `GSLError` with status `.domain`
// instead of reaching GSL, which would return nonsense or NaN.

extension RandomSource {
    /// Draws a value uniform on the interval `range`.
    ///
    /// - Parameter range: The interval, with finite bounds in the unit of the result. The draw
    ///   lies in [lower, upper); a range of one point returns that point.
    /// - Returns: The draw.
    /// - Throws: `GSLError` with status `.domain` if a bound is not finite.
    ///
    /// The corresponding GSL function is `gsl_ran_flat`.
    public func uniform(in range: ClosedRange<Double>) throws(GSLError) -> Double {
        let function = "gsl_ran_flat"
        try require(
            ("lower bound", range.lowerBound, .finite), ("upper bound", range.upperBound, .finite),
            function: function)
        guard range.lowerBound < range.upperBound else {
            return range.lowerBound
        }
        return gsl_ran_flat(generator, range.lowerBound, range.upperBound)
    }

    /// Draws from the normal (Gaussian) distribution.
    ///
    /// - Parameters:
    ///   - mean: The mean μ, finite, in the unit of the result.
    ///   - standardDeviation: The standard deviation σ ≥ 0, in the unit of the result; 0 returns
    ///     `mean`.
    /// - Returns: The draw.
    /// - Throws: `GSLError` with status `.domain` if `mean` is not finite or `standardDeviation`
    ///   is negative or not finite.
    ///
    /// The corresponding GSL function is `gsl_ran_gaussian` (the polar form of the Box–Muller
    /// method), which draws with mean 0; `mean` is added here.
    public func normal(mean: Double = 0, standardDeviation: Double = 1) throws(GSLError) -> Double {
        let function = "gsl_ran_gaussian"
        try require(
            ("mean", mean, .finite), ("standard deviation", standardDeviation, .nonNegative),
            function: function)
        return mean + gsl_ran_gaussian(generator, standardDeviation)
    }

    /// Draws from the lognormal distribution: `exp(X)` with X normal with mean ζ and standard
    /// deviation σ.
    ///
    /// The parameters are the mean and the standard deviation of the underlying normal
    /// distribution, that is of the logarithm of the draw, not of the draw itself. The draw has
    /// mean exp(ζ + σ²/2) and median exp(ζ).
    ///
    /// - Parameters:
    ///   - zeta: The mean ζ of the logarithm, finite.
    ///   - sigma: The standard deviation σ ≥ 0 of the logarithm; 0 returns exp(ζ).
    /// - Returns: The draw, positive.
    /// - Throws: `GSLError` with status `.domain` if `zeta` is not finite or `sigma` is negative
    ///   or not finite.
    ///
    /// The corresponding GSL function is `gsl_ran_lognormal`.
    public func lognormal(zeta: Double, sigma: Double) throws(GSLError) -> Double {
        let function = "gsl_ran_lognormal"
        try require(("zeta", zeta, .finite), ("sigma", sigma, .nonNegative), function: function)
        return gsl_ran_lognormal(generator, zeta, sigma)
    }

    /// Draws a count from the Poisson distribution.
    ///
    /// - Parameter mean: The mean μ, in 0...1e9 events; 0 returns 0. The upper limit keeps the
    ///   draw within the 32-bit unsigned integer that GSL returns.
    /// - Returns: The count, ≥ 0.
    /// - Throws: `GSLError` with status `.domain` if `mean` is negative, above 1e9 or NaN.
    ///
    /// The corresponding GSL function is `gsl_ran_poisson`.
    public func poisson(mean: Double) throws(GSLError) -> Int {
        let function = "gsl_ran_poisson"
        try require(("mean", mean, .nonNegative), function: function)
        guard mean <= 1e9 else {
            throw GSLError(
                .domain, function: function,
                reason: "mean \(mean) is above 1e9, beyond GSL's 32-bit result")
        }
        return Int(gsl_ran_poisson(generator, mean))
    }

    /// Draws the number of successes in `trials` independent trials that each succeed with
    /// `probability`.
    ///
    /// - Parameters:
    ///   - probability: The probability p of success of one trial, in [0, 1].
    ///   - trials: The number n of trials, in 0...4_294_967_295.
    /// - Returns: The number of successes, in 0...`trials`.
    /// - Throws: `GSLError` with status `.domain` if `probability` is outside [0, 1] or NaN, or
    ///   `trials` is negative or does not fit in 32 bits.
    ///
    /// The corresponding GSL function is `gsl_ran_binomial`.
    public func binomial(probability: Double, trials: Int) throws(GSLError) -> Int {
        let function = "gsl_ran_binomial"
        try requireProbability(probability, function)
        let n = try requireCount(trials, "trials", function)
        return Int(gsl_ran_binomial(generator, probability, n))
    }

    /// Draws from the beta distribution with density proportional to x^(a−1)·(1−x)^(b−1) on
    /// [0, 1].
    ///
    /// - Parameters:
    ///   - a: The first shape parameter, positive and finite.
    ///   - b: The second shape parameter, positive and finite.
    /// - Returns: The draw, in [0, 1]; its mean is a/(a+b).
    /// - Throws: `GSLError` with status `.domain` if `a` or `b` is not positive and finite.
    ///
    /// The corresponding GSL function is `gsl_ran_beta`.
    public func beta(a: Double, b: Double) throws(GSLError) -> Double {
        let function = "gsl_ran_beta"
        try require(("a", a, .positive), ("b", b, .positive), function: function)
        return gsl_ran_beta(generator, a, b)
    }

    /// Draws from the gamma distribution with density proportional to x^(k−1)·exp(−x/θ).
    ///
    /// - Parameters:
    ///   - shape: The shape k, positive and finite.
    ///   - scale: The scale θ, positive and finite, in the unit of the result.
    /// - Returns: The draw, ≥ 0; its mean is kθ and its variance kθ².
    /// - Throws: `GSLError` with status `.domain` if `shape` or `scale` is not positive and
    ///   finite.
    ///
    /// The corresponding GSL function is `gsl_ran_gamma` (Marsaglia and Tsang's method).
    public func gamma(shape: Double, scale: Double) throws(GSLError) -> Double {
        let function = "gsl_ran_gamma"
        try require(("shape", shape, .positive), ("scale", scale, .positive), function: function)
        return gsl_ran_gamma(generator, shape, scale)
    }
}

/// Cumulative distribution functions (CDFs) and quantiles of the distributions that
/// `RandomSource` draws from.
///
/// Each CDF returns P(X ≤ x), the lower tail. Each quantile function is the inverse of its CDF:
/// the x with P(X ≤ x) = probability. Invalid parameters throw `GSLError` with status `.domain`
/// before GSL is called.
public enum Distribution {
    /// The probability that a normal variable is at most `x`: Φ((x − μ)/σ).
    ///
    /// - Parameters:
    ///   - x: The point, in the unit of the variable; ±∞ give 0 and 1.
    ///   - mean: The mean μ, finite.
    ///   - standardDeviation: The standard deviation σ, positive and finite.
    /// - Returns: P(X ≤ x), in [0, 1].
    /// - Throws: `GSLError` with status `.domain` for NaN `x` or invalid parameters.
    ///
    /// The corresponding GSL function is `gsl_cdf_gaussian_P`, applied to x − μ.
    public static func normalCDF(
        _ x: Double, mean: Double = 0, standardDeviation: Double = 1
    ) throws(GSLError) -> Double {
        try cdf(
            "gsl_cdf_gaussian_P", x, ("mean", mean, .finite),
            ("standard deviation", standardDeviation, .positive)
        ) { gsl_cdf_gaussian_P(x - mean, standardDeviation) }
    }

    /// The value that a normal variable stays at or below with probability `probability`.
    ///
    /// - Parameters:
    ///   - probability: The lower-tail probability, in [0, 1]; 0 and 1 give −∞ and +∞.
    ///   - mean: The mean μ, finite.
    ///   - standardDeviation: The standard deviation σ, positive and finite.
    /// - Returns: The quantile, in the unit of the variable.
    /// - Throws: `GSLError` with status `.domain` for a probability outside [0, 1] or invalid
    ///   parameters.
    ///
    /// The corresponding GSL function is `gsl_cdf_gaussian_Pinv`, to which μ is added.
    public static func normalQuantile(
        _ probability: Double, mean: Double = 0, standardDeviation: Double = 1
    ) throws(GSLError) -> Double {
        try quantile(
            "gsl_cdf_gaussian_Pinv", probability, ("mean", mean, .finite),
            ("standard deviation", standardDeviation, .positive)
        ) { mean + gsl_cdf_gaussian_Pinv(probability, standardDeviation) }
    }

    /// The probability that a lognormal variable exp(N(ζ, σ²)) is at most `x`.
    ///
    /// - Parameters:
    ///   - x: The point; values ≤ 0 give 0.
    ///   - zeta: The mean ζ of the logarithm, finite.
    ///   - sigma: The standard deviation σ of the logarithm, positive and finite.
    /// - Returns: P(X ≤ x), in [0, 1].
    /// - Throws: `GSLError` with status `.domain` for NaN `x` or invalid parameters.
    ///
    /// The corresponding GSL function is `gsl_cdf_lognormal_P`, called for x > 0 only: it takes
    /// log x and would return NaN for negative x.
    public static func lognormalCDF(
        _ x: Double, zeta: Double, sigma: Double
    ) throws(GSLError) -> Double {
        try cdf("gsl_cdf_lognormal_P", x, ("zeta", zeta, .finite), ("sigma", sigma, .positive)) {
            x > 0 ? gsl_cdf_lognormal_P(x, zeta, sigma) : 0
        }
    }

    /// The value that a lognormal variable exp(N(ζ, σ²)) stays at or below with probability
    /// `probability`.
    ///
    /// - Parameters:
    ///   - probability: The lower-tail probability, in [0, 1]; 0 and 1 give 0 and +∞.
    ///   - zeta: The mean ζ of the logarithm, finite.
    ///   - sigma: The standard deviation σ of the logarithm, positive and finite.
    /// - Returns: The quantile, ≥ 0.
    /// - Throws: `GSLError` with status `.domain` for a probability outside [0, 1] or invalid
    ///   parameters.
    ///
    /// The corresponding GSL function is `gsl_cdf_lognormal_Pinv`.
    public static func lognormalQuantile(
        _ probability: Double, zeta: Double, sigma: Double
    ) throws(GSLError) -> Double {
        try quantile(
            "gsl_cdf_lognormal_Pinv", probability, ("zeta", zeta, .finite),
            ("sigma", sigma, .positive)
        ) { gsl_cdf_lognormal_Pinv(probability, zeta, sigma) }
    }

    /// The probability that a beta(a, b) variable is at most `x`.
    ///
    /// - Parameters:
    ///   - x: The point; values ≤ 0 give 0 and values ≥ 1 give 1.
    ///   - a: The first shape parameter, positive and finite.
    ///   - b: The second shape parameter, positive and finite.
    /// - Returns: P(X ≤ x), in [0, 1].
    /// - Throws: `GSLError` with status `.domain` for NaN `x` or invalid parameters.
    ///
    /// The corresponding GSL function is `gsl_cdf_beta_P`.
    public static func betaCDF(_ x: Double, a: Double, b: Double) throws(GSLError) -> Double {
        try cdf("gsl_cdf_beta_P", x, ("a", a, .positive), ("b", b, .positive)) {
            gsl_cdf_beta_P(x, a, b)
        }
    }

    /// The value that a beta(a, b) variable stays at or below with probability `probability`.
    ///
    /// - Parameters:
    ///   - probability: The lower-tail probability, in [0, 1]; 0 and 1 give 0 and 1.
    ///   - a: The first shape parameter, positive and finite.
    ///   - b: The second shape parameter, positive and finite.
    /// - Returns: The quantile, in [0, 1].
    /// - Throws: `GSLError` with status `.domain` for a probability outside [0, 1] or invalid
    ///   parameters, `.genericFailure` if GSL's inversion does not converge.
    ///
    /// The corresponding GSL function is `gsl_cdf_beta_Pinv`.
    public static func betaQuantile(
        _ probability: Double, a: Double, b: Double
    ) throws(GSLError) -> Double {
        try quantile("gsl_cdf_beta_Pinv", probability, ("a", a, .positive), ("b", b, .positive)) {
            gsl_cdf_beta_Pinv(probability, a, b)
        }
    }

    /// The probability that a gamma variable with shape k and scale θ is at most `x`.
    ///
    /// - Parameters:
    ///   - x: The point, in the unit of θ; values ≤ 0 give 0.
    ///   - shape: The shape k, positive and finite.
    ///   - scale: The scale θ, positive and finite.
    /// - Returns: P(X ≤ x), in [0, 1].
    /// - Throws: `GSLError` with status `.domain` for NaN `x` or invalid parameters.
    ///
    /// The corresponding GSL function is `gsl_cdf_gamma_P`.
    public static func gammaCDF(
        _ x: Double, shape: Double, scale: Double
    ) throws(GSLError) -> Double {
        try cdf("gsl_cdf_gamma_P", x, ("shape", shape, .positive), ("scale", scale, .positive)) {
            gsl_cdf_gamma_P(x, shape, scale)
        }
    }

    /// The value that a gamma variable with shape k and scale θ stays at or below with
    /// probability `probability`.
    ///
    /// - Parameters:
    ///   - probability: The lower-tail probability, in [0, 1]; 0 and 1 give 0 and +∞.
    ///   - shape: The shape k, positive and finite.
    ///   - scale: The scale θ, positive and finite.
    /// - Returns: The quantile, in the unit of θ.
    /// - Throws: `GSLError` with status `.domain` for a probability outside [0, 1] or invalid
    ///   parameters, `.genericFailure` if GSL's inversion does not converge.
    ///
    /// The corresponding GSL function is `gsl_cdf_gamma_Pinv`.
    public static func gammaQuantile(
        _ probability: Double, shape: Double, scale: Double
    ) throws(GSLError) -> Double {
        try quantile(
            "gsl_cdf_gamma_Pinv", probability, ("shape", shape, .positive),
            ("scale", scale, .positive)
        ) { gsl_cdf_gamma_Pinv(probability, shape, scale) }
    }

    /// The probability that a Poisson variable with mean μ is at most `k`.
    ///
    /// - Parameters:
    ///   - k: The count; negative counts give 0.
    ///   - mean: The mean μ ≥ 0, finite; μ = 0 gives 1 for every k ≥ 0.
    /// - Returns: P(X ≤ k), in [0, 1].
    /// - Throws: `GSLError` with status `.domain` if `mean` is negative or not finite, or `k`
    ///   does not fit in 32 bits.
    ///
    /// The corresponding GSL function is `gsl_cdf_poisson_P`.
    public static func poissonCDF(_ k: Int, mean: Double) throws(GSLError) -> Double {
        let function = "gsl_cdf_poisson_P"
        try require(("mean", mean, .nonNegative), function: function)
        guard k >= 0 else {
            return 0
        }
        guard mean > 0 else {
            return 1
        }
        let count = try requireCount(k, "k", function)
        ensureErrorHandlerOff()
        return gsl_cdf_poisson_P(count, mean)
    }

    /// The probability of at most `k` successes in `trials` independent trials that each
    /// succeed with `probability`.
    ///
    /// - Parameters:
    ///   - k: The number of successes; negative values give 0, values ≥ `trials` give 1.
    ///   - probability: The probability p of success of one trial, in [0, 1].
    ///   - trials: The number n of trials, in 0...4_294_967_295.
    /// - Returns: P(X ≤ k), in [0, 1].
    /// - Throws: `GSLError` with status `.domain` for invalid parameters.
    ///
    /// The corresponding GSL function is `gsl_cdf_binomial_P`.
    public static func binomialCDF(
        _ k: Int, probability: Double, trials: Int
    ) throws(GSLError) -> Double {
        let function = "gsl_cdf_binomial_P"
        try requireProbability(probability, function)
        let n = try requireCount(trials, "trials", function)
        guard k >= 0 else {
            return 0
        }
        guard k < trials else {
            return 1
        }
        ensureErrorHandlerOff()
        return gsl_cdf_binomial_P(UInt32(k), probability, n)
    }
}

// MARK: - Parameter checks shared by the draws and the distribution functions

/// A CDF at `x` (not NaN): checks the parameters, then calls GSL.
private func cdf(
    _ function: String, _ x: Double, _ parameters: Parameter..., call: () -> Double
) throws(GSLError) -> Double {
    try requireNotNaN(x, "x", function)
    for parameter in parameters { try require(parameter, function: function) }
    ensureErrorHandlerOff()
    return call()
}

/// A quantile at `probability` (in [0, 1]): checks the parameters, then calls GSL; a NaN from
/// GSL means its inversion did not converge.
private func quantile(
    _ function: String, _ probability: Double, _ parameters: Parameter..., call: () -> Double
) throws(GSLError) -> Double {
    try requireProbability(probability, function)
    for parameter in parameters { try require(parameter, function: function) }
    ensureErrorHandlerOff()
    return try requireConverged(call(), function)
}

private func requireNotNaN(_ value: Double, _ name: String, _ function: String) throws(GSLError) {
    guard !value.isNaN else {
        throw GSLError(.domain, function: function, reason: "\(name) is NaN")
    }
}

/// What a distribution's parameter must be.
private enum Domain {
    case finite, positive, nonNegative

    func contains(_ value: Double) -> Bool {
        switch self {
        case .finite: value.isFinite
        case .positive: value.isFinite && value > 0
        case .nonNegative: value.isFinite && value >= 0
        }
    }

    /// What a value outside the domain is, for the message.
    var failure: String {
        switch self {
        case .finite: "not finite"
        case .positive: "not positive and finite"
        case .nonNegative: "not non-negative and finite"
        }
    }
}

/// A parameter of a distribution: its name in messages, value and domain.
private typealias Parameter = (name: String, value: Double, domain: Domain)

private func require(_ parameters: Parameter..., function: String) throws(GSLError) {
    for (name, value, domain) in parameters where !domain.contains(value) {
        throw GSLError(.domain, function: function, reason: "\(name) \(value) is \(domain.failure)")
    }
}

private func requireProbability(_ value: Double, _ function: String) throws(GSLError) {
    guard value >= 0, value <= 1 else {
        throw GSLError(
            .domain, function: function, reason: "probability \(value) is outside [0, 1]")
    }
}

private func requireCount(
    _ value: Int, _ name: String, _ function: String
) throws(GSLError) -> UInt32 {
    guard let count = UInt32(exactly: value) else {
        throw GSLError(
            .domain, function: function,
            reason: "\(name) \(value) is outside 0...\(UInt32.max)")
    }
    return count
}

private func requireConverged(_ value: Double, _ function: String) throws(GSLError) -> Double {
    guard !value.isNaN else {
        throw GSLError(
            .genericFailure, function: function,
            reason: "the inversion did not converge (GSL returned NaN)")
    }
    return value
}
