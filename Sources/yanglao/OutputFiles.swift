import ArgumentParser
import Foundation
import Provenance
import ScenarioFiles

/// Files a standalone command writes, all or none: each is written to a temporary file in
/// its folder, and only when every one is complete are they renamed into place.
struct OutputFiles {
    private(set) var files: [(path: String, bytes: [UInt8])] = []

    mutating func add(_ path: String, _ bytes: [UInt8]) {
        files.append((path, bytes))
    }

    mutating func add(_ path: String, text: String) {
        files.append((path, Array(text.utf8)))
    }

    /// The outputs that already exist.
    var existing: [String] {
        files.map(\.path).filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Writes every file atomically (staging file, then rename).
    /// - Throws: when a folder is missing or a file cannot be written; nothing is left behind.
    func write() throws {
        try AtomicFiles.write(files)
    }

    /// The JSON summary's path beside a CSV output: `out.csv` → `out.json`.
    static func summaryPath(for csv: String) -> String {
        let url = URL(fileURLWithPath: csv)
        if url.pathExtension.lowercased() == "csv" {
            return String(csv.dropLast(4)) + ".json"
        }
        return csv + ".json"
    }
}

/// The folder a scenario command writes (`facilities`, `entitlements`): its tables and a
/// manifest, all at once.
enum ScenarioCommandFolder {
    /// Writes the outputs and a manifest to `path`, replacing an existing folder only with
    /// `overwrite`.
    /// - Throws: `ExitCode(64)` when the folder exists, `ExitCode(1)` when it cannot be
    ///   written; the error is printed.
    static func write(
        _ outputs: [(name: String, bytes: [UInt8])], to path: String, loaded: LoadedScenario,
        inputs: [InputFile], options: ScenarioOptions, started: Date,
        timings: [(stage: String, milliseconds: Double)], overwrite: Bool
    ) throws {
        let scenario = loaded.scenario
        let manifest = Manifest(
            toolVersion: Yanglao.version, buildCommit: BuildInfo.commit,
            scenarioID: scenario.id, scenarioFile: loaded.file, seed: scenario.seed,
            overrides: options.overrides, resolvedScenario: loaded.resolvedJSON, inputs: inputs,
            outputs: outputs.map { InputFile(name: $0.name, bytes: $0.bytes) },
            runID: (path as NSString).lastPathComponent, started: started, timings: timings)
        do {
            try RunFolder(path: path).write(
                outputs + [("manifest.json", Array(manifest.json.text().utf8))],
                overwrite: overwrite)
        } catch {
            Console.error("error: \(error)")
            if case .exists = error { throw ExitCode(64) }
            throw ExitCode(1)
        }
    }
}
