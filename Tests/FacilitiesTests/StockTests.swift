import Geography
import Quantities
import Testing

@testable import Facilities

/// The stock over time: openings after lead times, conversions, closures and merges,
/// occupancy, staffing, family beds; every expected value worked out by hand.
@Suite struct StockTests {
    @Test func aProjectApprovedIn2021WithATwoYearLeadTimeOpensIn2023() throws {
        // The inventory's row: approved in 2021, lead time 2 → opens at the end of
        // 2021 + 2 = 2023 (the loader turns approved + lead_time into the opening year).
        let home = Facility(
            id: "new", type: .institution, region: Fixture.jiefang, beds: 120, nursingBeds: 60,
            status: .approved, openingYear: 2021 + 2)
        let run = try Fixture.run([home])
        for year in 2020...2022 {
            #expect(run.at(.institutionalBeds, year) == 0)
            #expect(run.at(.bedsInPipeline, year) == 120)
            #expect(run.at(.facilitiesInPipeline, year) == 1)
        }
        #expect(run.at(.institutionalBeds, 2023) == 120)
        #expect(run.at(.nursingBeds, 2023) == 60)
        #expect(run.at(.facilities(.institution), 2023) == 1)
        #expect(run.at(.bedsInPipeline, 2023) == 0)
    }

    @Test func aHomeFundedIn2021WithATwoYearLeadTimeOpensIn2023() throws {
        // build_beds of 100 beds in 2021, lead time 2, placed in 解放街道: open in 2023.
        let plan = InvestmentPlan(
            budgets: Fixture.budgets([.centralBudget: [2021: 1e9]]),
            unitCosts: Fixture.costs([(.buildBed, 100_000)]),
            actions: [
                PlanAction(
                    kind: .buildBeds, label: "build", years: [2021],
                    places: [(Fixture.jiefang, 100)], nursingShare: 0.6, leadTime: 2)
            ])
        let run = try Fixture.run([], plan: plan)
        #expect(run.at(.institutionalBeds, 2022) == 0)
        #expect(run.at(.bedsInPipeline, 2021) == 100)
        #expect(run.at(.bedsInPipeline, 2022) == 100)
        #expect(run.at(.institutionalBeds, 2023) == 100)
        // 60 % of 100 beds are nursing-type.
        #expect(run.at(.nursingBeds, 2023) == 60)
        // 100 beds × 100,000 yuan = 10 million, spent in 2021 only.
        #expect(run.at(.capitalCost, 2021) == 10_000_000)
        #expect(run.at(.capitalCost, 2023) == 0)
    }

