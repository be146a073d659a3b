import Demography
import Geography
import Quantities
import Testing

@testable import Entitlements

@Suite struct LongTermCareInsuranceTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    /// One area: men aged 40: 1,000; women aged 70: 100; women aged 85: 50. Prevalence
    /// 60–79: severe 0.10, complete 0.05; 80+: severe 0.20, complete 0.10.
    static let prevalence = try! CapabilityPrevalence(
        ageGroups: try! AgeBands(lowerBounds: [0, 60, 80]), years: [2021],
        shares: Array(
            repeating: [1, 0, 0, 0, 0] + [0.85, 0, 0, 0.10, 0.05] + [0.70, 0, 0, 0.20, 0.10],
            count: 2
        ).flatMap { $0 })

    static func population(_ year: Int) -> YearPopulation {
        var persons = [Double](repeating: 0, count: 2 * 101)
        persons[101 + 40] = 1_000
        persons[70] = 100
        persons[85] = 50
        return YearPopulation(areaCount: 1, partCount: 1, ageCount: 101, persons: persons)
    }

    static let tree = try! RegionTree(regions: [
        Region(code: try! DivisionCode(parsing: "2103"), name: "鞍山市", kind: .city),
        Region(code: try! DivisionCode(parsing: "210302"), name: "铁东区", kind: .district),
    ])

    static func constant(_ value: Double) -> YearlyValues { .constant(value, from: 2021) }

    static let insurance = LongTermCareInsurance(
        schemes: [
            InsuranceScheme(
                name: "employees", minimumAge: 18, maximumAge: 59, coverage: constant(0.5),
                contribution: .rate(base: constant(60_000), rate: constant(0.002))),
            InsuranceScheme(
                name: "retirees", minimumAge: 60, coverage: constant(0.4),
                contribution: .perCapita(constant(100))),
        ],
        firstYear: 2021, openingBalance: 100_000, fiscalSubsidy: constant(20_000),
        interestRate: constant(0.02), minimumAge: 60,
        eligibleLevels: [.severelyImpaired, .completelyLost],
        takeUp: [constant(0), constant(0), constant(0), constant(0.5), constant(1)],
        settingShares: Array(repeating: [0.5, 0, 0.5], count: 5),
        benefits: [
            Array(repeating: constant(1000), count: 5),
            Array(repeating: constant(0), count: 5),
            [constant(0), constant(0), constant(0), constant(1500), constant(2000)],
        ],
        administrationShare: constant(0.05))

    /// By hand. Insured: 1,000 × 0.5 = 500 employees paying 60,000 × 0.2 % = 120 yuan →
    /// 60,000; 150 × 0.4 = 60 retirees paying 100 → 6,000; contributions 66,000.
    /// Beneficiaries (insured share 0.4 at 60+): severe 100 × 0.10 × 0.4 × 0.5 + 50 × 0.20 ×
    /// 0.4 × 0.5 = 2 + 2 = 4; complete 100 × 0.05 × 0.4 + 50 × 0.10 × 0.4 = 2 + 2 = 4.
    /// Benefits: home 8 × 0.5 × 1,000 × 12 = 48,000; institution 4 × 0.5 × 1,500 × 12 +
    /// 4 × 0.5 × 2,000 × 12 = 36,000 + 48,000 = 84,000; total 132,000. Administration 5 %
    /// of 66,000 = 3,300. Subsidy 20,000. Interest 2 % of the opening balance.
    /// 2021: 100,000 + 66,000 + 20,000 + 2,000 − 132,000 − 3,300 = 52,700.
    /// 2022: 52,700 + 66,000 + 20,000 + 1,054 − 135,300 = 4,454.
    /// 2023: 4,454 + 86,000 + 89.08 − 135,300 = −44,756.92: the fund runs out in 2023.
    @Test func aFundWorkedByHandEndsAt52700And4454AndRunsOutIn2023() throws {
        let fund = try Self.insurance.project(
            to: 2023, tree: Self.tree, areaRegions: [1], prevalence: Self.prevalence,
            population: Self.population)
        #expect(fund.years.count == 3)
        let first = fund.years[0]
        #expect(close(first.insured[0], 500) && close(first.insured[1], 60))
        #expect(close(first.contributions[0], 60_000) && close(first.contributions[1], 6_000))
        #expect(close(first.beneficiaries[3][0], 2) && close(first.beneficiaries[3][2], 2))
        #expect(close(first.beneficiaries[4][0], 2) && close(first.beneficiaries[4][2], 2))
        #expect(close(first.benefits[0], 48_000) && close(first.benefits[2], 84_000))
        #expect(close(first.administration, 3_300) && close(first.interest, 2_000))
        #expect(close(fund.years[0].closingBalance, 52_700))
        #expect(close(fund.years[1].closingBalance, 4_454))
        #expect(close(fund.years[2].closingBalance, -44_756.92))
        #expect(fund.exhaustionYear == 2023)
        // Regions: the city holds its district's figures.
        #expect(close(fund.beneficiariesByRegion[0], 8) && close(fund.benefitsByRegion[3], 132_000))
    }

    /// The balance identity, every year: closing = opening + contributions + other income −
    /// benefits − administration, and each year opens with the last one's closing balance.
    @Test func theBalanceIdentityHoldsEveryYearOfA15YearProjection() throws {
        var insurance = Self.insurance
        insurance.interestRate = SmallList.yearly([(2021, 0.02), (2028, 0.01)])
        insurance.benefits[0] = Array(
            repeating: SmallList.yearly([(2021, 1000), (2026, 1200)]), count: 5)
        let fund = try insurance.project(
            to: 2035, tree: Self.tree, areaRegions: [1], prevalence: Self.prevalence
        ) { year in
            var population = Self.population(year)
            population.persons[85] += Double(year - 2021) * 5
            return population
        }
        #expect(fund.years.count == 15)
        var opening = 100_000.0
        for year in fund.years {
            #expect(year.openingBalance == opening)
            let identity =
                year.openingBalance + year.totalContributions + year.otherIncome
                - year.totalBenefits - year.administration
            #expect(abs(year.closingBalance - identity) <= 1e-9 * max(1, abs(identity)))
            opening = year.closingBalance
        }
    }
}
