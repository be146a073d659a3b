import Quantities

/// Age-specific fertility rates (年龄别生育率): annual live births per woman by the mother's
/// age band.
///
/// Checked once: rates are between 0 and 1, and births only come from women aged 10–54
/// (every band with a positive rate lies within those ages).
public struct FertilityRates: Hashable, Sendable {
    /// The mother's age bands (any start; the last is open).
    public let bands: AgeBands
    /// One rate per band, births per woman per year.
    public let rates: [Double]

    /// The youngest and (one past) the oldest age of childbearing.
    public static let childbearingAges = 10..<55

    /// Why numbers are not fertility rates.
    public enum InvariantError: Error, Hashable, Sendable, CustomStringConvertible {
        case countMismatch(rates: Int, bands: Int)
        case outOfRange(age: Int, value: Double)
        case outsideChildbearingAges(age: Int)

        public var description: String {
            switch self {
            case .countMismatch(let rates, let bands):
                "\(rates) fertility rates for \(bands) age bands"
            case .outOfRange(let age, let value):
                "the fertility rate at age \(age) must be between 0 and 1 births per woman per year (got \(value))"
            case .outsideChildbearingAges(let age):
                "births are only counted for mothers aged 10–54; the band at age \(age) lies outside"
            }
        }
    }

    /// Makes a schedule, checking its invariants.
    /// - Throws: ``InvariantError``.
    public init(bands: AgeBands, rates: [Double]) throws(InvariantError) {
        guard rates.count == bands.count else {
            throw .countMismatch(rates: rates.count, bands: bands.count)
        }
        for (index, rate) in rates.enumerated() {
            let age = bands.lowerBounds[index]
            guard rate >= 0, rate <= 1 else { throw .outOfRange(age: age, value: rate) }
            guard rate > 0 else { continue }
            guard let width = bands.width(of: index), age >= Self.childbearingAges.lowerBound,
                age + width <= Self.childbearingAges.upperBound
            else { throw .outsideChildbearingAges(age: age) }
        }
        self.bands = bands
        self.rates = rates
    }

    /// The total fertility rate (总和生育率): Σ width × rate.
    public var totalFertility: Double {
        rates.indices.reduce(0) { $0 + Double(bands.width(of: $1) ?? 0) * rates[$1] }
    }

    /// The annual rate at a single year of age (0 outside the bands or in the open band).
    public func rate(atAge age: Int) -> Double {
        guard let index = bands.index(containing: age), bands.width(of: index) != nil else {
            return 0
        }
        return rates[index]
    }

    /// Rates on another set of bands (a projection's): each band's rate is the mean of the
    /// single-year rates it covers (open band: 0).
    public func rates(on target: AgeBands) -> [Double] {
        (0..<target.count).map { index in
            guard let width = target.width(of: index) else { return 0 }
            let lower = target.lowerBounds[index]
            return (lower..<(lower + width)).reduce(0) { $0 + rate(atAge: $1) } / Double(width)
        }
    }
}

/// The age pattern of fertility (生育模式): the share of a total fertility rate born to women
/// of each age band (the UN's "percent ASFR" divided by 100).
public struct FertilitySchedule: Hashable, Sendable {
    /// The mother's age bands.
    public let bands: AgeBands
    /// Shares summing to 1.
    public let shares: [Double]

    /// Makes a schedule; shares are divided by their sum, so percentages are accepted too.
    /// - Throws: ``FertilityRates/InvariantError`` for a negative share, shares outside ages
    ///   10–54, or shares that sum to 0.
    public init(bands: AgeBands, shares: [Double]) throws(FertilityRates.InvariantError) {
        guard shares.count == bands.count else {
            throw .countMismatch(rates: shares.count, bands: bands.count)
        }
        let sum = shares.reduce(0, +)
        guard sum > 0 else { throw .outOfRange(age: bands.lowerBounds[0], value: 0) }
        let normalised = shares.map { $0 / sum }
        // The same checks as rates: a share is a rate for a total fertility of 1 per year.
        _ = try FertilityRates(bands: bands, rates: normalised)
        self.bands = bands
        self.shares = normalised
    }

    /// The rates for a total fertility rate: rate = TFR × share / width.
    /// - Throws: ``FertilityRates/InvariantError`` when a rate would exceed 1.
    public func rates(totalFertility: Double) throws(FertilityRates.InvariantError)
        -> FertilityRates
    {
        try FertilityRates(
            bands: bands,
            rates: shares.indices.map { index in
                bands.width(of: index).map { totalFertility * shares[index] / Double($0) } ?? 0
            })
    }
}

/// What fertility is assumed over the years.
public enum FertilityAssumption: Hashable, Sendable {
    /// A total fertility rate that changes over the years (interpolated as the path says)
    /// times a fixed age pattern (the UN WPP and China NBS method).
    case totalFertility(YearlyValues, schedule: FertilitySchedule)
    /// Age-specific rates for key years, linear between them and held before the first and
    /// after the last.
    case rates(years: [Int], schedules: [FertilityRates])

    /// The rates in a year, on a projection's bands.
    /// - Throws: ``FertilityRates/InvariantError`` when a TFR path gives a rate above 1.
    public func rates(in year: Int, on bands: AgeBands) throws(FertilityRates.InvariantError)
        -> [Double]
    {
        switch self {
        case .totalFertility(let path, let schedule):
            let tfr = path.value(in: year) ?? 0
            return try schedule.rates(totalFertility: tfr).rates(on: bands)
        case .rates(let years, let schedules):
            precondition(!years.isEmpty && years.count == schedules.count)
            guard let after = years.firstIndex(where: { $0 >= year }) else {
                return schedules[schedules.count - 1].rates(on: bands)
            }
            if after == 0 || years[after] == year { return schedules[after].rates(on: bands) }
            let weight = Double(year - years[after - 1]) / Double(years[after] - years[after - 1])
            let low = schedules[after - 1].rates(on: bands)
            let high = schedules[after].rates(on: bands)
            return zip(low, high).map { $0 + weight * ($1 - $0) }
        }
    }

    /// The mean rates over the years of a step `[start, start + width)`, on the step's bands.
    /// - Throws: as ``rates(in:on:)``.
    public func rates(step start: Int, width: Int, on bands: AgeBands)
        throws(FertilityRates.InvariantError) -> [Double]
    {
        var sum = [Double](repeating: 0, count: bands.count)
        for year in start..<(start + width) {
            let rates = try rates(in: year, on: bands)
            for index in sum.indices { sum[index] += rates[index] }
        }
        return sum.map { $0 / Double(width) }
    }
}
