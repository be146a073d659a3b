import Foundation
import GSL
import Quantities

/// The Lee–Carter model of mortality change (Lee & Carter, *Modeling and Forecasting U.S.
/// Mortality*, JASA 87, 1992): ln m(x, t) = a(x) + b(x)·k(t).
///
/// Fitted by the singular value decomposition of the centred matrix of log death rates
/// (through GSL), with the usual normalisation Σ b(x) = 1 and Σ k(t) = 0 (a(x) is the mean of
/// ln m(x, t) over the years). No second-stage adjustment of k is made (the `"none"` option of
/// `demography::lca`), so a hand-computed SVD gives the same a, b, k.
///
/// k is forecast as a random walk with drift: the drift d = (k_T − k_1) / (T − 1) and the
/// innovation variance σ² = Σ (Δk − d)² / (T − 2); the standard error of the drift is
/// σ / √(T − 1), and of k h years after the last one √(h·σ² + h²·σ²/(T − 1)).
///
/// Death rates of 0 (small areas, rare causes) have no logarithm. Each is replaced before the
/// fit by the geometric mean of the positive rates at the same age over the years; an age
/// with no positive rate at all takes the smallest positive rate of the matrix. The number of
/// replaced cells is reported.
public struct LeeCarter: Hashable, Sendable {
    /// The age bands.
    public let bands: AgeBands
    /// The years of the fit, increasing.
    public let years: [Int]
    /// The mean log death rate by age.
    public let a: [Double]
    /// The age response to k, summing to 1.
    public let b: [Double]
    /// The mortality index by year, summing to 0.
    public let k: [Double]
    /// The drift of k per year.
    public let drift: Double
    /// The standard error of the drift.
    public let driftStandardError: Double
    /// The standard deviation of the yearly innovations of k.
    public let innovationStandardDeviation: Double
    /// The share of the variance of the centred log rates the first component explains.
    public let explainedVariance: Double
    /// How many zero (or missing) rates were replaced before the fit.
    public let replacedRates: Int

    /// Why a Lee–Carter model cannot be fitted.
    public enum FitError: Error, Hashable, Sendable, CustomStringConvertible {
        case tooFewYears(Int)
        case shape(expected: Int, got: Int, year: Int)
        case invalidRate(age: Int, year: Int, value: Double)
        case yearsNotIncreasing
        case allRatesZero
        case decomposition(String)

        public var description: String {
            switch self {
            case .tooFewYears(let count):
                "Lee–Carter needs at least 3 years of rates (got \(count))"
            case .shape(let expected, let got, let year):
                "year \(year) has \(got) rates for \(expected) age bands"
            case .invalidRate(let age, let year, let value):
                "the death rate at age \(age) in \(year) must be a number of at least 0 (got \(value))"
            case .yearsNotIncreasing: "the years of a Lee–Carter fit must increase"
            case .allRatesZero: "every death rate is 0"
            case .decomposition(let message): "the singular value decomposition failed: \(message)"
            }
        }
    }

