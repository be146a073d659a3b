import CSV
import Diagnostics
import Facilities
import Foundation
import Geography
import Simulation
import Testing

@testable import ScenarioFiles

/// The four shipped scenarios (Anshan, Liaoning, Shanxi, Weibin) and their variants, checked
/// against published figures. They read only the committed files under `Scenarios/`.
@Suite struct ShippedScenarioTests {
    static let names = ["anshan", "liaoning", "shanxi", "weibin"]
    static let variants = ["baseline", "plan", "accelerated", "budget-cut"]

    /// Every shipped scenario and variant, as `yanglao validate` takes them.
    static let paths: [String] =
        names.flatMap { name in
            ["Scenarios/\(name)"] + variants.map { "Scenarios/\(name)/variants/\($0).yaml" }
        }

    func load(_ path: String) throws -> LoadedScenario {
        try ScenarioLoader().load(SmallScenario.repository + "/" + path).get()
    }

    @Test(
        "Every shipped scenario and variant loads without an error or a warning",
        arguments: paths)
    func everyShippedScenarioLoads(path: String) throws {
        let loaded = try load(path)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings.map { $0.problem.message(in: .en) })")
        // A variant's id is the scenario's name and the variant's, kebab-case.
        let parts = path.split(separator: "/").map(String.init)
        let expected =
            parts.count == 2
            ? parts[1] : parts[1] + "-" + parts[3].replacingOccurrences(of: ".yaml", with: "")
        #expect(loaded.scenario.id == expected)
        #expect(loaded.scenario.facilities != nil)
        #expect(loaded.scenario.investment != nil)
        #expect(loaded.scenario.coverage != nil)
        #expect(loaded.scenario.demography != nil)
    }

    // MARK: The census in the base year

    // Shares of the 2020 census bulletins (Liaoning 第七次全国人口普查公报: 60+ 25.72%, 65+
    // 17.42%, 42,591,407 residents; Shanxi: 60+ 18.92%, 65+ 12.90%, 34,915,616), Anshan's
    // 3,325,372 (鞍山市第七次全国人口普查公报), and Weibin's county row of the census yearbook
    // 中国人口普查分县资料2020 (239,956).
    @Test(
        "The base population reproduces the 2020 census: totals and the shares aged 60+ and 65+",
        arguments: [
            ("anshan", 3_325_372.0, nil, nil),
            ("liaoning", 42_591_407.0, 0.2572, 0.1742),
            ("shanxi", 34_915_616.0, 0.1892, 0.1290),
            ("weibin", 239_956.0, nil, nil),
        ] as [(String, Double, Double?, Double?)])
    func theBaseYearIsTheCensus(name: String, total: Double, share60: Double?, share65: Double?)
        throws
    {
        let inputs = try #require(try load("Scenarios/" + name).scenario.demography)
        #expect(abs(inputs.baseTotal - total) < 1e-3)
        let aged60 = inputs.basePopulation.reduce(0) { $0 + $1.persons(atLeast: 60) }
        let aged65 = inputs.basePopulation.reduce(0) { $0 + $1.persons(atLeast: 65) }
        // The bulletins print shares to two decimals of a percent.
        if let share60 { #expect(abs(aged60 / total - share60) < 0.00005) }
        if let share65 { #expect(abs(aged65 / total - share65) < 0.00005) }
    }

    @Test func liaoningsBasePopulationIsItsHundredCountiesWithTheBulletinsCounts() throws {
        let inputs = try #require(try load("Scenarios/liaoning").scenario.demography)
        #expect(inputs.areas.count == 100)
        // Liaoning bulletin: 10,954,467 aged 60+ and 7,417,481 aged 65+.
        let aged60 = inputs.basePopulation.reduce(0) { $0 + $1.persons(atLeast: 60) }
        let aged65 = inputs.basePopulation.reduce(0) { $0 + $1.persons(atLeast: 65) }
        #expect(abs(aged60 - 10_954_467) < 1e-3)
        #expect(abs(aged65 - 7_417_481) < 1e-3)
    }

    // Shanxi's census has 117 county rows; the NBS list of 2023 also has 4 statistical zones
    // (140171, 140271, 140671, 140971) whose residents the yearbook folds into their cities:
    // 太原 258,826, 大同 16,809, 朔州 71,744, 忻州 17,050 more than their counties (the
    // census data's README tabulates these differences).
    @Test func shanxisZonesHoldTheirCitiesResiduals() throws {
        let inputs = try #require(try load("Scenarios/shanxi").scenario.demography)
        #expect(inputs.areas.count == 121)
        for (code, residents) in [
            ("140171", 258_826.0), ("140271", 16_809.0), ("140671", 71_744.0),
            ("140971", 17_050.0),
        ] {
            let index = try #require(inputs.areas.firstIndex(of: try DivisionCode(parsing: code)))
            #expect(abs(inputs.basePopulation[index].total - residents) < 1e-6)
        }
    }

    // MARK: The division codes

    // Unit counts from the NBS lists as tabulated in the division data's README: townships of
    // 2023 by name (街道/镇/乡/other) and villages of 2020 by committee code (residents' and
    // residents-like committees are communities, villagers' and villagers-like are villages).
    @Test(
        "The region tables hold the NBS units: 2023 counties and townships, 2020 villages",
        arguments: [
            (
                "anshan",
                [
                    RegionKind.city: 1, .district: 4, .county: 2, .countyCity: 1, .street: 40,
                    .town: 52, .township: 3, .otherTownship: 1, .community: 352 + 1,
                    .village: 824 + 0,
                ]
            ),
            (
                "liaoning",
                [
                    .province: 1, .city: 14, .district: 59, .county: 25, .countyCity: 16,
                    .street: 510, .town: 639, .township: 201, .otherTownship: 56,
                    .community: 4852 + 83, .village: 11_322 + 119,
                ]
            ),
            (
                "shanxi",
                [
                    .province: 1, .city: 11, .district: 26, .county: 80, .countyCity: 11,
                    .otherCounty: 4, .street: 228, .town: 632, .township: 430,
                    .otherTownship: 62, .community: 2732 + 151, .village: 20_570 + 12,
                ]
            ),
            ("weibin", [.district: 1, .street: 7, .town: 1, .community: 28, .village: 26]),
        ] as [(String, [RegionKind: Int])])
    func theRegionTablesHoldTheNBSUnits(name: String, kinds: [RegionKind: Int]) throws {
        let tree = try load("Scenarios/" + name).scenario.regions
        #expect(tree.countsByKind() == kinds)
    }

    @Test func theLevelsOfLiaoningAndAnshanAreTheReadmesCounts() throws {
        // Liaoning 2023: 14 cities, 100 counties, 1,406 townships; 2020: 16,376 villages.
        // Anshan 2023: 1 city, 7 counties, 96 townships; 2020: 1,177 villages.
        for (name, counts) in [
            ("liaoning", [RegionLevel.city: 14, .county: 100, .township: 1406, .village: 16_376]),
            ("anshan", [.city: 1, .county: 7, .township: 96, .village: 1177]),
            ("shanxi", [.city: 11, .county: 121, .township: 1352, .village: 23_465]),
            ("weibin", [.county: 1, .township: 8, .village: 54]),
        ] {
            let tree = try load("Scenarios/" + name).scenario.regions
            for (level, count) in counts {
                #expect(
                    tree.regions.filter { $0.level == level }.count == count, "\(name) \(level)")
            }
        }
    }

    // The two Anshan townships of 2020 that the 2023 list no longer has, 210321400 新华农场
    // and 210321401 洪家农牧场 (3 villages each), are placed under 210321101 西佛镇 and
    // 210321111 桓洞镇 (README.md of the scenario); their villages keep their names and kind.
    @Test func anshansVillagesOfVanishedFarmsAreUnderTheirNewTowns() throws {
        let tree = try load("Scenarios/anshan").scenario.regions
        let westBuddha = try #require(tree.index(of: try DivisionCode(parsing: "210321101")))
        let names = Set(tree.children(of: westBuddha).map { tree.regions[$0].name })
        #expect(names.isSuperset(of: ["城子村委会", "头台子村委会", "新华村委会"]))
        let huandong = try #require(tree.index(of: try DivisionCode(parsing: "210321111")))
        let moved = tree.children(of: huandong).filter {
            ["洪家村委会", "榆坨村委会", "铁丝房村委会"].contains(tree.regions[$0].name)
        }
        #expect(moved.count == 3)
        #expect(moved.allSatisfy { tree.regions[$0].kind == .village })
        #expect(tree.index(of: try DivisionCode(parsing: "210321400")) == nil)
    }

    // MARK: The facility inventories

    /// Beds of operating facilities by category: institutional, community.
    func beds(_ inventory: FacilityInventory) -> (institutional: Int, community: Int, nursing: Int)
    {
        var institutional = 0
        var community = 0
        var nursing = 0
        for facility in inventory.facilities where facility.status == .operating {
            switch facility.type.bedCategory {
            case .institutional:
                institutional += facility.beds
                nursing += facility.nursingBeds
            case .community: community += facility.beds
            default: break
            }
        }
        return (institutional, community, nursing)
    }

    // Document 004 一(二): 全省养老服务床位从23.55万张 (2020); of them, 212,200 institutional
    // beds (Liaoning's institutions at the end of 2024, taken for 2020, an assumption stated
    // in the scenario's README) and 2,421 institutions; nursing-type beds 48% of institutional
    // beds (the national 2020 share): 0.48 × 212,200 = 101,856.
    @Test func liaoningsInventoryHoldsThe235500ServiceBedsOf2020() throws {
        let scenario = try load("Scenarios/liaoning").scenario
        let inventory = try #require(scenario.facilities?.inventory)
        let counted = beds(inventory)
        #expect(counted.institutional + counted.community == 235_500)
        #expect(counted.institutional == 212_200)
        #expect(counted.nursing == 101_856)
        let institutions = inventory.facilities.filter { $0.type.bedCategory == .institutional }
        #expect(institutions.count == 2421)
        // 14,000 community facilities (2024) × 28万 / 36.6万 (national growth 2020–2024).
        let community = inventory.facilities.filter { $0.type.bedCategory == .community }
        #expect(community.count == 10_710)
        #expect(inventory.facilities.allSatisfy { $0.isSynthetic })
        #expect(inventory.facilities.allSatisfy { $0.name.hasSuffix("（合成）") })
    }

    // Anshan's totals are Liaoning's scaled by Anshan's share of Liaoning's persons aged 60+
    // (906,524 / 10,954,467): 212,200 × share = 17,560.4 institutional beds, 235,500 × share
    // = 19,488.5 service beds, 2,421 × share = 200.3 institutions; and the document's starting
    // points: 60 community stations (fewer than the 100 due by 2021), 3 meal sites (10 due by
    // 2022), no care-type county home (one due in each of 海城, 台安, 岫岩 by 2022).
    @Test func anshansInventoryIsLiaoningsScaledByItsOlderPeople() throws {
        let inventory = try #require(try load("Scenarios/anshan").scenario.facilities?.inventory)
        let counted = beds(inventory)
        #expect(counted.institutional == 17_560)
        #expect(counted.institutional + counted.community == 19_489)
        #expect(inventory.facilities.filter { $0.type.bedCategory == .institutional }.count == 200)
        #expect(inventory.facilities.filter { $0.type == .communityStation }.count == 60)
        #expect(inventory.facilities.filter { $0.type == .mealSite }.count == 3)
        #expect(!inventory.facilities.contains { $0.isCareType })
        #expect(inventory.facilities.allSatisfy { $0.isSynthetic })
    }

    // Shanxi: China's 821.0万 service beds per 264,018,766 aged 60+ in 2020 × 6,607,025 =
    // 205,453.4 beds; 62.49% institutional (518.3 / 829.4, 2022) = 128,390.
    @Test func shanxisInventoryAppliesChinasRatiosToItsOlderPeople() throws {
        let inventory = try #require(try load("Scenarios/shanxi").scenario.facilities?.inventory)
        let counted = beds(inventory)
        #expect(counted.institutional + counted.community == 205_453)
        #expect(counted.institutional == 128_390)
        #expect(abs(Double(counted.nursing) / Double(counted.institutional) - 0.48) < 0.00001)
    }

    // MARK: Targets and groups

    @Test func shanxisBlindSpotTargetIsJudgedOnThirteenCounties() throws {
        let scenario = try load("Scenarios/shanxi").scenario
        let target = try #require(scenario.targets.first { $0.id == "sx.blind-spot-counties" })
        guard case .each(let level, _, let units) = target.scope else {
            Issue.record("the blind-spot target is not judged on units: \(target.scope)")
            return
        }
        #expect(level == .county)
        #expect(units.count == 13)
        // The placeholder units get no public institution in the synthetic inventory.
        let tree = scenario.regions
        let inventory = try #require(scenario.facilities?.inventory)
        for unit in units {
            let county = try #require(tree.index(of: unit))
            let subtree = Set(tree.subtree(of: county))
            #expect(
                !inventory.facilities.contains {
                    subtree.contains($0.region) && $0.ownership == .publicRun
                        && $0.type.bedCategory == .institutional
                })
        }
    }

    @Test(
        "Each scenario carries the targets of its documents",
        arguments: [
            ("anshan", 10 + 11 + 2), ("liaoning", 11 + 2), ("shanxi", 13), ("weibin", 3),
        ])
    func eachScenarioCarriesItsDocumentsTargets(name: String, count: Int) throws {
        // Catalogue sizes: 001 ten targets, 004 eleven, 000 two, 002 thirteen (二(四)12 split into
        // the community home-care capacity and the circle), 003 three.
        #expect(try load("Scenarios/" + name).scenario.targets.count == count)
    }

    // MARK: Variants

    @Test("The baseline has no plan and no capital money", arguments: names)
    func theBaselineHasNoNewInvestment(name: String) throws {
        let plan = try #require(
            try load("Scenarios/\(name)/variants/baseline.yaml").scenario.investment)
        #expect(plan.actions.isEmpty)
        #expect(plan.budgets.allSatisfy { $0 == nil })
    }

    @Test(
        "The budget cut has 80% of the plan's money, source by source and year by year",
        arguments: names)
    func theBudgetCutHasFourFifthsOfTheMoney(name: String) throws {
        let plan = try #require(try load("Scenarios/" + name).scenario.investment)
        let cut = try #require(
            try load("Scenarios/\(name)/variants/budget-cut.yaml").scenario.investment)
        #expect(cut.actions.count == plan.actions.count)
        var lines = 0
        for (full, reduced) in zip(plan.budgets, cut.budgets) {
            #expect((full == nil) == (reduced == nil))
            guard let full, let reduced else { continue }
            for year in 2021...2035 {
                let a = full.value(in: year)
                let b = reduced.value(in: year)
                #expect((a == nil) == (b == nil))
                if let a, let b {
                    #expect(abs(b - 0.8 * a) < 0.5, "\(name) \(year)")
                    lines += 1
                }
            }
        }
        #expect(lines > 0)
    }

    @Test("The plan variant is the base scenario under its own id", arguments: names)
    func thePlanVariantIsTheBase(name: String) throws {
        let base = try load("Scenarios/" + name)
        let plan = try load("Scenarios/\(name)/variants/plan.yaml")
        #expect(plan.scenario.investment?.actions.count == base.scenario.investment?.actions.count)
        #expect(
            plan.scenario.facilities?.inventory.facilities.count
                == base.scenario.facilities?.inventory.facilities.count)
        #expect(plan.scenario.label != base.scenario.label)
    }
}

