import GLPK

/// The location set covering problem (LSCP, 集合覆盖选址; Toregas, Swain, ReVelle & Bergman
/// 1971, Operations Research 19:1363–1373): the fewest new sites such that every demand
/// point — or a given share of the demand weight — is within the service radius of an
/// existing or new site.
///
/// Minimise Σⱼ xⱼ subject to Σⱼ∈Nᵢ xⱼ ≥ 1 for every point i (or, for a share s of the total
/// weight W: yᵢ ≤ Σⱼ∈Nᵢ xⱼ and Σᵢ aᵢ yᵢ ≥ s·W − the weight existing facilities cover).
/// Points that no candidate and no existing facility reaches cannot be covered; for
/// ``Requirement/everyPoint`` they are left out and listed in ``unreachablePoints`` (the
/// classical model would be infeasible), for a share their weight counts against it.
public struct LocationSetCoveringProblem: Sendable {
    /// What must be covered.
    public enum Requirement: Hashable, Sendable {
        /// Every demand point some candidate or existing facility reaches, whatever its weight.
        case everyPoint
        /// At least this share (0…1) of the total demand weight.
        case share(Double)
    }

    /// What must be covered.
    public let requirement: Requirement
    let pointWeights: [Double]
    let groups: CoverageGroups
    /// The weights the covering counts: group weights, or point counts for every point.
    let searchGroups: CoverageGroups
    /// The weight (or number of points) the new sites must cover.
    let need: Double

    /// Poses the problem.
    /// - Throws: ``SitingError`` for bad weights, a share outside 0…1 or mismatched sizes.
    public init(
        weights: [Double], candidates: ReachMatrix, existing: ReachMatrix? = nil,
        requirement: Requirement
    ) throws(SitingError) {
        try MaximalCoveringProblem.validate(
            weights: weights, candidates: candidates, existing: existing)
        self.requirement = requirement
        self.pointWeights = weights
        switch requirement {
        case .everyPoint:
            groups = CoverageGroups(
                weights: weights, candidates: candidates, existing: existing,
                keepZeroWeight: true)
            searchGroups = groups.reweighted(groups.pointCounts.map(Double.init))
            need = Double(groups.pointCounts.reduce(0, +))
        case .share(let share):
            guard share.isFinite, (0...1).contains(share) else { throw .badShare(share) }
            groups = CoverageGroups(
                weights: weights, candidates: candidates, existing: existing,
                keepZeroWeight: false)
            searchGroups = groups
            // A little slack so that a share met up to rounding counts as met.
            let target = share * groups.totalWeight - groups.existingWeight
            need = max(0, target - 1e-9 * max(1, groups.totalWeight))
        }
    }

    /// The points that no candidate and no existing facility reaches, in index order.
    public var unreachablePoints: [Int] { groups.unreachablePoints }

    /// The largest share of the total weight any choice of sites reaches.
    public var attainableShare: Double? {
        guard groups.totalWeight > 0 else { return nil }
        return (groups.totalWeight - groups.unreachableWeight) / groups.totalWeight
    }

    /// Whether some choice of sites meets the requirement.
    public var isFeasible: Bool {
        searchGroups.weights.reduce(0, +) >= need
    }

