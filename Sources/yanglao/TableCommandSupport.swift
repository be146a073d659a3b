import ArgumentParser
import CSV
import Diagnostics
import Foundation
import Provenance

/// Reads the CSV inputs of a standalone command (`project`, `lifetable`, `backtest`),
/// collecting every problem of every file, and prints them like a compiler before exiting
/// with status 64.
struct TableInputs {
    var log = DiagnosticLog()
    private var sources = SourceTexts()
    private var order: [String] = []

    /// Reads a CSV file; nil (with a logged problem) when it cannot be read.
    mutating func table(_ path: String) -> CSVTable? {
        order.append(path)
        switch TextFile.text(atPath: path, name: path) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let decoded):
            sources.add(file: path, text: decoded.string)
            return CSVReader.parse(decoded, file: path, log: &log)
        }
    }

    /// Logs a problem of the inputs as a whole.
    mutating func error(_ problem: Problem, at location: SourceLocation) {
        log.error(problem, at: location)
    }

    /// Prints warnings; on any error prints every diagnostic, the count, and exits 64.
    func finish(quiet: Bool = false) throws {
        let fileOrder = Dictionary(
            order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = log.diagnostics.enumerated().sorted { a, b in
            let fa = fileOrder[a.element.location.file] ?? order.count
            let fb = fileOrder[b.element.location.file] ?? order.count
            if fa != fb { return fa < fb }
            return (a.element.location, a.offset) < (b.element.location, b.offset)
        }.map(\.element)
        let renderer = DiagnosticRenderer(sources: sources)
        if log.hasErrors {
            let errors = log.errorCount
            Console.error(renderer.render(sorted))
            Console.error("\(errors) error\(errors == 1 ? "" : "s"); nothing was written.")
            throw ExitCode(64)
        }
        if !quiet, !sorted.isEmpty { Console.error(renderer.render(sorted)) }
    }
}

/// Writing an output file whole: to a temporary file in the same folder, renamed into place,
/// so a failed command never leaves a partial file. An existing file is replaced only when
/// asked.
enum OutputFile {
    /// Checks before any work that an output can be written.
    static func checkWritable(_ path: String, overwrite: Bool, option: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw ValidationError("\(option) \(path) is a folder; name a file")
            }
            if !overwrite {
                throw ValidationError("\(option) \(path) exists; add --overwrite to replace it")
            }
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !manager.fileExists(atPath: folder) {
            throw ValidationError("the folder of \(option) \(path) does not exist")
        }
    }

    /// Writes bytes to a staging file beside `path` and renames it into place.
    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFiles.write([(path, bytes)])
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Numbers in output tables: fixed decimals, no exponent, `-0` written as `0`.
enum Figures {
    static func format(_ value: Double, places: Int) -> String {
        let text = String(format: "%.\(places)f", value)
        if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
        return text
    }
}

/// The name of a run folder given with `--run-id`.
enum RunID {
    /// The longest run id, in characters; with the hidden staging prefix the folder name stays
    /// far below the 255 bytes a file name may have.
    static let maximumLength = 100

    /// Checks a run id before any work: letters (any script), digits, `-`, `_` and `.`, not
    /// starting with `.`, at most ``maximumLength`` characters — no separators, spaces, line
    /// breaks or shell characters.
    static func check(_ runID: String) throws {
        let allowed = runID.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0)
                || "-_.".unicodeScalars.contains($0)
        }
        guard !runID.isEmpty, !runID.hasPrefix("."), allowed,
            runID.count <= maximumLength, runID.utf8.count <= 3 * maximumLength
        else {
            throw ValidationError(
                "--run-id must be 1 to \(maximumLength) letters, digits, '-', '_' or '.', not starting with '.' (got '\(runID.debugDescription.dropFirst().dropLast())')"
            )
        }
    }
}

/// A folder under which a command writes (`run --out`).
enum OutputFolder {
    /// Checks before any work that the folder exists or can be created, and can be written:
    /// every part of the path that exists is a folder, and the deepest existing one is
    /// writable.
    static func check(_ path: String, option: String) throws {
        let manager = FileManager.default
        var existing = path.isEmpty ? "." : path
        while !manager.fileExists(atPath: existing) {
            let parent = (existing as NSString).deletingLastPathComponent
            existing = parent.isEmpty ? "." : parent
        }
        var isDirectory: ObjCBool = false
        _ = manager.fileExists(atPath: existing, isDirectory: &isDirectory)
        guard isDirectory.boolValue else {
            throw ValidationError("\(option) \(path): \(existing) is a file, not a folder")
        }
        guard access(existing, W_OK | X_OK) == 0 else {
            throw ValidationError("\(option) \(path): \(existing) cannot be written")
        }
    }
}
