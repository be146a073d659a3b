import Diagnostics

/// A CSV table read from a file: a header of column names and rows of text cells.
///
/// Cells are kept in one contiguous array, row after row. Each row remembers the line it
/// started on and each cell its byte offset, so that any cell can be reported as
/// `file:line:column` with the column name; the lines of the file are indexed once
/// (``LineIndex``), so finding a cell's line is a binary search whatever the file's size.
///
/// A sheet of a workbook (`.xlsx`) becomes the same table: its rows remember their row
/// number in the sheet and its columns their column there, so a cell is reported as
/// `file.xlsx:Sheet!C12` and every reader of tables reads workbooks too.
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
    /// The sheet of a workbook the table was read from; nil for CSV.
    public let sheet: String?
    /// In a sheet, the 1-based column number of each header column.
    let columnNumbers: [Int32]

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
        self.sheet = nil
        self.columnNumbers = []
        var byName: [String: Int] = [:]
        for (index, name) in header.enumerated() where byName[name] == nil {
            byName[name] = index
        }
        self.columnByName = byName
    }

    /// A table read from a sheet of a workbook.
    /// - Parameters:
    ///   - header: the column names, as the header row writes them.
    ///   - headerRow: the 1-based row of the header in the sheet.
    ///   - columnNumbers: the 1-based sheet column of each header column.
    ///   - cells: the cells, row after row, `header.count` to a row.
    ///   - rowNumbers: the 1-based sheet row of each data row.
    package init(
        file: String, sheet: String, header: [String], headerRow: Int, columnNumbers: [Int32],
        cells: [String], rowNumbers: [Int32]
    ) {
        self.file = file
        self.encoding = .utf8
        self.header = header
        self.headerLine = headerRow
        self.headerOffsets = []
        self.text = []
        self.lines = LineIndex([UInt8]())
        self.cells = cells
        self.cellOffsets = []
        self.rowLines = rowNumbers
        self.sheet = sheet
        self.columnNumbers = columnNumbers
        var byName: [String: Int] = [:]
        for (index, name) in header.enumerated() where byName[name] == nil {
            byName[name] = index
        }
        self.columnByName = byName
    }

    /// The same table with some columns renamed (`[old: new]`), as a register's own headers
    /// are mapped to the names a reader expects. A name already in the header keeps its
    /// column, and of several columns renamed to one name the first takes it.
    public func renamingColumns(_ names: [String: String]) -> CSVTable {
        var header = self.header
        var taken = Set(header)
        for (index, name) in header.enumerated() {
            if let new = names[name], !taken.contains(new) {
                header[index] = new
                taken.insert(new)
            }
        }
        return CSVTable(copying: self, header: header)
    }

    private init(copying table: CSVTable, header: [String]) {
        self.file = table.file
        self.encoding = table.encoding
        self.header = header
        self.headerLine = table.headerLine
        self.headerOffsets = table.headerOffsets
        self.text = table.text
        self.lines = table.lines
        self.cells = table.cells
        self.cellOffsets = table.cellOffsets
        self.rowLines = table.rowLines
        self.sheet = table.sheet
        self.columnNumbers = table.columnNumbers
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
        if let sheet {
            return SourceLocation(
                file: file, line: Int(rowLines[row]), column: Int(columnNumbers[column]),
                sheet: sheet)
        }
        let offset = Int(cellOffsets[row * header.count + column])
        return location(ofByte: offset)
    }

    /// Where a row starts.
    public func location(row: Int) -> SourceLocation {
        SourceLocation(file: file, line: line(ofRow: row), column: 1, sheet: sheet)
    }

    /// Where the header names a column (or where the header starts).
    public func headerLocation(column: Int? = nil) -> SourceLocation {
        if let sheet {
            let number = column.map { Int(columnNumbers[$0]) } ?? Int(columnNumbers.first ?? 1)
            return SourceLocation(file: file, line: headerLine, column: number, sheet: sheet)
        }
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
