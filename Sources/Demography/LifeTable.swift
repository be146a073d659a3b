import Foundation

/// How the average number of years lived in a band by those who die in it (ₙaₓ) is set.
public enum AverageYearsLivedRule: Hashable, Sendable, CustomStringConvertible {
    /// Given for every band (the open band's value is replaced by 1 / m).
    case given([Double])
    /// Half the band's width; 1 / m in the open band.
    case midInterval
    /// Coale–Demeny rules for ages 0 and 1–4 as functions of ₁m₀ (Preston, Heuveline &
    /// Guillot, *Demography*, 2001, Table 3.3; the UN rule for these ages), half the width
    /// elsewhere, 1 / m in the open band.
    case coaleDemeny(Sex)
    /// The US Census Bureau Population Analysis System (PAS, spreadsheet LTPOPDTH; Arriaga
    /// 1994): Coale–Demeny rules of a model region for ages 0 and 1–4 as functions of ₁q₀,
    /// half the width elsewhere, 1 / m in the open band. ₁q₀ is the infant mortality rate
    /// when one is given (LTPOPDTH's IMR input, which then also replaces the table's ₁q₀),
    /// else it is found from ₁m₀ by solving q = m / (1 + (1 − a(q))·m).
    case populationAnalysisSystem(
        Sex, region: CoaleDemenyRegion = .west, infantMortality: Double? = nil)

    public var description: String {
        switch self {
        case .given: "given"
        case .midInterval: "mid-interval"
        case .coaleDemeny(let sex): "Coale–Demeny (\(sex))"
        case .populationAnalysisSystem(let sex, let region, let imr):
            "PAS (\(sex), \(region)\(imr.map { ", IMR \($0)" } ?? ""))"
        }
    }
}

/// The four regional families of the Coale–Demeny model life tables, whose rules for ₁a₀
/// and ₄a₁ differ (UN Manual X, 1983, Table 164; the PAS spreadsheet LTPOPDTH).
public enum CoaleDemenyRegion: String, Hashable, Sendable, CaseIterable {
    case west, north, east, south
}

/// A period life table (生命表): the functions mx, qx, ax, lx, dx, Lx, Tx and ex by age band.
///
/// Built from death rates (or deaths and exposures) in the usual way (Preston, Heuveline &
/// Guillot 2001, ch. 3): for a closed band of width n, q = n·m / (1 + (n − a)·m),
/// l(x + n) = l(x)·(1 − q), d = l·q, L = n·l(x + n) + a·d; the open band has q = 1,
/// a = 1 / m and L = l / m; T sums L from the band up and e = T / l.
///
/// When a computed rule (mid-interval, Coale–Demeny, PAS) would give q > 1 (a death rate
/// above 2 / n in a band of width n, as at ages 95–99 in five-year tables), the band is
/// treated with a constant force of mortality instead: q = 1 − e^{−n·m} and
/// a = 1 / m − n·e^{−n·m} / (1 − e^{−n·m}). Given ax values that imply q > 1 are an error.
public struct LifeTable: Hashable, Sendable {
    /// The age bands; the last is open.
    public let bands: AgeBands
    /// The radix l at the first age.
    public let radix: Double
    /// Central death rates.
    public let mx: [Double]
    /// Probabilities of dying in the band for those alive at its start.
    public let qx: [Double]
    /// Average years lived in the band by those dying in it.
    public let ax: [Double]
    /// Survivors at the start of the band.
    public let lx: [Double]
    /// Deaths in the band.
    public let dx: [Double]
    /// Person-years lived in the band.
    public let Lx: [Double]
    /// Person-years lived from the band's start on.
    public let Tx: [Double]
    /// Life expectancy at the band's start.
    public let ex: [Double]

