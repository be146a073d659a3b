import Foundation
import Geography
import ScenarioFiles
import Targets
import Testing

@testable import Simulation

/// The year loop on `Examples/small-city`, every figure worked out by hand.
///
/// The city: 3 counties (铁东区 district, 台安县 county, 海城市 county-level city), 10
/// streets and towns (6 streets: 解放, 山南, 园林, 站前, 海州, 兴海; 4 towns: 台安, 桑林,
/// 高力房, 牛庄), 30 communities and villages (19 communities, 11 villages), each with 100
/// residents aged 60+, 70 aged 65+, 20 aged 80+, every year. Townships lie 6.7 km apart and
/// each township's three units within 300 m of each other, so a service point covers exactly
/// the three units of its own township within the 1,000 m walk.
///
/// The stock in 2020: homes H1 (public institution, 200 beds, 60 nursing, 2 stars), H2
/// (private, 100 / 20, 1 star), H3 (care-type special-hardship home, 100 / 50, 1 star),
/// H4 (township special-hardship home, 50 / 0, 0 stars); street centres in 解放 and 海州;
/// community stations in 山南 and 园林; a village point in 桑林; a meal site in 解放.
/// The plan: 2021 convert 50 of H1's beds; approve a street centre in 兴海 and a care-type
/// home of 100 nursing beds in 海城市 (both open in 2022, lead time 1); 2022 certify a meal
/// site in 台安镇.
@Suite struct SmallCityTests {
    let result: SimulationResult
    let table: IndicatorTable
    let city = 0

