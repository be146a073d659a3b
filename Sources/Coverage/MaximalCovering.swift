import GLPK

/// The maximal covering location problem (MCLP, 最大覆盖选址; Church & ReVelle 1974, Papers of
/// the Regional Science Association 32:101–118): choose p new sites among candidates to
/// maximise the demand weight within the service radius of an existing or new site.
///
/// With aᵢ the weight of demand point i, Nᵢ the candidates that reach it and xⱼ, yᵢ binary:
/// maximise Σᵢ aᵢ yᵢ subject to yᵢ ≤ Σⱼ∈Nᵢ xⱼ and Σⱼ xⱼ = p. Existing facilities are fixed
/// open: the points they reach are covered whatever is chosen (their weight is added to the
/// objective), as with `predefined_facilities_arr` in PySAL `spopt`. A point is reached when
/// its walking distance is at most the radius (boundary included, as in `spopt`), which the
/// ``ReachMatrix`` already encodes.
public struct MaximalCoveringProblem: Sendable {
    /// The number of new sites to choose.
    public let siteCount: Int
    let pointWeights: [Double]
    let groups: CoverageGroups

    /// Poses the problem.
    /// - Parameters:
    ///   - weights: the demand weight of each point (persons), finite and ≥ 0.
    ///   - candidates: which points each candidate site reaches within the radius.
    ///   - existing: which points each existing facility reaches, if any.
    ///   - siteCount: p, the number of new sites, 0 ≤ p ≤ candidates.
    /// - Throws: ``SitingError`` for bad weights, a bad p or mismatched sizes.
    public init(
        weights: [Double], candidates: ReachMatrix, existing: ReachMatrix? = nil, siteCount: Int
    ) throws(SitingError) {
        try Self.validate(weights: weights, candidates: candidates, existing: existing)
        guard siteCount >= 0 else { throw .negativeSiteCount(siteCount) }
        guard siteCount <= candidates.facilityCount else {
            throw .tooManySites(requested: siteCount, candidates: candidates.facilityCount)
        }
        self.siteCount = siteCount
        self.pointWeights = weights
        self.groups = CoverageGroups(
            weights: weights, candidates: candidates, existing: existing, keepZeroWeight: false)
    }

    static func validate(weights: [Double], candidates: ReachMatrix, existing: ReachMatrix?)
        throws(SitingError)
    {
        guard candidates.demandCount == weights.count else {
            throw .mismatchedSizes(
                "\(weights.count) weights, candidates reach \(candidates.demandCount) points")
        }
        if let existing, existing.demandCount != weights.count {
            throw .mismatchedSizes(
                "\(weights.count) weights, existing reach \(existing.demandCount) points")
        }
        for (point, weight) in weights.enumerated() where !(weight.isFinite && weight >= 0) {
            throw .badWeight(point: point, weight: weight)
        }
    }

    /// The number of candidate sites.
    public var candidateCount: Int { groups.candidateCount }

    /// The number of groups of demand points the programs work on (points reached by the same
    /// candidates are merged; points already covered or unreachable are left out).
    public var groupCount: Int { groups.count }

    /// The weight covered by existing facilities and a given set of new sites.
    public func coveredWeight(sites: [Int]) -> Double {
        groups.totalCoveredWeight(weights: pointWeights, sites: sites)
    }

    /// Solves the problem exactly as a mixed-integer program with GLPK.
    ///
    /// Variables: xⱼ binary per candidate, y_g continuous in [0, 1] per group of points (at an
    /// optimum y_g is 0 or 1, since Σⱼ xⱼ is a whole number). Rows: y_g − Σⱼ∈N_g xⱼ ≤ 0 per
    /// group, Σⱼ xⱼ = p.
    /// - Parameter options: time limit and relative gap for GLPK.
    /// - Returns: the optimal sites, or the best found when the time limit or gap stopped the
    ///   search, with GLPK's bound.
    /// - Throws: `GLPKError` when GLPK fails.
    public func solveExactly(options: SolveOptions = SolveOptions()) throws(GLPKError)
        -> SitingSolution
    {
        let clock = ContinuousClock()
        let start = clock.now
        var model = MixedIntegerProgram(sense: .maximize)
        var open: [Variable] = []
        for candidate in 0..<groups.candidateCount {
            open.append(try model.addVariable(name: "x\(candidate)", kind: .binary))
        }
        for group in 0..<groups.count {
            let covered = try model.addVariable(
                name: "y\(group)", kind: .continuous, lowerBound: 0, upperBound: 1,
                objective: groups.weights[group])
            var terms: [(Variable, Double)] = [(covered, 1)]
            for slot in groups.candidates(of: group) {
                terms.append((open[Int(groups.groupCandidates[slot])], -1))
            }
            try model.addConstraint(name: "cover\(group)", terms, .lessOrEqual(0))
        }
        try model.addConstraint(
            name: "sites", open.map { ($0, 1.0) }, .equal(Double(siteCount)))
        let solution = try model.solve(options: options)
        return makeSolution(from: solution, open: open, time: clock.now - start)
    }

    private func makeSolution(from solution: Solution, open: [Variable], time: Duration)
        -> SitingSolution
    {
        let sites =
            solution.hasSolution
            ? open.indices.filter { solution.values[open[$0].index] > 0.5 } : []
        let covered = coveredWeight(sites: sites)
        let status: SitingSolution.Status
        switch solution.status {
        case .optimal: status = .optimal
        case .feasible: status = .feasible
        case .timeLimit: status = .timeLimit
        case .infeasible, .unbounded: status = .infeasible
        }
        let bound = solution.bestBound.map { $0 + groups.existingWeight }
        return SitingSolution(
            method: .exact, status: status, sites: sites, coveredWeight: covered,
            existingCoveredWeight: groups.existingWeight, totalWeight: groups.totalWeight,
            unreachableWeight: groups.unreachableWeight, objective: covered,
            bound: status == .optimal ? covered : bound,
            gap: status == .optimal
                ? 0 : SitingSolution.relativeGap(objective: covered, bound: bound),
            time: time)
    }

