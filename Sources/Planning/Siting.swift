import CSV
import Coverage
import Diagnostics
import GLPK
import Provenance
import ScenarioFiles

/// Where to put new facilities (选址): the p sites that cover the most demand (maximal
/// covering), or the fewest that cover a share of it (set covering).
public struct SiteRequest: Sendable {
    /// What to choose.
    public enum Choice: Sendable {
        /// This many new sites covering the most weight (MCLP, Church & ReVelle 1974).
        case count(Int)
        /// The fewest new sites covering this share (0–1) of all weight (LSCP, Toregas et al.
        /// 1971).
        case share(Double)
    }

    /// Demand points: `id,x,y,weight` or `id,lon,lat,weight`.
    public var demand: String
    /// Candidate sites: `id,x,y[,capacity]`.
    public var candidates: String
    /// Existing facilities, kept open: `id,x,y[,capacity]`.
    public var existing: String?
    /// Service radius: walking distance in metres.
    public var radius: Double
    public var choice: Choice
    /// Serve demand within the sites' capacities (with a count).
    public var capacitated: Bool
    /// Solve the integer program exactly with GLPK instead of the fast method.
    public var exact: Bool
    /// Stop the search after this many seconds.
    public var timeLimit: Double?
    /// With ``exact``: stop within this relative gap.
    public var gap: Double
    public var walking: WalkingSettings
    /// The existing and chosen sites (CSV); the summary (JSON) is written beside it.
    public var out: String

    public init(
        demand: String, candidates: String, existing: String? = nil, radius: Double,
        choice: Choice, capacitated: Bool = false, exact: Bool = false, timeLimit: Double? = nil,
        gap: Double = 0, walking: WalkingSettings = .init(), out: String
    ) {
        self.demand = demand
        self.candidates = candidates
        self.existing = existing
        self.radius = radius
        self.choice = choice
        self.capacitated = capacitated
        self.exact = exact
        self.timeLimit = timeLimit
        self.gap = gap
        self.walking = walking
        self.out = out
    }

    /// The JSON summary's path, beside ``out``.
    public var summary: String { Planning.summaryPath(for: out) }
}

/// The sites chosen and how good they are.
public struct SiteResult: Sendable {
    public enum Problem: String, Sendable {
        case maximalCovering = "maximal_covering"
        case setCovering = "set_covering"
        case capacitatedCovering = "capacitated_covering"
    }

    public var problem: Problem
    /// Whether GLPK solved the integer program (else the fast method).
    public var exact: Bool
    /// How the search ended: `optimal`, `feasible`, `time_limit` or `infeasible`.
    public var status: String
    /// The ids of the chosen candidates.
    public var sites: [String]
    /// The weight within reach of an existing or chosen site (capacitated: served).
    public var coveredWeight: Double
    /// covered / total; nil without weight.
    public var coveredShare: Double?
    /// The part of the covered weight the existing facilities cover on their own.
    public var existingCoveredWeight: Double
    public var newlyCoveredWeight: Double
    /// The weight no existing facility or candidate reaches.
    public var unreachableWeight: Double
    public var totalWeight: Double
    /// Covered weight, or the number of new sites (set covering).
    public var objective: Double
    /// A proven bound on the objective; nil when unknown.
    public var bound: Double?
    /// The relative gap between objective and bound; nil without a bound.
    public var gap: Double?
    /// Wall-clock time of the solve.
    public var seconds: Double
    /// The files written, in order.
    public var files: [String]
}

/// What the siting use case found.
public enum SiteOutcome: Sendable {
    /// Sites were chosen and written.
    case chosen(SiteResult)
    /// The share asked cannot be covered by all candidates and existing facilities together;
    /// nothing was written.
    case unreachableShare(asked: Double, attainable: Double)
    /// The time limit stopped the search before any solution; nothing was written.
    case noSolution
}

