import ArgumentParser
import CSV
import Coverage
import Diagnostics
import Foundation
import GLPK
import Provenance

/// `yanglao site`: where to put new facilities — the p sites that cover the most demand
/// (maximal covering), or the fewest sites that cover a share of it (set covering).
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Choose sites for new facilities: maximal covering or set covering.",
        discussion: """
            D.csv has id,x,y,weight (or id,lon,lat,weight); C.csv (candidate sites) and
            F.csv (existing facilities, always open) have id,x,y[,capacity] (or lon,lat). A
            demand point is covered when an existing or chosen site lies within --radius
            metres of walking (boundary included).

            --count P: the P new sites covering the most weight (MCLP, Church & ReVelle
            1974).
            --cover SHARE: the fewest new sites covering SHARE (0–1) of all weight (LSCP,
            Toregas et al. 1971). --capacitated (with --count): the weight served within
            the sites' capacities, which C.csv and F.csv then give.

            By default a fast method (greedy, swap local search, Lagrangian bound) answers
            in seconds for tens of thousands of points and reports its gap to a proven
            bound;
            --exact solves the integer program with GLPK (--time-limit, --gap).

            Writes OUT.csv (existing and chosen sites) and OUT.json (covered weight, share,
            objective, bound, gap, solver status) beside it.

            Examples:
              yanglao site --demand Examples/coverage/demand.csv \\
                --candidates Examples/coverage/candidates.csv \\
                --existing Examples/coverage/facilities.csv --radius 1000 --count 3 \\
                --out sites.csv
              yanglao site --demand Examples/coverage/demand.csv \\
                --candidates Examples/coverage/candidates.csv --radius 1000 --cover 0.9 \\
                --exact --time-limit 60 --out cover.csv --lang en
            """)

    @Option(
        help: ArgumentHelp("Demand points: id,x,y,weight or id,lon,lat,weight.", valueName: "D.csv")
    )
    var demand: String

    @Option(help: ArgumentHelp("Candidate sites: id,x,y[,capacity].", valueName: "C.csv"))
    var candidates: String

    @Option(
        help: ArgumentHelp("Existing facilities, kept open: id,x,y[,capacity].", valueName: "F.csv")
    )
    var existing: String?

    @Option(help: ArgumentHelp("Service radius: walking distance in metres.", valueName: "METRES"))
    var radius: Double

    @Option(help: ArgumentHelp("Choose this many new sites (maximal covering).", valueName: "P"))
    var count: Int?

    @Option(
        help: ArgumentHelp(
            "Choose the fewest sites covering this share (0–1) of the weight (set covering).",
            valueName: "SHARE"))
    var cover: Double?

    @Flag(help: "Serve demand within the sites' capacities (with --count).")
    var capacitated = false

    @Flag(help: "Solve the integer program exactly with GLPK.")
    var exact = false

    @Option(help: ArgumentHelp("Stop the search after this many seconds.", valueName: "S"))
    var timeLimit: Double?

    @Option(
        help: ArgumentHelp(
            "With --exact: stop within this relative gap (0.001 is 0.1%).", valueName: "GAP"))
    var gap: Double = 0

    @OptionGroup var walking: WalkingOptions

    @Option(help: ArgumentHelp("The existing and chosen sites.", valueName: "OUT.csv"))
    var out: String

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try validateRadius(radius)
        switch (count, cover) {
        case (nil, nil): throw ValidationError("say what to choose: --count P or --cover SHARE")
        case (.some, .some): throw ValidationError("--count and --cover are alternatives; give one")
        default: break
        }
        if let count, count < 1 {
            throw ValidationError("--count must be at least 1 (got \(count))")
        }
        if let cover, !(cover > 0 && cover <= 1) {
            throw ValidationError(
                "--cover is a share above 0 and at most 1, e.g. 0.9 (got \(cover))")
        }
        if capacitated, cover != nil {
            throw ValidationError("--capacitated goes with --count")
        }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be above 0 seconds (got \(timeLimit))")
        }
        guard gap.isFinite, gap >= 0 else {
            throw ValidationError("--gap must be 0 or more (got \(gap))")
        }
        try checkOutputs([out, OutputFiles.summaryPath(for: out)], overwrite: output.overwrite)
    }

    func run() throws {
        var inputs = CoverageInputs()
        let demandTable = inputs.points(demand, role: .demand)
        let candidateTable = inputs.points(candidates, role: .facilities)
        let existingTable = existing.flatMap { inputs.points($0, role: .facilities) }
        let networkTable = walking.network.flatMap { inputs.network($0, nodes: walking.nodes) }
        if capacitated {
            for table in [candidateTable, existingTable].compactMap({ $0 })
            where table.capacities == nil {
                inputs.log.error(
                    .missingColumn(column: "capacity", suggestion: nil),
                    at: SourceLocation(file: table.file, line: 1, column: 1))
            }
        }
        if let count, let candidateTable, count > candidateTable.count {
            inputs.log.error(
                .outOfRange(
                    field: "--count", value: String(count),
                    range: "at most \(candidateTable.count), the number of candidate sites"),
                at: SourceLocation(file: candidateTable.file))
        }
        try inputs.report(output.lang)
        guard let demandTable, let candidateTable, existing == nil || existingTable != nil,
            walking.network == nil || networkTable != nil
        else { throw ExitCode(64) }
        var tables = [demandTable, candidateTable] + (existingTable.map { [$0] } ?? [])
        guard
            let frame = CoordinateFrame.make(
                points: &tables, network: networkTable, log: &inputs.log),
            let model = inputs.distanceModel(walking, frame: frame, network: networkTable)
        else {
            try inputs.report(output.lang)
            throw ExitCode(64)
        }
        var network: WalkingNetwork?
        if case .network(let walkingNetwork, _) = model { network = walkingNetwork }
        let demandPoints = tables[0]
        let candidatePoints = tables[1]
        let existingPoints = existingTable == nil ? nil : tables[2]

        let candidateReach = Reach(
            from: candidatePoints.points, to: demandPoints.points, within: radius, model: model)
        let existingReach = existingPoints.map {
            Reach(from: $0.points, to: demandPoints.points, within: radius, model: model)
        }
        inputs.warnOffNetwork(
            candidateReach.offNetworkDemand, of: demandPoints, network: network, snap: walking.snap)
        inputs.warnOffNetwork(
            candidateReach.offNetworkFacilities, of: candidatePoints, network: network,
            snap: walking.snap)
        if let existingPoints, let existingReach {
            inputs.warnOffNetwork(
                existingReach.offNetworkFacilities, of: existingPoints, network: network,
                snap: walking.snap)
        }
        try inputs.report(output.lang)

        let limit = timeLimit.map { Duration.milliseconds(Int64(($0 * 1000).rounded(.up))) }
        let solveOptions = SolveOptions(timeLimit: limit, relativeGap: gap)
        let fastOptions = FastSitingOptions(timeLimit: limit)
        let solution: SitingSolution
        let problemName: String
        do {
            if let count, capacitated {
                problemName = "capacitated_covering"
                let problem = try CapacitatedCoveringProblem(
                    weights: demandPoints.weights, candidates: candidateReach.matrix,
                    candidateCapacities: candidatePoints.capacities!,
                    existing: existingReach?.matrix,
                    existingCapacities: existingPoints?.capacities ?? [], siteCount: count)
                solution =
                    exact
                    ? try problem.solveExactly(options: solveOptions)
                    : problem.solveFast(options: fastOptions)
            } else if let count {
                problemName = "maximal_covering"
                let problem = try MaximalCoveringProblem(
                    weights: demandPoints.weights, candidates: candidateReach.matrix,
                    existing: existingReach?.matrix, siteCount: count)
                solution =
                    exact
                    ? try problem.solveExactly(options: solveOptions)
                    : problem.solveFast(options: fastOptions)
            } else {
                problemName = "set_covering"
                let problem = try LocationSetCoveringProblem(
                    weights: demandPoints.weights, candidates: candidateReach.matrix,
                    existing: existingReach?.matrix, requirement: .share(cover!))
                guard problem.isFeasible else {
                    Console.error(
                        SiteMessages(output.lang).unreachableShare(
                            asked: cover!, attainable: problem.attainableShare ?? 0))
                    throw ExitCode(64)
                }
                solution =
                    exact
                    ? try problem.solveExactly(options: solveOptions)
                    : problem.solveFast(options: fastOptions)
            }
        } catch let error as SitingError {
            Console.error("error: \(error)")
            throw ExitCode(64)
        } catch let error as GLPKError {
            Console.error("error: GLPK: \(error)")
            throw ExitCode(1)
        }
        if solution.status == .timeLimit && solution.sites.isEmpty && (count ?? 1) > 0 {
            Console.error(SiteMessages(output.lang).noSolution)
            throw ExitCode(1)
        }

        var files = OutputFiles()
        files.add(
            out,
            siteTable(
                solution, demand: demandPoints, candidates: candidatePoints,
                existing: existingPoints,
                candidateReach: candidateReach.matrix, existingReach: existingReach?.matrix))
        let summary: [(String, JSONValue)] = [
            ("command", .string("site")), ("problem", .string(problemName)),
            ("method", .string(solution.method.rawValue)),
            ("status", .string(solution.status.rawValue)),
            ("radius_m", .number(Number.exact(radius))),
            ("distance", .string(network == nil ? "straight_line" : "network")),
            ("requested", count.map { .integer($0) } ?? .number(Number.exact(cover!))),
            ("sites_chosen", .integer(solution.sites.count)),
            ("objective", Number.json(solution.objective)), ("bound", Number.json(solution.bound)),
            ("gap", Number.json(solution.gap)),
            ("covered_weight", Number.json(solution.coveredWeight)),
            ("covered_share", Number.json(solution.coveredShare)),
            ("existing_covered_weight", Number.json(solution.existingCoveredWeight)),
            ("newly_covered_weight", Number.json(solution.newlyCoveredWeight)),
            ("unreachable_weight", Number.json(solution.unreachableWeight)),
            ("total_weight", Number.json(solution.totalWeight)),
            ("demand_points", .integer(demandPoints.count)),
            ("candidates", .integer(candidatePoints.count)),
            ("existing", .integer(existingPoints?.count ?? 0)),
            ("off_network_points", .integer(candidateReach.offNetworkDemand.count)),
            ("seconds", .number(Number.fixed(seconds(solution.time), 3))),
        ]
        files.add(OutputFiles.summaryPath(for: out), text: JSONValue.object(summary).text())
        do {
            try files.write()
        } catch {
            Console.error("error: \(FileSystemMessage.reason(error))")
            throw ExitCode(1)
        }
        if !output.quiet {
            let messages = SiteMessages(output.lang)
            Console.out(messages.summary(solution, problem: problemName))
            Console.out(CoverageMessages(output.lang).written(files.files.map(\.path)))
        }
    }

    /// Existing facilities, then chosen sites: id, role, coordinates as given, the weight in
    /// reach and the weight only this site reaches.
    private func siteTable(
        _ solution: SitingSolution, demand: PointTable, candidates: PointTable,
        existing: PointTable?, candidateReach: ReachMatrix, existingReach: ReachMatrix?
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

/// The siting command's messages.
struct SiteMessages {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    func summary(_ solution: SitingSolution, problem: String) -> String {
        let names: [String: (String, String)] = [
            "maximal_covering": ("最大覆盖", "maximal covering"),
            "set_covering": ("集合覆盖", "set covering"),
            "capacitated_covering": ("容量约束最大覆盖", "capacitated covering"),
        ]
        let name = names[problem] ?? (problem, problem)
        let method =
            solution.method == .exact ? ("精确求解（GLPK）", "exact (GLPK)") : ("快速法", "fast method")
        let weight = { (value: Double) in Number.exact((value * 10).rounded() / 10) }
        let bound = solution.bound.map(weight) ?? "–"
        let gap = Number.percent(solution.gap).replacingOccurrences(of: ".0%", with: "%")
        let gapText = solution.gap.map { String(format: "%.3f%%", $0 * 100) } ?? gap
        switch language {
        case .zh:
            return """
                选址（\(name.0)，\(method.0)）：新设 \(solution.sites.count) 处；覆盖 \(weight(solution.coveredWeight)) / \(weight(solution.totalWeight))（\(Number.percent(solution.coveredShare))），其中既有设施 \(weight(solution.existingCoveredWeight))，不可达 \(weight(solution.unreachableWeight))
                目标值 \(weight(solution.objective))，界 \(bound)，差距 \(gapText)，状态 \(solution.status.rawValue)，用时 \(Number.fixed(seconds(solution.time), 3)) 秒
                """
        case .en:
            return """
                Siting (\(name.1), \(method.1)): \(solution.sites.count) new site\(solution.sites.count == 1 ? "" : "s"); covered \(weight(solution.coveredWeight)) of \(weight(solution.totalWeight)) (\(Number.percent(solution.coveredShare))), \(weight(solution.existingCoveredWeight)) by existing facilities, \(weight(solution.unreachableWeight)) out of reach
                Objective \(weight(solution.objective)), bound \(bound), gap \(gapText), status \(solution.status.rawValue), \(Number.fixed(seconds(solution.time), 3)) s
                """
        }
    }

    func unreachableShare(asked: Double, attainable: Double) -> String {
        switch language {
        case .zh:
            "error: 要求覆盖 \(Number.percent(asked))，但所有候选点与既有设施最多覆盖 \(Number.percent(attainable))；未生成任何输出。"
        case .en:
            "error: --cover asks for \(Number.percent(asked)), but all candidates and existing facilities together reach at most \(Number.percent(attainable)); nothing was written."
        }
    }

    var noSolution: String {
        switch language {
        case .zh: "error: 在时间限制内未找到可行解；未生成任何输出。"
        case .en: "error: no solution was found within the time limit; nothing was written."
        }
    }
}
