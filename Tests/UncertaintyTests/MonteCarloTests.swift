import Foundation
import GSL
import Testing
import Uncertainty

@Suite("MonteCarlo")
struct MonteCarloTests {
    @Test("A normal input N(10, 2²) and the indicator 3x + 5 ≥ 38 are met with p = 0.3085 ± 3 SE")
    func toyModelMatchesClosedForm() throws {
        // 3x + 5 ≥ 38 ⇔ x ≥ 11 ⇔ z ≥ 0.5, so p = 1 − Φ(0.5) = 1 − 0.691462 = 0.308538
        // (standard normal table, e.g. Abramowitz & Stegun 26.2).
        let input = UncertainInput(
            keyPath: ["x"], application: .replace,
            distribution: try InputDistribution(.normal(mean: 10, standardDeviation: 2)))
        let draws = 4000
        let met = MonteCarlo.forEachReplicate(count: draws, threads: 2) { replicate in
            let x = (try? MonteCarlo.inputs([input], seed: 20_260_101, replicate: replicate))![0]
            return 3 * x + 5 >= 38
        }
        let estimate = AttainmentProbability(met: met.filter { $0 }.count, draws: draws)
        // SE = √(0.3085 · 0.6915 / 4000) ≈ 0.0073.
        #expect(abs(estimate.standardError - 0.0073) < 0.0003)
        #expect(abs(estimate.probability - 0.308538) < 3 * estimate.standardError)
    }

    @Test("Replicates give the same draws on 1 and 2 threads, and replicate 7 is the same alone")
    func identicalWhateverTheThreadCount() throws {
        let inputs = [
            UncertainInput(
                keyPath: ["a"], application: .replace,
                distribution: try InputDistribution(.lognormal(median: 2, sigma: 0.3))),
            UncertainInput(
                keyPath: ["b"], application: .scale,
                distribution: try InputDistribution(
                    .triangular(minimum: 0.7, mode: 0.9, maximum: 1))),
        ]
        let one = MonteCarlo.forEachReplicate(count: 200, threads: 1) {
            try! MonteCarlo.inputs(inputs, seed: 42, replicate: $0)
        }
        let two = MonteCarlo.forEachReplicate(count: 200, threads: 2) {
            try! MonteCarlo.inputs(inputs, seed: 42, replicate: $0)
        }
        #expect(one == two)
        #expect(one[7] == (try MonteCarlo.inputs(inputs, seed: 42, replicate: 7)))
    }

    @Test("Replicate k's uniform input is the first uniformPositive of RandomSource(seed, k)")
    func seedRule() throws {
        // The documented rule: replicate k draws from RandomSource(seed:replicate:k), one
        // uniform per input; a U(0, 1) input's quantile is the uniform itself.
        let input = UncertainInput(
            keyPath: ["u"], application: .replace,
            distribution: try InputDistribution(.uniform(minimum: 0, maximum: 1)))
        for k in [0, 1, 999] {
            let expected = try RandomSource(seed: 20_220_613, replicate: k).uniformPositive()
            #expect(try MonteCarlo.inputs([input], seed: 20_220_613, replicate: k) == [expected])
        }
    }

    @Test("Quantiles of 1…101 are 6, 26, 51, 76 and 96 (type 7)")
    func quantilesType7() {
        // Type 7: h = (n − 1)p + 1 = 100p + 1, so the p-quantile of 1…101 is 100p + 1.
        let values = (1...101).map(Double.init).shuffled()
        #expect(DrawQuantiles.of(values) == [6, 26, 51, 76, 96])
        #expect(DrawQuantiles.of([.nan, .nan]) == nil)
    }
}

@Suite("InputDistribution")
struct InputDistributionTests {
    @Test("The median of N(0, 1) truncated to [0, ∞) is Φ⁻¹(0.75) = 0.674490")
    func truncatedNormal() throws {
        // F(0) = 0.5, so the median is Φ⁻¹(0.5 + 0.5 · 0.5) = Φ⁻¹(0.75) = 0.6744898 (table).
        let distribution = try InputDistribution(
            .normal(mean: 0, standardDeviation: 1), lower: 0)
        #expect(abs(distribution.median - 0.6744898) < 1e-6)
        #expect(distribution.quantile(0) >= 0)
    }

