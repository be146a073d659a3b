import Foundation
import GSL
import Testing

/// A distribution to sample and its closed-form moments.
struct MomentCase: Sendable, CustomTestStringConvertible {
    let name: String
    let mean: Double
    let variance: Double
    /// The excess kurtosis κ, which sets the standard error of the sample variance.
    let excessKurtosis: Double
    let draw: @Sendable (RandomSource) throws -> Double

    var testDescription: String { name }
}

/// A call that must be refused with a given status.
struct InvalidDistributionCall: Sendable, CustomTestStringConvertible {
    let name: String
    let status: GSLStatus
    let call: @Sendable () throws -> Void

    var testDescription: String { name }
}

@Suite("Distribution")
struct DistributionTests {
    // Closed-form moments from the standard references (Johnson, Kotz and Balakrishnan,
    // "Continuous Univariate Distributions" and "Univariate Discrete Distributions"):
    // mean, variance and excess kurtosis of each distribution.
    static let momentCases: [MomentCase] = {
        let lognormalSigma2 = 0.25 * 0.25
        let beta = (a: 2.0, b: 5.0)
        let betaSum = beta.a + beta.b
        return [
            MomentCase(
                name: "uniform on [2, 5]: mean 3.5, variance 0.75", mean: 3.5, variance: 0.75,
                excessKurtosis: -1.2, draw: { try $0.uniform(in: 2...5) }),
            MomentCase(
                name: "normal(3, 2): mean 3, variance 4", mean: 3, variance: 4,
                excessKurtosis: 0, draw: { try $0.normal(mean: 3, standardDeviation: 2) }),
            MomentCase(
                name: "lognormal(0.5, 0.25): mean exp(ζ + σ²/2)",
                mean: exp(0.5 + lognormalSigma2 / 2),
                variance: (exp(lognormalSigma2) - 1) * exp(2 * 0.5 + lognormalSigma2),
                excessKurtosis: exp(4 * lognormalSigma2) + 2 * exp(3 * lognormalSigma2)
                    + 3 * exp(2 * lognormalSigma2) - 6,
                draw: { try $0.lognormal(zeta: 0.5, sigma: 0.25) }),
            MomentCase(
                name: "Poisson(4): mean 4, variance 4", mean: 4, variance: 4,
                excessKurtosis: 1.0 / 4, draw: { Double(try $0.poisson(mean: 4)) }),
            MomentCase(
                name: "binomial(0.3, 20): mean np = 6, variance np(1 − p) = 4.2", mean: 6,
                variance: 4.2, excessKurtosis: (1 - 6 * 0.3 * 0.7) / 4.2,
                draw: { Double(try $0.binomial(probability: 0.3, trials: 20)) }),
            MomentCase(
                name: "beta(2, 5): mean a/(a + b) = 2/7", mean: beta.a / betaSum,
                variance: beta.a * beta.b / (betaSum * betaSum * (betaSum + 1)),
                excessKurtosis: 6
                    * ((beta.a - beta.b) * (beta.a - beta.b) * (betaSum + 1)
                        - beta.a * beta.b * (betaSum + 2))
                    / (beta.a * beta.b * (betaSum + 2) * (betaSum + 3)),
                draw: { try $0.beta(a: 2, b: 5) }),
            MomentCase(
                name: "gamma(3, 2): mean kθ = 6, variance kθ² = 12", mean: 6, variance: 12,
                excessKurtosis: 6.0 / 3, draw: { try $0.gamma(shape: 3, scale: 2) }),
        ]
    }()

    @Test(
        "The mean and variance of 200,000 draws lie within 5 standard errors of the moments",
        arguments: momentCases)
    func sampleMomentsMatchClosedForm(_ distribution: MomentCase) throws {
        // Standard errors: σ/√n for the mean and σ²·√((κ + 2)/n) for the sample variance
        // (the large-sample variance of s² is (μ₄ − σ⁴)/n with μ₄ = (κ + 3)σ⁴).
        let n = 200_000
        let source = try RandomSource(seed: 20_260_101)
        var draws: [Double] = []
        draws.reserveCapacity(n)
        for _ in 0..<n {
            draws.append(try distribution.draw(source))
        }
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let meanError = (distribution.variance / Double(n)).squareRoot()
        let varianceError =
            distribution.variance * ((distribution.excessKurtosis + 2) / Double(n)).squareRoot()
        #expect(abs(mean - distribution.mean) < 5 * meanError)
        #expect(abs(variance - distribution.variance) < 5 * varianceError)
    }

