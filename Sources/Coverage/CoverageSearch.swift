import Geography

/// The fast methods of maximal covering on ``CoverageGroups``: greedy, swaps and a
/// Lagrangian bound. Everything here is deterministic: ties go to the smaller candidate
/// index and parallel sums are taken per candidate in group order.
struct CoverageSearch: Sendable {
    let groups: CoverageGroups
    let parallelism: Parallelism

    /// The smallest improvement a swap must make, against rounding noise.
    var tolerance: Double {
        1e-12 * max(1, groups.weights.reduce(0, +))
    }

    /// The gain of every candidate: the weight of the groups it reaches that are uncovered.
    func gains(coveredCount: [Int32]) -> [Double] {
        parallelism.map(count: groups.candidateCount, chunkSize: 256) { candidate in
            var sum = 0.0
            for slot in groups.groups(of: candidate) {
                let group = Int(groups.candidateGroups[slot])
                if coveredCount[group] == 0 { sum += groups.weights[group] }
            }
            return sum
        }
    }

    /// The sum of the `count` largest values.
    static func largestSum(_ values: [Double], count: Int) -> Double {
        guard count > 0 else { return 0 }
        if count >= values.count { return values.reduce(0, +) }
        return values.sorted(by: >).prefix(count).reduce(0, +)
    }

    /// Greedy selection of `count` sites, with the bound f(S) + (sum of the `count` largest
    /// marginal gains at S), the smallest over the sets S the greedy passes through (taken at
    /// about 16 of them).
    /// - Returns: the sites in the order chosen, and the bound on the groups' covered weight.
    func greedy(count: Int) -> (sites: [Int], bound: Double) {
        var gain = gains(coveredCount: [Int32](repeating: 0, count: groups.count))
        var covered = [Bool](repeating: false, count: groups.count)
        var chosen = [Bool](repeating: false, count: groups.candidateCount)
        var sites: [Int] = []
        var value = 0.0
        var bound = Self.largestSum(gain, count: count)
        let checkpoint = max(1, count / 16)
        for step in 0..<count {
            var best = -1
            var bestGain = -Double.infinity
            for candidate in 0..<groups.candidateCount
            where !chosen[candidate] && gain[candidate] > bestGain {
                best = candidate
                bestGain = gain[candidate]
            }
            guard best >= 0 else { break }
            chosen[best] = true
            sites.append(best)
            for slot in groups.groups(of: best) {
                let group = Int(groups.candidateGroups[slot])
                guard !covered[group] else { continue }
                covered[group] = true
                value += groups.weights[group]
                for other in groups.candidates(of: group) {
                    gain[Int(groups.groupCandidates[other])] -= groups.weights[group]
                }
            }
            if (step + 1) % checkpoint == 0 || step + 1 == count {
                // Chosen sites have no gain left; clamp rounding below zero.
                bound = min(bound, value + Self.largestSum(gain.map { max(0, $0) }, count: count))
            }
        }
        return (sites, bound)
    }

