import Demography
import Foundation
import Quantities
import Testing

@Suite struct FertilityAndMigrationTests {
    /// UN WPP 2024, China, percent of ASFR by five-year age of mother in 2020 (10–14 … 50–54).
    static let pasfr2020 = [
        0.002884, 2.718861, 23.724184, 35.442966, 24.319168, 10.242461, 2.633992, 0.829173,
        0.086311,
    ]
    static let motherBands = try! AgeBands(lowerBounds: Array(stride(from: 10, through: 55, by: 5)))

    @Test(
        "TFR 1.2357 × the WPP 2020 pattern gives 20–24 a rate of 0.0586320 and sums back to 1.2357")
    func totalFertilityTimesSchedule() throws {
        let schedule = try FertilitySchedule(bands: Self.motherBands, shares: Self.pasfr2020 + [0])
        let rates = try schedule.rates(totalFertility: 1.2357)
        // 1.2357 × 23.724184 / 100 / 5 = 0.0586320 (the nine shares sum to 100 %).
        let expected = 1.2357 * 23.724184 / 100 / 5
        #expect(abs(rates.rates[2] - expected) < 1e-12)
        #expect(abs(rates.rates[2] - 0.0586320) < 1e-7)
        #expect(abs(rates.totalFertility - 1.2357) < 1e-12)
        // On single years each year of 20–24 has the band's rate.
        let single = rates.rates(on: .singleYears(to: 100))
        #expect(single[22] == rates.rates[2])
        #expect(single[9] == 0 && single[55] == 0)
        let path = FertilityAssumption.totalFertility(
            YearlyValues(years: [2020, 2030], values: [1.2, 1.4], rule: .interpolate),
            schedule: schedule)
        let five = try path.rates(step: 2020, width: 5, on: .uniform(width: 5, to: 85))
        // The mean TFR of 2020–2024 is 1.24; 25–29 gets 1.24 × 35.442966 % / 5.
        let expectedFive = 1.24 * 35.442966 / 100 / 5
        #expect(abs(five[5] - expectedFive) < 1e-12)
    }

    @Test(
        "Fertility outside ages 10–54 or above 1 birth a year is refused",
        arguments: [
            (
                [0, 10, 55], [0, 0.1, 0.01],
                FertilityRates.InvariantError.outsideChildbearingAges(age: 55)
            ),
            ([0, 5, 15], [0, 0.1, 0], .outsideChildbearingAges(age: 5)),
            ([0, 15, 20], [0, 1.5, 0], .outOfRange(age: 15, value: 1.5)),
        ] as [([Int], [Double], FertilityRates.InvariantError)])
    func badFertility(bounds: [Int], rates: [Double], expected: FertilityRates.InvariantError)
        throws
    {
        let bands = try AgeBands(lowerBounds: bounds)
        #expect(throws: expected) { try FertilityRates(bands: bands, rates: rates) }
    }

    @Test("Rogers–Castro fundamental schedule at age 20 is 0.0277795, and its shares sum to 1")
    func rogersCastro() {
        // 0.02 e^−2 + 0.06 e^{0 − e^0} + 0.003 = 0.0027067 + 0.0220728 + 0.003.
        #expect(abs(RogersCastro.fundamental.rate(at: 20) - 0.0277795) < 1e-7)
        let shares = RogersCastro.fundamental.shares(on: .uniform(width: 5, to: 85))
        #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
        // The labour-force peak: 20–24 has the largest share.
        #expect(shares.firstIndex(of: shares.max()!) == 4)
        let split = RogersCastro.fundamental.distribute(
            -1000, on: .uniform(width: 5, to: 85), femaleShare: 0.4)
        #expect(abs(split.female.reduce(0, +) + 400) < 1e-9)
        #expect(abs(split.male.reduce(0, +) + 600) < 1e-9)
    }
}
