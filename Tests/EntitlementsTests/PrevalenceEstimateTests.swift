import Demography
import GSL
import Testing

@testable import Entitlements

@Suite struct PrevalenceEstimateTests {
    /// Newcombe, *Two-sided confidence intervals for the single proportion: comparison of
    /// seven methods*, Statistics in Medicine 17 (1998) 857–872, Table II, method 3 (score
    /// method without continuity correction), 95 %: 81/263 → 0.2553–0.3662; 15/148 →
    /// 0.0624–0.1605; 0/20 → 0.0000–0.1611; 1/29 → 0.0061–0.1718.
    @Test(arguments: [
        (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ])
    func wilsonIntervalsMatchNewcombesTable(
        successes: Int, trials: Int, lower: Double, upper: Double
    ) {
        let z = WilsonInterval.z(confidence: 0.95)
        let bounds = WilsonInterval.bounds(successes: successes, trials: trials, z: z)
        #expect(abs(bounds.lower - lower) < 0.00005)
        #expect(abs(bounds.upper - upper) < 0.00005)
    }

    /// Normal table: Φ⁻¹(0.975) = 1.95996; for five simultaneous intervals (Goodman's
    /// Bonferroni form) Φ⁻¹(1 − 0.05/10) = Φ⁻¹(0.995) = 2.57583.
    @Test func theNormalQuantilesAre1Point96AndForFiveLevels2Point576() {
        #expect(abs(WilsonInterval.z(confidence: 0.95) - 1.959964) < 1e-6)
        #expect(abs(WilsonInterval.z(confidence: 0.95, simultaneous: 5) - 2.575829) < 1e-6)
    }

    /// Tally by hand: 3 women aged 62, 67, 71 at levels intact, intact, mild with groups 60
    /// and 70+: the 60–69 cell is 2/2 intact, the 70+ cell 1/1 mild; a person aged 55 is
    /// below the first group and not counted.
    @Test func aHandTallyOfThreeWomenGivesSharesOf1And1() throws {
        var estimate = PrevalenceEstimate(
            ageGroups: try AgeBands(lowerBounds: [60, 70]), years: [2023])
        estimate.add(year: 2023, sex: .female, age: 62, level: .intact)
        estimate.add(year: 2023, sex: .female, age: 67, level: .intact)
        estimate.add(year: 2023, sex: .female, age: 71, level: .mildlyImpaired)
        let added = estimate.add(year: 2023, sex: .female, age: 55, level: .intact)
        #expect(!added)
        let young = try #require(estimate.cell(year: 2023, part: 0, sex: .female, group: 0))
        let old = try #require(estimate.cell(year: 2023, part: 0, sex: .female, group: 1))
        #expect(
            estimate.total(cell: young) == 2 && estimate.share(cell: young, level: .intact) == 1)
        #expect(estimate.share(cell: old, level: .mildlyImpaired) == 1)
        // Men have no records: two empty cells, and no prevalence table.
        #expect(estimate.emptyCells.count == 2)
        #expect(estimate.prevalence() == nil)
    }

