import Diagnostics

/// Reads CSV as RFC 4180 describes it: comma-separated fields, records ending in CRLF or LF,
/// fields in double quotes that may hold commas, quotes (doubled) and line breaks.
///
/// The first record is the header. Blank lines and records whose cells are all empty (which
/// Excel leaves behind) are skipped. Text may be UTF-8, with or without a byte-order mark, or
/// GB18030; see ``TextDecoder``. Structural problems (a ragged row, a stray quote) are
/// reported for every row that has them; the table still comes back so that later checks can
/// report their findings too.
public enum CSVReader {
    /// Reads a CSV file from disk.
    /// - Parameters:
    ///   - path: where the file is.
    ///   - name: how diagnostics name the file.
    ///   - log: receives every problem found.
    /// - Returns: the table, or nil when the file cannot be read at all.
    public static func read(atPath path: String, name: String, log: inout DiagnosticLog)
        -> CSVTable?
    {
        switch TextFile.text(atPath: path, name: name) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let decoded):
            return parse(decoded, file: name, log: &log)
        }
    }

    /// Parses CSV bytes (any supported encoding).
    public static func parse(bytes: [UInt8], file: String, log: inout DiagnosticLog)
        -> CSVTable?
    {
        switch TextDecoder.decode(bytes, file: file) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let decoded):
            return parse(decoded, file: file, log: &log)
        }
    }

    /// Parses decoded text.
    public static func parse(_ decoded: DecodedText, file: String, log: inout DiagnosticLog)
        -> CSVTable?
    {
        var parser = Parser(text: decoded.utf8, file: file)
        let table = parser.run(encoding: decoded.encoding)
        log.append(contentsOf: parser.diagnostics)
        return table
    }
}

/// The byte-level state machine behind ``CSVReader``.
private struct Parser {
    let text: [UInt8]
    let file: String
    var diagnostics: [Diagnostic] = []