    @Test("Seed 0 gives the Poisson(3) draws 2 5 5 2 1 0 3 4 1 1 of GSL's manual example")
    func manualPoissonExample() throws {
        // GSL Reference Manual, "Random Number Distributions", example: ten gsl_ran_poisson
        // draws with mean 3 from the default generator (mt19937, seed 0).
        let source = try RandomSource(seed: 0)
        var draws: [Int] = []
        for _ in 0..<10 {
            draws.append(try source.poisson(mean: 3))
        }
        #expect(draws == [2, 5, 5, 2, 1, 0, 3, 4, 1, 1])
    }

    @Test("Degenerate parameters give exact values: uniform on [7, 7] is 7, normal(2, 0) is 2")
    func degenerateParameters() throws {
        // A one-point range and a zero spread leave no randomness; Poisson(0) and
        // binomial(p = 1, n = 9) are certain.
        let source = try RandomSource(seed: 1)
        #expect(try source.uniform(in: 7...7) == 7)
        #expect(try source.normal(mean: 2, standardDeviation: 0) == 2)
        #expect(try source.lognormal(zeta: 0, sigma: 0) == 1)
        #expect(try source.poisson(mean: 0) == 0)
        #expect(try source.binomial(probability: 1, trials: 9) == 9)
        #expect(try source.binomial(probability: 0, trials: 9) == 0)
    }

    @Test("10,000 beta(0.5, 0.5) draws lie in [0, 1] and 10,000 uniform draws in [−1, 1)")
    func drawsStayInSupport() throws {
        // The supports of the distributions, from their definitions.
        let source = try RandomSource(seed: 3)
        for _ in 0..<10_000 {
            let b = try source.beta(a: 0.5, b: 0.5)
            #expect(b >= 0 && b <= 1)
            let u = try source.uniform(in: -1...1)
            #expect(u >= -1 && u < 1)
        }
    }

    @Test("Φ(1.96) = 0.9750021048517795 and Φ⁻¹(0.975) = 1.959963984540054")
    func standardNormalTableValues() throws {
        // Standard normal table values to 16 digits (e.g. Abramowitz and Stegun 26.2, or
        // R's pnorm(1.96) and qnorm(0.975)).
        #expect(abs(try Distribution.normalCDF(1.96) - 0.975_002_104_851_779_5) < 1e-15)
        #expect(abs(try Distribution.normalQuantile(0.975) - 1.959_963_984_540_054) < 1e-12)
    }

    @Test("For mean 10 and σ 2, P(X ≤ 13.92) = Φ(1.96) and the 0.975 quantile is 13.92")
    func normalWithLocationAndScale() throws {
        // Standardising: (13.92 − 10)/2 = 1.96; 10 + 2 · 1.959963984540054 = 13.919927969080108.
        let p = try Distribution.normalCDF(13.92, mean: 10, standardDeviation: 2)
        #expect(abs(p - 0.975_002_104_851_779_5) < 1e-14)
        let x = try Distribution.normalQuantile(0.975, mean: 10, standardDeviation: 2)
        #expect(abs(x - 13.919_927_969_080_108) < 1e-11)
    }

    @Test("Normal quantiles of probability 0 and 1 are −∞ and +∞")
    func normalQuantileEnds() throws {
        // Φ⁻¹ maps the closed unit interval onto the extended real line.
        #expect(try Distribution.normalQuantile(0) == -.infinity)
        #expect(try Distribution.normalQuantile(1) == .infinity)
    }

