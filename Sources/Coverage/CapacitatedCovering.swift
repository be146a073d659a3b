import GLPK

/// Capacitated maximal covering (容量约束下的最大覆盖): choose p new sites so that the most
/// demand weight is *served* — allocated to an open facility within reach without exceeding
/// any facility's capacity — rather than merely within reach.
///
/// With z_gf the share of group g (points reached by the same facilities) served by facility
/// f: maximise Σ a_g z_gf subject to Σ_f z_gf ≤ 1, Σ_g a_g z_gf ≤ c_f x_f, z_gf ≤ x_f and
/// Σ xⱼ = p over the candidates, existing facilities fixed open (x = 1). Demand may be split
/// among facilities, as a point stands for many persons. This is the "maximize capacitated
/// coverage" problem of ArcGIS location–allocation; the covering-with-capacities family goes
/// back to Current & Storbeck (1988).
public struct CapacitatedCoveringProblem: Sendable {
    /// The number of new sites to choose.
    public let siteCount: Int
    let pointWeights: [Double]
    /// Groups over all facilities: existing first (indices 0..<existingCount), then candidates.
    let groups: CoverageGroups
    let existingCount: Int
    /// Capacities of all facilities, existing first.
    let capacities: [Double]
    let candidates: ReachMatrix
    let existing: ReachMatrix?

    /// Poses the problem.
    /// - Parameters:
    ///   - weights: demand weight per point (persons).
    ///   - candidates: which points each candidate reaches.
    ///   - candidateCapacities: persons each candidate can serve, ≥ 0.
    ///   - existing: which points each existing facility reaches, if any.
    ///   - existingCapacities: persons each existing facility can serve.
    ///   - siteCount: p, 0 ≤ p ≤ candidates.
    /// - Throws: ``SitingError`` for bad weights, capacities, p or sizes.
    public init(
        weights: [Double], candidates: ReachMatrix, candidateCapacities: [Double],
        existing: ReachMatrix? = nil, existingCapacities: [Double] = [], siteCount: Int
    ) throws(SitingError) {
        try MaximalCoveringProblem.validate(
            weights: weights, candidates: candidates, existing: existing)
        guard candidateCapacities.count == candidates.facilityCount,
            existingCapacities.count == (existing?.facilityCount ?? 0)
        else { throw .mismatchedSizes("one capacity per facility") }
        let capacities = existingCapacities + candidateCapacities
        for (facility, capacity) in capacities.enumerated()
        where !(capacity.isFinite && capacity >= 0) {
            throw .badCapacity(facility: facility, capacity: capacity)
        }
        guard siteCount >= 0 else { throw .negativeSiteCount(siteCount) }
        guard siteCount <= candidates.facilityCount else {
            throw .tooManySites(requested: siteCount, candidates: candidates.facilityCount)
        }
        self.siteCount = siteCount
        self.pointWeights = weights
        self.existingCount = existing?.facilityCount ?? 0
        self.capacities = capacities
        self.candidates = candidates
        self.existing = existing
        // One reach matrix over all facilities, existing first.
        var starts = [0]
        var indices: [Int32] = []
        var distances: [Double] = []
        for matrix in [existing, candidates].compactMap({ $0 }) {
            for facility in 0..<matrix.facilityCount {
                for pair in matrix.row(facility) {
                    indices.append(matrix.demandIndices[pair])
                    distances.append(matrix.distances[pair])
                }
                starts.append(indices.count)
            }
        }
        let all = ReachMatrix(
            facilityCount: starts.count - 1, demandCount: weights.count, starts: starts,
            demandIndices: indices, distances: distances)
        self.groups = CoverageGroups(
            weights: weights, candidates: all, existing: nil, keepZeroWeight: false)
    }

    /// The weight served by the existing facilities and a set of new sites (candidate
    /// indices), allocated optimally by maximum flow.
    public func servedWeight(sites: [Int]) -> Double {
        let open = Array(0..<existingCount) + sites.map { $0 + existingCount }
        return serve(open: open)
    }

    /// The most weight open facilities (indices over all facilities) serve, by maximum flow:
    /// source → group (capacity a_g) → facility in reach → sink (capacity c_f).
    func serve(open: [Int]) -> Double {
        let groupCount = groups.count
        let facilityCount = groups.candidateCount
        let source = groupCount + facilityCount
        let sink = source + 1
        var flow = MaximumFlow(nodeCount: sink + 1, epsilon: 1e-12 * max(1, groups.totalWeight))
        var isOpen = [Bool](repeating: false, count: facilityCount)
        for facility in open { isOpen[facility] = true }
        for group in 0..<groupCount {
            flow.addEdge(from: source, to: group, capacity: groups.weights[group])
            for slot in groups.candidates(of: group) {
                let facility = Int(groups.groupCandidates[slot])
                if isOpen[facility] {
                    flow.addEdge(from: group, to: groupCount + facility, capacity: .infinity)
                }
            }
        }
        for facility in open {
            flow.addEdge(from: groupCount + facility, to: sink, capacity: capacities[facility])
        }
        return flow.maximise(from: source, to: sink)
    }

