import GSL

/// The smallest value of a lever (a budget, a yearly action count) at which a target is met
/// (达标所需投入), found on the simulation itself.
///
/// The model is assumed to improve as the lever grows: more money or more actions never
/// make a target harder to meet. `shortfall(x)` is positive while the target is missed at
/// lever value x and ≤ 0 once it is met.
public enum RequiredEffort {
    /// How the bracket is narrowed.
    public enum Method: Sendable {
        /// Brent's method (GSL `gsl_root_fsolver_brent`) on the shortfall, for a continuous
        /// lever with a graded shortfall.
        case brent
        /// Bisection, for a shortfall that moves in steps (a probability over draws).
        case bisection
    }

    /// The answer.
    public struct Answer: Hashable, Sendable {
        /// The smallest lever value found that meets the target, or nil when even the largest
        /// tried does not.
        public var value: Double?
        /// The largest value tried (the upper end of the search).
        public var largestTried: Double
        /// The shortfall at the answer (≤ 0), or at the largest value tried.
        public var shortfall: Double
        /// Simulations run.
        public var evaluations: Int
    }

    /// Searches [lower, …) for the smallest x with shortfall(x) ≤ 0.
    ///
    /// If the lower end meets the target, it is the answer. Otherwise the upper end starts at
    /// `start` (the scenario's own value, or lower + 1) and doubles its distance from `lower`
    /// until the target is met or `limit` is passed; the bracket is then narrowed by Brent's
    /// method or bisection. For an integer lever the bracket is bisected down to two adjacent
    /// whole numbers and the larger is returned; for a continuous one, to `tolerance`, and
    /// the returned value meets the target.
    /// - Parameters:
    ///   - tolerance: the width to which a continuous lever is found, in its unit.
    /// - Throws: what `shortfall` throws.
    public static func smallest(
        lower: Double, start: Double, limit: Double, integer: Bool, tolerance: Double,
        method: Method = .brent, shortfall: (Double) throws -> Double
    ) throws -> Answer {
        var evaluations = 0
        func evaluate(_ x: Double) throws -> Double {
            evaluations += 1
            return try shortfall(integer ? x.rounded() : x)
        }
        let atLower = try evaluate(lower)
        if atLower <= 0 {
            return Answer(
                value: lower, largestTried: lower, shortfall: atLower, evaluations: evaluations)
        }
        var low = lower
        var high = max(start, lower + (integer ? 1 : tolerance))
        if integer { high = high.rounded(.up) }
        var atHigh = try evaluate(high)
        while atHigh > 0 {
            guard high < limit else {
                return Answer(
                    value: nil, largestTried: high, shortfall: atHigh, evaluations: evaluations)
            }
            low = high
            high = min(limit, lower + 2 * (high - lower))
            if integer { high = high.rounded(.up) }
            atHigh = try evaluate(high)
        }
        /// Halves the bracket until it is at most `width` wide; the target stays met at `high`.
        func bisect(to width: Double, middle: (Double, Double) -> Double) throws -> Answer {
            while high - low > width {
                let point = middle(low, high)
                let value = try evaluate(point)
                if value <= 0 {
                    high = point
                    atHigh = value
                } else {
                    low = point
                }
            }
            return Answer(
                value: high, largestTried: high, shortfall: atHigh, evaluations: evaluations)
        }
        if integer { return try bisect(to: 1) { (($0 + $1) / 2).rounded(.down) } }
        if method == .brent {
            let root = try findRoot(
                of: { try evaluate($0) }, in: low...high, absoluteTolerance: tolerance / 2,
                relativeTolerance: 0, maxIterations: 100)
            // The root lies within tolerance/2 of the step; step up until the target is met.
            var candidate = root
            for _ in 0..<4 {
                guard candidate < high else { break }
                let value = try evaluate(candidate)
                if value <= 0 {
                    return Answer(
                        value: candidate, largestTried: high, shortfall: value,
                        evaluations: evaluations)
                }
                candidate = min(high, candidate + tolerance / 2)
            }
            return Answer(
                value: high, largestTried: high, shortfall: atHigh, evaluations: evaluations)
        }
        return try bisect(to: tolerance) { ($0 + $1) / 2 }
    }
}
