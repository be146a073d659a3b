import Coverage
import Foundation
import Testing

/// A worked example.
///
///   demand A (0, 0) 100 persons, B (1000, 0) 300 persons, C (5000, 5000) 50 persons
///   supply F1 (0, 500) 10 beds, F2 (2000, 0) 20 beds, F3 (9000, 9000) 5 beds
///   catchment 1,200 m: A–F1 500 m, B–F1 √(1000² + 500²) ≈ 1,118 m, B–F2 1,000 m
///   (A–F2 2,000 m and everything with C or F3 are out of reach).
struct FloatingCatchmentTests {
    static let demand = [
        PlanarPoint(x: 0, y: 0), PlanarPoint(x: 1000, y: 0), PlanarPoint(x: 5000, y: 5000),
    ]
    static let persons = [100.0, 300, 50]
    static let supply = [
        PlanarPoint(x: 0, y: 500), PlanarPoint(x: 2000, y: 0), PlanarPoint(x: 9000, y: 9000),
    ]
    static let beds = [10.0, 20, 5]

    static func result(_ decay: DistanceDecay) -> FloatingCatchmentResult {
        let reach = Reach(from: supply, to: demand, within: 1200, model: .radius).matrix
        return FloatingCatchment.accessibility(
            demand: persons, supply: beds, reach: reach, decay: decay)
    }

    @Test func twoStepGivesAOneFortiethAndBElevenOverOneHundredTwenty() throws {
        // Step 1: R1 = 10 / (100 + 300) = 0.025; R2 = 20 / 300 = 1/15.
        // Step 2: A = R1 = 0.025; B = R1 + R2 = 0.025 + 0.0667 = 11/120 ≈ 0.091667.
        let result = Self.result(.none)
        #expect(result.ratios[0] == 0.025)
        #expect(abs(result.ratios[1]! - 1.0 / 15.0) < 1e-15)
        #expect(result.ratios[2] == nil)
        #expect(result.accessibility[0] == 0.025)
        #expect(abs(result.accessibility[1]! - 11.0 / 120.0) < 1e-15)
        #expect(result.accessibility[2] == nil)
    }

    @Test func luoAndQiStepsWeighFiveHundredMetresAt068AndTheFarPairsAt022() throws {
        // Zones 0–400 m: 1, 400–800 m: 0.68, 800–1,200 m: 0.22.
        // R1 = 10 / (100·0.68 + 300·0.22) = 10/134; R2 = 20 / (300·0.22) = 20/66.
        // A = 0.68·10/134 = 6.8/134; B = 0.22·10/134 + 0.22·20/66 = 2.2/134 + 4.4/66.
        let result = Self.result(.luoQiSteps(radius: 1200))
        #expect(abs(result.accessibility[0]! - 6.8 / 134) < 1e-15)
        #expect(abs(result.accessibility[1]! - (2.2 / 134 + 4.4 / 66)) < 1e-15)
    }

    @Test(arguments: [DistanceDecay.none, .luoQiSteps(radius: 1200), .luoQiGaussian(radius: 1200)])
    func personWeightedScoresAddUpToTheThirtyBedsInReachOfSomeone(decay: DistanceDecay) {
        // Σ Pᵢ Aᵢ = Σ Sⱼ over facilities with demand in reach: 10 + 20 (F3 reaches no one).
        let result = Self.result(decay)
        let total = zip(Self.persons, result.accessibility).reduce(0.0) { $0 + $1.0 * ($1.1 ?? 0) }
        #expect(abs(total - 30) < 1e-12)
    }

    @Test func normalisedScoresDivideByTheWeightedMeanOfThirtyBedsOverFourHundredFiftyPersons() {
        // Mean = Σ PᵢAᵢ / Σ Pᵢ = 30 / 450 (C has no score but counts in the denominator).
        let result = Self.result(.none)
        #expect(abs(result.normalized[0]! - 0.025 / (30.0 / 450)) < 1e-12)
        #expect(result.normalized[2] == nil)
    }

