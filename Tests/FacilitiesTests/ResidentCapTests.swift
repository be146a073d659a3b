import Testing

@testable import Facilities

/// Residents never exceed the older people of the county (or city, or province) they live in:
/// the hardening of the Weibin case, where 10 million beds built gave 5 million residents
/// among 236,506 people.
@Suite struct ResidentCapTests {
    static func run(_ facilities: [Facility], aged60: [Int: Double]) throws -> FacilityRun {
        try Fixture.run(
            facilities, population: Fixture.population(years: 2020...2021, aged60: aged60),
            horizon: 2021
        ) { $0.occupancy[BedCategory.institutional.rawValue] = .constant(0.5, from: 2020) }
    }

    @Test func theResidentsOfACountyAreCappedByItsOlderPeople() throws {
        // 铁东区: 100 + 200 = 300 aged 60+. Homes of 1,000 beds (解放街道) and 100 beds (站前街道)
        // at 0.5 hold 500 + 50 = 550 by beds × occupancy, scaled by 300 / 550: 272.73 and
        // 27.27, 300 in the district and the city (worked by hand).
        let run = try Self.run(
            [
                Facility(id: "big", type: .institution, region: Fixture.jiefang, beds: 1_000),
                Facility(id: "small", type: .institution, region: Fixture.zhanqian, beds: 100),
            ], aged60: [Fixture.jiefang: 100, Fixture.zhanqian: 200])
        for year in 2020...2021 {
            let big = try #require(run.at(.effectiveCapacity, year, Fixture.jiefang))
            let small = try #require(run.at(.effectiveCapacity, year, Fixture.zhanqian))
            #expect(abs(big - 500 * 300 / 550) < 1e-9)
            #expect(abs(small - 50 * 300 / 550) < 1e-9)
            #expect(abs(run.at(.effectiveCapacity, year, Fixture.tiedong)! - 300) < 1e-9)
            #expect(abs(run.at(.effectiveCapacity, year)! - 300) < 1e-9)
        }
    }

    @Test func aHomeInAStreetWithoutOlderPeopleServesItsCounty() throws {
        // 解放街道 has no older people of its own, 站前街道 10,000: the home's 100 beds × 0.5 = 50
        // residents stay, since the district has 10,000 older people.
        let run = try Self.run(
            [Facility(id: "home", type: .institution, region: Fixture.jiefang, beds: 100)],
            aged60: [Fixture.zhanqian: 10_000])
        #expect(run.at(.effectiveCapacity, 2021, Fixture.jiefang) == 50)
    }

    @Test func aCityHomeIsCappedByTheCitysOlderPeople() throws {
        // A city home of 1,000 beds × 0.5 = 500 residents; the city has 100 + 100 aged 60+ in
        // its two counties: 500 scaled to 200 (worked by hand).
        let run = try Self.run(
            [Facility(id: "city", type: .institution, region: Fixture.city, beds: 1_000)],
            aged60: [Fixture.jiefang: 100, Fixture.niuzhuang: 100])
        #expect(abs(run.at(.effectiveCapacity, 2021)! - 200) < 1e-9)
    }

    @Test func withoutAPopulationNothingIsCapped() throws {
        // No older population to compare with: 1,000 beds × 0.5 = 500.
        let run = try Fixture.run(
            [Facility(id: "big", type: .institution, region: Fixture.jiefang, beds: 1_000)],
            horizon: 2020
        ) { $0.occupancy[BedCategory.institutional.rawValue] = .constant(0.5, from: 2020) }
        #expect(run.at(.effectiveCapacity, 2020) == 500)
    }
}
