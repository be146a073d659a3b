import Foundation
import ScenarioFiles
import Simulation
import Testing

@testable import Allocation

/// `AllocationModel.build` on `Examples/small-city`, whose figures its README works out by
/// hand: which options the program offers, in which units, at what unit cost, the rows of its
/// targets, and which targets it leaves out and why.
@Suite struct AllocationModelTests {
    static let smallCity =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/Examples/small-city"

    static func instance() throws -> (AllocationInstance, Scenario) {
        let scenario = try ScenarioLoader().load(Self.smallCity).get().scenario
        let base = try Simulator.run(AllocationModel.basePath(scenario))
        return (AllocationModel.build(scenario: scenario, base: base), scenario)
    }

    @Test func theSmallCitysOptionsAreItsUncoveredUnitsAtItsUnitCosts() throws {
        let (instance, scenario) = try Self.instance()
        let tree = scenario.regions
        let options = instance.problem.options.map { option in
            (
                option.action, option.units.map { tree.regions[$0].name }, option.unitCost,
                option.totalLimit
            )
        }
        // By hand, from the README's inputs and unit-costs.csv, on the base path (the plan
        // without its own lines) in 2022:
        // - streets with a centre: 解放 and 海州 of the 6, so 山南, 园林, 站前 and 兴海 (tree
        //   order) can get one, at build_street_centre = 2,000,000 yuan;
        // - care-type homes: H3 serves 台安县, so only 海城市 lacks one; the plan's line gives
        //   its size, 100 beds all nursing-type: 100 × build_nursing_bed 100,000 = 10,000,000;
        // - conversions by county, at convert_bed = 10,000: the non-nursing beds of the homes
        //   there, 铁东区 (200 − 60) + (100 − 20) = 220, 台安县 100 − 50 = 50, 海城市 50 − 0 = 50;
        // - one meal site more (the target is 2, the city has 1) at 50,000;
        // - one home, from the default template (100 beds, 60% nursing-type):
        //   40 × 80,000 + 60 × 100,000 = 9,200,000;
        // - no stations or village points: the example gives no unit cost for them.
        #expect(options.count == 7)
        #expect(options[0].0 == .streetCentre)
        #expect(options[0].1 == ["山南街道", "园林街道", "站前街道", "兴海街道"])
        #expect(options[0].2 == 2_000_000 && options[0].3 == 4)
        #expect(options[1].0 == .careHome && options[1].1 == ["海城市"])
        #expect(options[1].2 == 10_000_000)
        #expect(options[2...4].map(\.0) == [.conversion, .conversion, .conversion])
        #expect(options[2...4].map(\.1) == [["铁东区"], ["台安县"], ["海城市"]])
        #expect(options[2...4].map(\.3) == [220, 50, 50])
        #expect(options[2...4].allSatisfy { $0.2 == 10_000 })
        #expect(options[5].0 == .mealSite && options[5].2 == 50_000 && options[5].3 == 1)
        #expect(options[6].0 == .home && options[6].2 == 9_200_000)
        // Lead times: the plan's lines say 1 year for the centre and the care home; a home
        // takes the default 2; conversions and meal sites take effect in their year.
        #expect(instance.problem.options.map(\.leadTime) == [1, 1, 0, 0, 0, 0, 2])
    }

    @Test func theSmallCitysTargetRowsAreItsGapsOnTheBasePath() throws {
        let (instance, scenario) = try Self.instance()
        let targets = Dictionary(
            uniqueKeysWithValues: instance.problem.targets.map { ($0.id, $0.rows) })
        // Nursing share ≥ 50% in 2022 on the base path: 130 nursing of 450 institutional
        // beds, so 0.5 × 450 − 130 = 95 more nursing beds net of the share. A 100-bed
        // care-type home adds 100 − 0.5 × 100 = 50, a converted bed 1, a 100-bed home with 60
        // nursing beds 60 − 50 = 10.
        let nursing = try #require(targets["ex.nursing-share"]?.first)
        #expect(nursing.year == 2022 && nursing.rightHandSide == 95)
        #expect(nursing.terms.map(\.coefficient) == [50, 1, 1, 1, 10])
        // Service beds ≥ 500 in 2022: 500 − 450 = 50; the care home and the home add 100 each.
        let beds = try #require(targets["ex.service-beds"]?.first)
        #expect(beds.rightHandSide == 50 && beds.terms.map(\.coefficient) == [100, 100])
        // Modelled: the five targets an option moves; left out, with the reason: the circle
        // (no action moves it) and village and community coverage (no unit cost for points
        // or stations, so no option).
        #expect(
            instance.scenarioTargets.map { scenario.targets[$0].id } == [
                "ex.nursing-share", "ex.service-beds", "ex.street-centres", "ex.county-care-home",
                "ex.meal-sites",
            ])
        #expect(
            instance.leftOut.map(\.id) == [
                "ex.15-minute-circle", "ex.rural-coverage", "ex.urban-community",
            ])
        // Capital: the plan's 20,000,000 yuan of lottery money in 2021 and in 2022.
        #expect(instance.problem.years == [2021, 2022])
        #expect(instance.problem.capital[0] == [20_000_000, 20_000_000])
    }
}
