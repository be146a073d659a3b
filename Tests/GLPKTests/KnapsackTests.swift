import GLPK
import Testing

/// 0–1 knapsack programs, the shape of a budget allocation: choose projects within a budget.
struct KnapsackTests {
    @Test func aFourItemKnapsackOfCapacity10PacksItemsBAndDWorth90() throws {
        // Items (weight, value): A (5, 10), B (4, 40), C (6, 30), D (3, 50); capacity 10.
        // All 16 subsets, (weight, value), ✗ = over capacity:
        //   {} (0, 0)   A (5, 10)   B (4, 40)   C (6, 30)   D (3, 50)
        //   AB (9, 50)  AC (11 ✗)   AD (8, 60)  BC (10, 70) BD (7, 90)  CD (9, 80)
        //   ABC (15 ✗)  ABD (12 ✗)  ACD (14 ✗)  BCD (13 ✗)  ABCD (18 ✗)
        // The best feasible subset is BD with value 90, and it is the only one.
        var model = MixedIntegerProgram(sense: .maximize)
        let a = try model.addVariable(name: "A", kind: .binary, objective: 10)
        let b = try model.addVariable(name: "B", kind: .binary, objective: 40)
        let c = try model.addVariable(name: "C", kind: .binary, objective: 30)
        let d = try model.addVariable(name: "D", kind: .binary, objective: 50)
        try model.addConstraint(
            name: "capacity", [(a, 5), (b, 4), (c, 6), (d, 3)], .lessOrEqual(10))

        let solution = try model.solve()

        #expect(solution.status == .optimal)
        #expect(solution.objective == 90)
        #expect(solution.values == [0, 1, 0, 1])
        #expect(solution.value(of: b) == 1)
        #expect(solution.bestBound == 90)
        #expect(solution.relativeGap == 0)
    }

    @Test func aFiveItemKnapsackOfCapacity11TakesItems3And4Worth40() throws {
        // Weights (1, 2, 5, 6, 7), values (1, 6, 18, 22, 28), capacity 11. Dynamic programming
        // table best[i][c] = max(best[i-1][c], best[i-1][c - wᵢ] + vᵢ) for c = 0…11:
        //   i = 1 (w 1, v 1):  0 1 1 1 1  1  1  1  1  1  1  1
        //   i = 2 (w 2, v 6):  0 1 6 7 7  7  7  7  7  7  7  7
        //   i = 3 (w 5, v 18): 0 1 6 7 7 18 19 24 25 25 25 25
        //   i = 4 (w 6, v 22): 0 1 6 7 7 18 22 24 28 29 29 40
        //   i = 5 (w 7, v 28): 0 1 6 7 7 18 22 28 29 34 35 40
        // best[5][11] = 40. Tracing back: row 5 equals row 4 at c = 11 (item 5 out; taking it
        // gives only best[4][4] + 28 = 35); row 4 exceeds row 3 (item 4 in, c → 5); row 3
        // exceeds row 2 at c = 5 (item 3 in, c → 0). So items 3 and 4: weight 11, value 40.
        let weights: [Double] = [1, 2, 5, 6, 7]
        let values: [Double] = [1, 6, 18, 22, 28]
        var model = MixedIntegerProgram(sense: .maximize)
        var terms: [(Variable, Double)] = []
        for item in 0..<5 {
            let take = try model.addVariable(
                name: "item\(item + 1)", kind: .binary, objective: values[item])
            terms.append((take, weights[item]))
        }
        try model.addConstraint(name: "capacity", terms, .lessOrEqual(11))

        let solution = try model.solve()

        #expect(solution.status == .optimal)
        #expect(solution.objective == 40)
        #expect(solution.values == [0, 0, 1, 1, 0])
    }

    @Test(arguments: [true, false])
    func aSeventyItemStronglyCorrelatedKnapsackReachesTheDynamicProgrammingOptimum(
        presolve: Bool
    ) throws {
        // The optimum is computed by dynamic programming over capacities, a second method that
        // shares nothing with branch-and-cut (see KnapsackInstance.dynamicProgrammingOptimum).
        let instance = KnapsackInstance.stronglyCorrelated(items: 70)
        let optimum = Double(instance.dynamicProgrammingOptimum)

        let solution = try instance.model().solve(options: SolveOptions(presolve: presolve))

        #expect(solution.status == .optimal)
        #expect(solution.objective == optimum)
        let weight = zip(solution.values, instance.weights).reduce(0) { $0 + $1.0 * Double($1.1) }
        #expect(weight <= Double(instance.capacity))
        #expect(solution.values.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(solution.nodeCount > 1)
    }
}
