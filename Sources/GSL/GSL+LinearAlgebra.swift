internal import CGSL

/// The thin singular value decomposition A = U · diag(s) · Vᵀ of an m × n matrix A.
///
/// With k = min(m, n), `u` is m × k and `v` is n × k, both with orthonormal columns, and the k
/// singular values s are non-negative and non-increasing. Each pair of singular vectors (column
/// i of `u`, column i of `v`) is determined up to a common sign, which is GSL's choice; callers
/// that need a convention (Lee–Carter's b_x summing to 1, say) normalise it themselves.
///
/// GSL's (modified Golub–Reinsch) decomposition requires m ≥ n. For m < n this type decomposes
/// Aᵀ = U′ · diag(s) · V′ᵀ and returns U = V′ and V = U′.
public struct SingularValueDecomposition: Equatable, Sendable {
    /// The left singular vectors, one per column: an m × k matrix with orthonormal columns.
    public let u: Matrix
    /// The singular values, non-negative and in non-increasing order; k of them.
    public let singularValues: [Double]
    /// The right singular vectors, one per column: an n × k matrix with orthonormal columns.
    public let v: Matrix

    /// Decomposes `matrix`.
    ///
    /// - Parameter matrix: The matrix A, with at least one row and one column and finite
    ///   elements.
    /// - Throws: `GSLError` with status `.badLength` for an empty matrix, `.domain` for an
    ///   element that is not finite, or the status GSL reports.
    /// - Complexity: O(m n²) for m ≥ n.
    ///
    /// The corresponding GSL function is `gsl_linalg_SV_decomp`.
    public init(_ matrix: Matrix) throws(GSLError) {
        ensureErrorHandlerOff()
        let function = "gsl_linalg_SV_decomp"
        guard matrix.rows > 0, matrix.columns > 0 else {
            throw GSLError(
                .badLength, function: function,
                reason: "cannot decompose a \(matrix.rows) × \(matrix.columns) matrix")
        }
        if let index = matrix.elements.firstIndex(where: { !$0.isFinite }) {
            let (i, j) = index.quotientAndRemainder(dividingBy: matrix.columns)
            throw GSLError(
                .domain, function: function,
                reason: "element (\(i), \(j)) = \(matrix.elements[index]) is not finite")
        }
        if matrix.rows >= matrix.columns {
            (u, singularValues, v) = try decomposeTall(matrix)
        } else {
            let transposed = try decomposeTall(matrix.transposed())
            (u, singularValues, v) = (transposed.v, transposed.s, transposed.u)
        }
    }

    /// The tolerance used when none is given: max(m, n) · s₁ · ε, with s₁ the largest singular
    /// value and ε = 2^-52 the machine epsilon (the convention of LAPACK-based `rank` functions
    /// such as NumPy's `matrix_rank`).
    public var defaultTolerance: Double {
        Double(max(u.rows, v.rows)) * (singularValues.first ?? 0) * Double.ulpOfOne
    }

    /// The number of singular values above `tolerance`: the numerical rank of the matrix.
    ///
    /// - Parameter tolerance: Singular values at or below this are counted as zero;
    ///   `nil` means `defaultTolerance`. Precondition: not negative and not NaN.
    /// - Returns: The rank, in 0...min(m, n).
    public func rank(tolerance: Double? = nil) -> Int {
        let threshold = tolerance ?? defaultTolerance
        precondition(threshold >= 0, "tolerance \(threshold) is negative or NaN")
        return singularValues.count(where: { $0 > threshold })
    }

