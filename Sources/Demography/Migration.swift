import Foundation

/// The Rogers–Castro model migration schedule (年龄迁移模式), seven parameters:
/// m(x) = a₁·e^{−α₁x} + a₂·e^{−α₂(x − μ₂) − e^{−λ₂(x − μ₂)}} + c
/// (Rogers & Castro, *Model Migration Schedules*, IIASA RR-81-30, 1981): a childhood
/// component falling with age, a labour-force peak near μ₂ and a constant.
public struct RogersCastro: Hashable, Sendable {
    public var a1: Double
    public var alpha1: Double
    public var a2: Double
    public var alpha2: Double
    public var mu2: Double
    public var lambda2: Double
    public var c: Double

    public init(
        a1: Double, alpha1: Double, a2: Double, alpha2: Double, mu2: Double, lambda2: Double,
        c: Double
    ) {
        self.a1 = a1
        self.alpha1 = alpha1
        self.a2 = a2
        self.alpha2 = alpha2
        self.mu2 = mu2
        self.lambda2 = lambda2
        self.c = c
    }

    /// The "fundamental" parameters Rogers & Castro (1981) suggest: a₁ = 0.02, α₁ = 0.1,
    /// a₂ = 0.06, α₂ = 0.1, μ₂ = 20, λ₂ = 0.4, c = 0.003 (peak of labour migration about age
    /// 22).
    public static let fundamental = RogersCastro(
        a1: 0.02, alpha1: 0.1, a2: 0.06, alpha2: 0.1, mu2: 20, lambda2: 0.4, c: 0.003)

    /// The schedule's value at exact age x.
    public func rate(at age: Double) -> Double {
        let shifted = age - mu2
        return a1 * exp(-alpha1 * age) + a2 * exp(-alpha2 * shifted - exp(-lambda2 * shifted))
            + c
    }

    /// The share of migrants in each band: the schedule at the middle of each single year,
    /// summed over the band's years (the open band: its years to age 100), normalised to 1.
    public func shares(on bands: AgeBands) -> [Double] {
        let raw = (0..<bands.count).map { index -> Double in
            let lower = bands.lowerBounds[index]
            let upper = bands.width(of: index).map { lower + $0 } ?? max(lower + 1, 101)
            return (lower..<upper).reduce(0) { $0 + rate(at: Double($1) + 0.5) }
        }
        let sum = raw.reduce(0, +)
        return raw.map { $0 / sum }
    }

    /// A net migration total spread over ages and sexes.
    /// - Parameters:
    ///   - total: net migrants (negative for net emigration), both sexes.
    ///   - femaleShare: the female share of the total (0…1).
    public func distribute(_ total: Double, on bands: AgeBands, femaleShare: Double = 0.5)
        -> BySex<[Double]>
    {
        let shares = shares(on: bands)
        return BySex(
            female: shares.map { $0 * total * femaleShare },
            male: shares.map { $0 * total * (1 - femaleShare) })
    }
}
