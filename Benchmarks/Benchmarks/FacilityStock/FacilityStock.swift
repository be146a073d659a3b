import Benchmark
import Facilities
import Geography
import Quantities

/// A province-sized stock, made up but shaped like Liaoning's (2,421 institutions and 14,000
/// community facilities at the end of 2024): 1 province, 14 cities, 100 counties, 1,400
/// townships (a third of them streets) and 16,800 villages and communities; 20,000
/// facilities of every type; an older population in every village; 31 years (2020 base,
/// 30 simulated); a plan of 50 lines in five-year windows with budgets that do not cover
/// everything, so that allocation, funding and deferral all run. The same input every time.
struct ProvinceCase {
    let tree: RegionTree
    let settings: FacilitySettings
    let plan: InvestmentPlan
    let population: ElderlyPopulation
    let years = 2020...2050

    init() {
        var regions = [Region(code: try! DivisionCode(parsing: "21"), name: "省", kind: .province)]
        var villages: [Int] = []
        var townships: [Int] = []
        var counties: [Int] = []
        func code(_ text: String) -> DivisionCode { try! DivisionCode(parsing: text) }
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var countyCount = 0
        for city in 1...14 {
            let cityCode = "21" + pad(city, 2)
            regions.append(Region(code: code(cityCode), name: "市\(city)", kind: .city))
            for county in 1...(city <= 2 ? 8 : 7) where countyCount < 100 {
                countyCount += 1
                let countyCode = cityCode + pad(county, 2)
                counties.append(regions.count)
                regions.append(Region(code: code(countyCode), name: "县\(county)", kind: .county))
                for township in 1...14 {
                    let street = township <= 5
                    let townshipCode = countyCode + pad(street ? township : 100 + township, 3)
                    townships.append(regions.count)
                    regions.append(
                        Region(
                            code: code(townshipCode), name: "乡\(township)",
                            kind: street ? .street : .town))
                    for village in 1...12 {
                        let community = street || village <= 2
                        let villageCode = townshipCode + pad(community ? village : 200 + village, 3)
                        villages.append(regions.count)
                        regions.append(
                            Region(
                                code: code(villageCode), name: "村\(village)",
                                kind: community ? .community : .village))
                    }
                }
            }
        }
        tree = try! RegionTree(regions: regions)
        // Indices are stable: the regions were generated in code order.

        // Facilities, spread by a fixed linear congruential sequence.
        var state: UInt64 = 20_260_101
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let mix: [(FacilityType, Int)] = [
            (.institution, 2_400), (.specialHardshipHome, 1_400), (.honourHome, 100),
            (.streetCentre, 500), (.townshipCentre, 600), (.communityStation, 5_000),
            (.villagePoint, 7_000), (.mealSite, 1_500), (.familyBeds, 1_500),
        ]
        var facilities: [Facility] = []
        for (type, count) in mix {
            for _ in 0..<count {
                let region: Int
                switch type {
                case .institution, .specialHardshipHome, .honourHome, .streetCentre,
                    .townshipCentre:
                    region = townships[next(townships.count)]
                default:
                    region = villages[next(villages.count)]
                }
                let beds: Int
                switch type {
                case .institution: beds = 50 + next(250)
                case .specialHardshipHome: beds = 20 + next(100)
                case .honourHome: beds = 30 + next(60)
                case .streetCentre, .townshipCentre: beds = next(40)
                case .communityStation: beds = next(12)
                case .familyBeds: beds = 5 + next(30)
                case .villagePoint, .mealSite: beds = 0
                }
                let nursing = type.bedCategory == .institutional ? next(beds + 1) / 2 : 0
                facilities.append(
                    Facility(
                        id: "F\(facilities.count + 1)", type: type,
                        ownership: Ownership.allCases[next(3)], region: region, beds: beds,
                        nursingBeds: nursing,
                        stars: type.bedCategory == .institutional ? next(4) : 0))
            }
        }
        let inventory = try! FacilityInventory(
            facilities: facilities, regionCount: tree.count, baseYear: 2020)
        settings = FacilitySettings(
            inventory: inventory,
            occupancy: [
                YearlyValues(years: [2020, 2035], values: [0.5, 0.65], rule: .interpolate),
                .constant(0.3, from: 2020), .constant(1, from: 2020),
            ],
            staffing: StaffingRules(
                trainedPerYear: .constant(2_000, from: 2021), attrition: 0.08))

        // 60+ in every village, growing 2 % a year; 65+, 80+ and poor disabled in proportion.
        var aged60: [[Double]] = []
        var base = [Double](repeating: 0, count: tree.count)
        for village in villages { base[village] = Double(300 + next(900)) }
        for offset in 0..<years.count {
            let growth = 1 + 0.02 * Double(offset)
            aged60.append(base.map { $0 * growth })
        }
        population = try! ElderlyPopulation(
            years: years, regionCount: tree.count, aged60: aged60,
            aged65: aged60.map { $0.map { $0 * 0.7 } }, aged80: aged60.map { $0.map { $0 * 0.15 } },
            poorDisabled: aged60.map { $0.map { $0 * 0.02 } })

        // 50 lines in the five-year windows 2021–2025 … 2046–2050.
        let windows = (0..<6).map { Array((2021 + 5 * $0)...(2025 + 5 * $0)) }
        var actions: [PlanAction] = []
        for (index, window) in windows.enumerated() {
            actions.append(
                PlanAction(
                    kind: .buildBeds, label: "beds \(index)", years: window, perYear: 3_000,
                    priority: .lowestBedsPerThousandElderly, nursingShare: 0.6,
                    bedsPerFacility: 150))
            actions.append(
                PlanAction(
                    kind: .convertToNursing, label: "convert \(index)", years: window,
                    perYear: 4_000, priority: .lowestNursingShare, lot: 50))
            actions.append(
                PlanAction(
                    kind: .buildCentres, label: "centres \(index)", years: window, perYear: 40,
                    nursingShare: 0.5, bedsPerFacility: 20))
            actions.append(
                PlanAction(
                    kind: .buildStations, label: "stations \(index)", years: window, perYear: 400))
            actions.append(
                PlanAction(
                    kind: .addFamilyBeds, label: "family \(index)", years: window, perYear: 2_000,
                    lot: 20))
            actions.append(
                PlanAction(
                    kind: .certifyMealSites, label: "meals \(index)", years: window, perYear: 150))
            actions.append(
                PlanAction(
                    kind: .upgradeRatings, label: "stars \(index)", years: window, perYear: 100,
                    targetStars: 2 + index % 3))
        }
        // 42 lines so far; 8 more: beds at the township level, and closures and merges.
        for index in 0..<4 {
            actions.append(
                PlanAction(
                    kind: .buildBeds, label: "township beds \(index)", years: windows[index],
                    perYear: 1_000, priority: .mostUncoveredElderly, unitLevel: .township,
                    facilityType: .specialHardshipHome, nursingShare: 0.8, bedsPerFacility: 60))
        }
        for index in 0..<4 {
            actions.append(
                PlanAction(
                    kind: .merge, label: "merge \(index)", years: [2022 + index],
                    facilities: [2_400 + index], receiving: 2_500 + index))
        }
        let everyYear = Array(2021...2050)
        func yearly(_ amount: Double) -> YearlyValues {
            YearlyValues(
                years: everyYear, values: everyYear.map { _ in amount }, rule: .keyedYearsOnly)
        }
        plan = InvestmentPlan(
            budgets: [yearly(6e8), yearly(8e8), yearly(5e8), yearly(2e8), nil],
            welfareLotteryTotal: yearly(1e9),
            unitCosts: UnitCostTable(
                entries: [
                    (CostItem.buildBed, 100_000.0), (.buildNursingBed, 120_000),
                    (.convertBed, 10_000),
                    (.buildStreetCentre, 2e6), (.buildTownshipCentre, 1.5e6),
                    (.buildCommunityStation, 3e5), (.buildVillagePoint, 1e5),
                    (.addFamilyBed, 3_000),
                    (.certifyMealSite, 5e4), (.upgradeRating, 5e4), (.oldAgeAllowance, 1_200),
                    (.careSubsidy, 600), (.operatingSubsidy, 1_500), (.trainCaregiver, 2_000),
                ].map { UnitCostTable.Entry(item: $0.0, yuan: $0.1, isAssumption: true) }),
            actions: actions)
        precondition(actions.count == 50 && facilities.count == 20_000)
    }

    func input(reportingLevel: RegionLevel) -> FacilityRunInput {
        FacilityRunInput(
            regions: tree, planningRegion: 0, years: years, settings: settings, plan: plan,
            population: population, reportingLevel: reportingLevel)
    }
}

let benchmarks: @Sendable () -> Void = {
    let province = ProvinceCase()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10), maxIterations: 100)

    // The goal: at most 50 ms.
    Benchmark(
        "Stock and plan: 20,000 facilities × 30 years, 50 plan lines, indicators to townships",
        configuration: .init(thresholds: [.wallClock: .init(absolute: [.p50: 50_000_000])])
    ) { benchmark in
        let input = province.input(reportingLevel: .township)
        for _ in benchmark.scaledIterations {
            blackHole(try! FacilitySimulation.run(input))
        }
    }

    Benchmark(
        "Stock and plan: 20,000 facilities × 30 years, 50 plan lines, indicators to villages"
    ) { benchmark in
        let input = province.input(reportingLevel: .village)
        for _ in benchmark.scaledIterations {
            blackHole(try! FacilitySimulation.run(input))
        }
    }
}
