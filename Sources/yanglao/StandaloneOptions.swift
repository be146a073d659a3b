import ArgumentParser
import Diagnostics
import Foundation
import Planning

/// How the standalone coverage commands measure walks.
struct WalkingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A walking network: GeoJSON LineStrings, or a CSV of edges from,to[,length] (metres) with --nodes.",
            valueName: "E.csv|E.geojson"))
    var network: String?

    @Option(help: ArgumentHelp("The network's nodes: id,x,y or id,lon,lat.", valueName: "N.csv"))
    var nodes: String?

    @Option(
        help: ArgumentHelp(
            "Points farther than this from every node are off the network (reported).",
            valueName: "METRES"))
    var snap: Double = 200

    @Option(
        help: ArgumentHelp(
            "Without a network, straight lines are multiplied by this factor (≥ 1).",
            valueName: "FACTOR"))
    var detour: Double = 1

    var settings: WalkingSettings {
        WalkingSettings(network: network, nodes: nodes, snap: snap, detour: detour)
    }

    func validate() throws {
        guard snap.isFinite, snap > 0 else {
            throw ValidationError("--snap must be a distance above 0 metres (got \(snap))")
        }
        guard detour.isFinite, detour >= 1 else {
            throw ValidationError("--detour must be 1 or more (got \(detour))")
        }
        if nodes != nil, network == nil {
            throw ValidationError("--nodes goes with --network E.csv; add the edges file")
        }
    }
}

/// Output switches shared by the standalone commands.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Replace output files that already exist.")
    var overwrite = false

    @Option(help: "Language of the summary: zh (default) or en.")
    var lang: Language = .zh

    @Flag(help: "Print nothing but errors and warnings.")
    var quiet = false
}

extension CoverageRequest.Method: ExpressibleByArgument {}
extension CoverageRequest.Decay: ExpressibleByArgument {}
extension AxRule: ExpressibleByArgument {}
extension MigrantArrival: ExpressibleByArgument {}
extension BacktestRequest.Level: ExpressibleByArgument {}

/// Validates a radius option.
func validateRadius(_ radius: Double) throws {
    guard radius.isFinite, radius > 0 else {
        throw ValidationError(
            "--radius must be a distance above 0 metres (got \(Number.exact(radius)))")
    }
}

/// Checks the output paths before any work: distinct, and not existing unless replaced.
func checkOutputs(_ paths: [String], overwrite: Bool) throws {
    let unique = Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    guard unique.count == paths.count else {
        throw ValidationError("the output files must differ: \(paths.joined(separator: ", "))")
    }
    for path in paths {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw ValidationError("the folder of \(path) does not exist")
        }
        if !overwrite, FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) exists; add --overwrite to replace it")
        }
    }
}
