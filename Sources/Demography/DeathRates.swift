import Foundation

/// Central death rates ₙmₓ (年龄别死亡率) by age band: deaths per person-year lived in the band.
///
/// A rate is its own type so that it cannot be mistaken for a count. The bands may start at
/// any age (a table of ages 60+ is allowed) and end in an open band.
public struct DeathRates: Hashable, Sendable {
    /// The age bands.
    public let bands: AgeBands
    /// One rate per band, per year of exposure.
    public let rates: [Double]

    /// Why numbers are not death rates.
    public enum InvariantError: Error, Hashable, Sendable, CustomStringConvertible {
        case countMismatch(rates: Int, bands: Int)
        case negative(age: Int, value: Double)
        case notFinite(age: Int)

        public var description: String {
            switch self {
            case .countMismatch(let rates, let bands): "\(rates) death rates for \(bands) age bands"
            case .negative(let age, let value):
                "the death rate at age \(age) is negative (\(value))"
            case .notFinite(let age): "the death rate at age \(age) is not a finite number"
            }
        }
    }

    /// Makes a schedule, checking that every rate is finite and not negative.
    /// - Throws: ``InvariantError``.
    public init(bands: AgeBands, rates: [Double]) throws(InvariantError) {
        guard rates.count == bands.count else {
            throw .countMismatch(rates: rates.count, bands: bands.count)
        }
        for (index, rate) in rates.enumerated() {
            guard rate.isFinite else { throw .notFinite(age: bands.lowerBounds[index]) }
            guard rate >= 0 else { throw .negative(age: bands.lowerBounds[index], value: rate) }
        }
        self.bands = bands
        self.rates = rates
    }

    init(unchecked bands: AgeBands, rates: [Double]) {
        self.bands = bands
        self.rates = rates
    }

    /// The rates multiplied age by age by factors (an improvement, a scenario).
    /// - Precondition: one non-negative finite factor per band.
    public func scaled(by factors: [Double]) -> DeathRates {
        precondition(factors.count == rates.count && factors.allSatisfy { $0 >= 0 && $0.isFinite })
        return DeathRates(unchecked: bands, rates: zip(rates, factors).map { $0 * $1 })
    }

    /// The parameters of Kannisto's logistic old-age mortality, μ(x) = a·e^{bx} / (1 + a·e^{bx}).
    public struct KannistoFit: Hashable, Sendable {
        /// The level a (> 0).
        public var a: Double
        /// The slope b (per year of age).
        public var b: Double

        public init(a: Double, b: Double) {
            self.a = a
            self.b = b
        }

        /// The force of mortality at exact age x.
        public func hazard(at age: Double) -> Double {
            let growth = a * exp(b * age)
            return growth / (1 + growth)
        }

        /// The probability of surviving from exact age `from` to exact age `to`:
        /// ((1 + a·e^{b·from}) / (1 + a·e^{b·to}))^{1/b}, the integral of the hazard in closed
        /// form.
        public func survival(from: Double, to: Double) -> Double {
            exp((log1p(a * exp(b * from)) - log1p(a * exp(b * to))) / b)
        }
    }

    /// Fits Kannisto's model to the closed bands whose lower bound is at least `fittingFrom`,
    /// by least squares on logit(m) = ln a + b·x at the band midpoints (Thatcher, Kannisto &
    /// Vaupel, *The Force of Mortality at Ages 80 to 120*, 1998).
    /// - Returns: nil when fewer than two bands qualify or a rate is not strictly between 0
    ///   and 1, or the fitted slope is not positive.
    public func kannistoFit(fittingFrom: Int) -> KannistoFit? {
        var xs: [Double] = []
        var ys: [Double] = []
        for index in 0..<(bands.count - 1) where bands.lowerBounds[index] >= fittingFrom {
            let rate = rates[index]
            guard rate > 0, rate < 1, let width = bands.width(of: index) else { return nil }
            xs.append(Double(bands.lowerBounds[index]) + Double(width) / 2)
            ys.append(log(rate / (1 - rate)))
        }
        guard xs.count >= 2 else { return nil }
        let meanX = xs.reduce(0, +) / Double(xs.count)
        let meanY = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0
        var sxx = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - meanX) * (y - meanY)
            sxx += (x - meanX) * (x - meanX)
        }
        let slope = sxy / sxx
        guard slope > 0, slope.isFinite else { return nil }
        return KannistoFit(a: exp(meanY - slope * meanX), b: slope)
    }

    /// Extends old-age mortality by Kannisto's model (an open band at 85 becomes 85–89, …,
    /// 95–99, 100+, say).
    ///
    /// The model is fitted to the closed bands from `fittingFrom` up (see ``kannistoFit``).
    /// New closed bands continue with the width of the last closed band from the old open
    /// age to `newOpenAge`; each takes the fitted hazard at its midpoint. The new open band's
    /// rate is 1 / e, where e is the life expectancy at `newOpenAge` under the fitted hazard,
    /// integrated (Simpson's rule, step 0.05 years) to `maximumAge`, so that its person-years
    /// close the table.
    /// - Returns: nil when the model cannot be fitted, or `newOpenAge` is not above the open
    ///   age or not on the grid of the last closed band.
    public func kannistoExtended(
        to newOpenAge: Int, fittingFrom: Int, maximumAge: Int = 130
    ) -> DeathRates? {
        guard bands.count >= 2, let width = bands.width(of: bands.count - 2),
            newOpenAge > bands.openAge, (newOpenAge - bands.openAge) % width == 0,
            maximumAge > newOpenAge, let fit = kannistoFit(fittingFrom: fittingFrom)
        else { return nil }
        var bounds = Array(bands.lowerBounds.dropLast())
        var newRates = Array(rates.dropLast())
        for lower in stride(from: bands.openAge, to: newOpenAge, by: width) {
            bounds.append(lower)
            newRates.append(fit.hazard(at: Double(lower) + Double(width) / 2))
        }
        bounds.append(newOpenAge)
        let start = Double(newOpenAge)
        var steps = Int(((Double(maximumAge) - start) / 0.05).rounded())
        if steps % 2 == 1 { steps += 1 }
        let h = (Double(maximumAge) - start) / Double(steps)
        var integral = 0.0
        for step in 0...steps {
            let weight: Double = step == 0 || step == steps ? 1 : (step % 2 == 1 ? 4 : 2)
            integral += weight * fit.survival(from: start, to: start + Double(step) * h)
        }
        integral *= h / 3
        newRates.append(1 / integral)
        guard let extended = try? AgeBands(lowerBounds: bounds) else { return nil }
        return DeathRates(unchecked: extended, rates: newRates)
    }
}