    /// Why a life table cannot be built.
    public enum BuildError: Error, Hashable, Sendable, CustomStringConvertible {
        /// A list has the wrong length.
        case countMismatch(what: String, count: Int, bands: Int)
        /// A death rate is negative or not finite.
        case invalidRate(age: Int, value: Double)
        /// The open band has a death rate of 0: its person-years would be infinite.
        case zeroRateInOpenBand(age: Int)
        /// Deaths without exposure.
        case zeroExposure(age: Int)
        /// A given ax outside 0…n.
        case averageYearsOutOfRange(age: Int, value: Double, width: Int)
        /// Given ax and m that imply q > 1, so that lx would turn negative.
        case probabilityAboveOne(age: Int, qx: Double)
        /// The radix is not positive.
        case invalidRadix(Double)

        public var description: String {
            switch self {
            case .countMismatch(let what, let count, let bands):
                "\(count) values of \(what) for \(bands) age bands"
            case .invalidRate(let age, let value):
                "the death rate at age \(age) must be a number of at least 0 (got \(value))"
            case .zeroRateInOpenBand(let age):
                "the open age band \(age)+ has a death rate of 0, so its person-years would be infinite"
            case .zeroExposure(let age): "age \(age) has deaths but no exposure"
            case .averageYearsOutOfRange(let age, let value, let width):
                "ax at age \(age) must be between 0 and the band width \(width) (got \(value))"
            case .probabilityAboveOne(let age, let qx):
                "at age \(age) mx and ax give qx = \(qx) > 1, so lx would increase past zero into negative survivors"
            case .invalidRadix(let radix): "the radix must be positive (got \(radix))"
            }
        }
    }

    /// Builds a life table from death rates.
    /// - Parameters:
    ///   - bands: the age bands, any start, the last open.
    ///   - deathRates: ₙmₓ per band, per person-year.
    ///   - rule: how ₙaₓ is set.
    ///   - radix: l at the first age.
    /// - Throws: ``BuildError``.
    /// - Complexity: O(number of bands).
    public init(
        bands: AgeBands, deathRates: [Double], rule: AverageYearsLivedRule = .midInterval,
        radix: Double = 100_000
    ) throws(BuildError) {
        let count = bands.count
        guard deathRates.count == count else {
            throw .countMismatch(what: "mx", count: deathRates.count, bands: count)
        }
        guard radix > 0, radix.isFinite else { throw .invalidRadix(radix) }
        for (index, rate) in deathRates.enumerated() where !(rate >= 0 && rate.isFinite) {
            throw .invalidRate(age: bands.lowerBounds[index], value: rate)
        }
        guard deathRates[count - 1] > 0 else { throw .zeroRateInOpenBand(age: bands.openAge) }
        var ax = try Self.averageYearsLived(bands: bands, mx: deathRates, rule: rule)
        var qx = [Double](repeating: 1, count: count)
        var lx = [Double](repeating: 0, count: count)
        var dx = [Double](repeating: 0, count: count)
        var Lx = [Double](repeating: 0, count: count)
        lx[0] = radix
        for index in 0..<count {
            let m = deathRates[index]
            guard let widthInt = bands.width(of: index) else {
                qx[index] = 1
                ax[index] = 1 / m
                dx[index] = lx[index]
                Lx[index] = lx[index] / m
                break
            }
            let n = Double(widthInt)
            var q = n * m / (1 + (n - ax[index]) * m)
            if index == 0, let imr = Self.givenInfantMortality(bands: bands, rule: rule) {
                q = imr
            }
            if q > 1 {
                guard case .given = rule else {
                    // Constant force of mortality across the band.
                    let survive = exp(-n * m)
                    q = 1 - survive
                    ax[index] = 1 / m - n * survive / (1 - survive)
                    qx[index] = q
                    dx[index] = lx[index] * q
                    lx[index + 1] = lx[index] - dx[index]
                    Lx[index] = n * lx[index + 1] + ax[index] * dx[index]
                    continue
                }
                throw .probabilityAboveOne(age: bands.lowerBounds[index], qx: q)
            }
            qx[index] = q
            dx[index] = lx[index] * q
            lx[index + 1] = lx[index] - dx[index]
            Lx[index] = n * lx[index + 1] + ax[index] * dx[index]
        }
        var Tx = [Double](repeating: 0, count: count)
        var running = 0.0
        for index in stride(from: count - 1, through: 0, by: -1) {
            running += Lx[index]
            Tx[index] = running
        }
        self.bands = bands
        self.radix = radix
        self.mx = deathRates
        self.qx = qx
        self.ax = ax
        self.lx = lx
        self.dx = dx
        self.Lx = Lx
        self.Tx = Tx
        self.ex = zip(Tx, lx).map { $1 > 0 ? $0 / $1 : 0 }
    }

