import Coverage
import Facilities
import Geography
import Testing

@testable import Simulation

/// The coverage stage feeds `most_uncovered_elderly`: three villages of 牛庄镇, worked by hand.
///
/// Tree order: 0 鞍山市, 1 海城市, 2 牛庄镇, 3 甲村, 4 乙村, 5 丙村. The villages lie on one
/// parallel (40.9° N): 乙村 0.006° east of 甲村 (0.006 × 111,320 m × cos 40.9° ≈ 505 m), 丙村
/// 0.05° east (≈ 4,210 m). Persons aged 60+, every year: 甲村 100, 乙村 1,000, 丙村 400. A
/// village point stands in 甲村. The walk of the circle is 15 min × 1,000/15 m a minute =
/// 1,000 m, no detour. The plan: one village point in 2021, opening at once, by the plan's
/// default rule `most_uncovered_elderly`.
@Suite struct UncoveredElderlyTests {
    static let (village1, village2, village3) = (3, 4, 5)

    func scenario(located: [Bool] = [true, true, true], coverage: CoverageSettings? = .init())
        throws -> Scenario
    {
        let points = [122.900, 122.906, 122.950].enumerated().map { index, longitude in
            located[index] ? GeoPoint(longitude: longitude, latitude: 40.9) : nil
        }
        func region(_ code: String, _ name: String, _ kind: RegionKind, _ point: GeoPoint? = nil)
            throws -> Region
        {
            Region(code: try DivisionCode(parsing: code), name: name, kind: kind, location: point)
        }
        let tree = try RegionTree(regions: [
            region("2103", "鞍山市", .city), region("210381", "海城市", .countyCity),
            region("210381100", "牛庄镇", .town),
            region("210381100201", "甲村", .village, points[0]),
            region("210381100202", "乙村", .village, points[1]),
            region("210381100203", "丙村", .village, points[2]),
        ])
        var scenario = try Scenario(
            id: "three-villages", label: "三个村", baseYear: 2020, horizon: 2021, reportYear: 2021,
            seed: 1, regions: tree, region: try DivisionCode(parsing: "2103"), datum: .gcj02,
            coverage: coverage)
        let aged60 = Array(repeating: [0, 0, 0, 100, 1000, 400.0], count: 2)
        scenario.elderlyPopulation = try ElderlyPopulation(
            years: 2020...2021, regionCount: tree.count, aged60: aged60, aged65: aged60,
            aged80: aged60)
        scenario.facilities = FacilitySettings(
            inventory: try FacilityInventory(
                facilities: [Facility(id: "P1", type: .villagePoint, region: Self.village1)],
                regionCount: tree.count, baseYear: 2020))
        scenario.investment = InvestmentPlan(
            unitCosts: UnitCostTable(entries: [.init(item: .buildVillagePoint, yuan: 100_000)]),
            actions: [
                PlanAction(
                    kind: .buildStations, label: "points", years: [2021], perYear: 1,
                    funding: [.localBudget], leadTime: 0)
            ])
        return scenario
    }

    /// The units of the village points at the end of the run, in stock order.
    /// The run's notes about ranking units, without the one every run with facilities makes
    /// about how residents were counted.
    func rankingNotes(_ result: SimulationResult) -> [RunNote] {
        result.notes.filter {
            !$0.english.contains("facilities.occupancy.institutional")
                && !$0.english.contains("facilities.take_up")
                && !$0.english.contains("15-minute circle's denominator")
        }
    }

    func villagePoints(_ result: SimulationResult) throws -> [Int] {
        let stock = try #require(result.facilities).stock
        return (0..<stock.count).filter { stock.types[$0] == .villagePoint }.map {
            stock.regions[$0]
        }
    }

    // Uncovered 60+: 甲村 0 (its own point, 0 m), 乙村 0 (505 m ≤ 1,000 m from 甲村's
    // point), 丙村 400 (4,210 m) → the 2021 point goes to 丙村. Presence would rank the
    // villages without a point by their 60+: 乙村 1,000 > 丙村 400 → 乙村.
    @Test func coverageDecidesWhichVillageGetsTheNextPoint() throws {
        let result = try Simulator.run(scenario(), parallelism: .serial)
        #expect(try villagePoints(result) == [Self.village1, Self.village3])
        #expect(rankingNotes(result).isEmpty)

        let byPresence = try Simulator.run(scenario(coverage: nil), parallelism: .serial)
        #expect(try villagePoints(byPresence) == [Self.village1, Self.village2])
    }