    /// Solves the problem fast: greedy selection, swap local search and a Lagrangian
    /// relaxation that proves an upper bound.
    ///
    /// 1. Greedy: add the candidate that covers the most uncovered weight, p times, keeping
    ///    every candidate's gain up to date as points become covered (O(pairs) in all).
    /// 2. Swap local search (vertex substitution, Teitz & Bart 1968): replace one chosen site
    ///    by one unchosen site while that covers more weight. One pass finds the best swap of
    ///    all p × (m − p) in O(pairs + p·m), by charging to each chosen site the weight only it
    ///    covers.
    /// 3. Lagrangian relaxation of the coverage rows (Galvão & ReVelle 1996): for multipliers
    ///    λ ∈ [0, a], L(λ) = Σ_g max(0, a_g − λ_g) + the sum of the p largest Σ_{g∈Mⱼ} λ_g is
    ///    an upper bound on the optimum; subgradient steps lower it towards the LP bound. The
    ///    sites each step picks are evaluated too, and the best are improved by swaps.
    /// 4. Iterated local search (Lourenço, Martin & Stützle 2003) with local ruin and
    ///    recreate: a random site and the chosen sites near it are replaced by random
    ///    candidates of large gain and the result improved by swaps, for a fixed number of
    ///    rounds, in independent streams of their own seeds (run side by side on the
    ///    threads there are; the best stream wins, so the result does not depend on them).
    /// The bound reported is the smallest of the Lagrangian bounds and the greedy bound
    /// f(S) + the p largest marginal gains at S (Nemhauser, Wolsey & Fisher 1978), rounded
    /// down when every weight is a whole number (as counts of persons are).
    /// - Parameter options: iteration and time limits.
    /// - Returns: the best sites found, with the proven bound and the gap to it.
    public func solveFast(options: FastSitingOptions = FastSitingOptions()) -> SitingSolution {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = options.timeLimit.map { start + $0 }
        let search = CoverageSearch(groups: groups, parallelism: options.parallelism)
        var (best, greedyBound) = search.greedy(count: siteCount)
        best = search.improveBySwaps(best, deadline: deadline)
        var bestValue = groups.coveredWeight(by: best)
        var bound = greedyBound
        if bound - bestValue > options.targetGap * max(bound, 1e-300) {
            let lagrangian = search.lagrangian(
                count: siteCount, lowerBound: bestValue, iterations: options.iterations,
                targetGap: options.targetGap, deadline: deadline)
            bound = min(bound, lagrangian.bound)
            for candidate in lagrangian.solutions {
                if let deadline, clock.now > deadline { break }
                let improved = search.improveBySwaps(candidate, deadline: deadline)
                let value = groups.coveredWeight(by: improved)
                if value > bestValue {
                    best = improved
                    bestValue = value
                }
            }
        }
        if bound - bestValue > options.targetGap * bound {
            best = search.iteratedLocalSearch(
                from: best, streams: options.improvementStreams,
                rounds: options.improvementRounds, seed: options.seed, bound: bound,
                targetGap: options.targetGap, deadline: deadline)
        }
        best.sort()
        let covered = coveredWeight(sites: best)
        var totalBound = bound + groups.existingWeight
        if pointWeights.allSatisfy({ $0 == $0.rounded() }) {
            // With whole weights every covered weight is whole: the bound rounds down.
            totalBound = (totalBound * (1 + 1e-12)).rounded(.down)
        }
        totalBound = max(covered, totalBound)
        let gap = SitingSolution.relativeGap(objective: covered, bound: totalBound)
        if gap == 0 { totalBound = covered }
        let stoppedByTime = deadline.map { clock.now > $0 } ?? false
        return SitingSolution(
            method: .fast,
            status: gap == 0 ? .optimal : (stoppedByTime ? .timeLimit : .feasible),
            sites: best, coveredWeight: covered, existingCoveredWeight: groups.existingWeight,
            totalWeight: groups.totalWeight, unreachableWeight: groups.unreachableWeight,
            objective: covered, bound: totalBound, gap: gap, time: clock.now - start)
    }
}

/// Limits of the fast siting methods.
public struct FastSitingOptions: Sendable, Hashable {
    /// The most subgradient iterations of the Lagrangian bound.
    public var iterations: Int
    /// Stop improving the bound once the relative gap is below this fraction.
    public var targetGap: Double
    /// Rounds of iterated local search after the swaps, in each stream.
    public var improvementRounds: Int
    /// Independent streams of iterated local search, seeded `seed`, `seed + 1`, ….
    public var improvementStreams: Int
    /// The seed of the first stream of the iterated local search.
    public var seed: UInt64
    /// A wall-clock limit, or nil. Without one, results are the same on every machine; a
    /// limit may stop the search at a point that depends on the machine's speed.
    public var timeLimit: Duration?
    /// Threads for the parallel parts; results do not depend on it.
    public var parallelism: Parallelism

    public init(
        iterations: Int = 400, targetGap: Double = 1e-6, improvementRounds: Int = 200,
        improvementStreams: Int = 2, seed: UInt64 = 1, timeLimit: Duration? = nil,
        parallelism: Parallelism = .automatic
    ) {
        self.iterations = iterations
        self.targetGap = targetGap
        self.improvementRounds = improvementRounds
        self.improvementStreams = max(1, improvementStreams)
        self.seed = seed
        self.timeLimit = timeLimit
        self.parallelism = parallelism
    }
}
