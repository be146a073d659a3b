import GSL
import Testing

/// A decomposition or solve that must be refused with a given status.
struct InvalidDecompositionCall: Sendable, CustomTestStringConvertible {
    let name: String
    let status: GSLStatus
    let call: @Sendable () throws -> Void

    var testDescription: String { name }
}

/// The largest absolute difference between two matrices of the same shape.
private func largestDifference(_ a: Matrix, _ b: Matrix) -> Double {
    zip(a.elements, b.elements).map { abs($0 - $1) }.max() ?? 0
}

/// U · diag(s) · Vᵀ, computed with plain matrix products.
private func rebuild(_ svd: SingularValueDecomposition) -> Matrix {
    var diagonal = Matrix(rows: svd.singularValues.count, columns: svd.singularValues.count)
    for (i, value) in svd.singularValues.enumerated() {
        diagonal[i, i] = value
    }
    return svd.u * diagonal * svd.v.transposed()
}

/// Whether two vectors are equal up to a common sign, to `tolerance`.
private func equalUpToSign(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
    let plus = zip(a, b).allSatisfy { abs($0 - $1) < tolerance }
    let minus = zip(a, b).allSatisfy { abs($0 + $1) < tolerance }
    return plus || minus
}

@Suite("SingularValueDecomposition")
struct SingularValueDecompositionTests {
    // A = [[3, 2, 2], [2, 3, −2]]. By hand: A·Aᵀ = [[17, 8], [8, 17]] has eigenvalues 25 and 9
    // with eigenvectors (1, 1)/√2 and (1, −1)/√2, so the singular values are 5 and 3, and
    // vᵢ = Aᵀuᵢ/σᵢ gives v₁ = (1, 1, 0)/√2 and v₂ = (1, −1, 4)/√18.
    static let wide = Matrix([[3, 2, 2], [2, 3, -2]])

    @Test("The 2 × 3 matrix [[3, 2, 2], [2, 3, −2]] has singular values 5 and 3")
    func wideMatrixSingularValues() throws {
        let svd = try SingularValueDecomposition(Self.wide)
        #expect(svd.singularValues.count == 2)
        #expect(abs(svd.singularValues[0] - 5) < 1e-14)
        #expect(abs(svd.singularValues[1] - 3) < 1e-14)
        #expect(svd.u.rows == 2 && svd.u.columns == 2)
        #expect(svd.v.rows == 3 && svd.v.columns == 2)
    }

    @Test("U · S · Vᵀ rebuilds [[3, 2, 2], [2, 3, −2]] to 1e-14")
    func wideMatrixRebuilds() throws {
        // The defining identity of the decomposition.
        let svd = try SingularValueDecomposition(Self.wide)
        #expect(largestDifference(rebuild(svd), Self.wide) < 1e-14)
    }

    @Test("The singular vectors of [[3, 2, 2], [2, 3, −2]] are (1, 1)/√2 and (1, 1, 0)/√2 …")
    func wideMatrixSingularVectors() throws {
        // The hand computation above, up to the sign shared by each pair uᵢ, vᵢ.
        let svd = try SingularValueDecomposition(Self.wide)
        let r2 = 2.0.squareRoot()
        let r18 = 18.0.squareRoot()
        #expect(equalUpToSign(svd.u.column(0), [1 / r2, 1 / r2], tolerance: 1e-14))
        #expect(equalUpToSign(svd.u.column(1), [1 / r2, -1 / r2], tolerance: 1e-14))
        #expect(equalUpToSign(svd.v.column(0), [1 / r2, 1 / r2, 0], tolerance: 1e-14))
        #expect(equalUpToSign(svd.v.column(1), [1 / r18, -1 / r18, 4 / r18], tolerance: 1e-14))
    }

    @Test("The 3 × 2 transpose also has singular values 5 and 3, with U and V swapped")
    func tallMatrix() throws {
        // Aᵀ = V S Uᵀ, so the singular values are those of A.
        let tall = Self.wide.transposed()
        let svd = try SingularValueDecomposition(tall)
        #expect(abs(svd.singularValues[0] - 5) < 1e-14)
        #expect(abs(svd.singularValues[1] - 3) < 1e-14)
        #expect(svd.u.rows == 3 && svd.v.rows == 2)
        #expect(largestDifference(rebuild(svd), tall) < 1e-14)
        #expect(svd.rank() == 2)
    }

