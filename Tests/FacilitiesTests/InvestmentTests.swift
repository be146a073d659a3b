import Geography
import Quantities
import Testing

@testable import Facilities

/// Budgets, unit costs, allocation rules and recurring costs, each worked out by hand.
@Suite struct InvestmentTests {
    /// A line building `beds` beds in 100-bed homes in 解放街道, with no lead time.
    func homes(_ beds: Int, years: [Int], funding: [FundingSource]) -> PlanAction {
        PlanAction(
            kind: .buildBeds, label: "homes", years: years, places: [(Fixture.jiefang, beds)],
            bedsPerFacility: 100, funding: funding, leadTime: 0)
    }

    @Test func whatDoesNotFitTheBudgetIsDeferredWithItsShortfall() throws {
        // 300 beds in 3 homes of 100 beds at 20,000 yuan a bed: 2 million each. Central
        // budget 5 million in 2021: two homes (4 million) fit, the third is deferred with a
        // shortfall of 2 million; 1 million stays unspent. In 2022 the deferred home comes
        // first and fits the new 5 million.
        let plan = InvestmentPlan(
            budgets: Fixture.budgets([.centralBudget: [2021: 5e6, 2022: 5e6]]),
            unitCosts: Fixture.costs([(.buildBed, 20_000)]),
            actions: [homes(300, years: [2021], funding: [.centralBudget])])
        let run = try Fixture.run([], plan: plan, horizon: 2022)
        #expect(run.at(.institutionalBeds, 2021) == 200)
        #expect(run.at(.institutionalBeds, 2022) == 300)
        let year2021 = run.budget(.centralBudget, year: 2021)
        #expect(year2021.capitalSpent == 4e6)
        #expect(year2021.capitalShortfall == 2e6)
        #expect(year2021.remaining == 1e6)
        #expect(run.budget(.centralBudget, year: 2022).capitalSpent == 2e6)
        let outcomes = run.actionOutcomes
        #expect(outcomes.count == 2)
        #expect(outcomes[0].year == 2021 && outcomes[0].requested == 300)
        #expect(outcomes[0].done == 200 && outcomes[0].deferred == 100)
        #expect(outcomes[0].shortfall == 2e6 && outcomes[0].spent == 4e6)
        #expect(outcomes[1].year == 2022 && outcomes[1].carriedIn == 100)
        #expect(outcomes[1].done == 100 && outcomes[1].deferred == 0)
        #expect(run.unfundedAtHorizon == [0])
    }

    @Test func theBudgetIsNeverExceededInAnyYearOrSource() throws {
        // Many lines competing for small budgets: spending of every source and year stays
        // within what it had.
        let population = Fixture.population(
            years: 2020...2030,
            aged60: [
                Fixture.jiefang: 8000, Fixture.zhanqian: 6000, Fixture.niuzhuang: 5000,
                Fixture.tengao: 3000, Fixture.wangshi: 2000,
            ])
        let plan = InvestmentPlan(
            budgets: Fixture.budgets([
                .welfareLottery: Dictionary(uniqueKeysWithValues: (2021...2030).map { ($0, 3e6) }),
                .centralBudget: [2022: 4e6, 2025: 1e6],
                .localSpecialBonds: [2023: 2.5e6],
            ]),
            unitCosts: Fixture.costs([
                (.buildBed, 25_000), (.buildStreetCentre, 1.2e6), (.buildTownshipCentre, 0.9e6),
                (.buildCommunityStation, 0.3e6), (.buildVillagePoint, 0.1e6), (.convertBed, 7_000),
                (.addFamilyBed, 3_000), (.certifyMealSite, 50_000), (.upgradeRating, 40_000),
            ]),
            priority: .mostUncoveredElderly, carriesOver: true,
            actions: [
                PlanAction(
                    kind: .buildBeds, label: "beds", years: Array(2021...2030), perYear: 150,
                    priority: .lowestBedsPerThousandElderly, bedsPerFacility: 50),
                PlanAction(kind: .buildCentres, label: "centres", years: [2021, 2022], perYear: 3),
                PlanAction(kind: .buildStations, label: "stations", years: [2023], perYear: 5),
                PlanAction(
                    kind: .convertToNursing, label: "convert", years: Array(2021...2025),
                    perYear: 120, lot: 40),
                PlanAction(
                    kind: .addFamilyBeds, label: "family", years: [2024], perYear: 200, lot: 25),
                PlanAction(kind: .certifyMealSites, label: "meals", years: [2022], perYear: 4),
                PlanAction(
                    kind: .upgradeRatings, label: "stars", years: [2026], perYear: 3, targetStars: 3
                ),
            ])
        let run = try Fixture.run(
            [
                Facility(
                    id: "a", type: .institution, region: Fixture.jiefang, beds: 400, nursingBeds: 80
                ),
                Facility(id: "b", type: .institution, region: Fixture.niuzhuang, beds: 200),
            ], plan: plan, population: population, horizon: 2030)
        for record in run.budgets where record.available != nil {
            #expect(record.capitalSpent + record.recurringSpent <= record.available! + 1e-6)
            #expect(record.remaining! >= -1e-6)
        }
        // Something was deferred, or the test would prove nothing.
        #expect(run.actionOutcomes.contains { $0.deferred > 0 })
        // Spending per source and year equals the capital booked in the planning region.
        for year in 2021...2030 {
            for source in FundingSource.allCases {
                let booked = run.cost(.capital, source, year: year, region: 0)
                #expect(abs(booked - run.budget(source, year: year).capitalSpent) < 1e-6)
            }
        }
    }

