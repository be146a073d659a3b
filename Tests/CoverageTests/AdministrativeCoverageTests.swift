import Coverage
import Geography
import Testing

/// A made-up city with one district, one county and one county-level city.
///
///   1401 city
///   ├ 140105 district: streets 140105001 (community …001001), 140105002 (community …002001)
///   ├ 140121 county:   town 140121100 (village …100200), township 140121200 (village …200201)
///   └ 140181 county-level city: street 140181001, town 140181100 (village …100201)
///
/// Facilities: a street centre in community 140105001001, a township centre in town
/// 140121100 at (112.30° E, 37.60° N), a community station in 140105002001, a village point in
/// 140121100200, county care homes in county 140121 and in street 140105001, a public home
/// in town 140181100, and a street centre coded 150102001 (outside the tree).
struct AdministrativeCoverageTests {
    static func code(_ text: String) -> DivisionCode { try! DivisionCode(parsing: text) }

    static func tree() throws -> RegionTree {
        let rows: [(String, RegionKind, GeoPoint?)] = [
            ("1401", .city, nil), ("140105", .district, nil), ("140105001", .street, nil),
            ("140105002", .street, nil), ("140105001001", .community, nil),
            ("140105002001", .community, nil), ("140121", .county, nil),
            ("140121100", .town, GeoPoint(longitude: 112.30, latitude: 37.60)),
            ("140121200", .township, GeoPoint(longitude: 112.31, latitude: 37.60)),
            ("140121100200", .village, nil), ("140121200201", .village, nil),
            ("140181", .countyCity, nil), ("140181001", .street, nil),
            ("140181100", .town, GeoPoint(longitude: 112.10, latitude: 37.90)),
            ("140181100201", .village, nil),
        ]
        return try RegionTree(
            regions: rows.map { Region(code: code($0.0), name: $0.0, kind: $0.1, location: $0.2) })
    }

    static let facilities = [
        ServiceFacility(id: "a", type: "street_centre", region: code("140105001001")),
        ServiceFacility(
            id: "b", type: "township_centre", region: code("140121100"),
            location: GeoPoint(longitude: 112.30, latitude: 37.60)),
        ServiceFacility(id: "c", type: "community_station", region: code("140105002001")),
        ServiceFacility(id: "d", type: "village_point", region: code("140121100200")),
        ServiceFacility(id: "e", type: "county_care_home", region: code("140121")),
        ServiceFacility(id: "f", type: "county_care_home", region: code("140105001")),
        ServiceFacility(id: "g", type: "public_home", region: code("140181100")),
        ServiceFacility(id: "h", type: "street_centre", region: code("150102001")),
    ]

    static func evaluate(_ rule: AdministrativeRule) throws -> (AdministrativeCoverage, RegionTree)
    {
        let tree = try tree()
        return (AdministrativeCoverage.evaluate(rule, tree: tree, facilities: facilities), tree)
    }

    @Test func oneStreetInThreeHasACentreAndTheOtherTwoFail() throws {
        // Streets 140105001 (centre a), 140105002, 140181001: 1/3 in the city, 1/2 in the
        // district, 0/1 in the county-level city; the county has no street.
        let (coverage, tree) = try Self.evaluate(.streetCentres())
        let index = { tree.index(of: Self.code($0))! }
        #expect(coverage.share(at: index("1401")) == 1.0 / 3)
        #expect(coverage.share(at: index("140105")) == 0.5)
        #expect(coverage.share(at: index("140181")) == 0)
        #expect(coverage.share(at: index("140121")) == nil)
        #expect(
            coverage.failingUnits.map { tree.regions[$0].code } == [
                Self.code("140105002"), Self.code("140181001"),
            ])
        #expect(coverage.facilitiesOutsideTree == [7])
    }

    @Test func countyCareHomesCoverOneOfTwoCountiesOrTwoOfThreeWithDistricts() throws {
        // Counties only: 140121 (home e) and 140181 (none) → 1/2. With districts, 140105 has
        // home f in one of its streets → 2/3.
        let (counties, tree) = try Self.evaluate(.countyCareHomes(units: .countiesOnly))
        let root = tree.index(of: Self.code("1401"))!
        #expect(counties.share(at: root) == 0.5)
        let (withDistricts, _) = try Self.evaluate(.countyCareHomes(units: .countiesAndDistricts))
        #expect(withDistricts.share(at: root) == 2.0 / 3)
        #expect(withDistricts.failingUnits == [tree.index(of: Self.code("140181"))!])
    }

    @Test func urbanCommunitiesAndRuralVillagesAreHalfAndOneThirdCovered() throws {
        let (communities, tree) = try Self.evaluate(.urbanCommunities())
        let root = tree.index(of: Self.code("1401"))!
        #expect(communities.share(at: root) == 0.5)
        let (villages, _) = try Self.evaluate(.ruralVillages())
        #expect(villages.share(at: root) == 1.0 / 3)
    }

    @Test func theBlindSpotListCountsOnlyTheCountiesNamedAndReportsUnknownCodes() throws {
        // 140181 has public home g; 140121 has none; 140122 is not in the tree.
        let rule = AdministrativeRule.blindSpotCounties(
            [Self.code("140121"), Self.code("140181"), Self.code("140122")])
        let (coverage, tree) = try Self.evaluate(rule)
        #expect(coverage.share(at: tree.index(of: Self.code("1401"))!) == 0.5)
        #expect(coverage.unknownUnits == [Self.code("140122")])
    }

    @Test func aCentreEightHundredEightyMetresAwayServesTheNeighbourTownshipWithinOneKilometre()
        throws
    {
        // 140121200 is 0.01° of longitude east of the centre at 37.6° N:
        // 0.01 × π/180 × 6,371,008.8 × cos 37.6° ≈ 881 m. Presence: 1/3 of the towns and
        // townships (140121100). Service area 1,000 m: 140121200 too → 2/3. 800 m: still 1/3.
        let presence = try Self.evaluate(.townshipCentres())
        let root = presence.1.index(of: Self.code("1401"))!
        #expect(presence.0.share(at: root) == 1.0 / 3)
        let wide = try Self.evaluate(.townshipCentres(definition: .serviceArea(distance: 1000)))
        #expect(wide.0.share(at: root) == 2.0 / 3)
        let narrow = try Self.evaluate(.townshipCentres(definition: .serviceArea(distance: 800)))
        #expect(narrow.0.share(at: root) == 1.0 / 3)
        let distance = Earth.distance(
            GeoPoint(longitude: 112.30, latitude: 37.60),
            GeoPoint(longitude: 112.31, latitude: 37.60))
        #expect(abs(distance - 881) < 1)
    }

    @Test func eachYearIsEvaluatedWithItsOwnFacilities() throws {
        // 2024: no street centre; 2025: centre a → 0 then 1/3.
        let tree = try Self.tree()
        let byYear = AdministrativeCoverage.evaluate(
            [.streetCentres()], tree: tree,
            facilitiesByYear: [2024: [], 2025: Array(Self.facilities.prefix(1))])
        let root = tree.index(of: Self.code("1401"))!
        #expect(byYear[2024]![0].share(at: root) == 0)
        #expect(byYear[2025]![0].share(at: root) == 1.0 / 3)
    }
}
