import Demography
import Geography
import Quantities

/// Where long-term care is given (护理服务方式).
public enum CareSetting: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// 居家护理.
    case home = 0
    /// 社区护理 (day care, community stations).
    case community
    /// 机构护理.
    case institution

    public var description: String {
        switch self {
        case .home: "home"
        case .community: "community"
        case .institution: "institution"
        }
    }

    /// 居家, 社区, 机构.
    public var chineseName: String {
        switch self {
        case .home: "居家"
        case .community: "社区"
        case .institution: "机构"
        }
    }
}

/// A group of insured persons of long-term-care insurance (参保群体), e.g. employees (职工),
/// retirees or residents (城乡居民), and how it contributes.
public struct InsuranceScheme: Hashable, Sendable {
    /// How contributions are set (筹资方式).
    public enum Contribution: Hashable, Sendable {
        /// A rate of a contribution base: yuan a year per insured person (e.g. the average
        /// wage) times a fraction (e.g. 0.3 %).
        case rate(base: YearlyValues, rate: YearlyValues)
        /// A fixed amount a year per insured person (定额筹资), e.g. 90 yuan.
        case perCapita(YearlyValues)
    }

    /// The group's name, e.g. `employees`.
    public var name: String
    /// The ages of the group, inclusive (nil: no upper limit).
    public var minimumAge: Int
    public var maximumAge: Int?
    /// The share of persons of those ages insured in this scheme, by year (interpolated).
    public var coverage: YearlyValues
    /// What each insured person contributes.
    public var contribution: Contribution

    public init(
        name: String, minimumAge: Int, maximumAge: Int? = nil, coverage: YearlyValues,
        contribution: Contribution
    ) {
        self.name = name
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.coverage = coverage
        self.contribution = contribution
    }

    /// Whether an age belongs to the group.
    public func contains(age: Int) -> Bool {
        age >= minimumAge && (maximumAge.map { age <= $0 } ?? true)
    }

    /// Yuan a year per insured person in a year.
    public func contributionPerInsured(in year: Int) -> Double {
        switch contribution {
        case .rate(let base, let rate): (base.value(in: year) ?? 0) * (rate.value(in: year) ?? 0)
        case .perCapita(let amount): amount.value(in: year) ?? 0
        }
    }
}

/// A long-term-care insurance fund (长期护理保险基金): who is insured and contributes, who
/// receives benefits, where, and at what rate.
///
/// Beneficiaries are insured persons at the eligible capability levels (GB/T 42195-2022
/// levels of the scenario's prevalence; the insurance's own assessment scale, the NHSA 2021
/// 长期护理失能等级评估标准, is a different instrument, so the mapping of its grades to these
/// levels is the scenario's assumption) from a minimum age: for a cell (residence, sex,
/// age) and level L, persons × prevalence(L) × insured share(age) × take-up(L), where the
/// insured share is the sum of the schemes' coverages at that age (at most 1). They split
/// between home, community and institutional care by level; benefits are yuan a month per
/// beneficiary by setting and level.
public struct LongTermCareInsurance: Hashable, Sendable {
    /// The groups of insured persons.
    public var schemes: [InsuranceScheme]
    /// The first year of the fund's projection; its opening balance is at that year's start.
    public var firstYear: Int
    /// Yuan in the fund at the start of `firstYear` (累计结余).
    public var openingBalance: Double
    /// Fiscal subsidy (财政补助), yuan a year (hold), if any.
    public var fiscalSubsidy: YearlyValues?
    /// Fiscal subsidy per insured person, yuan a year (hold), if any.
    public var fiscalSubsidyPerInsured: YearlyValues?
    /// Interest on a positive opening balance of each year (a fraction, hold).
    public var interestRate: YearlyValues
    /// The youngest beneficiary.
    public var minimumAge: Int
    /// The capability levels that receive benefits (e.g. severe and complete: 重度失能).
    public var eligibleLevels: [CapabilityLevel]
    /// The share of eligible insured persons who claim, by level (five, interpolated).
    public var takeUp: [YearlyValues]
    /// The shares of beneficiaries of each level in home, community and institutional care
    /// (five levels × three settings; each eligible level's shares sum to 1).
    public var settingShares: [[Double]]
    /// Yuan a month per beneficiary, by setting and level (`benefits[setting][level]`, hold).
    public var benefits: [[YearlyValues]]
    /// Administration as a share of contributions (hold), and a fixed yuan a year (hold).
    public var administrationShare: YearlyValues
    public var administrationFixed: YearlyValues?

