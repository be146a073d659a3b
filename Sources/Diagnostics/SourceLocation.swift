/// A place in an input: a file (as the user named it), a 1-based line and a 1-based column.
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

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out the parts that are unknown.
    public var description: String {
        guard line > 0 else { return file }
        guard column > 0 else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// The pseudo-file of values given with `--set` on the command line.
    public static func commandLine(_ argument: Int) -> SourceLocation {
        SourceLocation(file: "<command line>", line: argument, column: 0)
    }
}
