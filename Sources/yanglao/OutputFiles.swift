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
