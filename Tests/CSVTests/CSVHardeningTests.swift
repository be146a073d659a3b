import CSV
import Diagnostics
import Foundation
import Testing

/// Hostile inputs: old Mac line ends, headers of empty names, a bad row on every line, and
/// files too large or not files at all.
@Suite struct CSVHardeningTests {
    func parse(_ text: String) -> (CSVTable?, DiagnosticLog) {
        var log = DiagnosticLog()
        let table = CSVReader.parse(bytes: Array(text.utf8), file: "t.csv", log: &log)
        return (table, log)
    }

    func rows(_ table: CSVTable) -> [[String]] {
        (0..<table.rowCount).map { row in (0..<table.header.count).map { table[row, $0] } }
    }

    /// A folder of its own under the temporary folder, removed by the caller.
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "yanglao-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    // Excel's "CSV (Macintosh)" ends each line with CR alone. The hand-built file has a header
    // and 3 rows on lines 1–4; the stray quote on line 3 is at column 4 (after "1,x").
    @Test func crOnlyLineEndsSplitRowsAndNumberLines() throws {
        let (table, log) = parse("code,name\r2103,鞍山市\r1,x\"\r210302,铁东区\r")
        let t = try #require(table)
        #expect(t.header == ["code", "name"])
        #expect(rows(t) == [["2103", "鞍山市"], ["1", "x\""], ["210302", "铁东区"]])
        #expect((0..<3).map(t.line(ofRow:)) == [2, 3, 4])
        #expect(t.location(row: 2, column: 1) == SourceLocation(file: "t.csv", line: 4, column: 8))
        #expect(
            log.diagnostics.map(\.location) == [SourceLocation(file: "t.csv", line: 3, column: 4)])
    }

    // LF, CRLF and CR in one file: rows start on lines 2, 3 and 4; a blank CR line (line 5)
    // is skipped and the last row, with no line end, is on line 6.
    @Test func mixedLineEndsAreAllLineEnds() throws {
        let (table, log) = parse("a,b\n1,2\r\n3,4\r5,6\r\r7,8")
        let t = try #require(table)
        #expect(log.diagnostics.isEmpty)
        #expect(rows(t) == [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]])
        #expect((0..<4).map(t.line(ofRow:)) == [2, 3, 4, 6])
        // Column b of the last row: "7," is 2 characters, so b starts at column 3.
        #expect(t.location(row: 3, column: 1) == SourceLocation(file: "t.csv", line: 6, column: 3))
    }

    // RFC 4180 §2.6: a line break inside quotes belongs to the field; a CR alone too. The next
    // record's line counts the CR as a line end: "a,b" / "1,"x" / "y"" / "2,"p" / "q"", so
    // the rows start on lines 2 and 4, the lines a diagnostic would show.
    @Test func aCRInsideQuotesStaysInTheField() throws {
        let (table, log) = parse("a,b\r1,\"x\ry\"\r2,\"p\r\nq\"\r")
        let t = try #require(table)
        #expect(log.diagnostics.isEmpty)
        #expect(rows(t) == [["1", "x\ry"], ["2", "p\r\nq"]])
        #expect(t.line(ofRow: 0) == 2)
        #expect(t.line(ofRow: 1) == 4)
    }

    // A header "id,name" then 8,000 commas names 8,002 columns, 8,000 of them empty: one error
    // for the run, at the first empty column (column 3, which starts at character 9 after
    // "id,name,").
    @Test func aHeaderEndingInCommasGivesOneError() throws {
        let header = "id,name" + String(repeating: ",", count: 8_000)
        let (table, log) = parse(header + "\n")
        let t = try #require(table)
        #expect(t.header.count == 8_002)
        #expect(log.diagnostics.count <= DiagnosticLog.keptPerKind + 1)
        #expect(
            log.diagnostics == [
                .error(
                    .invalidValue(field: "header", reason: "columns 3 to 8002 have no name"),
                    at: SourceLocation(file: "t.csv", line: 1, column: 9))
            ])
    }

    // 100,000 rows of 3 fields against a header of 2: every row is ragged. The log keeps
    // keptPerKind of them and one note counts the other 100,000 − keptPerKind.
    @Test func aBadRowOnEveryLineIsCappedAndCounted() throws {
        let rowCount = 100_000
        var text = "a,b\n"
        text.reserveCapacity(rowCount * 6 + 4)
        for _ in 0..<rowCount { text += "1,2,3\n" }
        let (_, log) = parse(text)
        let kept = DiagnosticLog.keptPerKind
        let diagnostics = log.sorted
        #expect(diagnostics.count == kept + 1)
        #expect(log.errorCount == rowCount)
        #expect(log.hasErrors)
        // The kept errors are the first rows, on lines 2…kept + 1.
        #expect(diagnostics.prefix(kept).map(\.location.line) == Array(2...(kept + 1)))
        let summary = try #require(diagnostics.last)
        #expect(summary.severity == .note)
        #expect(
            summary.problem == .omitted(count: rowCount - kept, severity: .error, file: "t.csv"))
        #expect(summary.location == SourceLocation(file: "t.csv", line: kept + 2, column: 1))
        #expect(
            summary.problem.message(in: .en) == "… and 99,980 more errors of this kind in t.csv")
        #expect(diagnostics.errorCount == rowCount)
        // Rendering shows each kept line and the note's line under its message.
        var sources = SourceTexts()
        sources.add(file: "t.csv", text: text)
        let rendered = DiagnosticRenderer(sources: sources).render(diagnostics)
        #expect(rendered.split(separator: "\n").count == (kept + 1) * 3)
    }

    // 600 MiB is more than the 512 MiB limit of a regions table. The file is sparse, so it
    // takes no disk, and it is refused from its size alone.
    @Test func aFileOverTheLimitIsRefusedBeforeReading() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("regions.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 600 << 20)
        try handle.close()
        let result = TextFile.bytes(
            atPath: path, name: "regions.csv", kind: .regions, environment: [:])
        let expected = Diagnostic.error(
            .fileTooLarge(
                path: "regions.csv", size: 600 << 20, limit: 512 << 20, what: "a regions table"),
            at: SourceLocation(file: "regions.csv"))
        #expect(throws: expected) { try result.get() }
        #expect(
            expected.description(in: .en)
                == "regions.csv: error: regions.csv is 600 MiB; the limit for a regions table is 512 MiB; set YANGLAO_MAX_INPUT_MB to raise it"
        )
    }

    // The environment variable sets one limit, in MiB, for every kind; a value that is not a
    // positive whole number leaves the defaults.
    @Test func theLimitVariableOverridesEveryKind() {
        #expect(InputKind.scenario.limit(environment: [:]) == 16 * 1_048_576)
        #expect(InputKind.regions.limit(environment: [:]) == 512 * 1_048_576)
        let one = ["YANGLAO_MAX_INPUT_MB": "1"]
        #expect(InputKind.allCases.allSatisfy { $0.limit(environment: one) == 1_048_576 })
        #expect(InputKind.table.limit(environment: ["YANGLAO_MAX_INPUT_MB": "-3"]) == 512 << 20)
        #expect(InputKind.table.limit(environment: ["YANGLAO_MAX_INPUT_MB": "lots"]) == 512 << 20)
    }

    // A named pipe would block a reader until something writes to it, and a folder has no
    // bytes: both are refused from their stat, before anything is opened.
    @Test func aPipeOrAFolderIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(pipe, 0o600) == 0)
        #expect(
            throws: Diagnostic.error(
                .unreadableFile(path: "pipe.csv", reason: "it is a named pipe, not a file"),
                at: SourceLocation(file: "pipe.csv"))
        ) {
            try TextFile.bytes(atPath: pipe, name: "pipe.csv").get()
        }
        #expect(
            throws: Diagnostic.error(
                .unreadableFile(path: "f", reason: "it is a folder"),
                at: SourceLocation(file: "f"))
        ) {
            try TextFile.bytes(atPath: folder.path, name: "f").get()
        }
        #expect(
            throws: Diagnostic.error(
                .unreadableFile(path: "zero", reason: "it is a device, not a file"),
                at: SourceLocation(file: "zero"))
        ) {
            try TextFile.bytes(atPath: "/dev/zero", name: "zero").get()
        }
    }
}