    @Test func costsAddUpBySourceAndYear() throws {
        // Two 100-bed homes at 20,000 a bed: 2 million each, from the lottery (3 million)
        // then the central budget (2 million): the first takes 2 million of the lottery, the
        // second the lottery's last 1 million and 1 million of the central budget.
        // Old-age allowance: 80+ are 15 % of 10,000 = 1,500 people × 100 yuan a month ×
        // 12 = 1,800,000 a year from the general budget.
        let population = Fixture.population(years: 2020...2022, aged60: [Fixture.jiefang: 10_000])
        let plan = InvestmentPlan(
            budgets: Fixture.budgets([.welfareLottery: [2021: 3e6], .centralBudget: [2021: 2e6]]),
            welfareLotteryTotal: YearlyValues(years: [2021], values: [1e7], rule: .keyedYearsOnly),
            unitCosts: Fixture.costs([(.buildBed, 20_000), (.oldAgeAllowance, 1_200)]),
            actions: [homes(200, years: [2021], funding: [.welfareLottery, .centralBudget])])
        let run = try Fixture.run([], plan: plan, population: population, horizon: 2022)
        #expect(run.cost(.capital, .welfareLottery, year: 2021, region: 0) == 3e6)
        #expect(run.cost(.capital, .centralBudget, year: 2021, region: 0) == 1e6)
        #expect(run.at(.capitalCost, 2021) == 4e6)
        #expect(run.cost(.recurring, .localBudget, year: 2021, region: 0) == 1_800_000)
        #expect(run.at(.recurringCost, 2021) == 1_800_000)
        #expect(run.at(.recurringCost, 2022) == 1_800_000)
        // The allowance is paid where the 80+ live: 解放街道, in 铁东区.
        #expect(run.at(.recurringCost, 2021, Fixture.tiedong) == 1_800_000)
        #expect(run.at(.recurringCost, 2021, Fixture.haicheng) == 0)
        // Lottery share: 3 million of a 10 million fund = 0.3; none given for 2022.
        #expect(run.at(.welfareLotteryShare, 2021) == 0.3)
        #expect(run.at(.welfareLotteryShare, 2022) == nil)
        #expect(run.at(.welfareLotteryShare, 2021, Fixture.tiedong) == nil)
        // No costs in the base year.
        #expect(run.at(.capitalCost, 2020) == 0 && run.at(.recurringCost, 2020) == 0)
    }

