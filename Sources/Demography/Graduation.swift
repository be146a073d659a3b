import GSL

/// How five-year age groups are split into single years of age (分年龄插值).
public enum GraduationMethod: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Sprague's fifth-difference osculatory multipliers (Sprague 1880; as tabulated in
    /// Shryock & Siegel, *The Methods and Materials of Demography*, 1973, and Siegel &
    /// Swanson 2004, p. 727).
    case sprague
    /// Beers' ordinary six-term multipliers (Beers 1945; Siegel & Swanson 2004, p. 729).
    case beers
    /// A monotone cubic (Steffen 1990, through the GNU Scientific Library) through the
    /// cumulative counts at the band bounds, differenced at single years: never negative.
    case monotoneSpline = "monotone-spline"

    public var description: String { rawValue }
}

/// Why counts cannot be graduated.
public enum GraduationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bands are neither five-year groups (0, 5, …) nor abridged (0, 1, 5, …).
    case unsupportedBands(AgeBands)
    /// Fewer closed five-year groups than the method needs.
    case tooFewBands(needed: Int, got: Int)
    /// One count per band is needed.
    case countMismatch(counts: Int, bands: Int)
    /// The spline could not be built (the GSL message).
    case spline(String)

    public var description: String {
        switch self {
        case .unsupportedBands(let bands):
            "graduation needs five-year bands (0, 5, 10, …) or abridged bands (0, 1, 5, …); got \(bands)"
        case .tooFewBands(let needed, let got):
            "graduation needs at least \(needed) closed five-year bands; got \(got)"
        case .countMismatch(let counts, let bands):
            "\(counts) counts for \(bands) bands"
        case .spline(let message): "the monotone spline failed: \(message)"
        }
    }
}

/// Graduation (分年龄插值) of counts in five-year bands into single years of age, keeping the
/// total of every band exactly.
///
/// Bands may be five-year groups (0–4, 5–9, …, open) or abridged (0, 1–4, 5–9, …, open), as
/// census tables give them. Abridged bands are graduated with 0–4 combined; then age 0 takes
/// its given count and ages 1–4 are scaled to the 1–4 total. The open band is kept as it is
/// (see ``LifeTable/stationaryShares(from:to:)`` to split it).
///
/// The multiplier methods (Sprague, Beers) can give small negative counts where a band is
/// much smaller than its neighbours (in small areas, at the oldest ages). Such a band's
/// negative single years are set to 0 and its other years rescaled to keep its total, so
/// every result is a population. The monotone spline never needs this.
public enum Graduation {
    /// Single-year counts from five-year (or abridged) counts.
    /// - Parameters:
    ///   - counts: one count per band, persons.
    ///   - bands: five-year or abridged bands from 0 with an open band.
    ///   - method: the graduation method.
    /// - Returns: counts for ages 0, 1, …, `bands.openAge` − 1 and the open band, in
    ///   `AgeBands.singleYears(to: bands.openAge)`.
    /// - Throws: ``GraduationError``.
    /// - Complexity: O(number of single years).
    public static func singleYears(_ counts: [Double], bands: AgeBands, method: GraduationMethod)
        throws(GraduationError) -> [Double]
    {
        guard counts.count == bands.count else {
            throw .countMismatch(counts: counts.count, bands: bands.count)
        }
        if bands.uniformWidth == 1 || bands.count == 1 { return counts }
        let bounds = bands.lowerBounds
        let isAbridged = bounds.count >= 3 && bounds[0] == 0 && bounds[1] == 1 && bounds[2] == 5
        var groups = counts
        if isAbridged {
            groups = [counts[0] + counts[1]] + counts[2...]
            // 0, 1, then 5, 10, 15, …
            guard bounds.indices.dropFirst(2).allSatisfy({ bounds[$0] == 5 * ($0 - 1) }) else {
                throw .unsupportedBands(bands)
            }
        } else {
            guard bounds.enumerated().allSatisfy({ $0.element == 5 * $0.offset }) else {
                throw .unsupportedBands(bands)
            }
        }
        let closed = Array(groups.dropLast())
        let open = groups[groups.count - 1]
        var singles: [Double]
        switch method {
        case .sprague, .beers:
            guard closed.count >= 5 else { throw .tooFewBands(needed: 5, got: closed.count) }
            let panels = method == .sprague ? Multipliers.sprague : Multipliers.beersOrdinary
            singles = applyMultipliers(panels, to: closed)
            keepBandTotals(&singles, totals: closed)
        case .monotoneSpline:
            var knots = [0.0]
            var cumulative = [0.0]
            if isAbridged {
                knots.append(1)
                cumulative.append(counts[0])
            }
            var running = 0.0
            for (index, total) in closed.enumerated() {
                running += total
                if isAbridged && index == 0 {
                    knots.append(5)
                    cumulative.append(counts[0] + counts[1])
                } else {
                    knots.append(Double(5 * (index + 1)))
                    cumulative.append(running)
                }
            }
            guard knots.count >= 3 else { throw .tooFewBands(needed: 2, got: closed.count) }
            singles = try monotoneDifferences(knots: knots, cumulative: cumulative)
            keepBandTotals(&singles, totals: closed)
        }
        if isAbridged {
            let oneToFour = singles[1...4].reduce(0, +)
            singles[0] = counts[0]
            for age in 1...4 {
                singles[age] = oneToFour > 0 ? singles[age] * counts[1] / oneToFour : counts[1] / 4
            }
        }
        return singles + [open]
    }

