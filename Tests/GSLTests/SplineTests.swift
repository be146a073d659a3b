import GSL
import Testing

/// Spline data that must be refused with a given status.
struct InvalidSplineInput: Sendable, CustomTestStringConvertible {
    let name: String
    let x: [Double]
    let y: [Double]
    let kind: Spline.Kind
    let status: GSLStatus

    var testDescription: String { name }
}

@Suite("Spline")
struct SplineTests {
    // The hat (0, 0), (1, 1), (2, 0). Natural cubic spline by hand, with moments Mᵢ = S''(xᵢ):
    // M₀ = M₂ = 0 and M₀ + 4M₁ + M₂ = 6(y₀ − 2y₁ + y₂) = −12, so M₁ = −3, and on [0, 1]
    // S(x) = 1.5x − 0.5x³, S'(x) = 1.5 − 1.5x², S''(x) = −3x; the right half is the mirror image.
    static let hatX: [Double] = [0, 1, 2]
    static let hatY: [Double] = [0, 1, 0]

    @Test("A natural cubic spline through (0,0), (1,1), (2,0) equals 0.6875 at x = 0.5")
    func naturalCubicValue() throws {
        // S(0.5) = 0.75 − 0.0625 = 0.6875 (hand computation above).
        let spline = try Spline(x: Self.hatX, y: Self.hatY, kind: .naturalCubic)
        #expect(abs(try spline.value(at: 0.5) - 0.6875) < 1e-15)
        #expect(abs(try spline.value(at: 1.5) - 0.6875) < 1e-15)
    }

    @Test("The hat spline has S'(0.5) = 1.125, S''(1) = −3 and S''(0) = 0")
    func naturalCubicDerivatives() throws {
        // S'(0.5) = 1.5 − 0.375 = 1.125; S''(1) = M₁ = −3; natural ends have S'' = 0.
        let spline = try Spline(x: Self.hatX, y: Self.hatY, kind: .naturalCubic)
        #expect(abs(try spline.derivative(at: 0.5) - 1.125) < 1e-15)
        #expect(abs(try spline.derivative(at: 1.5) + 1.125) < 1e-15)
        #expect(abs(try spline.secondDerivative(at: 1) + 3) < 1e-15)
        #expect(abs(try spline.secondDerivative(at: 0)) < 1e-15)
    }

    @Test("The hat spline integrates to 0.625 on [0, 1], 1.25 on [0, 2] and −1.25 on [2, 0]")
    func naturalCubicIntegral() throws {
        // ∫₀¹ (1.5x − 0.5x³) dx = 0.75 − 0.125 = 0.625; the right half mirrors the left.
        let spline = try Spline(x: Self.hatX, y: Self.hatY, kind: .naturalCubic)
        #expect(abs(try spline.integral(from: 0, to: 1) - 0.625) < 1e-15)
        #expect(abs(try spline.integral(from: 0, to: 2) - 1.25) < 1e-14)
        #expect(abs(try spline.integral(from: 2, to: 0) + 1.25) < 1e-14)
        #expect(try spline.integral(from: 0.7, to: 0.7) == 0)
    }

    @Test("A periodic cubic spline through (0,0), (1,1), (2,0) equals 0.5 at x = 0.5")
    func periodicCubicValue() throws {
        // By hand, with period 2: node 1 gives M₀ + 4M₁ + M₂ = −12 and node 0, whose left
        // neighbour wraps round to node 1, gives 4M₀ + 2M₁ = 6(1 + 1) = 12; with M₂ = M₀,
        // M₀ = 6 and M₁ = −6. On [0, 1], S(x) = (1 − x)³ − x³ − (1 − x) + 2x, so S(0.5) = 0.5,
        // S'(0) = 0, S'(0.5) = 1.5 and S''(0) = 6.
        let spline = try Spline(x: Self.hatX, y: Self.hatY, kind: .periodicCubic)
        #expect(abs(try spline.value(at: 0.5) - 0.5) < 1e-14)
        #expect(abs(try spline.derivative(at: 0)) < 1e-14)
        #expect(abs(try spline.derivative(at: 0.5) - 1.5) < 1e-14)
        #expect(abs(try spline.secondDerivative(at: 0) - 6) < 1e-14)
    }

    @Test("Linear interpolation of the hat equals 0.5 at x = 0.5 and 0.25 at x = 1.75")
    func linearValue() throws {
        // Straight lines between the points: 0.5 · 1 and 1 − 0.75.
        let spline = try Spline(x: Self.hatX, y: Self.hatY, kind: .linear)
        #expect(try spline.value(at: 0.5) == 0.5)
        #expect(try spline.value(at: 1.75) == 0.25)
        #expect(try spline.derivative(at: 1.75) == -1)
    }

