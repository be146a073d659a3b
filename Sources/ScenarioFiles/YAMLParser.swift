import Diagnostics

/// Reads the YAML subset of scenario files into ``YAMLNode``s.
///
/// A syntax error stops the parse (what follows it cannot be trusted) and is reported with its
/// line and column. Duplicate keys are not syntax errors: each is reported at the second
/// occurrence, the first value is kept, and parsing goes on so that every duplicate of a file
/// is reported at once.
public struct YAMLParser {
    /// The result of a parse: the root node (nil for an empty document or on a syntax error)
    /// and every diagnostic.
    public struct Result: Sendable {
        public var root: YAMLNode?
        /// Every diagnostic, the first few of each kind kept (see ``DiagnosticLog``).
        public var log: DiagnosticLog

        /// The diagnostics kept, with a note for each kind left out.
        public var diagnostics: [Diagnostic] { log.diagnostics }

        init(root: YAMLNode?, log: DiagnosticLog, error: Diagnostic? = nil) {
            self.root = root
            self.log = log
            if let error { self.log.append(error) }
        }
    }

    /// Parses a whole document.
    /// - Parameters:
    ///   - text: the decoded text.
    ///   - file: how diagnostics name the file.
    public static func parse(_ text: String, file: String) -> Result {
        var parser = YAMLParser(text: text, file: file)
        do {
            let root = try parser.parseDocument()
            return Result(root: root, log: parser.diagnostics)
        } catch {
            return Result(root: nil, log: parser.diagnostics, error: error)
        }
    }

    /// Parses a single-line value, as given to `--set key=value`.
    public static func parseValue(_ text: String, file: String) -> Result {
        var parser = YAMLParser(text: text, file: file)
        do {
            parser.skipSpaces()
            let node: YAMLNode
            if parser.atLineEnd {
                node = .scalar("", at: parser.location)
            } else {
                node = try parser.parseInlineValue(blockIndent: -1)
            }
            try parser.expectEndOfDocument()
            return Result(root: node, log: parser.diagnostics)
        } catch {
            return Result(root: nil, log: parser.diagnostics, error: error)
        }
    }

    // MARK: - State

    private let file: String
    private let lines: [[Unicode.Scalar]]
    private var line = 0
    private var column = 0
    private var diagnostics = DiagnosticLog()
    /// How many collections enclose the cursor.
    private var depth = 0

    /// The deepest nesting of collections a file may have. Scenario files nest about ten deep;
    /// the limit keeps a hostile file from exhausting the stack of this recursive parser and
    /// of everything that walks the nodes afterwards.
    public static let maximumDepth = 64