    /// Both sexes of a population graduated to single years.
    /// - Throws: ``GraduationError``.
    public static func singleYears(_ population: AgeSexPopulation, method: GraduationMethod)
        throws(GraduationError) -> AgeSexPopulation
    {
        let female = try singleYears(population.female, bands: population.bands, method: method)
        let male = try singleYears(population.male, bands: population.bands, method: method)
        return AgeSexPopulation(
            unchecked: .singleYears(to: population.bands.openAge), female: female, male: male)
    }

    /// Applies a method's panels to closed five-year groups (at least 5).
    static func applyMultipliers(_ panels: Multipliers, to groups: [Double]) -> [Double] {
        let count = groups.count
        var result = [Double](repeating: 0, count: 5 * count)
        for group in 0..<count {
            // The panel and the five groups it reads.
            let rows: [[Double]]
            let first: Int
            if group < 2 {
                rows = Array(panels.head[(5 * group)..<(5 * group + 5)])
                first = 0
            } else if group >= count - 2 {
                let offset = group - (count - 2)
                rows = Array(panels.tail[(5 * offset)..<(5 * offset + 5)])
                first = count - 5
            } else {
                rows = panels.middle
                first = group - 2
            }
            for (row, coefficients) in rows.enumerated() {
                var value = 0.0
                for (column, coefficient) in coefficients.enumerated() {
                    value += coefficient * groups[first + column]
                }
                result[5 * group + row] = value
            }
        }
        return result
    }

    /// Makes each five-year band non-negative with its given total.
    static func keepBandTotals(_ singles: inout [Double], totals: [Double]) {
        for (group, total) in totals.enumerated() {
            let range = (5 * group)..<(5 * group + 5)
            if singles[range].allSatisfy({ $0 >= 0 }) {
                // Restore the exact total (the multipliers keep it up to rounding).
                let sum = singles[range].reduce(0, +)
                if sum > 0 { for age in range { singles[age] *= total / sum } }
                continue
            }
            let positive = singles[range].reduce(0) { $0 + max($1, 0) }
            for age in range {
                singles[age] = positive > 0 ? max(singles[age], 0) * total / positive : total / 5
            }
        }
    }

    /// Single-year differences of a Steffen spline through cumulative counts.
    static func monotoneDifferences(knots: [Double], cumulative: [Double])
        throws(GraduationError) -> [Double]
    {
        do {
            let spline = try Spline(x: knots, y: cumulative, kind: .steffen)
            let last = Int(knots[knots.count - 1])
            var values = [Double](repeating: 0, count: last + 1)
            for age in 0...last {
                // Knots are evaluated exactly; the spline is monotone between them.
                values[age] = try spline.value(at: Double(age))
            }
            return (0..<last).map { max(values[$0 + 1] - values[$0], 0) }
        } catch {
            throw .spline(error.description)
        }
    }
}

/// The panels of an osculatory interpolation formula for splitting five-year groups.
///
/// `head` holds the ten rows for the first two groups (reading groups 1–5), `middle` the five
/// rows for a middle group (reading the two groups on each side), `tail` the ten rows for the
/// last two groups (reading the last five). Each row gives one single year.
struct Multipliers: Sendable {
    let head: [[Double]]
    let middle: [[Double]]
    let tail: [[Double]]

    /// The tail panels are the head panels read backwards (the formulas are symmetric).
    init(head: [[Double]], middle: [[Double]]) {
        self.head = head
        self.middle = middle
        self.tail = head.reversed().map { $0.reversed() }
    }

