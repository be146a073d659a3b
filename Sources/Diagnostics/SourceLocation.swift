/// A place in an input: a file (as the user named it), a 1-based line and a 1-based column;
/// in a workbook (`.xlsx`), a sheet, a row (`line`) and a column, written as Excel names a
/// cell: `register.xlsx:机构!C12`.
///
/// Columns count Unicode scalars, as YAML parsers do, so that a column points at the same
/// character whatever the encoding of the file on disk. A line or column of 0 means unknown.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file as the user named it, or a pseudo-file such as `<command line>`.
    public var file: String
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// 1-based column in Unicode scalars, 0 when unknown.
    public var column: Int
    /// The sheet of a workbook (工作表) the cell is on; nil for a text file.
    public var sheet: String?

    public init(file: String, line: Int = 0, column: Int = 0, sheet: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.sheet = sheet
    }

    /// `file:line:column`, leaving out the parts that are unknown; in a workbook
    /// `file:Sheet!C12` (the sheet's name quoted as Excel quotes it when it holds spaces or
    /// punctuation).
    public var description: String {
        if let sheet {
            let name = Self.quotedSheet(sheet)
            guard line > 0 else { return "\(file):\(name)" }
            return "\(file):\(name)!\(Self.columnName(max(column, 1)))\(line)"
        }
        guard line > 0 else { return file }
        guard column > 0 else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.sheet ?? "", lhs.line, lhs.column)
            < (rhs.file, rhs.sheet ?? "", rhs.line, rhs.column)
    }

    /// Excel's name of a 1-based column: 1 → A, 26 → Z, 27 → AA, 703 → AAA.
    public static func columnName(_ number: Int) -> String {
        var letters: [Character] = []
        var rest = number
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
            rest = (rest - 1) / 26
        }
        return String(letters.reversed())
    }

    /// A sheet's name as a cell reference writes it: in single quotes (with quotes doubled)
    /// when it holds anything but letters, digits and `_`.
    static func quotedSheet(_ name: String) -> String {
        let plain =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
            }
        guard !plain else { return name }
        return "'" + name.map { $0 == "'" ? "''" : String($0) }.joined() + "'"
    }

    /// The pseudo-file of values given with `--set` on the command line.
    public static func commandLine(_ argument: Int) -> SourceLocation {
        SourceLocation(file: "<command line>", line: argument, column: 0)
    }
}
