import Demography
import Foundation
import Testing

/// Preston, Heuveline & Guillot, *Demography: Measuring and Modeling Population Processes*
/// (Blackwell, 2001), Table 3.2 (p. 49): abridged life table for Austrian males, 1992 (data
/// from United Nations 1994). Inputs: mid-year population ₙNₓ, deaths ₙDₓ and ₙaₓ as printed;
/// expected: lx, dx and nLx as printed (radix 100,000, rounded to whole numbers).
enum AustrianMales1992 {
    static let bands = AgeBands.abridged(to: 85)
    static let population: [Double] = [
        47925, 189127, 234793, 238790, 254996, 326831, 355086, 324222, 269963, 261971, 238011,
        261612, 181385, 187962, 153832, 105169, 73694, 57512, 32248,
    ]
    static let deaths: [Double] = [
        419, 70, 36, 46, 249, 420, 403, 441, 508, 769, 1154, 1866, 2043, 3496, 4366, 4337, 5279,
        6460, 6146,
    ]
    static let ax: [Double] = [
        0.068, 1.626, 2.5, 3.143, 2.724, 2.520, 2.481, 2.601, 2.701, 2.663, 2.698, 2.676, 2.645,
        2.624, 2.619, 2.593, 2.518, 2.423, 5.247,
    ]
    static let lx: [Double] = [
        100000, 99133, 98986, 98910, 98815, 98334, 97704, 97151, 96492, 95588, 94195, 91937,
        88711, 83845, 76377, 66225, 53803, 37441, 21134,
    ]
    static let dx: [Double] = [
        867, 147, 76, 95, 481, 630, 553, 659, 904, 1393, 2258, 3225, 4867, 7467, 10152, 12422,
        16362, 16307, 21134,
    ]
    static let Lx: [Double] = [
        99192, 396183, 494741, 494375, 492980, 490106, 487127, 484175, 480384, 474686, 465777,
        452188, 432096, 401480, 357713, 301224, 228404, 145182, 110889,
    ]
}

@Suite struct LifeTableTests {
    @Test(
        "Preston's abridged table for Austrian males 1992 has the printed lx, dx and nLx and e0 = 72.89"
    )
    func austrianMales() throws {
        let table = try LifeTable(
            bands: AustrianMales1992.bands, deaths: AustrianMales1992.deaths,
            exposures: AustrianMales1992.population, rule: .given(AustrianMales1992.ax))
        #expect(table.lx.map { $0.rounded() } == AustrianMales1992.lx)
        #expect(table.dx.map { $0.rounded() } == AustrianMales1992.dx)
        #expect(table.Lx.map { $0.rounded() } == AustrianMales1992.Lx)
        // e0 = T0 / l0 = Σ of the printed nLx / 100,000 = 7,288,902 / 100,000 = 72.889.
        #expect((table.lifeExpectancy * 100).rounded() / 100 == 72.89)
        // The open band: q = 1 and a = 1 / m = 32,248 / 6,146 = 5.247 (printed).
        #expect(table.qx[18] == 1)
        #expect(abs(table.ax[18] - 5.247) < 0.0005)
    }

    @Test("mx = dx / Lx in every band, so rates survive the round trip mx → qx → mx")
    func roundTrip() throws {
        let rates = zip(AustrianMales1992.deaths, AustrianMales1992.population).map { $0 / $1 }
        let table = try LifeTable(
            bands: AustrianMales1992.bands, deathRates: rates, rule: .midInterval)
        for index in rates.indices {
            #expect(abs(table.dx[index] / table.Lx[index] - rates[index]) < 1e-12)
        }
        // Tx is the sum of Lx from the band up, and ex = Tx / lx.
        #expect(abs(table.Tx[0] - table.Lx.reduce(0, +)) < 1e-6)
        #expect(abs(table.ex[5] - table.Tx[5] / table.lx[5]) < 1e-12)
    }

    @Test("Coale–Demeny rules: for a male 1m0 of 0.01, 1a0 = 0.07184 and 4a1 = 1.62284")
    func coaleDemenyMales() throws {
        // Preston et al. 2001, Table 3.3: 1a0 = 0.045 + 2.684 × 0.01, 4a1 = 1.651 − 2.816 × 0.01.
        let table = try LifeTable(
            bands: .abridged(to: 10), deathRates: [0.01, 0.001, 0.0005, 0.2],
            rule: .coaleDemeny(.male))
        #expect(abs(table.ax[0] - 0.07184) < 1e-12)
        #expect(abs(table.ax[1] - 1.62284) < 1e-12)
        #expect(table.ax[2] == 2.5)
        #expect(table.ax[3] == 5)  // 1 / 0.2
    }