    @Test(
        "Every method reproduces the line y = 2x + 1 through 5 points to 1e-12",
        arguments: [Spline.Kind.linear, .naturalCubic, .akima, .steffen])
    func linearDataReproduced(kind: Spline.Kind) throws {
        // A line satisfies the conditions of every method (natural ends have y'' = 0; Akima's
        // and Steffen's node slopes are the common slope 2), so each must return the line.
        let x: [Double] = [0, 1, 2.5, 4, 6]
        let spline = try Spline(x: x, y: x.map { 2 * $0 + 1 }, kind: kind)
        for point in [0, 0.3, 1.7, 2.5, 3.3, 5.9, 6] {
            #expect(abs(try spline.value(at: point) - (2 * point + 1)) < 1e-12)
            #expect(abs(try spline.derivative(at: point) - 2) < 1e-12)
        }
        #expect(abs(try spline.integral(from: 0, to: 6) - 42) < 1e-12)
    }

    // Step data: y = 0 for x = 0, 1, 2 and y = 1 for x = 3, 4, 5.
    static let stepX: [Double] = [0, 1, 2, 3, 4, 5]
    static let stepY: [Double] = [0, 0, 0, 1, 1, 1]

    @Test("On step data the natural cubic undershoots to −9/88 at x = 1.5; Steffen stays at 0")
    func steffenDoesNotOvershoot() throws {
        // Natural cubic by hand: Mᵢ₋₁ + 4Mᵢ + Mᵢ₊₁ = 6Δ²yᵢ with Δ²y = (0, 1, −1, 0) at nodes
        // 1…4 gives M = (0, −6/11, 24/11, −24/11, 6/11, 0); on [1, 2] with y₁ = y₂ = 0,
        // S(1.5) = (M₁ + M₂)(0.125 − 0.5)/6 = −9/88. Steffen: both node slopes on [1, 2] are 0
        // (one neighbouring secant is flat), so the cubic is flat at 0, and on [2, 3] it is
        // 3t² − 2t³, which is 0.5 at t = 0.5.
        let cubic = try Spline(x: Self.stepX, y: Self.stepY, kind: .naturalCubic)
        #expect(abs(try cubic.value(at: 1.5) + 9.0 / 88) < 1e-15)
        let steffen = try Spline(x: Self.stepX, y: Self.stepY, kind: .steffen)
        #expect(try steffen.value(at: 1.5) == 0)
        #expect(abs(try steffen.value(at: 2.5) - 0.5) < 1e-15)
    }

    @Test("On step data Steffen is non-decreasing within [0, 1] at 501 points")
    func steffenIsMonotone() throws {
        // Steffen (1990) guarantees monotonicity between points for monotone data, so no value
        // leaves the data range [0, 1] and the values never decrease.
        let steffen = try Spline(x: Self.stepX, y: Self.stepY, kind: .steffen)
        var previous = -Double.infinity
        for i in 0...500 {
            let value = try steffen.value(at: Double(i) / 100)
            #expect(value >= 0 && value <= 1)
            #expect(value >= previous)
            previous = value
        }
    }

    @Test("Steffen's slope at the middle node of (0,0), (1,2), (3,3) is 1, from Steffen (1990)")
    func steffenNodeSlopeBoundedBySecant() throws {
        // Steffen (1990) eq. 11: y'ᵢ = (sign sᵢ₋₁ + sign sᵢ) · min(|sᵢ₋₁|, |sᵢ|, |pᵢ|/2), with
        // secants s₀ = 2, s₁ = 0.5, widths h₀ = 1, h₁ = 2 and pᵢ = (sᵢ₋₁hᵢ + sᵢhᵢ₋₁)/(hᵢ₋₁ + hᵢ)
        // = (4 + 0.5)/3 = 1.5, so y'₁ = 2 · min(2, 0.5, 0.75) = 1. At the ends GSL takes the
        // paper's "simplest possibility" (section 2.2), the adjacent secant: y'₀ = 2, y'₂ = 0.5.
        // The Hermite cubic on [1, 3] with slopes 1 and 0.5 is 2 + 0.25 + 1.5 − 0.125 = 2.625
        // at its midpoint.
        let spline = try Spline(x: [0, 1, 3], y: [0, 2, 3], kind: .steffen)
        #expect(abs(try spline.derivative(at: 1) - 1) < 1e-15)
        #expect(abs(try spline.derivative(at: 0) - 2) < 1e-15)
        #expect(abs(try spline.derivative(at: 3) - 0.5) < 1e-14)
        #expect(abs(try spline.value(at: 2) - 2.625) < 1e-15)
    }

    @Test("Steffen's slope at the middle node of (0,0), (1,1), (2,3) is 1.5 = |p|/2")
    func steffenNodeSlopeBoundedByParabola() throws {
        // Same formula with s₀ = 1, s₁ = 2, h₀ = h₁ = 1: p₁ = 1.5 and y'₁ = 2 · min(1, 2, 0.75).
        let spline = try Spline(x: [0, 1, 2], y: [0, 1, 3], kind: .steffen)
        #expect(abs(try spline.derivative(at: 1) - 1.5) < 1e-15)
    }

