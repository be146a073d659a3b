import Testing

@testable import Facilities

/// The inventory's invariants, checked at `init` whatever the source of the facilities.
@Suite struct InventoryTests {
    static let base = Facility(id: "x", type: .institution, region: 2, beds: 100, nursingBeds: 40)

    static let broken: [(String, Facility, FacilityInventory.InvariantError)] = {
        var cases: [(String, Facility, FacilityInventory.InvariantError)] = []
        func with(_ change: (inout Facility) -> Void) -> Facility {
            var facility = base
            change(&facility)
            return facility
        }
        cases.append(("negative beds", with { $0.beds = -1 }, .negativeBeds("x", position: 1)))
        cases.append(
            (
                "nursing beds above beds", with { $0.nursingBeds = 101 },
                .nursingBedsAboveBeds("x", position: 1)
            ))
        cases.append(("six stars", with { $0.stars = 6 }, .starsOutOfRange("x", position: 1)))
        cases.append(
            (
                "meal site with beds",
                with {
                    $0.type = .mealSite
                    $0.nursingBeds = 0
                },
                .bedsInMealSite("x", position: 1)
            ))
        cases.append(
            (
                "residents above beds", with { $0.residents = 120 },
                .residentsAboveBeds("x", position: 1)
            ))
        cases.append(("region 99", with { $0.region = 99 }, .regionNotInTree("x", position: 1)))
        cases.append(
            (
                "approved without an opening year", with { $0.status = .approved },
                .openingYear(
                    "x", position: 1, reason: "an approved project needs the year it opens")
            ))
        return cases
    }()

    @Test(arguments: broken.indices)
    func aBrokenFacilityIsRefused(_ index: Int) {
        let (_, facility, error) = Self.broken[index]
        let first = Facility(id: "ok", type: .communityStation, region: 3)
        #expect(throws: error) {
            try FacilityInventory(facilities: [first, facility], regionCount: 8, baseYear: 2020)
        }
    }

    @Test func aDuplicateIDNamesBothPositions() {
        #expect(
            throws: FacilityInventory.InvariantError.duplicateID("x", position: 2, firstPosition: 0)
        ) {
            try FacilityInventory(
                facilities: [Self.base, Facility(id: "y", type: .mealSite, region: 2), Self.base],
                regionCount: 8, baseYear: 2020)
        }
    }

    @Test func anOperatingHomeOpenedAfterTheBaseYearIsRefused() {
        var facility = Self.base
        facility.openingYear = 2021
        #expect(throws: FacilityInventory.InvariantError.self) {
            try FacilityInventory(facilities: [facility], regionCount: 8, baseYear: 2020)
        }
    }

    @Test func typesAreReadByIdentifierChineseNameOrAlias() {
        #expect(FacilityType(name: "special_hardship_home") == .specialHardshipHome)
        #expect(FacilityType(name: "特困人员供养服务设施") == .specialHardshipHome)
        #expect(FacilityType(name: "敬老院") == .specialHardshipHome)
        #expect(FacilityType(name: "日间照料中心") == .communityStation)
        #expect(FacilityType(name: "nursing_home") == nil)
        #expect(Ownership(name: "公建民营") == .publicBuiltPrivatelyRun)
        #expect(FacilityStatus(name: "在建") == .underConstruction)
        #expect(FacilityType.mealSite.bedCategory == nil)
        #expect(FacilityType.familyBeds.bedCategory == .family)
    }
}

@Test func theCountsOfTheEnumerationsMatchTheirCases() {
    #expect(FacilityType.count == FacilityType.allCases.count)
    #expect(BedCategory.count == BedCategory.allCases.count)
    #expect(Ownership.count == Ownership.allCases.count)
    #expect(FundingSource.count == FundingSource.allCases.count)
}
