/// The part of a covering problem that the new sites decide, in compact form.
///
/// Demand points already within reach of an existing facility are covered whatever is chosen
/// and drop out (their weight is a constant of the objective), as do points no candidate
/// reaches. The remaining points are merged into groups of points reached by exactly the
/// same candidates: their constraints in the covering programs are identical, so a group
/// with the summed weight is the same problem, often much smaller. Both the exact programs
/// and the fast methods work on the groups.
struct CoverageGroups: Sendable {
    /// The number of candidates.
    let candidateCount: Int
    /// The weight of each group.
    private(set) var weights: [Double]
    /// How many demand points each group merges.
    let pointCounts: [Int]
    /// Group g is reached by candidates `groupCandidates[groupStarts[g] ..< groupStarts[g+1]]`,
    /// increasing.
    let groupStarts: [Int]
    let groupCandidates: [Int32]
    /// Candidate j reaches groups `candidateGroups[candidateStarts[j] ..< candidateStarts[j+1]]`,
    /// increasing.
    let candidateStarts: [Int]
    let candidateGroups: [Int32]
    /// The group of each demand point, or −1 when it is covered by an existing facility or
    /// reached by no candidate.
    let groupOfPoint: [Int32]
    /// Per demand point, whether an existing facility reaches it.
    let coveredByExisting: [Bool]
    /// The weight existing facilities cover.
    let existingWeight: Double
    /// The weight of points that nothing reaches.
    let unreachableWeight: Double
    /// The points that nothing reaches, in index order.
    let unreachablePoints: [Int]
    /// All weight.
    let totalWeight: Double

    /// - Parameters:
    ///   - weights: demand weight per point.
    ///   - candidates: candidate × demand reach.
    ///   - existing: existing facility × demand reach, if any.
    ///   - keepZeroWeight: whether points of weight 0 form groups (set covering of every
    ///     point needs them; weighted objectives do not).
    init(
        weights: [Double], candidates: ReachMatrix, existing: ReachMatrix?, keepZeroWeight: Bool
    ) {
        let pointCount = weights.count
        var coveredByExisting = [Bool](repeating: false, count: pointCount)
        if let existing {
            for point in existing.demandIndices { coveredByExisting[Int(point)] = true }
        }
        let byPoint = candidates.byDemand()
        var groupOfPoint = [Int32](repeating: -1, count: pointCount)
        var groupByKey: [ArraySlice<Int32>: Int32] = [:]
        var groupWeights: [Double] = []
        var pointCounts: [Int] = []
        var groupStarts = [0]
        var groupCandidates: [Int32] = []
        var existingWeight = 0.0
        var unreachableWeight = 0.0
        var unreachablePoints: [Int] = []
        var totalWeight = 0.0
        for point in 0..<pointCount {
            let weight = weights[point]
            totalWeight += weight
            if coveredByExisting[point] {
                existingWeight += weight
                continue
            }
            let row = byPoint.row(point)
            if row.isEmpty {
                unreachableWeight += weight
                unreachablePoints.append(point)
                continue
            }
            if weight == 0 && !keepZeroWeight { continue }
            let key = byPoint.demandIndices[row]
            if let group = groupByKey[key] {
                groupWeights[Int(group)] += weight
                pointCounts[Int(group)] += 1
                groupOfPoint[point] = group
            } else {
                let group = Int32(groupWeights.count)
                groupByKey[key] = group
                groupWeights.append(weight)
                pointCounts.append(1)
                groupCandidates.append(contentsOf: key)
                groupStarts.append(groupCandidates.count)
                groupOfPoint[point] = group
            }
        }
        // The transpose: groups of each candidate, increasing.
        var candidateStarts = [Int](repeating: 0, count: candidates.facilityCount + 1)
        for candidate in groupCandidates { candidateStarts[Int(candidate) + 1] += 1 }
        for index in 0..<candidates.facilityCount {
            candidateStarts[index + 1] += candidateStarts[index]
        }
        var next = candidateStarts
        var candidateGroups = [Int32](repeating: 0, count: groupCandidates.count)
        for group in 0..<groupWeights.count {
            for slot in groupStarts[group]..<groupStarts[group + 1] {
                let candidate = Int(groupCandidates[slot])
                candidateGroups[next[candidate]] = Int32(group)
                next[candidate] += 1
            }
        }
        self.candidateCount = candidates.facilityCount
        self.weights = groupWeights
        self.pointCounts = pointCounts
        self.groupStarts = groupStarts
        self.groupCandidates = groupCandidates
        self.candidateStarts = candidateStarts
        self.candidateGroups = candidateGroups
        self.groupOfPoint = groupOfPoint
        self.coveredByExisting = coveredByExisting
        self.existingWeight = existingWeight
        self.unreachableWeight = unreachableWeight
        self.unreachablePoints = unreachablePoints
        self.totalWeight = totalWeight
    }

    /// The number of groups.
    var count: Int { weights.count }

    /// The same groups with other weights (one per group), e.g. point counts for covering
    /// every point.
    func reweighted(_ newWeights: [Double]) -> CoverageGroups {
        precondition(newWeights.count == count, "one weight per group")
        var copy = self
        copy.weights = newWeights
        return copy
    }

    /// The candidates reaching group g.
    @inline(__always)
    func candidates(of group: Int) -> Range<Int> { groupStarts[group]..<groupStarts[group + 1] }

    /// The groups candidate j reaches.
    @inline(__always)
    func groups(of candidate: Int) -> Range<Int> {
        candidateStarts[candidate]..<candidateStarts[candidate + 1]
    }

    /// The weight of the groups reached by a set of candidates, summed in group order.
    func coveredWeight(by sites: [Int]) -> Double {
        var covered = [Bool](repeating: false, count: count)
        for site in sites {
            for slot in groups(of: site) { covered[Int(candidateGroups[slot])] = true }
        }
        var sum = 0.0
        for group in 0..<count where covered[group] { sum += weights[group] }
        return sum
    }

    /// The weight covered by existing facilities and the chosen sites, summed over the
    /// original points in index order so that every method reports the same figure for the
    /// same sites.
    func totalCoveredWeight(weights pointWeights: [Double], sites: [Int]) -> Double {
        var covered = [Bool](repeating: false, count: count)
        for site in sites {
            for slot in groups(of: site) { covered[Int(candidateGroups[slot])] = true }
        }
        var sum = 0.0
        for point in pointWeights.indices {
            let group = Int(groupOfPoint[point])
            if coveredByExisting[point] || (group >= 0 && covered[group]) {
                sum += pointWeights[point]
            }
        }
        return sum
    }
}