    /// Solves the problem exactly as an integer program with GLPK.
    /// - Throws: `GLPKError` when GLPK fails.
    public func solveExactly(options: SolveOptions = SolveOptions()) throws(GLPKError)
        -> SitingSolution
    {
        let clock = ContinuousClock()
        let start = clock.now
        guard isFeasible else { return infeasible(method: .exact, time: clock.now - start) }
        var model = MixedIntegerProgram(sense: .minimize)
        var open: [Variable] = []
        for candidate in 0..<groups.candidateCount {
            open.append(try model.addVariable(name: "x\(candidate)", kind: .binary, objective: 1))
        }
        switch requirement {
        case .everyPoint:
            for group in 0..<groups.count {
                try model.addConstraint(
                    name: "cover\(group)",
                    groups.candidates(of: group).map {
                        (open[Int(groups.groupCandidates[$0])], 1.0)
                    },
                    .greaterOrEqual(1))
            }
        case .share:
            var total: [(Variable, Double)] = []
            for group in 0..<groups.count {
                let covered = try model.addVariable(
                    name: "y\(group)", kind: .continuous, lowerBound: 0, upperBound: 1)
                var terms: [(Variable, Double)] = [(covered, 1)]
                for slot in groups.candidates(of: group) {
                    terms.append((open[Int(groups.groupCandidates[slot])], -1))
                }
                try model.addConstraint(name: "cover\(group)", terms, .lessOrEqual(0))
                total.append((covered, groups.weights[group]))
            }
            try model.addConstraint(name: "share", total, .greaterOrEqual(need))
        }
        let solution = try model.solve(options: options)
        let time = clock.now - start
        guard solution.hasSolution else {
            return SitingSolution(
                method: .exact,
                status: solution.status == .infeasible ? .infeasible : .timeLimit, sites: [],
                coveredWeight: groups.existingWeight, existingCoveredWeight: groups.existingWeight,
                totalWeight: groups.totalWeight, unreachableWeight: groups.unreachableWeight,
                objective: 0, bound: solution.bestBound, gap: nil, time: time)
        }
        let sites = open.indices.filter { solution.values[open[$0].index] > 0.5 }
        let status: SitingSolution.Status =
            switch solution.status {
            case .optimal: .optimal
            case .feasible: .feasible
            case .timeLimit: .timeLimit
            case .infeasible, .unbounded: .infeasible
            }
        // The bound of a count is a whole number.
        let bound =
            status == .optimal
            ? Double(sites.count) : solution.bestBound.map { ($0 - 1e-6).rounded(.up) }
        return makeSolution(method: .exact, status: status, sites: sites, bound: bound, time: time)
    }

    /// Solves the problem fast, with a proven lower bound on the number of sites.
    ///
    /// Greedy selection (most uncovered weight — or points — first) until the requirement is
    /// met; then sites are dropped while the rest still meet it, and fewer sites are tried:
    /// the best k − 1 sites by greedy and swaps (as for maximal covering) replace the k found
    /// while they still meet the requirement. The lower bound is 1 + the largest k whose
    /// maximal covering bound (greedy and Lagrangian, see
    /// ``MaximalCoveringProblem/solveFast(options:)``) falls short of the requirement: no k
    /// sites can then meet it.
    public func solveFast(options: FastSitingOptions = FastSitingOptions()) -> SitingSolution {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = options.timeLimit.map { start + $0 }
        guard isFeasible else { return infeasible(method: .fast, time: clock.now - start) }
        guard need > 0 else {
            return makeSolution(
                method: .fast, status: .optimal, sites: [], bound: 0, time: clock.now - start)
        }
        let search = CoverageSearch(groups: searchGroups, parallelism: options.parallelism)
        var sites = greedyCover(search)
        sites = dropRedundant(sites)
        // Try fewer sites while the best k − 1 still meet the requirement.
        while sites.count > 1 {
            if let deadline, clock.now > deadline { break }
            let (smaller, _) = search.greedy(count: sites.count - 1)
            let improved = search.improveBySwaps(smaller, deadline: deadline)
            guard searchGroups.coveredWeight(by: improved) >= need else { break }
            sites = dropRedundant(improved)
        }
        let lower = lowerBound(search, below: sites.count, options: options, deadline: deadline)
        let stopped = deadline.map { clock.now > $0 } ?? false
        let status: SitingSolution.Status =
            lower >= Double(sites.count) ? .optimal : (stopped ? .timeLimit : .feasible)
        return makeSolution(
            method: .fast, status: status, sites: sites.sorted(), bound: lower,
            time: clock.now - start)
    }

