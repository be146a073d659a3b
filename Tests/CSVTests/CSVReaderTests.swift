import CSV
import Diagnostics
import Testing

@Suite struct CSVReaderTests {
    func parse(_ text: String) -> (CSVTable?, [Diagnostic]) {
        var log = DiagnosticLog()
        let table = CSVReader.parse(bytes: Array(text.utf8), file: "t.csv", log: &log)
        return (table, log.diagnostics)
    }

    func rows(_ table: CSVTable) -> [[String]] {
        (0..<table.rowCount).map { row in (0..<table.header.count).map { table[row, $0] } }
    }

    // RFC 4180 §2: fields in double quotes may hold commas, doubled quotes and line breaks.
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let (table, diagnostics) = parse(
            "name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nc,\"two\nlines\"\r\n")
        let t = try #require(table)
        #expect(diagnostics.isEmpty)
        #expect(t.header == ["name", "note"])
        #expect(rows(t) == [["a,b", "say \"hi\""], ["c", "two\nlines"]])
        #expect(t.line(ofRow: 0) == 2)
        #expect(t.line(ofRow: 1) == 3)
    }

    @Test func aByteOrderMarkIsDroppedAndBlankLinesSkipped() throws {
        var log = DiagnosticLog()
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("code,name\n\n2103,鞍山市\n,\n210302,铁东区".utf8)
        let t = try #require(CSVReader.parse(bytes: bytes, file: "t.csv", log: &log))
        #expect(log.diagnostics.isEmpty)
        #expect(t.header == ["code", "name"])
        #expect(rows(t) == [["2103", "鞍山市"], ["210302", "铁东区"]])
        #expect(t.line(ofRow: 1) == 5)
        #expect(t.encoding == .utf8)
    }

    // Line 3 has 3 fields against a header of 2; line 4 is fine and is kept.
    @Test func raggedRowsAreReportedAtTheirLine() throws {
        let (table, diagnostics) = parse("a,b\n1,2\n1,2,3\n4,5\n")
        #expect(
            diagnostics == [
                .error(
                    .raggedRow(expected: 2, found: 3), at: .init(file: "t.csv", line: 3, column: 1))
            ])
        #expect(rows(try #require(table)) == [["1", "2"], ["4", "5"]])
    }

    @Test func anUnclosedQuoteIsReportedWhereItOpens() {
        let (table, diagnostics) = parse("a,b\n1,\"open\n2,3\n")
        #expect(table == nil)
        #expect(diagnostics.map(\.location) == [.init(file: "t.csv", line: 2, column: 3)])
        #expect(
            diagnostics.first?.problem == .badQuoting("a quoted field opened here is never closed"))
    }

    @Test func strayQuotesAndTextAfterAClosingQuoteAreErrors() {
        let (_, diagnostics) = parse("a,b\n1,5\" screen\n\"x\"y,2\n")
        #expect(diagnostics.map(\.location.line) == [2, 3])
        #expect(diagnostics.map(\.location.column) == [4, 4])
    }

    @Test func headerProblemsAreReported() {
        let (_, duplicate) = parse("code,name,code\n1,2,3\n")
        #expect(duplicate.map(\.problem) == [.duplicateColumn(column: "code")])
        #expect(duplicate.first?.location == .init(file: "t.csv", line: 1, column: 11))
        let (empty, emptyDiagnostics) = parse("")
        #expect(empty == nil)
        #expect(emptyDiagnostics.count == 1)
    }

    // Columns count characters: in "鞍山市,x,y" the cell y starts at character 7.
    @Test func cellLocationsCountCharactersNotBytes() throws {
        let (table, _) = parse("a,b,c\n鞍山市,x,y\n")
        let t = try #require(table)
        #expect(t.location(row: 0, column: 2) == .init(file: "t.csv", line: 2, column: 7))
        #expect(t.headerLocation(column: 1) == .init(file: "t.csv", line: 1, column: 3))
    }

    @Test func typedCellsReportWhatIsWrongWithColumnAndPlace() throws {
        let (table, _) = parse("code,count,share\n1, 12 ,0.5\n2,-3,abc\n3,4.5,\n")
        let t = try #require(table)
        var log = DiagnosticLog()
        #expect(t.count(row: 0, column: 1, log: &log) == 12)
        #expect(t.number(row: 0, column: 2, log: &log) == 0.5)
        #expect(log.diagnostics.isEmpty)
        #expect(t.count(row: 1, column: 1, log: &log) == nil)
        #expect(t.number(row: 1, column: 2, log: &log) == nil)
        #expect(t.count(row: 2, column: 1, log: &log) == nil)
        #expect(t.number(row: 2, column: 2, log: &log) == nil)
        #expect(
            log.diagnostics == [
                .error(
                    .negative(column: "count", value: "-3"),
                    at: .init(file: "t.csv", line: 3, column: 3)),
                .error(
                    .notANumber(column: "share", value: "abc"),
                    at: .init(file: "t.csv", line: 3, column: 6)),
                .error(
                    .notANumber(column: "count", value: "4.5"),
                    at: .init(file: "t.csv", line: 4, column: 3)),
            ])
    }

    @Test func missingAndUnknownColumnsAreNamedWithSuggestions() throws {
        let (table, _) = parse("code,nmae,latt\n1,2,3\n")
        var log = DiagnosticLog()
        let complete = try #require(table).check(
            CSVColumns(required: ["code", "name"], optional: ["lat"]), log: &log)
        #expect(!complete)
        #expect(
            log.diagnostics.map(\.problem) == [
                .missingColumn(column: "name", suggestion: "nmae"),
                .unknownColumn(column: "nmae", suggestion: "name"),
                .unknownColumn(column: "latt", suggestion: "lat"),
            ])
        #expect(log.diagnostics.map(\.severity) == [.error, .warning, .warning])
    }
}