    /// Swap local search: repeatedly makes the best exchange of one chosen site for one
    /// unchosen candidate while it covers more weight, until none does or the deadline passes.
    ///
    /// For chosen site s, loss(s) is the weight only s covers; for candidate k, gain(k) the
    /// uncovered weight it reaches; and extra(s, k) the weight only s covers that k reaches
    /// too. Swapping s for k changes the covered weight by gain(k) − loss(s) + extra(s, k).
    /// A pass computes extra(s, ·) for one s at a time in a dense scratch row, touching only
    /// the candidates that share a group with s, and takes the best untouched k from the
    /// candidates sorted by gain; a pass costs O(pairs + m log m).
    func improveBySwaps(_ start: [Int], deadline: ContinuousClock.Instant? = nil) -> [Int] {
        let clock = ContinuousClock()
        var sites = start
        guard !sites.isEmpty, sites.count < groups.candidateCount else { return sites }
        var isChosen = [Bool](repeating: false, count: groups.candidateCount)
        for site in sites { isChosen[site] = true }
        var coverCount = [Int32](repeating: 0, count: groups.count)
        for site in sites {
            for slot in groups.groups(of: site) {
                coverCount[Int(groups.candidateGroups[slot])] += 1
            }
        }
        var extra = [Double](repeating: 0, count: groups.candidateCount)
        var touched = [Bool](repeating: false, count: groups.candidateCount)
        var touchedList: [Int] = []
        let tolerance = self.tolerance
        // Gains are kept up to date as swaps change which groups are covered.
        var gain = gains(coveredCount: coverCount)
        // Bounded by the number of distinct improving moves; in practice a few dozen passes.
        for _ in 0..<10_000 {
            if let deadline, clock.now > deadline { break }
            let byGain = (0..<groups.candidateCount).filter { !isChosen[$0] }.sorted {
                gain[$0] > gain[$1] || (gain[$0] == gain[$1] && $0 < $1)
            }
            var bestDelta = tolerance
            var bestMove: (out: Int, in: Int)?
            for (position, site) in sites.enumerated() {
                var loss = 0.0
                for slot in groups.groups(of: site) {
                    let group = Int(groups.candidateGroups[slot])
                    guard coverCount[group] == 1 else { continue }
                    let weight = groups.weights[group]
                    loss += weight
                    for other in groups.candidates(of: group) {
                        let candidate = Int(groups.groupCandidates[other])
                        guard !isChosen[candidate] else { continue }
                        if !touched[candidate] {
                            touched[candidate] = true
                            touchedList.append(candidate)
                        }
                        extra[candidate] += weight
                    }
                }
                // The best candidate among those sharing a group with the site…
                for candidate in touchedList {
                    let delta = gain[candidate] - loss + extra[candidate]
                    if delta > bestDelta
                        || (delta == bestDelta && bestMove != nil
                            && (position, candidate) < (bestMove!.out, bestMove!.in))
                    {
                        bestDelta = delta
                        bestMove = (position, candidate)
                    }
                }
                // …and the best of the others, whose extra is 0.
                if let candidate = byGain.first(where: { !touched[$0] }) {
                    let delta = gain[candidate] - loss
                    if delta > bestDelta {
                        bestDelta = delta
                        bestMove = (position, candidate)
                    }
                }
                for candidate in touchedList {
                    touched[candidate] = false
                    extra[candidate] = 0
                }
                touchedList.removeAll(keepingCapacity: true)
            }
            guard let move = bestMove else { break }
            let leaving = sites[move.out]
            for slot in groups.groups(of: leaving) {
                let group = Int(groups.candidateGroups[slot])
                coverCount[group] -= 1
                if coverCount[group] == 0 {
                    for other in groups.candidates(of: group) {
                        gain[Int(groups.groupCandidates[other])] += groups.weights[group]
                    }
                }
            }
            for slot in groups.groups(of: move.in) {
                let group = Int(groups.candidateGroups[slot])
                if coverCount[group] == 0 {
                    for other in groups.candidates(of: group) {
                        gain[Int(groups.groupCandidates[other])] -= groups.weights[group]
                    }
                }
                coverCount[group] += 1
            }
            isChosen[leaving] = false
            isChosen[move.in] = true
            sites[move.out] = move.in
        }
        return sites
    }

    /// The result of the Lagrangian bound: the smallest bound found and the best site sets the
    /// subproblems proposed (at most three, best first).
    struct LagrangianResult {
        var bound: Double
        var solutions: [[Int]]
        /// Per candidate, Cⱼ = Σ_{g∈Mⱼ} λ_g at the multipliers of the best bound.
        var reducedValues: [Double]
    }

