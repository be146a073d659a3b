/// Why a siting problem cannot be posed.
public enum SitingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The number of sites to choose exceeds the number of candidates.
    case tooManySites(requested: Int, candidates: Int)
    /// A negative number of sites.
    case negativeSiteCount(Int)
    /// A demand weight that is negative, infinite or NaN.
    case badWeight(point: Int, weight: Double)
    /// A capacity that is negative, infinite or NaN.
    case badCapacity(facility: Int, capacity: Double)
    /// A required share outside 0…1.
    case badShare(Double)
    /// The arrays do not fit the reach matrices (a programming error in the caller).
    case mismatchedSizes(String)

    public var description: String {
        switch self {
        case .tooManySites(let requested, let candidates):
            "cannot choose \(requested) sites among \(candidates) candidates"
        case .negativeSiteCount(let count):
            "the number of sites must not be negative (got \(count))"
        case .badWeight(let point, let weight):
            "demand point \(point) has weight \(weight); weights are finite and not negative"
        case .badCapacity(let facility, let capacity):
            "facility \(facility) has capacity \(capacity); capacities are finite and not negative"
        case .badShare(let share): "the share to cover must be between 0 and 1 (got \(share))"
        case .mismatchedSizes(let what): "sizes do not match: \(what)"
        }
    }
}

/// The sites a siting method chose and how good they are.
public struct SitingSolution: Sendable {
    /// How the solution was found.
    public enum Method: String, Hashable, Sendable {
        /// A mixed-integer program solved by GLPK.
        case exact
        /// Greedy selection, swap local search and a Lagrangian bound.
        case fast
    }

    /// How the search ended.
    public enum Status: String, Hashable, Sendable {
        /// Proven optimal (gap 0 within the solver's tolerance).
        case optimal
        /// A feasible solution with a proven bound; the gap says how far from optimal it can be.
        case feasible
        /// The time limit stopped the search; the solution is the best found (if any).
        case timeLimit = "time_limit"
        /// No choice of sites meets the requirement (e.g. the share cannot be reached).
        case infeasible
    }

    /// How the solution was found.
    public let method: Method
    /// How the search ended.
    public let status: Status
    /// The chosen candidates, by index, increasing.
    public let sites: [Int]
    /// The weight within reach of an existing or chosen site (capacitated problems: the
    /// weight served within capacities).
    public let coveredWeight: Double
    /// The part of ``coveredWeight`` that the existing facilities cover (capacitated: serve)
    /// on their own.
    public let existingCoveredWeight: Double
    /// All demand weight.
    public let totalWeight: Double
    /// The weight that no existing facility or candidate reaches.
    public let unreachableWeight: Double
    /// The objective: covered weight (maximal covering, capacitated) or number of new sites
    /// (set covering).
    public let objective: Double
    /// A proven bound on the objective: upper for maximal covering, lower for set covering;
    /// nil when unknown.
    public let bound: Double?
    /// The relative gap |bound − objective| / |objective|, as a fraction; 0 when proven
    /// optimal, nil when no bound is known.
    public let gap: Double?
    /// Wall-clock time of the solve.
    public let time: Duration

    /// The share of all demand weight covered, or nil when there is no weight.
    public var coveredShare: Double? { totalWeight > 0 ? coveredWeight / totalWeight : nil }

    /// The weight the chosen sites add to what existing facilities cover.
    public var newlyCoveredWeight: Double { coveredWeight - existingCoveredWeight }
}

extension SitingSolution {
    /// A relative gap, as GLPK defines it: |bound − objective| / (|objective| + ε).
    static func relativeGap(objective: Double, bound: Double?) -> Double? {
        guard let bound else { return nil }
        let gap = abs(bound - objective) / (abs(objective) + Double.ulpOfOne)
        // Differences of rounding (of sums and of subgradient steps) are not gaps.
        return gap < 1e-9 ? 0 : gap
    }
}
