import GSL

/// First-order and total Sobol indices (方差分解敏感性指数) of a model output with respect to
/// its uncertain inputs.
public struct SobolIndices: Sendable {
    /// S_i: the share of the output's variance due to input i alone.
    public var firstOrder: [Double]
    /// S_Ti: the share due to input i with all its interactions.
    public var total: [Double]
    /// 95% bootstrap intervals of S_i and S_Ti (percentile method), when bootstrapped.
    public var firstOrderInterval: [ClosedRange<Double>]
    public var totalInterval: [ClosedRange<Double>]
    /// N, the rows of each of the matrices A and B.
    public var samples: Int
    /// Model evaluations: N·(d + 2).
    public var evaluations: Int
    /// The output's variance over A and B together.
    public var variance: Double
}

/// Variance-based sensitivity analysis by the Saltelli design.
///
/// Two N × d matrices A and B of inputs come from the 2d-dimensional Sobol sequence of GSL
/// (`gsl_qrng_sobol`): the first d coordinates of point j make row j of A, the last d row j
/// of B, each mapped through its input's quantile function. A_B^(i) is A with column i taken
/// from B. With f_A, f_B, f_AB^(i) the model's outputs and V the variance of f over A and B:
///
/// - first order, Saltelli et al. (2010) eq. (b) of Table 2: S_i = (1/N) Σ_j f_B(j) (f_AB^(i)(j) − f_A(j)) / V;
/// - total, Jansen (1999) as in Saltelli et al. (2010) eq. (f): S_Ti = (1/2N) Σ_j (f_A(j) − f_AB^(i)(j))² / V.
///
/// Saltelli, Annoni, Azzini, Campolongo, Ratto & Tarantola (2010), *Variance based sensitivity
/// analysis of model output*, Computer Physics Communications 181:259–270. GSL's sequence
/// starts after the origin (whose zero coordinates would map to −∞), as Saltelli et al.
/// advise. Intervals are from bootstrap resamples of the N rows, drawn with
/// `RandomSource(seed:replicate:)`.
public enum SobolAnalysis {
    /// A design that cannot be made: it needs 1 to 20 inputs and at least 2 samples.
    public struct DesignError: Error, Hashable, Sendable, CustomStringConvertible {
        public var inputs: Int
        public var samples: Int
        public var description: String {
            "a Sobol design needs 1 to 20 uncertain inputs and at least 2 samples"
                + " (got \(inputs) inputs, \(samples) samples)"
        }
    }

    /// The input rows of the design: A, B, then A_B^(1) … A_B^(d), each N rows of d values.
    /// - Throws: ``DesignError`` when d is 0 or more than 20 (the sequence has at most 40
    ///   dimensions) or N < 2; `GSLError` when the sequence cannot be allocated.
    public static func design(_ distributions: [InputDistribution], samples: Int)
        throws -> [[Double]]
    {
        let d = distributions.count
        guard d >= 1, 2 * d <= SobolSequence.maximumDimensions, samples >= 2 else {
            throw DesignError(inputs: d, samples: samples)
        }
        var sequence = try SobolSequence(dimensions: 2 * d)
        var a: [[Double]] = []
        var b: [[Double]] = []
        var point = [Double](repeating: 0, count: 2 * d)
        for _ in 0..<samples {
            sequence.next(into: &point)
            a.append((0..<d).map { distributions[$0].quantile(point[$0]) })
            b.append((0..<d).map { distributions[$0].quantile(point[d + $0]) })
        }
        var rows = a + b
        for i in 0..<d {
            for j in 0..<samples {
                var row = a[j]
                row[i] = b[j][i]
                rows.append(row)
            }
        }
        return rows
    }

    /// The indices from the outputs of the design's rows, in the order of
    /// ``design(_:samples:)``.
    /// - Parameters:
    ///   - outputs: N·(d + 2) model outputs.
    ///   - inputs: d.
    ///   - bootstrap: resamples for the 95% intervals (0: none, the intervals are points).
    ///   - seed: seed of the resampling.
    public static func indices(
        outputs: [Double], inputs d: Int, bootstrap: Int = 0, seed: UInt64 = 1
    ) -> SobolIndices {
        let n = outputs.count / (d + 2)
        precondition(n * (d + 2) == outputs.count, "outputs must be N·(d + 2)")
        func estimate(_ rows: [Int]) -> (first: [Double], total: [Double], variance: Double) {
            var sum = 0.0
            var sumSquares = 0.0
            for j in rows {
                for value in [outputs[j], outputs[n + j]] {
                    sum += value
                    sumSquares += value * value
                }
            }
            let count = Double(2 * rows.count)
            let mean = sum / count
            let variance = max(0, sumSquares / count - mean * mean)
            var first: [Double] = []
            var total: [Double] = []
            for i in 0..<d {
                var s = 0.0
                var t = 0.0
                for j in rows {
                    let fA = outputs[j]
                    let fB = outputs[n + j]
                    let fAB = outputs[(2 + i) * n + j]
                    s += fB * (fAB - fA)
                    t += (fA - fAB) * (fA - fAB)
                }
                let m = Double(rows.count)
                first.append(variance > 0 ? s / m / variance : 0)
                total.append(variance > 0 ? t / (2 * m) / variance : 0)
            }
            return (first, total, variance)
        }
        let all = estimate(Array(0..<n))
        var firstInterval = all.first.map { $0...$0 }
        var totalInterval = all.total.map { $0...$0 }
        if bootstrap > 0, let random = try? RandomSource(seed: seed, replicate: 0) {
            var firsts = [[Double]](repeating: [], count: d)
            var totals = [[Double]](repeating: [], count: d)
            for _ in 0..<bootstrap {
                let rows = (0..<n).map { _ in min(n - 1, Int(random.uniform() * Double(n))) }
                let resampled = estimate(rows)
                for i in 0..<d {
                    firsts[i].append(resampled.first[i])
                    totals[i].append(resampled.total[i])
                }
            }
            func interval(_ values: [Double]) -> ClosedRange<Double> {
                guard let q = try? Statistics.quantiles(of: values, probabilities: [0.025, 0.975])
                else { return 0...0 }
                return q[0]...max(q[0], q[1])
            }
            firstInterval = firsts.map(interval)
            totalInterval = totals.map(interval)
        }
        return SobolIndices(
            firstOrder: all.first, total: all.total, firstOrderInterval: firstInterval,
            totalInterval: totalInterval, samples: n, evaluations: outputs.count,
            variance: all.variance)
    }
}