    @Test func operatingSubsidyCareSubsidyAndTrainingFollowTheirRules() throws {
        // Private home 100 beds at occupancy 0.5 → 50 residents; 40 % eligible; Anshan's
        // 125 yuan a month = 1,500 a year: 50 × 0.4 × 1,500 = 30,000. The public home gets
        // nothing. Care subsidy: poor disabled 2 % of 10,000 = 200 × 600 = 120,000 in 铁东区
        // and 2 % of 5,000 = 100 × 600 = 60,000 in 海城市.
        // Training: 100 caregivers × 2,000 = 200,000.
        let population = Fixture.population(
            years: 2020...2021, aged60: [Fixture.zhanqian: 10_000, Fixture.niuzhuang: 5_000])
        var recurring = RecurringCostRules()
        recurring.operatingSubsidyEligibleShare = .constant(0.4, from: 2020)
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([
                (.operatingSubsidy, 1_500), (.careSubsidy, 600), (.trainCaregiver, 2_000),
            ]),
            recurring: recurring, actions: [])
        let run = try Fixture.run(
            [
                Facility(
                    id: "private", type: .institution, ownership: .privateRun,
                    region: Fixture.jiefang, beds: 100),
                Facility(id: "public", type: .institution, region: Fixture.niuzhuang, beds: 100),
            ], plan: plan, population: population, horizon: 2021
        ) { $0.staffing.trainedPerYear = .constant(100, from: 2021) }
        #expect(
            abs(run.at(.recurringCost, 2021)! - (30_000 + 120_000 + 60_000 + 200_000)) < 1e-6)
        // Operating subsidy in 铁东区 (the private home) and care subsidy there (站前街道);
        // training goes where the need is, half and half (two homes of 50 residents each).
        #expect(
            abs(run.at(.recurringCost, 2021, Fixture.tiedong)! - (30_000 + 120_000 + 100_000))
                < 1e-6)
        #expect(abs(run.at(.recurringCost, 2021, Fixture.haicheng)! - (100_000 + 60_000)) < 1e-6)
    }

    @Test func aCappedSourceThatCannotPayARecurringCostReportsTheUnpaidPart() throws {
        // Allowance 1,500 people × 1,200 = 1.8 million from the lottery, which has 1 million:
        // 1 million paid, 0.8 million unpaid, nothing left for capital.
        let population = Fixture.population(years: 2020...2021, aged60: [Fixture.jiefang: 10_000])
        var recurring = RecurringCostRules()
        recurring.allowanceSource = .welfareLottery
        let plan = InvestmentPlan(
            budgets: Fixture.budgets([.welfareLottery: [2021: 1e6]]),
            unitCosts: Fixture.costs([(.oldAgeAllowance, 1_200), (.buildBed, 10_000)]),
            recurring: recurring,
            actions: [homes(100, years: [2021], funding: [.welfareLottery])])
        let run = try Fixture.run([], plan: plan, population: population, horizon: 2021)
        let lottery = run.budget(.welfareLottery, year: 2021)
        #expect(lottery.recurringSpent == 1e6)
        #expect(lottery.recurringUnpaid == 0.8e6)
        #expect(lottery.capitalSpent == 0)
        #expect(run.actionOutcomes[0].deferred == 100)
        #expect(run.at(.recurringCost, 2021) == 1e6)
    }

    @Test func moneyLeftOverCarriesToTheNextYearWhenThePlanSaysSo() throws {
        // 2021: 5 million, one 2-million home → 3 million left. 2022: 1 million + 3 carried
        // = 4 million: two homes (4 million) fit.
        let plan = InvestmentPlan(
            budgets: Fixture.budgets([.centralBudget: [2021: 5e6, 2022: 1e6]]),
            unitCosts: Fixture.costs([(.buildBed, 20_000)]), carriesOver: true,
            actions: [
                homes(100, years: [2021], funding: [.centralBudget]),
                homes(200, years: [2022], funding: [.centralBudget]),
            ])
        let run = try Fixture.run([], plan: plan, horizon: 2022)
        #expect(run.budget(.centralBudget, year: 2022).available == 4e6)
        #expect(run.at(.institutionalBeds, 2022) == 300)
        #expect(run.budget(.centralBudget, year: 2022).remaining == 0)
    }

    @Test func mostUncoveredElderlyPutsCentresWhereMostOlderPeopleHaveNone() throws {
        // 60+: 解放 1,000; 站前 3,000 (has a street centre); 牛庄 2,000; 腾鳌 1,500; 王石 500.
        // Uncovered: 1,000, 0, 2,000, 1,500, 500 → 2021 牛庄 (a township centre), 2022 腾鳌.
        let population = Fixture.population(
            years: 2020...2022,
            aged60: [
                Fixture.jiefang: 1000, Fixture.zhanqian: 3000, Fixture.niuzhuang: 2000,
                Fixture.tengao: 1500, Fixture.wangshi: 500,
            ])
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([(.buildStreetCentre, 1e6), (.buildTownshipCentre, 1e6)]),
            actions: [
                PlanAction(
                    kind: .buildCentres, label: "centres", years: [2021, 2022], perYear: 1,
                    funding: [.localBudget], leadTime: 0)
            ])
        let run = try Fixture.run(
            [Facility(id: "c", type: .streetCentre, region: Fixture.zhanqian)], plan: plan,
            population: population, horizon: 2022)
        #expect(run.at(.facilities(.townshipCentre), 2021, Fixture.niuzhuang) == 1)
        #expect(run.at(.facilities(.townshipCentre), 2021) == 1)
        #expect(run.at(.facilities(.townshipCentre), 2022, Fixture.tengao) == 1)
        #expect(run.at(.facilities(.streetCentre), 2022) == 1)
    }

    @Test func aCoverageEstimateCanRankUnitsInsteadOfPresence() throws {
        // The estimate says only 王石 has uncovered older people (700): the centre goes there.
        let population = Fixture.population(
            years: 2020...2021, aged60: [Fixture.niuzhuang: 2000, Fixture.wangshi: 700])
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([(.buildStreetCentre, 1e6), (.buildTownshipCentre, 1e6)]),
            actions: [
                PlanAction(
                    kind: .buildCentres, label: "centres", years: [2021], perYear: 1,
                    funding: [.localBudget], leadTime: 0)
            ])
        var settings = FacilitySettings(inventory: Fixture.inventory([]))
        settings.countsFamilyBeds = false
        let run = try FacilitySimulation.run(
            FacilityRunInput(
                regions: Fixture.tree, planningRegion: 0, years: 2020...2021, settings: settings,
                plan: plan, population: population,
                uncoveredElderly: { _, _, _ in
                    var values = [Double](repeating: 0, count: Fixture.tree.count)
                    values[Fixture.wangshi] = 700
                    return values
                }))
        #expect(run.at(.facilities(.townshipCentre), 2021, Fixture.wangshi) == 1)
        #expect(run.at(.facilities(.townshipCentre), 2021, Fixture.niuzhuang) == 0)
    }

    @Test func lowestBedsPerThousandFillsTheWorstServedCountyFirst() throws {
        // 铁东区: 100 beds for 10,000 aged 60+ (10 per 1,000); 海城市 350 for 10,000 (35).
        // 400 beds in homes of 100: 铁东 10 → 20, 20 → 30, 30 → 40 (still below 35), then
        // 海城 35 < 40 → 45. Result: 铁东 400, 海城 450.
        let population = Fixture.population(
            years: 2020...2021, aged60: [Fixture.jiefang: 10_000, Fixture.niuzhuang: 10_000])
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([(.buildBed, 1)]),
            actions: [
                PlanAction(
                    kind: .buildBeds, label: "beds", years: [2021], perYear: 400,
                    priority: .lowestBedsPerThousandElderly, bedsPerFacility: 100,
                    funding: [.localBudget], leadTime: 0)
            ])
        let run = try Fixture.run(
            [
                Facility(id: "t", type: .institution, region: Fixture.jiefang, beds: 100),
                Facility(id: "h", type: .institution, region: Fixture.niuzhuang, beds: 350),
            ], plan: plan, population: population, horizon: 2021)
        #expect(run.at(.institutionalBeds, 2021, Fixture.tiedong) == 400)
        #expect(run.at(.institutionalBeds, 2021, Fixture.haicheng) == 450)
        #expect(run.at(.bedsPerThousandAged60, 2021, Fixture.tiedong) == 40)
    }

    @Test func aGivenOrderIsFollowedAndUnitsThatHaveOneAreSkipped() throws {
        // Stations in the order 王石, 解放, 腾鳌 (腾鳌 already has a village point): 王石 gets a
        // village point (a township), 解放 a community station (a street); the third of 3 has
        // no eligible unit left.
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([(.buildCommunityStation, 3e5), (.buildVillagePoint, 1e5)]),
            priority: .givenOrder,
            actions: [
                PlanAction(
                    kind: .buildStations, label: "stations", years: [2021], perYear: 3,
                    order: [Fixture.wangshi, Fixture.jiefang, Fixture.tengao],
                    funding: [.localBudget])
            ])
        let run = try Fixture.run(
            [Facility(id: "v", type: .villagePoint, region: Fixture.tengao)], plan: plan,
            horizon: 2021)
        #expect(run.at(.facilities(.villagePoint), 2021, Fixture.wangshi) == 1)
        #expect(run.at(.facilities(.communityStation), 2021, Fixture.jiefang) == 1)
        #expect(run.actionOutcomes[0].done == 2 && run.actionOutcomes[0].notPlaced == 1)
        // 3e5 + 1e5 spent.
        #expect(run.at(.capitalCost, 2021) == 4e5)
    }

    @Test func bedsInAGivenOrderGoRoundTheUnitsInTurn() throws {
        // 300 beds in homes of 100 over [海城, 铁东]: 海城, 铁东, 海城.
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([(.buildBed, 1)]),
            actions: [
                PlanAction(
                    kind: .buildBeds, label: "beds", years: [2021], perYear: 300,
                    priority: .givenOrder, order: [Fixture.haicheng, Fixture.tiedong],
                    bedsPerFacility: 100, funding: [.localBudget], leadTime: 0)
            ])
        let run = try Fixture.run([], plan: plan, horizon: 2021)
        #expect(run.at(.institutionalBeds, 2021, Fixture.haicheng) == 200)
        #expect(run.at(.institutionalBeds, 2021, Fixture.tiedong) == 100)
    }

    @Test func upgradesRaiseTheLowestRatedHomesFirst() throws {
        // Stars 0, 1, 2, 0; two upgrades to 2 stars a year at 10,000 a star.
        // 2021: homes 0 and 3 (0 stars) gain 2 stars each: 4 × 10,000 = 40,000.
        // 2022: home 1 (1 star) gains 1: 10,000; the second upgrade has no home left.
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([(.upgradeRating, 10_000)]),
            actions: [
                PlanAction(
                    kind: .upgradeRatings, label: "stars", years: [2021, 2022], perYear: 2,
                    targetStars: 2, funding: [.localBudget])
            ])
        let run = try Fixture.run(
            (0..<4).map {
                Facility(
                    id: "h\($0)", type: .institution, region: Fixture.jiefang, beds: 50,
                    stars: [0, 1, 2, 0][$0])
            }, plan: plan, horizon: 2022)
        #expect(run.at(.homesRatedAtLeast(2), 2020) == 1)
        #expect(run.at(.homesRatedAtLeast(2), 2021) == 3)
        #expect(run.at(.capitalCost, 2021) == 40_000)
        #expect(run.at(.homesRatedAtLeast(2), 2022) == 4)
        #expect(run.at(.capitalCost, 2022) == 10_000)
        #expect(run.actionOutcomes[1].done == 1 && run.actionOutcomes[1].notPlaced == 1)
    }

    @Test func upgradesCanBeNarrowedToATierOrToCareTypeHomes() throws {
        // Four unrated public special-hardship homes: h0 a township home (its type's tier),
        // h1 the same but the inventory says the county runs it, h2 care-type (county by
        // its type), h3 a township home. Three upgrades to 2 stars for tier county reach
        // h1 and h2 only (one upgrade has no home left); one for care-type homes reaches h2.
        func run(_ action: (inout PlanAction) -> Void) throws -> FacilityRun {
            var line = PlanAction(
                kind: .upgradeRatings, label: "stars", years: [2021], perYear: 3, targetStars: 2,
                funding: [.localBudget])
            action(&line)
            let plan = InvestmentPlan(
                unitCosts: Fixture.costs([(.upgradeRating, 10_000)]), actions: [line])
            return try Fixture.run(
                [
                    Facility(
                        id: "h0", type: .specialHardshipHome, region: Fixture.niuzhuang, beds: 30),
                    Facility(
                        id: "h1", type: .specialHardshipHome, region: Fixture.tengao, beds: 30,
                        tier: .county),
                    Facility(
                        id: "h2", type: .specialHardshipHome, isCareType: true,
                        region: Fixture.haicheng, beds: 60),
                    Facility(
                        id: "h3", type: .specialHardshipHome, region: Fixture.wangshi, beds: 30),
                ], plan: plan, horizon: 2021)
        }
        let county = try run { $0.eligibleTier = .county }
        #expect(county.stock.stars == [0, 2, 2, 0])
        #expect(county.stock.tiers == [.township, .county, .county, .township])
        #expect(county.actionOutcomes[0].done == 2 && county.actionOutcomes[0].notPlaced == 1)
        // 2 homes × 2 stars × 10,000.
        #expect(county.at(.capitalCost, 2021) == 40_000)
        let careType = try run { $0.isCareType = true }
        #expect(careType.stock.stars == [0, 0, 2, 0])
        let township = try run { $0.eligibleTier = .township }
        #expect(township.stock.stars == [2, 0, 0, 2])
    }

    @Test func familyBedsAreFundedInPartWhenTheMoneyRunsOut() throws {
        // 30 family beds at 1,000 each with 20,000: 20 certified, 10 deferred (10,000 short).
        let plan = InvestmentPlan(
            budgets: Fixture.budgets([.welfareLottery: [2021: 20_000]]),
            unitCosts: Fixture.costs([(.addFamilyBed, 1_000)]),
            actions: [
                PlanAction(
                    kind: .addFamilyBeds, label: "family", years: [2021],
                    places: [(Fixture.jiefang, 30)], funding: [.welfareLottery])
            ])
        let run = try Fixture.run([], plan: plan, horizon: 2021)
        #expect(run.at(.familyBeds, 2021) == 20)
        #expect(run.at(.serviceBeds, 2021) == 0)
        #expect(run.actionOutcomes[0].deferred == 10 && run.actionOutcomes[0].shortfall == 10_000)
        #expect(run.unfundedAtHorizon == [10])
    }

    @Test func aPlannedCentreFundedIn2022WithALeadTimeOfOneOpensIn2023() throws {
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([(.buildStreetCentre, 1.5e6)]),
            actions: [
                PlanAction(
                    kind: .buildPlanned, label: "planned", years: [2022], facilities: [0],
                    funding: [.localBudget], leadTime: 1)
            ])
        let run = try Fixture.run(
            [
                Facility(
                    id: "p", type: .streetCentre, region: Fixture.jiefang, beds: 20,
                    status: .planned)
            ],
            plan: plan, horizon: 2023)
        #expect(run.at(.facilities(.streetCentre), 2022) == 0)
        #expect(run.at(.facilitiesInPipeline, 2022) == 1)
        #expect(run.at(.facilities(.streetCentre), 2023) == 1)
        #expect(run.at(.communityBeds, 2023) == 20)
        #expect(run.at(.capitalCost, 2022) == 1.5e6)
    }

    @Test func aRuleByOlderPeopleWithoutAPopulationIsAnError() throws {
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([(.buildBed, 1)]),
            actions: [
                PlanAction(
                    kind: .buildBeds, label: "line 7 build_beds", years: [2021], perYear: 100,
                    priority: .lowestBedsPerThousandElderly)
            ])
        #expect(
            throws: FacilitySimulationError.populationRequired(
                action: "line 7 build_beds", rule: .lowestBedsPerThousandElderly)
        ) { try Fixture.run([], plan: plan) }
    }

    @Test func aCityEqualsTheSumOfItsCountiesAndACountyTheSumOfItsTownships() throws {
        // Every additive indicator and every cost, every year: the city's value is the sum
        // of 铁东区 and 海城市 (the city holds nothing of its own), and each county's the sum
        // of its townships (homes are placed in townships here; a home placed in a county
        // itself would be the county's own, in no township).
        let population = Fixture.population(
            years: 2020...2026,
            aged60: [
                Fixture.jiefang: 8000, Fixture.zhanqian: 6000, Fixture.niuzhuang: 5000,
                Fixture.tengao: 3000, Fixture.wangshi: 2000,
            ])
        let plan = InvestmentPlan(
            budgets: Fixture.budgets([
                .welfareLottery: Dictionary(uniqueKeysWithValues: (2021...2026).map { ($0, 4e6) })
            ]),
            unitCosts: Fixture.costs([
                (.buildBed, 20_000), (.buildStreetCentre, 1e6), (.buildTownshipCentre, 1e6),
                (.buildCommunityStation, 2e5), (.buildVillagePoint, 1e5), (.convertBed, 5_000),
                (.oldAgeAllowance, 1_200), (.careSubsidy, 600), (.operatingSubsidy, 1_500),
            ]),
            actions: [
                PlanAction(
                    kind: .buildBeds, label: "beds", years: Array(2021...2026), perYear: 100,
                    priority: .lowestBedsPerThousandElderly, unitLevel: .township,
                    bedsPerFacility: 50, leadTime: 1),
                PlanAction(kind: .buildCentres, label: "centres", years: [2022, 2023], perYear: 2),
                PlanAction(kind: .buildStations, label: "stations", years: [2024], perYear: 3),
                PlanAction(
                    kind: .convertToNursing, label: "convert", years: [2021, 2022], perYear: 60),
            ])
        let run = try Fixture.run(
            [
                Facility(
                    id: "a", type: .institution, ownership: .privateRun, region: Fixture.jiefang,
                    beds: 300, nursingBeds: 60),
                Facility(id: "b", type: .specialHardshipHome, region: Fixture.wangshi, beds: 80),
            ], plan: plan, population: population, horizon: 2026)
        let additive: [FacilityIndicator] = FacilityIndicator.allCases.filter {
            !["fraction", "beds per 1000"].contains($0.unit)
        }
        let families: [(Int, [Int])] = [
            (Fixture.city, [Fixture.tiedong, Fixture.haicheng]),
            (Fixture.tiedong, [Fixture.jiefang, Fixture.zhanqian]),
            (Fixture.haicheng, [Fixture.niuzhuang, Fixture.tengao, Fixture.wangshi]),
        ]
        var checked = 0
        for year in 2020...2026 {
            for (parent, children) in families {
                for indicator in additive {
                    let whole = try #require(run.at(indicator, year, parent))
                    let parts = children.reduce(0.0) { $0 + (run.at(indicator, year, $1) ?? 0) }
                    #expect(abs(whole - parts) <= 1e-6 * max(1, abs(whole)), "\(indicator) \(year)")
                    checked += 1
                }
                for kind in CostKind.allCases {
                    for source in FundingSource.allCases {
                        let whole = run.cost(
                            kind, source, year: year,
                            region: run.reportingPosition(ofRegion: parent)!)
                        let parts = children.reduce(0.0) {
                            $0
                                + run.cost(
                                    kind, source, year: year,
                                    region: run.reportingPosition(ofRegion: $1)!)
                        }
                        #expect(abs(whole - parts) <= 1e-6 * max(1, abs(whole)))
                    }
                }
            }
        }
        #expect(checked > 500)
        // And the plan spent money in both counties.
        for county in [Fixture.tiedong, Fixture.haicheng] {
            #expect((2021...2026).reduce(0.0) { $0 + run.at(.capitalCost, $1, county)! } > 0)
        }
    }

    @Test func theSameInputGivesTheSameResult() throws {
        let population = Fixture.population(
            years: 2020...2025, aged60: [Fixture.jiefang: 3000, Fixture.tengao: 3000])
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([
                (.buildBed, 1), (.buildVillagePoint, 1), (.buildCommunityStation, 1),
            ]),
            actions: [
                PlanAction(
                    kind: .buildBeds, label: "b", years: [2021, 2022], perYear: 250,
                    bedsPerFacility: 100),
                PlanAction(kind: .buildStations, label: "s", years: [2021], perYear: 4),
            ])
        let first = try Fixture.run([], plan: plan, population: population)
        let second = try Fixture.run([], plan: plan, population: population)
        #expect(first.values == second.values)
        #expect(first.stock.ids == second.stock.ids)
        #expect(first.stock.regions == second.stock.regions)
    }
}