    /// Synthetic records drawn from known rates (seeded MT19937): each person's level is
    /// drawn from the cell's rates, item scores are made to a total drawn uniformly within
    /// that level's band, and the records are scored as any would be. With 3,000 persons a
    /// cell, every known rate lies within its simultaneous 99.9 % interval (Goodman: the
    /// chance that any of a cell's five misses is at most 0.1 %, so for 6 cells under 1 %).
    @Test func prevalenceFromSyntheticRecordsRecoversTheKnownRatesWithinTheirIntervals() throws {
        let rng = try RandomSource(seed: 20_230_917)
        let groups = try AgeBands(lowerBounds: [60, 70, 80])
        // Known rates by sex and age group (intact … complete).
        let rates: [[Double]] = [
            [0.80, 0.10, 0.05, 0.03, 0.02], [0.65, 0.18, 0.09, 0.05, 0.03],
            [0.40, 0.28, 0.15, 0.10, 0.07],
            [0.84, 0.08, 0.04, 0.025, 0.015], [0.70, 0.15, 0.08, 0.04, 0.03],
            [0.45, 0.26, 0.14, 0.09, 0.06],
        ]
        let bands = [(90, 90), (66, 89), (46, 65), (30, 45), (0, 29)]
        var estimate = PrevalenceEstimate(ageGroups: groups, years: [2023])
        for sex in Sex.allCases {
            for group in 0..<3 {
                let cellRates = rates[sex.rawValue * 3 + group]
                for _ in 0..<3_000 {
                    // The level, by inversion of the cumulative rates.
                    let u = rng.uniform()
                    var level = 0
                    var cumulative = cellRates[0]
                    while u >= cumulative, level < 4 {
                        level += 1
                        cumulative += cellRates[level]
                    }
                    let (low, high) = bands[level]
                    let total = low + Int(rng.uniform() * Double(high - low + 1))
                    let result = CapabilityAssessment.score(
                        try AssessmentRecord(scores: scores(total: min(total, high))))
                    let age = groups.lowerBounds[group] + Int(rng.uniform() * 10)
                    estimate.add(year: 2023, sex: sex, age: age, level: result.level)
                }
            }
        }
        let z = WilsonInterval.z(confidence: 0.999, simultaneous: 5)
        for cell in 0..<estimate.cellCount {
            let (_, _, sex, group) = estimate.describe(cell: cell)
            #expect(estimate.total(cell: cell) == 3_000)
            for level in CapabilityLevel.allCases {
                let truth = rates[sex.rawValue * 3 + group][level.rawValue]
                let bounds = estimate.interval(cell: cell, level: level, z: z)
                #expect(
                    bounds.lower <= truth && truth <= bounds.upper,
                    "\(sex) \(group) \(level): \(truth) not in \(bounds)")
            }
        }
        // The table a scenario reads: the shares of each cell sum to 1.
        let prevalence = try #require(estimate.prevalence())
        let shares = prevalence.shares(year: 2023, sex: .male, age: 85)
        #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
    }

    /// The frequency property behind the intervals: over 2,000 samples of 200 persons from
    /// known rates, each level's marginal 95 % Wilson interval covers its rate as often as
    /// the exact coverage says. The exact coverage, Σ_x P(X = x) · [p ∈ interval(x)] over
    /// X ~ Binomial(200, p), was enumerated separately: 0.9466 (p = 0.70), 0.9410 (0.15),
    /// 0.9511 (0.08), 0.9672 (0.05), 0.9331 (0.02) — near 95 % but oscillating, as Brown,
    /// Cai & DasGupta (2001) show for every interval of a discrete proportion. The binomial
    /// standard error of a coverage over 2,000 samples is at most 0.56 points; the test
    /// allows 2 points (more than three of them).
    @Test func wilsonIntervalsCoverTheTrueRateAsOftenAsTheExactCoverageSays() throws {
        let rng = try RandomSource(seed: 42)
        let rates = [0.70, 0.15, 0.08, 0.05, 0.02]
        let z = WilsonInterval.z(confidence: 0.95)
        var covered = [Int](repeating: 0, count: 5)
        let samples = 2_000
        for _ in 0..<samples {
            // Multinomial counts by successive binomials.
            var left = 200
            var remaining = 1.0
            var counts: [Int] = []
            for level in 0..<4 {
                let count = try rng.binomial(
                    probability: min(rates[level] / remaining, 1), trials: left)
                counts.append(count)
                left -= count
                remaining -= rates[level]
            }
            counts.append(left)
            for level in 0..<5 {
                let bounds = WilsonInterval.bounds(successes: counts[level], trials: 200, z: z)
                if bounds.lower <= rates[level] && rates[level] <= bounds.upper {
                    covered[level] += 1
                }
            }
        }
        let exact = [0.9466, 0.9410, 0.9511, 0.9672, 0.9331]
        for level in 0..<5 {
            let coverage = Double(covered[level]) / Double(samples)
            #expect(abs(coverage - exact[level]) <= 0.02, "level \(level): \(coverage)")
        }
    }
}
