import Foundation

/// How the weight of a facility–resident pair falls with walking distance in a floating
/// catchment.
public enum DistanceDecay: Hashable, Sendable {
    /// Weight 1 everywhere within the catchment: the plain 2SFCA of Luo & Wang (2003).
    case none
    /// Stepped weights by zone (E2SFCA, Luo & Qi 2009): a distance d gets the weight of the
    /// first zone (in increasing order of its upper distance) with d ≤ upper distance, and 0
    /// beyond the last zone.
    case steps([Zone])
    /// The Gaussian weight exp(−d² / (2σ²)), σ in metres (1 at distance 0, unnormalised).
    case gaussian(sigma: Double)

    /// One zone of a stepped decay: distances up to `upperDistance` metres weigh `weight`.
    public struct Zone: Hashable, Sendable {
        public var upperDistance: Double
        public var weight: Double

        public init(upperDistance: Double, weight: Double) {
            self.upperDistance = upperDistance
            self.weight = weight
        }
    }

    /// Luo & Qi's (2009) zones scaled to a catchment: 0–⅓, ⅓–⅔ and ⅔–1 of `radius`, weighing
    /// 1.00, 0.68 and 0.22 (their 0–10, 10–20 and 20–30-minute zones).
    public static func luoQiSteps(radius: Double) -> DistanceDecay {
        .steps([
            Zone(upperDistance: radius / 3, weight: 1),
            Zone(upperDistance: 2 * radius / 3, weight: 0.68),
            Zone(upperDistance: radius, weight: 0.22),
        ])
    }

    /// The Gaussian whose weight at a third of `radius` is Luo & Qi's 0.68:
    /// σ = (radius / 3) / √(−2 ln 0.68) ≈ 0.3796 · radius (and 0.21 at two thirds, near
    /// their 0.22).
    public static func luoQiGaussian(radius: Double) -> DistanceDecay {
        .gaussian(sigma: radius / 3 / (-2 * log(0.68)).squareRoot())
    }

    /// The weight at a distance in metres.
    public func weight(at distance: Double) -> Double {
        sorted.weightInOrder(at: distance)
    }

    /// The weight at a distance, for zones already in increasing order.
    @inline(__always)
    func weightInOrder(at distance: Double) -> Double {
        switch self {
        case .none:
            return 1
        case .steps(let zones):
            for zone in zones where distance <= zone.upperDistance {
                return zone.weight
            }
            return 0
        case .gaussian(let sigma):
            return exp(-distance * distance / (2 * sigma * sigma))
        }
    }

    /// The same decay with zones in increasing order, so that ``weight(at:)`` needs no sort.
    var sorted: DistanceDecay {
        if case .steps(let zones) = self {
            return .steps(zones.sorted { $0.upperDistance < $1.upperDistance })
        }
        return self
    }
}

/// Two-step floating catchment accessibility (两步移动搜寻法): supply per person reachable
/// from each demand point, with the catchment's demand shared among the facilities people
/// can reach.
///
/// Step 1: for each facility j, Rⱼ = Sⱼ / Σᵢ Pᵢ·w(dᵢⱼ) over the demand points i within the
/// catchment. Step 2: for each demand point i, Aᵢ = Σⱼ Rⱼ·w(dᵢⱼ) over the facilities within
/// the catchment. With w ≡ 1 this is the 2SFCA of Luo & Wang (2003, Environment and Planning
/// B 30:865–884); with stepped or Gaussian weights it is the enhanced 2SFCA (E2SFCA) of Luo &
/// Qi (2009, Health & Place 15:1100–1107). The same weight applies in both steps, and the
/// catchment is the cutoff of the ``ReachMatrix`` (distance ≤ cutoff), as PySAL `access`
/// defines `two_stage_fca` and `enhanced_two_stage_fca`: its values and ours agree to
/// rounding (see the test fixtures).
///
/// Two cases the formula leaves open are settled as `access` does where it can: a demand
/// point with no facility in its catchment has no value (`nil`; `access` gives NaN); a
/// facility whose catchment holds no weighted demand has no ratio and adds nothing (`access`
/// would divide by zero).
public enum FloatingCatchment {
    /// Computes 2SFCA or E2SFCA.
    /// - Parameters:
    ///   - demand: persons at each demand point (Pᵢ ≥ 0).
    ///   - supply: supply at each facility (Sⱼ ≥ 0: beds, places, staff).
    ///   - reach: the facility × demand pairs within the catchment, by facility.
    ///   - decay: the distance weight w.
    /// - Complexity: O(pairs), in parallel over facilities for step 1.
    public static func accessibility(
        demand: [Double], supply: [Double], reach: ReachMatrix, decay: DistanceDecay = .none,
        parallelism: Parallelism = .automatic
    ) -> FloatingCatchmentResult {
        precondition(reach.facilityCount == supply.count && reach.demandCount == demand.count)
        let decay = decay.sorted
        // The weight of every pair, computed once.
        let weights: [Double]
        if case .none = decay {
            weights = []
        } else {
            weights = parallelism.map(count: reach.pairCount, chunkSize: 16_384) {
                decay.weightInOrder(at: reach.distances[$0])
            }
        }
        let unweighted = weights.isEmpty
        // Step 1: the weighted demand in each facility's catchment.
        let weightedDemand = parallelism.map(count: reach.facilityCount, chunkSize: 256) {
            facility in
            var sum = 0.0
            for pair in reach.row(facility) {
                let persons = demand[Int(reach.demandIndices[pair])]
                sum += unweighted ? persons : persons * weights[pair]
            }
            return sum
        }
        let ratios: [Double?] = (0..<reach.facilityCount).map { facility in
            weightedDemand[facility] > 0 ? supply[facility] / weightedDemand[facility] : nil
        }
        // Step 2: the ratios in each demand point's catchment, in facility order.
        var access = [Double](repeating: 0, count: reach.demandCount)
        var reached = [Bool](repeating: false, count: reach.demandCount)
        for facility in 0..<reach.facilityCount {
            guard let ratio = ratios[facility] else { continue }
            for pair in reach.row(facility) {
                let point = Int(reach.demandIndices[pair])
                access[point] += unweighted ? ratio : ratio * weights[pair]
                reached[point] = true
            }
        }
        return FloatingCatchmentResult(
            accessibility: access.indices.map { reached[$0] ? access[$0] : nil },
            ratios: ratios, weightedDemand: weightedDemand, demand: demand)
    }
}

/// Accessibility scores from ``FloatingCatchment``.
public struct FloatingCatchmentResult: Sendable {
    /// Per demand point, Aᵢ in supply units per person; nil when no facility is in reach.
    public let accessibility: [Double?]
    /// Per facility, Rⱼ in supply units per person; nil when its catchment has no demand.
    public let ratios: [Double?]
    /// Per facility, Σᵢ Pᵢ·w(dᵢⱼ), persons.
    public let weightedDemand: [Double]
    let demand: [Double]

    /// Accessibility divided by its demand-weighted mean Σᵢ PᵢAᵢ / Σᵢ Pᵢ, so that 1 is the
    /// region's average (the `normalize` option of PySAL `access`: the mean's denominator
    /// counts every demand point, those without a value too). Nil where the score is nil.
    public var normalized: [Double?] {
        var weighted = 0.0
        var persons = 0.0
        for (index, score) in accessibility.enumerated() {
            persons += demand[index]
            if let score { weighted += demand[index] * score }
        }
        guard weighted > 0 else { return accessibility.map { _ in nil } }
        let mean = weighted / persons
        return accessibility.map { $0.map { $0 / mean } }
    }
}