    // The estimate per region of the tree (its subtree): 鞍山市, 海城市, 牛庄镇 400 each (丙村's),
    // 甲村 0, 乙村 0, 丙村 400 — on the base-year stock; with 丙村's point added, 0 everywhere.
    @Test func theEstimateCountsUncoveredOlderResidentsUpTheTree() throws {
        let scenario = try scenario()
        let population = try Simulator.population(scenario).population
        let estimate = try #require(
            Simulator.uncoveredElderly(scenario, population: population).estimate)
        let run = try #require(try Simulator.run(scenario, parallelism: .serial).facilities)
        #expect(estimate(2021, .villagePoint, run.yearEndStocks[0]) == [400, 400, 400, 0, 0, 400])
        #expect(estimate(2021, .villagePoint, run.yearEndStocks[1]) == [0, 0, 0, 0, 0, 0])
        // No community station anywhere: every older resident is uncovered by one.
        #expect(
            estimate(2021, .communityStation, run.yearEndStocks[0])
                == [1500, 1500, 1500, 100, 1000, 400])
    }

    // No village has a location: the rule falls back to presence (乙村, 1,000 > 400) and the
    // run says so once, though two lines over two years use the rule.
    @Test func withoutLocationsTheRunSaysOnceThatPresenceRanks() throws {
        var scenario = try scenario(located: [false, false, false])
        scenario.horizon = 2022
        scenario.elderlyPopulation = try ElderlyPopulation(
            years: 2020...2022, regionCount: 6,
            aged60: Array(repeating: [0, 0, 0, 100, 1000, 400], count: 3),
            aged65: Array(repeating: [0, 0, 0, 100, 1000, 400], count: 3),
            aged80: Array(repeating: [0, 0, 0, 100, 1000, 400], count: 3))
        scenario.investment?.actions = [
            PlanAction(
                kind: .buildStations, label: "points", years: [2021, 2022], perYear: 1,
                funding: [.localBudget], leadTime: 0),
            PlanAction(
                kind: .certifyMealSites, label: "meals", years: [2021, 2022], perYear: 1,
                funding: [.localBudget], leadTime: 0),
        ]
        scenario.investment?.unitCosts = UnitCostTable(entries: [
            .init(item: .buildVillagePoint, yuan: 100_000),
            .init(item: .certifyMealSite, yuan: 10_000),
        ])
        let result = try Simulator.run(scenario, parallelism: .serial)
        #expect(try villagePoints(result) == [Self.village1, Self.village2, Self.village3])
        #expect(rankingNotes(result).count == 1)
        let note = try #require(rankingNotes(result).first)
        #expect(note.chinese.contains("most_uncovered_elderly"))
        #expect(note.chinese.contains("按设施有无，优先无该类设施单元的老年人口"))
        #expect(note.chinese.contains("没有坐标"))
        #expect(note.english.contains("ranked by presence"))
    }

    // A plan whose lines name their places, or use another rule, says nothing of it.
    @Test func noNoteWhenNoLineRanksByTheRule() throws {
        var scenario = try scenario(located: [false, false, false])
        scenario.investment?.actions = [
            PlanAction(
                kind: .buildStations, label: "points", years: [2021],
                places: [(region: Self.village3, amount: 1)], funding: [.localBudget],
                leadTime: 0),
            PlanAction(
                kind: .buildStations, label: "ordered", years: [2021], perYear: 1,
                priority: .givenOrder, order: [Self.village2], funding: [.localBudget],
                leadTime: 0),
        ]
        let result = try Simulator.run(scenario, parallelism: .serial)
        #expect(try villagePoints(result) == [Self.village1, Self.village3, Self.village2])
        #expect(rankingNotes(result).isEmpty)
    }

    // 乙村 has no location: it counts by presence (1,000, no point of its own), 丙村 by the
    // walk (400) → the point goes to 乙村, and the run says that one of three units has no
    // location.
    @Test func unitsWithoutALocationCountByPresence() throws {
        let result = try Simulator.run(
            scenario(located: [true, false, true]), parallelism: .serial)
        #expect(try villagePoints(result) == [Self.village1, Self.village2])
        #expect(rankingNotes(result).count == 1)
        #expect(rankingNotes(result).first?.english.contains("1 of the 3 units") == true)
    }
}
