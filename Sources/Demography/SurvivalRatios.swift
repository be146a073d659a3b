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
    /// Person-years lived in each of a projection's bands, summing this table's bands; the
    /// open band gets T at its lower age.
    /// - Throws: `bandsDoNotMatch` unless the table starts at 0, every projection bound is a
    ///   bound of the table and the table's open age is at least the projection's.
    public func personYears(in projection: AgeBands) throws(SurvivalRatios.InvariantError)
        -> [Double]
    {
        let own = bands.lowerBounds
        let ownSet = Set(own)
        guard bands.startsAtZero, projection.openAge <= bands.openAge,
            projection.lowerBounds.allSatisfy({ ownSet.contains($0) })
        else { throw .bandsDoNotMatch(lifeTable: bands, projection: projection) }
        var result = [Double](repeating: 0, count: projection.count)
        for (index, lower) in own.enumerated() {
            guard let target = projection.index(containing: lower) else { continue }
            if target == projection.count - 1 {
                result[target] = Tx[bands.index(containing: projection.openAge)!]
            } else {
                result[target] += Lx[index]
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
    /// split by age.
    ///
    /// Within a band of width n, l is interpolated geometrically,
    /// l(x + t) = l(x)·(l(x + n) / l(x))^{t/n}, single-year L is taken as the mean of l at
    /// its ends, and those are scaled to the band's own L; the open share is T(`to`).
    /// - Precondition: `from` and `to` are bounds of this table, `from < to`.
    public func stationaryShares(from: Int, to: Int) -> [Double] {
        precondition(
            from < to && bands.lowerBounds.contains(from) && bands.lowerBounds.contains(to),
            "\(from) and \(to) must be bounds of the life table")
        var shares: [Double] = []
        for index in bands.index(containing: from)!..<bands.index(containing: to)! {
            let width = bands.width(of: index)!
            let start = lx[index]
            let end = lx[index + 1]
            let ratio = start > 0 ? end / start : 0
            let l = (0...width).map { start * pow(ratio, Double($0) / Double(width)) }
            let single = (0..<width).map { (l[$0] + l[$0 + 1]) / 2 }
            let sum = single.reduce(0, +)
            shares += single.map { sum > 0 ? $0 * Lx[index] / sum : Lx[index] / Double(width) }
        }
        shares.append(Tx[bands.index(containing: to)!])
        let total = shares.reduce(0, +)
        return shares.map { $0 / total }
    }
}
