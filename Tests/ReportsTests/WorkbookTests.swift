import Foundation
import Testing

@testable import Reports

@Suite struct WorkbookTests {
    func book() throws -> [UInt8] {
        let workbook = try Workbook(
            created: Date(timeIntervalSince1970: 1_700_000_000), title: "测试")
        let sheet = workbook.addSheet("摘要 Summary")
        workbook.write("指标", at: 0, 0, in: sheet, format: .header)
        workbook.write("护理型床位占比", at: 1, 0, in: sheet)
        workbook.write(0.55, at: 1, 1, in: sheet, format: CellFormat(numberFormat: "0.0%"))
        workbook.write(Double.nan, at: 1, 2, in: sheet)
        workbook.write("met", at: 1, 3, in: sheet)
        workbook.freeze(rows: 1, columns: 1, in: sheet)
        workbook.setWidth(24, columns: 0...0, in: sheet)
        workbook.highlight(rows: 1...1, columns: 3...3, equalTo: "met", fill: .met, in: sheet)
        workbook.colourScale(rows: 1...1, columns: 1...1, in: sheet)
        return try workbook.data()
    }

    /// The text of one part of the .xlsx archive, read with `unzip -p` (a second reader).
    func part(_ name: String, of bytes: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wb-\(UUID()).xlsx")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["unzip", "-p", file.path, name]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    @Test func theSameContentGivesTheSameBytes() throws {
        let first = try book()
        #expect(first.count > 1000)
        #expect(first == (try book()))
    }

    @Test func cellsFormatsAndFrozenHeadersAreInTheFile() throws {
        let bytes = try book()
        let strings = try part("xl/sharedStrings.xml", of: bytes)
        #expect(strings.contains("护理型床位占比") && strings.contains("指标"))
        let sheet = try part("xl/worksheets/sheet1.xml", of: bytes)
        #expect(sheet.contains("<v>0.55</v>"))
        #expect(sheet.contains("state=\"frozen\""))
        #expect(sheet.contains("<colorScale>"))
        #expect(sheet.contains("<formula>\"met\"</formula>"))
        let styles = try part("xl/styles.xml", of: bytes)
        #expect(styles.contains("formatCode=\"0.0%\""))
        let workbook = try part("xl/workbook.xml", of: bytes)
        #expect(workbook.contains("name=\"摘要 Summary\""))
    }
}