    @Test("Coale–Demeny rules above 1m0 = 0.107 are the constants 0.350 and 1.361 for females")
    func coaleDemenyHighMortality() throws {
        let table = try LifeTable(
            bands: .abridged(to: 10), deathRates: [0.2, 0.01, 0.005, 0.3],
            rule: .coaleDemeny(.female))
        #expect(table.ax[0] == 0.350)
        #expect(table.ax[1] == 1.361)
    }

    @Test("PAS: a male 1m0 of 0.05 gives q0 = 0.048032, 1a0 = 0.180592 and 4a1 = 1.508279")
    func populationAnalysisSystem() throws {
        // β m q² − (1 + (1 − α) m) q + m = 0 with α = 0.0425, β = 2.875, m = 0.05:
        // 0.14375 q² − 1.047875 q + 0.05 = 0, q = (1.047875 − √1.069292) / 0.2875 = 0.0480321;
        // 1a0 = 0.0425 + 2.875 q = 0.1805923; 4a1 = 1.653 − 3.013 q = 1.5082793.
        let m = 0.05
        let a = 2.875 * m
        let b = 1 + (1 - 0.0425) * m
        let q = (b - (b * b - 4 * a * m).squareRoot()) / (2 * a)
        // The consistency the rule rests on: q = m / (1 + (1 − a0)·m) with a0 = α + β q.
        let a0 = 0.0425 + 2.875 * q
        #expect(abs(q - m / (1 + (1 - a0) * m)) < 1e-12)
        let table = try LifeTable(
            bands: .abridged(to: 10), deathRates: [m, 0.002, 0.001, 0.3],
            rule: .populationAnalysisSystem(.male))
        #expect(abs(q - 0.0480321) < 1e-7)
        #expect(abs(table.ax[0] - 0.1805923) < 1e-7)
        #expect(abs(table.ax[1] - 1.5082793) < 1e-7)
        #expect(abs(table.ax[0] - a0) < 1e-12)
        #expect(abs(table.ax[1] - (1.653 - 3.013 * q)) < 1e-12)
        #expect(abs(table.qx[0] - q) < 1e-12)
    }