    @Test("The minimum point counts are 2, 3, 2, 5 and 3 for the five methods")
    func minimumPointCounts() {
        // A line needs 2 points; a natural cubic and Steffen's cubic 3; a periodic cubic 2 (one
        // period); Akima's slopes use two secants on each side, hence 5 (GSL manual,
        // "Interpolation Types", and gsl_interp_type_min_size).
        #expect(Spline.Kind.linear.minimumPointCount == 2)
        #expect(Spline.Kind.naturalCubic.minimumPointCount == 3)
        #expect(Spline.Kind.periodicCubic.minimumPointCount == 2)
        #expect(Spline.Kind.akima.minimumPointCount == 5)
        #expect(Spline.Kind.steffen.minimumPointCount == 3)
    }

    @Test("The spline keeps the data and reports the domain [0, 2]")
    func keepsData() throws {
        // The data passed in, unchanged.
        let spline = try Spline(x: Self.hatX, y: Self.hatY, kind: .naturalCubic)
        #expect(spline.x == [0, 1, 2])
        #expect(spline.y == [0, 1, 0])
        #expect(spline.domain == 0...2)
        #expect(spline.kind == .naturalCubic)
    }

    @Test(
        "Points outside [0, 2] or NaN are refused with GSL_EDOM",
        arguments: [-0.1, 2.000_000_1, -Double.infinity, .nan])
    func outsideDomain(point: Double) throws {
        // The spline is defined on the data range only; it must not extrapolate.
        let spline = try Spline(x: Self.hatX, y: Self.hatY, kind: .naturalCubic)
        let value = #expect(throws: GSLError.self) { _ = try spline.value(at: point) }
        #expect(value?.status == .domain)
        let first = #expect(throws: GSLError.self) { _ = try spline.derivative(at: point) }
        #expect(first?.status == .domain)
        let second = #expect(throws: GSLError.self) { _ = try spline.secondDerivative(at: point) }
        #expect(second?.status == .domain)
        let integral = #expect(throws: GSLError.self) {
            _ = try spline.integral(from: 0, to: point)
        }
        #expect(integral?.status == .domain)
    }

    static let invalidInputs: [InvalidSplineInput] = [
        InvalidSplineInput(
            name: "3 x values and 2 y values", x: [0, 1, 2], y: [0, 1], kind: .linear,
            status: .badLength),
        InvalidSplineInput(
            name: "no points", x: [], y: [], kind: .linear, status: .invalid),
        InvalidSplineInput(
            name: "2 points for a natural cubic", x: [0, 1], y: [0, 1], kind: .naturalCubic,
            status: .invalid),
        InvalidSplineInput(
            name: "4 points for Akima", x: [0, 1, 2, 3], y: [0, 1, 0, 1], kind: .akima,
            status: .invalid),
        InvalidSplineInput(
            name: "decreasing x", x: [0, 2, 1], y: [0, 1, 2], kind: .steffen, status: .invalid),
        InvalidSplineInput(
            name: "repeated x", x: [0, 1, 1, 2], y: [0, 1, 2, 3], kind: .linear,
            status: .invalid),
        InvalidSplineInput(
            name: "NaN y", x: [0, 1, 2], y: [0, .nan, 2], kind: .naturalCubic, status: .domain),
        InvalidSplineInput(
            name: "infinite x", x: [0, 1, .infinity], y: [0, 1, 2], kind: .linear,
            status: .domain),
        InvalidSplineInput(
            name: "periodic with y 0 at the start and 1 at the end", x: [0, 1, 2],
            y: [0, 1, 1], kind: .periodicCubic, status: .invalid),
    ]

    @Test("Invalid spline data is refused with the exact status", arguments: invalidInputs)
    func invalidData(_ input: InvalidSplineInput) {
        // Each input breaks one documented requirement of gsl_spline_init.
        let error = #expect(throws: GSLError.self) {
            _ = try Spline(x: input.x, y: input.y, kind: input.kind)
        }
        #expect(error?.status == input.status)
    }

    @Test("8 tasks evaluating one spline at 1,000 points each all get 1.5x − 0.5x³")
    func concurrentEvaluation() async throws {
        // The hand formula of the hat spline on [0, 1]; a shared spline must give it in
        // every task, since evaluation without an accelerator only reads.
        let spline = try Spline(x: Self.hatX, y: Self.hatY, kind: .naturalCubic)
        let worst = try await withThrowingTaskGroup(of: Double.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var worst = 0.0
                    for i in 0..<1000 {
                        let x = Double((i * 7 + task * 13) % 1000) / 1000
                        let error = abs(try spline.value(at: x) - (1.5 * x - 0.5 * x * x * x))
                        worst = max(worst, error)
                    }
                    return worst
                }
            }
            return try await group.reduce(0) { max($0, $1) }
        }
        #expect(worst < 1e-14)
    }
}