    /// Sprague multipliers (Shryock & Siegel 1973, table C-…; Siegel & Swanson 2004, p. 727).
    static let sprague = Multipliers(
        head: [
            [0.3616, -0.2768, 0.1488, -0.0336, 0.0000],
            [0.2640, -0.0960, 0.0400, -0.0080, 0.0000],
            [0.1840, 0.0400, -0.0320, 0.0080, 0.0000],
            [0.1200, 0.1360, -0.0720, 0.0160, 0.0000],
            [0.0704, 0.1968, -0.0848, 0.0176, 0.0000],
            [0.0336, 0.2272, -0.0752, 0.0144, 0.0000],
            [0.0080, 0.2320, -0.0480, 0.0080, 0.0000],
            [-0.0080, 0.2160, -0.0080, 0.0000, 0.0000],
            [-0.0160, 0.1840, 0.0400, -0.0080, 0.0000],
            [-0.0176, 0.1408, 0.0912, -0.0144, 0.0000],
        ],
        middle: [
            [-0.0128, 0.0848, 0.1504, -0.0240, 0.0016],
            [-0.0016, 0.0144, 0.2224, -0.0416, 0.0064],
            [0.0064, -0.0336, 0.2544, -0.0336, 0.0064],
            [0.0064, -0.0416, 0.2224, 0.0144, -0.0016],
            [0.0016, -0.0240, 0.1504, 0.0848, -0.0128],
        ])

    /// Beers ordinary (six-term, oscillatory) multipliers (Beers 1945; Siegel & Swanson 2004,
    /// p. 729).
    static let beersOrdinary = Multipliers(
        head: [
            [0.3333, -0.1636, -0.0210, 0.0796, -0.0283],
            [0.2595, -0.0780, 0.0130, 0.0100, -0.0045],
            [0.1924, 0.0064, 0.0184, -0.0256, 0.0084],
            [0.1329, 0.0844, 0.0054, -0.0356, 0.0129],
            [0.0819, 0.1508, -0.0158, -0.0284, 0.0115],
            [0.0404, 0.2000, -0.0344, -0.0128, 0.0068],
            [0.0093, 0.2268, -0.0402, 0.0028, 0.0013],
            [-0.0108, 0.2272, -0.0248, 0.0112, -0.0028],
            [-0.0198, 0.1992, 0.0172, 0.0072, -0.0038],
            [-0.0191, 0.1468, 0.0822, -0.0084, -0.0015],
        ],
        middle: [
            [-0.0117, 0.0804, 0.1570, -0.0284, 0.0027],
            [-0.0020, 0.0160, 0.2200, -0.0400, 0.0060],
            [0.0050, -0.0280, 0.2460, -0.0280, 0.0050],
            [0.0060, -0.0400, 0.2200, 0.0160, -0.0020],
            [0.0027, -0.0284, 0.1570, 0.0804, -0.0117],
        ])
}

extension Graduation {
    /// Re-splits the five-year (or wider) bands of a single-year population by the relative
    /// size of each single-year cohort (均匀曲线之外的队列形状): each band of `sourceBands` whose
    /// every age has a weight keeps its total and shares it in proportion to the weights;
    /// other bands are left as they are.
    ///
    /// A smooth graduation (Sprague, Beers) cannot see a cohort much smaller than its
    /// neighbours, such as those born in China in 1959–1961: the 2020 census's 55–59 and
    /// 60–64 bands each hold one such year at an end, and a smooth curve gives it as many
    /// persons as its neighbours. Weights from the cohorts' births (or from a single-year
    /// census of the province) put the band's persons where they are.
    /// - Parameters:
    ///   - population: single years (the result of ``singleYears(_:method:)``).
    ///   - sourceBands: the bands the counts were given in.
    ///   - weights: a relative size for single ages at the reference date (any scale).
    /// - Returns: the population with the covered bands re-split; totals by band unchanged.
    /// - Complexity: O(number of ages).
    public static func reshaped(
        _ population: AgeSexPopulation, sourceBands: AgeBands, weights: [Int: Double]
    ) -> AgeSexPopulation {
        let bands = population.bands
        var female = population.female
        var male = population.male
        for index in 0..<sourceBands.count {
            guard let width = sourceBands.width(of: index), width > 1 else { continue }
            let lower = sourceBands.lowerBounds[index]
            let ages = Array(lower..<(lower + width))
            let given = ages.compactMap { weights[$0] }
            let sum = given.reduce(0, +)
            guard given.count == width, sum > 0 else { continue }
            let positions = ages.compactMap { bands.index(containing: $0) }
            guard positions.count == width, Set(positions).count == width else { continue }
            for counts in [\AgeSexPopulation.female, \.male] {
                let total = positions.reduce(0.0) { $0 + population[keyPath: counts][$1] }
                for (age, position) in zip(ages, positions) {
                    let value = total * weights[age]! / sum
                    if counts == \AgeSexPopulation.female {
                        female[position] = value
                    } else {
                        male[position] = value
                    }
                }
            }
        }
        return AgeSexPopulation(unchecked: bands, female: female, male: male)
    }
}
