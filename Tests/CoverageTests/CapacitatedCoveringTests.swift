import Coverage
import GLPK
import Testing

/// The road of ``MaximalCoveringTests`` with capacities: c0 40, c1 100, c2 25, c3 50, c4 30.
struct CapacitatedCoveringTests {
    static let capacities = [40.0, 100, 25, 50, 30]

    static func problem(sites: Int, existing: [PlanarPoint] = [], existingCapacities: [Double] = [])
        throws -> CapacitatedCoveringProblem
    {
        try CapacitatedCoveringProblem(
            weights: MaximalCoveringTests.weights,
            candidates: Reach(
                from: MaximalCoveringTests.candidates, to: MaximalCoveringTests.demand,
                within: 150, model: .radius
            ).matrix, candidateCapacities: capacities,
            existing: existing.isEmpty
                ? nil
                : Reach(
                    from: existing, to: MaximalCoveringTests.demand, within: 150, model: .radius
                )
                .matrix,
            existingCapacities: existingCapacities, siteCount: sites)
    }

    @Test func withCapacitiesTheBestPairServesNinetyNotOneHundred() throws {
        // Served = min(capacity, weight in reach), sites sharing points split them:
        // c0 + c3: 0, 100, 200 (60) shared, capacities 40 + 50 → 60.
        // c0 + c1: 40 + 30 = 70.   c3 + c1: 50 + 30 = 80.   c0 + c2: 40 + 25 = 65.
        // c1 + c2: 30 + 25 = 55.   c3 + c2: 50 + 25 = 75.   c4 + c1: 30 + 30 = 60.
        // c0 + c4: points 0, 100, 200 (60), 40 + 30 → 60.  c3 + c4: 50 (100, 200) → 50.
        // So c1 + c3 = 80 is the best pair (the uncapacitated best, c0 + c2, serves 65).
        let problem = try Self.problem(sites: 2)
        let exact = try problem.solveExactly()
        #expect(exact.sites == [1, 3])
        #expect(exact.coveredWeight == 80)
        #expect(problem.servedWeight(sites: [0, 2]) == 65)
        let fast = problem.solveFast()
        #expect(fast.coveredWeight <= 80)
        #expect(fast.bound! >= 80)
    }

    @Test func anExistingHomeOfCapacityTwentyAtSixHundredServesTwentyOfTheThirty() throws {
        // The existing home reaches 500 (25) and 600 (5) and serves 20 of them. With one new
        // site: c3 adds 50 → 70; c1 adds min(100, 10 left at 500/600) → 30; c0 adds 40 → 60.
        let problem = try Self.problem(
            sites: 1, existing: [PlanarPoint(x: 600, y: 0)], existingCapacities: [20])
        let exact = try problem.solveExactly()
        #expect(exact.existingCoveredWeight == 20)
        #expect(exact.sites == [3])
        #expect(exact.coveredWeight == 70)
    }

    @Test func exactCapacitatedSitingEqualsBruteForceByMaximumFlowOnTwentyInstances() throws {
        // Second method: every subset, served weight by the maximum flow of servedWeight and,
        // for the optimum, by an LP transportation model solved with GLPK.
        for seed in 1...20 {
            let instance = RandomInstance(seed: UInt64(900 + seed), demand: 20, candidates: 7)
            var random = TestRandom(seed: UInt64(seed))
            let capacities = (0..<7).map { _ in Double(10 + random.below(60)) }
            let problem = try CapacitatedCoveringProblem(
                weights: instance.weights, candidates: instance.candidateReach,
                candidateCapacities: capacities, siteCount: 3)
            let brute = combinations(of: 7, size: 3).map(problem.servedWeight).max()!
            let exact = try problem.solveExactly()
            #expect(abs(exact.coveredWeight - brute) < 1e-6, "seed \(seed)")
            let allocated = try transportation(instance, capacities, exact.sites)
            #expect(abs(allocated - exact.coveredWeight) < 1e-6)
            let fast = problem.solveFast()
            #expect(fast.coveredWeight <= brute + 1e-9)
            #expect(fast.bound! >= brute - 1e-9)
        }
    }

    /// The weight a set of sites serves, as a linear program: maximise Σ z_ij subject to
    /// Σⱼ z_ij ≤ aᵢ and Σᵢ z_ij ≤ cⱼ over pairs within the radius.
    func transportation(_ instance: RandomInstance, _ capacities: [Double], _ sites: [Int]) throws
        -> Double
    {
        var model = MixedIntegerProgram(sense: .maximize)
        var byPoint: [[(Variable, Double)]] = Array(repeating: [], count: instance.demand.count)
        var bySite: [[(Variable, Double)]] = Array(repeating: [], count: sites.count)
        for (position, site) in sites.enumerated() {
            for point in instance.demand.indices
            where instance.covers(instance.candidates[site], point) {
                let z = try model.addVariable(
                    name: "z", kind: .continuous, lowerBound: 0, objective: 1)
                byPoint[point].append((z, 1))
                bySite[position].append((z, 1))
            }
        }
        for point in instance.demand.indices {
            try model.addConstraint(
                name: "a", byPoint[point], .lessOrEqual(instance.weights[point]))
        }
        for (position, site) in sites.enumerated() {
            try model.addConstraint(name: "c", bySite[position], .lessOrEqual(capacities[site]))
        }
        return try model.solve().objective ?? 0
    }

    @Test func aNegativeCapacityIsRefused() {
        #expect(throws: SitingError.badCapacity(facility: 1, capacity: -2)) {
            try CapacitatedCoveringProblem(
                weights: MaximalCoveringTests.weights,
                candidates: Reach(
                    from: MaximalCoveringTests.candidates, to: MaximalCoveringTests.demand,
                    within: 150, model: .radius
                ).matrix, candidateCapacities: [1, -2, 3, 4, 5], siteCount: 1)
        }
    }
}