    init(text: [UInt8], file: String) {
        self.text = text
        self.file = file
    }

    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let newline: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    mutating func run(encoding: TextEncoding) -> CSVTable? {
        var cells: [String] = []
        var offsets: [UInt32] = []
        var rowLines: [Int32] = []
        var header: [String] = []
        var headerLine = 0
        var columnCount = 0

        var record: [String] = []
        var recordOffsets: [UInt32] = []
        var line = 1
        var recordLine = 1
        var position = 0
        let count = text.count
        var atRecordStart = true
        var unclosedQuote = false

        guard count < Int(UInt32.max) else {
            diagnostics.append(
                .error(
                    .unreadableFile(path: file, reason: "larger than 4 GiB"),
                    at: SourceLocation(file: file)))
            return nil
        }

        text.withUnsafeBufferPointer { bytes in
            while position <= count {
                if atRecordStart {
                    recordLine = line
                    atRecordStart = false
                }
                let fieldStart = position
                var field: String
                if position < count, bytes[position] == Self.quote {
                    // Quoted field.
                    let openLine = line
                    position += 1
                    var pieces: [UInt8] = []
                    var segmentStart = position
                    var closed = false
                    while position < count {
                        let byte = bytes[position]
                        if byte == Self.quote {
                            pieces.append(contentsOf: bytes[segmentStart..<position])
                            if position + 1 < count, bytes[position + 1] == Self.quote {
                                pieces.append(Self.quote)
                                position += 2
                                segmentStart = position
                                continue
                            }
                            position += 1
                            closed = true
                            break
                        }
                        if byte == Self.newline { line += 1 }
                        position += 1
                    }
                    if !closed {
                        diagnostics.append(
                            .error(
                                .badQuoting("a quoted field opened here is never closed"),
                                at: locate(fieldStart, line: openLine)))
                        unclosedQuote = true
                        return
                    }
                    field = String(decoding: pieces, as: UTF8.self)
                    // After the closing quote only a separator or the end of the record.
                    if position < count, bytes[position] != Self.comma,
                        bytes[position] != Self.newline, bytes[position] != Self.carriageReturn
                    {
                        diagnostics.append(
                            .error(
                                .badQuoting(
                                    "text after the closing quote; quote the whole field and double any quote inside it"
                                ), at: locate(position, line: line)))
                        while position < count, bytes[position] != Self.comma,
                            bytes[position] != Self.newline
                        {
                            position += 1
                        }
                    }
                } else {
                    var end = position
                    var strayQuote = -1
                    while end < count {
                        let byte = bytes[end]
                        if byte == Self.comma || byte == Self.newline { break }
                        if byte == Self.quote, strayQuote < 0 { strayQuote = end }
                        end += 1
                    }
                    var fieldEnd = end
                    if fieldEnd > position, bytes[fieldEnd - 1] == Self.carriageReturn,
                        end == count || bytes[end] == Self.newline
                    {
                        fieldEnd -= 1
                    }
                    if strayQuote >= 0 {
                        diagnostics.append(
                            .error(
                                .badQuoting(
                                    "a quote inside an unquoted field; quote the whole field and double the quote"
                                ), at: locate(strayQuote, line: line)))
                    }
                    field = String(decoding: bytes[position..<fieldEnd], as: UTF8.self)
                    position = end
                }
                record.append(field)
                recordOffsets.append(UInt32(fieldStart))

                // Separator or end of record.
                if position < count, bytes[position] == Self.comma {
                    position += 1
                    continue
                }
                if position < count, bytes[position] == Self.carriageReturn {
                    position += 1
                }
                // End of record: a newline or the end of the text.
                let isBlank = record.allSatisfy(\.isEmpty)
                if header.isEmpty {
                    if !isBlank {
                        header = record
                        headerLine = recordLine
                        columnCount = record.count
                    }
                } else if !isBlank {
                    if record.count != columnCount {
                        diagnostics.append(
                            .error(
                                .raggedRow(expected: columnCount, found: record.count),
                                at: SourceLocation(file: file, line: recordLine, column: 1)))
                    } else {
                        cells.append(contentsOf: record)
                        offsets.append(contentsOf: recordOffsets)
                        rowLines.append(Int32(recordLine))
                    }
                }
                record.removeAll(keepingCapacity: true)
                recordOffsets.removeAll(keepingCapacity: true)
                atRecordStart = true
                if position < count, bytes[position] == Self.newline {
                    line += 1
                    position += 1
                    if position == count { break }
                } else {
                    break
                }
            }
        }
        if unclosedQuote { return nil }
        if header.isEmpty {
            if !diagnostics.contains(where: { $0.severity == .error }) {
                diagnostics.append(
                    .error(
                        .invalidValue(field: "header", reason: "the file is empty"),
                        at: SourceLocation(file: file, line: 1, column: 1)))
            }
            return nil
        }
        let table = CSVTable(
            file: file, encoding: encoding,
            header: header.map { $0.trimmingSpaces }, headerLine: headerLine, text: text,
            cells: cells, cellOffsets: offsets, rowLines: rowLines)
        var seen = Set<String>()
        for (index, name) in table.header.enumerated() {
            if name.isEmpty {
                diagnostics.append(
                    .error(
                        .invalidValue(field: "header", reason: "column \(index + 1) has no name"),
                        at: table.headerLocation(column: index)))
            } else if !seen.insert(name).inserted {
                diagnostics.append(
                    .error(.duplicateColumn(column: name), at: table.headerLocation(column: index)))
            }
        }
        return table
    }

    private func locate(_ offset: Int, line: Int) -> SourceLocation {
        var lineStart = offset
        while lineStart > 0, text[lineStart - 1] != Self.newline { lineStart -= 1 }
        var column = 1
        for byte in text[lineStart..<offset] where byte & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(file: file, line: line, column: column)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else {
            return ""
        }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