/// The shipped region tables against the NBS lists they were built from: every 2023 township
/// and every 2020 village is in them, a village under its own code or under the code its
/// scenario's `township-reconciliation.csv` gives. Skipped where the lists are not present.
@Suite(.enabled(if: ReferenceData.isAvailable, "the NBS division lists are not present"))
struct ShippedRegionSourceTests {
    /// A committed CSV of a scenario as rows of named fields.
    func rows(_ path: String) throws -> [[String: String]] {
        var log = DiagnosticLog()
        let file = SmallScenario.repository + "/" + path
        let table = try #require(CSVReader.read(atPath: file, name: file, log: &log))
        return (0..<table.rowCount).map { row in
            Dictionary(uniqueKeysWithValues: table.header.enumerated().map { ($1, table[row, $0]) })
        }
    }

    @Test(
        "Every 2023 township and every 2020 village of the NBS lists is in the region table",
        arguments: [("anshan", "2103"), ("liaoning", "21"), ("shanxi", "14"), ("weibin", "410703")])
    func everyUnitIsThere(name: String, root: String) throws {
        let table = try rows("Scenarios/\(name)/regions.csv")
        let names = Dictionary(uniqueKeysWithValues: table.map { ($0["code"]!, $0["name"]!) })
        let moved = Dictionary(
            uniqueKeysWithValues: try rows("Scenarios/\(name)/township-reconciliation.csv")
                .filter { $0["level"] == "village" }.map { ($0["code_2020"]!, $0["code"]!) })
        let townships = try ReferenceData.rows("nbs2023", "townships").filter {
            $0["code"]!.hasPrefix(root)
        }
        #expect(townships.allSatisfy { names[$0["code"]!] == $0["name"] })
        let villages = try ReferenceData.rows("nbs2020", "villages").filter {
            $0["code"]!.hasPrefix(root)
        }
        var found = 0
        for village in villages {
            let code = moved[village["code"]!] ?? village["code"]!
            if names[code] == village["name"] { found += 1 }
        }
        #expect(found == villages.count)
        // Nothing else: the table is the root, its cities and counties, and these units.
        let villageRows = table.filter { $0["level"] == "village" }
        #expect(villageRows.count == villages.count)
        #expect(table.filter { $0["level"] == "township" }.count == townships.count)
    }
}
