import Benchmark
import Demography
import Entitlements
import Geography
import Quantities

/// A province-sized service list, made up: 1 province, 14 cities, 100 counties, 1,400
/// townships and 16,000 villages and communities, the villages being the population's areas
/// (single years 0…100+, two sexes); the five capability levels of GB/T 42195-2022 by age
/// group; 10 items like the shipped lists' (age, level and group rules, any-of and all-of
/// groups, a one-off item, an indicator item with a rule from 75); 30 years, 2021–2050. The
/// same input every time.
struct ProvinceList {
    let tree: RegionTree
    let areaRegions: [Int]
    let costing: EntitlementCosting
    let population: YearPopulation
    let years = 2021...2050

    init() {
        func code(_ text: String) -> DivisionCode { try! DivisionCode(parsing: text) }
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var regions = [Region(code: code("21"), name: "省", kind: .province)]
        var areas: [Int] = []
        var counties = 0
        for city in 1...14 {
            let cityCode = "21" + pad(city, 2)
            regions.append(Region(code: code(cityCode), name: "市\(city)", kind: .city))
            for county in 1...(city <= 2 ? 8 : 7) where counties < 100 {
                counties += 1
                let countyCode = cityCode + pad(county, 2)
                regions.append(Region(code: code(countyCode), name: "县", kind: .county))
                for township in 1...14 {
                    let townshipCode = countyCode + pad(100 + township, 3)
                    regions.append(Region(code: code(townshipCode), name: "乡", kind: .town))
                    // 16,000 villages over 1,400 townships: 11 or 12 each.
                    let index = (counties - 1) * 14 + township - 1
                    let villages = 16_000 * (index + 1) / 1_400 - 16_000 * index / 1_400
                    for village in 1...villages {
                        areas.append(regions.count)
                        regions.append(
                            Region(
                                code: code(townshipCode + pad(200 + village, 3)), name: "村",
                                kind: .village))
                    }
                }
            }
        }
        tree = try! RegionTree(regions: regions)
        areaRegions = areas

        // Persons by area, sex and age: a fixed linear congruential sequence around an
        // ageing pyramid, about 1,500 persons a village.
        var state: UInt64 = 20_231_001
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var persons = [Double](repeating: 0, count: areas.count * 2 * 101)
        for index in 0..<persons.count {
            let age = index % 101
            let base = age < 60 ? 18.0 : max(1, 18.0 * Double(101 - age) / 41)
            persons[index] = base * (0.5 + next())
        }
        population = YearPopulation(
            areaCount: areas.count, partCount: 1, ageCount: 101, persons: persons)

        let byGroup: [[Double]] = [
            [1, 0, 0, 0, 0], [0.892, 0.054, 0.027, 0.0162, 0.0108],
            [0.788, 0.106, 0.053, 0.0318, 0.0212], [0.53, 0.235, 0.1175, 0.0705, 0.047],
            [0.40, 0.30, 0.15, 0.09, 0.06],
        ]
        let oneSex: [Double] = byGroup.flatMap { $0 }
        // Two years × two sexes, the same shares.
        var shares: [Double] = []
        for _ in 0..<4 { shares += oneSex }
        let prevalence = try! CapabilityPrevalence(
            ageGroups: try! AgeBands(lowerBounds: [0, 60, 70, 80, 90]), years: [2021, 2050],
            shares: shares)
        func constant(_ value: Double) -> YearlyValues { .constant(value, from: 2021) }
        let groups = [
            PopulationGroup(name: "特困", share: constant(0.005), fromAge: 60),
            PopulationGroup(name: "低保", share: constant(0.015), fromAge: 60),
            PopulationGroup(name: "special-hardship", share: constant(0.1), fromAge: 60),
            PopulationGroup(
                name: "applicant", share: constant(1), byLevel: [0.01, 0.1, 0.3, 0.4, 0.4],
                fromAge: 60),
            PopulationGroup(
                name: "in-private-home", share: constant(1),
                byLevel: [0.001, 0.004, 0.015, 0.03, 0.05]),
        ]
        let disabled: [CapabilityLevel] = [.moderatelyImpaired, .severelyImpaired, .completelyLost]
        func item(
            _ id: String, _ rule: EligibilityRule, _ benefit: Benefit, takeUp: Double = 1,
            once: Bool = false, indicator: EntitlementIndicator? = nil
        ) -> ServiceItem {
            ServiceItem(
                id: id, name: id, category: .care, eligibility: rule, benefit: benefit,
                takeUp: constant(takeUp), householdSize: once ? 1.5 : 1, once: once,
                exitRate: once ? 0.1 : 0, payingShares: [0, 0.2, 0.3, 0.5], department: "民政",
                clause: "benchmark", indicator: indicator)
        }
        func events(_ cost: Double) -> Benefit {
            Benefit(
                kind: .events, quantity: constant(1), periodsPerYear: 1, unitCost: constant(cost))
        }
        let items = [
            item(
                "allowance-75", EligibilityRule(minimumAge: constant(75), maximumAge: constant(89)),
                .cash(YearlyValues(years: [2021, 2026], values: [50, 100], rule: .hold)),
                indicator: .oldAgeAllowanceCoverage),
            item(
                "allowance-90", EligibilityRule(minimumAge: constant(90)), .cash(constant(100)),
                indicator: .oldAgeAllowanceCoverage),
            item(
                "care-subsidy",
                EligibilityRule(
                    minimumAge: constant(60), levels: disabled, anyOfGroups: ["特困", "低保"]),
                .cash(constant(100)), takeUp: 0.9),
            item(
                "service-subsidy",
                EligibilityRule(minimumAge: constant(60), anyOfGroups: ["特困", "低保"]),
                Benefit(
                    kind: .hours, quantity: constant(4), periodsPerYear: 12, unitCost: constant(30)),
                takeUp: 0.9),
            item(
                "bed-subsidy",
                EligibilityRule(
                    minimumAge: constant(80), levels: disabled, anyOfGroups: ["特困", "低保"],
                    allOfGroups: ["in-private-home"]),
                Benefit(
                    kind: .place, quantity: constant(1), periodsPerYear: 12, unitCost: constant(125)
                )),
            item(
                "visits",
                EligibilityRule(minimumAge: constant(60), anyOfGroups: ["special-hardship"]),
                Benefit(
                    kind: .visits, quantity: constant(1), periodsPerYear: 12, unitCost: constant(30)
                ),
                indicator: .visitsPerSpecialHardshipElder),
            item(
                "assessment", EligibilityRule(minimumAge: constant(60), anyOfGroups: ["applicant"]),
                events(300), takeUp: 0.8, indicator: .assessmentRate),
            item(
                "carer-training", EligibilityRule(minimumAge: constant(60), levels: disabled),
                events(500), takeUp: 0.1),
            item(
                "home-adaptation",
                EligibilityRule(
                    minimumAge: constant(60), levels: disabled, anyOfGroups: ["特困", "低保"]),
                events(3000), takeUp: 0.2, once: true),
            item(
                "rural-women", EligibilityRule(minimumAge: constant(65), sex: .female),
                .cash(constant(20)), takeUp: 0.5),
        ]
        costing = try! EntitlementCosting(
            settings: EntitlementSettings(items: items, groups: groups), tree: tree,
            areaRegions: areas, partCount: 1, ageCount: 101, prevalence: prevalence)
    }
}

let benchmarks: @Sendable () -> Void = {
    let province = ProvinceList()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10), maxIterations: 50)

    // The goal: well under 1 s.
    Benchmark(
        "Service list: 16,000 areas × 101 ages × 2 sexes × 5 levels × 30 years × 10 items, every level of the tree",
        configuration: .init(thresholds: [.wallClock: .init(absolute: [.p50: 1_000_000_000])])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try! province.costing.run(years: province.years) { _ in province.population })
        }
    }

    Benchmark("Service list on one thread: the same") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try! province.costing.run(years: province.years, threads: 1) { _ in
                    province.population
                })
        }
    }
}
