import Demography
import Testing

@Suite struct CareNeedTests {
    static let groups = try! AgeBands(lowerBounds: [0, 60, 80])

    static func prevalence() throws -> CapabilityPrevalence {
        // Rows: (year 2020 | 2030) × (female | male) × (0–59 | 60–79 | 80+) × 5 levels.
        let young: [Double] = [1, 0, 0, 0, 0]
        let old2020: [Double] = [0.8, 0.1, 0.05, 0.03, 0.02]
        let oldest2020: [Double] = [0.5, 0.2, 0.1, 0.1, 0.1]
        let old2030: [Double] = [0.9, 0.05, 0.03, 0.01, 0.01]
        let oldest2030: [Double] = [0.6, 0.2, 0.1, 0.05, 0.05]
        let y2020 = young + old2020 + oldest2020
        let y2030 = young + old2030 + oldest2030
        return try CapabilityPrevalence(
            ageGroups: groups, years: [2020, 2030], shares: y2020 + y2020 + y2030 + y2030)
    }

    @Test("Counts by level, 80+ and 0–2 children for a small population in 2020, by hand")
    func summary() throws {
        let bands = AgeBands.uniform(width: 20, to: 80)
        // 0–19: 300, 20–39: 400, 40–59: 400, 60–79: 200, 80+: 100 (half female).
        let population = try AgeSexPopulation(
            bands: bands, female: [150, 200, 200, 100, 50], male: [150, 200, 200, 100, 50])
        let summary = CareNeed.summary(
            of: population, year: 2020, prevalence: try Self.prevalence(),
            specialGroups: [SpecialGroup(name: "特困", share: 0.01)])
        // Level 2 (moderate): 200 × 0.05 + 100 × 0.1 = 20; level 4: 200 × 0.02 + 100 × 0.1 = 14.
        #expect(abs(summary.byLevel[2] - 20) < 1e-12)
        #expect(abs(summary.byLevel[4] - 14) < 1e-12)
        // Level 0 counts the older people only: 200 × 0.8 + 100 × 0.5 = 210 (not the 1,100
        // younger residents).
        #expect(abs(summary.byLevel[0] - (160 + 50)) < 1e-12)
        #expect(abs(summary.disabled - (20 + 16 + 14)) < 1e-12)
        #expect(summary.aged60AndOver == 300 && summary.aged80AndOver == 100)
        // 65+: 60–79 cut at 65 keeps 15 of 20 years: 200 × 0.75 + 100 = 250.
        #expect(summary.aged65AndOver == 250)
        // Children 0–2: 3 of the 20 years of 0–19: 300 × 3 / 20 = 45.
        #expect(summary.childrenUnder3 == 45)
        #expect(summary.specialGroups == [3])
    }

    @Test("Prevalence is interpolated between key years: level 4 at 60–79 in 2025 is 0.015")
    func interpolation() throws {
        let shares = try Self.prevalence().shares(year: 2025, sex: .male, age: 65)
        #expect(abs(shares[4] - 0.015) < 1e-12)
        #expect(try Self.prevalence().shares(year: 2040, sex: .male, age: 90)[3] == 0.05)
    }

    @Test("Prevalence shares that do not add up to 1 are refused with the year, sex and age")
    func badShares() throws {
        let rows = [Double](repeating: 0.2, count: 3 * 5 * 2)
        var bad = rows
        bad[5] = 0.5  // 2020, female, 60–79: 0.5 + 0.2 × 4 = 1.3
        #expect {
            try CapabilityPrevalence(ageGroups: Self.groups, years: [2020], shares: bad)
        } throws: { error in
            guard
                case .sharesDoNotSumToOne(let year, let sex, let age, let sum) =
                    error as? CapabilityPrevalence.InvariantError
            else { return false }
            return year == 2020 && sex == .female && age == 60 && abs(sum - 1.3) < 1e-12
        }
    }
}