/// The ranking of units by older people walks units in order of their older people and
/// stops early; a coverage estimate that gives the same presence keys sends allocation
/// through the full scan instead. The two must choose the same units.
@Suite struct RankingTests {
    /// 60+ by township and year: with ties (解放 and 牛庄 both 4,000) and a township without
    /// any; with `reversing`, the ranking turns round from one year to the next.
    static func aged60(_ year: Int, reversing: Bool) -> [Int: Double] {
        let base: [Int: Double] = [
            Fixture.jiefang: 4000, Fixture.zhanqian: 2500, Fixture.niuzhuang: 4000,
            Fixture.tengao: 1500, Fixture.wangshi: 0,
        ]
        guard reversing, year % 2 == 1 else { return base }
        return base.mapValues { 5000 - $0 }
    }

    @Test(arguments: [false, true])
    func walkingByOlderPeopleChoosesWhatAFullScanChooses(reversing: Bool) throws {
        let years = 2020...2024
        let rows = years.map { year in
            var row = [Double](repeating: 0, count: Fixture.tree.count)
            for (township, people) in Self.aged60(year, reversing: reversing) {
                row[township] = people
            }
            return row
        }
        let population = try ElderlyPopulation(
            years: years, regionCount: Fixture.tree.count, aged60: rows, aged65: rows,
            aged80: rows)
        let plan = InvestmentPlan(
            unitCosts: Fixture.costs([
                (.buildCommunityStation, 1), (.buildVillagePoint, 1), (.certifyMealSite, 1),
                (.addFamilyBed, 1),
            ]),
            actions: [
                PlanAction(
                    kind: .buildStations, label: "s", years: [2021, 2022], perYear: 2,
                    funding: [.localBudget]),
                PlanAction(
                    kind: .certifyMealSites, label: "m", years: [2021, 2023], perYear: 3,
                    funding: [.localBudget]),
                PlanAction(
                    kind: .addFamilyBeds, label: "f", years: [2021, 2022, 2023, 2024],
                    perYear: 90, lot: 20, funding: [.localBudget]),
            ])
        let inventory = [
            Facility(id: "v", type: .villagePoint, region: Fixture.tengao),
            Facility(id: "f", type: .familyBeds, region: Fixture.zhanqian, beds: 10),
        ]
        let walked = try Fixture.run(inventory, plan: plan, population: population, horizon: 2024)
        let presence: UncoveredElderlyEstimate = { year, type, stock in
            var values = [Double](repeating: 0, count: Fixture.tree.count)
            for (township, people) in Self.aged60(year, reversing: reversing) {
                let served = (0..<stock.count).contains {
                    stock.regions[$0] == township && stock.types[$0] == type
                        && stock.isOperatingOrPipeline($0)
                }
                values[township] = served ? 0 : people
            }
            return values
        }
        let scanned = try FacilitySimulation.run(
            FacilityRunInput(
                regions: Fixture.tree, planningRegion: Fixture.city, years: 2020...2024,
                settings: FacilitySettings(inventory: Fixture.inventory(inventory)), plan: plan,
                population: population, uncoveredElderly: presence))
        #expect(walked.stock.count == scanned.stock.count)
        #expect(walked.stock.regions == scanned.stock.regions)
        #expect(walked.stock.types == scanned.stock.types)
        #expect(walked.stock.beds == scanned.stock.beds)
        #expect(walked.values == scanned.values)
        // Something was placed by each line.
        #expect(walked.at(.facilities(.mealSite), 2023)! >= 3)
        #expect(walked.at(.familyBeds, 2024)! > 10)
    }
}
