import Coverage
import GLPK
import Testing

/// The road of ``MaximalCoveringTests``: weights 10, 20, 30, 25, 5, 40 (130 in all), plus a
/// far point at x = 5,000 m (weight 10) that no candidate reaches when `withFarPoint`.
struct LocationSetCoveringTests {
    static func problem(
        _ requirement: LocationSetCoveringProblem.Requirement, withFarPoint: Bool = false
    )
        throws -> LocationSetCoveringProblem
    {
        let demand =
            MaximalCoveringTests.demand + (withFarPoint ? [PlanarPoint(x: 5000, y: 0)] : [])
        let weights = MaximalCoveringTests.weights + (withFarPoint ? [10] : [])
        return try LocationSetCoveringProblem(
            weights: weights,
            candidates: Reach(
                from: MaximalCoveringTests.candidates, to: demand, within: 150, model: .radius
            ).matrix, requirement: requirement)
    }

    @Test func everyPointOfTheRoadNeedsThreeSites() throws {
        // Point 0 is reached only by c0, point 1000 only by c2, points 500 and 600 only by c1.
        let problem = try Self.problem(.everyPoint)
        for solution in [try problem.solveExactly(), problem.solveFast()] {
            #expect(solution.sites == [0, 1, 2])
            #expect(solution.objective == 3)
            #expect(solution.status == .optimal)
            #expect(solution.coveredWeight == 130)
        }
    }

    @Test(arguments: [(0.4, 1.0), (0.7, 2), (0.76, 2), (0.77, 3), (1.0, 3)])
    func aShareOfTheWeightNeedsTheFewestSitesThatReachIt(share: Double, sites: Double) throws {
        // One site covers at most 60 of 130 (46.2%); two at most 100 (c0 + c2, 76.9%), so 76%
        // needs two and 77% three; three
        // cover everything.
        let problem = try Self.problem(.share(share))
        let exact = try problem.solveExactly()
        let fast = problem.solveFast()
        #expect(exact.objective == sites)
        #expect(fast.objective == sites)
        #expect(exact.coveredWeight >= share * 130 - 1e-9)
        #expect(fast.coveredWeight >= share * 130 - 1e-9)
    }

    @Test func aPointNoCandidateReachesIsListedAndLeftOutOfEveryPoint() throws {
        let problem = try Self.problem(.everyPoint, withFarPoint: true)
        #expect(problem.unreachablePoints == [6])
        #expect(try problem.solveExactly().objective == 3)
        #expect(problem.solveFast().unreachableWeight == 10)
    }

    @Test func aShareAboveWhatCanBeReachedIsInfeasible() throws {
        // 130 of 140 can be reached: 92.86%. Asking 95% is infeasible, 90% needs 3 sites.
        let tooMuch = try Self.problem(.share(0.95), withFarPoint: true)
        #expect(!tooMuch.isFeasible)
        #expect(abs(tooMuch.attainableShare! - 130.0 / 140) < 1e-15)
        #expect(try tooMuch.solveExactly().status == .infeasible)
        #expect(tooMuch.solveFast().status == .infeasible)
        #expect(try Self.problem(.share(0.9), withFarPoint: true).solveExactly().objective == 3)
    }

    @Test func exactAndFastAgreeWithBruteForceOnThirtyRandomInstances() throws {
        // Second method: the smallest subset size whose direct coverage meets the requirement.
        for seed in 1...30 {
            let instance = RandomInstance(seed: UInt64(500 + seed), demand: 25, candidates: 9)
            let total = instance.weights.reduce(0, +)
            let reachable = instance.demand.indices.filter { point in
                instance.candidates.contains { instance.covers($0, point) }
            }
            let allSites = Array(0..<9)
            let maximum = instance.coveredWeight(allSites)
            for requirement in [LocationSetCoveringProblem.Requirement.everyPoint, .share(0.6)] {
                let brute: Int? = (0...9).first { size in
                    combinations(of: 9, size: size).contains { sites in
                        switch requirement {
                        case .everyPoint:
                            return reachable.allSatisfy { point in
                                sites.contains { instance.covers(instance.candidates[$0], point) }
                            }
                        case .share(let share):
                            return instance.coveredWeight(sites) >= share * total
                        }
                    }
                }
                let problem = try LocationSetCoveringProblem(
                    weights: instance.weights, candidates: instance.candidateReach,
                    requirement: requirement)
                if case .share(let share) = requirement, maximum < share * total {
                    #expect(brute == nil && !problem.isFeasible)
                    continue
                }
                let exact = try problem.solveExactly()
                let fast = problem.solveFast()
                #expect(exact.objective == Double(brute!), "seed \(seed)")
                #expect(fast.objective >= exact.objective)
                #expect(fast.bound! <= exact.objective)
                if case .share(let share) = requirement {
                    #expect(instance.coveredWeight(fast.sites) >= share * total - 1e-9)
                }
            }
        }
    }

    /// PySAL spopt 0.7.0 with CBC (Scripts/coverage-peers.py): the fewest sites reaching every
    /// point that some candidate reaches.
    @Test func theSiteCountAgreesWithPySALSpopt() throws {
        let demand = try FixtureTable("siting-demand.csv")
        let candidates = try FixtureTable("siting-candidates.csv")
        let record = try peerRecord()["siting"] as! [String: Any]
        let lscp = record["lscp"] as! [String: Any]
        let problem = try LocationSetCoveringProblem(
            weights: demand.numbers("weight"),
            candidates: Reach(
                from: candidates.points, to: demand.points, within: record["radius"] as! Double,
                model: .radius
            ).matrix, requirement: .everyPoint)
        #expect(problem.unreachablePoints.count == lscp["unreachable_points"] as! Int)
        let exact = try problem.solveExactly()
        #expect(exact.objective == Double(lscp["sites"] as! Int))
        let fast = problem.solveFast()
        #expect(fast.objective >= exact.objective && fast.bound! <= exact.objective)
    }

    @Test func aShareOutsideZeroToOneIsRefused() {
        #expect(throws: SitingError.badShare(1.5)) { try Self.problem(.share(1.5)) }
    }
}