extension Planning {
    /// Chooses sites and writes them with a summary (all or none).
    /// - Parameter warnings: receives the problems of the inputs that are not errors.
    /// - Throws: bad input (the inputs' problems, located, or a problem that cannot be posed)
    ///   or a failure of the solver or of the writing.
    public static func site(
        _ request: SiteRequest, warnings: (InputReport) -> Void = { _ in }
    ) throws(PlanningError) -> SiteOutcome {
        var inputs = CoverageInputs()
        let walking = request.walking
        let demandTable = inputs.points(request.demand, role: .demand)
        let candidateTable = inputs.points(request.candidates, role: .facilities)
        let existingTable = request.existing.flatMap { inputs.points($0, role: .facilities) }
        let networkTable = walking.network.flatMap { inputs.network($0, nodes: walking.nodes) }
        if request.capacitated {
            for table in [candidateTable, existingTable].compactMap({ $0 })
            where table.capacities == nil {
                inputs.log.error(
                    .missingColumn(column: "capacity", suggestion: nil),
                    at: SourceLocation(file: table.file, line: 1, column: 1))
            }
        }
        if case .count(let count) = request.choice, let candidateTable,
            count > candidateTable.count
        {
            inputs.log.error(
                .outOfRange(
                    field: "--count", value: String(count),
                    range: "at most \(candidateTable.count), the number of candidate sites"),
                at: SourceLocation(file: candidateTable.file))
        }
        try inputs.check(warnings)
        guard let demandTable, let candidateTable, request.existing == nil || existingTable != nil,
            walking.network == nil || networkTable != nil
        else { throw PlanningError.silent(.badInput) }
        let walks = try WalkingInputs(
            [demandTable, candidateTable] + (existingTable.map { [$0] } ?? []),
            network: networkTable, walking: walking, inputs: &inputs, warnings: warnings)
        let network = walks.network
        let demand = walks.tables[0]
        let candidates = walks.tables[1]
        let existing = existingTable == nil ? nil : walks.tables[2]

        let radius = request.radius
        let candidateReach = Reach(
            from: candidates.points, to: demand.points, within: radius, model: walks.model)
        let existingReach = existing.map {
            Reach(from: $0.points, to: demand.points, within: radius, model: walks.model)
        }
        let snap = walking.snap
        inputs.warnOffNetwork(
            candidateReach.offNetworkDemand, of: demand, network: network, snap: snap)
        inputs.warnOffNetwork(
            candidateReach.offNetworkFacilities, of: candidates, network: network, snap: snap)
        if let existing, let existingReach {
            inputs.warnOffNetwork(
                existingReach.offNetworkFacilities, of: existing, network: network, snap: snap)
        }
        try inputs.check(warnings)

        let posed = Posed(
            request: request, weights: demand.weights, candidates: candidateReach.matrix,
            candidateCapacities: candidates.capacities, existing: existingReach?.matrix,
            existingCapacities: existing?.capacities)
        let solution: SitingSolution
        let problem: SiteResult.Problem
        switch try posed.solve() {
        case .solution(let solved, let kind): (solution, problem) = (solved, kind)
        case .unreachable(let attainable):
            return .unreachableShare(asked: posed.share ?? 0, attainable: attainable)
        }
        if solution.status == .timeLimit && solution.sites.isEmpty && (posed.count ?? 1) > 0 {
            return .noSolution
        }

        let table = siteTable(
            solution, demand: demand, candidates: candidates, existing: existing,
            candidateReach: candidateReach.matrix, existingReach: existingReach?.matrix,
            capacitated: request.capacitated)
        let seconds = Self.seconds(solution.time)
        let summary: [(String, JSONValue)] = [
            ("command", .string("site")), ("problem", .string(problem.rawValue)),
            ("method", .string(solution.method.rawValue)),
            ("status", .string(solution.status.rawValue)),
            ("radius_m", .number(Number.exact(radius))),
            ("distance", .string(network == nil ? "straight_line" : "network")),
            ("requested", posed.count.map { .integer($0) } ?? .number(Number.exact(posed.share!))),
            ("sites_chosen", .integer(solution.sites.count)),
            ("objective", Number.json(solution.objective)), ("bound", Number.json(solution.bound)),
            ("gap", Number.json(solution.gap)),
            ("covered_weight", Number.json(solution.coveredWeight)),
            ("covered_share", Number.json(solution.coveredShare)),
            ("existing_covered_weight", Number.json(solution.existingCoveredWeight)),
            ("newly_covered_weight", Number.json(solution.newlyCoveredWeight)),
            ("unreachable_weight", Number.json(solution.unreachableWeight)),
            ("total_weight", Number.json(solution.totalWeight)),
            ("demand_points", .integer(demand.count)),
            ("candidates", .integer(candidates.count)),
            ("existing", .integer(existing?.count ?? 0)),
            ("off_network_points", .integer(candidateReach.offNetworkDemand.count)),
            ("seconds", .number(Number.fixed(seconds, 3))),
        ]
        let files: [(path: String, bytes: [UInt8])] = [
            (request.out, table),
            (request.summary, Array(JSONValue.object(summary).text().utf8)),
        ]
        try writeAll(files)
        return .chosen(
            SiteResult(
                problem: problem, exact: solution.method == .exact,
                status: solution.status.rawValue,
                sites: solution.sites.map { candidates.ids[$0] },
                coveredWeight: solution.coveredWeight, coveredShare: solution.coveredShare,
                existingCoveredWeight: solution.existingCoveredWeight,
                newlyCoveredWeight: solution.newlyCoveredWeight,
                unreachableWeight: solution.unreachableWeight,
                totalWeight: solution.totalWeight, objective: solution.objective,
                bound: solution.bound, gap: solution.gap, seconds: seconds,
                files: files.map(\.path)))
    }