    public init(
        schemes: [InsuranceScheme], firstYear: Int, openingBalance: Double = 0,
        fiscalSubsidy: YearlyValues? = nil, fiscalSubsidyPerInsured: YearlyValues? = nil,
        interestRate: YearlyValues, minimumAge: Int = 0, eligibleLevels: [CapabilityLevel],
        takeUp: [YearlyValues], settingShares: [[Double]], benefits: [[YearlyValues]],
        administrationShare: YearlyValues, administrationFixed: YearlyValues? = nil
    ) {
        precondition(takeUp.count == 5 && settingShares.count == 5)
        precondition(settingShares.allSatisfy { $0.count == 3 })
        precondition(benefits.count == 3 && benefits.allSatisfy { $0.count == 5 })
        self.schemes = schemes
        self.firstYear = firstYear
        self.openingBalance = openingBalance
        self.fiscalSubsidy = fiscalSubsidy
        self.fiscalSubsidyPerInsured = fiscalSubsidyPerInsured
        self.interestRate = interestRate
        self.minimumAge = minimumAge
        self.eligibleLevels = eligibleLevels
        self.takeUp = takeUp
        self.settingShares = settingShares
        self.benefits = benefits
        self.administrationShare = administrationShare
        self.administrationFixed = administrationFixed
    }

    /// The share of persons of an age insured in some scheme in a year (at most 1).
    public func insuredShare(age: Int, year: Int) -> Double {
        min(
            1,
            schemes.reduce(0) {
                $0 + ($1.contains(age: age) ? max($1.coverage.value(in: year) ?? 0, 0) : 0)
            })
    }
}

/// One year of the fund.
public struct FundYear: Hashable, Sendable {
    public var year: Int
    /// Yuan at the start of the year.
    public var openingBalance: Double
    /// Insured persons and their contributions (yuan), by scheme.
    public var insured: [Double]
    public var contributions: [Double]
    /// Other income: the fiscal subsidy (both kinds) and interest, yuan.
    public var fiscalSubsidy: Double
    public var interest: Double
    /// Beneficiaries by level and setting: `beneficiaries[level][setting]`.
    public var beneficiaries: [[Double]]
    /// Yuan of benefits by setting.
    public var benefits: [Double]
    /// Yuan of administration.
    public var administration: Double
    /// Yuan at the end of the year: opening + contributions + other income − benefits −
    /// administration.
    public var closingBalance: Double

    public var totalContributions: Double { contributions.reduce(0, +) }
    public var otherIncome: Double { fiscalSubsidy + interest }
    public var totalBenefits: Double { benefits.reduce(0, +) }
    public var totalBeneficiaries: Double { beneficiaries.joined().reduce(0, +) }
    public var totalInsured: Double { insured.reduce(0, +) }
}

/// The projection of a long-term-care insurance fund, pooled over every area of the
/// population (the planning region), with the regional figures behind it.
public struct FundProjection: Sendable {
    /// The fund's years, first year to horizon.
    public var years: [FundYear]
    /// The first year the fund ends below zero, if it does (基金穿底年份).
    public var exhaustionYear: Int? { years.first { $0.closingBalance < 0 }?.year }
    /// The region tree.
    public let tree: RegionTree
    /// By year index and region, each region the sum of its parts: insured persons,
    /// beneficiaries, contributions and benefits (yuan). `[yearIndex · regions + region]`.
    public internal(set) var insuredByRegion: [Double]
    public internal(set) var beneficiariesByRegion: [Double]
    public internal(set) var contributionsByRegion: [Double]
    public internal(set) var benefitsByRegion: [Double]
}