    /// Subgradient optimisation of the Lagrangian relaxation of the coverage rows.
    ///
    /// With multipliers λ_g ∈ [0, a_g] on y_g ≤ Σⱼ∈N_g xⱼ, the relaxation splits: y_g = 1 where
    /// a_g > λ_g, and the p candidates of largest Cⱼ = Σ_{g∈Mⱼ} λ_g open. Its value L(λ) is an
    /// upper bound on the optimum for every λ. Steps follow Held, Wolfe & Crowder (1974),
    /// deflected as Camerini, Fratta & Maffioli (1975) propose against zig-zagging:
    /// d ← s + 0.95·d with the subgradient s_g = y_g − Σⱼ∈N_g xⱼ, λ ← clamp(λ + t·d) with
    /// t = θ (L − LB) / ‖d‖², θ from 2, halved after 20 steps without a better bound. Starting
    /// multipliers share each group's weight among the candidates reaching it.
    func lagrangian(
        count: Int, lowerBound: Double, iterations: Int, targetGap: Double,
        deadline: ContinuousClock.Instant?
    ) -> LagrangianResult {
        let clock = ContinuousClock()
        let weights = groups.weights
        // Each group's weight shared among the candidates that reach it.
        var multipliers = weights.indices.map { group in
            weights[group] / Double(groups.candidates(of: group).count)
        }
        var direction = [Double](repeating: 0, count: weights.count)
        var bestReduced: [Double] = []
        var best = Double.infinity
        var lowerBound = lowerBound
        var theta = 2.0
        var stale = 0
        var solutions: [(value: Double, sites: [Int])] = []
        var coverCount = [Int32](repeating: 0, count: groups.count)
        for _ in 0..<max(0, iterations) {
            if let deadline, clock.now > deadline { break }
            let snapshot = multipliers
            let reduced = parallelism.map(count: groups.candidateCount, chunkSize: 128) {
                candidate in
                var sum = 0.0
                for slot in groups.groups(of: candidate) {
                    sum += snapshot[Int(groups.candidateGroups[slot])]
                }
                return sum
            }
            let open = Self.largest(reduced, count: count)
            var value = 0.0
            for group in weights.indices where weights[group] > multipliers[group] {
                value += weights[group] - multipliers[group]
            }
            for candidate in open { value += reduced[candidate] }
            if best == .infinity || value < best - 1e-12 * best {
                best = value
                bestReduced = reduced
                stale = 0
            } else {
                stale += 1
                if stale >= 20 {
                    theta /= 2
                    stale = 0
                }
            }
            // The subproblem's sites as a solution.
            for index in coverCount.indices { coverCount[index] = 0 }
            for candidate in open {
                for slot in groups.groups(of: candidate) {
                    coverCount[Int(groups.candidateGroups[slot])] += 1
                }
            }
            var covered = 0.0
            for group in weights.indices where coverCount[group] > 0 { covered += weights[group] }
            lowerBound = max(lowerBound, covered)
            Self.keep(&solutions, (covered, open.sorted()))

            if best - lowerBound <= targetGap * best || theta < 1e-6 { break }
            var norm = 0.0
            var step: [Double] = weights.indices.map { group in
                let y: Double = weights[group] > multipliers[group] ? 1 : 0
                let s = y - Double(coverCount[group]) + 0.95 * direction[group]
                norm += s * s
                return s
            }
            direction = step

            guard norm > 0 else { break }
            let size = theta * max(value - lowerBound, 1e-9 * max(value, 1)) / norm
            for group in weights.indices {
                step[group] = multipliers[group] + size * step[group]
                multipliers[group] = min(weights[group], max(0, step[group]))
            }
        }
        return LagrangianResult(
            bound: best, solutions: solutions.sorted { $0.value > $1.value }.map(\.sites),
            reducedValues: bestReduced)
    }

    /// Several independent streams of ``iteratedLocalSearch(_:rounds:seed:bound:targetGap:deadline:)``
    /// from the same start, seeded `seed`, `seed + 1`, …, run side by side on the threads
    /// there are; the stream covering the most weight wins (ties: the first). The result is
    /// the same whatever the number of threads.
    func iteratedLocalSearch(
        from start: [Int], streams: Int, rounds: Int, seed: UInt64, bound: Double?,
        targetGap: Double, deadline: ContinuousClock.Instant?
    ) -> [Int] {
        let results = [[Int]](unsafeUninitializedCapacity: streams) { buffer, initialized in
            let output = SharedBuffer(buffer)
            // Each stream runs on one thread; the parallel parts inside it stay serial.
            let inner = CoverageSearch(
                groups: groups, parallelism: streams > 1 ? .serial : parallelism)
            parallelism.forEachChunk(count: streams, chunkSize: 1) { stream, _ in
                let sites = inner.iteratedLocalSearch(
                    start, rounds: rounds, seed: seed &+ UInt64(stream), bound: bound,
                    targetGap: targetGap, deadline: deadline)
                (output.base + stream).initialize(to: sites)
            }
            initialized = streams
        }
        var best = start
        var bestValue = groups.coveredWeight(by: start)
        for sites in results {
            let value = groups.coveredWeight(by: sites)
            if value > bestValue {
                best = sites
                bestValue = value
            }
        }
        return best
    }

