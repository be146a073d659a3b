import CSV
import Diagnostics
import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads one sheet of an Excel workbook (`.xlsx`, Office Open XML SpreadsheetML, ECMA-376
/// Part 1 §18) into a ``CSVTable``, so that every reader of tables reads a bureau's register
/// (台账) as it reads CSV, and every problem is reported at its cell: `register.xlsx:机构!C12`.
///
/// - Text: shared strings (`t="s"`, with rich-text runs joined and phonetic runs left out),
///   inline strings and formula strings; numbers as Excel stores them, so numbers stored as
///   text read as numbers wherever a reader wants one.
/// - Formula cells give their cached value; one without (a workbook never calculated) or
///   holding an error value (`#REF!`, `#DIV/0!`) is an error at its cell.
/// - Cells formatted as dates give the date as `YYYY-MM-DD` from the serial number (1900
///   system with Excel's 29 February 1900, or the 1904 system the workbook states).
/// - Merged cells: every cell of a merged range reads the value of its top-left cell.
/// - Hidden rows are read like the others and listed (``Sheet/hiddenRows``).
/// - The header is the first row with at least two cells filled (a title row merged across
///   the sheet above it is skipped); rows whose cells are all empty are skipped.
///
/// What is read is bounded: the archive must be no larger than its kind's file limit, and
/// the parts read (workbook, shared strings, styles, the sheet) may not hold more than that
/// limit uncompressed together, counted while they inflate, so a zip bomb stops with a
/// message at the limit instead of filling memory.
public enum XLSXReader {
    /// A sheet read into a table, with what the data-quality summary needs to know.
    public struct Sheet: Sendable {
        /// The table, every cell located in the sheet.
        public var table: CSVTable
        /// The sheets of the workbook, in order.
        public var sheetNames: [String]
        /// The 1-based numbers of the data rows hidden in Excel.
        public var hiddenRows: [Int]
    }

    /// Whether a file name names a workbook this reader reads (`.xlsx`, any case).
    public static func isWorkbook(_ name: String) -> Bool {
        name.lowercased().hasSuffix(".xlsx")
    }

    /// Reads a sheet of a workbook on disk.
    /// - Parameters:
    ///   - path: where the file is.
    ///   - name: how diagnostics name the file.
    ///   - sheet: the sheet's name; nil for the first sheet.
    ///   - kind: what the table holds, for the size limit (see ``InputKind``).
    ///   - log: receives every problem found.
    /// - Returns: the sheet, or nil (with the reason logged) when it cannot be read.
    public static func read(
        atPath path: String, name: String, sheet: String? = nil, kind: InputKind = .table,
        log: inout DiagnosticLog
    ) -> Sheet? {
        switch TextFile.bytes(atPath: path, name: name, kind: kind) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let bytes):
            return parse(bytes: bytes, file: name, sheet: sheet, limit: kind.limit(), log: &log)
        }
    }

    /// Reads a sheet of a workbook held in memory.
    /// - Parameter limit: the most bytes the parts read may hold uncompressed, together.
    public static func parse(
        bytes: [UInt8], file: String, sheet: String? = nil, limit: Int, log: inout DiagnosticLog
    ) -> Sheet? {
        let place = SourceLocation(file: file)
        func fail(_ reason: String) -> Sheet? {
            log.error(.badWorkbook(reason: reason), at: place)
            return nil
        }
        guard bytes.starts(with: [0x50, 0x4B]) else {
            return fail("it is not an .xlsx workbook (a zip archive); save it from Excel as .xlsx")
        }
        // The archive is read from a file: ZIPFoundation's in-memory archive traps on an offset
        // beyond the end (a truncated or corrupt workbook), its file-backed one reports it.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "yanglao-xlsx-\(UUID().uuidString).xlsx")
        guard FileManager.default.createFile(atPath: scratch.path, contents: Data(bytes)) else {
            return fail("it could not be copied to a temporary file")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let archive: Archive
        do {
            archive = try Archive(url: scratch, accessMode: .read)
        } catch {
            return fail("it is not a zip archive that can be read (\(error))")
        }
        var parts = PartReader(archive: archive, bytes: bytes, budget: limit)
        do {
            guard let workbookXML = try parts.data("xl/workbook.xml") else {
                return fail("it has no xl/workbook.xml, so it is not an Excel workbook")
            }
            let workbook = try WorkbookPart.parse(workbookXML)
            let relations = try parts.data("xl/_rels/workbook.xml.rels").map(Relations.parse) ?? [:]
            guard !workbook.sheets.isEmpty else { return fail("it has no sheets") }
            let names = workbook.sheets.map(\.name)
            let chosen: WorkbookPart.SheetEntry
            if let sheet {
                guard let found = workbook.sheets.first(where: { $0.name == sheet }) else {
                    log.error(.unknownSheet(name: sheet, sheets: names), at: place)
                    return nil
                }
                chosen = found
            } else {
                chosen = workbook.sheets[0]
            }
            guard let target = relations[chosen.relation] else {
                return fail("the sheet '\(chosen.name)' has no part in the archive")
            }
            let partPath =
                target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            let strings = try parts.data("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
            let styles = try parts.data("xl/styles.xml").map(Styles.parse) ?? Styles()
            guard let sheetXML = try parts.data(partPath) else {
                return fail("the part \(partPath) of sheet '\(chosen.name)' is missing")
            }
            let cells = try SheetPart.parse(sheetXML)
            return table(
                from: cells, file: file, sheet: chosen.name, names: names, strings: strings,
                styles: styles, date1904: workbook.date1904, log: &log)
        } catch let error as PartReader.TooLarge {
            log.error(
                .fileTooLarge(
                    path: file + " (uncompressed)", size: error.size, limit: limit,
                    what: "the parts of a workbook read"),
                at: place)
            return nil
        } catch {
            return fail("\(error)")
        }
    }

    /// Assembles the table: values of the cells, the header row, merged ranges filled.
    static func table(
        from part: SheetPart, file: String, sheet: String, names: [String], strings: [String],
        styles: Styles, date1904: Bool, log: inout DiagnosticLog
    ) -> Sheet? {
        // Values by row, each row by column.
        var values: [Int: [Int: String]] = [:]
        for cell in part.cells {
            let place = SourceLocation(
                file: file, line: cell.row, column: cell.column, sheet: sheet)
            var text: String
            switch cell.type {
            case "s":
                guard let index = Int(cell.value), strings.indices.contains(index) else {
                    log.error(
                        .badWorkbook(reason: "shared string \(cell.value) does not exist"),
                        at: place)
                    continue
                }
                text = strings[index]
            case "inlineStr":
                text = cell.inline
            case "e":
                log.error(
                    .formulaValue(reason: "the cell holds the error value \(cell.value)"),
                    at: place)
                continue
            case "b":
                text = cell.value == "1" ? "TRUE" : "FALSE"
            default:  // n, str, d
                text = cell.value
                if cell.hasFormula, cell.value.isEmpty, !cell.hasValue {
                    log.error(
                        .formulaValue(
                            reason:
                                "no value was saved with the formula; open the workbook in Excel and save it again"
                        ), at: place)
                    continue
                }
                if cell.type == "n" || cell.type.isEmpty, styles.isDate(cell.style),
                    let serial = Double(text)
                {
                    text = ExcelDate.text(serial: serial, date1904: date1904) ?? text
                }
            }
            if !text.isEmpty { values[cell.row, default: [:]][cell.column] = text }
        }
        // The header: the first row with two cells filled as written (a title merged across
        // the sheet fills one).
        let rows = values.keys.sorted()
        guard let headerRow = rows.first(where: { (values[$0]?.count ?? 0) >= 2 }) else {
            log.error(
                .emptyTable,
                at: SourceLocation(file: file, line: rows.first ?? 1, column: 1, sheet: sheet))
            return nil
        }
        let headerCells = values[headerRow]!.sorted { $0.key < $1.key }
        var header: [String] = []
        var columnNumbers: [Int32] = []
        var seen: [String: Int] = [:]
        for (column, name) in headerCells {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if seen[trimmed] != nil {
                log.error(
                    .duplicateColumn(column: trimmed),
                    at: SourceLocation(file: file, line: headerRow, column: column, sheet: sheet))
                continue
            }
            seen[trimmed] = column
            header.append(trimmed)
            columnNumbers.append(Int32(column))
        }
        // Below the header, merged ranges read their top-left cell's value everywhere: in the
        // header's columns and down to the last row written (a range reaching XFD1048576 is
        // not seventeen billion cells), at most a million cells filled in all.
        var dataRows = Set(rows.filter { $0 > headerRow })
        let lastRow = rows.last ?? headerRow
        var filled = 0
        for range in part.merged where range.bottom > headerRow && range.top <= lastRow {
            guard let value = values[range.top]?[range.left] else { continue }
            let columns = columnNumbers.map(Int.init).filter {
                (range.left...range.right).contains($0)
            }
            guard !columns.isEmpty else { continue }
            for row in max(range.top, headerRow + 1)...min(range.bottom, lastRow) {
                for column in columns where (row, column) != (range.top, range.left) {
                    values[row, default: [:]][column] = value
                }
                filled += columns.count
                guard filled <= 1_000_000 else {
                    log.error(
                        .badWorkbook(reason: "its merged ranges cover more than a million cells"),
                        at: SourceLocation(file: file, sheet: sheet))
                    return nil
                }
                dataRows.insert(row)
            }
        }
        var cells: [String] = []
        var rowNumbers: [Int32] = []
        var hiddenRows: [Int] = []
        cells.reserveCapacity(rows.count * header.count)
        for row in dataRows.sorted() {
            let rowValues = values[row] ?? [:]
            let line = columnNumbers.map { rowValues[Int($0)] ?? "" }
            guard line.contains(where: { !$0.isEmpty }) else { continue }
            cells.append(contentsOf: line)
            rowNumbers.append(Int32(row))
            if part.hiddenRows.contains(row) { hiddenRows.append(row) }
        }
        let table = CSVTable(
            file: file, sheet: sheet, header: header, headerRow: headerRow,
            columnNumbers: columnNumbers, cells: cells, rowNumbers: rowNumbers)
        return Sheet(table: table, sheetNames: names, hiddenRows: hiddenRows)
    }
}

/// Reads the parts of an archive, counting the bytes inflated against one budget.
///
/// ZIPFoundation finds the parts (its central directory); the bytes of each part are inflated
/// here from the archive's bytes, never past the part's compressed size: ZIPFoundation 0.9.20's
/// own extraction keeps reading after the end of a truncated deflate stream and never stops
/// (`Fuzz/Regressions/xlsx/hang-truncated-deflate.xlsx`). A part's data starts after its local
/// header (APPNOTE 4.3.7: 30 bytes, its name and its extra field), found by its name.
struct PartReader {
    /// The parts read would hold more than the budget uncompressed.
    struct TooLarge: Error {
        var size: Int
    }

    /// A part that cannot be read: truncated, corrupt or stored in a way Excel does not use.
    struct Corrupt: Error, CustomStringConvertible {
        var part: String
        var reason: String
        var description: String { "its part \(part) \(reason)" }
    }

    let archive: Archive
    /// The archive's bytes.
    let bytes: [UInt8]
    /// Where each part's data starts in `bytes`, by the name in its local header.
    let dataStarts: [String: Int]
    /// Bytes that may still be inflated.
    var budget: Int
    /// Bytes inflated so far.
    var used = 0

    init(archive: Archive, bytes: [UInt8], budget: Int) {
        self.archive = archive
        self.bytes = bytes
        self.budget = budget
        dataStarts = Self.localHeaders(bytes)
    }

    /// The data offset of every local file header (signature `PK\u{3}\u{4}`) by its name; the
    /// first header of a name wins.
    static func localHeaders(_ bytes: [UInt8]) -> [String: Int] {
        func uint16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        var starts: [String: Int] = [:]
        var index = 0
        while index + 30 <= bytes.count {
            guard bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 3,
                bytes[index + 3] == 4
            else {
                index += 1
                continue
            }
            let nameLength = uint16(index + 26)
            let extraLength = uint16(index + 28)
            let nameEnd = index + 30 + nameLength
            if nameEnd <= bytes.count {
                let name = String(decoding: bytes[(index + 30)..<nameEnd], as: UTF8.self)
                if starts[name] == nil { starts[name] = nameEnd + extraLength }
            }
            index += 4
        }
        return starts
    }

    /// The uncompressed bytes of a part; nil when the archive has no such part.
    mutating func data(_ path: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        let declared = Int(clamping: entry.uncompressedSize)
        guard declared <= budget - used else {
            throw TooLarge(
                size: used.addingReportingOverflow(declared).overflow ? .max : used + declared)
        }
        let compressedSize = Int(clamping: entry.compressedSize)
        guard let start = dataStarts[path], start <= bytes.count,
            compressedSize <= bytes.count - start
        else {
            throw Corrupt(part: path, reason: "is cut short (the file is truncated)")
        }
        let compressed = bytes[start..<(start + compressedSize)]
        var data = Data()
        data.reserveCapacity(declared)
        let limit = budget
        var total = used
        let checksum: CRC32
        if entry.isCompressed {
            // Every chunk is the full buffer size (ZIPFoundation's inflate loop tells zlib a
            // chunk has that many bytes), padded with zeros after the part's last byte; asking
            // again after the last byte stops a stream that has not ended.
            let bufferSize = 64 * 1024
            do {
                checksum = try Data.decompress(
                    size: Int64(compressedSize), bufferSize: bufferSize, skipCRC32: false,
                    provider: { position, size in
                        let from = compressed.startIndex + Int(position)
                        guard from < compressed.endIndex else {
                            throw Corrupt(part: path, reason: "ends before its data does")
                        }
                        var chunk = Data(compressed[from..<min(from + size, compressed.endIndex)])
                        if chunk.count < size {
                            chunk.append(Data(count: size - chunk.count))
                        }
                        return chunk
                    },
                    consumer: { chunk in
                        total += chunk.count
                        guard total <= limit else { throw TooLarge(size: total) }
                        data.append(chunk)
                    })
            } catch let error as TooLarge {
                throw error
            } catch let error as Corrupt {
                throw error
            } catch {
                throw Corrupt(part: path, reason: "is not a valid deflate stream")
            }
        } else {
            total += compressedSize
            guard total <= limit else { throw TooLarge(size: total) }
            data.append(contentsOf: compressed)
            checksum = data.crc32(checksum: 0)
        }
        guard checksum == entry.checksum else {
            throw Corrupt(part: path, reason: "does not match its checksum (the file is damaged)")
        }
        used = total
        return data
    }
}

/// Dates of Excel's serial numbers (ECMA-376 Part 1 §18.17.4.1).
public enum ExcelDate {
    /// The date a serial number stands for, as `YYYY-MM-DD`; nil outside 1900–9999.
    ///
    /// In the 1900 system serial 1 is 1900-01-01 and serial 60 is the 29 February 1900 that
    /// Excel counts (Lotus 1-2-3's leap-year error), so from serial 61 (1900-03-01) on, day 0
    /// is 1899-12-30; in the 1904 system serial 0 is 1904-01-01.
    public static func text(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        if !date1904, whole == 60 { return "1900-02-29" }
        if !date1904, whole == 0 { return nil }
        // Days since 1970-01-01 of the serial's day.
        let days: Int
        if date1904 {
            days = whole - 24_107  // 1904-01-01 is 24,107 days before 1970-01-01
        } else if whole < 60 {
            days = whole - 25_568  // serial 1 = 1900-01-01, 25,567 days before 1970-01-01
        } else {
            days = whole - 25_569  // serial 25,569 = 1970-01-01
        }
        let (year, month, day) = civil(fromDays: days)
        guard (1900...9999).contains(year) else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// The proleptic Gregorian date of a count of days since 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`, public domain).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
