import Foundation

/// A run's output folder, `Output/<scenario-id>/<run-id>/`, written all at once.
///
/// Files are written into a hidden temporary folder beside the destination and the folder is
/// renamed into place only when every file is written, so a failed or killed run leaves
/// nothing behind and a reader never sees a half-written run. An existing run folder is
/// replaced only when the caller asks for it, and then by an atomic exchange.
public struct RunFolder: Sendable {
    /// Why a run folder could not be written.
    public enum WriteError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The run folder exists and overwriting was not asked for.
        case exists(path: String)
        /// The file system refused an operation.
        case fileSystem(path: String, reason: String)
        /// A file name that would escape the run folder.
        case badFileName(String)

        public var description: String {
            switch self {
            case .exists(let path):
                "the run folder \(path) exists; choose another --run-id or pass --overwrite"
            case .fileSystem(let path, let reason):
                "cannot write \(path): \(reason)"
            case .badFileName(let name):
                "'\(name)' is not a file name inside a run folder"
            }
        }
    }

    /// The folder the run's files go to.
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// A run folder under `root/<scenario-id>/` named by `runID`, or, when no id is given, by
    /// the time in UTC (`20261123T101500Z`), with `-2`, `-3`, … added if that name is taken.
    public static func make(root: String, scenarioID: String, runID: String?, now: Date)
        -> RunFolder
    {
        let parent = root + "/" + scenarioID
        if let runID { return RunFolder(path: parent + "/" + runID) }
        let stamp = timestamp(now)
        var candidate = stamp
        var suffix = 2
        while FileManager.default.fileExists(atPath: parent + "/" + candidate) {
            candidate = "\(stamp)-\(suffix)"
            suffix += 1
        }
        return RunFolder(path: parent + "/" + candidate)
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let v = value ?? 0
            return v < 10 ? "0\(v)" : String(v)
        }
        return
            "\(c.year ?? 0)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// Writes the files (names relative to the run folder, `/` for subfolders) and moves the
    /// folder into place.
    /// - Throws: ``WriteError/exists(path:)`` when the folder exists and `overwrite` is false;
    ///   ``WriteError/fileSystem(path:reason:)`` when writing fails, in which case nothing is
    ///   left behind and an earlier run folder is untouched.
    public func write(_ files: [(name: String, bytes: [UInt8])], overwrite: Bool) throws(WriteError)
    {
        do {
            try write(overwrite: overwrite) { _ in files }
        } catch let error as WriteError {
            throw error
        } catch {
            throw .fileSystem(path: path, reason: FileSystemMessage.reason(error))
        }
    }

    /// Makes the files inside the run's hidden temporary folder and moves the folder into place.
    ///
    /// `make` receives a scratch folder inside the temporary folder for files that libraries
    /// must write to disk before their bytes are known (the Excel workbook); it is removed with
    /// everything else. The temporary folder is removed on every exit the process can take:
    /// an error, a thrown error of `make`, SIGINT, SIGTERM or SIGHUP; after a kill -9 the next
    /// write beside it removes it (its process is gone). With `overwrite`, an existing run
    /// folder is exchanged atomically with the new one (`renameat2` with `RENAME_EXCHANGE`),
    /// so a run folder is present at every instant, and the old one is then removed.
    /// - Throws: ``WriteError``, or what `make` throws.
    public func write(
        overwrite: Bool, make: (_ scratch: String) throws -> [(name: String, bytes: [UInt8])]
    ) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path), !overwrite { throw WriteError.exists(path: path) }
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        do {
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError.fileSystem(path: parent, reason: FileSystemMessage.reason(error))
        }
        StagingFolders.removeStale(in: parent)
        let temporary = StagingFolders.path(for: name, in: parent)
        guard StagingFolders.create(temporary) else {
            throw WriteError.fileSystem(path: temporary, reason: "cannot create the folder")
        }
        defer { StagingFolders.remove(temporary) }
        let scratch = temporary + "/" + StagingFolders.scratchName
        let files: [(name: String, bytes: [UInt8])]
        do {
            try manager.createDirectory(atPath: scratch, withIntermediateDirectories: false)
            files = try make(scratch)
            try manager.removeItem(atPath: scratch)
        } catch let error as WriteError {
            throw error
        } catch let error as CocoaError {
            throw WriteError.fileSystem(path: scratch, reason: FileSystemMessage.reason(error))
        }
        for (name, _) in files
        where name.isEmpty || name.hasPrefix("/") || name.split(separator: "/").contains("..")
            || name.hasPrefix(StagingFolders.scratchName)
        {
            throw WriteError.badFileName(name)
        }
        do {
            for (file, bytes) in files {
                let target = temporary + "/" + file
                let folder = (target as NSString).deletingLastPathComponent
                if folder != temporary {
                    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                try StagingFolders.whileStaging {
                    try Data(bytes).write(to: URL(fileURLWithPath: target))
                }
            }
        } catch {
            throw WriteError.fileSystem(path: temporary, reason: FileSystemMessage.reason(error))
        }
        try StagingFolders.moveIntoPlace(temporary, path)
    }
}

/// Errors of the file system in words a planner can read.
public enum FileSystemMessage {
    /// What went wrong: the operating system's reason ("Permission denied", "No space left on
    /// device") where there is one, never "NSCocoaErrorDomain error 512".
    public static func reason(_ error: any Error) -> String {
        if let error = error as? RunFolder.WriteError { return error.description }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(nsError.code)))
        }
        let text = nsError.localizedFailureReason ?? nsError.localizedDescription
        return text.contains("NSCocoaErrorDomain") ? "the file system refused the operation" : text
    }
}