    @Test("Lognormal(1, 0.5): P(X ≤ e) = 0.5 and the 0.975 quantile is exp(1 + 0.5 · 1.95996)")
    func lognormalCDFAndQuantile() throws {
        // log X is normal(ζ, σ): the median is exp(ζ), and the q-quantile is exp(ζ + σ Φ⁻¹(q)).
        // A lognormal variable is positive, so P(X ≤ −1) = 0.
        #expect(abs(try Distribution.lognormalCDF(exp(1), zeta: 1, sigma: 0.5) - 0.5) < 1e-15)
        let quantile = try Distribution.lognormalQuantile(0.975, zeta: 1, sigma: 0.5)
        #expect(abs(quantile - exp(1 + 0.5 * 1.959_963_984_540_054)) < 1e-11)
        #expect(try Distribution.lognormalCDF(-1, zeta: 1, sigma: 0.5) == 0)
    }

    @Test("Beta(2, 3) has P(X ≤ 0.5) = 0.6875 and beta(2, 1) has 0.25-quantile 0.5")
    func betaCDFAndQuantile() throws {
        // By hand: beta(2, 3) has density 12x(1 − x)², so F(x) = 6x² − 8x³ + 3x⁴ and
        // F(0.5) = 1.5 − 1 + 0.1875 = 0.6875. Beta(2, 1) has F(x) = x², so F⁻¹(0.25) = 0.5.
        // Outside the support [0, 1] the CDF is 0 below and 1 above.
        #expect(abs(try Distribution.betaCDF(0.5, a: 2, b: 3) - 0.6875) < 1e-15)
        #expect(abs(try Distribution.betaQuantile(0.25, a: 2, b: 1) - 0.5) < 1e-12)
        #expect(try Distribution.betaCDF(-0.5, a: 2, b: 3) == 0)
        #expect(try Distribution.betaCDF(1.5, a: 2, b: 3) == 1)
    }

