import GLPK
import Testing

/// Programs without integer variables, solved by the simplex method.
struct LinearProgramTests {
    /// The example of the GLPK reference manual (section 1.3.1, "Brief example"):
    /// maximise 10x₁ + 6x₂ + 4x₃ subject to
    ///   p:   x₁ +  x₂ +  x₃ ≤ 100
    ///   q: 10x₁ + 4x₂ + 5x₃ ≤ 600
    ///   r:  2x₁ + 2x₂ + 6x₃ ≤ 300,   x ≥ 0.
    static func referenceManualExample() throws -> (MixedIntegerProgram, [Variable]) {
        var model = MixedIntegerProgram(sense: .maximize)
        let x1 = try model.addVariable(name: "x1", kind: .continuous, lowerBound: 0, objective: 10)
        let x2 = try model.addVariable(name: "x2", kind: .continuous, lowerBound: 0, objective: 6)
        let x3 = try model.addVariable(name: "x3", kind: .continuous, lowerBound: 0, objective: 4)
        try model.addConstraint(name: "p", [(x1, 1), (x2, 1), (x3, 1)], .lessOrEqual(100))
        try model.addConstraint(name: "q", [(x1, 10), (x2, 4), (x3, 5)], .lessOrEqual(600))
        try model.addConstraint(name: "r", [(x1, 2), (x2, 2), (x3, 6)], .lessOrEqual(300))
        return (model, [x1, x2, x3])
    }

