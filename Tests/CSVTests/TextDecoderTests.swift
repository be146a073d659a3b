import CSV
import Diagnostics
import Testing

@Suite struct TextDecoderTests {
    // GB2312 (a subset of GB18030) code chart: 名 = C3FB, 称 = B3C6, 人 = C8CB, 口 = BFDA,
    // 鞍 = B0B0, 山 = C9BD, 市 = CAD0.
    let gbHeader: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xC8, 0xCB, 0xBF, 0xDA, 0x0A]
    let gbRow: [UInt8] = [0xB0, 0xB0, 0xC9, 0xBD, 0xCA, 0xD0, 0x2C, 0x31, 0x30, 0x30, 0x0A]

    @Test func gb18030FilesFromExcelAreDetectedAndDecoded() throws {
        var log = DiagnosticLog()
        let table = try #require(
            CSVReader.parse(bytes: gbHeader + gbRow, file: "gb.csv", log: &log))
        #expect(log.diagnostics.isEmpty)
        #expect(table.encoding == .gb18030)
        #expect(table.header == ["名称", "人口"])
        #expect(table[0, 0] == "鞍山市")
        #expect(table[0, 1] == "100")
    }

    // GB18030's four-byte form: U+0080 is the first four-byte code, 81 30 81 30; code points
    // beyond the BMP count linearly from U+10000 = 90 30 81 30, so U+20000 (index 65,536) is
    // 90+5, 30+2, 81+1, 30+6 = 95 32 82 36 (digits of 65,536 in the mixed radix 10·126·10).
    @Test func fourByteSequencesDecode() throws {
        let bytes: [UInt8] = [0xB0, 0xB0, 0x81, 0x30, 0x81, 0x30, 0x95, 0x32, 0x82, 0x36]
        let decoded = try TextDecoder.decode(bytes, file: "f.txt").get()
        #expect(decoded.string == "鞍\u{80}\u{20000}")
        #expect(decoded.encoding == .gb18030)
    }

    // A 0xFF byte replaces the first byte of 市 on line 3: no GB18030 character starts with
    // FF, so the error is at line 3, character 3 (after 鞍 and 山).
    @Test func aBrokenByteInAGB18030FileIsFoundAtItsLine() {
        var row = gbRow
        row[4] = 0xFF
        let result = TextDecoder.decode(gbHeader + gbRow + row, file: "gb.csv")
        guard case .failure(let diagnostic) = result else {
            Issue.record("a broken file decoded")
            return
        }
        #expect(diagnostic.location == SourceLocation(file: "gb.csv", line: 3, column: 3))
        guard case .invalidEncoding(let detail) = diagnostic.problem else {
            Issue.record("wrong problem \(diagnostic.problem)")
            return
        }
        #expect(detail.contains("0xFF") && detail.contains("GB18030"))
    }

    // A UTF-8 file whose third line has a lone continuation byte (0x80) after 鞍山: UTF-8
    // reads further than GB18030 (which fails at the first Chinese character of line 1), so
    // the error is reported as UTF-8 at line 3, character 3.
    @Test func aBrokenByteInAUTF8FileIsFoundAtItsLine() {
        let bytes = Array("名称,人口\n鞍山市,1\n鞍山".utf8) + [0x80] + Array(",2\n".utf8)
        guard case .failure(let diagnostic) = TextDecoder.decode(bytes, file: "u.csv") else {
            Issue.record("a broken file decoded")
            return
        }
        #expect(diagnostic.location == SourceLocation(file: "u.csv", line: 3, column: 3))
    }

    @Test func utf16FilesAreRefusedWithAHint() {
        guard
            case .failure(let diagnostic) = TextDecoder.decode(
                [0xFF, 0xFE, 0x41, 0x00], file: "w.csv")
        else {
            Issue.record("UTF-16 was accepted")
            return
        }
        #expect(diagnostic.problem.message(in: .en).contains("UTF-16"))
    }
}
