import Demography
import Foundation
import Quantities
import Testing

@Suite struct MortalityChangeTests {
    static let bands = AgeBands.uniform(width: 20, to: 80)
    static let a = [0.01, 0.002, 0.005, 0.02, 0.1].map { log($0) }
    static let b = [0.3, 0.25, 0.2, 0.15, 0.1]

    static func rates(k: [Double]) -> [[Double]] {
        k.map { level in zip(a, b).map { exp($0 + $1 * level) } }
    }

    @Test("Lee–Carter recovers a, b (Σb = 1) and k (Σk = 0) from rates made with them")
    func recoversSyntheticParameters() throws {
        let k: [Double] = [4.5, 3.4, 2.6, 1.2, 0.3, -0.4, -1.5, -2.2, -3.4, -4.5]
        let years = Array(2000..<2010)
        let model = try LeeCarter.fit(bands: Self.bands, years: years, rates: Self.rates(k: k))
        for x in 0..<5 {
            #expect(abs(model.a[x] - Self.a[x]) < 1e-10)
            #expect(abs(model.b[x] - Self.b[x]) < 1e-10)
        }
        for t in 0..<10 { #expect(abs(model.k[t] - k[t]) < 1e-9) }
        #expect(abs(model.b.reduce(0, +) - 1) < 1e-12)
        #expect(abs(model.k.reduce(0, +)) < 1e-9)
        #expect(abs(model.explainedVariance - 1) < 1e-12)
        // The drift by hand: (k_2009 − k_2000) / 9 = −9 / 9 = −1.
        #expect(abs(model.drift + 1) < 1e-9)
    }

    @Test(
        "The drift −1.25, its standard error 0.478714 and the 10-year forecast −14.5 ± 5.664215 by hand"
    )
    func driftAndStandardError() throws {
        // k = 3, 1, 0, −2, −2 over 2000–2004: drift (−2 − 3) / 4 = −1.25; innovations
        // Δk − d = −0.75, 0.25, −0.75, 1.25, σ² = 2.75 / 3 = 0.916667, se(d) = σ / 2 = 0.478714.
        // In 2014 (h = 10): k = −2 − 12.5 = −14.5, se = √(10 σ² + 100 se²) = √32.083333 = 5.664215.
        let model = try LeeCarter.fit(
            bands: Self.bands, years: Array(2000...2004), rates: Self.rates(k: [3, 1, 0, -2, -2]))
        #expect(abs(model.drift + 1.25) < 1e-9)
        #expect(abs(model.driftStandardError - 0.478714) < 1e-6)
        let forecast = model.forecast(year: 2014)
        #expect(abs(forecast.k + 14.5) < 1e-8)
        #expect(abs(forecast.standardError - 5.664215) < 1e-6)
        // Rates at a level of k are exp(a + b k).
        #expect(abs(model.rates(k: 0)[4] - 0.1) < 1e-12)
    }

    @Test(
        "Zero death rates in a small area do not break the fit: 7 zeros are replaced and all is finite"
    )
    func zeroRates() throws {
        var rates = Self.rates(k: [2, 1, 0, -1, -2])
        // A small district: nobody died aged 20–39 in four of five years, or aged 0–19 in 3.
        for t in 0..<4 { rates[t][1] = 0 }
        for t in 1..<4 { rates[t][0] = 0 }
        let model = try LeeCarter.fit(bands: Self.bands, years: Array(2016...2020), rates: rates)
        #expect(model.replacedRates == 7)
        #expect(model.a.allSatisfy(\.isFinite) && model.b.allSatisfy(\.isFinite))
        #expect(model.k.allSatisfy(\.isFinite) && model.drift.isFinite)
        #expect(abs(model.b.reduce(0, +) - 1) < 1e-12)
        // Rates of 0 everywhere cannot be fitted.
        #expect(throws: LeeCarter.FitError.allRatesZero) {
            try LeeCarter.fit(
                bands: Self.bands, years: [1, 2, 3],
                rates: Array(repeating: [0, 0, 0, 0, 0], count: 3))
        }
    }

    @Test("A life expectancy target is met by Brent's method: e0 raised by 2 years exactly")
    func lifeExpectancyTarget() throws {
        let base = try DeathRates(bands: Self.bands, rates: [0.01, 0.002, 0.005, 0.02, 0.1])
        let start = try LifeTable(base).lifeExpectancy
        let (k, rates) = try MortalityChange.matchingLifeExpectancy(
            base: base, pattern: Self.b, target: start + 2)
        // Checked by building the table again from the rates found.
        #expect(abs(try LifeTable(rates).lifeExpectancy - (start + 2)) < 1e-8)
        #expect(k < 0)
        #expect(throws: MortalityChange.TargetError.unreachable(target: 5000)) {
            try MortalityChange.matchingLifeExpectancy(base: base, pattern: Self.b, target: 5000)
        }
    }

    @Test("Constant improvement of 2% a year for 10 years multiplies rates by 0.98^10 = 0.817073")
    func constantImprovement() throws {
        let base = try DeathRates(bands: Self.bands, rates: [0.01, 0.002, 0.005, 0.02, 0.1])
        let improved = MortalityChange.improved(
            base, annualRates: [0.02, 0.02, 0.02, 0.02, 0.02], years: 10)
        #expect(abs(improved.rates[4] - 0.1 * 0.8170728) < 1e-8)
        let assumption = MortalityAssumption(
            base: BySex(both: base), baseYear: 2020,
            change: .constantImprovement(BySex(both: [0.02])), rule: BySex(both: .midInterval))
        #expect(try assumption.deathRates(sex: .female, year: 2030) == improved)
        let path = MortalityAssumption(
            base: BySex(both: base), baseYear: 2020,
            change: .lifeExpectancy(
                BySex(
                    both: YearlyValues(years: [2020, 2030], values: [70, 72], rule: .interpolate)),
                pattern: nil),
            rule: BySex(both: .midInterval))
        #expect(abs(try path.lifeTable(sex: .male, year: 2025).lifeExpectancy - 71) < 1e-8)
    }

    @Test(
        "Kannisto's model fitted to logistic rates recovers a = 5e-5 and b = 0.11 and extends to 110+"
    )
    func kannisto() throws {
        let fit = DeathRates.KannistoFit(a: 5e-5, b: 0.11)
        let bands = try AgeBands(lowerBounds: [0, 80, 85, 90, 95])
        // Rates that are exactly logistic at the band midpoints, so logit(m) is linear.
        let rates = [0.001] + [82.5, 87.5, 92.5].map { fit.hazard(at: $0) } + [0.4]
        let schedule = try DeathRates(bands: bands, rates: rates)
        let fitted = try #require(schedule.kannistoFit(fittingFrom: 80))
        #expect(abs(fitted.a - 5e-5) < 1e-15)
        #expect(abs(fitted.b - 0.11) < 1e-12)
        let extended = try #require(schedule.kannistoExtended(to: 110, fittingFrom: 80))
        #expect(extended.bands.lowerBounds == [0, 80, 85, 90, 95, 100, 105, 110])
        #expect(abs(extended.rates[4] - fit.hazard(at: 97.5)) < 1e-12)
        // The open rate is 1 / e(110); with the hazard near 0.62 at 110 and rising, e is
        // below 1 / 0.62 = 1.61 years and the rate above 0.62.
        #expect(extended.rates[7] > fit.hazard(at: 110) && extended.rates[7] < 1)
    }
}
