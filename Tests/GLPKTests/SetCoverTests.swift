import GLPK
import Testing

/// Facility-siting programs on one small network: 6 demand points, 5 candidate sites.
///
/// Site coverage sets (demand points within the service radius):
///   S1 {1, 2, 3}   S2 {3, 4, 5}   S3 {5, 6, 1}   S4 {2, 4, 6}   S5 {1, 4}
struct SetCoverTests {
    static let coverage: [Set<Int>] = [[1, 2, 3], [3, 4, 5], [5, 6, 1], [2, 4, 6], [1, 4]]
    static let demandPoints = 1...6

    /// The sites that cover demand point `point`.
    static func sites(covering point: Int) -> [Int] {
        coverage.indices.filter { coverage[$0].contains(point) }
    }

    /// The location set covering problem (LSCP; Toregas, Swain, ReVelle & Bergman 1971):
    /// minimise the number of open sites so that every demand point is covered.
    static func locationSetCovering(
        kind: MixedIntegerProgram.VariableKind = .binary
    ) throws -> (MixedIntegerProgram, [Variable]) {
        var model = MixedIntegerProgram(sense: .minimize)
        let open = try coverage.indices.map { site in
            try model.addVariable(
                name: "open[S\(site + 1)]", kind: kind, lowerBound: 0, upperBound: 1,
                objective: 1)
        }
        for point in demandPoints {
            try model.addConstraint(
                name: "cover[\(point)]", sites(covering: point).map { (open[$0], 1) },
                .greaterOrEqual(1))
        }
        return (model, open)
    }

    @Test func theSixPointFiveSiteSetCoverNeedsThreeSites() throws {
        // Every site covers at most 3 of the 6 points, so 2 sites cover all 6 only if they are
        // two disjoint triples. But each pair of triples meets: S1∩S2 = {3}, S1∩S3 = {1},
        // S1∩S4 = {2}, S2∩S3 = {5}, S2∩S4 = {4}, S3∩S4 = {6}, and a pair with S5 covers at
        // most 3 + 2 = 5 points. So at least 3 sites are needed, and S1, S2, S3 cover
        // {1, 2, 3} ∪ {3, 4, 5} ∪ {5, 6, 1} = all 6. (Several triples are optimal.)
        let (model, open) = try Self.locationSetCovering()

        let solution = try model.solve()

        #expect(solution.status == .optimal)
        #expect(solution.objective == 3)
        let chosen = open.indices.filter { solution.value(of: open[$0]) == 1 }
        let covered = chosen.reduce(into: Set<Int>()) { $0.formUnion(Self.coverage[$1]) }
        #expect(covered == Set(Self.demandPoints))
    }

