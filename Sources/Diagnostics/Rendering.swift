/// The text of the files that diagnostics point into, kept so that a diagnostic can show its
/// line with a caret under the column.
///
/// Each file's lines are indexed once when it is added (``LineIndex``: LF, CR and CRLF end a
/// line), so showing a line costs the same wherever it is in the file.
public struct SourceTexts: Sendable {
    private struct Source: Sendable {
        var text: String
        var lines: LineIndex
    }

    private var sources: [String: Source] = [:]

    public init() {}

    /// Remembers the decoded text of a file under the name diagnostics use for it.
    public mutating func add(file: String, text: String) {
        sources[file] = Source(text: text, lines: LineIndex(text))
    }

    /// The text of a 1-based line without its line end, if the file is known and has that
    /// line.
    public func line(_ number: Int, of file: String) -> Substring? {
        guard let source = sources[file], let range = source.lines.range(ofLine: number) else {
            return nil
        }
        let utf8 = source.text.utf8
        // Offsets into native UTF-8 strings are found in constant time.
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        let lineEnd = LineIndex.lineEndLength(of: range) { offset in
            utf8[utf8.index(start, offsetBy: offset - range.lowerBound)]
        }
        return source.text[start..<utf8.index(end, offsetBy: -lineEnd)]
    }

    public mutating func merge(_ other: SourceTexts) {
        sources.merge(other.sources) { current, _ in current }
    }
}

/// Renders diagnostics the way compilers do: the location and message, then the line and a
/// caret under the column.
///
///     Scenarios/anshan/scenario.yaml:4:10: 错误: horizon 超出范围，应为 between 2021 and 2100（实际为 1990）
///         4 | horizon: 1990
///           |          ^
///
/// With `language: .en`: `…:4:10: error: horizon must be between 2021 and 2100 (got 1990)`.
public struct DiagnosticRenderer: Sendable {
    public var sources: SourceTexts
    /// The language of the messages (Chinese unless asked otherwise).
    public var language: Language

    public init(sources: SourceTexts, language: Language = .zh) {
        self.sources = sources
        self.language = language
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.description(in: language)
        let location = diagnostic.location
        guard let line = sources.line(location.line, of: location.file) else { return text }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        text += "\n \(number) | \(line)"
        if location.column > 0 {
            let prefix = line.unicodeScalars.prefix(location.column - 1)
            let width = prefix.reduce(0) { $0 + DisplayWidth.of($1) }
            text += "\n \(gutter) | " + String(repeating: " ", count: width) + "^"
        }
        return text
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }
}

/// Terminal display width of characters: East Asian wide characters take two columns.
public enum DisplayWidth {
    /// 2 for CJK ideographs, Hangul, full-width forms and similar; 0 for combining marks;
    /// 1 otherwise. A tab counts as 1 so carets stay under the text in most terminals.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        switch value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }

    /// Display width of a string.
    public static func of(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }
}
