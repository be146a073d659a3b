import GLPK
import Testing

/// Infeasible and unbounded programs, each solved with and without GLPK's presolver, which
/// reports such programs through return codes rather than a solution status.
struct StatusTests {
    @Test(arguments: [true, false])
    func anLPAskingXPlusYAtMost1AndAtLeast2IsInfeasible(presolve: Bool) throws {
        // x + y cannot be both ≤ 1 and ≥ 2.
        var model = MixedIntegerProgram(sense: .minimize)
        let x = try model.addVariable(name: "x", kind: .continuous, lowerBound: 0, objective: 1)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: 0, objective: 1)
        try model.addConstraint(name: "most", [(x, 1), (y, 1)], .lessOrEqual(1))
        try model.addConstraint(name: "least", [(x, 1), (y, 1)], .greaterOrEqual(2))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .infeasible)
        #expect(solution.objective == nil)
        #expect(solution.values.isEmpty)
        #expect(solution.value(of: x) == nil)
        #expect(solution.bestBound == nil)
    }

    @Test(arguments: [true, false])
    func aBinaryProgramAskingTwoBinariesToSumTo3IsInfeasible(presolve: Bool) throws {
        // Two 0–1 variables sum to at most 2 < 3.
        var model = MixedIntegerProgram(sense: .minimize)
        let x = try model.addVariable(name: "x", kind: .binary, objective: 1)
        let y = try model.addVariable(name: "y", kind: .binary, objective: 1)
        try model.addConstraint(name: "three", [(x, 1), (y, 1)], .greaterOrEqual(3))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .infeasible)
        #expect(!solution.hasSolution)
    }

    @Test(arguments: [true, false])
    func anLPMaximisingXPlusYWithXMinusYAtMost1IsUnbounded(presolve: Bool) throws {
        // (x, y) = (1 + t, t) is feasible for every t ≥ 0 with objective 1 + 2t → ∞.
        var model = MixedIntegerProgram(sense: .maximize)
        let x = try model.addVariable(name: "x", kind: .continuous, lowerBound: 0, objective: 1)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: 0, objective: 1)
        try model.addConstraint(name: "spread", [(x, 1), (y, -1)], .lessOrEqual(1))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .unbounded)
        #expect(solution.objective == nil)
    }

    @Test(arguments: [true, false])
    func aMixedProgramWithIntegerXAndXMinusYAtMost1IsUnbounded(presolve: Bool) throws {
        // (x, y) = (t, t) with t a whole number is feasible (0 ≤ 1) with objective 2t → ∞.
        // GLPK's presolver reports GLP_ENODFS here, so this checks the integer-feasibility step.
        var model = MixedIntegerProgram(sense: .maximize)
        let x = try model.addVariable(name: "x", kind: .integer, lowerBound: 0, objective: 1)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: 0, objective: 1)
        try model.addConstraint(name: "spread", [(x, 1), (y, -1)], .lessOrEqual(1))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .unbounded)
    }

    @Test(arguments: [true, false])
    func twoXEqual1WithXIntegerIsInfeasibleThoughItsRelaxationHasX0Point5(
        presolve: Bool
    ) throws {
        // 2x = 1 forces x = 1/2, which is not a whole number; the relaxation is feasible.
        func model(_ kind: MixedIntegerProgram.VariableKind) throws -> MixedIntegerProgram {
            var model = MixedIntegerProgram(sense: .minimize)
            let x = try model.addVariable(name: "x", kind: kind, objective: 1)
            try model.addConstraint(name: "half", [(x, 2)], .equal(1))
            return model
        }
        let options = SolveOptions(presolve: presolve)

        let relaxation = try model(.continuous).solve(options: options)
        let integer = try model(.integer).solve(options: options)

        #expect(relaxation.status == .optimal)
        #expect(relaxation.values == [0.5])
        #expect(integer.status == .infeasible)
    }

    @Test(arguments: [true, false])
    func anIntegerProgramWithAnUnboundedRelaxationButNoIntegerPointIsInfeasible(
        presolve: Bool
    ) throws {
        // Maximise x with x ≥ 0 continuous and 2y + 2z = 1, y, z ∈ {0, …, 10} integer. The
        // left side is even and the right side odd, so there is no integer solution at all,
        // yet the relaxation (y = 1/2, x → ∞) is unbounded. GLPK's presolver returns
        // GLP_ENODFS for it; reading that as "unbounded" would be wrong.
        var model = MixedIntegerProgram(sense: .maximize)
        _ = try model.addVariable(name: "x", kind: .continuous, lowerBound: 0, objective: 1)
        let y = try model.addVariable(name: "y", kind: .integer, lowerBound: 0, upperBound: 10)
        let z = try model.addVariable(name: "z", kind: .integer, lowerBound: 0, upperBound: 10)
        try model.addConstraint(name: "parity", [(y, 2), (z, 2)], .equal(1))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .infeasible)
    }

    @Test(arguments: [true, false])
    func anLPThatIsInfeasibleAndHasAnUnboundedDirectionIsInfeasible(presolve: Bool) throws {
        // Maximise x + y + w (all ≥ 0) with x + y ≤ 1 and x + y ≥ 2: infeasible, while w, in
        // no constraint, would be unbounded. GLPK's LP presolver answers GLP_ENODFS (no dual
        // feasible solution) for this program, which must not be read as "unbounded".
        var model = MixedIntegerProgram(sense: .maximize)
        let x = try model.addVariable(name: "x", kind: .continuous, lowerBound: 0, objective: 1)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: 0, objective: 1)
        _ = try model.addVariable(name: "w", kind: .continuous, lowerBound: 0, objective: 1)
        try model.addConstraint(name: "most", [(x, 1), (y, 1)], .lessOrEqual(1))
        try model.addConstraint(name: "least", [(x, 1), (y, 1)], .greaterOrEqual(2))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .infeasible)
    }

    @Test(arguments: [true, false])
    func theSameProgramWithXIntegerIsInfeasibleToo(presolve: Bool) throws {
        // Same reasoning as above; here GLPK's MIP presolver proves infeasibility itself
        // (GLP_ENOPFS), so this checks the direct path.
        var model = MixedIntegerProgram(sense: .maximize)
        let x = try model.addVariable(name: "x", kind: .integer, lowerBound: 0, objective: 1)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: 0, objective: 1)
        _ = try model.addVariable(name: "w", kind: .continuous, lowerBound: 0, objective: 1)
        try model.addConstraint(name: "most", [(x, 1), (y, 1)], .lessOrEqual(1))
        try model.addConstraint(name: "least", [(x, 1), (y, 1)], .greaterOrEqual(2))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .infeasible)
    }

    @Test(arguments: [true, false])
    func anIntegerProgramWithAnInfeasibleRelaxationAndAnUnboundedColumnIsInfeasible(
        presolve: Bool
    ) throws {
        // Maximise x + y + z + w (all ≥ 0, x integer) with x + y ≤ 1, y + z ≤ 1, x + z ≤ 1 and
        // x + y + z ≥ 2. Adding the three pair rows gives 2(x + y + z) ≤ 3, so x + y + z ≤ 1.5,
        // which contradicts ≥ 2: infeasible, although w alone is unbounded. GLPK's MIP
        // presolver answers GLP_ENODFS here; the relaxation without presolver is infeasible.
        var model = MixedIntegerProgram(sense: .maximize)
        let x = try model.addVariable(name: "x", kind: .integer, lowerBound: 0, objective: 1)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: 0, objective: 1)
        let z = try model.addVariable(name: "z", kind: .continuous, lowerBound: 0, objective: 1)
        _ = try model.addVariable(name: "w", kind: .continuous, lowerBound: 0, objective: 1)
        try model.addConstraint(name: "xy", [(x, 1), (y, 1)], .lessOrEqual(1))
        try model.addConstraint(name: "yz", [(y, 1), (z, 1)], .lessOrEqual(1))
        try model.addConstraint(name: "xz", [(x, 1), (z, 1)], .lessOrEqual(1))
        try model.addConstraint(name: "sum", [(x, 1), (y, 1), (z, 1)], .greaterOrEqual(2))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .infeasible)
    }

    @Test func aConstraintWithoutTermsAndRightHandSide1IsInfeasible() throws {
        // An empty row has activity 0, which is not ≥ 1.
        var model = MixedIntegerProgram(sense: .minimize)
        try model.addConstraint(name: "empty", [], .greaterOrEqual(1))

        let solution = try model.solve()

        #expect(solution.status == .infeasible)
    }
}