    /// Iterated local search with local ruin and recreate: from the best sites so far, removes
    /// a random site and the chosen sites near it (up to a tenth of them, at least two),
    /// refills with random candidates among those of largest gain, improves the result by
    /// swaps, and keeps it when it covers more. Random choices come from a SplitMix64 stream
    /// of `seed`, so runs are repeatable. Stops early once within `targetGap` of `bound`.
    func iteratedLocalSearch(
        _ start: [Int], rounds: Int, seed: UInt64, bound: Double? = nil, targetGap: Double = 0,
        deadline: ContinuousClock.Instant?
    ) -> [Int] {
        let clock = ContinuousClock()
        var best = start
        var bestValue = groups.coveredWeight(by: best)
        guard best.count >= 2, best.count < groups.candidateCount else { return best }
        var random = SplitMix64(seed: seed)
        for _ in 0..<max(0, rounds) {
            if let deadline, clock.now > deadline { break }
            if let bound, bound - bestValue <= targetGap * bound { break }
            var current = best
            let removals = min(current.count, max(2, current.count / 10))
            // Ruin: a random site and the chosen sites near it, those reaching groups that
            // the candidates sharing a group with it reach (a tenth of the sites at most).
            let centre = current[Int(random.next() % UInt64(current.count))]
            var near = Set<Int>()
            for slot in groups.groups(of: centre) {
                for other in groups.candidates(of: Int(groups.candidateGroups[slot])) {
                    near.insert(Int(groups.groupCandidates[other]))
                }
            }
            var nearer = near
            for candidate in near {
                for slot in groups.groups(of: candidate) {
                    for other in groups.candidates(of: Int(groups.candidateGroups[slot])) {
                        nearer.insert(Int(groups.groupCandidates[other]))
                    }
                }
            }
            let neighbours = current.filter { nearer.contains($0) && $0 != centre }
            let removed = [centre] + neighbours.prefix(removals - 1)
            current.removeAll { removed.contains($0) }
            var isTaken = [Bool](repeating: false, count: groups.candidateCount)
            for site in current + removed { isTaken[site] = true }
            var coverCount = [Int32](repeating: 0, count: groups.count)
            for site in current {
                for slot in groups.groups(of: site) {
                    coverCount[Int(groups.candidateGroups[slot])] += 1
                }
            }
            let gain = gains(coveredCount: coverCount)
            var pool = (0..<groups.candidateCount).filter { !isTaken[$0] }.sorted {
                gain[$0] > gain[$1] || (gain[$0] == gain[$1] && $0 < $1)
            }
            pool = Array(pool.prefix(3 * removed.count))
            for _ in 0..<removed.count where !pool.isEmpty {
                current.append(pool.remove(at: Int(random.next() % UInt64(pool.count))))
            }
            if current.count < best.count { continue }
            current = improveBySwaps(current, deadline: deadline)
            let value = groups.coveredWeight(by: current)
            if value > bestValue {
                best = current
                bestValue = value
            }
        }
        return best
    }

    /// The indices of the `count` largest values, ties to the smaller index.
    static func largest(_ values: [Double], count: Int) -> [Int] {
        guard count > 0 else { return [] }
        return Array(
            values.indices.sorted {
                values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1)
            }
            .prefix(count))
    }

    /// Keeps the three best distinct solutions.
    private static func keep(
        _ solutions: inout [(value: Double, sites: [Int])], _ candidate: (Double, [Int])
    ) {
        guard !solutions.contains(where: { $0.sites == candidate.1 }) else { return }
        solutions.append(candidate)
        solutions.sort { $0.value > $1.value }
        if solutions.count > 3 { solutions.removeLast() }
    }
}