    @Test func theSetCoverLinearRelaxationIsTwoWithEveryTripleSiteAtOneHalf() throws {
        // Primal: S1…S4 at 1/2 and S5 at 0 cover every point exactly once (point 1 by S1, S3;
        // 2 by S1, S4; 3 by S1, S2; 4 by S2, S4; 5 by S2, S3; 6 by S3, S4), at cost 4 × 1/2 = 2.
        // Dual: 1/2 on points 2, 3, 5, 6 and 0 on points 1, 4 puts at most 1 on every site
        // (S1: 2, 3 → 1; S2: 3, 5 → 1; S3: 5, 6 → 1; S4: 2, 6 → 1; S5: none → 0), so by weak
        // duality no fractional cover costs less than 1/2 × 4 = 2. The LP optimum is 2, below
        // the integer optimum 3: the LP bound alone cannot prove the set cover optimal.
        let (model, _) = try Self.locationSetCovering(kind: .continuous)

        let solution = try model.solve()

        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 2))
    }

    @Test func theMaximalCoveringProblemWithTwoSitesCovers200OfThe210Residents() throws {
        // Maximal covering location problem (MCLP; Church & ReVelle 1974) with p = 2 sites.
        // Residents per point: 1 → 10, 2 → 20, 3 → 30, 4 → 40, 5 → 50, 6 → 60 (total 210).
        // All ten pairs, points covered and residents covered:
        //   S1 S2 {1,2,3,4,5}   150     S2 S3 {1,3,4,5,6}   190     S3 S4 {1,2,4,5,6}  180
        //   S1 S3 {1,2,3,5,6}   170     S2 S4 {2,3,4,5,6}   200     S3 S5 {1,4,5,6}    160
        //   S1 S4 {1,2,3,4,6}   160     S2 S5 {1,3,4,5}     130     S4 S5 {1,2,4,6}    130
        //   S1 S5 {1,2,3,4}     100
        // The best pair is S2 and S4, covering 200; only point 1 (10 residents) is left out.
        let residents: [Double] = [10, 20, 30, 40, 50, 60]
        var model = MixedIntegerProgram(sense: .maximize)
        let open = try Self.coverage.indices.map { site in
            try model.addVariable(name: "open[S\(site + 1)]", kind: .binary)
        }
        for point in Self.demandPoints {
            let covered = try model.addVariable(
                name: "covered[\(point)]", kind: .binary, objective: residents[point - 1])
            try model.addConstraint(
                name: "coverage[\(point)]",
                [(covered, 1)] + Self.sites(covering: point).map { (open[$0], -1) },
                .lessOrEqual(0))
        }
        try model.addConstraint(name: "sites", open.map { ($0, 1) }, .equal(2))

        let solution = try model.solve()

        #expect(solution.status == .optimal)
        #expect(solution.objective == 200)
        #expect(open.map { solution.value(of: $0) } == [0, 1, 0, 1, 0])
        #expect(solution.values[5...] == [0, 1, 1, 1, 1, 1])
    }

    @Test func thePMedianWithTwoOfThreeSitesOnALineHasWeightedDistance140() throws {
        // p-median problem (Hakimi 1964; ReVelle & Swain 1970) with p = 2. Demand points at
        // positions 0, 2, 5, 9 (km) with 30, 10, 20, 40 residents; candidate sites at 1, 4, 8.
        // Each point is served by its nearest open site; cost = residents × distance.
        //   {1, 4}: 30·1 + 10·1 + 20·1 + 40·5 = 260
        //   {1, 8}: 30·1 + 10·1 + 20·3 + 40·1 = 140
        //   {4, 8}: 30·4 + 10·2 + 20·1 + 40·1 = 200
        // The optimum opens the sites at 1 and 8, with the point at 5 served from 8.
        let demand: [(position: Double, residents: Double)] = [
            (0, 30), (2, 10), (5, 20), (9, 40),
        ]
        let sites: [Double] = [1, 4, 8]
        var model = MixedIntegerProgram(sense: .minimize)
        let open = try sites.indices.map { site in
            try model.addVariable(name: "open[\(site)]", kind: .binary)
        }
        var serves: [[Variable]] = []
        for (point, (position, residents)) in demand.enumerated() {
            let row = try sites.enumerated().map { site, location in
                try model.addVariable(
                    name: "serve[\(point),\(site)]", kind: .binary,
                    objective: residents * abs(position - location))
            }
            serves.append(row)
            try model.addConstraint(name: "assign[\(point)]", row.map { ($0, 1) }, .equal(1))
            for (site, serve) in row.enumerated() {
                try model.addConstraint(
                    name: "open[\(point),\(site)]", [(serve, 1), (open[site], -1)],
                    .lessOrEqual(0))
            }
        }
        try model.addConstraint(name: "p", open.map { ($0, 1) }, .equal(2))

        let solution = try model.solve()

        #expect(solution.status == .optimal)
        #expect(solution.objective == 140)
        #expect(open.map { solution.value(of: $0) } == [1, 0, 1])
        #expect(serves[2].map { solution.value(of: $0) } == [0, 0, 1])
    }
}
