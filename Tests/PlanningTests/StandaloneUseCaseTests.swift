import Foundation
import Testing

@testable import Planning

/// A temporary folder for the inputs and outputs of a use case, removed when it goes away.
final class ScratchFolder {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("yanglao-planning-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + name)
    }
}

/// The coverage and siting use cases on small inputs worked out by hand.
@Suite struct CoverageUseCaseTests {
    /// Three residents on a line, with a unit and a group of persons aged 80+, and two
    /// facilities: a (0, 0) 100 persons (10 aged 80+, unit u1), b (600, 0) 50 (5, u2),
    /// c (2000, 0) 30 (3, u1); f1 (100, 0) capacity 10, f2 (1500, 0) capacity 20.
    static let demand =
        "id,x,y,weight,unit,weight_80_plus\na,0,0,100,u1,10\nb,600,0,50,u2,5\nc,2000,0,30,u1,3\n"
    static let facilities = "id,x,y,capacity\nf1,100,0,10\nf2,1500,0,20\n"

    @Test func aDetourOfOnePointTwoCoversOnlyAAtFiveHundredMetres() throws {
        // By hand: walks are straight lines × 1.2. a: 100 × 1.2 = 120 m to f1 (covered);
        // b: 500 × 1.2 = 600 m to f1 and 900 × 1.2 to f2 (not); c: 500 × 1.2 = 600 m to f2
        // (not). Persons covered 100 of 180; aged 80+ 10 of 18; unit u1 100 of 130, u2 0 of
        // 50.
        let folder = try ScratchFolder()
        let request = CoverageRequest(
            demand: try folder.file("d.csv", Self.demand),
            facilities: try folder.file("f.csv", Self.facilities), radius: 500,
            walking: WalkingSettings(detour: 1.2), out: folder.path + "/out.csv",
            geojson: folder.path + "/out.geojson", crs: "EPSG:4547")
        var warned: [InputReport] = []
        let outcome = try Planning.coverage(request) { warned.append($0) }
        guard case .radius(let coverage) = outcome.result else {
            Issue.record("expected radius coverage")
            return
        }
        #expect(warned.isEmpty)
        #expect(coverage.nearest == ["f1", nil, nil])
        #expect(abs(coverage.distances[0]! - 120) < 1e-9)
        #expect(coverage.distances[1] == nil && coverage.distances[2] == nil)
        #expect(coverage.uncoveredPoints == 2)
        #expect(coverage.groups.map(\.name) == ["weight", "80_plus"])
        #expect(coverage.groups.map(\.covered) == [100, 10])
        #expect(coverage.groups.map(\.total) == [180, 18])
        #expect(abs(coverage.groups[0].share! - 100.0 / 180) < 1e-12)
        let units = try #require(coverage.units)
        #expect(units.map(\.name) == ["u1", "u2"])
        #expect(units.map(\.covered) == [100, 0] && units.map(\.total) == [130, 50])
        #expect(outcome.files == request.outputs)
        #expect(
            folder.exists("out.csv") && folder.exists("out.json") && folder.exists("out.geojson"))
    }

    @Test func twoStepAccessibilityIsSupplyPerPersonInReach() throws {
        // By hand (Luo & Wang 2003), catchment 1,000 m: f1 reaches a (100 m) and b (500 m),
        // R1 = 10 / 150; f2 reaches b (900 m) and c (500 m), R2 = 20 / 80. a = 1/15,
        // b = 1/15 + 1/4, c = 1/4. Every person is in reach, so the weighted mean is the
        // supply per person: 30 / 180 = 1/6.
        let folder = try ScratchFolder()
        let request = CoverageRequest(
            demand: try folder.file("d.csv", Self.demand),
            facilities: try folder.file("f.csv", Self.facilities), radius: 1000,
            method: .twoStep, out: folder.path + "/access.csv")
        let outcome = try Planning.coverage(request)
        guard case .access(let access) = outcome.result else {
            Issue.record("expected accessibility")
            return
        }
        let expected = [1.0 / 15, 1.0 / 15 + 1.0 / 4, 1.0 / 4]
        for (value, hand) in zip(access.values, expected) { #expect(abs(value! - hand) < 1e-15) }
        #expect(access.facilitiesInReach == [1, 2, 1])
        #expect(abs(access.mean! - 1.0 / 6) < 1e-15)
        #expect(access.totalSupply == 30 && access.pointsWithoutAccess == 0)
        #expect(outcome.files == [folder.path + "/access.csv", folder.path + "/access.json"])
    }

    @Test func aDuplicateIDIsBadInputWithItsLineAndNothingIsWritten() throws {
        let folder = try ScratchFolder()
        let request = CoverageRequest(
            demand: try folder.file("d.csv", "id,x,y,weight\na,0,0,1\na,5,5,1\n"),
            facilities: try folder.file("f.csv", Self.facilities), radius: 500,
            out: folder.path + "/out.csv")
        #expect {
            _ = try Planning.coverage(request)
        } throws: { error in
            guard let error = error as? PlanningError else { return false }
            return error.kind == .badInput && error.errorCount == 1
                && error.message(in: .en).contains("d.csv:3:1: error: id 'a' appears twice")
        }
        #expect(!folder.exists("out.csv") && !folder.exists("out.json"))
    }

    /// The road of the Coverage tests: points 0, 100, 200, 500, 600, 1000 m (weights 10, 20,
    /// 30, 25, 5, 40); candidates c0 100, c1 550, c2 1000, c3 200, c4 300; radius 150.
    static let road =
        "id,x,y,weight\np0,0,0,10\np1,100,0,20\np2,200,0,30\np3,500,0,25\np4,600,0,5\np5,1000,0,40\n"
    static let candidates = "id,x,y\nc0,100,0\nc1,550,0\nc2,1000,0\nc3,200,0\nc4,300,0\n"

    @Test(arguments: [false, true])
    func twoSitesOnTheRoadAreC0AndC2CoveringOneHundred(exact: Bool) throws {
        // By hand: c0 reaches p0, p1, p2 (60); c1 p3, p4 (30); c2 p5 (40); c3 p1, p2 (50);
        // c4 p2 (30). No pair covers more than c0 + c2 = 100 of 130.
        let folder = try ScratchFolder()
        let request = SiteRequest(
            demand: try folder.file("d.csv", Self.road),
            candidates: try folder.file("c.csv", Self.candidates), radius: 150,
            choice: .count(2), exact: exact, out: folder.path + "/sites.csv")
        guard case .chosen(let result) = try Planning.site(request) else {
            Issue.record("expected sites")
            return
        }
        #expect(result.sites == ["c0", "c2"])
        #expect(result.coveredWeight == 100 && result.totalWeight == 130)
        #expect(result.problem == .maximalCovering && result.status == "optimal")
        #expect(result.exact == exact)
        #expect(folder.exists("sites.csv") && folder.exists("sites.json"))
    }

    @Test func aShareBeyondReachIsAnsweredWithTheShareAttainable() throws {
        // A point 9 km away with 100 persons: the candidates reach the road's 130 of 230
        // persons, 56.5%, so 90% cannot be covered and nothing is written.
        let folder = try ScratchFolder()
        let request = SiteRequest(
            demand: try folder.file("d.csv", Self.road + "far,9000,0,100\n"),
            candidates: try folder.file("c.csv", Self.candidates), radius: 150,
            choice: .share(0.9), out: folder.path + "/sites.csv")
        guard case .unreachableShare(let asked, let attainable) = try Planning.site(request)
        else {
            Issue.record("expected an unreachable share")
            return
        }
        #expect(asked == 0.9)
        #expect(abs(attainable - 130.0 / 230) < 1e-12)
        #expect(!folder.exists("sites.csv"))
    }
}

