internal import CGSL

/// A one-dimensional interpolating function through data points, built once and evaluated many
/// times, for example a schedule of rates given at a few ages or years.
///
/// The spline is immutable once built. GSL's `gsl_spline` keeps its own copy of the data, and
/// every evaluation here passes no accelerator (`NULL`), which GSL allows: the evaluation
/// functions then locate the interval by binary search and only read the spline. Concurrent
/// evaluation from several tasks is therefore safe, which is why the class is `Sendable`.
///
/// Values are defined on `domain`, the closed interval from the first to the last x; outside it
/// every evaluation throws `GSLError` with status `.domain`, never extrapolates.
public final class Spline: @unchecked Sendable {
    /// An interpolation method.
    public enum Kind: Sendable, Hashable, CaseIterable {
        /// Piecewise linear interpolation; needs 2 points. GSL type `gsl_interp_linear`.
        case linear
        /// Cubic spline with natural boundary conditions (second derivative 0 at both ends);
        /// needs 3 points. GSL type `gsl_interp_cspline`.
        case naturalCubic
        /// Cubic spline with periodic boundary conditions; needs 2 points, and the first and last
        /// y must be equal. GSL type `gsl_interp_cspline_periodic`.
        case periodicCubic
        /// Akima's non-rounded spline (J. ACM 17, 1970), less prone to wiggles than a cubic
        /// spline; needs 5 points. GSL type `gsl_interp_akima`.
        case akima
        /// Steffen's monotone cubic (Astron. Astrophys. 239, 1990): monotone between points, so
        /// it never overshoots the data; needs 3 points. GSL type `gsl_interp_steffen`.
        case steffen

        /// The fewest data points the method accepts.
        ///
        /// The corresponding GSL function is `gsl_interp_type_min_size`.
        public var minimumPointCount: Int {
            Int(gsl_interp_type_min_size(interpolationType))
        }

        var interpolationType: UnsafePointer<gsl_interp_type> {
            switch self {
            case .linear: cgsl_interp_linear()
            case .naturalCubic: cgsl_interp_cspline()
            case .periodicCubic: cgsl_interp_cspline_periodic()
            case .akima: cgsl_interp_akima()
            case .steffen: cgsl_interp_steffen()
            }
        }
    }

    /// The interpolation method.
    public let kind: Kind
    /// The x values of the data points, strictly increasing.
    public let x: [Double]
    /// The y values of the data points, one for each x.
    public let y: [Double]

    /// The owned GSL spline, which holds its own copy of `x` and `y`; freed in `deinit`.
    private let spline: UnsafeMutablePointer<gsl_spline>

    /// Builds the spline of `kind` through the points (x[i], y[i]).
    ///
    /// - Parameters:
    ///   - x: The abscissae, finite and strictly increasing, at least `kind.minimumPointCount`.
    ///   - y: The ordinates, finite, one for each x; for `.periodicCubic` the first and the last
    ///     must be equal.
    ///   - kind: The interpolation method.
    /// - Throws: `GSLError` with status `.badLength` if `x` and `y` differ in length,
    ///   `.invalid` for too few points, x not strictly increasing or unequal periodic ends,
    ///   `.domain` for a value that is not finite, `.noMemory` if GSL cannot allocate.
    /// - Complexity: O(n) for n points.
    ///
    /// The corresponding GSL functions are `gsl_spline_alloc` and `gsl_spline_init`.
    public init(x: [Double], y: [Double], kind: Kind) throws(GSLError) {
        ensureErrorHandlerOff()
        try Spline.validate(x: x, y: y, kind: kind)
        guard let spline = gsl_spline_alloc(kind.interpolationType, x.count) else {
            throw GSLError(.noMemory, function: "gsl_spline_alloc")
        }
        let status = gsl_spline_init(spline, x, y, x.count)
        if status != GSLStatus.success.rawValue {
            gsl_spline_free(spline)
        }
        try check(status, "gsl_spline_init")
        self.kind = kind
        self.x = x
        self.y = y
        self.spline = spline
    }

    deinit {
        gsl_spline_free(spline)
    }

    /// The closed interval on which the spline is defined, from the first x to the last.
    public var domain: ClosedRange<Double> {
        x[0]...x[x.count - 1]
    }

    /// The value of the spline at `x`.
    ///
    /// - Parameter x: The point, in `domain`.
    /// - Returns: The interpolated value, in the unit of y.
    /// - Throws: `GSLError` with status `.domain` if `x` is outside `domain` or NaN.
    /// - Complexity: O(log n).
    ///
    /// The corresponding GSL function is `gsl_spline_eval_e`.
    public func value(at x: Double) throws(GSLError) -> Double {
        try evaluate("gsl_spline_eval_e", at: x) { gsl_spline_eval_e(spline, $0, nil, $1) }
    }

