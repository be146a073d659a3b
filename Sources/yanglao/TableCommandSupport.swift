import ArgumentParser
import Foundation
import Provenance

/// An output file named by an option, checked before any work (Planning writes it whole).
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
