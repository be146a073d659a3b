internal import CGSL

/// Finds a root of `f` inside `bracket` with Brent's method.
///
/// Brent's method (Brent, *Algorithms for Minimization without Derivatives*, 1973) combines
/// bisection, the secant method and inverse quadratic interpolation; it keeps a bracket on which
/// `f` changes sign, so it always converges for a continuous `f`. Iteration stops when the
/// bracket [a, b] satisfies |a − b| < `absoluteTolerance` + `relativeTolerance` · min(|a|, |b|)
/// (GSL's `gsl_root_test_interval`), and the solver's current best estimate is returned.
///
/// `f` is evaluated once at each end of the bracket (in Swift, before GSL starts) and then once
/// per iteration. If `f` throws, the solver stops and the error is rethrown unchanged.
///
/// - Parameters:
///   - f: The function, continuous on `bracket`.
///   - bracket: The interval to search, with finite bounds; `f` must have opposite signs at its
///     ends, or be zero at one of them (that end is then returned).
///   - absoluteTolerance: The absolute tolerance on the root, ≥ 0, in the unit of x.
///   - relativeTolerance: The tolerance relative to the root's magnitude, ≥ 0.
///   - maxIterations: The most iterations to run, ≥ 1.
/// - Returns: x with f(x) ≈ 0 to within the tolerances.
/// - Throws: The error thrown by `f`, unchanged; otherwise `GSLError` with status `.domain` for
///   a bound that is not finite, `.badTolerance` for a negative or NaN tolerance, `.invalid` if
///   `maxIterations` < 1 or `f` does not change sign on `bracket`, `.badFunction` if `f` returns
///   NaN or an infinity, `.maxIterations` if the tolerances are not met in time.
///
/// The corresponding GSL functions are `gsl_root_fsolver_brent`, `gsl_root_fsolver_iterate` and
/// `gsl_root_test_interval`.
public func findRoot(
    of f: (Double) throws -> Double,
    in bracket: ClosedRange<Double>,
    absoluteTolerance: Double = 1e-10,
    relativeTolerance: Double = 1e-12,
    maxIterations: Int = 200
) throws -> Double {
    ensureErrorHandlerOff()
    let function = "gsl_root_fsolver_set"
    let (lower, upper) = (bracket.lowerBound, bracket.upperBound)
    guard lower.isFinite, upper.isFinite else {
        throw GSLError(.domain, function: function, reason: "bracket \(bracket) is not finite")
    }
    guard absoluteTolerance >= 0, relativeTolerance >= 0 else {
        throw GSLError(
            .badTolerance, function: "gsl_root_test_interval",
            reason: "tolerances \(absoluteTolerance) and \(relativeTolerance) must be ≥ 0")
    }
    guard maxIterations >= 1 else {
        throw GSLError(
            .invalid, function: "gsl_root_fsolver_iterate",
            reason: "maxIterations \(maxIterations) is below 1")
    }
    let fLower = try f(lower)
    if fLower == 0 {
        return lower
    }
    let fUpper = try f(upper)
    if fUpper == 0 {
        return upper
    }
    guard fLower.isFinite, fUpper.isFinite else {
        throw GSLError(
            .badFunction, function: function,
            reason: "f(\(lower)) = \(fLower) and f(\(upper)) = \(fUpper) must be finite")
    }
    guard (fLower < 0) != (fUpper < 0) else {
        throw GSLError(
            .invalid, function: function,
            reason: "f does not change sign on \(bracket): f(\(lower)) = \(fLower), "
                + "f(\(upper)) = \(fUpper)")
    }
    return try withoutActuallyEscaping(f) { f in
        var context = RootFunctionContext(
            function: f, lower: lower, fLower: fLower, upper: upper, fUpper: fUpper)
        return try withUnsafeMutablePointer(to: &context) { context in
            try runBrent(
                context, absoluteTolerance: absoluteTolerance,
                relativeTolerance: relativeTolerance, maxIterations: maxIterations)
        }
    }
}

/// What the C callback needs: the Swift function, its known values at the bracket ends (so
/// that GSL's set-up does not evaluate them again), and the first error it threw.
private struct RootFunctionContext {
    let function: (Double) throws -> Double
    let lower: Double
    let fLower: Double
    let upper: Double
    let fUpper: Double
    var error: (any Error)?
}

/// The `gsl_function` callback: evaluates the Swift function through the context pointer.
///
/// A thrown error is stored in the context and NaN returned, which makes GSL's solver stop with
/// `GSL_EBADFUNC`; the caller then rethrows the stored error.
private func evaluateRootFunction(_ x: Double, _ parameters: UnsafeMutableRawPointer?) -> Double {
    guard let parameters else {
        return .nan
    }
    let context = parameters.assumingMemoryBound(to: RootFunctionContext.self)
    guard context.pointee.error == nil else {
        return .nan
    }
    if x == context.pointee.lower {
        return context.pointee.fLower
    }
    if x == context.pointee.upper {
        return context.pointee.fUpper
    }
    do {
        return try context.pointee.function(x)
    } catch {
        context.pointee.error = error
        return .nan
    }
}

/// Runs GSL's Brent solver on the function in `context`, whose bracket is already checked.
private func runBrent(
    _ context: UnsafeMutablePointer<RootFunctionContext>,
    absoluteTolerance: Double, relativeTolerance: Double, maxIterations: Int
) throws -> Double {
    guard let solver = gsl_root_fsolver_alloc(cgsl_root_fsolver_brent()) else {
        throw GSLError(.noMemory, function: "gsl_root_fsolver_alloc")
    }
    defer {
        gsl_root_fsolver_free(solver)
    }
    // The solver keeps the address of the gsl_function, so it must stay put while it runs.
    var callback = gsl_function(function: evaluateRootFunction, params: context)
    return try withUnsafeMutablePointer(to: &callback) { callback in
        let status = gsl_root_fsolver_set(
            solver, callback, context.pointee.lower, context.pointee.upper)
        if let error = context.pointee.error {
            throw error
        }
        try check(status, "gsl_root_fsolver_set")
        for _ in 0..<maxIterations {
            let status = gsl_root_fsolver_iterate(solver)
            if let error = context.pointee.error {
                throw error
            }
            try check(status, "gsl_root_fsolver_iterate")
            let test = gsl_root_test_interval(
                gsl_root_fsolver_x_lower(solver), gsl_root_fsolver_x_upper(solver),
                absoluteTolerance, relativeTolerance)
            if test != GSLStatus.continueIteration.rawValue {
                try check(test, "gsl_root_test_interval")
                return gsl_root_fsolver_root(solver)
            }
        }
        throw GSLError(
            .maxIterations, function: "gsl_root_fsolver_iterate",
            reason: "no convergence in \(maxIterations) iterations")
    }
}
