import Demography
import GSL

/// The Wilson score interval of a binomial proportion (Wilson, *Probable inference, the law
/// of succession, and statistical inference*, JASA 22, 1927).
///
/// Chosen over the Wald interval p ± z·√(p(1−p)/n) because assessment samples by age group
/// and sex are small and the rarer levels (complete loss at 60–64) often have no or few
/// cases: Wald's interval then collapses to a single point or leaves 0…1, while Wilson's
/// keeps close to its nominal coverage for small n and proportions near 0 or 1 (Brown, Cai
/// & DasGupta, *Interval estimation for a binomial proportion*, Statistical Science 16,
/// 2001, who recommend it for n < 40 and in general).
public enum WilsonInterval {
    /// The interval for `successes` of `trials` with the normal quantile `z`.
    ///
    /// centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
    /// - Returns: (lower, upper) within 0…1; (0, 1) when there are no trials.
    public static func bounds(successes: Int, trials: Int, z: Double) -> (
        lower: Double, upper: Double
    ) {
        guard trials > 0 else { return (0, 1) }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // The exact ends at 0 and n successes (the formula gives them up to rounding).
        let lower = successes == 0 ? 0 : max(0, centre - half)
        let upper = successes == trials ? 1 : min(1, centre + half)
        return (lower, upper)
    }

    /// The normal quantile for a confidence level, two-sided: z = Φ⁻¹(1 − (1 − level)/2/k)
    /// for `k` simultaneous intervals (k = 1: one interval; k = 5: Bonferroni over the five
    /// levels, which with Wilson's form gives Goodman's simultaneous intervals for
    /// multinomial proportions, Goodman, *On simultaneous confidence intervals for
    /// multinomial proportions*, Technometrics 7, 1965).
    /// - Precondition: 0 < level < 1, k ≥ 1.
    public static func z(confidence level: Double, simultaneous k: Int = 1) -> Double {
        precondition(level > 0 && level < 1 && k >= 1)
        let tail = (1 - level) / 2 / Double(k)
        // The quantile of a probability strictly inside 0…1 never fails.
        return (try? Distribution.normalQuantile(1 - tail)) ?? 1.959963984540054
    }
}

/// Counts of assessed persons at each capability level by year, part (urban/rural, when
/// distinguished), sex and age group, and the prevalence they estimate.
///
/// The estimate of each level's share is the sample proportion (the maximum-likelihood
/// estimate of the multinomial), so that the five shares of a cell sum to 1 exactly; each
/// share has a Wilson score interval, per level (marginal) or, with `simultaneous`, for all
/// five together (Goodman's Bonferroni form). Records are taken as a simple random sample
/// of each cell: no survey weights.
public struct PrevalenceEstimate: Sendable {
    /// The age groups (any start, the last open).
    public let ageGroups: AgeBands
    /// The years, increasing.
    public let years: [Int]
    /// 1, or 2 (urban 0, rural 1).
    public let parts: Int
    /// `counts[(((year · parts + part) · 2 + sex) · groups + group) · 5 + level]`.
    public private(set) var counts: [Int]

    /// An empty tally.
    /// - Precondition: at least one year, increasing; parts 1 or 2.
    public init(ageGroups: AgeBands, years: [Int], parts: Int = 1) {
        precondition(!years.isEmpty && zip(years, years.dropFirst()).allSatisfy { $0 < $1 })
        precondition(parts == 1 || parts == 2)
        self.ageGroups = ageGroups
        self.years = years
        self.parts = parts
        counts = [Int](repeating: 0, count: years.count * parts * 2 * ageGroups.count * 5)
    }

    /// The number of cells (year × part × sex × age group).
    public var cellCount: Int { counts.count / 5 }

    /// The cell of a year, part, sex and age group, or nil for a year not in the tally.
    public func cell(year: Int, part: Int, sex: Sex, group: Int) -> Int? {
        guard let yearIndex = years.firstIndex(of: year) else { return nil }
        return ((yearIndex * parts + part) * 2 + sex.rawValue) * ageGroups.count + group
    }

    /// Adds a person at a level; false when the year is not in the tally or the age is
    /// below the first group.
    @discardableResult
    public mutating func add(
        year: Int, part: Int = 0, sex: Sex, age: Int, level: CapabilityLevel
    ) -> Bool {
        guard let group = ageGroups.index(containing: age),
            let cell = cell(year: year, part: parts == 1 ? 0 : part, sex: sex, group: group)
        else { return false }
        counts[cell * 5 + level.rawValue] += 1
        return true
    }

    /// Persons assessed in a cell.
    public func total(cell: Int) -> Int { counts[(cell * 5)..<(cell * 5 + 5)].reduce(0, +) }

    /// The share of a level in a cell (NaN in an empty cell).
    public func share(cell: Int, level: CapabilityLevel) -> Double {
        let n = total(cell: cell)
        return n > 0 ? Double(counts[cell * 5 + level.rawValue]) / Double(n) : .nan
    }

    /// The Wilson interval of a level's share in a cell.
    public func interval(cell: Int, level: CapabilityLevel, z: Double) -> (
        lower: Double, upper: Double
    ) {
        WilsonInterval.bounds(
            successes: counts[cell * 5 + level.rawValue], trials: total(cell: cell), z: z)
    }

    /// The year, part, sex and age group of a cell.
    public func describe(cell: Int) -> (year: Int, part: Int, sex: Sex, group: Int) {
        let group = cell % ageGroups.count
        let sex = Sex(rawValue: (cell / ageGroups.count) % 2)!
        let part = (cell / (ageGroups.count * 2)) % parts
        let year = years[cell / (ageGroups.count * 2 * parts)]
        return (year, part, sex, group)
    }

    /// The cells without any record.
    public var emptyCells: [Int] { (0..<cellCount).filter { total(cell: $0) == 0 } }

    /// The estimate as a prevalence table for a scenario.
    /// - Returns: nil when a cell has no record (its shares are unknown).
    public func prevalence() -> CapabilityPrevalence? {
        guard emptyCells.isEmpty else { return nil }
        var shares: [Double] = []
        shares.reserveCapacity(counts.count)
        for cell in 0..<cellCount {
            for level in CapabilityLevel.allCases { shares.append(share(cell: cell, level: level)) }
        }
        return try? CapabilityPrevalence(
            ageGroups: ageGroups, years: years, parts: parts, shares: shares)
    }
}
