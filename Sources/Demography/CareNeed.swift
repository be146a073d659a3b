import Geography

/// The capability levels of GB/T 42195-2022 老年人能力评估规范 (assessment of older adults'
/// capability): a total score of 0–90 over self-care, mobility, mental state and perception
/// and social participation gives five levels.
public enum CapabilityLevel: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible,
    NamedCase
{
    /// 能力完好 (score 90).
    case intact = 0
    /// 能力轻度受损（轻度失能） (66–89).
    case mildlyImpaired
    /// 能力中度受损（中度失能） (46–65).
    case moderatelyImpaired
    /// 能力重度受损（重度失能） (30–45).
    case severelyImpaired
    /// 能力完全丧失（完全失能） (0–29).
    case completelyLost

    /// The level's name in the standard.
    public var chineseName: String {
        switch self {
        case .intact: "能力完好"
        case .mildlyImpaired: "轻度失能"
        case .moderatelyImpaired: "中度失能"
        case .severelyImpaired: "重度失能"
        case .completelyLost: "完全失能"
        }
    }

    /// A short English name for files and tables.
    public var identifier: String {
        switch self {
        case .intact: "intact"
        case .mildlyImpaired: "mild"
        case .moderatelyImpaired: "moderate"
        case .severelyImpaired: "severe"
        case .completelyLost: "complete"
        }
    }

    /// The level's name in the standard, then its number (`0` … `4`).
    public var otherNames: [String] { [chineseName, String(rawValue)] }

    public var description: String { identifier }
}

/// The prevalence of the capability levels by year, part (urban/rural, optional), sex and age
/// group: the shares of persons at each level, summing to 1.
///
/// Between key years shares are interpolated linearly; before the first and after the last
/// they hold. Below the first age group everyone counts as intact.
public struct CapabilityPrevalence: Hashable, Sendable {
    /// The age groups (any start, the last open).
    public let ageGroups: AgeBands
    /// The key years, increasing.
    public let years: [Int]
    /// 1 (the same for urban and rural) or 2 (urban 0, rural 1).
    public let parts: Int
    /// `shares[(((year · parts + part) · 2 + sex) · groups + group) · 5 + level]`.
    public let shares: [Double]

    /// Why numbers are not a prevalence table.
    public enum InvariantError: Error, Hashable, Sendable, CustomStringConvertible {
        case shape(expected: Int, got: Int)
        case yearsNotIncreasing
        case shareOutOfRange(value: Double)
        case sharesDoNotSumToOne(year: Int, sex: Sex, age: Int, sum: Double)

        public var description: String {
            switch self {
            case .shape(let expected, let got): "\(got) prevalence values, expected \(expected)"
            case .yearsNotIncreasing: "the years of a prevalence table must increase"
            case .shareOutOfRange(let value):
                "a prevalence share must be between 0 and 1 (got \(value))"
            case .sharesDoNotSumToOne(let year, let sex, let age, let sum):
                "the shares of the five levels for \(sex) persons aged \(age) in \(year) sum to \(sum), not 1"
            }
        }
    }

    /// Makes a table, checking that each set of five shares lies in 0…1 and sums to 1
    /// (within 0.001).
    /// - Throws: ``InvariantError``.
    public init(ageGroups: AgeBands, years: [Int], parts: Int = 1, shares: [Double])
        throws(InvariantError)
    {
        precondition(parts == 1 || parts == 2)
        let expected = years.count * parts * 2 * ageGroups.count * 5
        guard shares.count == expected, !years.isEmpty else {
            throw .shape(expected: expected, got: shares.count)
        }
        guard zip(years, years.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .yearsNotIncreasing
        }
        for share in shares where !(share >= 0 && share <= 1) {
            throw .shareOutOfRange(value: share)
        }
        for row in 0..<(expected / 5) {
            let sum = shares[(row * 5)..<(row * 5 + 5)].reduce(0, +)
            guard abs(sum - 1) <= 0.001 else {
                let group = row % ageGroups.count
                let sex = Sex(rawValue: (row / ageGroups.count) % 2)!
                let year = years[row / (ageGroups.count * 2 * parts)]
                throw .sharesDoNotSumToOne(
                    year: year, sex: sex, age: ageGroups.lowerBounds[group], sum: sum)
            }
        }
        self.ageGroups = ageGroups
        self.years = years
        self.parts = parts
        self.shares = shares
    }

    /// The five shares for persons of an age in a year (part ignored when the table has one).
    public func shares(year: Int, part: Int = 0, sex: Sex, age: Int) -> [Double] {
        guard let group = ageGroups.index(containing: age) else {
            return [1, 0, 0, 0, 0]
        }
        let p = parts == 1 ? 0 : part
        func row(_ yearIndex: Int) -> ArraySlice<Double> {
            let start = (((yearIndex * parts + p) * 2 + sex.rawValue) * ageGroups.count + group) * 5
            return shares[start..<(start + 5)]
        }
        guard let after = years.firstIndex(where: { $0 >= year }) else {
            return Array(row(years.count - 1))
        }
        if after == 0 || years[after] == year { return Array(row(after)) }
        let weight = Double(year - years[after - 1]) / Double(years[after] - years[after - 1])
        return zip(row(after - 1), row(after)).map { $0 + weight * ($1 - $0) }
    }
}