extension LongTermCareInsurance {
    /// Projects the fund year by year from `firstYear` to the last year given.
    ///
    /// Each year: contributions = Σ schemes insured × contribution per insured; other
    /// income = fiscal subsidy + subsidy per insured × insured + interest rate × max(opening
    /// balance, 0); benefits = Σ levels, settings beneficiaries × share × yuan a month × 12;
    /// administration = share × contributions + fixed; closing balance = opening +
    /// contributions + other income − benefits − administration (the balance identity,
    /// exact by construction; a negative balance is carried as a deficit without interest).
    /// - Parameters:
    ///   - lastYear: the horizon.
    ///   - tree, areaRegions: where the areas lie, for the regional figures.
    ///   - prevalence: the prevalence of capability levels.
    ///   - urbanShares: each area's urban share, needed only when the prevalence
    ///     distinguishes urban and rural and the population does not.
    ///   - population: the population of a year (single years 0…open age).
    /// - Throws: ``CostingError/residenceWithoutShares(item:area:)`` when an urban share is
    ///   needed and missing.
    public func project(
        to lastYear: Int, tree: RegionTree, areaRegions: [Int],
        prevalence: CapabilityPrevalence, urbanShares: [Double]? = nil,
        population: (Int) -> YearPopulation
    ) throws(CostingError) -> FundProjection {
        let regions = tree.count
        let yearCount = max(lastYear - firstYear + 1, 0)
        var fund = FundProjection(
            years: [], tree: tree,
            insuredByRegion: [Double](repeating: 0, count: yearCount * regions),
            beneficiariesByRegion: [Double](repeating: 0, count: yearCount * regions),
            contributionsByRegion: [Double](repeating: 0, count: yearCount * regions),
            benefitsByRegion: [Double](repeating: 0, count: yearCount * regions))
        var balance = openingBalance
        for (yearIndex, year) in (firstYear..<(firstYear + yearCount)).enumerated() {
            let cells = population(year)
            let ages = cells.ageCount
            if prevalence.parts == 2, cells.partCount == 1 {
                if let missing = (0..<cells.areaCount).first(where: {
                    !(urbanShares?[$0].isFinite ?? false)
                }) {
                    throw .residenceWithoutShares(
                        item: "ltc_insurance",
                        area: tree.regions[areaRegions[missing]].code.shortForm)
                }
            }
            // Per-cell factors of the year (residence of the prevalence × sex × age).
            let prevalenceParts = prevalence.parts
            var share = [[Double]](repeating: [], count: prevalenceParts * 2)
            for part in 0..<prevalenceParts {
                for sex in Sex.allCases {
                    share[part * 2 + sex.rawValue] = (0..<ages).flatMap { age in
                        prevalence.shares(year: year, part: part, sex: sex, age: age)
                    }
                }
            }
            let insuredShares = (0..<ages).map { insuredShare(age: $0, year: year) }
            let takeUps = takeUp.map { min(max($0.value(in: year) ?? 0, 0), 1) }
            let perInsured = schemes.map { $0.contributionPerInsured(in: year) }
            let monthly = (0..<3).map { setting in
                (0..<5).map { benefits[setting][$0].value(in: year) ?? 0 }
            }
            var insured = [Double](repeating: 0, count: schemes.count)
            var contributions = [Double](repeating: 0, count: schemes.count)
            var beneficiaries = [[Double]](
                repeating: [Double](repeating: 0, count: 3), count: 5)
            var benefitsBySetting = [Double](repeating: 0, count: 3)
            let coverages = schemes.map { max($0.coverage.value(in: year) ?? 0, 0) }
            for area in 0..<cells.areaCount {
                let region = areaRegions[area]
                var areaInsured = 0.0
                var areaContributions = 0.0
                var areaBeneficiaries = 0.0
                var areaBenefits = 0.0
                for part in 0..<cells.partCount {
                    for sex in Sex.allCases {
                        let base = ((area * cells.partCount + part) * 2 + sex.rawValue) * ages
                        for age in 0..<ages {
                            let persons = cells.persons[base + age]
                            guard persons > 0 else { continue }
                            for (index, scheme) in schemes.enumerated()
                            where scheme.contains(age: age) {
                                let count = persons * coverages[index]
                                insured[index] += count
                                contributions[index] += count * perInsured[index]
                                areaInsured += count
                                areaContributions += count * perInsured[index]
                            }
                            guard age >= minimumAge else { continue }
                            for level in eligibleLevels {
                                let l = level.rawValue
                                var prevalent: Double
                                if prevalenceParts == 2, cells.partCount == 1 {
                                    let u = urbanShares![area]
                                    prevalent =
                                        u * share[sex.rawValue][age * 5 + l] + (1 - u)
                                        * share[2 + sex.rawValue][age * 5 + l]
                                } else {
                                    let p = prevalenceParts == 2 ? part : 0
                                    prevalent = share[p * 2 + sex.rawValue][age * 5 + l]
                                }
                                let count = persons * prevalent * insuredShares[age] * takeUps[l]
                                guard count > 0 else { continue }
                                areaBeneficiaries += count
                                for setting in 0..<3 {
                                    let people = count * settingShares[l][setting]
                                    beneficiaries[l][setting] += people
                                    let yuan = people * monthly[setting][l] * 12
                                    benefitsBySetting[setting] += yuan
                                    areaBenefits += yuan
                                }
                            }
                        }
                    }
                }
                let at = yearIndex * regions + region
                fund.insuredByRegion[at] += areaInsured
                fund.contributionsByRegion[at] += areaContributions
                fund.beneficiariesByRegion[at] += areaBeneficiaries
                fund.benefitsByRegion[at] += areaBenefits
            }
            let totalContributions = contributions.reduce(0, +)
            let totalInsured = insured.reduce(0, +)
            let subsidy =
                (fiscalSubsidy?.value(in: year) ?? 0)
                + (fiscalSubsidyPerInsured?.value(in: year) ?? 0) * totalInsured
            let interest = max(balance, 0) * (interestRate.value(in: year) ?? 0)
            let administration =
                (administrationShare.value(in: year) ?? 0) * totalContributions
                + (administrationFixed?.value(in: year) ?? 0)
            let totalBenefits = benefitsBySetting.reduce(0, +)
            let closing =
                balance + totalContributions + subsidy + interest - totalBenefits - administration
            fund.years.append(
                FundYear(
                    year: year, openingBalance: balance, insured: insured,
                    contributions: contributions, fiscalSubsidy: subsidy, interest: interest,
                    beneficiaries: beneficiaries, benefits: benefitsBySetting,
                    administration: administration, closingBalance: closing))
            balance = closing
        }
        // Regions: the sum of their parts.
        let parents = tree.parentIndices
        for yearIndex in 0..<yearCount {
            let base = yearIndex * regions
            for region in stride(from: regions - 1, through: 0, by: -1) where parents[region] >= 0 {
                let parent = base + parents[region]
                fund.insuredByRegion[parent] += fund.insuredByRegion[base + region]
                fund.contributionsByRegion[parent] += fund.contributionsByRegion[base + region]
                fund.beneficiariesByRegion[parent] += fund.beneficiariesByRegion[base + region]
                fund.benefitsByRegion[parent] += fund.benefitsByRegion[base + region]
            }
        }
        return fund
    }
}