    /// Fits the model.
    /// - Parameters:
    ///   - bands: the age bands of the rates.
    ///   - years: the calendar years, increasing, at least 3.
    ///   - rates: `rates[year][band]`, death rates (0 allowed).
    /// - Throws: ``FitError``.
    /// - Complexity: O(ages × years × min(ages, years)).
    public static func fit(bands: AgeBands, years: [Int], rates: [[Double]]) throws(FitError)
        -> LeeCarter
    {
        let ages = bands.count
        let count = years.count
        guard count >= 3 else { throw .tooFewYears(count) }
        guard zip(years, years.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .yearsNotIncreasing
        }
        for (t, row) in rates.enumerated() {
            guard row.count == ages else {
                throw .shape(expected: ages, got: row.count, year: years[t])
            }
            for (x, rate) in row.enumerated() where !(rate >= 0 && rate.isFinite) {
                throw .invalidRate(age: bands.lowerBounds[x], year: years[t], value: rate)
            }
        }
        guard rates.count == count else { throw .tooFewYears(rates.count) }
        let smallest = rates.joined().filter { $0 > 0 }.min()
        guard let smallest else { throw .allRatesZero }
        var logs = [Double](repeating: 0, count: ages * count)  // ages × years, row-major
        var replaced = 0
        for x in 0..<ages {
            let positive = (0..<count).compactMap { rates[$0][x] > 0 ? log(rates[$0][x]) : nil }
            let fill =
                positive.isEmpty ? log(smallest) : positive.reduce(0, +) / Double(positive.count)
            for t in 0..<count {
                if rates[t][x] > 0 {
                    logs[x * count + t] = log(rates[t][x])
                } else {
                    logs[x * count + t] = fill
                    replaced += 1
                }
            }
        }
        var a = [Double](repeating: 0, count: ages)
        var centred = logs
        for x in 0..<ages {
            a[x] = logs[(x * count)..<((x + 1) * count)].reduce(0, +) / Double(count)
            for t in 0..<count { centred[x * count + t] -= a[x] }
        }
        let decomposition: SingularValueDecomposition
        do {
            decomposition = try SingularValueDecomposition(
                Matrix(rows: ages, columns: count, elements: centred))
        } catch {
            throw .decomposition(error.description)
        }
        let u = decomposition.u.column(0)
        let v = decomposition.v.column(0)
        let s = decomposition.singularValues[0]
        let sumU = u.reduce(0, +)
        let b = u.map { $0 / sumU }
        var k = v.map { $0 * s * sumU }
        // Σk = 0 holds up to rounding because every row was centred; make it exact.
        let meanK = k.reduce(0, +) / Double(count)
        k = k.map { $0 - meanK }
        let span = Double(years[count - 1] - years[0])
        let drift = (k[count - 1] - k[0]) / span
        // Innovations per year (years may be spaced; each difference is scaled to one year).
        var squares = 0.0
        for t in 1..<count {
            let gap = Double(years[t] - years[t - 1])
            let innovation = (k[t] - k[t - 1] - drift * gap) / gap.squareRoot()
            squares += innovation * innovation
        }
        let sigma = count > 2 ? (squares / Double(count - 2)).squareRoot() : 0
        let total = decomposition.singularValues.reduce(0) { $0 + $1 * $1 }
        return LeeCarter(
            bands: bands, years: years, a: a, b: b, k: k, drift: drift,
            driftStandardError: sigma / span.squareRoot(), innovationStandardDeviation: sigma,
            explainedVariance: total > 0 ? s * s / total : 1, replacedRates: replaced)
    }

    /// The death rates for a level of k: exp(a + b·k).
    public func rates(k level: Double) -> [Double] {
        zip(a, b).map { exp($0 + $1 * level) }
    }

    /// The forecast of k in a year after the last fitted one, and its standard error.
    public func forecast(year: Int) -> (k: Double, standardError: Double) {
        let last = years[years.count - 1]
        let h = Double(year - last)
        let variance =
            h * innovationStandardDeviation * innovationStandardDeviation + h * h
            * driftStandardError * driftStandardError
        return (k[k.count - 1] + drift * h, max(variance, 0).squareRoot())
    }
}

/// Mortality change by targets of life expectancy and by constant rates of improvement.
public enum MortalityChange {
    /// Why a target cannot be met.
    public enum TargetError: Error, Hashable, Sendable, CustomStringConvertible {
        case unreachable(target: Double)
        case lifeTable(LifeTable.BuildError)

        public var description: String {
            switch self {
            case .unreachable(let target):
                "no level of mortality of this age pattern gives a life expectancy of \(target)"
            case .lifeTable(let error): error.description
            }
        }
    }

    /// The level k at which rates m(x) = base(x)·exp(b(x)·k) give a life expectancy at birth
    /// equal to `target`, found by Brent's method (through GSL) on [−50, 50].
    ///
    /// This is the second way of making mortality change: a path of e₀ (from the UN WPP, a
    /// plan) and an age pattern of change (Lee–Carter's b, or equal shares for a proportional
    /// change) give the rates of each year.
    /// - Parameters:
    ///   - base: the starting rates.
    ///   - pattern: b(x), one per band (need not sum to 1); positive values make k lower
    ///     mortality when negative.
    ///   - target: e₀ in years.
    ///   - rule: the ax rule of the life tables.
    /// - Returns: k and the rates.
    /// - Throws: ``TargetError``.
    public static func matchingLifeExpectancy(
        base: DeathRates, pattern: [Double], target: Double,
        rule: AverageYearsLivedRule = .midInterval
    ) throws(TargetError) -> (k: Double, rates: DeathRates) {
        precondition(pattern.count == base.rates.count, "one pattern value per band")
        func rates(_ k: Double) -> [Double] { zip(base.rates, pattern).map { $0 * exp($1 * k) } }
        func gap(_ k: Double) throws -> Double {
            try LifeTable(bands: base.bands, deathRates: rates(k), rule: rule).lifeExpectancy
                - target
        }
        let k: Double
        do {
            k = try findRoot(
                of: gap, in: -50...50, absoluteTolerance: 1e-12, relativeTolerance: 1e-12)
        } catch let error as LifeTable.BuildError {
            throw .lifeTable(error)
        } catch {
            throw .unreachable(target: target)
        }
        return (k, DeathRates(unchecked: base.bands, rates: rates(k)))
    }

