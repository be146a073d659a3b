import CSV
import Diagnostics
import Testing

@Suite struct CSVWriterTests {
    // By RFC 4180 and Excel's convention: BOM EF BB BF, CRLF, quotes only where needed.
    @Test func outputHasABOMAndCRLFAndQuotesOnlyWhereNeeded() {
        var writer = CSVWriter(header: ["code", "name"])
        writer.append(["2103", "鞍山市"])
        writer.append(["x", "a,\"b\""])
        writer.append(["y", " padded"])
        let expected: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array("code,name\r\n2103,鞍山市\r\nx,\"a,\"\"b\"\"\"\r\ny,\" padded\"\r\n".utf8)
        #expect(writer.data == expected)
    }

    // Second method: the reader reads back every field written.
    @Test func whatIsWrittenReadsBack() throws {
        let fields = [["1", "line\nbreak", "quote\"", ""], ["2", "comma,", " lead", "trail "]]
        var writer = CSVWriter(header: ["a", "b", "c", "d"])
        fields.forEach { writer.append($0) }
        var log = DiagnosticLog()
        let table = try #require(CSVReader.parse(bytes: writer.data, file: "w.csv", log: &log))
        #expect(log.diagnostics.isEmpty)
        let read = (0..<table.rowCount).map { row in (0..<4).map { table[row, $0] } }
        #expect(read == fields)
    }
}
