/// Where each line of a text starts, found once per file so that a byte offset maps to its line
/// by binary search (O(log lines)) and a line to its bytes in constant time.
///
/// A line ends at LF, CR or CRLF, mixed freely: Unix and Windows files, and those saved as
/// Excel's "CSV (Macintosh)", which ends lines with CR alone. Offsets are in bytes of UTF-8
/// text, counted from 0; lines are numbered from 1, as in diagnostics.
public struct LineIndex: Sendable, Hashable {
    /// The byte offset at which each line starts: 0 first, then the offset after each line
    /// end. A text that ends with a line end has an empty last line starting at its length.
    public let starts: [Int]
    /// The length of the text in bytes.
    public let byteCount: Int

    /// Indexes UTF-8 bytes.
    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { LineIndex(buffer: $0) }
    }

    /// Indexes the UTF-8 bytes of a string.
    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { LineIndex(buffer: $0) }
    }

    private init(buffer bytes: UnsafeBufferPointer<UInt8>) {
        var starts = [0]
        let count = bytes.count
        var i = 0
        while i < count {
            let byte = bytes[i]
            if byte == 0x0A {
                starts.append(i + 1)
            } else if byte == 0x0D {
                // CRLF is one line end: the LF after the CR ends the line.
                if i + 1 < count, bytes[i + 1] == 0x0A {
                    i += 1
                }
                starts.append(i + 1)
            }
            i += 1
        }
        self.starts = starts
        self.byteCount = count
    }

    /// The number of lines (at least 1, for an empty text).
    public var lineCount: Int { starts.count }

    /// The 1-based line holding a byte offset; an offset at or beyond the end of the text is on
    /// the last line.
    public func line(ofByte offset: Int) -> Int {
        // The last start at or before the offset.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle } else { high = middle }
        }
        return low + 1
    }

    /// The byte offset at which a 1-based line starts, or nil when the text has no such line.
    public func start(ofLine line: Int) -> Int? {
        guard line >= 1, line <= starts.count else { return nil }
        return starts[line - 1]
    }

    /// The bytes of a 1-based line, with its line end, or nil when the text has no such line.
    public func range(ofLine line: Int) -> Range<Int>? {
        guard let start = start(ofLine: line) else { return nil }
        let end = line < starts.count ? starts[line] : byteCount
        return start..<end
    }

    /// How many bytes end a line: 0 for the last line, 1 for LF or CR, 2 for CRLF.
    /// - Parameters:
    ///   - range: the line's bytes with its line end, from ``range(ofLine:)``.
    ///   - byte: the text's byte at an offset.
    public static func lineEndLength(of range: Range<Int>, byte: (Int) -> UInt8) -> Int {
        guard !range.isEmpty else { return 0 }
        let last = byte(range.upperBound - 1)
        if last == 0x0D { return 1 }
        guard last == 0x0A else { return 0 }
        return range.count >= 2 && byte(range.upperBound - 2) == 0x0D ? 2 : 1
    }

    /// The 1-based column of a byte offset, counting Unicode scalars (UTF-8 bytes that are not
    /// continuation bytes) from the start of its line: O(log lines) plus the length of the line
    /// before the offset.
    public func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>)
        -> (line: Int, column: Int)
    {
        let line = line(ofByte: offset)
        let start = starts[line - 1]
        var column = 1
        var i = start
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }
}
