import ArgumentParser
import Planning

/// `yanglao site`: where to put new facilities — the p sites that cover the most demand
/// (maximal covering), or the fewest sites that cover a share of it (set covering).
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Choose sites for new facilities: maximal covering or set covering.",
        discussion: Help.site)

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
        if capacitated, cover != nil { throw ValidationError("--capacitated goes with --count") }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be above 0 seconds (got \(timeLimit))")
        }
        guard gap.isFinite, gap >= 0 else {
            throw ValidationError("--gap must be 0 or more (got \(gap))")
        }
        try checkOutputs([out, Planning.summaryPath(for: out)], overwrite: output.overwrite)
    }

    func run() throws {
        let request = SiteRequest(
            demand: demand, candidates: candidates, existing: existing, radius: radius,
            choice: count.map { .count($0) } ?? .share(cover!), capacitated: capacitated,
            exact: exact, timeLimit: timeLimit, gap: gap, walking: walking.settings, out: out)
        let outcome = try Yanglao.call(output.lang) {
            try Planning.site(request) { Console.error($0.text(in: output.lang)) }
        }
        let messages = SiteMessages(output.lang)
        switch outcome {
        case .unreachableShare(let asked, let attainable):
            Console.error(messages.unreachableShare(asked: asked, attainable: attainable))
            throw ExitCode(64)
        case .noSolution:
            Console.error(messages.noSolution)
            throw ExitCode(1)
        case .chosen(let result) where !output.quiet:
            Console.out(messages.summary(result))
            Console.out(CoverageMessages(output.lang).written(result.files))
        case .chosen: break
        }
    }
}