/// The demographic use cases against published tables.
@Suite struct DemographyUseCaseTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func theAustrianMalesOf1992HaveTheLifeTablePrestonPrints() throws {
        // Preston, Heuveline & Guillot, Demography (2001), Table 3.2: Austria, males, 1992,
        // from deaths, mid-year population and the printed nax. e0 = 72.89; l1 = 99,133,
        // d0 = 867, 1L0 = 99,192, 4L1 = 396,183, l85 = 21,134, L85+ = 110,889.
        let folder = try ScratchFolder()
        let request = LifeTableRequest(
            input: Self.repository + "/Examples/demography/lifetable-austria-1992.csv",
            out: folder.path + "/austria.csv")
        let outcome = try Planning.lifeTable(request)
        #expect(outcome.ages.first == 0 && outcome.ages.last == 85)
        #expect((outcome.lifeExpectancy * 100).rounded() / 100 == 72.89)
        #expect(outcome.lx[1].rounded() == 99_133 && outcome.lx[18].rounded() == 21_134)
        #expect(outcome.dx[0].rounded() == 867)
        #expect(outcome.Lx[0].rounded() == 99_192 && outcome.Lx[1].rounded() == 396_183)
        #expect(outcome.Lx[18].rounded() == 110_889)
        #expect(outcome.widths.last! == nil && outcome.widths[1] == 4)
        #expect(folder.exists("austria.csv"))
    }

    @Test func aLifeTableWhoseGivenAxMakeLxNegativeIsBadInputAtItsLine() throws {
        // With ax = 4.9 of 5 years at m = 0.5, q = 5m / (1 + (5 − 4.9)m) = 2.5 / 1.05 > 1.
        let folder = try ScratchFolder()
        let input = try folder.file("LT.csv", "age,mx,ax\n0,0.01,0.1\n5,0.5,4.9\n10,0.3,3\n")
        #expect {
            _ = try Planning.lifeTable(LifeTableRequest(input: input, out: folder.path + "/lt.csv"))
        } throws: { error in
            guard let error = error as? PlanningError else { return false }
            return error.kind == .badInput && error.errorCount == 1
                && error.message(in: .zh).contains(input + ":3:")
                && error.message(in: .zh).contains(" 错误: ")
        }
        #expect(!folder.exists("lt.csv"))
    }
}