    /// Builds a life table from a schedule of death rates.
    /// - Throws: ``BuildError``.
    public init(
        _ rates: DeathRates, rule: AverageYearsLivedRule = .midInterval, radix: Double = 100_000
    ) throws(BuildError) {
        try self.init(bands: rates.bands, deathRates: rates.rates, rule: rule, radix: radix)
    }

    /// Builds a life table from deaths and exposures (person-years), m = D / E.
    /// - Throws: ``BuildError``; `zeroExposure` when a band has deaths but no exposure.
    public init(
        bands: AgeBands, deaths: [Double], exposures: [Double],
        rule: AverageYearsLivedRule = .midInterval, radix: Double = 100_000
    ) throws(BuildError) {
        guard deaths.count == bands.count else {
            throw .countMismatch(what: "deaths", count: deaths.count, bands: bands.count)
        }
        guard exposures.count == bands.count else {
            throw .countMismatch(what: "exposures", count: exposures.count, bands: bands.count)
        }
        var rates: [Double] = []
        for index in 0..<bands.count {
            let age = bands.lowerBounds[index]
            guard deaths[index] >= 0, deaths[index].isFinite else {
                throw .invalidRate(age: age, value: deaths[index])
            }
            guard exposures[index] > 0, exposures[index].isFinite else {
                guard deaths[index] == 0, exposures[index] == 0 else {
                    throw .invalidRate(age: age, value: deaths[index] / exposures[index])
                }
                throw .zeroExposure(age: age)
            }
            rates.append(deaths[index] / exposures[index])
        }
        try self.init(bands: bands, deathRates: rates, rule: rule, radix: radix)
    }

    /// Life expectancy at the first age (e₀ when the table starts at birth).
    public var lifeExpectancy: Double { ex[0] }

    /// The infant mortality rate ₁q₀ a rule imposes, when the table starts with the band 0–1.
    static func givenInfantMortality(bands: AgeBands, rule: AverageYearsLivedRule) -> Double? {
        guard case .populationAnalysisSystem(_, _, let imr?) = rule, bands.lowerBounds[0] == 0,
            bands.width(of: 0) == 1
        else { return nil }
        return imr
    }

    /// The ax values a rule gives (open band: 1 / m).
    static func averageYearsLived(bands: AgeBands, mx: [Double], rule: AverageYearsLivedRule)
        throws(BuildError) -> [Double]
    {
        let count = bands.count
        var ax = (0..<count).map { index in
            bands.width(of: index).map { Double($0) / 2 } ?? 1 / mx[index]
        }
        switch rule {
        case .midInterval:
            break
        case .given(let values):
            guard values.count == count else {
                throw .countMismatch(what: "ax", count: values.count, bands: count)
            }
            for index in 0..<(count - 1) {
                let width = bands.width(of: index)!
                guard values[index] >= 0, values[index] <= Double(width) else {
                    throw .averageYearsOutOfRange(
                        age: bands.lowerBounds[index], value: values[index], width: width)
                }
                ax[index] = values[index]
            }
        case .coaleDemeny(let sex):
            if let (a0, a1) = ChildAverageYears.coaleDemeny(sex: sex, m0: mx[0]),
                bands.lowerBounds[0] == 0, bands.width(of: 0) == 1
            {
                ax[0] = a0
                if count > 2, bands.width(of: 1) == 4 { ax[1] = a1 }
            }
        case .populationAnalysisSystem(let sex, let region, let imr):
            if bands.lowerBounds[0] == 0, bands.width(of: 0) == 1 {
                let (a0, a1) = ChildAverageYears.populationAnalysisSystem(
                    sex: sex, region: region, m0: mx[0], q0: imr)
                ax[0] = a0
                if count > 2, bands.width(of: 1) == 4 { ax[1] = a1 }
            }
        }
        return ax
    }
}