    private init(text: String, file: String) {
        self.file = file
        // LF, CR and CRLF end a line, as in `LineIndex`, so line numbers agree with the lines
        // that diagnostics show.
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                if scalar == "\n", afterCR {
                    afterCR = false
                    continue
                }
                lines.append(current)
                current = []
                afterCR = scalar == "\r"
            } else {
                current.append(scalar)
                afterCR = false
            }
        }
        lines.append(current)
        if lines.first?.first == "\u{FEFF}" { lines[0].removeFirst() }
        self.lines = lines
    }

    // MARK: - Positions

    private var location: SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }

    private var atEnd: Bool { line >= lines.count }

    private var current: Unicode.Scalar? {
        guard line < lines.count, column < lines[line].count else { return nil }
        return lines[line][column]
    }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        guard line < lines.count, column + offset < lines[line].count else { return nil }
        return lines[line][column + offset]
    }

    /// True at the end of the line or where a comment starts.
    private var atLineEnd: Bool {
        guard let scalar = current else { return true }
        return scalar == "#"
            && (column == 0 || lines[line][column - 1] == " " || lines[line][column - 1] == "\t")
    }

    private mutating func skipSpaces() {
        while let scalar = current, scalar == " " || scalar == "\t" { column += 1 }
    }

    /// Enters a collection, or fails at the cursor when that nests deeper than ``maximumDepth``.
    private mutating func enterCollection() throws(Diagnostic) {
        depth += 1
        if depth > Self.maximumDepth {
            throw .error(
                .unsupportedYAML("collections nested more than \(Self.maximumDepth) deep"),
                at: location)
        }
    }

    private func syntax(_ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        .error(.yamlSyntax(message), at: location ?? self.location)
    }

    /// Whether a line holds nothing but spaces and perhaps a comment.
    private func isBlank(_ index: Int) -> Bool {
        for scalar in lines[index] {
            if scalar == " " || scalar == "\t" { continue }
            return scalar == "#"
        }
        return true
    }

    /// The indentation of a line in spaces; a tab in the indentation is an error.
    private func indentation(of index: Int) throws(Diagnostic) -> Int {
        var count = 0
        for scalar in lines[index] {
            if scalar == " " {
                count += 1
            } else if scalar == "\t" {
                throw syntax(
                    "a tab in the indentation; YAML indents with spaces only",
                    at: location(line: index, column: count))
            } else {
                break
            }
        }
        return count
    }

    /// Index of the first character of a line that is not a space.
    private func firstNonSpace(of index: Int) -> Int {
        lines[index].firstIndex { $0 != " " && $0 != "\t" } ?? lines[index].count
    }

    /// Whether the cursor has consumed part of the current line's content (rather than
    /// standing at its start).
    private var isMidLine: Bool {
        line < lines.count && column > firstNonSpace(of: line)
    }

    /// Moves to the first non-blank line at or after the current one; returns its indentation,
    /// or nil at the end of the text. The column is set to the first character. The rest of a
    /// partly read line must be blank.
    private mutating func nextContentLine() throws(Diagnostic) -> Int? {
        if isMidLine {
            skipSpaces()
            if !atLineEnd { throw syntax("unexpected text after the value") }
            line += 1
            column = 0
        }
        while line < lines.count, isBlank(line) { line += 1 }
        guard line < lines.count else { return nil }
        let indent = try indentation(of: line)
        column = indent
        return indent
    }

    // MARK: - Document

    private mutating func parseDocument() throws(Diagnostic) -> YAMLNode? {
        guard try nextContentLine() != nil else { return nil }
        if startsWith("---") && (peek(3) == nil || peek(3) == " ") {
            column += 3
            skipSpaces()
            if !atLineEnd {
                let node = try parseInlineValue(blockIndent: -1)
                try expectEndOfDocument()
                return node
            }
            line += 1
            column = 0
            guard try nextContentLine() != nil else { return nil }
        }
        let root = try parseBlockNode(parentIndent: -1)
        try expectEndOfDocument()
        return root
    }

    private mutating func expectEndOfDocument() throws(Diagnostic) {
        guard let indent = try nextContentLine() else { return }
        if startsWith("...") {
            line += 1
            column = 0
            if try nextContentLine() == nil { return }
        }
        if startsWith("---") {
            throw syntax("a scenario file holds one YAML document; remove the second '---'")
        }
        throw syntax(
            indent > 0
                ? "unexpected indentation; align this line with the keys above it"
                : "unexpected text; is a key missing its ':'?")
    }

    private func startsWith(_ prefix: String) -> Bool {
        let scalars = Array(prefix.unicodeScalars)
        guard line < lines.count, column + scalars.count <= lines[line].count else { return false }
        return Array(lines[line][column..<column + scalars.count]) == scalars
    }

    // MARK: - Block structure

    /// Parses the node that starts on the next content line, which must be indented more
    /// than `parentIndent`; a null node if there is none.
    private mutating func parseBlockNode(parentIndent: Int) throws(Diagnostic) -> YAMLNode {
        let here = location
        guard let indent = try nextContentLine(), indent > parentIndent else {
            return .scalar("", at: here)
        }
        if isSequenceDash {
            return try parseBlockSequence(indent: indent)
        }
        if try keyAhead() {
            return try parseBlockMapping(indent: indent)
        }
        return try parseInlineValue(blockIndent: parentIndent)
    }

    /// Whether the cursor is on a `---` or `...` line.
    private var atDocumentMarker: Bool {
        column == 0 && (startsWith("---") || startsWith("..."))
            && (peek(3) == nil || peek(3) == " ")
    }

    private var isSequenceDash: Bool {
        current == "-" && (peek(1) == nil || peek(1) == " " || peek(1) == "\t")
    }

    /// Whether the text at the cursor is `key:` followed by a space or the end of the line.
    private mutating func keyAhead() throws(Diagnostic) -> Bool {
        guard let first = current else { return false }
        switch first {
        case "{", "[":
            return false
        case "?":
            if peek(1) == " " || peek(1) == nil {
                throw syntax("complex mapping keys ('? ') are not supported in scenario files")
            }
        case "\"", "'":
            let saved = (line, column)
            defer { (line, column) = saved }
            guard (try? parseQuoted(blockIndent: -1)) != nil, line == saved.0 else { return false }
            skipSpaces()
            return current == ":" && (peek(1) == nil || peek(1) == " " || peek(1) == "\t")
        default:
            break
        }
        var index = column
        let text = lines[line]
        while index < text.count {
            let scalar = text[index]
            if scalar == "#", index > column, text[index - 1] == " " || text[index - 1] == "\t" {
                return false
            }
            if scalar == ":",
                index + 1 == text.count || text[index + 1] == " " || text[index + 1] == "\t"
            {
                return true
            }
            index += 1
        }
        return false
    }

    private mutating func parseBlockMapping(indent: Int) throws(Diagnostic) -> YAMLNode {
        try enterCollection()
        defer { depth -= 1 }
        let start = location
        var entries: [YAMLEntry] = []
        var firstLine: [String: Int] = [:]
        var firstEntry = true
        while true {
            if !firstEntry {
                guard let next = try nextContentLine() else { break }
                if next < indent || atDocumentMarker { break }
                if next > indent {
                    throw syntax("unexpected indentation; align this key with the keys above it")
                }
                if isSequenceDash {
                    throw syntax("a list item where a key was expected")
                }
            }
            firstEntry = false
            let keyLocation = location
            guard try keyAhead() else {
                throw syntax("expected 'key: value'")
            }
            let key = try parseKey()
            // The cursor is on the ':'.
            column += 1
            skipSpaces()
            let value: YAMLNode
            if atLineEnd {
                let saved = (line, column)
                if let next = try nextContentLine(), next == indent, isSequenceDash {
                    value = try parseBlockSequence(indent: indent)
                } else {
                    (line, column) = saved
                    value = try parseBlockNode(parentIndent: indent)
                }
            } else {
                value = try parseInlineValue(blockIndent: indent)
            }
            add(
                YAMLEntry(key: key, keyLocation: keyLocation, value: value), to: &entries,
                firstLine: &firstLine)
        }
        return YAMLNode(.mapping(entries), at: start)
    }

    private mutating func parseKey() throws(Diagnostic) -> String {
        let keyStart = location
        if current == "\"" || current == "'" {
            let node = try parseQuoted(blockIndent: -1)
            skipSpaces()
            return node.scalar?.text ?? ""
        }
        if let first = current, "&*!|>%@`".unicodeScalars.contains(first) {
            throw unsupported(first, at: keyStart)
        }
        return readPlain { scalar, next in
            scalar == ":" && (next == nil || next == " " || next == "\t")
        }
    }

    private mutating func parseBlockSequence(indent: Int) throws(Diagnostic) -> YAMLNode {
        try enterCollection()
        defer { depth -= 1 }
        let start = location
        var items: [YAMLNode] = []
        var firstItem = true
        while true {
            if !firstItem {
                guard let next = try nextContentLine() else { break }
                if next < indent || (next == indent && !isSequenceDash) || atDocumentMarker {
                    break
                }
                if next > indent {
                    throw syntax("unexpected indentation; align this item with the '-' above it")
                }
            }
            firstItem = false
            let dashColumn = column
            column += 1
            skipSpaces()
            if atLineEnd {
                items.append(try parseBlockNode(parentIndent: indent))
                continue
            }
            let itemIndent = column
            if isSequenceDash {
                items.append(try parseBlockSequence(indent: itemIndent))
            } else if try keyAhead() {
                items.append(try parseBlockMapping(indent: itemIndent))
            } else {
                items.append(try parseInlineValue(blockIndent: dashColumn))
            }
        }
        return YAMLNode(.sequence(items), at: start)
    }

    // MARK: - Values on a line

    /// Parses a value that starts at the cursor: a flow collection, a quoted or block scalar,
    /// or a plain scalar (which may continue on lines indented more than `blockIndent`).
    private mutating func parseInlineValue(blockIndent: Int) throws(Diagnostic) -> YAMLNode {
        guard let first = current else { return .scalar("", at: location) }
        switch first {
        case "{", "[":
            let node = try parseFlowNode()
            try expectLineEnd()
            return node
        case "\"", "'":
            let node = try parseQuoted(blockIndent: blockIndent)
            try expectLineEnd()
            return node
        case "|", ">":
            return try parseBlockScalar(parentIndent: max(blockIndent, 0))
        case "&", "*", "!", "%", "@", "`":
            throw unsupported(first, at: location)
        default:
            return try parsePlainBlockScalar(blockIndent: blockIndent)
        }
    }

    private mutating func expectLineEnd() throws(Diagnostic) {
        skipSpaces()
        if !atLineEnd { throw syntax("unexpected text after the value") }
    }

    private func unsupported(_ indicator: Unicode.Scalar, at location: SourceLocation) -> Diagnostic
    {
        let what: String
        switch indicator {
        case "&": what = "an anchor ('&')"
        case "*": what = "an alias ('*')"
        case "!": what = "a tag ('!')"
        default:
            what = "the reserved character '\(indicator)' at the start of a value (quote the value)"
        }
        return .error(.unsupportedYAML(what), at: location)
    }

    /// A plain scalar in block context: the rest of the line up to a comment, then any
    /// continuation lines indented more than the block, folded with spaces.
    private mutating func parsePlainBlockScalar(blockIndent: Int) throws(Diagnostic) -> YAMLNode {
        let start = location
        var text = readPlainLine()
        line += 1
        column = 0
        // Continuation lines, indented more than the block, fold into the value.
        while blockIndent >= 0, line < lines.count {
            var probe = line
            var emptyLines = 0
            while probe < lines.count, lines[probe].allSatisfy({ $0 == " " || $0 == "\t" }) {
                probe += 1
                emptyLines += 1
            }
            guard probe < lines.count, !isBlank(probe) else { break }
            let indent = try indentation(of: probe)
            guard indent > blockIndent else { break }
            line = probe
            column = indent
            if try keyAhead() {
                throw syntax(
                    "a 'key: value' inside a value; indent it under a key of its own or quote the value"
                )
            }
            let more = readPlainLine()
            text += (emptyLines > 0 ? String(repeating: "\n", count: emptyLines) : " ") + more
            line += 1
            column = 0
        }
        // Leave the cursor at the start of the next line.
        return .scalar(text, at: start)
    }

    /// Reads a plain scalar to the end of the line or a comment, trimmed.
    private mutating func readPlainLine() -> String {
        readPlain { _, _ in false }
    }

    /// Reads characters up to the end of the line, a comment, or a character at which `stop`
    /// (given it and the character after it) says to stop; trailing spaces are dropped.
    private mutating func readPlain(
        stoppingAt stop: (_ scalar: Unicode.Scalar, _ next: Unicode.Scalar?) -> Bool
    ) -> String {
        var text: [Unicode.Scalar] = []
        while let scalar = current, !atLineEnd, !stop(scalar, peek(1)) {
            text.append(scalar)
            column += 1
        }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(String.UnicodeScalarView(text))
    }

    // MARK: - Quoted scalars

    /// A single- or double-quoted scalar; it may span lines (line breaks fold to spaces).
    private mutating func parseQuoted(blockIndent: Int) throws(Diagnostic) -> YAMLNode {
        let start = location
        let quote = current!
        column += 1
        var text: [Unicode.Scalar] = []
        while true {
            guard line < lines.count else {
                throw syntax("a quoted value opened here is never closed", at: start)
            }
            guard let scalar = current else {
                // Line break inside quotes: fold to a space, trimming around it.
                while let last = text.last, last == " " || last == "\t" { text.removeLast() }
                line += 1
                column = 0
                guard line < lines.count else {
                    throw syntax("a quoted value opened here is never closed", at: start)
                }
                if lines[line].allSatisfy({ $0 == " " || $0 == "\t" }) {
                    text.append("\n")
                    continue
                }
                skipSpaces()
                if text.last != "\n" { text.append(" ") }
                continue
            }
            if scalar == quote {
                if quote == "'", peek(1) == "'" {
                    text.append("'")
                    column += 2
                    continue
                }
                column += 1
                break
            }
            if quote == "\"", scalar == "\\" {
                column += 1
                guard let escaped = current else {
                    // An escaped line break joins lines without a space.
                    line += 1
                    column = 0
                    skipSpaces()
                    continue
                }
                text.append(contentsOf: try unescape(escaped))
                continue
            }
            text.append(scalar)
            column += 1
        }
        return .scalar(
            String(String.UnicodeScalarView(text)),
            style: quote == "'" ? .singleQuoted : .doubleQuoted,
            at: start)
    }

    /// Reads an escape after a backslash; the cursor is on the escaped character.
    private mutating func unescape(_ escaped: Unicode.Scalar) throws(Diagnostic) -> [Unicode.Scalar]
    {
        let here = location(line: line, column: column - 1)
        column += 1
        switch escaped {
        // One character: a control character by its letter, or the character itself.
        case "n", "t", "r", "0", "\"", "\\", "/", " ":
            let control: [Unicode.Scalar: Unicode.Scalar] = [
                "n": "\n", "t": "\t", "r": "\r", "0": "\0",
            ]
            return [control[escaped] ?? escaped]
        case "x", "u", "U":
            let digits = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let digit = current, digit.isASCII,
                    let number = UInt32(String(digit), radix: 16)
                else {
                    throw syntax("'\\\(escaped)' needs \(digits) hexadecimal digits", at: here)
                }
                value = value * 16 + number
                column += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw syntax("'\\\(escaped)' names no character", at: here)
            }
            return [scalar]
        default:
            throw syntax("unknown escape '\\\(escaped)' in a double-quoted value", at: here)
        }
    }

    // MARK: - Block scalars

    /// A literal (`|`) or folded (`>`) block scalar with optional chomping (`-`, `+`).
    private mutating func parseBlockScalar(parentIndent: Int) throws(Diagnostic) -> YAMLNode {
        let start = location
        let folded = current == ">"
        column += 1
        var chomp: Unicode.Scalar = " "
        var explicitIndent: Int?
        while let scalar = current, scalar != " ", scalar != "#" {
            if scalar == "-" || scalar == "+" {
                chomp = scalar
            } else if let digit = Int(String(scalar)), digit > 0 {
                explicitIndent = parentIndent + digit
            } else {
                throw syntax("unexpected '\(scalar)' after a block scalar indicator")
            }
            column += 1
        }
        try expectLineEnd()
        line += 1
        column = 0
        var contentIndent = explicitIndent
        var collected: [String] = []
        while line < lines.count {
            let text = lines[line]
            let isEmptyLine = text.allSatisfy { $0 == " " }
            if contentIndent == nil, !isEmptyLine {
                let indent = try indentation(of: line)
                if indent <= parentIndent { break }
                contentIndent = indent
            }
            if isEmptyLine {
                collected.append("")
                line += 1
                continue
            }
            guard let indent = contentIndent else { break }
            let leading = text.prefix { $0 == " " }.count
            if leading < indent { break }
            collected.append(String(String.UnicodeScalarView(text[indent...])))
            line += 1
        }
        // Trailing empty lines belong to chomping.
        var trailing = 0
        while let last = collected.last, last.isEmpty {
            collected.removeLast()
            trailing += 1
        }
        var body: String
        if folded {
            // Line breaks between text lines fold to spaces; each empty line is a line break;
            // more-indented lines keep their breaks.
            body = ""
            for (index, piece) in collected.enumerated() {
                if index > 0 {
                    let previous = collected[index - 1]
                    if piece.isEmpty {
                        body += "\n"
                    } else if previous.isEmpty {
                        // The empty line before has given the break.
                    } else if piece.hasPrefix(" ") || previous.hasPrefix(" ") {
                        body += "\n"
                    } else {
                        body += " "
                    }
                }
                body += piece
            }
        } else {
            body = collected.joined(separator: "\n")
        }
        switch chomp {
        case "-": break
        case "+": body += String(repeating: "\n", count: (collected.isEmpty ? 0 : 1) + trailing)
        default: if !collected.isEmpty { body += "\n" }
        }
        column = 0
        return .scalar(body, style: folded ? .folded : .literal, at: start)
    }

    /// Adds an entry to a mapping's, or logs its key as a duplicate (`firstLine`: the line of
    /// each key so far).
    private mutating func add(
        _ entry: YAMLEntry, to entries: inout [YAMLEntry], firstLine: inout [String: Int]
    ) {
        if let first = firstLine[entry.key] {
            diagnostics.append(
                .error(.duplicateKey(key: entry.key, firstLine: first), at: entry.keyLocation))
        } else {
            firstLine[entry.key] = entry.keyLocation.line
            entries.append(entry)
        }
    }

    // MARK: - Flow collections

    /// Skips spaces, line breaks and comments inside a flow collection.
    private mutating func skipFlowSpace() {
        while line < lines.count {
            skipSpaces()
            if atLineEnd {
                line += 1
                column = 0
                continue
            }
            return
        }
    }

    private mutating func parseFlowNode() throws(Diagnostic) -> YAMLNode {
        skipFlowSpace()
        guard let first = current else {
            throw syntax("a flow collection is not closed")
        }
        switch first {
        case "{", "[":
            try enterCollection()
            defer { depth -= 1 }
            let start = location
            column += 1
            return first == "{"
                ? try parseFlowMapping(start: start) : try parseFlowSequence(start: start)
        case "\"", "'": return try parseQuoted(blockIndent: -1)
        case "&", "*", "!", "%", "@", "`": throw unsupported(first, at: location)
        default:
            let start = location
            return .scalar(readFlowPlain(), at: start)
        }
    }

    /// A plain scalar inside a flow collection: up to `,`, `]`, `}`, `: ` or a comment.
    private mutating func readFlowPlain() -> String {
        readPlain { scalar, next in
            "[]{},".unicodeScalars.contains(scalar)
                || (scalar == ":" && (next == nil || " ,]}".unicodeScalars.contains(next!)))
        }
    }

    /// Skips flow space within a collection opened by `bracket` at `start`; the end of the file
    /// there means it is never closed.
    private mutating func skipFlowSpace(inside bracket: String, start: SourceLocation)
        throws(Diagnostic)
    {
        skipFlowSpace()
        if atEnd { throw syntax("a '\(bracket)' opened here is never closed", at: start) }
    }

    /// The first character of the next item of a flow collection opened by `bracket` at
    /// `start`, or nil at (and past) its closing bracket.
    private mutating func nextFlowItem(_ bracket: String, start: SourceLocation)
        throws(Diagnostic) -> Unicode.Scalar?
    {
        try skipFlowSpace(inside: bracket, start: start)
        guard let scalar = current else {
            throw syntax("a '\(bracket)' opened here is never closed", at: start)
        }
        if scalar == (bracket == "[" ? "]" : "}") {
            column += 1
            return nil
        }
        return scalar
    }

    /// After an item of a flow collection: past the `,` before the next, or at the closing
    /// bracket.
    private mutating func endFlowItem(_ bracket: String, start: SourceLocation) throws(Diagnostic) {
        try skipFlowSpace(inside: bracket, start: start)
        if current == "," {
            column += 1
        } else if current != (bracket == "[" ? "]" : "}") {
            throw unclosed(bracket, start: start)
        }
    }

    /// A flow collection that goes on with something other than `,` or its closing bracket:
    /// on its own line, the separator is missing; on a later line, the bracket is, and the
    /// error is reported where it was opened.
    private func unclosed(_ bracket: String, start: SourceLocation) -> Diagnostic {
        let closing = bracket == "[" ? "]" : "}"
        if location.line == start.line {
            return syntax("expected ',' or '\(closing)'")
        }
        return syntax(
            "the '\(bracket)' opened here is not closed before line \(location.line)", at: start)
    }

    /// The entries of a flow mapping opened at `start` (the cursor past its `{`).
    private mutating func parseFlowMapping(start: SourceLocation) throws(Diagnostic) -> YAMLNode {
        var entries: [YAMLEntry] = []
        var firstLine: [String: Int] = [:]
        while let scalar = try nextFlowItem("{", start: start) {
            let keyLocation = location
            let key: String
            if scalar == "\"" || scalar == "'" {
                key = try parseQuoted(blockIndent: -1).scalar?.text ?? ""
            } else if scalar == "{" || scalar == "[" {
                throw .error(.unsupportedYAML("a collection as a mapping key"), at: keyLocation)
            } else if scalar == "," {
                throw syntax("an empty entry in a '{…}' mapping")
            } else {
                key = readFlowPlain()
            }
            try skipFlowSpace(inside: "{", start: start)
            guard current == ":" else {
                throw syntax("expected ':' after the key '\(key)'")
            }
            column += 1
            skipFlowSpace()
            let value: YAMLNode
            if current == "," || current == "}" {
                value = .scalar("", at: location)
            } else {
                value = try parseFlowNode()
            }
            add(
                YAMLEntry(key: key, keyLocation: keyLocation, value: value), to: &entries,
                firstLine: &firstLine)
            try endFlowItem("{", start: start)
        }
        return YAMLNode(.mapping(entries), at: start)
    }

    /// The items of a flow sequence opened at `start` (the cursor past its `[`).
    private mutating func parseFlowSequence(start: SourceLocation) throws(Diagnostic) -> YAMLNode {
        var items: [YAMLNode] = []
        while let scalar = try nextFlowItem("[", start: start) {
            if scalar == "," {
                throw syntax("an empty item in a '[…]' list")
            }
            items.append(try parseFlowNode())
            try endFlowItem("[", start: start)
        }
        return YAMLNode(.sequence(items), at: start)
    }
}
