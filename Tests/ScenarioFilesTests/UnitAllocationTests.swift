import Demography
import Diagnostics
import Foundation
import Geography
import Testing

@testable import ScenarioFiles

/// 铁东区 (210302) with two communities and three villages under 解放街道, and 海城市 (210381)
/// with one town and no villages; the demography scenario's population (17,000 and 8,500).
enum AllocationScenario {
    static let regions = """
        code,name,level,parent,lon,lat
        2103,鞍山市,city,,122.994329,41.108647
        210302,铁东区,county,2103,122.991052,41.089933
        210302002,解放街道,township,210302,122.988611,41.090486
        210302002001,甲社区居委会,village,210302002,,
        210302002002,乙社区居委会,village,210302002,,
        210302002201,丙村委会,village,210302002,,
        210302002202,丁村委会,village,210302002,,
        210302002203,戊村委会,village,210302002,,
        210381,海城市,county,2103,122.685217,40.882377
        210381100,牛庄镇,township,210381,,

        """
    static let urbanRural = "area,urban,rural\n210302,6000,3000\n210381,0,8500\n"

    static func files(yaml: String, extra: [String: String] = [:]) -> [String: String] {
        var files = DemographyScenario.files(yaml: yaml)
        files["regions.csv"] = regions
        files["urban-rural.csv"] = urbanRural
        for (name, text) in extra { files[name] = text }
        return files
    }

    static func yaml(_ lines: String) -> String {
        DemographyScenario.yaml.replacingOccurrences(
            of: "  graduation: monotone-spline\n", with: "  graduation: monotone-spline\n" + lines)
    }
}

@Suite struct UnitAllocationTests {
    /// By hand: 6,000 urban residents over 2 communities (3,000 each) and 3,000 rural over 3
    /// villages (1,000 each): shares 1/3, 1/3, 1/9, 1/9, 1/9.
    @Test("Urban residents go to communities and rural to villages: shares 1/3, 1/3, 1/9, 1/9, 1/9")
    func urbanRuralShares() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            AllocationScenario.files(
                yaml: AllocationScenario.yaml("  urban_rural: urban-rural.csv\n")))
        let scenario = try ScenarioLoader().load(folder.path).get().scenario
        let inputs = try #require(scenario.demography)
        let tree = scenario.regions
        let area = try DivisionCode(parsing: "210302")
        let units = tree.subtree(of: tree.index(of: area)!).filter { tree.children(of: $0).isEmpty }
        let shares = inputs.allocation.shares(area: area, units: units, tree: tree)
        let expected = [1.0 / 3, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9]
        for row in shares {
            #expect(zip(row, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        }
        // Whole persons: quotas 5,666.67 (×2) and 1,888.89 (×3); floors sum to 16,996, so
        // 4 persons go by largest remainder: the three villages (0.89) and the first
        // community (0.67, earlier of a tie): 5,667, 5,666, 1,889, 1,889, 1,889.
        let parts = WholePersons.apportion(17_000, shares: shares[0])
        #expect(parts == [5667, 5666, 1889, 1889, 1889])
        #expect(parts.reduce(0, +) == 17_000)
    }

    /// The issue's example: 51,448.5 persons in three streets was 17,149.5 each; whole
    /// persons give 51,449 (rounded half away from zero) as 17,150, 17,150, 17,149.
    @Test("51,448.5 persons in three equal parts are 17,150, 17,150 and 17,149")
    func largestRemainder() {
        #expect(
            WholePersons.apportion(51_448.5, shares: [1.0 / 3, 1.0 / 3, 1.0 / 3]) == [
                17_150, 17_150, 17_149,
            ])
        #expect(WholePersons.apportion(10.4, shares: [0.5, 0.25, 0.25]) == [5, 3, 2])
        #expect(WholePersons.apportion(0.4, shares: [0.5, 0.5]) == [0, 0])
    }

    static let bureau = """
        code,sex,age,count
        210302002001,female,0,100
        210302002001,female,60,300
        210302002001,male,0,100
        210302002001,male,60,100
        210302002002,female,0,200
        210302002002,male,0,200
        210302002201,female,60,100
        210302002202,female,60,0
        210302002203,male,0,400

        """

    /// By hand from the table: 60+ persons 400, 0, 100, 0, 0 (sum 500) → shares 0.8, 0, 0.2,
    /// 0, 0; everyone 600, 400, 100, 0, 400 (sum 1,500).
    @Test("A bureau's table sets each unit's share: 60+ shares 0.8, 0, 0.2, 0, 0")
    func bureauTable() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            AllocationScenario.files(
                yaml: AllocationScenario.yaml(
                    "  urban_rural: urban-rural.csv\n  unit_population: bureau.csv\n"),
                extra: ["bureau.csv": Self.bureau]))
        let scenario = try ScenarioLoader().load(folder.path).get().scenario
        let inputs = try #require(scenario.demography)
        let tree = scenario.regions
        let area = try DivisionCode(parsing: "210302")
        let units = tree.subtree(of: tree.index(of: area)!).filter { tree.children(of: $0).isEmpty }
        let shares = inputs.allocation.shares(area: area, units: units, tree: tree)
        #expect(shares[UnitAllocation.Measure.aged60.rawValue] == [0.8, 0, 0.2, 0, 0])
        let everyone = shares[UnitAllocation.Measure.everyone.rawValue]
        #expect(
            zip(everyone, [0.4, 0.4 / 1.5, 0.1 / 1.5, 0, 0.4 / 1.5]).allSatisfy {
                abs($0 - $1) < 1e-12
            })
    }

    @Test(
        "Mistakes in a bureau's table are located: not a unit, not whole, a county's units in part",
        arguments: [
            ("210302002001,female,0,100", "210399002001,female,0,100", 2, 1, "not a region"),
            ("210302002001,female,60,300", "210302002001,female,60,300.5", 3, 24, "whole number"),
            ("210302002001,female,60,300", "210302002,female,60,300", 3, 1, "lowest unit"),
            ("210302002203,male,0,400\n", "", 2, 1, "give all of them or none"),
        ])
    func bureauMistakes(old: String, new: String, line: Int, column: Int, words: String) throws {
        let folder = try TemporaryFolder()
        try folder.write(
            AllocationScenario.files(
                yaml: AllocationScenario.yaml("  unit_population: bureau.csv\n"),
                extra: ["bureau.csv": Self.bureau.replacingOccurrences(of: old, with: new)]))
        guard case .failure(let failure) = ScenarioLoader().load(folder.path) else {
            Issue.record("the scenario loaded")
            return
        }
        let error = try #require(failure.diagnostics.first { $0.severity == .error })
        #expect(error.location.file.hasSuffix("bureau.csv"))
        #expect(error.location.line == line && error.location.column == column)
        #expect(error.problem.message(in: .en).contains(words), "\(error.problem.message(in: .en))")
    }
}