    init() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let loaded = try ScenarioLoader().load(repository + "/Examples/small-city").get()
        result = try Simulator.run(loaded.scenario, parallelism: .serial)
        table = result.indicators
    }

    func value(_ id: String, _ year: Int, region: Int = 0) -> Double? {
        table.value(IndicatorCatalogue.indicator(id)!, year: year, region: region)?.value
    }

    func ratio(_ id: String, _ year: Int) -> (Double, Double)? {
        table.value(IndicatorCatalogue.indicator(id)!, year: year, region: city).map {
            ($0.numerator, $0.denominator)
        }
    }

    func target(_ id: String) throws -> TargetResult {
        try #require(result.targets.first { $0.target.id == id })
    }

    // 30 units × 100 = 3,000 aged 60+; × 70 = 2,100 aged 65+; × 20 = 600 aged 80+.
    @Test func olderResidentsAddUpFromTheUnits() {
        for year in 2020...2022 {
            #expect(value("aged-60-plus", year) == 3000)
            #expect(value("aged-65-plus", year) == 2100)
            #expect(value("aged-80-plus", year) == 600)
        }
        // 铁东区: 4 streets × 3 communities × 100.
        #expect(value("aged-60-plus", 2020, region: 1) == 1200)
    }

    // Institutional beds 200 + 100 + 100 + 50 = 450 (centres, stations and points have
    // none); nursing 60 + 20 + 50 + 0 = 130. 2021: H1 converts 50 → 180. 2022: the new home
    // adds 100 nursing beds → 550 and 280.
    @Test func bedsAndNursingBedsFollowThePlan() {
        #expect(ratio("nursing-bed-share-institutional", 2020)! == (130, 450))
        #expect(ratio("nursing-bed-share-institutional", 2021)! == (180, 450))
        #expect(ratio("nursing-bed-share-institutional", 2022)! == (280, 550))
        #expect(value("service-beds", 2022) == 550)
        // Beds per older person: 450 / 3,000 = 0.15 (150 per 1,000); 550 / 3,000 in 2022.
        #expect(ratio("beds-per-1000-aged-60", 2020)! == (450, 3000))
        #expect(ratio("beds-per-1000-aged-65", 2022)! == (550, 2100))
    }

    // Streets with a centre: 解放, 海州 of 6 until 兴海's opens in 2022 (3 of 6). Towns with a
    // township centre: none of 4. Communities with a station: 山南1, 园林1 of 19. Villages
    // with a point: 桑林1 of 11. Counties (县 and 县级市) with a care-type home: 台安县 of
    // 台安县 and 海城市, both from 2022.
    @Test func unitsCoveredByPresence() {
        #expect(ratio("street-centre-coverage", 2021)! == (2, 6))
        #expect(ratio("street-centre-coverage", 2022)! == (3, 6))
        #expect(ratio("township-centre-coverage", 2022)! == (0, 4))
        #expect(ratio("urban-community-coverage", 2022)! == (2, 19))
        #expect(ratio("rural-village-coverage", 2022)! == (1, 11))
        #expect(ratio("county-care-home-coverage", 2021)! == (1, 2))
        #expect(ratio("county-care-home-coverage", 2022)! == (2, 2))
        // Regions in code order: 鞍山市 0, 铁东区 1 (and its 4 × 4 streets and communities),
        // 台安县 18, 海城市 31.
        #expect(value("county-care-homes", 2021, region: 31) == 0)
        #expect(value("county-care-homes", 2022, region: 31) == 1)
        #expect(value("county-care-homes", 2020, region: 18) == 1)
    }

    // Service points (centres, stations, points) cover whole townships: 解放, 海州, 山南,
    // 园林, 桑林 → 15 units × 100 = 1,500 of 3,000 aged 60+; in 2022 兴海's new centre, placed
    // among its communities, adds 300 → 1,800 (60%). In 铁东区, 3 of 4 streets: 900 of 1,200.
    @Test func theFifteenMinuteCircleCountsOlderResidentsWithinTheWalk() {
        #expect(ratio("fifteen-minute-circle-share", 2020)! == (1500, 3000))
        #expect(ratio("fifteen-minute-circle-share", 2022)! == (1800, 3000))
        let district = table.value(
            IndicatorCatalogue.indicator("fifteen-minute-circle-share")!, year: 2020, region: 1)
        #expect(district?.numerator == 900 && district?.denominator == 1200)
    }

    // Counts: stations 2; meal sites 1, then 2 in 2022; public homes H1, H3, H4 (3), then the
    // new home (4). Ratings: township homes (special-hardship, not care-type): H4, 0 stars →
    // 0 of 1 rated ≥ 1; county homes: H1 (2 stars), H3 (1) → 1 of 2 rated ≥ 2, then 1 of 3.
    @Test func countsAndRatings() {
        #expect(value("community-stations", 2022) == 2)
        #expect(value("meal-sites", 2021) == 1)
        #expect(value("meal-sites", 2022) == 2)
        #expect(value("public-homes", 2020) == 3)
        #expect(value("public-homes", 2022) == 4)
        #expect(ratio("township-public-homes-rated-1", 2020)! == (0, 1))
        #expect(ratio("county-public-homes-rated-2", 2020)! == (1, 2))
        #expect(ratio("county-public-homes-rated-2", 2022)! == (1, 3))
    }

    // Capital spending: 2021: 50 beds × 10,000 + a street centre 2,000,000 + 100 nursing beds
    // × 100,000 = 12,500,000; 2022: a meal site 50,000; nothing in the base year.
    @Test func capitalCostsAreTheUnitCostsOfWhatWasDone() {
        #expect(value("capital-cost", 2020) == 0)
        #expect(value("capital-cost", 2021) == 12_500_000)
        #expect(value("capital-cost", 2022) == 50_000)
    }

    // Verdicts, by the rules of the targets: on track before a deadline the path meets; met
    // at or after; missed at a deadline not met; met late after it.
    @Test func everyVerdictIsTheOneWorkedOutByHand() throws {
        // 130/450, 180/450 then 280/550 = 50.9% ≥ 50%; gaps 0.5×450 − 130 = 95, then 45 beds.
        let nursing = try target("ex.nursing-share")
        #expect(nursing.summary.map(\.status) == [.onTrack, .onTrack, .met])
        #expect(nursing.summary.map(\.actionGap) == [95, 45, 0])
        // 450, 450, 550 beds against 500 by 2022: short by 50 beds until 2022.
        let beds = try target("ex.service-beds")
        #expect(beds.summary.map(\.status) == [.onTrack, .onTrack, .met])
        #expect(beds.summary.map(\.actionGap) == [50, 50, 0])
        // 2/6 then exactly 3/6 = 50%: met at the threshold; one street short before.
        let streets = try target("ex.street-centres")
        #expect(streets.summary.map(\.status) == [.onTrack, .onTrack, .met])
        #expect(streets.summary.map(\.actionGap) == [1, 1, 0])
        // Each county: 海城市 (region 31) fails until 2022; one home to open.
        let homes = try target("ex.county-care-home")
        #expect(homes.summary.map(\.failingUnits) == [[31], [31], []])
        #expect(homes.summary.map(\.actionGap) == [1, 1, 0])
        #expect(homes.verdict == .met && homes.firstYearMet == 2022)
        // Meal sites: 1 at the 2021 deadline (missed), 2 in 2022 (met late); stays missed.
        let meals = try target("ex.meal-sites")
        #expect(meals.summary.map(\.status) == [.offTrack, .missed, .metLate])
        #expect(meals.verdict == .missed && meals.firstYearMet == 2022)
        // Villages: 1/11 = 9.1% against 30%: ⌈0.3 × 11 − 1⌉ = 3 villages to equip.
        let villages = try target("ex.rural-coverage")
        #expect(villages.summary.map(\.status) == [.offTrack, .offTrack, .missed])
        #expect(villages.summary.last?.actionGap == 3)
        // Communities: 2/19 against 100%: 17 to equip.
        #expect(try target("ex.urban-community").summary.last?.actionGap == 17)
        // Circle: 50%, 50%, 60% against 55%: on track, met; 150 persons short before.
        let circle = try target("ex.15-minute-circle")
        #expect(circle.summary.map(\.status) == [.onTrack, .onTrack, .met])
        #expect(circle.summary.first?.actionGap == 150)
    }

    // The same scenario on one thread and on many gives the same table.
    @Test func theResultDoesNotDependOnTheThreadCount() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let loaded = try ScenarioLoader().load(repository + "/Examples/small-city").get()
        let parallel = try Simulator.run(loaded.scenario, parallelism: .init(threads: 4))
        for indicator in IndicatorCatalogue.all where table.contains(indicator) {
            for year in 2020...2022 {
                for region in 0..<loaded.scenario.regions.count {
                    let a = table.value(indicator, year: year, region: region)
                    let b = parallel.indicators.value(indicator, year: year, region: region)
                    #expect(a?.numerator == b?.numerator && a?.denominator == b?.denominator)
                }
            }
        }
    }
}
