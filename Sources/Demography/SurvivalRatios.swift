import Foundation

/// The survival ratios (存活比) a cohort-component projection step needs, for bands of one
/// width z equal to the step.
///
/// `values[0]` is the share of the births of a step who are alive in the first band at its
/// end, ₙL₀ / (z·l₀); `values[i]` for a closed band i ≥ 1 is the share of band i − 1 alive in
/// band i one step later, L(i) / L(i − 1); the open band's value applies to everyone in the
/// last two bands, T(last) / T(last − 1) (the UN WPP one-step projection, Preston, Heuveline
/// & Guillot 2001, ch. 6).
public struct SurvivalRatios: Hashable, Sendable {
    /// The projection's bands: uniform width, the last open.
    public let bands: AgeBands
    /// One ratio per band, each in 0…1.
    public let values: [Double]

    /// Why numbers are not survival ratios.
    public enum InvariantError: Error, Hashable, Sendable, CustomStringConvertible {
        case notUniform(AgeBands)
        case countMismatch(values: Int, bands: Int)
        case outOfRange(age: Int, value: Double)
        /// Person-years that increase with age, which no life table has.
        case personYearsIncrease(age: Int, previous: Double, value: Double)
        /// A life table whose bands do not line up with the projection's.
        case bandsDoNotMatch(lifeTable: AgeBands, projection: AgeBands)

        public var description: String {
            switch self {
            case .notUniform(let bands):
                "projection bands must all have the same width except the open one (got \(bands))"
            case .countMismatch(let values, let bands):
                "\(values) survival ratios for \(bands) age bands"
            case .outOfRange(let age, let value):
                "the survival ratio at age \(age) must be between 0 and 1 (got \(value))"
            case .personYearsIncrease(let age, let previous, let value):
                "person-years lived increase from \(previous) to \(value) at age \(age); a life table's Lx cannot increase"
            case .bandsDoNotMatch(let table, let projection):
                "the life table's bands \(table) do not line up with the projection's bands \(projection)"
            }
        }
    }

    /// Ratios given directly.
    /// - Throws: ``InvariantError``.
    public init(bands: AgeBands, values: [Double]) throws(InvariantError) {
        guard bands.uniformWidth != nil, bands.startsAtZero else { throw .notUniform(bands) }
        guard values.count == bands.count else {
            throw .countMismatch(values: values.count, bands: bands.count)
        }
        for (index, value) in values.enumerated() where !(value >= 0 && value <= 1) {
            throw .outOfRange(age: bands.lowerBounds[index], value: value)
        }
        self.bands = bands
        self.values = values
    }

    /// Ratios from person-years lived in each band of a life table with a given radix; the
    /// open band's value is the total person-years above its lower age (T).
    /// - Throws: ``InvariantError``, `personYearsIncrease` when a closed band's L exceeds the
    ///   one before it.
    public init(bands: AgeBands, personYears: [Double], radix: Double) throws(InvariantError) {
        guard let width = bands.uniformWidth, bands.startsAtZero else { throw .notUniform(bands) }
        guard personYears.count == bands.count else {
            throw .countMismatch(values: personYears.count, bands: bands.count)
        }
        let count = bands.count
        for (index, value) in personYears.enumerated() where !(value >= 0 && value.isFinite) {
            throw .outOfRange(age: bands.lowerBounds[index], value: value)
        }
        for index in 1..<max(count - 1, 1) where personYears[index] > personYears[index - 1] {
            throw .personYearsIncrease(
                age: bands.lowerBounds[index], previous: personYears[index - 1],
                value: personYears[index])
        }
        var values = [Double](repeating: 0, count: count)
        values[0] = personYears[0] / (Double(width) * radix)
        for index in 1..<count {
            let denominator =
                index == count - 1
                ? personYears[index - 1] + personYears[index] : personYears[index - 1]
            values[index] = denominator > 0 ? personYears[index] / denominator : 0
        }
        try self.init(bands: bands, values: values)
    }
}