    /// The least-squares solution of A · x = b of smallest norm.
    ///
    /// Computes x = V · diag(1/s) · Uᵀ · b, where singular values at or below `tolerance` are
    /// treated as exactly zero (their terms dropped), so rank-deficient and underdetermined
    /// systems get the minimum-norm solution instead of a blow-up from dividing by roundoff.
    ///
    /// - Parameters:
    ///   - b: The right-hand side, one value per row of A, finite.
    ///   - tolerance: Singular values at or below this are dropped; `nil` means
    ///     `defaultTolerance`. Must be ≥ 0.
    /// - Returns: x, one value per column of A, minimising ‖A x − b‖₂ and then ‖x‖₂.
    /// - Throws: `GSLError` with status `.badLength` if `b` has the wrong length, `.domain` for a
    ///   value of `b` that is not finite, `.badTolerance` for a negative or NaN tolerance.
    /// - Complexity: O(m n).
    ///
    /// The corresponding GSL function is `gsl_linalg_SV_solve` when m ≥ n. For m < n GSL's solver
    /// does not apply (it needs a square V), and the same formula is evaluated in Swift.
    public func solveLeastSquares(
        _ b: [Double], tolerance: Double? = nil
    ) throws(GSLError) -> [Double] {
        ensureErrorHandlerOff()
        let function = "gsl_linalg_SV_solve"
        guard b.count == u.rows else {
            throw GSLError(
                .badLength, function: function,
                reason: "b has \(b.count) values but the matrix has \(u.rows) rows")
        }
        if let i = b.firstIndex(where: { !$0.isFinite }) {
            throw GSLError(.domain, function: function, reason: "b[\(i)] = \(b[i]) is not finite")
        }
        let threshold = tolerance ?? defaultTolerance
        guard threshold >= 0 else {
            throw GSLError(
                .badTolerance, function: function,
                reason: "tolerance \(threshold) is negative or NaN")
        }
        let kept = singularValues.map { $0 > threshold ? $0 : 0 }
        if u.rows >= v.rows {
            return try solveTall(b, singularValues: kept)
        }
        var x = Array(repeating: 0.0, count: v.rows)
        for i in 0..<kept.count where kept[i] != 0 {
            var projection = 0.0
            for r in 0..<u.rows {
                projection += u[r, i] * b[r]
            }
            let coefficient = projection / kept[i]
            for r in 0..<v.rows {
                x[r] += coefficient * v[r, i]
            }
        }
        return x
    }

    /// Solves with GSL for m ≥ n, where `u` is m × n and `v` is n × n.
    private func solveTall(
        _ b: [Double], singularValues kept: [Double]
    ) throws(GSLError) -> [Double] {
        var uElements = u.elements
        var vElements = v.elements
        var s = kept
        var rhs = b
        var x = Array(repeating: 0.0, count: v.rows)
        let (m, n) = (u.rows, v.rows)
        let status = withMatrixViews(&uElements, &vElements, rows: m, columns: n) { u, v in
            withVectorView(&s) { s in
                withVectorView(&rhs) { b in
                    withVectorView(&x) { x in gsl_linalg_SV_solve(u, v, s, b, x) }
                }
            }
        }
        try check(status, "gsl_linalg_SV_solve")
        return x
    }
}

/// Decomposes an m × n matrix with m ≥ n ≥ 1 and finite elements with GSL.
///
/// GSL works on views of Swift arrays, so nothing is allocated on the C side: `a` is overwritten
/// with U (m × n), `vElements` receives V (n × n) and `s` the singular values.
private func decomposeTall(
    _ matrix: Matrix
) throws(GSLError) -> (u: Matrix, s: [Double], v: Matrix) {
    let (m, n) = (matrix.rows, matrix.columns)
    var a = matrix.elements
    var vElements = Array(repeating: 0.0, count: n * n)
    var s = Array(repeating: 0.0, count: n)
    var work = Array(repeating: 0.0, count: n)
    let status = withMatrixViews(&a, &vElements, rows: m, columns: n) { a, v in
        withVectorView(&s) { s in
            withVectorView(&work) { work in gsl_linalg_SV_decomp(a, v, s, work) }
        }
    }
    try check(status, "gsl_linalg_SV_decomp")
    return (
        Matrix(rows: m, columns: n, elements: a), s,
        Matrix(rows: n, columns: n, elements: vElements)
    )
}

/// Views of two arrays as GSL matrices for one call: `a` as m × n, `v` as n × n (row-major).
private func withMatrixViews<Result>(
    _ a: inout [Double], _ v: inout [Double], rows m: Int, columns n: Int,
    _ body: (UnsafeMutablePointer<gsl_matrix>, UnsafeMutablePointer<gsl_matrix>) -> Result
) -> Result {
    a.withUnsafeMutableBufferPointer { aBuffer in
        v.withUnsafeMutableBufferPointer { vBuffer in
            var aView = gsl_matrix_view_array(aBuffer.baseAddress, m, n)
            var vView = gsl_matrix_view_array(vBuffer.baseAddress, n, n)
            return body(&aView.matrix, &vView.matrix)
        }
    }
}

/// A view of an array as a GSL vector for one call.
private func withVectorView<Result>(
    _ x: inout [Double], _ body: (UnsafeMutablePointer<gsl_vector>) -> Result
) -> Result {
    x.withUnsafeMutableBufferPointer { buffer in
        var view = gsl_vector_view_array(buffer.baseAddress, buffer.count)
        return body(&view.vector)
    }
}