    @Test("Triangular(0, 1, 4) has median 4 − √6 = 1.550510 and quartile 1 at x = 1")
    func triangular() throws {
        // F(1) = (1 − 0)² / ((4 − 0)(1 − 0)) = 1/4; above the mode F(x) = 1 − (4 − x)²/12,
        // so F(x) = 1/2 at x = 4 − √6.
        let distribution = try InputDistribution(.triangular(minimum: 0, mode: 1, maximum: 4))
        #expect(abs(distribution.median - (4 - 6.0.squareRoot())) < 1e-12)
        #expect(abs(distribution.quantile(0.25) - 1) < 1e-12)
    }

    @Test("Beta(2, 2) on [10, 20] and lognormal(median 3) have medians 15 and 3 by symmetry")
    func betaAndLognormal() throws {
        let beta = try InputDistribution(.beta(a: 2, b: 2, minimum: 10, maximum: 20))
        #expect(abs(beta.median - 15) < 1e-9)
        let lognormal = try InputDistribution(.lognormal(median: 3, sigma: 0.5))
        #expect(abs(lognormal.median - 3) < 1e-9)
    }

    @Test(
        "Bad parameters name the parameter",
        arguments: [
            (InputDistribution.Shape.normal(mean: 0, standardDeviation: -1), nil, nil, "sd"),
            (.normal(mean: 0, standardDeviation: 1), 2.0, 1.0, "lower"),
            (.uniform(minimum: 3, maximum: 1), nil, nil, "min"),
            (.triangular(minimum: 0, mode: 5, maximum: 4), nil, nil, "mode"),
            (.lognormal(median: 0, sigma: 1), nil, nil, "median"),
            (.beta(a: 0, b: 1, minimum: 0, maximum: 1), nil, nil, "a"),
            (.uniform(minimum: 0, maximum: 1), 2.0, nil, "lower"),
        ] as [(InputDistribution.Shape, Double?, Double?, String)])
    func badParameters(
        shape: InputDistribution.Shape, lower: Double?, upper: Double?, parameter: String
    ) {
        #expect {
            _ = try InputDistribution(shape, lower: lower, upper: upper)
        } throws: { error in
            (error as? InputDistribution.InvalidParameter)?.parameter == parameter
        }
    }

    // Where the central run's value lies, worked by hand. Triangular(0.7, 0.95, 1): F(1) = 1
    // (the best case), and the median solves (x − 0.7)² / (0.3 × 0.25) = 0.5, x = 0.7 +
    // √0.0375 = 0.893649. Uniform(5, 12) at 8: 3/7. A normal truncated at ±3% around 1 at 1:
    // one half, by symmetry.
    @Test func theCentralValuesShareOfDrawsAtOrBelowItIsTheTruncatedCDF() throws {
        let budget = UncertainInput(
            keyPath: ["investment", "budget", "central_budget"], application: .scale,
            distribution: try InputDistribution(.triangular(minimum: 0.7, mode: 0.95, maximum: 1)))
        let central = CentralValue(budget, scenarioValue: "{2021: 1000}")
        #expect(central.value == 1)
        #expect(central.share == 1)
        #expect(abs(central.median - 0.893649) < 1e-6)
        let attrition = UncertainInput(
            keyPath: ["facilities", "staffing", "attrition"], application: .replace,
            distribution: try InputDistribution(.uniform(minimum: 5, maximum: 12)))
        let replaced = CentralValue(attrition, scenarioValue: "8 %")
        #expect(replaced.value == 8)
        #expect(abs((replaced.share ?? 0) - 3.0 / 7) < 1e-12)
        let life = try InputDistribution(
            .normal(mean: 1, standardDeviation: 0.01), lower: 0.97, upper: 1.03)
        #expect(abs(life.cdf(1) - 0.5) < 1e-9)
        #expect(CentralValue(attrition, scenarioValue: nil).share == nil)
    }
}
