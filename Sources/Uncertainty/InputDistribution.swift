import Foundation
import GSL

/// The probability distribution of an uncertain scenario number (不确定性参数的概率分布), with
/// optional bounds that truncate it.
///
/// Every draw is made by inversion: a uniform number u in (0, 1) is mapped through the
/// quantile function of the (truncated) distribution, x = F⁻¹(F(lower) + u·(F(upper) −
/// F(lower))). The same mapping turns the points of a Sobol sequence into inputs for the
/// sensitivity analysis, so Monte Carlo and quasi-Monte Carlo designs share one definition.
/// Parameters are in the unit the scenario writes the number in (or, for a multiplier, plain
/// factors).
public struct InputDistribution: Hashable, Sendable {
    /// The family and its parameters.
    public enum Shape: Hashable, Sendable {
        /// Normal with mean μ and standard deviation σ > 0.
        case normal(mean: Double, standardDeviation: Double)
        /// Lognormal: exp(N(log median, σ²)); `sigma` > 0 is the standard deviation of the
        /// logarithm.
        case lognormal(median: Double, sigma: Double)
        /// Beta(a, b) stretched onto [minimum, maximum] (default [0, 1]).
        case beta(a: Double, b: Double, minimum: Double, maximum: Double)
        /// Triangular on [minimum, maximum] with its peak at `mode`.
        case triangular(minimum: Double, mode: Double, maximum: Double)
        /// Uniform on [minimum, maximum].
        case uniform(minimum: Double, maximum: Double)

        /// The family's name as scenario files write it.
        public var name: String {
            switch self {
            case .normal: "normal"
            case .lognormal: "lognormal"
            case .beta: "beta"
            case .triangular: "triangular"
            case .uniform: "uniform"
            }
        }

        /// The values the family can take, before truncation.
        public var support: ClosedRange<Double> {
            switch self {
            case .normal: -Double.infinity...Double.infinity
            case .lognormal: 0...Double.infinity
            case .beta(_, _, let minimum, let maximum): minimum...maximum
            case .triangular(let minimum, _, let maximum): minimum...maximum
            case .uniform(let minimum, let maximum): minimum...maximum
            }
        }
    }

    /// Why a distribution cannot be made: the parameter at fault and the reason.
    public struct InvalidParameter: Error, Hashable, Sendable, CustomStringConvertible {
        /// The parameter's name as scenario files write it (`sd`, `lower`, …).
        public var parameter: String
        public var reason: String
        public var description: String { "\(parameter) \(reason)" }
    }

    public let shape: Shape
    /// The truncation bounds; nil means the family's own bound.
    public let lower: Double?
    public let upper: Double?

    /// Creates a distribution, checking its parameters.
    /// - Throws: ``InvalidParameter`` naming the parameter: a standard deviation, σ or shape
    ///   not positive, a median not positive, a minimum not below the maximum, a mode outside
    ///   [minimum, maximum], a bound outside the support, or `lower` not below `upper`.
    public init(_ shape: Shape, lower: Double? = nil, upper: Double? = nil) throws(InvalidParameter)
    {
        func fail(_ parameter: String, _ reason: String) -> InvalidParameter {
            InvalidParameter(parameter: parameter, reason: reason)
        }
        func finite(_ value: Double, _ name: String) throws(InvalidParameter) {
            guard value.isFinite else { throw fail(name, "must be a finite number") }
        }
        switch shape {
        case .normal(let mean, let sd):
            try finite(mean, "mean")
            guard sd.isFinite, sd > 0 else { throw fail("sd", "must be positive (got \(sd))") }
        case .lognormal(let median, let sigma):
            guard median.isFinite, median > 0 else {
                throw fail("median", "must be positive (got \(median))")
            }
            guard sigma.isFinite, sigma > 0 else {
                throw fail("sigma", "must be positive (got \(sigma))")
            }
        case .beta(let a, let b, let minimum, let maximum):
            guard a.isFinite, a > 0 else { throw fail("a", "must be positive (got \(a))") }
            guard b.isFinite, b > 0 else { throw fail("b", "must be positive (got \(b))") }
            try finite(minimum, "min")
            try finite(maximum, "max")
            guard minimum < maximum else {
                throw fail("min", "must be below max (got \(minimum) and \(maximum))")
            }
        case .triangular(let minimum, let mode, let maximum):
            try finite(minimum, "min")
            try finite(mode, "mode")
            try finite(maximum, "max")
            guard minimum < maximum else {
                throw fail("min", "must be below max (got \(minimum) and \(maximum))")
            }
            guard (minimum...maximum).contains(mode) else {
                throw fail("mode", "must lie between min and max (got \(mode))")
            }
        case .uniform(let minimum, let maximum):
            try finite(minimum, "min")
            try finite(maximum, "max")
            guard minimum < maximum else {
                throw fail("min", "must be below max (got \(minimum) and \(maximum))")
            }
        }
        let support = shape.support
        if let lower {
            try finite(lower, "lower")
            guard lower < support.upperBound else {
                throw fail("lower", "must be below the distribution's largest value")
            }
        }
        if let upper {
            try finite(upper, "upper")
            guard upper > support.lowerBound else {
                throw fail("upper", "must be above the distribution's smallest value")
            }
        }
        if let lower, let upper, lower >= upper {
            throw fail("lower", "must be below upper (got \(lower) and \(upper))")
        }
        self.shape = shape
        self.lower = lower
        self.upper = upper
    }

