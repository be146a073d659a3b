import Foundation

/// A run's output folder, `Output/<scenario-id>/<run-id>/`, written all at once.
///
/// Files are written into a hidden temporary folder beside the destination and the folder is
/// renamed into place only when every file is written, so a failed run leaves nothing behind
/// and a reader never sees a half-written run. An existing run folder is replaced only when
/// the caller asks for it, and then the old folder is moved aside first and deleted only after
/// the new one is in place.
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
        let manager = FileManager.default
        for (name, _) in files
        where name.isEmpty || name.hasPrefix("/") || name.split(separator: "/").contains("..") {
            throw .badFileName(name)
        }
        let exists = manager.fileExists(atPath: path)
        if exists, !overwrite { throw .exists(path: path) }
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let unique =
            "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent + "/.tmp-" + name + "-" + unique
        do {
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
        } catch {
            throw .fileSystem(path: parent, reason: Self.reason(error))
        }
        do {
            for (file, bytes) in files {
                let target = temporary + "/" + file
                let folder = (target as NSString).deletingLastPathComponent
                if folder != temporary {
                    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                try Data(bytes).write(to: URL(fileURLWithPath: target))
            }
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw .fileSystem(path: temporary, reason: Self.reason(error))
        }
        var setAside: String?
        if exists {
            let old = parent + "/.old-" + name + "-" + unique
            do {
                try manager.moveItem(atPath: path, toPath: old)
                setAside = old
            } catch {
                try? manager.removeItem(atPath: temporary)
                throw .fileSystem(path: path, reason: Self.reason(error))
            }
        }
        do {
            try manager.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? manager.removeItem(atPath: temporary)
            if let setAside { try? manager.moveItem(atPath: setAside, toPath: path) }
            throw .fileSystem(path: path, reason: Self.reason(error))
        }
        if let setAside { try? manager.removeItem(atPath: setAside) }
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
