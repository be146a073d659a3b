/// The text of the files that diagnostics point into, kept so that a diagnostic can show its
/// line with a caret under the column.
public struct SourceTexts: Sendable {
    private var texts: [String: String] = [:]

    public init() {}

    /// Remembers the decoded text of a file under the name diagnostics use for it.
    public mutating func add(file: String, text: String) {
        texts[file] = text
    }

    /// The text of a 1-based line, if the file is known and has that line. Lines are found
    /// when asked for, since only the few lines with diagnostics are ever shown.
    public func line(_ number: Int, of file: String) -> Substring? {
        guard let text = texts[file], number >= 1 else { return nil }
        var current = 1
        var start = text.utf8.startIndex
        if number > 1 {
            for index in text.utf8.indices where text.utf8[index] == 0x0A {
                current += 1
                if current == number {
                    start = text.utf8.index(after: index)
                    break
                }
            }
            guard current == number else { return nil }
        }
        let end = text.utf8[start...].firstIndex(of: 0x0A) ?? text.utf8.endIndex
        let line = text[start..<end]
        return line.hasSuffix("\r") ? line.dropLast() : line
    }

    public mutating func merge(_ other: SourceTexts) {
        texts.merge(other.texts) { current, _ in current }
    }
}

/// Renders diagnostics the way compilers do: the location and message, then the line and a
/// caret under the column.
///
///     Scenarios/anshan/scenario.yaml:4:10: error: horizon must be between 2021 and 2100 (got 1990)
///         4 | horizon: 1990
///           |          ^
public struct DiagnosticRenderer: Sendable {
    public var sources: SourceTexts

    public init(sources: SourceTexts) {
        self.sources = sources
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.description
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