    /// The first derivative of the spline at `x`.
    ///
    /// - Parameter x: The point, in `domain`.
    /// - Returns: dy/dx, in the unit of y per unit of x.
    /// - Throws: `GSLError` with status `.domain` if `x` is outside `domain` or NaN.
    /// - Complexity: O(log n).
    ///
    /// The corresponding GSL function is `gsl_spline_eval_deriv_e`.
    public func derivative(at x: Double) throws(GSLError) -> Double {
        try evaluate("gsl_spline_eval_deriv_e", at: x) {
            gsl_spline_eval_deriv_e(spline, $0, nil, $1)
        }
    }

    /// The second derivative of the spline at `x`.
    ///
    /// - Parameter x: The point, in `domain`.
    /// - Returns: d²y/dx², in the unit of y per unit of x squared.
    /// - Throws: `GSLError` with status `.domain` if `x` is outside `domain` or NaN.
    /// - Complexity: O(log n).
    ///
    /// The corresponding GSL function is `gsl_spline_eval_deriv2_e`.
    public func secondDerivative(at x: Double) throws(GSLError) -> Double {
        try evaluate("gsl_spline_eval_deriv2_e", at: x) {
            gsl_spline_eval_deriv2_e(spline, $0, nil, $1)
        }
    }

    /// A GSL evaluation routine at `x` (in `domain`), which writes its result through a pointer.
    private func evaluate(
        _ function: String, at x: Double, _ routine: (Double, UnsafeMutablePointer<Double>) -> Int32
    ) throws(GSLError) -> Double {
        try requireInDomain(x, function)
        var result = 0.0
        try check(routine(x, &result), function)
        return result
    }

    /// The integral of the spline from `lower` to `upper`.
    ///
    /// - Parameters:
    ///   - lower: The start of integration, in `domain`.
    ///   - upper: The end of integration, in `domain`; if it is below `lower` the result is
    ///     the negative of the integral from `upper` to `lower`.
    /// - Returns: The integral, in the unit of y times the unit of x.
    /// - Throws: `GSLError` with status `.domain` if a limit is outside `domain` or NaN.
    /// - Complexity: O(log n + number of data intervals between the limits).
    ///
    /// The corresponding GSL function is `gsl_spline_eval_integ_e`.
    public func integral(from lower: Double, to upper: Double) throws(GSLError) -> Double {
        let function = "gsl_spline_eval_integ_e"
        try requireInDomain(lower, function)
        try requireInDomain(upper, function)
        var result = 0.0
        if lower <= upper {
            try check(gsl_spline_eval_integ_e(spline, lower, upper, nil, &result), function)
            return result
        }
        try check(gsl_spline_eval_integ_e(spline, upper, lower, nil, &result), function)
        return -result
    }

    private func requireInDomain(_ point: Double, _ function: String) throws(GSLError) {
        guard domain.contains(point) else {
            throw GSLError(
                .domain, function: function,
                reason: "x = \(point) is outside the data range \(domain)")
        }
    }

    private static func validate(x: [Double], y: [Double], kind: Kind) throws(GSLError) {
        let function = "gsl_spline_init"
        guard x.count == y.count else {
            throw GSLError(
                .badLength, function: function,
                reason: "\(x.count) x values but \(y.count) y values")
        }
        guard x.count >= kind.minimumPointCount else {
            throw GSLError(
                .invalid, function: function,
                reason: "\(kind) interpolation needs at least \(kind.minimumPointCount) points, "
                    + "got \(x.count)")
        }
        if let i = x.firstIndex(where: { !$0.isFinite }) {
            throw GSLError(.domain, function: function, reason: "x[\(i)] = \(x[i]) is not finite")
        }
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw GSLError(.domain, function: function, reason: "y[\(i)] = \(y[i]) is not finite")
        }
        for i in 1..<x.count where x[i] <= x[i - 1] {
            throw GSLError(
                .invalid, function: function,
                reason: "x must be strictly increasing, but x[\(i)] = \(x[i]) follows "
                    + "x[\(i - 1)] = \(x[i - 1])")
        }
        if kind == .periodicCubic, y[0] != y[y.count - 1] {
            throw GSLError(
                .invalid, function: function,
                reason: "a periodic spline needs equal first and last y, got \(y[0]) and "
                    + "\(y[y.count - 1])")
        }
    }
}
