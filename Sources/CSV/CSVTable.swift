import Diagnostics

/// A CSV table read from a file: a header of column names and rows of text cells.
///
/// Cells are kept in one contiguous array, row after row. Each row remembers the line it
/// started on and each cell its byte offset, so that any cell can be reported as
/// `file:line:column` with the column name; the lines of the file are indexed once
/// (``LineIndex``), so finding a cell's line is a binary search whatever the file's size.
public struct CSVTable: Sendable {
    /// The file as diagnostics name it.
    public let file: String
    /// The encoding the file was written in.
    public let encoding: TextEncoding
    /// Column names, in file order.
    public let header: [String]
    /// The number of data rows (blank lines and rows of only empty cells are skipped).
    public var rowCount: Int { rowLines.count }

    let text: [UInt8]
    let lines: LineIndex
    let cells: [String]
    let cellOffsets: [UInt32]
    let rowLines: [Int32]
    let headerLine: Int
    /// The byte offset of each header cell.
    let headerOffsets: [UInt32]
    private let columnByName: [String: Int]

    init(
        file: String, encoding: TextEncoding, header: [String], headerLine: Int,
        headerOffsets: [UInt32], text: [UInt8], lines: LineIndex, cells: [String],
        cellOffsets: [UInt32], rowLines: [Int32]
    ) {
        self.file = file
        self.encoding = encoding
        self.header = header
        self.headerLine = headerLine
        self.headerOffsets = headerOffsets
        self.text = text
        self.lines = lines
        self.cells = cells
        self.cellOffsets = cellOffsets
        self.rowLines = rowLines
        var byName: [String: Int] = [:]
        for (index, name) in header.enumerated() where byName[name] == nil {
            byName[name] = index
        }
        self.columnByName = byName
    }

    /// The index of a column by its name in the header.
    public func column(_ name: String) -> Int? { columnByName[name] }

    /// The raw text of a cell.
    public subscript(row: Int, column: Int) -> String {
        cells[row * header.count + column]
    }

    /// The 1-based line on which a row starts.
    public func line(ofRow row: Int) -> Int { Int(rowLines[row]) }

    /// Where a cell starts: file, line and column (in characters).
    public func location(row: Int, column: Int) -> SourceLocation {
        let offset = Int(cellOffsets[row * header.count + column])
        return location(ofByte: offset)
    }

    /// Where a row starts.
    public func location(row: Int) -> SourceLocation {
        SourceLocation(file: file, line: line(ofRow: row), column: 1)
    }

    /// Where the header names a column (or where the header starts).
    public func headerLocation(column: Int? = nil) -> SourceLocation {
        guard let column, column < headerOffsets.count else {
            return SourceLocation(file: file, line: headerLine, column: 1)
        }
        return location(ofByte: Int(headerOffsets[column]))
    }

    /// The decoded text of the whole file, for showing lines under diagnostics.
    public var decodedText: String { String(decoding: text, as: UTF8.self) }

    /// The line and column (in Unicode scalars) of a byte offset: a binary search for the
    /// line, then a count along the line.
    func location(ofByte offset: Int) -> SourceLocation {
        let (line, column) = text.withUnsafeBufferPointer {
            lines.position(ofByte: offset, in: $0)
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