    @Test("U and V of a 4 × 3 matrix have orthonormal columns: UᵀU = VᵀV = I to 1e-14")
    func orthonormalColumns() throws {
        // Orthonormality is part of the definition of the SVD.
        let matrix = Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 10], [-1, 0, 2]])
        let svd = try SingularValueDecomposition(matrix)
        #expect(largestDifference(svd.u.transposed() * svd.u, .identity(3)) < 1e-14)
        #expect(largestDifference(svd.v.transposed() * svd.v, .identity(3)) < 1e-14)
        #expect(largestDifference(rebuild(svd), matrix) < 1e-13)
    }

    @Test("The column (3, 4) and the row (3, 4) both have the single singular value 5")
    func vectors() throws {
        // A vector's only singular value is its length, √(9 + 16) = 5, with singular vectors
        // (0.6, 0.8) and (1), up to a common sign.
        let column = try SingularValueDecomposition(Matrix([[3], [4]]))
        #expect(column.singularValues.count == 1)
        #expect(abs(column.singularValues[0] - 5) < 1e-15)
        #expect(equalUpToSign(column.u.column(0), [0.6, 0.8], tolerance: 1e-15))
        let row = try SingularValueDecomposition(Matrix([[3, 4]]))
        #expect(abs(row.singularValues[0] - 5) < 1e-15)
        #expect(equalUpToSign(row.v.column(0), [0.6, 0.8], tolerance: 1e-15))
        #expect(row.u.rows == 1 && row.u.columns == 1 && abs(row.u[0, 0]) == 1)
    }

    @Test("diag(1, 3, 2) has singular values in descending order 3, 2, 1")
    func descendingOrder() throws {
        // The singular values of a diagonal matrix are the absolute diagonal entries.
        let svd = try SingularValueDecomposition(Matrix([[1, 0, 0], [0, 3, 0], [0, 0, -2]]))
        #expect(zip(svd.singularValues, [3.0, 2, 1]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test("[[1, 2], [2, 4], [3, 6]] has singular values √70 and 0 and rank 1")
    func rankDeficient() throws {
        // Every row is a multiple of (1, 2): A = (1, 2, 3)ᵀ(1, 2), so σ₁ = ‖(1, 2, 3)‖ · ‖(1, 2)‖
        // = √14 · √5 = √70 and σ₂ = 0.
        let svd = try SingularValueDecomposition(Matrix([[1, 2], [2, 4], [3, 6]]))
        #expect(abs(svd.singularValues[0] - 70.0.squareRoot()) < 1e-13)
        #expect(svd.singularValues[1] < 1e-14)
        #expect(svd.rank() == 1)
        #expect(svd.rank(tolerance: 9) == 0)
    }

    @Test("The least-squares line through (0, 1), (1, 2), (2, 2) is y = 7/6 + x/2")
    func leastSquaresLine() throws {
        // Normal equations by hand: XᵀX = [[3, 3], [3, 5]], Xᵀy = (5, 6), so
        // (a, b) = [[5, −3], [−3, 3]] (5, 6) / 6 = (7/6, 1/2).
        let design = Matrix([[1, 0], [1, 1], [1, 2]])
        let x = try SingularValueDecomposition(design).solveLeastSquares([1, 2, 2])
        #expect(abs(x[0] - 7.0 / 6) < 1e-14)
        #expect(abs(x[1] - 0.5) < 1e-14)
    }

    @Test("The square system [[2, 1], [1, 3]] x = (3, 5) has solution (0.8, 1.4)")
    func squareSystem() throws {
        // Check: 2 · 0.8 + 1.4 = 3 and 0.8 + 3 · 1.4 = 5.
        let x = try SingularValueDecomposition(Matrix([[2, 1], [1, 3]])).solveLeastSquares([3, 5])
        #expect(abs(x[0] - 0.8) < 1e-14)
        #expect(abs(x[1] - 1.4) < 1e-14)
    }

    @Test("The rank-1 system [[1, 2], [2, 4], [3, 6]] x = (1, 2, 3) has least-norm x = (0.2, 0.4)")
    func rankDeficientSolve() throws {
        // Solutions satisfy x₁ + 2x₂ = 1; the shortest lies along (1, 2): x = (1, 2)/5. σ₂ is 0
        // up to roundoff and must be dropped.
        let svd = try SingularValueDecomposition(Matrix([[1, 2], [2, 4], [3, 6]]))
        let x = try svd.solveLeastSquares([1, 2, 3])
        #expect(abs(x[0] - 0.2) < 1e-14)
        #expect(abs(x[1] - 0.4) < 1e-14)
    }

    @Test("diag(1, 1e-20) x = (1, 1) gives (1, 0) at the default tolerance and (1, 1e20) at 0")
    func toleranceDropsTinySingularValues() throws {
        // By hand: σ = (1, 1e-20). The default tolerance 2 · 1 · 2^-52 ≈ 4.4e-16 drops σ₂, leaving
        // the component along e₂ at 0; tolerance 0 keeps it and divides by 1e-20.
        let svd = try SingularValueDecomposition(Matrix([[1, 0], [0, 1e-20]]))
        #expect(svd.rank() == 1)
        #expect(svd.rank(tolerance: 0) == 2)
        let dropped = try svd.solveLeastSquares([1, 1])
        #expect(abs(dropped[0] - 1) < 1e-15 && dropped[1] == 0)
        let kept = try svd.solveLeastSquares([1, 1], tolerance: 0)
        #expect(abs(kept[0] - 1) < 1e-15 && abs(kept[1] - 1e20) < 1e5)
    }

    @Test("The wide system [[1, 0, 1], [0, 1, 1]] x = (1, 1) has minimum-norm x = (1/3, 1/3, 2/3)")
    func underdeterminedSolve() throws {
        // Minimum norm x = Aᵀ(AAᵀ)⁻¹b with AAᵀ = [[2, 1], [1, 2]], whose inverse maps (1, 1) to
        // (1/3, 1/3); Aᵀ(1/3, 1/3) = (1/3, 1/3, 2/3).
        let svd = try SingularValueDecomposition(Matrix([[1, 0, 1], [0, 1, 1]]))
        let x = try svd.solveLeastSquares([1, 1])
        #expect(abs(x[0] - 1.0 / 3) < 1e-14)
        #expect(abs(x[1] - 1.0 / 3) < 1e-14)
        #expect(abs(x[2] - 2.0 / 3) < 1e-14)
    }

    @Test("The 1 × 2 system x₁ + x₂ = 2 has minimum-norm solution (1, 1)")
    func singleEquation() throws {
        // The shortest point on the line x₁ + x₂ = 2 is its foot from the origin, (1, 1).
        let x = try SingularValueDecomposition(Matrix([[1, 1]])).solveLeastSquares([2])
        #expect(abs(x[0] - 1) < 1e-14)
        #expect(abs(x[1] - 1) < 1e-14)
    }

    static let invalidCalls: [InvalidDecompositionCall] = [
        InvalidDecompositionCall(name: "a 0 × 0 matrix", status: .badLength) {
            _ = try SingularValueDecomposition(Matrix([]))
        },
        InvalidDecompositionCall(name: "a 0 × 3 matrix", status: .badLength) {
            _ = try SingularValueDecomposition(Matrix(rows: 0, columns: 3))
        },
        InvalidDecompositionCall(name: "a NaN element", status: .domain) {
            _ = try SingularValueDecomposition(Matrix([[1, .nan], [0, 1]]))
        },
        InvalidDecompositionCall(name: "an infinite element", status: .domain) {
            _ = try SingularValueDecomposition(Matrix([[1, 0], [.infinity, 1]]))
        },
        InvalidDecompositionCall(name: "b of length 3 for 2 rows", status: .badLength) {
            _ = try SingularValueDecomposition(Matrix([[1, 0], [0, 1]])).solveLeastSquares(
                [1, 2, 3])
        },
        InvalidDecompositionCall(name: "b with NaN", status: .domain) {
            _ = try SingularValueDecomposition(Matrix([[1, 0], [0, 1]])).solveLeastSquares(
                [1, .nan])
        },
        InvalidDecompositionCall(name: "tolerance −1", status: .badTolerance) {
            _ = try SingularValueDecomposition(Matrix([[1, 0], [0, 1]])).solveLeastSquares(
                [1, 2], tolerance: -1)
        },
    ]

    @Test(
        "Invalid matrices and right-hand sides are refused with the exact status",
        arguments: invalidCalls)
    func invalidInput(_ invalid: InvalidDecompositionCall) {
        // Each input breaks one documented requirement (non-empty, finite, conforming length,
        // non-negative tolerance).
        let error = #expect(throws: GSLError.self) {
            try invalid.call()
        }
        #expect(error?.status == invalid.status)
    }
}