    @Test("Gamma(1, 2) has P(X ≤ 2) = 1 − e⁻¹ = 0.6321205588285577 and median 2 ln 2")
    func gammaCDFAndQuantile() throws {
        // Gamma with shape 1 is exponential: F(x) = 1 − exp(−x/θ), median θ ln 2 =
        // 1.3862943611198906. Gamma(2, 1): F(x) = 1 − e^−x (1 + x), so F(1) = 1 − 2/e; a gamma
        // variable is positive, so F(−1) = 0.
        #expect(
            abs(try Distribution.gammaCDF(2, shape: 1, scale: 2) - 0.632_120_558_828_557_7)
                < 1e-15)
        #expect(
            abs(try Distribution.gammaQuantile(0.5, shape: 1, scale: 2) - 1.386_294_361_119_890_6)
                < 1e-12)
        #expect(
            abs(try Distribution.gammaCDF(1, shape: 2, scale: 1) - 0.264_241_117_657_115_3)
                < 1e-15)
        #expect(try Distribution.gammaCDF(-1, shape: 2, scale: 1) == 0)
    }

    @Test("Poisson(1) has P(X ≤ 2) = 2.5/e = 0.9196986029286058")
    func poissonCDF() throws {
        // By hand: e⁻¹ (1 + 1 + 1/2) = 2.5/e. Below zero the CDF is 0; with mean 0 it is 1.
        #expect(abs(try Distribution.poissonCDF(2, mean: 1) - 0.919_698_602_928_605_8) < 1e-15)
        #expect(try Distribution.poissonCDF(-1, mean: 1) == 0)
        #expect(try Distribution.poissonCDF(0, mean: 0) == 1)
    }

    @Test("Binomial(0.5, 3) has P(X ≤ 1) = 4/8 = 0.5, P(X ≤ −1) = 0 and P(X ≤ 3) = 1")
    func binomialCDF() throws {
        // By hand: (C(3,0) + C(3,1)) / 2³ = 4/8.
        #expect(abs(try Distribution.binomialCDF(1, probability: 0.5, trials: 3) - 0.5) < 1e-15)
        #expect(try Distribution.binomialCDF(-1, probability: 0.5, trials: 3) == 0)
        #expect(try Distribution.binomialCDF(3, probability: 0.5, trials: 3) == 1)
    }

    static let invalidCalls: [InvalidDistributionCall] = {
        @Sendable func source() throws -> RandomSource { try RandomSource(seed: 1) }
        return [
            InvalidDistributionCall(name: "uniform on [−∞, 0]", status: .domain) {
                _ = try source().uniform(in: -Double.infinity...0)
            },
            InvalidDistributionCall(name: "normal with σ = −1", status: .domain) {
                _ = try source().normal(mean: 0, standardDeviation: -1)
            },
            InvalidDistributionCall(name: "normal with mean NaN", status: .domain) {
                _ = try source().normal(mean: .nan, standardDeviation: 1)
            },
            InvalidDistributionCall(name: "lognormal with σ = −0.1", status: .domain) {
                _ = try source().lognormal(zeta: 0, sigma: -0.1)
            },
            InvalidDistributionCall(name: "Poisson with mean −1", status: .domain) {
                _ = try source().poisson(mean: -1)
            },
            InvalidDistributionCall(name: "Poisson with mean 2e9", status: .domain) {
                _ = try source().poisson(mean: 2e9)
            },
            InvalidDistributionCall(name: "binomial with p = 1.5", status: .domain) {
                _ = try source().binomial(probability: 1.5, trials: 10)
            },
            InvalidDistributionCall(name: "binomial with p = NaN", status: .domain) {
                _ = try source().binomial(probability: .nan, trials: 10)
            },
            InvalidDistributionCall(name: "binomial with −1 trials", status: .domain) {
                _ = try source().binomial(probability: 0.5, trials: -1)
            },
            InvalidDistributionCall(name: "beta with a = 0", status: .domain) {
                _ = try source().beta(a: 0, b: 1)
            },
            InvalidDistributionCall(name: "beta with b = −1", status: .domain) {
                _ = try source().beta(a: 1, b: -1)
            },
            InvalidDistributionCall(name: "gamma with shape 0", status: .domain) {
                _ = try source().gamma(shape: 0, scale: 1)
            },
            InvalidDistributionCall(name: "gamma with scale ∞", status: .domain) {
                _ = try source().gamma(shape: 1, scale: .infinity)
            },
            InvalidDistributionCall(name: "normal CDF with σ = 0", status: .domain) {
                _ = try Distribution.normalCDF(1, mean: 0, standardDeviation: 0)
            },
            InvalidDistributionCall(name: "normal CDF at NaN", status: .domain) {
                _ = try Distribution.normalCDF(.nan)
            },
            InvalidDistributionCall(name: "normal quantile of 1.1", status: .domain) {
                _ = try Distribution.normalQuantile(1.1)
            },
            InvalidDistributionCall(name: "lognormal quantile with σ = 0", status: .domain) {
                _ = try Distribution.lognormalQuantile(0.5, zeta: 0, sigma: 0)
            },
            InvalidDistributionCall(name: "beta quantile of −0.1", status: .domain) {
                _ = try Distribution.betaQuantile(-0.1, a: 1, b: 1)
            },
            InvalidDistributionCall(name: "beta CDF with a = −2", status: .domain) {
                _ = try Distribution.betaCDF(0.5, a: -2, b: 1)
            },
            InvalidDistributionCall(name: "gamma CDF at NaN", status: .domain) {
                _ = try Distribution.gammaCDF(.nan, shape: 1, scale: 1)
            },
            InvalidDistributionCall(name: "gamma quantile with shape −1", status: .domain) {
                _ = try Distribution.gammaQuantile(0.5, shape: -1, scale: 1)
            },
            InvalidDistributionCall(name: "Poisson CDF with mean −1", status: .domain) {
                _ = try Distribution.poissonCDF(1, mean: -1)
            },
            InvalidDistributionCall(name: "binomial CDF with 2^32 trials", status: .domain) {
                _ = try Distribution.binomialCDF(1, probability: 0.5, trials: 1 << 32)
            },
        ]
    }()

    @Test("Invalid distribution parameters are refused with GSL_EDOM", arguments: invalidCalls)
    func invalidParameters(_ invalid: InvalidDistributionCall) {
        // Each parameter lies outside the distribution's parameter space (σ ≥ 0, p in [0, 1],
        // shapes > 0, …), so the call must throw the status, not return NaN or crash.
        let error = #expect(throws: GSLError.self) {
            try invalid.call()
        }
        #expect(error?.status == invalid.status)
    }
}