    /// Solves the problem exactly as a mixed-integer program with GLPK.
    /// - Throws: `GLPKError` when GLPK fails.
    public func solveExactly(options: SolveOptions = SolveOptions()) throws(GLPKError)
        -> SitingSolution
    {
        let clock = ContinuousClock()
        let start = clock.now
        var model = MixedIntegerProgram(sense: .maximize)
        var open: [Variable?] = Array(repeating: nil, count: groups.candidateCount)
        for facility in existingCount..<groups.candidateCount {
            open[facility] = try model.addVariable(
                name: "x\(facility - existingCount)", kind: .binary)
        }
        var served: [[(Variable, Double)]] = Array(repeating: [], count: groups.candidateCount)
        for group in 0..<groups.count {
            var shares: [(Variable, Double)] = []
            for slot in groups.candidates(of: group) {
                let facility = Int(groups.groupCandidates[slot])
                let share = try model.addVariable(
                    name: "z\(group)_\(facility)", kind: .continuous, lowerBound: 0,
                    upperBound: 1, objective: groups.weights[group])
                shares.append((share, 1))
                served[facility].append((share, groups.weights[group]))
                if let site = open[facility] {
                    try model.addConstraint(
                        name: "open\(group)_\(facility)", [(share, 1), (site, -1)],
                        .lessOrEqual(0))
                }
            }
            try model.addConstraint(name: "once\(group)", shares, .lessOrEqual(1))
        }
        for facility in 0..<groups.candidateCount {
            if let site = open[facility] {
                try model.addConstraint(
                    name: "capacity\(facility)", served[facility] + [(site, -capacities[facility])],
                    .lessOrEqual(0))
            } else {
                try model.addConstraint(
                    name: "capacity\(facility)", served[facility],
                    .lessOrEqual(capacities[facility]))
            }
        }
        try model.addConstraint(
            name: "sites", open.compactMap { $0 }.map { ($0, 1.0) }, .equal(Double(siteCount)))
        let solution = try model.solve(options: options)
        let sites =
            solution.hasSolution
            ? (existingCount..<groups.candidateCount).filter {
                solution.values[open[$0]!.index] > 0.5
            }.map { $0 - existingCount } : []
        let value = servedWeight(sites: sites)
        let status: SitingSolution.Status =
            switch solution.status {
            case .optimal: .optimal
            case .feasible: .feasible
            case .timeLimit: .timeLimit
            case .infeasible, .unbounded: .infeasible
            }
        let bound = status == .optimal ? value : solution.bestBound
        return SitingSolution(
            method: .exact, status: status, sites: sites, coveredWeight: value,
            existingCoveredWeight: servedWeight(sites: []), totalWeight: groups.totalWeight,
            unreachableWeight: groups.unreachableWeight, objective: value, bound: bound,
            gap: status == .optimal
                ? 0 : SitingSolution.relativeGap(objective: value, bound: bound),
            time: clock.now - start)
    }

    /// Solves the problem fast: greedy by capacity-limited gain, then optimal allocation of
    /// the chosen sites by maximum flow.
    ///
    /// Each step opens the candidate that can serve the most unserved weight,
    /// min(cⱼ, unserved weight in reach), and allocates its capacity to the groups it reaches,
    /// those with the fewest facilities in reach first. The bound is the smallest of the
    /// uncapacitated maximal covering bound (serving needs reach), the capacity of the
    /// existing facilities plus the p largest candidate capacities, and the weight within
    /// reach of any facility.
    public func solveFast(options: FastSitingOptions = FastSitingOptions()) -> SitingSolution {
        let clock = ContinuousClock()
        let start = clock.now
        var residual = groups.weights
        var remaining = capacities
        func allocate(_ facility: Int) {
            let order = groups.groups(of: facility).map { Int(groups.candidateGroups[$0]) }.sorted {
                let a = groups.candidates(of: $0).count
                let b = groups.candidates(of: $1).count
                return a < b || (a == b && $0 < $1)
            }
            for group in order where remaining[facility] > 0 {
                let served = min(residual[group], remaining[facility])
                residual[group] -= served
                remaining[facility] -= served
            }
        }
        for facility in 0..<existingCount { allocate(facility) }
        var chosen: [Int] = []
        var isChosen = [Bool](repeating: false, count: groups.candidateCount)
        for _ in 0..<siteCount {
            var best = -1
            var bestGain = -1.0
            for facility in existingCount..<groups.candidateCount where !isChosen[facility] {
                var reachable = 0.0
                for slot in groups.groups(of: facility) {
                    reachable += residual[Int(groups.candidateGroups[slot])]
                }
                let gain = min(capacities[facility], reachable)
                if gain > bestGain {
                    best = facility
                    bestGain = gain
                }
            }
            guard best >= 0 else { break }
            isChosen[best] = true
            chosen.append(best - existingCount)
            allocate(best)
        }
        chosen.sort()
        let value = servedWeight(sites: chosen)
        // Bounds.
        let reachable = groups.weights.reduce(0, +)
        let capacityBound =
            capacities[0..<existingCount].reduce(0, +)
            + CoverageSearch.largestSum(Array(capacities[existingCount...]), count: siteCount)
        var bound = min(reachable, capacityBound)
        if let uncapacitated = try? MaximalCoveringProblem(
            weights: pointWeights, candidates: candidates, existing: existing,
            siteCount: siteCount),
            let coverBound = uncapacitated.solveFast(options: options).bound
        {
            bound = min(bound, coverBound)
        }
        if (pointWeights + capacities).allSatisfy({ $0 == $0.rounded() }) {
            // Whole weights and capacities allocate in whole persons (maximum flow is integral).
            bound = (bound * (1 + 1e-12)).rounded(.down)
        }
        bound = max(bound, value)
        let gap = SitingSolution.relativeGap(objective: value, bound: bound)
        return SitingSolution(
            method: .fast, status: gap == 0 ? .optimal : .feasible, sites: chosen,
            coveredWeight: value, existingCoveredWeight: servedWeight(sites: []),
            totalWeight: groups.totalWeight, unreachableWeight: groups.unreachableWeight,
            objective: value, bound: bound, gap: gap, time: clock.now - start)
    }
}