    @Test(arguments: [true, false])
    func theReferenceManualExampleHasOptimum2200Over3AtX1Is100Over3AndX2Is200Over3(
        presolve: Bool
    ) throws {
        // With p and q binding and x₃ = 0: x₁ + x₂ = 100 and 10x₁ + 4x₂ = 600 give 6x₁ = 200,
        // so x₁ = 100/3, x₂ = 200/3, objective 1000/3 + 400 = 2200/3 ≈ 733.33; r has activity
        // 200/3 + 400/3 = 200 ≤ 300. Optimality by LP duality: with y_r = 0, y_p + 10 y_q = 10
        // and y_p + 4 y_q = 6 give y_q = 2/3, y_p = 10/3 ≥ 0; x₃'s column gives
        // y_p + 5 y_q + 6 y_r = 20/3 ≥ 4, so the duals are feasible, and the dual objective
        // 100 · 10/3 + 600 · 2/3 = 2200/3 equals the primal one.
        let (model, x) = try Self.referenceManualExample()

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 2200.0 / 3, tolerance: 1e-9))
        #expect(areClose(solution.values, [100.0 / 3, 200.0 / 3, 0], tolerance: 1e-9))
        #expect(isClose(solution.value(of: x[0]), 100.0 / 3))
        #expect(solution.bestBound == solution.objective)
        #expect(solution.relativeGap == 0)
        #expect(solution.nodeCount == 0)
    }

    @Test func anObjectiveConstantOf100RaisesTheOptimumTo2500Over3() throws {
        // The same program with 100 added to the objective: 2200/3 + 100 = 2500/3.
        var (model, _) = try Self.referenceManualExample()
        try model.setObjectiveConstant(100)

        let solution = try model.solve()

        #expect(isClose(solution.objective, 2500.0 / 3, tolerance: 1e-9))
    }

    @Test(arguments: [true, false])
    func anEqualityAndABetweenRowGiveX8AndY2WithCost22(presolve: Bool) throws {
        // Minimise 2x + 3y with x + y = 10 and 2 ≤ x − y ≤ 6, x, y ≥ 0. Substituting
        // y = 10 − x: cost 30 − x, and x − y = 2x − 10 ∈ [2, 6] means x ∈ [6, 8]. The cost
        // falls as x rises, so x = 8, y = 2 (the upper side of the range binds), cost 22.
        var model = MixedIntegerProgram(sense: .minimize)
        let x = try model.addVariable(name: "x", kind: .continuous, lowerBound: 0, objective: 2)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: 0, objective: 3)
        try model.addConstraint(name: "total", [(x, 1), (y, 1)], .equal(10))
        try model.addConstraint(name: "difference", [(x, 1), (y, -1)], .between(2, 6))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 22))
        #expect(areClose(solution.values, [8, 2]))
    }

    @Test(arguments: [true, false])
    func aFreeVariableANegativeLowerBoundAndAnUpperBoundOnlyGiveMinus9(presolve: Bool) throws {
        // Minimise x + y − z with x free, −3 ≤ y ≤ 5, z ≤ 4 (no lower bound), and x − y ≥ 1.
        // z appears only in the objective, so it rises to its bound: z = 4. For x and y,
        // x ≥ 1 + y makes x + y ≥ 1 + 2y ≥ 1 + 2(−3) = −5, reached at y = −3, x = −2.
        // Total −5 − 4 = −9, with x and y negative.
        var model = MixedIntegerProgram(sense: .minimize)
        let x = try model.addVariable(name: "x", kind: .continuous, objective: 1)
        let y = try model.addVariable(
            name: "y", kind: .continuous, lowerBound: -3, upperBound: 5, objective: 1)
        let z = try model.addVariable(name: "z", kind: .continuous, upperBound: 4, objective: -1)
        try model.addConstraint(name: "gap", [(x, 1), (y, -1)], .greaterOrEqual(1))

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, -9))
        #expect(areClose(solution.values, [-2, -3, 4]))
        #expect(isClose(solution.value(of: z), 4))
    }

    @Test func aVariableListedTwiceInARowHasItsCoefficientsSummedSoXPlusXAtMost3GivesX1Point5()
        throws
    {
        // x + x ≤ 3 is 2x ≤ 3; maximising x gives 1.5.
        var model = MixedIntegerProgram(sense: .maximize)
        let x = try model.addVariable(name: "x", kind: .continuous, lowerBound: 0, objective: 1)
        try model.addConstraint(name: "twice", [(x, 1), (x, 1)], .lessOrEqual(3))

        let solution = try model.solve()

        #expect(isClose(solution.value(of: x), 1.5))
    }

    @Test func equalBoundsFixAVariableAt7() throws {
        // Maximising x with 7 ≤ x ≤ 7 can only give 7.
        var model = MixedIntegerProgram(sense: .maximize)
        let x = try model.addVariable(
            name: "x", kind: .continuous, lowerBound: 7, upperBound: 7, objective: 1)

        let solution = try model.solve()

        #expect(solution.status == .optimal)
        #expect(solution.value(of: x) == 7)
    }

    @Test(arguments: [true, false])
    func aModelWithoutVariablesOrConstraintsHasItsObjectiveConstant5AsOptimum(
        presolve: Bool
    ) throws {
        // With nothing to choose, the objective is its constant term, 5.
        var model = MixedIntegerProgram(sense: .minimize)
        try model.setObjectiveConstant(5)

        let solution = try model.solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .optimal)
        #expect(solution.objective == 5)
        #expect(solution.values.isEmpty)
    }

    @Test func theLPTextOfTheReferenceManualExampleNamesItsRowsAndColumns() throws {
        // CPLEX LP format: the sense keyword, the rows by name, bounds and the End keyword.
        let (model, _) = try Self.referenceManualExample()

        let text = try model.lpText()

        #expect(text.contains("Maximize"))
        #expect(text.contains("Subject To"))
        #expect(text.contains(" p: "))
        #expect(text.contains("<= 600"))
        #expect(text.contains("x3"))
        #expect(text.hasSuffix("End\n"))
    }

    @Test func theLPTextListsIntegerAndBinaryVariablesUnderGeneralsWithTheirBounds() throws {
        // GLPK's LP writer puts every integer column, binaries included, in the Generals
        // section and writes the binary's 0–1 bounds explicitly.
        var model = MixedIntegerProgram(sense: .minimize)
        let n = try model.addVariable(name: "n", kind: .integer, lowerBound: 0, upperBound: 9)
        let b = try model.addVariable(name: "b", kind: .binary)
        try model.addConstraint(name: "link", [(n, 1), (b, -9)], .lessOrEqual(0))

        let text = try model.lpText()

        #expect(text.contains("Generals\n n\n b\n"))
        #expect(text.contains("0 <= n <= 9"))
        #expect(text.contains("0 <= b <= 1"))
    }
}
