import Diagnostics

/// Reads CSV as RFC 4180 describes it: comma-separated fields, records ending in CRLF, LF or
/// CR alone (Excel's "CSV (Macintosh)"), mixed freely, fields in double quotes that may hold
/// commas, quotes (doubled) and line breaks (kept as written, CR included).
///
/// The first record is the header. Blank lines and records whose cells are all empty (which
/// Excel leaves behind) are skipped. Text may be UTF-8, with or without a byte-order mark, or
/// GB18030; see ``TextDecoder``. Structural problems (a ragged row, a stray quote) are
/// reported for every row that has them (``DiagnosticLog`` keeps the first few of each kind);
/// the table still comes back so that later checks can report their findings too.
public enum CSVReader {
    /// Reads a CSV file from disk.
    /// - Parameters:
    ///   - path: where the file is.
    ///   - name: how diagnostics name the file.
    ///   - kind: what the table holds, for the size limit (see ``InputKind``).
    ///   - log: receives every problem found.
    /// - Returns: the table, or nil when the file cannot be read at all.
    public static func read(
        atPath path: String, name: String, kind: InputKind = .table, log: inout DiagnosticLog
    ) -> CSVTable? {
        switch TextFile.text(atPath: path, name: name, kind: kind) {
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
        let parser = Parser(text: decoded.utf8, file: file)
        return parser.run(encoding: decoded.encoding, log: &log)
    }
}

/// The byte-level state machine behind ``CSVReader``.
private struct Parser {
    let text: [UInt8]
    let file: String
    /// Where the text's lines start, for the line and column of every record and problem.
    let lines: LineIndex

    init(text: [UInt8], file: String) {
        self.text = text
        self.file = file
        self.lines = LineIndex(text)
    }

    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let newline: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    func run(encoding: TextEncoding, log: inout DiagnosticLog) -> CSVTable? {
        var cells: [String] = []
        var offsets: [UInt32] = []
        var rowLines: [Int32] = []
        var header: [String] = []
        var headerOffsets: [UInt32] = []
        var headerLine = 0
        var columnCount = 0

        var record: [String] = []
        var recordOffsets: [UInt32] = []
        var recordLine = 1
        var position = 0
        let count = text.count
        var atRecordStart = true
        var unclosedQuote = false
        let errorsBefore = log.errorCount

        guard count < Int(UInt32.max) else {
            log.error(
                .unreadableFile(path: file, reason: "larger than 4 GiB"),
                at: SourceLocation(file: file))
            return nil
        }

        text.withUnsafeBufferPointer { bytes in
            /// Whether a byte ends a field: a comma, or a line end (LF or CR).
            func endsField(_ byte: UInt8) -> Bool {
                byte == Self.comma || byte == Self.newline || byte == Self.carriageReturn
            }
            while position <= count {
                if atRecordStart {
                    recordLine = lines.line(ofByte: position)
                    atRecordStart = false
                }
                let fieldStart = position
                var field: String
                if position < count, bytes[position] == Self.quote {
                    // Quoted field: everything up to the closing quote, line ends included.
                    position += 1
                    var pieces: [UInt8] = []
                    var segmentStart = position
                    var closed = false
                    while position < count {
                        if bytes[position] == Self.quote {
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
                        position += 1
                    }
                    if !closed {
                        log.error(
                            .badQuoting("a quoted field opened here is never closed"),
                            at: locate(fieldStart, in: bytes))
                        unclosedQuote = true
                        return
                    }
                    field = String(decoding: pieces, as: UTF8.self)
                    // After the closing quote only a separator or the end of the record.
                    if position < count, !endsField(bytes[position]) {
                        log.error(
                            .badQuoting(
                                "text after the closing quote; quote the whole field and double any quote inside it"
                            ), at: locate(position, in: bytes))
                        while position < count, !endsField(bytes[position]) {
                            position += 1
                        }
                    }
                } else {
                    var end = position
                    var strayQuote = -1
                    while end < count {
                        let byte = bytes[end]
                        if endsField(byte) { break }
                        if byte == Self.quote, strayQuote < 0 { strayQuote = end }
                        end += 1
                    }
                    if strayQuote >= 0 {
                        log.error(
                            .badQuoting(
                                "a quote inside an unquoted field; quote the whole field and double the quote"
                            ), at: locate(strayQuote, in: bytes))
                    }
                    field = String(decoding: bytes[position..<end], as: UTF8.self)
                    position = end
                }
                record.append(field)
                recordOffsets.append(UInt32(fieldStart))

                // Separator or end of record.
                if position < count, bytes[position] == Self.comma {
                    position += 1
                    continue
                }
                // End of record: a line end (CRLF, LF or CR) or the end of the text.
                var lineEnded = false
                if position < count, bytes[position] == Self.carriageReturn {
                    position += 1
                    lineEnded = true
                }
                if position < count, bytes[position] == Self.newline {
                    position += 1
                    lineEnded = true
                }
                let isBlank = record.allSatisfy(\.isEmpty)
                if header.isEmpty {
                    if !isBlank {
                        header = record
                        headerOffsets = recordOffsets
                        headerLine = recordLine
                        columnCount = record.count
                    }
                } else if !isBlank {
                    if record.count != columnCount {
                        log.error(
                            .raggedRow(expected: columnCount, found: record.count),
                            at: SourceLocation(file: file, line: recordLine, column: 1))
                    } else {
                        cells.append(contentsOf: record)
                        offsets.append(contentsOf: recordOffsets)
                        rowLines.append(Int32(clamping: recordLine))
                    }
                }
                record.removeAll(keepingCapacity: true)
                recordOffsets.removeAll(keepingCapacity: true)
                atRecordStart = true
                if !lineEnded || position == count { break }
            }
        }
        if unclosedQuote { return nil }
        if header.isEmpty {
            if log.errorCount == errorsBefore {
                log.error(
                    .invalidValue(field: "header", reason: "the file is empty"),
                    at: SourceLocation(file: file, line: 1, column: 1))
            }
            return nil
        }
        let table = CSVTable(
            file: file, encoding: encoding,
            header: header.map { $0.trimmingSpaces }, headerLine: headerLine,
            headerOffsets: headerOffsets, text: text, lines: lines,
            cells: cells, cellOffsets: offsets, rowLines: rowLines)
        var seen = Set<String>()
        var index = 0
        while index < table.header.count {
            let name = table.header[index]
            if name.isEmpty {
                // A run of unnamed columns (a header ending in commas) is one error.
                var end = index + 1
                while end < table.header.count, table.header[end].isEmpty { end += 1 }
                let reason =
                    end == index + 1
                    ? "column \(index + 1) has no name"
                    : "columns \(index + 1) to \(end) have no name"
                log.error(
                    .invalidValue(field: "header", reason: reason),
                    at: table.headerLocation(column: index))
                index = end
                continue
            }
            if !seen.insert(name).inserted {
                log.error(.duplicateColumn(column: name), at: table.headerLocation(column: index))
            }
            index += 1
        }
        return table
    }

    private func locate(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let (line, column) = lines.position(ofByte: offset, in: bytes)
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