    @Test func aMergeMovesItsResidentsToTheReceivingHomeAndRemovesItsBeds() throws {
        // Small home: 40 beds, 30 residents. Receiving home: 100 beds, 50 residents (its own
        // occupancy 0.5). Merged in 2022.
        let small = Facility(
            id: "small", type: .specialHardshipHome, region: Fixture.wangshi, beds: 40,
            residents: 30)
        let central = Facility(
            id: "central", type: .specialHardshipHome, region: Fixture.niuzhuang, beds: 100,
            residents: 50)
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([]),
            actions: [
                PlanAction(
                    kind: .merge, label: "merge", years: [2022], facilities: [0], receiving: 1)
            ])
        let run = try Fixture.run([small, central], plan: plan)
        // 2021: 40 + 100 = 140 beds, 30 + 50 = 80 residents.
        #expect(run.at(.institutionalBeds, 2021) == 140)
        #expect(run.at(.effectiveCapacity, 2021) == 80)
        // 2022: 100 beds; the receiving home holds 100 × 0.5 + 30 = 80 residents, all of them.
        #expect(run.at(.institutionalBeds, 2022) == 100)
        #expect(run.at(.effectiveCapacity, 2022) == 80)
        #expect(run.at(.effectiveCapacity, 2022, Fixture.haicheng) == 80)
        #expect(run.at(.facilities(.specialHardshipHome), 2022) == 1)
        #expect(run.at(.displacedResidents, 2022) == 0)
        // Occupancy of the receiving home rises from 50/100 to 80/100.
        #expect(run.at(.occupancyInstitutional, 2022) == 0.8)
        #expect(run.stock.statuses[0] == .closed)
    }

    @Test func aMergeIntoAFullHomeDisplacesThoseWhoDoNotFit() throws {
        // Receiving home: 60 beds, 50 residents → 10 free; 30 move → 10 fit, 20 displaced.
        let small = Facility(
            id: "small", type: .specialHardshipHome, region: Fixture.wangshi, beds: 40,
            residents: 30)
        let central = Facility(
            id: "central", type: .specialHardshipHome, region: Fixture.niuzhuang, beds: 60,
            residents: 50)
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([]),
            actions: [
                PlanAction(
                    kind: .merge, label: "merge", years: [2022], facilities: [0], receiving: 1)
            ])
        let run = try Fixture.run([small, central], plan: plan)
        #expect(run.at(.displacedResidents, 2022) == 20)
        #expect(run.at(.displacedResidents, 2022, Fixture.haicheng) == 20)
        #expect(run.at(.effectiveCapacity, 2022) == 60)
        #expect(run.at(.displacedResidents, 2023) == 0)
    }

    @Test func convertingThreeHundredOfAThousandBedsLiftsTheShareFrom20To50Percent() throws {
        // 1,000 beds, 200 nursing: 200/1000 = 20 %. Converting 300: 500/1000 = 50 %.
        let home = Facility(
            id: "big", type: .institution, region: Fixture.zhanqian, beds: 1000,
            nursingBeds: 200)
        let plan = InvestmentPlan(
            budgets: Fixture.budgets([.welfareLottery: [2021: 3_000_000]]),
            unitCosts: Fixture.costs([(.convertBed, 10_000)]),
            actions: [
                PlanAction(
                    kind: .convertToNursing, label: "convert", years: [2021], perYear: 300,
                    priority: .lowestNursingShare)
            ])
        let run = try Fixture.run([home], plan: plan)
        #expect(run.at(.nursingShareInstitutional, 2020) == 0.2)
        #expect(run.at(.nursingShareInstitutional, 2021) == 0.5)
        #expect(run.at(.nursingBeds, 2021) == 500)
        // Beds do not change: conversion is not construction.
        #expect(run.at(.institutionalBeds, 2021) == 1000)
        // 300 × 10,000 = 3,000,000, the whole lottery budget.
        #expect(run.cost(.capital, .welfareLottery, year: 2021, region: 0) == 3_000_000)
    }

    @Test func theNursingShareDiffersByDenominator() throws {
        // Institution 1,000 beds / 500 nursing; community station 250 beds / 0 nursing.
        // Institutional share 500/1000 = 0.5; all service beds 500/1250 = 0.4.
        let run = try Fixture.run([
            Facility(
                id: "home", type: .institution, region: Fixture.jiefang, beds: 1000,
                nursingBeds: 500),
            Facility(id: "station", type: .communityStation, region: Fixture.jiefang, beds: 250),
        ])
        #expect(run.at(.nursingShareInstitutional, 2020) == 0.5)
        #expect(run.at(.nursingShareAllService, 2020) == 0.4)
        #expect(run.at(.serviceBeds, 2020) == 1250)
    }

    @Test func familyBedsCountAsServiceBedsOnlyWhenTheScenarioSaysSo() throws {
        // Home 100 beds; family beds 50. Not counted: 100 service beds; counted: 150.
        let facilities = [
            Facility(id: "home", type: .institution, region: Fixture.jiefang, beds: 100),
            Facility(id: "family", type: .familyBeds, region: Fixture.jiefang, beds: 50),
        ]
        let apart = try Fixture.run(facilities)
        let counted = try Fixture.run(facilities) { $0.countsFamilyBeds = true }
        #expect(apart.at(.serviceBeds, 2020) == 100)
        #expect(apart.at(.familyBeds, 2020) == 50)
        #expect(counted.at(.serviceBeds, 2020) == 150)
    }

    @Test func bedsPerThousandUseTheOlderPopulationOfTheRegion() throws {
        // 铁东区: 300 beds for 10,000 + 5,000 = 15,000 aged 60+ → 20 per 1,000;
        // 65+ is 70 % → 10,500 → 300 × 1000 / 10,500 = 28.571…
        let population = Fixture.population(
            years: 2020...2025, aged60: [Fixture.jiefang: 10_000, Fixture.zhanqian: 5_000])
        let run = try Fixture.run(
            [Facility(id: "home", type: .institution, region: Fixture.jiefang, beds: 300)],
            population: population)
        #expect(run.at(.bedsPerThousandAged60, 2020, Fixture.tiedong) == 20)
        let per65 = try #require(run.at(.bedsPerThousandAged65, 2020, Fixture.tiedong))
        #expect(abs(per65 - 300_000 / 10_500) < 1e-9)
        // 海城市 has no older people in this population: no rate.
        #expect(run.at(.bedsPerThousandAged60, 2020, Fixture.haicheng) == nil)
    }

    @Test func occupancyTimesBedsIsTheEffectiveCapacity() throws {
        // 200 institutional beds at 0.6 → 120; 50 community beds at 0.3 → 15; total 135.
        let run = try Fixture.run([
            Facility(id: "home", type: .institution, region: Fixture.jiefang, beds: 200),
            Facility(id: "centre", type: .streetCentre, region: Fixture.jiefang, beds: 50),
        ]) {
            $0.occupancy[BedCategory.institutional.rawValue] = .constant(0.6, from: 2020)
            $0.occupancy[BedCategory.community.rawValue] = .constant(0.3, from: 2020)
        }
        #expect(run.at(.effectiveCapacity, 2020) == 135)
        #expect(run.at(.occupancyInstitutional, 2020) == 0.6)
        #expect(run.at(.occupancyCommunity, 2020) == 0.3)
    }

    @Test func caregiversNeededFollowTheCareLevelsAndTrainingFillsTheGap() throws {
        // 100 beds at 0.6 → 60 residents; half able (1:10), half completely disabled (1:3):
        // need 60 × (0.5/10 + 0.5/3) = 3 + 10 = 13. Ten caregivers → gap 3.
        // Nobody is hired from the market: 2021: 2 trained, no attrition → 12 available,
        // gap 1, so 60 × 12/13 residents stay and 60/13 beds are unusable for lack of staff.
        // 2022: 2 more → 13 (a gap of 1 takes 1), gap 0, 1 waits in the pool.
        let home = Facility(
            id: "home", type: .institution, region: Fixture.jiefang, beds: 100, caregivers: 10)
        let run = try Fixture.run([home], horizon: 2022) {
            $0.occupancy[0] = .constant(0.6, from: 2020)
            $0.staffing = StaffingRules(
                residentsPerCaregiver: [10, 6, 6, 3, 3], residentMix: [0.5, 0, 0, 0, 0.5],
                trainedPerYear: .constant(2, from: 2021))
            $0.staffing.hiring = .constant(0, from: 2020)
        }
        // The base year's residents are as observed, whatever the staff.
        #expect(run.at(.unstaffedResidents, 2020) == 0)
        #expect(abs(run.at(.effectiveCapacity, 2020)! - 60) < 1e-9)
        #expect(abs(run.at(.unstaffedResidents, 2021)! - 60.0 / 13) < 1e-9)
        #expect(abs(run.at(.effectiveCapacity, 2021)! - 60.0 * 12 / 13) < 1e-9)
        #expect(run.at(.unstaffedResidents, 2022) == 0)
        let need = try #require(run.at(.caregiversNeeded, 2020))
        #expect(abs(need - 13) < 1e-9)
        #expect(run.at(.caregiversAvailable, 2020) == 10)
        #expect(abs(run.at(.staffingGap, 2020)! - 3) < 1e-9)
        #expect(abs(run.at(.staffingGap, 2021)! - 1) < 1e-9)
        #expect(abs(run.at(.caregiversAvailable, 2022)! - 13) < 1e-9)
        #expect(abs(run.at(.staffingGap, 2022)!) < 1e-9)
    }

    @Test func attritionRemovesAShareOfCaregiversEachYear() throws {
        // 20 caregivers, 10 % leave a year: 18 in 2021, 16.2 in 2022.
        let home = Facility(
            id: "home", type: .institution, region: Fixture.jiefang, beds: 100, caregivers: 20)
        let run = try Fixture.run([home], horizon: 2022) {
            $0.staffing.attrition = 0.1
        }
        #expect(abs(run.at(.caregiversAvailable, 2021)! - 18) < 1e-9)
        #expect(abs(run.at(.caregiversAvailable, 2022)! - 16.2) < 1e-9)
    }

    @Test func homesHireAShareOfTheirShortfallAndStaffLimitTheirResidents() throws {
        // 100 beds at 0.6 → 60 residents needing 13 caregivers (as above), 13 working in
        // 2020; a fifth leave a year and homes hire half of what is then missing:
        // 2021: 2.6 leave → 10.4; 0.5 × (13 − 10.4) = 1.3 hired → 11.7; residents
        //       60 × 11.7/13 = 54, 6 beds unusable; gap 1.3.
        // 2022: 11.7 × 0.2 = 2.34 leave → 9.36; 0.5 × 3.64 = 1.82 hired → 11.18; residents
        //       60 × 11.18/13 = 51.6, 8.4 unusable.
        // A recruitment bonus of 5,000 yuan per hire costs 6,500 in 2021 and 9,100 in 2022.
        let home = Facility(
            id: "home", type: .institution, region: Fixture.jiefang, beds: 100, caregivers: 13)
        let plan = InvestmentPlan(unitCosts: Fixture.costs([(.hireCaregiver, 5_000)]), actions: [])
        let run = try Fixture.run([home], plan: plan, horizon: 2022) {
            $0.occupancy[0] = .constant(0.6, from: 2020)
            $0.staffing = StaffingRules(
                residentsPerCaregiver: [10, 6, 6, 3, 3], residentMix: [0.5, 0, 0, 0, 0.5],
                attrition: 0.2)
            $0.staffing.hiring = .constant(0.5, from: 2020)
        }
        let expected: [(year: Int, leaving: Double, hired: Double, working: Double)] = [
            (2021, 2.6, 1.3, 11.7), (2022, 2.34, 1.82, 11.18),
        ]
        for row in expected {
            #expect(abs(run.at(.caregiversLeaving, row.year)! - row.leaving) < 1e-9)
            #expect(abs(run.at(.caregiversHired, row.year)! - row.hired) < 1e-9)
            #expect(abs(run.at(.caregiversAvailable, row.year)! - row.working) < 1e-9)
            #expect(abs(run.at(.staffingGap, row.year)! - (13 - row.working)) < 1e-9)
            let residents = 60 * row.working / 13
            #expect(abs(run.at(.effectiveCapacity, row.year)! - residents) < 1e-9)
            #expect(abs(run.at(.unstaffedResidents, row.year)! - (60 - residents)) < 1e-9)
            #expect(abs(run.at(.recurringCost, row.year)! - row.hired * 5_000) < 1e-6)
        }
        // Without a hiring share, homes hire what they miss: 2.6 in 2021, nobody waits.
        let full = try Fixture.run([home], horizon: 2021) {
            $0.occupancy[0] = .constant(0.6, from: 2020)
            $0.staffing = StaffingRules(
                residentsPerCaregiver: [10, 6, 6, 3, 3], residentMix: [0.5, 0, 0, 0, 0.5],
                attrition: 0.2)
        }
        #expect(abs(full.at(.caregiversHired, 2021)! - 2.6) < 1e-9)
        #expect(abs(full.at(.caregiversAvailable, 2021)! - 13) < 1e-9)
        #expect(full.at(.unstaffedResidents, 2021) == 0)
    }

    @Test func closingHomesShrinksTheStock() throws {
        // Two homes of 300 and 200 beds; the 200-bed one closes in 2023: 500 → 300, its
        // 200 × 0.5 = 100 residents are displaced.
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([]),
            actions: [PlanAction(kind: .close, label: "close", years: [2023], facilities: [1])])
        let run = try Fixture.run(
            [
                Facility(id: "a", type: .institution, region: Fixture.jiefang, beds: 300),
                Facility(id: "b", type: .institution, region: Fixture.tengao, beds: 200),
            ], plan: plan)
        #expect(run.at(.institutionalBeds, 2022) == 500)
        #expect(run.at(.institutionalBeds, 2023) == 300)
        #expect(run.at(.displacedResidents, 2023) == 100)
        #expect(run.at(.facilities(.institution), 2023) == 1)
    }

    @Test func countsOfCareTypeHomesAndStarRatings() throws {
        // Two special-hardship homes, one care-type; ratings 0, 2, 3 stars among three homes.
        let run = try Fixture.run([
            Facility(
                id: "a", type: .specialHardshipHome, isCareType: true, region: Fixture.niuzhuang,
                beds: 50, stars: 2),
            Facility(id: "b", type: .specialHardshipHome, region: Fixture.tengao, beds: 30),
            Facility(id: "c", type: .institution, region: Fixture.jiefang, beds: 80, stars: 3),
            Facility(id: "meal", type: .mealSite, region: Fixture.jiefang),
        ])
        #expect(run.at(.careTypeHomes, 2020) == 1)
        #expect(run.at(.facilities(.specialHardshipHome), 2020) == 2)
        #expect(run.at(.facilities(.mealSite), 2020) == 1)
        #expect(run.at(.homesRatedAtLeast(1), 2020) == 2)
        #expect(run.at(.homesRatedAtLeast(2), 2020) == 2)
        #expect(run.at(.homesRatedAtLeast(3), 2020) == 1)
    }
}
