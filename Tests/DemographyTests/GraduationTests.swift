import Demography
import Foundation
import Testing

/// 铁东区 (Tiedong district, Anshan), females, 2020 census by 0, 1–4, 5–9, …, 80–84, 85+
/// (National Bureau of Statistics, 中国人口普查分县资料2020, via the `leiii/census`
/// compilation): 983, 5905, 8266, 7540, 6871, 9697, 10460, 17855, 19741, 18694, 21570, 24499,
/// 29336, 26166, 21459, 11380, 8682, 8232, 6120.
enum TiedongFemales2020 {
    static let bands = AgeBands.abridged(to: 85)
    static let counts: [Double] = [
        983, 5905, 8266, 7540, 6871, 9697, 10460, 17855, 19741, 18694, 21570, 24499, 29336, 26166,
        21459, 11380, 8682, 8232, 6120,
    ]
}

@Suite struct GraduationTests {
    /// A cubic in age: single-year counts 1000 + 30a − 0.8a² + 0.005a³ for a = 0…84.
    static let cubic: [Double] = (0..<85).map { a in
        let x = Double(a)
        return 1000 + 30 * x - 0.8 * x * x + 0.005 * x * x * x
    }

    static func fiveYearSums(_ singles: [Double]) -> [Double] {
        stride(from: 0, to: singles.count, by: 5).map { singles[$0..<($0 + 5)].reduce(0, +) }
    }

    @Test(
        "Sprague and Beers recover single years of a cubic exactly from its five-year sums",
        arguments: [GraduationMethod.sprague, .beers])
    func cubicsAreReproduced(method: GraduationMethod) throws {
        // Both formulas are exact for polynomials of degree 3 in every panel (first, middle
        // and last), a property of the published multipliers; an error in one coefficient
        // breaks it. (Checked independently in NumPy: maximum error 6e-13.)
        let groups = Self.fiveYearSums(Self.cubic) + [12_345]
        let singles = try Graduation.singleYears(
            groups, bands: .uniform(width: 5, to: 85), method: method)
        #expect(singles.count == 86)
        for age in 0..<85 { #expect(abs(singles[age] - Self.cubic[age]) < 1e-8) }
        #expect(singles[85] == 12_345)
    }

    @Test(
        "Every method keeps each census band's total for Tiedong's females (1–4: 5,905; 80–84: 8,232)",
        arguments: GraduationMethod.allCases)
    func bandTotalsAreKept(method: GraduationMethod) throws {
        let singles = try Graduation.singleYears(
            TiedongFemales2020.counts, bands: TiedongFemales2020.bands, method: method)
        #expect(singles.count == 86)
        #expect(singles[0] == 983)
        #expect(abs(singles[1...4].reduce(0, +) - 5905) < 1e-9)
        for (index, lower) in TiedongFemales2020.bands.lowerBounds.enumerated().dropFirst(2)
            .dropLast()
        {
            #expect(
                abs(singles[lower..<(lower + 5)].reduce(0, +) - TiedongFemales2020.counts[index])
                    < 1e-8)
        }
        #expect(singles[85] == 6120)
        #expect(singles.allSatisfy { $0 >= 0 })
        #expect(abs(singles.reduce(0, +) - TiedongFemales2020.counts.reduce(0, +)) < 1e-7)
    }