    /// Adds the site of largest gain until the requirement is met.
    private func greedyCover(_ search: CoverageSearch) -> [Int] {
        var covered = [Int32](repeating: 0, count: searchGroups.count)
        var sites: [Int] = []
        var value = 0.0
        var chosen = [Bool](repeating: false, count: searchGroups.candidateCount)
        while value < need {
            let gain = search.gains(coveredCount: covered)
            var best = -1
            for candidate in gain.indices where !chosen[candidate] {
                if best < 0 || gain[candidate] > gain[best] { best = candidate }
            }
            guard best >= 0, gain[best] > 0 else { break }
            chosen[best] = true
            sites.append(best)
            for slot in searchGroups.groups(of: best) {
                let group = Int(searchGroups.candidateGroups[slot])
                if covered[group] == 0 { value += searchGroups.weights[group] }
                covered[group] += 1
            }
        }
        return sites
    }

    /// Drops sites, the one covering the least weight alone first, while the rest still meet
    /// the requirement.
    private func dropRedundant(_ start: [Int]) -> [Int] {
        var sites = start
        var changed = true
        while changed && !sites.isEmpty {
            changed = false
            var count = [Int32](repeating: 0, count: searchGroups.count)
            for site in sites {
                for slot in searchGroups.groups(of: site) {
                    count[Int(searchGroups.candidateGroups[slot])] += 1
                }
            }
            var value = 0.0
            for group in 0..<searchGroups.count where count[group] > 0 {
                value += searchGroups.weights[group]
            }
            let losses = sites.map { site in
                searchGroups.groups(of: site).reduce(0.0) { sum, slot in
                    let group = Int(searchGroups.candidateGroups[slot])
                    return count[group] == 1 ? sum + searchGroups.weights[group] : sum
                }
            }
            let order = sites.indices.sorted {
                losses[$0] < losses[$1] || (losses[$0] == losses[$1] && sites[$0] < sites[$1])
            }
            if let position = order.first, value - losses[position] >= need {
                sites.remove(at: position)
                changed = true
            }
        }
        return sites
    }

    /// 1 + the largest k below `count` whose maximal covering bound is short of the
    /// requirement (bisection; each bound tried is valid on its own).
    private func lowerBound(
        _ search: CoverageSearch, below count: Int, options: FastSitingOptions,
        deadline: ContinuousClock.Instant?
    ) -> Double {
        func bound(_ k: Int) -> Double {
            let greedy = search.greedy(count: k)
            var value = greedy.bound
            if value >= need {
                let lagrangian = search.lagrangian(
                    count: k, lowerBound: searchGroups.coveredWeight(by: greedy.sites),
                    iterations: options.iterations, targetGap: options.targetGap,
                    deadline: deadline)
                value = min(value, lagrangian.bound)
            }
            return value
        }
        // Invariant: k ≤ low − 1 are proven short; high sites suffice.
        var low = 1
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if bound(middle) < need {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return Double(low)
    }

    private func infeasible(method: SitingSolution.Method, time: Duration) -> SitingSolution {
        SitingSolution(
            method: method, status: .infeasible, sites: [], coveredWeight: groups.existingWeight,
            existingCoveredWeight: groups.existingWeight, totalWeight: groups.totalWeight,
            unreachableWeight: groups.unreachableWeight, objective: 0, bound: nil, gap: nil,
            time: time)
    }

    private func makeSolution(
        method: SitingSolution.Method, status: SitingSolution.Status, sites: [Int],
        bound: Double?, time: Duration
    ) -> SitingSolution {
        let covered = groups.totalCoveredWeight(weights: pointWeights, sites: sites)
        let objective = Double(sites.count)
        return SitingSolution(
            method: method, status: status, sites: sites, coveredWeight: covered,
            existingCoveredWeight: groups.existingWeight, totalWeight: groups.totalWeight,
            unreachableWeight: groups.unreachableWeight, objective: objective, bound: bound,
            gap: objective == 0
                ? 0 : SitingSolution.relativeGap(objective: objective, bound: bound),
            time: time)
    }
}
