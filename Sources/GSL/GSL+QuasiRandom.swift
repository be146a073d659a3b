internal import CGSL

/// A Sobol low-discrepancy sequence of points in the unit cube [0, 1)^d, for quasi-Monte Carlo
/// sampling of uncertain scenario parameters.
///
/// The generator is GSL's `gsl_qrng_sobol` (Antonov and Saleev's Gray-code variant of Sobol's
/// 1967 construction, with Bratley and Fox's direction numbers, ACM TOMS 14, 1988). Like GSL, the
/// sequence skips the origin: the first point is (0.5, …, 0.5), then (0.75, 0.25, …),
/// (0.25, 0.75, …). The sequence is deterministic; it has no seed.
///
/// The value uniquely owns its GSL state and frees it when it goes out of scope; it cannot be
/// copied, only moved.
public struct SobolSequence: ~Copyable {
    /// The most points GSL can produce: 2^30 − 1, after which its Sobol generator is exhausted.
    public static let maximumCount = (1 << 30) - 1

    /// The largest number of dimensions GSL's Sobol generator supports.
    public static let maximumDimensions = 40

    /// The number of coordinates of each point, in 1...40.
    public let dimensions: Int

    /// The number of points produced or skipped so far.
    public private(set) var count = 0

    /// The owned GSL generator; freed in `deinit`.
    private let generator: UnsafeMutablePointer<gsl_qrng>

    /// Creates the sequence in `dimensions` dimensions, positioned before its first point.
    ///
    /// - Parameter dimensions: The number of coordinates, in 1...40.
    /// - Throws: `GSLError` with status `.invalid` for a dimension outside 1...40 (GSL would not
    ///   report it, and would then produce garbage), `.noMemory` if GSL cannot allocate.
    ///
    /// The corresponding GSL function is `gsl_qrng_alloc`.
    public init(dimensions: Int) throws(GSLError) {
        ensureErrorHandlerOff()
        guard (1...SobolSequence.maximumDimensions).contains(dimensions) else {
            throw GSLError(
                .invalid, function: "gsl_qrng_alloc",
                reason: "Sobol dimension \(dimensions) is outside "
                    + "1...\(SobolSequence.maximumDimensions)")
        }
        guard let generator = gsl_qrng_alloc(cgsl_qrng_sobol(), CUnsignedInt(dimensions)) else {
            throw GSLError(.noMemory, function: "gsl_qrng_alloc")
        }
        self.dimensions = dimensions
        self.generator = generator
    }

    deinit {
        gsl_qrng_free(generator)
    }

    /// Returns the next point of the sequence.
    ///
    /// Precondition: fewer than `maximumCount` points have been produced or skipped.
    ///
    /// - Returns: `dimensions` coordinates, each in [0, 1).
    /// - Complexity: O(dimensions).
    ///
    /// The corresponding GSL function is `gsl_qrng_get`.
    public mutating func next() -> [Double] {
        var point = Array(repeating: 0.0, count: dimensions)
        next(into: &point)
        return point
    }

    /// Writes the next point of the sequence into `point`, reusing its storage.
    ///
    /// Precondition: fewer than `maximumCount` points have been produced or skipped.
    ///
    /// - Parameter point: Receives `dimensions` coordinates, each in [0, 1); it is resized to
    ///   `dimensions` if its length differs.
    /// - Complexity: O(dimensions).
    ///
    /// The corresponding GSL function is `gsl_qrng_get`.
    public mutating func next(into point: inout [Double]) {
        precondition(
            count < SobolSequence.maximumCount,
            "the Sobol sequence is exhausted after \(SobolSequence.maximumCount) points")
        if point.count != dimensions {
            point = Array(repeating: 0.0, count: dimensions)
        }
        let status = point.withUnsafeMutableBufferPointer {
            gsl_qrng_get(generator, $0.baseAddress)
        }
        precondition(status == GSLStatus.success.rawValue, "gsl_qrng_get failed: \(status)")
        count += 1
    }

    /// Moves past the next `n` points without returning them.
    ///
    /// GSL has no jump-ahead for Sobol, so the points are generated and discarded.
    ///
    /// - Parameter n: The number of points to skip, ≥ 0.
    /// - Throws: `GSLError` with status `.invalid` if `n` is negative, `.domain` if skipping
    ///   would pass `maximumCount` points; the position is then unchanged.
    /// - Complexity: O(n × dimensions).
    ///
    /// The corresponding GSL function is `gsl_qrng_get`.
    public mutating func skip(_ n: Int) throws(GSLError) {
        guard n >= 0 else {
            throw GSLError(.invalid, function: "gsl_qrng_get", reason: "cannot skip \(n) points")
        }
        guard n <= SobolSequence.maximumCount - count else {
            throw GSLError(
                .domain, function: "gsl_qrng_get",
                reason: "skipping \(n) points after \(count) passes the limit of "
                    + "\(SobolSequence.maximumCount)")
        }
        var scratch = Array(repeating: 0.0, count: dimensions)
        for _ in 0..<n {
            next(into: &scratch)
        }
    }
}
