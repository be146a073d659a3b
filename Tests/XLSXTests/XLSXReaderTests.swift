import CSV
import Diagnostics
import Foundation
import Testing

@testable import XLSX

/// The workbooks of Fixtures/, written by Scripts/make-register-example.py: every value
/// expected below is what that script puts in the cell.
private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

private func bytes(_ name: String) -> [UInt8] {
    Array(FileManager.default.contents(atPath: fixtures + "/" + name) ?? Data())
}

private func read(_ name: String, sheet: String? = nil, limit: Int = 64 << 20)
    -> (XLSXReader.Sheet?, DiagnosticLog)
{
    var log = DiagnosticLog()
    let sheet = XLSXReader.parse(
        bytes: bytes(name), file: name, sheet: sheet, limit: limit, log: &log)
    return (sheet, log)
}

@Suite struct XLSXReaderTests {
    @Test func theHeaderIsRow2UnderATitleMergedAcrossA1ToE1() throws {
        let (sheet, _) = read("cells.xlsx")
        let table = try #require(sheet?.table)
        #expect(table.header == ["name", "count", "opened", "formula", "note"])
        #expect(table.headerLocation().description == "cells.xlsx:Cells!A2")
        #expect(table.headerLocation(column: 3).description == "cells.xlsx:Cells!D2")
        #expect(sheet?.sheetNames == ["Cells", "第二页"])
    }

    @Test func sharedInlineRichAndFormulaStringsReadAsTheScriptWroteThem() throws {
        let (sheet, _) = read("cells.xlsx")
        let table = try #require(sheet?.table)
        // Row 3: a shared string, a number, a cached formula value 12 × 2 = 24, rich text
        // "rich " + "text" with its phonetic run リッチ left out.
        #expect(table[0, 0] == "shared")
        #expect(table[0, 1] == "12")
        #expect(table[0, 3] == "24")
        #expect(table[0, 4] == "rich text")
        // Row 4: a number stored as text "  42 ", a formula string "12", an inline string of
        // two runs.
        #expect(table[1, 1] == "  42 ")
        var log = DiagnosticLog()
        #expect(table.number(row: 1, column: 1, log: &log) == 42)
        #expect(table[1, 3] == "12")
        #expect(table[1, 4] == "inline text")
    }

    @Test func dateCellsReadAsISODates2015_06_01And1900_03_01And2024_02_29() throws {
        // Serials 42156, 61 and 45351 under the format yyyy"年"m"月"d"日".
        let (sheet, _) = read("cells.xlsx")
        let table = try #require(sheet?.table)
        #expect(table[0, 2] == "2015-06-01")
        #expect(table[1, 2] == "1900-03-01")
        #expect(table[2, 2] == "2024-02-29")
    }

    @Test func cellsMergedDownA6ToA7ReadTheTopValueInRow7() throws {
        let (sheet, _) = read("cells.xlsx")
        let table = try #require(sheet?.table)
        #expect(table.rowCount == 5)
        #expect(table[4, 0] == "merged down")
        #expect(table[4, 1] == "2")
        #expect(table.location(row: 4, column: 0).description == "cells.xlsx:Cells!A7")
    }

    /// cells.xlsx with its A6:A7 range stretched to Excel's last cell, A6:XFD1048576: the
    /// range fills only the header's five columns and stops at row 7, the last written, so
    /// the same five rows come back, row 7 reading "merged down" in every column (the range
    /// now covers B7 too), and nothing runs through seventeen billion cells.
    @Test func aRangeMergedToTheLastCellStopsAtTheLastRowWritten() throws {
        let (sheet, _) = read("merged-to-the-end.xlsx")
        let table = try #require(sheet?.table)
        #expect(table.rowCount == 5)
        #expect(table[4, 0] == "merged down")
        #expect(table[4, 1] == "merged down")
    }

    @Test func row5IsListedAsHidden() {
        let (sheet, _) = read("cells.xlsx")
        #expect(sheet?.hiddenRows == [5])
    }

