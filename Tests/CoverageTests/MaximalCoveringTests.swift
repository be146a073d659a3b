import Coverage
import GLPK
import Testing

/// Six demand points on a road and five candidate sites, radius 150 m.
///
///   point x:      0   100   200   500   600   1000
///   weight:      10    20    30    25     5     40
///   c0 at 100 reaches 0, 100, 200 (60)     c1 at 550 reaches 500, 600 (30)
///   c2 at 1000 reaches 1000 (40)           c3 at 200 reaches 100, 200 (50)
///   c4 at 300 reaches 200 (30)
struct MaximalCoveringTests {
    static let demand = [0.0, 100, 200, 500, 600, 1000].map { PlanarPoint(x: $0, y: 0) }
    static let weights = [10.0, 20, 30, 25, 5, 40]
    static let candidates = [100.0, 550, 1000, 200, 300].map { PlanarPoint(x: $0, y: 0) }

    static func problem(sites: Int, existing: [PlanarPoint] = []) throws -> MaximalCoveringProblem {
        try MaximalCoveringProblem(
            weights: weights,
            candidates: Reach(from: candidates, to: demand, within: 150, model: .radius).matrix,
            existing: existing.isEmpty
                ? nil : Reach(from: existing, to: demand, within: 150, model: .radius).matrix,
            siteCount: sites)
    }

    @Test(arguments: [(1, [0], 60.0), (2, [0, 2], 100), (3, [0, 1, 2], 130)])
    func theBestSitesOnTheRoadCoverSixtyThenOneHundredThenEverything(
        sites: Int, chosen: [Int], covered: Double
    ) throws {
        // By hand: c0 is the best single site (60); then c2 adds 40; then c1 adds 30, covering
        // all 130. No other pair beats 100: c3 + c2 = 90, c0 + c1 = 90.
        let problem = try Self.problem(sites: sites)
        for solution in [try problem.solveExactly(), problem.solveFast()] {
            #expect(solution.sites == chosen)
            #expect(solution.coveredWeight == covered)
            #expect(solution.status == .optimal)
            #expect(solution.gap == 0)
        }
    }

    @Test func anExistingCentreAtOneThousandMakesC0AndC1TheBestPair() throws {
        // The existing site covers point 1000 (40). p = 1: c0 adds 60 → 100. p = 2: c0 and c1
        // → 130, everything.
        let existing = [PlanarPoint(x: 1000, y: 0)]
        let one = try Self.problem(sites: 1, existing: existing)
        let two = try Self.problem(sites: 2, existing: existing)
        #expect(try one.solveExactly().coveredWeight == 100)
        #expect(try one.solveExactly().existingCoveredWeight == 40)
        #expect(try two.solveExactly().sites == [0, 1])
        #expect(two.solveFast().sites == [0, 1])
        #expect(two.solveFast().coveredWeight == 130)
    }

    @Test func exactSitingEqualsBruteForceOnFortyRandomInstances() throws {
        // Second method: every subset of p candidates, covered weight by direct distances.
        for seed in 1...40 {
            let instance = RandomInstance(
                seed: UInt64(seed), demand: 30, candidates: 9, existing: seed % 3 == 0 ? 2 : 0)
            for sites in 1...4 {
                let best = combinations(of: 9, size: sites).map(instance.coveredWeight).max()!
                let problem = try MaximalCoveringProblem(
                    weights: instance.weights, candidates: instance.candidateReach,
                    existing: instance.existingReach, siteCount: sites)
                let exact = try problem.solveExactly()
                #expect(exact.status == .optimal)
                #expect(exact.coveredWeight == best, "seed \(seed), p = \(sites)")
                #expect(instance.coveredWeight(exact.sites) == best)
                let fast = problem.solveFast()
                #expect(fast.sites.count == sites)
                #expect(fast.coveredWeight <= best)
                #expect(instance.coveredWeight(fast.sites) == fast.coveredWeight)
                #expect(fast.bound! >= best - 1e-9)
                #expect(fast.coveredWeight >= fast.bound! * (1 - fast.gap!) - 1e-9)
            }
        }
    }