extension LifeTable {
    /// The same mortality in single years of age: each single year takes the death rate of
    /// the band it lies in (constant within the band), ax = 0.5 (ages 0 and other single-year
    /// bands keep theirs), and the open band is kept.
    ///
    /// This is how an abridged table (0, 1–4, 5–9, …) serves a projection in single years:
    /// l stays monotone and every survival ratio below 1, which splitting the abridged
    /// table's own person-years cannot guarantee when its ax are rules of thumb.
    public func singleYearTable() -> LifeTable {
        guard bands.uniformWidth != 1 || bands.count == 1 else { return self }
        var rates: [Double] = []
        var average: [Double] = []
        for index in 0..<(bands.count - 1) {
            let width = bands.width(of: index)!
            rates += Array(repeating: mx[index], count: width)
            average += width == 1 ? [ax[index]] : Array(repeating: 0.5, count: width)
        }
        rates.append(mx[bands.count - 1])
        average.append(1 / mx[bands.count - 1])
        let single = AgeBands(unchecked: Array(bands.lowerBounds[0]...bands.openAge))
        if let table = try? LifeTable(
            bands: single, deathRates: rates, rule: .given(average), radix: radix)
        {
            return table
        }
        // Rates above 2 a year make q > 1 with ax = 0.5; then a constant force is used.
        return (try? LifeTable(bands: single, deathRates: rates, rule: .midInterval, radix: radix))
            ?? self
    }

    /// Person-years lived in each single year of age from the table's first age up to its
    /// open age, followed by T at the open age (from ``singleYearTable()``).
    public func singleYearPersonYears() -> [Double] {
        let single = singleYearTable()
        return Array(single.Lx.dropLast()) + [single.Tx[single.bands.count - 1]]
    }

    /// Person-years lived in each of a projection's bands; the open band gets T at its lower
    /// age. When every bound of the projection is a bound of the table, the table's own
    /// person-years are summed (exact); otherwise those of ``singleYearTable()``.
    /// - Throws: `bandsDoNotMatch` unless the table starts at 0 and its open age is at least
    ///   the projection's.
    public func personYears(in projection: AgeBands) throws(SurvivalRatios.InvariantError)
        -> [Double]
    {
        guard bands.startsAtZero, projection.openAge <= bands.openAge else {
            throw .bandsDoNotMatch(lifeTable: bands, projection: projection)
        }
        let own = Set(bands.lowerBounds)
        let table = projection.lowerBounds.allSatisfy(own.contains) ? self : singleYearTable()
        var result = [Double](repeating: 0, count: projection.count)
        for (index, lower) in table.bands.lowerBounds.enumerated() {
            let target = projection.index(containing: lower)!
            if target == projection.count - 1 {
                result[target] = table.Tx[table.bands.index(containing: projection.openAge)!]
            } else {
                result[target] += table.Lx[index]
            }
        }
        return result
    }

    /// The survival ratios of this table for a projection's bands (uniform width z, open
    /// last), from person-years summed into those bands.
    /// - Throws: ``SurvivalRatios/InvariantError``.
    public func survivalRatios(for projection: AgeBands) throws(SurvivalRatios.InvariantError)
        -> SurvivalRatios
    {
        let years = try personYears(in: projection)
        return try SurvivalRatios(bands: projection, personYears: years, radix: radix)
    }

    /// The stationary (life-table) population in single years from `from` to `to` − 1 and
    /// the open band `to`+, as shares summing to 1: how a census's open band (85+, say) is
    /// split by age, from ``singleYearTable()``; the open share is T(`to`).
    /// - Precondition: the table starts at 0, `from < to` and `to` is at most the open age.
    public func stationaryShares(from: Int, to: Int) -> [Double] {
        precondition(
            bands.startsAtZero && from < to && to <= bands.openAge,
            "\(from)…\(to) must lie within the life table")
        let years = singleYearPersonYears()
        var shares = Array(years[from..<to])
        shares.append(years[to...].reduce(0, +))
        let total = shares.reduce(0, +)
        return shares.map { $0 / total }
    }
}