    /// P(X ≤ x) of the family before truncation.
    /// - Complexity: O(1); the normal, lognormal and beta use GSL's `gsl_cdf_*_P`.
    public func untruncatedCDF(_ x: Double) -> Double {
        switch shape {
        case .normal(let mean, let sd):
            return (try? Distribution.normalCDF(x, mean: mean, standardDeviation: sd)) ?? .nan
        case .lognormal(let median, let sigma):
            return (try? Distribution.lognormalCDF(x, zeta: log(median), sigma: sigma)) ?? .nan
        case .beta(let a, let b, let minimum, let maximum):
            let t = (x - minimum) / (maximum - minimum)
            return (try? Distribution.betaCDF(t, a: a, b: b)) ?? .nan
        case .triangular(let a, let c, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .uniform(let a, let b):
            return min(1, max(0, (x - a) / (b - a)))
        }
    }

    /// The family's quantile before truncation: the x with P(X ≤ x) = p.
    /// - Parameter p: a probability in [0, 1].
    public func untruncatedQuantile(_ p: Double) -> Double {
        switch shape {
        case .normal(let mean, let sd):
            return (try? Distribution.normalQuantile(p, mean: mean, standardDeviation: sd)) ?? .nan
        case .lognormal(let median, let sigma):
            return (try? Distribution.lognormalQuantile(p, zeta: log(median), sigma: sigma))
                ?? .nan
        case .beta(let a, let b, let minimum, let maximum):
            let t = (try? Distribution.betaQuantile(p, a: a, b: b)) ?? .nan
            return minimum + t * (maximum - minimum)
        case .triangular(let a, let c, let b):
            // Inverse of the two pieces of the CDF (Kotz & van Dorp 2004, ch. 1).
            if p < (c - a) / (b - a) { return a + ((p * (b - a) * (c - a))).squareRoot() }
            return b - (((1 - p) * (b - a) * (b - c))).squareRoot()
        case .uniform(let a, let b):
            return a + p * (b - a)
        }
    }

    /// The value drawn for a uniform number `u` in (0, 1): the quantile of the truncated
    /// distribution, F⁻¹(F(lower) + u·(F(upper) − F(lower))), kept within the bounds.
    /// - Parameter u: in [0, 1]; 0 and 1 are moved inside by 2⁻³¹ so that an unbounded
    ///   family never returns an infinity.
    /// - Complexity: O(1) (one or two CDFs and one quantile).
    public func quantile(_ u: Double) -> Double {
        let epsilon = 1.0 / 2_147_483_648
        let u = min(max(u, epsilon), 1 - epsilon)
        let low = lower.map(untruncatedCDF) ?? 0
        let high = upper.map(untruncatedCDF) ?? 1
        var x = untruncatedQuantile(low + u * (high - low))
        if let lower { x = max(x, lower) }
        if let upper { x = min(x, upper) }
        return x
    }

    /// P(X ≤ x) of the truncated distribution: (F(x) − F(lower)) / (F(upper) − F(lower)),
    /// within [0, 1]; the share of draws at or below x.
    public func cdf(_ x: Double) -> Double {
        let low = lower.map(untruncatedCDF) ?? 0
        let high = upper.map(untruncatedCDF) ?? 1
        guard high > low else { return .nan }
        return min(1, max(0, (untruncatedCDF(x) - low) / (high - low)))
    }

    /// The median of the truncated distribution, the value a deterministic run uses when it
    /// needs one central value.
    public var median: Double { quantile(0.5) }
}
