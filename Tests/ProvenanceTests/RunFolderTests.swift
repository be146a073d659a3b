import Foundation
import Provenance
import Testing

@Suite struct RunFolderTests {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test func filesAppearTogetherAndNoTemporaryFolderRemains() throws {
        let folder = RunFolder(path: root + "/anshan/r1")
        try folder.write(
            [("a.txt", Array("A".utf8)), ("sub/b.txt", Array("B".utf8))], overwrite: false)
        #expect(entries(root + "/anshan") == ["r1"])
        #expect(entries(folder.path) == ["a.txt", "sub"])
        #expect(FileManager.default.contents(atPath: folder.path + "/sub/b.txt") == Data("B".utf8))
    }

    @Test func anExistingRunIsKeptUnlessOverwriteIsAsked() throws {
        let folder = RunFolder(path: root + "/anshan/r1")
        try folder.write([("a.txt", Array("first".utf8))], overwrite: false)
        #expect(throws: RunFolder.WriteError.exists(path: folder.path)) {
            try folder.write([("a.txt", Array("second".utf8))], overwrite: false)
        }
        #expect(FileManager.default.contents(atPath: folder.path + "/a.txt") == Data("first".utf8))
        try folder.write([("b.txt", Array("second".utf8))], overwrite: true)
        #expect(entries(folder.path) == ["b.txt"])
        #expect(entries(root + "/anshan") == ["r1"])
    }

    // Writing "x/y" fails when "x" is already a file: the run folder must not appear and the
    // earlier run must be untouched.
    @Test func aFailedWriteLeavesNothingAndKeepsTheEarlierRun() throws {
        let folder = RunFolder(path: root + "/anshan/r1")
        try folder.write([("keep.txt", Array("old".utf8))], overwrite: false)
        #expect(throws: RunFolder.WriteError.self) {
            try folder.write([("x", Array("1".utf8)), ("x/y", Array("2".utf8))], overwrite: true)
        }
        #expect(entries(root + "/anshan") == ["r1"])
        #expect(entries(folder.path) == ["keep.txt"])
        let fresh = RunFolder(path: root + "/anshan/r2")
        #expect(throws: RunFolder.WriteError.self) {
            try fresh.write([("x", Array("1".utf8)), ("x/y", Array("2".utf8))], overwrite: false)
        }
        #expect(entries(root + "/anshan") == ["r1"])
    }

    @Test func namesThatEscapeTheFolderAreRefused() {
        let folder = RunFolder(path: root + "/anshan/r1")
        #expect(throws: RunFolder.WriteError.badFileName("../evil")) {
            try folder.write([("../evil", [])], overwrite: false)
        }
    }

    // 0 s since 1970 is 1970-01-01 00:00:00 UTC; 1,800,000,000 s is 2027-01-15 08:00:00 UTC.
    @Test func runIDsAreUTCTimestampsMadeUniqueWithASuffix() throws {
        #expect(RunFolder.timestamp(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RunFolder.timestamp(now) == "20270115T080000Z")
        let first = RunFolder.make(root: root, scenarioID: "s", runID: nil, now: now)
        try first.write([("a", [])], overwrite: false)
        let second = RunFolder.make(root: root, scenarioID: "s", runID: nil, now: now)
        #expect(second.path == root + "/s/20270115T080000Z-2")
    }

    // A staging folder whose process is gone (pid 4,194,305 is above Linux's largest pid,
    // 2^22) is what a kill -9 leaves; the next write into the folder removes it. One of a
    // live process (this one's parent) is kept.
    @Test func stagingFoldersOfEndedProcessesAreRemovedByTheNextWrite() throws {
        let parent = root + "/anshan"
        let stale = parent + "/.tmp-yanglao-4194305-7-r0"
        let live = parent + "/.tmp-yanglao-\(getppid())-7-r0"
        for folder in [stale, live] {
            try FileManager.default.createDirectory(
                atPath: folder + "/draws", withIntermediateDirectories: true)
        }
        try RunFolder(path: parent + "/r1").write([("a.txt", [])], overwrite: false)
        #expect(entries(parent) == [".tmp-yanglao-\(getppid())-7-r0", "r1"])
    }

    // The scratch folder lies inside the staging folder beside the run and does not reach it.
    @Test func theScratchFolderIsInsideTheStagingFolderAndGoesWithIt() throws {
        let folder = RunFolder(path: root + "/anshan/r1")
        var scratch = ""
        try folder.write(overwrite: false) { given in
            scratch = given
            try Data("x".utf8).write(to: URL(fileURLWithPath: given + "/book.xlsx"))
            return [("a.txt", Array("A".utf8))]
        }
        #expect(scratch.hasPrefix(root + "/anshan/.tmp-yanglao-"))
        #expect(scratch.hasSuffix("/.scratch"))
        #expect(!FileManager.default.fileExists(atPath: scratch))
        #expect(entries(root + "/anshan") == ["r1"])
        #expect(entries(folder.path) == ["a.txt"])
    }

    // What `make` throws reaches the caller and nothing is left behind.
    @Test func aFailureWhileMakingTheFilesLeavesNothing() throws {
        struct Failed: Error {}
        let folder = RunFolder(path: root + "/anshan/r1")
        #expect(throws: Failed.self) {
            try folder.write(overwrite: false) { _ in throw Failed() }
        }
        #expect(entries(root + "/anshan") == [])
    }

    // --overwrite exchanges the folders: the run folder is the new one, nothing hidden remains.
    @Test func overwriteExchangesTheFolders() throws {
        let folder = RunFolder(path: root + "/anshan/r1")
        try folder.write([("old.txt", [])], overwrite: false)
        try folder.write([("new.txt", [])], overwrite: true)
        #expect(entries(folder.path) == ["new.txt"])
        #expect(entries(root + "/anshan") == ["r1"])
    }

    // The reasons of the file system in words: the POSIX reason under Foundation's error,
    // never "NSCocoaErrorDomain error 512".
    @Test func fileSystemErrorsReadAsTheirReason() {
        let full = CocoaError(
            .fileWriteUnknown,
            userInfo: [
                NSUnderlyingErrorKey: NSError(
                    domain: NSPOSIXErrorDomain, code: Int(ENOSPC))
            ])
        #expect(FileSystemMessage.reason(full) == String(cString: strerror(ENOSPC)))
        #expect(
            !FileSystemMessage.reason(CocoaError(.fileWriteUnknown)).contains("NSCocoaErrorDomain"))
        #expect(
            FileSystemMessage.reason(RunFolder.WriteError.exists(path: "p"))
                == RunFolder.WriteError.exists(path: "p").description)
    }

    // Output files of the table commands: written together, no staging file left.
    @Test func atomicFilesAreWrittenTogether() throws {
        try AtomicFiles.write([(root + "/a.csv", Array("a".utf8)), (root + "/b.csv", [])])
        #expect(entries(root) == ["a.csv", "b.csv"])
        #expect(throws: RunFolder.WriteError.self) {
            try AtomicFiles.write([(root + "/c.csv", []), (root + "/missing/d.csv", [])])
        }
        #expect(entries(root) == ["a.csv", "b.csv"])
    }
}