    /// Rates after constant annual rates of improvement: m(x, t) = m(x, t₀)·(1 − r(x))^{t − t₀}.
    /// - Precondition: one rate per band, each below 1.
    public static func improved(_ base: DeathRates, annualRates: [Double], years: Int)
        -> DeathRates
    {
        precondition(annualRates.count == base.rates.count && annualRates.allSatisfy { $0 < 1 })
        return base.scaled(by: annualRates.map { pow(1 - $0, Double(years)) })
    }
}

/// What mortality is assumed over the years: a base schedule by sex and how it changes.
public struct MortalityAssumption: Hashable, Sendable {
    /// How death rates change after the base year.
    public enum Change: Hashable, Sendable {
        /// The base rates every year.
        case none
        /// Constant annual improvement rates by band (one value per band, or one value for
        /// all), by sex.
        case constantImprovement(BySex<[Double]>)
        /// Life expectancy at birth by year for each sex; rates move along the age pattern
        /// of change (b(x); nil for a proportional change of every rate), with k found each
        /// year by root finding.
        case lifeExpectancy(BySex<YearlyValues>, pattern: BySex<[Double]>?)
        /// Lee–Carter models by sex: each year's rates are the base rates moved by b(x) times
        /// the drift of k since the base year.
        case leeCarter(BySex<LeeCarter>)
    }

    /// Death rates by sex in the base year.
    public var base: BySex<DeathRates>
    /// The year of the base rates.
    public var baseYear: Int
    /// How rates change.
    public var change: Change
    /// The ax rule of the life tables built from the rates.
    public var rule: BySex<AverageYearsLivedRule>

    public init(
        base: BySex<DeathRates>, baseYear: Int, change: Change = .none,
        rule: BySex<AverageYearsLivedRule> = BySex(
            female: .coaleDemeny(.female), male: .coaleDemeny(.male))
    ) {
        self.base = base
        self.baseYear = baseYear
        self.change = change
        self.rule = rule
    }

    /// The death rates of a sex in a year.
    /// - Throws: ``MortalityChange/TargetError`` when an e₀ target cannot be met.
    public func deathRates(sex: Sex, year: Int) throws(MortalityChange.TargetError) -> DeathRates {
        let rates = base[sex]
        switch change {
        case .none:
            return rates
        case .constantImprovement(let improvement):
            let given = improvement[sex]
            let perBand =
                given.count == 1 ? Array(repeating: given[0], count: rates.rates.count) : given
            return MortalityChange.improved(rates, annualRates: perBand, years: year - baseYear)
        case .lifeExpectancy(let paths, let patterns):
            guard let target = paths[sex].value(in: year) else { return rates }
            let pattern =
                patterns?[sex]
                ?? Array(repeating: 1 / Double(rates.rates.count), count: rates.rates.count)
            return try MortalityChange.matchingLifeExpectancy(
                base: rates, pattern: pattern, target: target, rule: rule[sex]
            ).rates
        case .leeCarter(let models):
            let model = models[sex]
            let k = model.drift * Double(year - baseYear)
            return DeathRates(
                unchecked: rates.bands, rates: zip(rates.rates, model.b).map { $0 * exp($1 * k) })
        }
    }

    /// The life table of a sex in a year.
    /// - Throws: ``MortalityChange/TargetError``.
    public func lifeTable(sex: Sex, year: Int) throws(MortalityChange.TargetError) -> LifeTable {
        let rates = try deathRates(sex: sex, year: year)
        do {
            return try LifeTable(rates, rule: rule[sex])
        } catch {
            throw .lifeTable(error)
        }
    }
}
