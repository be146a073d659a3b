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
}
