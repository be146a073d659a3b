import CFileSystem
import Dispatch
import Foundation

/// The hidden folders in which run folders are written before they are moved into place
/// (`.tmp-yanglao-<pid>-<random>-<run-id>`), and their removal on every exit a process can
/// take.
///
/// A folder is registered while it exists. SIGINT, SIGTERM and SIGHUP remove the registered
/// folders and then end the process as the signal would have. A process killed with SIGKILL
/// cannot clean up, so the next write into the same parent removes every staging folder whose
/// process no longer exists.
enum StagingFolders {
    /// The start of every staging folder's name.
    static let prefix = ".tmp-yanglao-"
    /// The folder inside a staging folder for files that libraries write before their bytes
    /// are read back.
    static let scratchName = ".scratch"

    /// The registered folders, and whether a signal is ending the process.
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var folders: Set<String> = []
        var ending = false
        var sources: [any DispatchSourceSignal] = []
    }

    private static let registry = Registry()

    /// The staging name for `name` in `folder`: this process's id, then a random number.
    static func path(for name: String, in folder: String) -> String {
        let pid = ProcessInfo.processInfo.processIdentifier
        return folder + "/" + prefix + "\(pid)-\(UInt32.random(in: 0...UInt32.max))-" + name
    }

    /// Registers a path that a signal must remove.
    private static func register(_ path: String) {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        registry.folders.insert(path)
    }

    /// Creates and registers a staging folder; false when it cannot be made.
    static func create(_ path: String) -> Bool {
        installHandlers()
        registry.lock.lock()
        defer { registry.lock.unlock() }
        guard !registry.ending,
            (try? FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: false)) != nil
        else { return false }
        registry.folders.insert(path)
        return true
    }

    /// Removes a staging folder (if it is still there) and forgets it.
    static func remove(_ path: String) {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        try? FileManager.default.removeItem(atPath: path)
        registry.folders.remove(path)
    }

    /// Runs a write into a staging folder unless a signal is ending the process, so that no
    /// file is written into a folder the signal handler has removed.
    static func whileStaging(_ body: () throws -> Void) throws {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        guard !registry.ending else { throw CocoaError(.fileWriteUnknown) }
        try body()
    }

    /// Moves a finished staging folder to `path`: a rename when nothing is there, an atomic
    /// exchange when a run folder is (after which the staging folder holds the old run and is
    /// removed by its writer). Where the file system cannot exchange, the old folder is renamed
    /// to a registered staging name first, so that a signal in between removes only that copy
    /// and the previous run is never left under a hidden name alone.
    static func moveIntoPlace(_ temporary: String, _ path: String) throws(RunFolder.WriteError) {
        if !FileManager.default.fileExists(atPath: path) {
            guard rename(temporary, path) == 0 else {
                throw .fileSystem(path: path, reason: String(cString: strerror(errno)))
            }
            return
        }
        if yanglao_exchange_paths(temporary, path) == 0 { return }
        guard errno == EINVAL || errno == ENOSYS else {
            throw .fileSystem(path: path, reason: String(cString: strerror(errno)))
        }
        // No exchange here: move the old run aside under a staging name, then the new one in.
        let aside = temporary + "-old"
        register(aside)
        defer { remove(aside) }
        guard rename(path, aside) == 0 else {
            throw .fileSystem(path: path, reason: String(cString: strerror(errno)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(aside, path)
            throw .fileSystem(path: path, reason: reason)
        }
    }

    /// Removes the staging folders in `parent` whose process has ended (killed with SIGKILL,
    /// or by a power cut), keeping those of live processes.
    static func removeStale(in parent: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else {
            return
        }
        let own = ProcessInfo.processInfo.processIdentifier
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }),
                pid != own, kill(pid, 0) == -1, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
    }

    /// Registers a staging file and writes it, unless a signal is ending the process.
    static func writeStaged(_ staging: String, _ bytes: [UInt8]) throws {
        installHandlers()
        register(staging)
        try whileStaging { try Data(bytes).write(to: URL(fileURLWithPath: staging)) }
    }

    /// Installs the handlers of SIGINT, SIGTERM and SIGHUP once.
    private static func installHandlers() {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        guard registry.sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { end(by: number) }
            source.resume()
            registry.sources.append(source)
        }
    }

    /// Removes every registered folder and ends the process by the signal's default action.
    private static func end(by number: Int32) {
        registry.lock.lock()
        registry.ending = true
        for folder in registry.folders { try? FileManager.default.removeItem(atPath: folder) }
        registry.folders.removeAll()
        registry.lock.unlock()
        signal(number, SIG_DFL)
        raise(number)
    }
}

/// Output files of the standalone commands (`project`, `coverage`, `assess`, …), all or none.
public enum AtomicFiles {
    /// Writes every file to a hidden staging file beside it (removed by SIGINT, SIGTERM and
    /// SIGHUP, and by the next write into the folder after a kill -9), and only when all are
    /// complete renames each into place; rename(2) replaces an existing file atomically.
    /// - Throws: ``RunFolder/WriteError/fileSystem(path:reason:)``; no staging file remains.
    public static func write(_ files: [(path: String, bytes: [UInt8])]) throws(RunFolder.WriteError)
    {
        var staged: [(staging: String, path: String)] = []
        defer { for file in staged { StagingFolders.remove(file.staging) } }
        var cleared: Set<String> = []
        for (path, bytes) in files {
            let parent = (path as NSString).deletingLastPathComponent
            let folder = parent.isEmpty ? "." : parent
            if cleared.insert(folder).inserted { StagingFolders.removeStale(in: folder) }
            let staging = StagingFolders.path(
                for: (path as NSString).lastPathComponent, in: folder)
            staged.append((staging, path))
            do {
                try StagingFolders.writeStaged(staging, bytes)
            } catch {
                throw .fileSystem(path: path, reason: FileSystemMessage.reason(error))
            }
        }
        for file in staged where rename(file.staging, file.path) != 0 {
            throw .fileSystem(path: file.path, reason: String(cString: strerror(errno)))
        }
    }
}