    /// Existing facilities, then chosen sites: id, role, coordinates as given, the weight in
    /// reach and the weight only this site reaches.
    private static func siteTable(
        _ solution: SitingSolution, demand: PointTable, candidates: PointTable,
        existing: PointTable?, candidateReach: ReachMatrix, existingReach: ReachMatrix?,
        capacitated: Bool
    ) -> [UInt8] {
        var open: [(table: PointTable, index: Int, reach: ReachMatrix, role: String)] = []
        if let existing, let existingReach {
            open += (0..<existing.count).map { (existing, $0, existingReach, "existing") }
        }
        open += solution.sites.map { (candidates, $0, candidateReach, "new") }
        var reachedBy = [Int32](repeating: 0, count: demand.count)
        for site in open {
            for pair in site.reach.row(site.index) {
                reachedBy[Int(site.reach.demandIndices[pair])] += 1
            }
        }
        let (first, second) = demand.isGeographic ? ("lon", "lat") : ("x", "y")
        var header = ["id", "role", first, second, "covered_weight", "sole_weight"]
        if capacitated { header.append("capacity") }
        var csv = CSVWriter(header: header)
        for site in open {
            var covered = 0.0
            var sole = 0.0
            for pair in site.reach.row(site.index) {
                let point = Int(site.reach.demandIndices[pair])
                covered += demand.weights[point]
                if reachedBy[point] == 1 { sole += demand.weights[point] }
            }
            let (a, b) = site.table.coordinates[site.index]
            var row = [
                site.table.ids[site.index], site.role, Number.exact(a), Number.exact(b),
                Number.exact(covered), Number.exact(sole),
            ]
            if capacitated { row.append(Number.exact(site.table.capacities?[site.index] ?? 0)) }
            csv.append(row)
        }
        return csv.data
    }
}

/// A siting problem as the request poses it.
private struct Posed {
    /// What solving gave.
    enum Solved {
        case solution(SitingSolution, SiteResult.Problem)
        /// The share asked is above this share, all that the sites can reach.
        case unreachable(attainable: Double)
    }

    let request: SiteRequest
    let weights: [Double]
    let candidates: ReachMatrix
    let candidateCapacities: [Double]?
    let existing: ReachMatrix?
    let existingCapacities: [Double]?

    var count: Int? {
        if case .count(let count) = request.choice { return count }
        return nil
    }

    var share: Double? {
        if case .share(let share) = request.choice { return share }
        return nil
    }

    func solve() throws(PlanningError) -> Solved {
        let limit = request.timeLimit.map { Duration.milliseconds(Int64(($0 * 1000).rounded(.up))) }
        let exact = SolveOptions(timeLimit: limit, relativeGap: request.gap)
        let fast = FastSitingOptions(timeLimit: limit)
        switch request.choice {
        case .count(let count) where request.capacitated:
            let problem = try Self.posed { () throws(SitingError) in
                try CapacitatedCoveringProblem(
                    weights: weights, candidates: candidates,
                    candidateCapacities: candidateCapacities!, existing: existing,
                    existingCapacities: existingCapacities ?? [], siteCount: count)
            }
            let solution = try Self.solved(request.exact, problem.solveExactly(options:), exact) {
                problem.solveFast(options: fast)
            }
            return .solution(solution, .capacitatedCovering)
        case .count(let count):
            let problem = try Self.posed { () throws(SitingError) in
                try MaximalCoveringProblem(
                    weights: weights, candidates: candidates, existing: existing,
                    siteCount: count)
            }
            let solution = try Self.solved(request.exact, problem.solveExactly(options:), exact) {
                problem.solveFast(options: fast)
            }
            return .solution(solution, .maximalCovering)
        case .share(let share):
            let problem = try Self.posed { () throws(SitingError) in
                try LocationSetCoveringProblem(
                    weights: weights, candidates: candidates, existing: existing,
                    requirement: .share(share))
            }
            guard problem.isFeasible else {
                return .unreachable(attainable: problem.attainableShare ?? 0)
            }
            let solution = try Self.solved(request.exact, problem.solveExactly(options:), exact) {
                problem.solveFast(options: fast)
            }
            return .solution(solution, .setCovering)
        }
    }

    /// A problem, or bad input when it cannot be posed.
    private static func posed<Problem>(_ make: () throws(SitingError) -> Problem)
        throws(PlanningError) -> Problem
    {
        do {
            return try make()
        } catch {
            throw PlanningError(.badInput, error: "\(error)")
        }
    }

    /// Solves exactly with GLPK or fast; a failure of GLPK is a failure of the use case.
    private static func solved(
        _ isExact: Bool, _ exactly: (SolveOptions) throws(GLPKError) -> SitingSolution,
        _ options: SolveOptions, fast: () -> SitingSolution
    ) throws(PlanningError) -> SitingSolution {
        guard isExact else { return fast() }
        do {
            return try exactly(options)
        } catch {
            throw PlanningError(.failed, error: "GLPK: \(error)")
        }
    }
}
