import GLPK
import Testing

/// Early stops: the time limit and the relative gap tolerance.
struct TimeLimitTests {
    /// Jeroslow's program (R. G. Jeroslow, "Trivial integer programs unsolvable by
    /// branch-and-bound", Mathematical Programming 6, 1974) with n = 41:
    /// minimise x₄₂ subject to 2(x₁ + … + x₄₁) + x₄₂ = 41, all binary.
    ///
    /// 2(x₁ + … + x₄₁) is even and 41 is odd, so x₄₂ = 1 in every solution, and x₄₂ = 1 with any
    /// 20 of the other variables at 1 is one: the optimum is 1. The LP relaxation reaches 0
    /// (x₄₂ = 0, x₁ + … + x₄₁ = 20.5), and branch-and-bound with LP bounds needs at least
    /// 2^⌈n/2⌉ = 2²¹ ≈ 2.1 million subproblems to prove that x₄₂ = 0 is impossible — far more
    /// than fit in 0.2 s — while a solution with x₄₂ = 1 is found almost at once.
    static func jeroslow(withSlack: Bool) throws -> MixedIntegerProgram {
        var model = MixedIntegerProgram(sense: .minimize)
        var terms = try (1...41).map { index in
            (try model.addVariable(name: "x\(index)", kind: .binary), 2.0)
        }
        if withSlack {
            terms.append((try model.addVariable(name: "x42", kind: .binary, objective: 1), 1))
        }
        try model.addConstraint(name: "parity", terms, .equal(41))
        return model
    }

    @Test func jeroslowsProgramStopsAfter0Point2SecondsWithObjective1BoundZeroAndGap1() throws {
        let model = try Self.jeroslow(withSlack: true)
        let clock = ContinuousClock()
        let start = clock.now

        let solution = try model.solve(options: SolveOptions(timeLimit: .milliseconds(200)))

        let elapsed = clock.now - start
        #expect(solution.status == .timeLimit(hasSolution: true))
        #expect(solution.objective == 1)
        #expect(solution.values[41] == 1)
        #expect(solution.values[..<41].reduce(0, +) == 20)
        // Best bound 0 (the LP bound), so the gap is |1 − 0| / (|1| + DBL_EPSILON) ≈ 1.
        #expect(solution.bestBound == 0)
        #expect(isClose(solution.relativeGap, 1, tolerance: 1e-12))
        #expect(solution.nodeCount > 1)
        // GLPK checks the limit between subproblems; allow generous slack for a loaded machine.
        #expect(elapsed < .seconds(5))
    }

    @Test func jeroslowsProgramWithoutTheOddVariableStopsAtTheTimeLimitWithoutASolution()
        throws
    {
        // 2(x₁ + … + x₄₁) = 41 has no solution at all (even ≠ odd), but branch-and-bound
        // cannot prove it within 0.2 s, for the reason given above.
        let model = try Self.jeroslow(withSlack: false)

        let solution = try model.solve(options: SolveOptions(timeLimit: .milliseconds(200)))

        #expect(solution.status == .timeLimit(hasSolution: false))
        #expect(solution.objective == nil)
        #expect(solution.bestBound == nil)
        #expect(solution.relativeGap == nil)
    }

    @Test func aGenerousTenSecondLimitLeavesTheFourItemKnapsackOptimumAt90() throws {
        // Same instance and enumeration as in KnapsackTests: the optimum is B + D = 90.
        var model = MixedIntegerProgram(sense: .maximize)
        let items: [(weight: Double, value: Double)] = [(5, 10), (4, 40), (6, 30), (3, 50)]
        let take = try items.indices.map { item in
            try model.addVariable(name: "take\(item)", kind: .binary, objective: items[item].1)
        }
        try model.addConstraint(
            name: "capacity", zip(take, items).map { ($0, $1.weight) }, .lessOrEqual(10))

        let solution = try model.solve(options: SolveOptions(timeLimit: .seconds(10)))

        #expect(solution.status == .optimal)
        #expect(solution.objective == 90)
    }

    @Test func aOnePercentGapToleranceStopsTheSeventyItemKnapsackEarlyWithinOnePercent() throws {
        // The dynamic-programming optimum z* is an independent check: a stop within the
        // tolerance must give an integer solution z with z ≤ z* ≤ bound and
        // (bound − z) / z ≤ 1 %. GLPK's rounding heuristic finds a solution within 0.2 % of the
        // bound at the root, so the search stops before proving optimality.
        let instance = KnapsackInstance.stronglyCorrelated(items: 70)
        let optimum = Double(instance.dynamicProgrammingOptimum)

        let solution = try instance.model().solve(options: SolveOptions(relativeGap: 0.01))

        #expect(solution.status == .feasible)
        let objective = try #require(solution.objective)
        let bound = try #require(solution.bestBound)
        let gap = try #require(solution.relativeGap)
        #expect(objective <= optimum)
        #expect(optimum <= bound)
        #expect(gap <= 0.01)
        #expect(isClose(gap, (bound - objective) / (objective + Double.ulpOfOne), tolerance: 1e-15))
        let weight = zip(solution.values, instance.weights).reduce(0) { $0 + $1.0 * Double($1.1) }
        #expect(weight <= Double(instance.capacity))
    }
}