    @Test func theFastMethodIsNeverAboveTheExactOptimumAndWithinItsGapOnLargerInstances()
        throws
    {
        for seed in 1...6 {
            let instance = RandomInstance(
                seed: UInt64(100 + seed), demand: 600, candidates: 60, existing: 3, side: 5000,
                radius: 600)
            let problem = try MaximalCoveringProblem(
                weights: instance.weights, candidates: instance.candidateReach,
                existing: instance.existingReach, siteCount: 8)
            let exact = try problem.solveExactly()
            let fast = problem.solveFast()
            #expect(exact.status == .optimal)
            #expect(fast.coveredWeight <= exact.coveredWeight)
            // The proven bound holds the optimum, and the gap is measured to it.
            #expect(fast.bound! >= exact.coveredWeight - 1e-6)
            #expect(abs(fast.gap! - (fast.bound! - fast.coveredWeight) / fast.coveredWeight) < 1e-9)
        }
    }

    /// PySAL spopt 0.7.0 with CBC on an instance it alone solved (Scripts/coverage-peers.py).
    @Test func optimaAgreeWithPySALSpoptOnFourHundredPointsAndSixtyCandidates() throws {
        let demand = try FixtureTable("siting-demand.csv")
        let candidates = try FixtureTable("siting-candidates.csv")
        let existing = try FixtureTable("siting-existing.csv")
        let record = try peerRecord()["siting"] as! [String: Any]
        let radius = record["radius"] as! Double
        let reach = Reach(
            from: candidates.points, to: demand.points, within: radius, model: .radius)
        let existingReach = Reach(
            from: existing.points, to: demand.points, within: radius, model: .radius)
        for entry in record["mclp"] as! [[String: Any]] {
            let problem = try MaximalCoveringProblem(
                weights: demand.numbers("weight"), candidates: reach.matrix,
                siteCount: entry["sites"] as! Int)
            let expected = entry["covered_weight"] as! Double
            #expect(try problem.solveExactly().coveredWeight == expected)
            let fast = problem.solveFast()
            #expect(fast.coveredWeight <= expected && fast.bound! >= expected)
        }
        for entry in record["mclp_existing"] as! [[String: Any]] {
            // spopt counts the 5 predefined sites among p; here p counts new sites only.
            let problem = try MaximalCoveringProblem(
                weights: demand.numbers("weight"), candidates: reach.matrix,
                existing: existingReach.matrix, siteCount: entry["new_sites"] as! Int)
            #expect(try problem.solveExactly().coveredWeight == entry["covered_weight"] as! Double)
        }
    }

    @Test func theFastMethodGivesTheSameSitesWithOneTwoOrThreeThreads() throws {
        let instance = RandomInstance(
            seed: 77, demand: 3000, candidates: 200, existing: 5, side: 10_000, radius: 700)
        let problem = try MaximalCoveringProblem(
            weights: instance.weights, candidates: instance.candidateReach,
            existing: instance.existingReach, siteCount: 15)
        let runs = [1, 2, 3].map {
            problem.solveFast(options: FastSitingOptions(parallelism: Parallelism(threads: $0)))
        }
        #expect(runs[0].sites == runs[1].sites && runs[1].sites == runs[2].sites)
        #expect(runs[0].bound == runs[1].bound && runs[1].bound == runs[2].bound)
    }

    @Test(arguments: [
        (6, [1.0, 1, 1, 1, 1, 1], SitingError.tooManySites(requested: 6, candidates: 5)),
        (-1, [1, 1, 1, 1, 1, 1], .negativeSiteCount(-1)),
        (2, [1, 1, -3, 1, 1, 1], .badWeight(point: 2, weight: -3)),
        (2, [1, 1, 1, 1, .infinity, 1], .badWeight(point: 4, weight: .infinity)),
    ])
    func badProblemsAreRefused(sites: Int, weights: [Double], expected: SitingError) {
        #expect(throws: expected) {
            try MaximalCoveringProblem(
                weights: weights,
                candidates: Reach(
                    from: Self.candidates, to: Self.demand, within: 150, model: .radius
                ).matrix, siteCount: sites)
        }
    }
}