/// A group of older people counted as a share of those at or above an age (特困, 低保, living
/// alone, empty-nest …).
public struct SpecialGroup: Hashable, Sendable {
    /// The group's name, e.g. 特困 or `living-alone`.
    public var name: String
    /// The share of the persons at or above `fromAge`.
    public var share: Double
    /// The age the share refers to (60 by default).
    public var fromAge: Int

    public init(name: String, share: Double, fromAge: Int = 60) {
        self.name = name
        self.share = share
        self.fromAge = fromAge
    }
}

/// What a population needs in care, for one area and year.
public struct CareNeedSummary: Hashable, Sendable {
    /// Everyone.
    public var population: Double
    /// Persons aged 60 and over.
    public var aged60AndOver: Double
    /// Persons aged 65 and over.
    public var aged65AndOver: Double
    /// Persons aged 80 and over (高龄).
    public var aged80AndOver: Double
    /// Children aged 0–2 (婴幼儿), for the childcare target.
    public var childrenUnder3: Double
    /// Persons aged 60 and over at each capability level (levels as ``CapabilityLevel``).
    public var byLevel: [Double]
    /// Each special group's count, in the order given.
    public var specialGroups: [Double]

    /// Persons with a moderate, severe or complete loss of capability (失能, levels 2–4).
    public var disabled: Double { byLevel[2...].reduce(0, +) }
}

/// Care need from a population and the prevalence of capability levels (the prevalence, or
/// Sullivan, method).
public enum CareNeed {
    /// The care need of a population in a year.
    /// - Parameters:
    ///   - population: persons by sex and age band; prevalence is applied at each band's
    ///     lower age.
    ///   - part: 0 (urban) or 1 (rural) when the prevalence distinguishes them.
    ///   - year: the calendar year.
    ///   - prevalence: the capability levels.
    ///   - specialGroups: groups counted as shares.
    public static func summary(
        of population: AgeSexPopulation, part: Int = 0, year: Int,
        prevalence: CapabilityPrevalence,
        specialGroups: [SpecialGroup] = []
    ) -> CareNeedSummary {
        var byLevel = [Double](repeating: 0, count: 5)
        let bands = population.bands
        for sex in Sex.allCases {
            for (band, count) in population[sex].enumerated() where count > 0 {
                // The part of the band aged 60 and over (uniform within the band).
                let lower = bands.lowerBounds[band]
                let older =
                    bands.width(of: band).map {
                        Double(max(0, min($0, lower + $0 - 60))) / Double($0)
                    }
                    ?? (lower >= 60 ? 1 : 0)
                guard older > 0 else { continue }
                let shares = prevalence.shares(year: year, part: part, sex: sex, age: lower)
                for level in 0..<5 { byLevel[level] += count * older * shares[level] }
            }
        }
        let total = population.total
        return CareNeedSummary(
            population: total,
            aged60AndOver: persons(in: population, from: 60),
            aged65AndOver: persons(in: population, from: 65),
            aged80AndOver: persons(in: population, from: 80),
            childrenUnder3: persons(in: population, from: 0, below: 3),
            byLevel: byLevel,
            specialGroups: specialGroups.map {
                $0.share * persons(in: population, from: $0.fromAge)
            })
    }

    /// Persons aged `from` up to `below` (nil: no upper limit). A band that a limit cuts is
    /// counted in proportion to the years it shares (uniform within the band); the open band
    /// counts fully when `from` is at most its lower age and not at all otherwise.
    public static func persons(in population: AgeSexPopulation, from: Int, below: Int? = nil)
        -> Double
    {
        var total = 0.0
        for (index, lower) in population.bands.lowerBounds.enumerated() {
            let count = population.female[index] + population.male[index]
            guard let width = population.bands.width(of: index) else {
                if from <= lower, below.map({ $0 > lower }) ?? true { total += count }
                continue
            }
            let upper = lower + width
            let start = max(lower, from)
            let end = min(upper, below ?? upper)
            if end > start { total += count * Double(end - start) / Double(width) }
        }
        return total
    }
}

/// Healthy life expectancy by the Sullivan method (Sullivan, *A single index of mortality
/// and morbidity*, HSMHA Health Reports 86, 1971): years lived above each age without a given
/// condition, Σ_{y ≥ x} L(y)·(1 − π(y)) / l(x), with π the prevalence of the condition.
public enum Sullivan {
    /// Life expectancy free of the condition at each band's lower age.
    /// - Parameters:
    ///   - lifeTable: the period life table.
    ///   - prevalence: the share with the condition in each band of the life table.
    /// - Precondition: one prevalence per band, each in 0…1.
    public static func lifeExpectancyFree(of lifeTable: LifeTable, prevalence: [Double])
        -> [Double]
    {
        precondition(prevalence.count == lifeTable.bands.count)
        precondition(prevalence.allSatisfy { $0 >= 0 && $0 <= 1 })
        var running = 0.0
        var result = [Double](repeating: 0, count: prevalence.count)
        for index in stride(from: prevalence.count - 1, through: 0, by: -1) {
            running += lifeTable.Lx[index] * (1 - prevalence[index])
            result[index] = lifeTable.lx[index] > 0 ? running / lifeTable.lx[index] : 0
        }
        return result
    }
}