    @Test("The monotone spline spreads equal bands evenly: 500 per band gives 100 a year")
    func monotoneSplineOnEqualBands() throws {
        let singles = try Graduation.singleYears(
            [500, 500, 500, 500, 77], bands: .uniform(width: 5, to: 20), method: .monotoneSpline)
        for age in 0..<20 { #expect(abs(singles[age] - 100) < 1e-9) }
    }

    @Test(
        "A band far smaller than its neighbours gets no negative single years, and keeps its total")
    func negativesAreRemoved() throws {
        // 10 persons between 1,000s: the Sprague middle panel alone would give negatives.
        let groups: [Double] = [1000, 1000, 1000, 10, 1000, 1000, 1000, 50]
        let singles = try Graduation.singleYears(
            groups, bands: .uniform(width: 5, to: 35), method: .sprague)
        #expect(singles.allSatisfy { $0 >= 0 })
        #expect(abs(singles[15..<20].reduce(0, +) - 10) < 1e-9)
    }

    @Test("Graduation refuses bands it cannot split: ten-year bands, too few bands")
    func unsupportedBands() throws {
        let tenYear = AgeBands.uniform(width: 10, to: 60)
        #expect(throws: GraduationError.unsupportedBands(tenYear)) {
            try Graduation.singleYears(
                [Double](repeating: 1, count: 7), bands: tenYear, method: .sprague)
        }
        #expect(throws: GraduationError.tooFewBands(needed: 5, got: 3)) {
            try Graduation.singleYears(
                [1, 1, 1, 1], bands: .uniform(width: 5, to: 15), method: .beers)
        }
    }

    @Test("The open band 85+ of Tiedong's females is split by a life table's stationary population")
    func openBandSplit() throws {
        // By hand: in single years the rate 0.1 holds each year from 85 with ax = 0.5, so
        // q = 0.1 / 1.05 and l falls by r = 1 − q = 0.9047619 a year; L(a) = l(a)·(1 + r)/2
        // and T(100) = l(100) / 0.1. With l(85) = 1: shares ∝ (1 + r)/2·r^k for k = 0…14
        // and 10·r^15 for 100+.
        let bands = try AgeBands(lowerBounds: [0, 85, 90, 95, 100])
        let table = try LifeTable(bands: bands, deathRates: [0, 0.1, 0.1, 0.1, 0.1])
        let shares = table.stationaryShares(from: 85, to: 100)
        let r = 1 - 0.1 / 1.05
        let weights = (0..<15).map { (1 + r) / 2 * pow(r, Double($0)) } + [10 * pow(r, 15)]
        let total = weights.reduce(0, +)
        #expect(shares.count == 16)
        #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
        for index in 0..<16 { #expect(abs(shares[index] - weights[index] / total) < 1e-12) }
    }
}

@Suite struct CohortShapeTests {
    /// Liaoning's 2020 census, females 60–64: 1,805,385 (see `Scenarios/liaoning`). With the
    /// births behind ages 60…64 (weights 14,346,501, 16,934,258, 19,521,421, 21,379,866,
    /// 19,827,637 — `Scripts/build-cohort-shape.py`, sum 92,009,683), age 60 gets
    /// 1,805,385 × 14,346,501 / 92,009,683 = 281,502.5 by hand, not the fifth a smooth curve
    /// gives.
    @Test(
        "A band re-split by cohort weights keeps its total and gives age 60 281,502.5 of 1,805,385")
    func reshapedBandKeepsTotal() throws {
        let source = try AgeBands(lowerBounds: [0, 60, 65])
        let singles = try AgeSexPopulation(
            bands: .singleYears(to: 65),
            female: [Double](repeating: 0, count: 60) + [Double](repeating: 361_077, count: 5)
                + [100],
            male: [Double](repeating: 0, count: 60) + [1, 2, 3, 4, 5] + [100])
        let weights: [Int: Double] = [
            60: 14_346_501, 61: 16_934_258, 62: 19_521_421, 63: 21_379_866, 64: 19_827_637,
        ]
        let reshaped = Graduation.reshaped(singles, sourceBands: source, weights: weights)
        #expect(abs(reshaped.female[60] - 281_502.52) < 0.01)
        #expect(abs(reshaped.female[60..<65].reduce(0, +) - 1_805_385) < 1e-6)
        #expect(abs(reshaped.male[60..<65].reduce(0, +) - 15) < 1e-9)
        // The band 0–59 has no weights and stays as it was; so does the open band.
        #expect(reshaped.female[0] == 0 && reshaped.female[65] == 100)
    }
}