/// The rules for ₁a₀ and ₄a₁ of young children.
enum ChildAverageYears {
    /// Preston, Heuveline & Guillot (2001), Table 3.3 (from Coale & Demeny 1983):
    /// males ₁a₀ = 0.045 + 2.684·m₀, ₄a₁ = 1.651 − 2.816·m₀; females ₁a₀ = 0.053 + 2.800·m₀,
    /// ₄a₁ = 1.522 − 1.518·m₀; for m₀ ≥ 0.107: 0.330, 1.352 (males), 0.350, 1.361 (females).
    static func coaleDemeny(sex: Sex, m0: Double) -> (Double, Double)? {
        switch sex {
        case .male:
            return m0 >= 0.107 ? (0.330, 1.352) : (0.045 + 2.684 * m0, 1.651 - 2.816 * m0)
        case .female:
            return m0 >= 0.107 ? (0.350, 1.361) : (0.053 + 2.800 * m0, 1.522 - 1.518 * m0)
        }
    }

    /// Coale–Demeny rules in terms of q₀ (UN Manual X, 1983, Table 164, as the PAS
    /// spreadsheet LTPOPDTH applies them): ₁a₀ = α + β·q₀, with β = 2.875 (males) or 3.0
    /// (females) and α = 0.0425 / 0.05 (West, North, South) or 0.0025 / 0.01 (East), and
    /// 0.33 / 0.35 (East 0.29 / 0.31) when q₀ > 0.1; ₄a₁ = c − d·q₀ with d = 3.013 (males) or
    /// 1.627 (females) and c = 1.653 / 1.524 (West), 1.859 / 1.733 (North), 1.614 / 1.487
    /// (East), 1.541 / 1.402 (South), and when q₀ > 0.1 the constants 1.352 / 1.361 (West),
    /// 1.558 / 1.570 (North), 1.313 / 1.324 (East), 1.240 / 1.239 (South).
    ///
    /// Without a given q₀ it comes from m₀: q = m / (1 + (1 − α − β·q)·m) is the quadratic
    /// β·m·q² − (1 + (1 − α)·m)·q + m = 0, whose smaller root is taken.
    static func populationAnalysisSystem(
        sex: Sex, region: CoaleDemenyRegion = .west, m0: Double, q0 given: Double? = nil
    ) -> (Double, Double) {
        let male = sex == .male
        let beta = male ? 2.875 : 3.0
        let alpha: Double
        let a0High: Double
        switch region {
        case .east: (alpha, a0High) = male ? (0.0025, 0.29) : (0.01, 0.31)
        default: (alpha, a0High) = male ? (0.0425, 0.33) : (0.05, 0.35)
        }
        let slope = male ? 3.013 : 1.627
        let (intercept, a1High): (Double, Double)
        switch region {
        case .west: (intercept, a1High) = male ? (1.653, 1.352) : (1.524, 1.361)
        case .north: (intercept, a1High) = male ? (1.859, 1.558) : (1.733, 1.570)
        case .east: (intercept, a1High) = male ? (1.614, 1.313) : (1.487, 1.324)
        case .south: (intercept, a1High) = male ? (1.541, 1.240) : (1.402, 1.239)
        }
        var q0 = 0.2
        if let given {
            q0 = given
        } else if m0 > 0 {
            let a = beta * m0
            let b = 1 + (1 - alpha) * m0
            let discriminant = b * b - 4 * a * m0
            if discriminant > 0 { q0 = (b - discriminant.squareRoot()) / (2 * a) }
        } else {
            q0 = 0
        }
        guard q0 <= 0.1 else { return (a0High, a1High) }
        return (alpha + beta * q0, intercept - slope * q0)
    }
}
