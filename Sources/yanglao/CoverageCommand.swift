import ArgumentParser
import Planning

/// `yanglao coverage`: which demand points have a facility within walking distance, or how
/// much supply per person they can reach (2SFCA, E2SFCA).
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Radius coverage or floating-catchment accessibility of demand points.",
        discussion: Help.coverage)

    @Option(
        help: ArgumentHelp("Demand points: id,x,y,weight or id,lon,lat,weight.", valueName: "D.csv")
    )
    var demand: String

    @Option(
        help: ArgumentHelp(
            "Facilities: id,x,y[,capacity] or id,lon,lat[,capacity].", valueName: "F.csv"))
    var facilities: String

    @Option(
        help: ArgumentHelp("Walking distance (radius or catchment) in metres.", valueName: "METRES")
    )
    var radius: Double

    @OptionGroup var walking: WalkingOptions

    @Option(help: "radius (default), 2sfca or e2sfca.")
    var method: CoverageRequest.Method = .radius

    @Option(help: "Distance decay of e2sfca: step (default) or gaussian.")
    var decay: CoverageRequest.Decay?

    @Option(help: ArgumentHelp("Width σ of the Gaussian decay in metres.", valueName: "METRES"))
    var sigma: Double?

    @Option(help: ArgumentHelp("The result per demand point.", valueName: "OUT.csv"))
    var out: String

    @Option(help: ArgumentHelp("A point layer of the result for QGIS.", valueName: "OUT.geojson"))
    var geojson: String?

    @Option(
        help: ArgumentHelp(
            "The CRS of x,y coordinates for the GeoJSON layer, e.g. EPSG:4547.",
            valueName: "EPSG:CODE"))
    var crs: String?

    @OptionGroup var output: OutputOptions

    var request: CoverageRequest {
        CoverageRequest(
            demand: demand, facilities: facilities, radius: radius, walking: walking.settings,
            method: method, decay: decay, sigma: sigma, out: out, geojson: geojson, crs: crs)
    }

    func validate() throws {
        try validateRadius(radius)
        if decay != nil, method != .enhanced {
            throw ValidationError("--decay goes with --method e2sfca")
        }
        if sigma != nil, decay != .gaussian {
            throw ValidationError("--sigma goes with --method e2sfca --decay gaussian")
        }
        if let sigma, !(sigma.isFinite && sigma > 0) {
            throw ValidationError("--sigma must be above 0 metres (got \(sigma))")
        }
        if let crs, !crs.uppercased().hasPrefix("EPSG:") || Int(crs.dropFirst(5)) == nil {
            throw ValidationError("--crs is written EPSG:<code>, e.g. EPSG:4547 (got '\(crs)')")
        }
        try checkOutputs(request.outputs, overwrite: output.overwrite)
    }

    func run() throws {
        let outcome = try Yanglao.call(output.lang) {
            try Planning.coverage(request) { Console.error($0.text(in: output.lang)) }
        }
        guard !output.quiet else { return }
        let messages = CoverageMessages(output.lang)
        Console.out(messages.summary(outcome))
        Console.out(messages.written(outcome.files))
    }
}
