import GLPK
import Testing

/// Integer programs whose LP relaxation optimum is fractional and better than the integer one.
struct IntegerProgramTests {
    /// Maximise 5x + 4y subject to 6x + 4y ≤ 24, x + 2y ≤ 6, x, y ≥ 0: the first two
    /// constraints of the Reddy Mikks model (Taha, Operations Research: An Introduction, ch. 2),
    /// whose LP optimum they keep, with integer requirements added.
    static func model(kind: MixedIntegerProgram.VariableKind) throws -> MixedIntegerProgram {
        var model = MixedIntegerProgram(sense: .maximize)
        let x = try model.addVariable(name: "x", kind: kind, lowerBound: 0, objective: 5)
        let y = try model.addVariable(name: "y", kind: kind, lowerBound: 0, objective: 4)
        try model.addConstraint(name: "material", [(x, 6), (y, 4)], .lessOrEqual(24))
        try model.addConstraint(name: "labour", [(x, 1), (y, 2)], .lessOrEqual(6))
        return model
    }

    @Test func theLinearRelaxationPeaksAt21WithX3AndY1Point5() throws {
        // Vertices of the feasible polygon: (0, 0) → 0, (4, 0) → 20, (0, 3) → 12, and the
        // intersection of 6x + 4y = 24 with x + 2y = 6: x = 6 − 2y gives 36 − 8y = 24, so
        // y = 1.5, x = 3, objective 15 + 6 = 21, the best vertex.
        let solution = try Self.model(kind: .continuous).solve()

        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 21))
        #expect(areClose(solution.values, [3, 1.5]))
    }

    @Test(arguments: [true, false])
    func theIntegerOptimumIs20AtX4AndY0(presolve: Bool) throws {
        // All integer points, row by row: y = 0 allows x ≤ 4 (best (4, 0) → 20); y = 1 allows
        // 6x ≤ 20, x ≤ 3 (best (3, 1) → 19); y = 2 allows 6x ≤ 16 and x ≤ 2 ((2, 2) → 18);
        // y = 3 allows x ≤ 0 ((0, 3) → 12); y ≥ 4 breaks x + 2y ≤ 6. So the optimum is 20 at
        // (4, 0), not the rounded-down LP point (3, 1) worth 19.
        let solution = try Self.model(kind: .integer).solve(
            options: SolveOptions(presolve: presolve))

        #expect(solution.status == .optimal)
        #expect(solution.objective == 20)
        #expect(solution.values == [4, 0])
        #expect(solution.bestBound == 20)
        #expect(solution.relativeGap == 0)
    }

    @Test func theFourItemKnapsackRelaxationIs105WithHalfOfItemC() throws {
        // Greedy by value per weight solves the fractional knapsack (Dantzig 1957): D (50/3),
        // B (10), C (5), A (2). D and B fill 7 of 10, half of C fills the rest:
        // 50 + 40 + 15 = 105, above the integer optimum 90 (see KnapsackTests).
        var model = MixedIntegerProgram(sense: .maximize)
        let items: [(weight: Double, value: Double)] = [(5, 10), (4, 40), (6, 30), (3, 50)]
        let take = try items.enumerated().map { item, data in
            try model.addVariable(
                name: "take\(item)", kind: .continuous, lowerBound: 0, upperBound: 1,
                objective: data.value)
        }
        try model.addConstraint(
            name: "capacity", zip(take, items).map { ($0, $1.weight) }, .lessOrEqual(10))

        let solution = try model.solve()

        #expect(isClose(solution.objective, 105))
        #expect(areClose(solution.values, [0, 1, 0.5, 1]))
    }

    @Test func aMixedProgramKeepsItsContinuousPartFractional() throws {
        // Minimise 3n + y with n integer, y ≥ 0 continuous and n + y ≥ 2.5. Each unit of n
        // costs 3 and of y costs 1, so n = 0 and y = 2.5 cost 2.5; any n ≥ 1 costs at least
        // 3 + 1.5 = 4.5.
        var model = MixedIntegerProgram(sense: .minimize)
        let n = try model.addVariable(name: "n", kind: .integer, lowerBound: 0, objective: 3)
        let y = try model.addVariable(name: "y", kind: .continuous, lowerBound: 0, objective: 1)
        try model.addConstraint(name: "demand", [(n, 1), (y, 1)], .greaterOrEqual(2.5))

        let solution = try model.solve()

        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 2.5))
        #expect(solution.value(of: n) == 0)
        #expect(isClose(solution.value(of: y), 2.5))
    }

    @Test func aBinaryFixedTo1StaysOpenEvenThoughItCosts10() throws {
        // An existing facility modelled as a binary with both bounds 1 must stay open; the
        // cheapest solution then pays its 10 and nothing else.
        var model = MixedIntegerProgram(sense: .minimize)
        let existing = try model.addVariable(
            name: "existing", kind: .binary, lowerBound: 1, objective: 10)
        let new = try model.addVariable(name: "new", kind: .binary, objective: 4)
        try model.addConstraint(name: "cover", [(existing, 1), (new, 1)], .greaterOrEqual(1))

        let solution = try model.solve()

        #expect(solution.objective == 10)
        #expect(solution.values == [1, 0])
    }
}