    /// The sample data of the US Census Bureau's PAS spreadsheet LTPOPDTH (Population
    /// Analysis Spreadsheets; Arriaga, *Population Analysis with Microcomputers*, 1994):
    /// males, Coale–Demeny North, infant mortality rate 0.1, deaths and population by age
    /// 0, 1–4, 5–9, …, 100+. Expected: the e(x) the spreadsheet prints (unsmoothed), to two
    /// decimals, as transcribed in timriffe/DemoTools tests/testthat/test-ltpopdth.R
    /// ("LTabr works on PAS example"). `Examples/demography/lifetable-pas-north-males.csv`
    /// holds the same inputs.
    @Test(
        "PAS LTPOPDTH sample (males, North, IMR 0.1): e0 56.31, e1 61.53, e50 24.09, e100 3.33 — all 22 printed e(x) to ±0.005"
    )
    func populationAnalysisSystemWorkedExample() throws {
        let exposures: [Double] = [
            100958, 466275, 624134, 559559, 446736, 370653, 301862, 249409, 247473, 223014,
            172260, 149338, 127242, 105715, 79614, 53660, 31021, 16805, 8000, 4000, 2000, 1000,
        ]
        let deaths: [Double] = [
            8674, 1592, 618, 411, 755, 1098, 1100, 1357, 1335, 3257, 2200, 4023, 2167, 4578, 2956,
            4212, 2887, 2351, 1500, 900, 500, 300,
        ]
        let printed: [Double] = [
            56.31, 61.53, 58.35, 53.63, 48.81, 44.21, 39.83, 35.52, 31.43, 27.22, 24.09, 20.52,
            18.12, 14.51, 12.42, 9.45, 7.85, 6.09, 4.95, 4.28, 3.85, 3.33,
        ]
        let table = try LifeTable(
            bands: .abridged(to: 100), deaths: deaths, exposures: exposures,
            rule: .populationAnalysisSystem(.male, region: .north, infantMortality: 0.1))
        // The IMR replaces 1q0 (1m0 = 8674 / 100958 alone would give q0 ≈ 0.0815);
        // 1a0 = 0.0425 + 2.875 × 0.1 = 0.33; North 4a1 = 1.859 − 3.013 × 0.1 = 1.5577.
        #expect(table.qx[0] == 0.1)
        #expect(abs(table.ax[0] - 0.33) < 1e-12)
        #expect(abs(table.ax[1] - 1.5577) < 1e-12)
        for (index, expected) in printed.enumerated() {
            #expect(
                abs(table.ex[index] - expected) <= 0.005,
                "e(\(table.bands.lowerBounds[index])) = \(table.ex[index]), PAS prints \(expected)")
        }
    }

    @Test("PAS without an IMR: East males have 1a0 = 0.0025 + 2.875·q0 and 0.29 when q0 > 0.1")
    func populationAnalysisSystemEast() throws {
        // m0 = 0.3 gives q0 > 0.1, so the constants; East females 4a1 above 0.1 is 1.324.
        let high = try LifeTable(
            bands: .abridged(to: 10), deathRates: [0.3, 0.01, 0.005, 0.3],
            rule: .populationAnalysisSystem(.male, region: .east))
        #expect(high.ax[0] == 0.29)
        #expect(high.ax[1] == 1.313)
        let given = try LifeTable(
            bands: .abridged(to: 10), deathRates: [0.02, 0.001, 0.0005, 0.3],
            rule: .populationAnalysisSystem(.female, region: .east, infantMortality: 0.02))
        // 1a0 = 0.01 + 3.0 × 0.02 = 0.07; 4a1 = 1.487 − 1.627 × 0.02 = 1.45446.
        #expect(abs(given.ax[0] - 0.07) < 1e-12)
        #expect(abs(given.ax[1] - 1.45446) < 1e-12)
        #expect(given.qx[0] == 0.02)
    }

    @Test(
        "A rate of 0.5 in a five-year band is taken at a constant force: q = 1 − e^−2.5 = 0.917915")
    func constantForceWhenMidpointFails() throws {
        // Mid-interval would give q = 2.5 / (1 + 1.25) = 1.11 > 1.
        let bands = try AgeBands(lowerBounds: [90, 95, 100])
        let table = try LifeTable(bands: bands, deathRates: [0.3, 0.5, 0.6], rule: .midInterval)
        #expect(abs(table.qx[1] - (1 - exp(-2.5))) < 1e-12)
        // a = 1/m − n e^{−nm} / (1 − e^{−nm}) = 2 − 5 × 0.082085 / 0.917915 = 1.552876.
        #expect(abs(table.ax[1] - (2 - 5 * exp(-2.5) / (1 - exp(-2.5)))) < 1e-12)
        #expect(table.lx.allSatisfy { $0 >= 0 })
        // A table may start at 90: l(90) is the radix.
        #expect(table.lx[0] == 100_000)
    }

    @Test(
        "Bad life-table inputs are refused with a reason",
        arguments: [
            ([0.01, 0.0], LifeTable.BuildError.zeroRateInOpenBand(age: 5)),
            ([-0.01, 0.1], .invalidRate(age: 0, value: -0.01)),
        ] as [([Double], LifeTable.BuildError)])
    func badRates(rates: [Double], expected: LifeTable.BuildError) throws {
        let bands = try AgeBands(lowerBounds: [0, 5])
        #expect(throws: expected) { try LifeTable(bands: bands, deathRates: rates) }
    }

    @Test("Given ax that make q > 1 are refused: m = 0.5 and a = 4.9 over 5 years give q = 2.38")
    func givenAxTooLarge() throws {
        // q = n m / (1 + (n − a) m) = 2.5 / (1 + 0.1 × 0.5) = 2.5 / 1.05 = 2.381 > 1.
        let bands = try AgeBands(lowerBounds: [0, 5])
        #expect {
            try LifeTable(bands: bands, deathRates: [0.5, 0.5], rule: .given([4.9, 2]))
        } throws: { error in
            guard case .probabilityAboveOne(let age, let q) = error as? LifeTable.BuildError
            else { return false }
            return age == 0 && abs(q - 2.5 / 1.05) < 1e-12
        }
        #expect(throws: LifeTable.BuildError.averageYearsOutOfRange(age: 0, value: 6, width: 5)) {
            try LifeTable(bands: bands, deathRates: [0.1, 0.5], rule: .given([6, 2]))
        }
    }

    @Test("Sullivan: with half the person-years of 60+ in poor health, DFLE at 60 is half e60")
    func sullivan() throws {
        let table = try LifeTable(
            bands: .uniform(width: 20, to: 80), deathRates: [0.002, 0.004, 0.02, 0.06, 0.2])
        let prevalence: [Double] = [0, 0, 0, 0.5, 0.5]
        let healthy = Sullivan.lifeExpectancyFree(of: table, prevalence: prevalence)
        #expect(abs(healthy[3] - table.ex[3] / 2) < 1e-12)
        // At birth: (T0 − 0.5·T60) / l0.
        #expect(abs(healthy[0] - (table.Tx[0] - 0.5 * table.Tx[3]) / table.lx[0]) < 1e-9)
    }
}