    @Test func stepWeightsFollowPySALAccessInclusiveUpperBoundsAndZeroBeyond() {
        // access's step_fn({20: 1, 40: 0.68, 60: 0.22}) gives 1 at 20, 0.68 at 30, 0.22 at 60
        // and 0 at 70 (its doctest).
        let decay = DistanceDecay.steps([
            .init(upperDistance: 60, weight: 0.22), .init(upperDistance: 20, weight: 1),
            .init(upperDistance: 40, weight: 0.68),
        ])
        #expect(
            [0, 10, 20, 30, 40, 50, 60, 70].map { decay.weight(at: $0) }
                == [1, 1, 1, 0.68, 0.68, 0.22, 0.22, 0])
    }

    @Test func theGaussianWithSigmaTwentyIsOneHalfToThePowerOfDistanceSquared() {
        // access's gaussian(20) doctest: 1.0, 0.6065306597126334, 0.1353352832366127,
        // 0.011108996538242306 at 0, 20, 40, 60.
        let decay = DistanceDecay.gaussian(sigma: 20)
        #expect(
            [0, 20, 40, 60].map { decay.weight(at: $0) }
                == [1.0, 0.6065306597126334, 0.1353352832366127, 0.011108996538242306])
    }

    @Test func theDefaultGaussianWeighsAThirdOfTheRadiusAt068() {
        let decay = DistanceDecay.luoQiGaussian(radius: 3000)
        #expect(abs(decay.weight(at: 1000) - 0.68) < 1e-12)
        // And about 0.21 at two thirds: 0.68⁴ = 0.2138.
        #expect(abs(decay.weight(at: 2000) - pow(0.68, 4)) < 1e-12)
    }

    /// PySAL access 1.1.10.post3 on 300 demand points and 40 facilities it alone computed
    /// (Scripts/coverage-peers.py; Fixtures/peers.json records the versions).
    @Test func scoresAgreeWithPySALAccessOnThreeHundredPointsToTwelveDigits() throws {
        let demand = try FixtureTable("fca-demand.csv")
        let supply = try FixtureTable("fca-supply.csv")
        let expected = try FixtureTable("fca-expected.csv")
        let record = try peerRecord()["floating_catchment"] as! [String: Any]
        let radius = record["radius"] as! Double
        let sigma = record["sigma"] as! Double
        let steps = (record["steps"] as! [[Double]]).map {
            DistanceDecay.Zone(upperDistance: $0[0], weight: $0[1])
        }
        let reach = Reach(from: supply.points, to: demand.points, within: radius, model: .radius)
            .matrix
        let cases: [(String, DistanceDecay)] = [
            ("two_step", .none), ("stepped", .steps(steps)), ("gaussian", .gaussian(sigma: sigma)),
        ]
        for (column, decay) in cases {
            let result = FloatingCatchment.accessibility(
                demand: demand.numbers("weight"), supply: supply.numbers("capacity"), reach: reach,
                decay: decay)
            let peer = expected.column(column).map { Double($0) }
            #expect(peer.count == result.accessibility.count)
            for (ours, theirs) in zip(result.accessibility, peer) {
                #expect((ours == nil) == (theirs == nil), "\(column)")
                if let ours, let theirs {
                    #expect(abs(ours - theirs) <= 1e-12 * max(abs(theirs), 1e-300), "\(column)")
                }
            }
        }
        let plain = FloatingCatchment.accessibility(
            demand: demand.numbers("weight"), supply: supply.numbers("capacity"), reach: reach)
        for (ours, theirs) in zip(plain.normalized, expected.column("two_step_normalised")) {
            #expect((ours == nil) == (Double(theirs) == nil))
            if let ours, let theirs = Double(theirs) {
                #expect(abs(ours - theirs) <= 1e-12 * theirs)
            }
        }
    }

    @Test func scoresAreTheSameWithOneTwoOrThreeThreads() {
        var random = TestRandom(seed: 5)
        let demand = (0..<5000).map { _ in
            PlanarPoint(x: random.next() * 10_000, y: random.next() * 10_000)
        }
        let persons = demand.map { _ in Double(random.below(300)) }
        let supply = (0..<300).map { _ in
            PlanarPoint(x: random.next() * 10_000, y: random.next() * 10_000)
        }
        let beds = supply.map { _ in Double(10 + random.below(90)) }
        let runs = [1, 2, 3].map { threads in
            let parallelism = Parallelism(threads: threads)
            let reach = Reach(
                from: supply, to: demand, within: 1500, model: .radius, parallelism: parallelism)
            return FloatingCatchment.accessibility(
                demand: persons, supply: beds, reach: reach.matrix,
                decay: .luoQiGaussian(radius: 1500), parallelism: parallelism
            ).accessibility
        }
        #expect(runs[0] == runs[1] && runs[1] == runs[2])
    }
}