    @Test func anErrorValueAndAFormulaWithoutValueAreErrorsAtD5AndD6() {
        let (_, log) = read("cells.xlsx")
        let errors = log.diagnostics.filter { $0.severity == .error }
        #expect(
            errors.map(\.location.description) == ["cells.xlsx:Cells!D5", "cells.xlsx:Cells!D6"])
        #expect(errors.allSatisfy { $0.problem.kind == .formulaValue })
    }

    @Test func aSheetIsChosenByName() throws {
        let (sheet, log) = read("cells.xlsx", sheet: "第二页")
        let table = try #require(sheet?.table)
        #expect(!log.hasErrors)
        #expect(table.header == ["a", "b"])
        #expect(table[0, 0] == "1" && table[0, 1] == "2")
        #expect(table.location(row: 0, column: 1).description == "cells.xlsx:第二页!B2")
    }

    @Test func anUnknownSheetNamesTheSheetsThereAre() {
        let (sheet, log) = read("cells.xlsx", sheet: "Cels")
        #expect(sheet == nil)
        #expect(
            log.diagnostics.map(\.problem) == [
                .unknownSheet(name: "Cels", sheets: ["Cells", "第二页"])
            ])
        #expect(
            log.diagnostics.first?.problem.message(in: .en).contains("did you mean 'Cells'") == true
        )
    }

    @Test func aSheetPartInflatingTo32MiBStopsAtALimitOf1MiB() {
        // bomb.xlsx is about 40 KB; its sheet part holds 32 MiB of spaces.
        #expect(bytes("bomb.xlsx").count < 100_000)
        let (sheet, log) = read("bomb.xlsx", limit: 1 << 20)
        #expect(sheet == nil)
        #expect(log.diagnostics.map(\.problem.kind) == [.fileTooLarge])
    }

    /// The fuzzer's first finding (Fuzz/Regressions/xlsx/): an archive whose directory points
    /// past its end trapped in ZIPFoundation's in-memory archive; read from a file, it is a
    /// message.
    @Test func anArchivePointingPastItsEndIsAMessageNotATrap() {
        let (sheet, log) = read("offset-past-end.xlsx")
        #expect(sheet == nil)
        #expect(log.hasErrors)
    }

    /// The fuzzer's hang (Fuzz/Regressions/xlsx/hang-truncated-deflate.xlsx): the shared
    /// strings' deflate stream stops before its end block, and ZIPFoundation 0.9.20's inflate
    /// loop asked for more bytes forever. The part is now inflated from its own bytes only.
    @Test func aDeflateStreamCutShortIsAMessageNotAHang() {
        let (sheet, log) = read("truncated-deflate.xlsx")
        #expect(sheet == nil)
        #expect(log.diagnostics.map(\.problem.kind) == [.badWorkbook])
        #expect(
            log.diagnostics.first?.problem.message(in: .en).contains("xl/sharedStrings.xml") == true
        )
    }

    /// A workbook cut short anywhere is a message: cells.xlsx (6,130 bytes) cut after 1,000,
    /// 1,997, … 5,985 bytes (inside its parts' data and its central directory).
    @Test func aWorkbookCutAnywhereIsAMessage() {
        let whole = bytes("cells.xlsx")
        #expect(whole.count > 2_000)
        for cut in stride(from: 1_000, to: whole.count, by: 997) {
            var log = DiagnosticLog()
            let sheet = XLSXReader.parse(
                bytes: Array(whole[0..<cut]), file: "cut.xlsx", limit: 64 << 20, log: &log)
            #expect(sheet == nil, "cut at \(cut)")
            #expect(log.hasErrors, "cut at \(cut)")
        }
    }

    /// A byte changed inside a part's deflate data is caught: by zlib as a bad stream, or by
    /// the part's CRC-32 when the stream still inflates.
    @Test func aChangedByteInAPartIsAMessage() throws {
        var changed = bytes("cells.xlsx")
        let starts = PartReader.localHeaders(changed)
        let start = try #require(starts["xl/worksheets/sheet1.xml"])
        changed[start + 20] ^= 0x5A
        var log = DiagnosticLog()
        let sheet = XLSXReader.parse(
            bytes: changed, file: "changed.xlsx", limit: 64 << 20, log: &log)
        #expect(sheet == nil)
        #expect(log.diagnostics.map(\.problem.kind) == [.badWorkbook])
    }

    @Test(arguments: [
        ([UInt8]("id,name\n1,a\n".utf8), "it is not an .xlsx workbook"),
        ([0x50, 0x4B, 0x03, 0x04, 0, 0, 0], "not a zip archive"),
    ])
    func bytesThatAreNoWorkbookAreReportedAsSuch(input: [UInt8], reason: String) {
        var log = DiagnosticLog()
        let sheet = XLSXReader.parse(bytes: input, file: "x.xlsx", limit: 1 << 20, log: &log)
        #expect(sheet == nil)
        #expect(log.diagnostics.first?.problem.message(in: .en).contains(reason) == true)
    }
}

@Suite struct ExcelDateTests {
    /// ECMA-376 Part 1 §18.17.4.1: in the 1900 date system serial 1 is 1900-01-01 and serial
    /// 60 the 29 February 1900 that Excel counts; in the 1904 system serial 0 is 1904-01-01.
    @Test(arguments: [
        (1.0, false, "1900-01-01"), (59.0, false, "1900-02-28"), (60.0, false, "1900-02-29"),
        (61.0, false, "1900-03-01"), (25_569.0, false, "1970-01-01"),
        (39_569.5, false, "2008-05-01"), (0.0, true, "1904-01-01"), (1.0, true, "1904-01-02"),
    ])
    func serials(serial: Double, date1904: Bool, text: String) {
        #expect(ExcelDate.text(serial: serial, date1904: date1904) == text)
    }
}

@Suite struct CellReferenceTests {
    /// Excel's column letters: A = 1, Z = 26, AA = 27, XFD = 16,384 (the last column).
    @Test(arguments: [(1, "A"), (26, "Z"), (27, "AA"), (703, "AAA"), (16_384, "XFD")])
    func columnNames(number: Int, name: String) {
        #expect(SourceLocation.columnName(number) == name)
        #expect(SheetPart.reference(Substring(name + "12"))?.column == number)
    }

    @Test func aSheetNameWithASpaceIsQuoted() {
        let place = SourceLocation(file: "r.xlsx", line: 12, column: 3, sheet: "My Sheet")
        #expect(place.description == "r.xlsx:'My Sheet'!C12")
    }
}
