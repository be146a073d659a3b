import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A part whose XML is malformed.
struct MalformedPart: Error, CustomStringConvertible {
    var part: String
    var detail: String
    var description: String { "\(part) is not well-formed XML (\(detail))" }
}

/// Runs Foundation's `XMLParser` over a part with a delegate; throws when the XML is
/// malformed. External entities are never resolved.
///
/// The part is given as a stream, which the parser reads in pieces: handed a sheet of more
/// than about 10 MB in one piece, libxml2 (under Foundation on Linux) refuses it as too
/// large a chunk.
private func run(_ data: Data, part: String, delegate: XMLParserDelegate) throws {
    // Excel writes every part in UTF-8; Foundation's parser on Linux traps on some text that
    // is not (the xlsx fuzz target's second finding), so such a part is refused first.
    guard String(validating: data, as: UTF8.self) != nil else {
        throw MalformedPart(part: part, detail: "its text is not UTF-8")
    }
    let parser = XMLParser(stream: InputStream(data: data))
    parser.shouldResolveExternalEntities = false
    parser.delegate = delegate
    guard parser.parse() else {
        let detail = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
        throw MalformedPart(part: part, detail: detail)
    }
}

/// `xl/workbook.xml`: the sheets in order, each with its relation id, and the date system.
struct WorkbookPart {
    struct SheetEntry {
        var name: String
        var relation: String
    }
    var sheets: [SheetEntry] = []
    /// Whether serial dates count from 1904-01-01 (`<workbookPr date1904="1"/>`).
    var date1904 = false

    static func parse(_ data: Data) throws -> WorkbookPart {
        final class Delegate: NSObject, XMLParserDelegate {
            var part = WorkbookPart()
            func parser(
                _ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                switch element {
                case "sheet":
                    let relation =
                        attributes["r:id"]
                        ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value ?? ""
                    part.sheets.append(
                        SheetEntry(name: attributes["name"] ?? "", relation: relation))
                case "workbookPr":
                    let flag = attributes["date1904"] ?? "0"
                    part.date1904 = flag == "1" || flag == "true"
                default: break
                }
            }
        }
        let delegate = Delegate()
        try run(data, part: "xl/workbook.xml", delegate: delegate)
        return delegate.part
    }
}

/// `xl/_rels/workbook.xml.rels`: relation id → target part (relative to `xl/`).
enum Relations {
    static func parse(_ data: Data) throws -> [String: String] {
        final class Delegate: NSObject, XMLParserDelegate {
            var targets: [String: String] = [:]
            func parser(
                _ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                if element == "Relationship", let id = attributes["Id"],
                    let target = attributes["Target"]
                {
                    targets[id] = target
                }
            }
        }
        let delegate = Delegate()
        try run(data, part: "xl/_rels/workbook.xml.rels", delegate: delegate)
        return delegate.targets
    }
}

/// `xl/sharedStrings.xml`: the text of each string item, rich-text runs joined, phonetic
/// runs (`<rPh>`, the furigana of Japanese workbooks) left out.
enum SharedStrings {
    static func parse(_ data: Data) throws -> [String] {
        final class Delegate: NSObject, XMLParserDelegate {
            var strings: [String] = []
            var current = ""
            var inText = false
            var inPhonetic = false
            func parser(
                _ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                switch element {
                case "si": current = ""
                case "t": inText = !inPhonetic
                case "rPh": inPhonetic = true
                default: break
                }
            }
            func parser(
                _ parser: XMLParser, didEndElement element: String, namespaceURI: String?,
                qualifiedName: String?
            ) {
                switch element {
                case "si": strings.append(current)
                case "t": inText = false
                case "rPh": inPhonetic = false
                default: break
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inText { current += string }
            }
        }
        let delegate = Delegate()
        try run(data, part: "xl/sharedStrings.xml", delegate: delegate)
        return delegate.strings
    }
}

/// `xl/styles.xml`, as far as dates need it: which cell formats (`cellXfs`) show a date.
struct Styles {
    /// For each cell format index, whether its number format is a date.
    var dateFormats: [Bool] = []

    func isDate(_ style: Int) -> Bool {
        dateFormats.indices.contains(style) && dateFormats[style]
    }

    /// Built-in number formats that show dates (ECMA-376 Part 1 §18.8.30: 14–22, 45–47; the
    /// East Asian date formats 27–36 and 50–58).
    static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Whether a custom format code shows a date: it has y, d or (outside brackets and
    /// quotes) an m together with them, e.g. `yyyy"年"m"月"d"日"`, `yyyy/mm/dd`.
    static func isDateCode(_ code: String) -> Bool {
        var plain = ""
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            default: if !inQuote && !inBracket { plain.append(character) }
            }
        }
        let lower = plain.lowercased()
        return lower.contains("y") || lower.contains("d")
    }

    static func parse(_ data: Data) throws -> Styles {
        final class Delegate: NSObject, XMLParserDelegate {
            var custom: [Int: Bool] = [:]
            var formats: [Int] = []
            var inCellFormats = false
            func parser(
                _ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                switch element {
                case "numFmt":
                    if let id = attributes["numFmtId"].flatMap(Int.init),
                        let code = attributes["formatCode"]
                    {
                        custom[id] = Styles.isDateCode(code)
                    }
                case "cellXfs": inCellFormats = true
                case "xf" where inCellFormats:
                    formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
                default: break
                }
            }
            func parser(
                _ parser: XMLParser, didEndElement element: String, namespaceURI: String?,
                qualifiedName: String?
            ) {
                if element == "cellXfs" { inCellFormats = false }
            }
        }
        let delegate = Delegate()
        try run(data, part: "xl/styles.xml", delegate: delegate)
        return Styles(
            dateFormats: delegate.formats.map {
                delegate.custom[$0] ?? Styles.builtInDates.contains($0)
            })
    }
}

/// A worksheet part: its cells as stored, hidden rows and merged ranges.
struct SheetPart {
    struct Cell {
        var row: Int
        var column: Int
        /// The `t` attribute: `s`, `str`, `inlineStr`, `b`, `e`, `n`, `d`, or empty (a number).
        var type: String
        /// The `s` attribute: the index of the cell format.
        var style: Int
        /// The text of `<v>`.
        var value: String
        /// The text of `<is>` for an inline string.
        var inline: String
        var hasFormula: Bool
        var hasValue: Bool
    }

    /// A rectangle of cells, 1-based and inclusive.
    struct Range {
        var top: Int
        var left: Int
        var bottom: Int
        var right: Int
    }

    var cells: [Cell] = []
    var hiddenRows: Set<Int> = []
    var merged: [Range] = []

    /// The row and column of a reference such as `C12` (1-based); nil when malformed or
    /// beyond Excel's last cell, XFD1048576.
    static func reference(_ text: Substring) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var index = text.utf8.startIndex
        let end = text.utf8.endIndex
        while index < end, case let byte = text.utf8[index], byte >= 65, byte <= 90 {
            column = column * 26 + Int(byte - 64)
            guard column <= 16_384 else { return nil }
            index = text.utf8.index(after: index)
        }
        while index < end, case let byte = text.utf8[index], byte >= 48, byte <= 57 {
            row = row * 10 + Int(byte - 48)
            guard row <= 1_048_576 else { return nil }
            index = text.utf8.index(after: index)
        }
        guard index == end, row > 0, column > 0 else { return nil }
        return (row, column)
    }

    static func parse(_ data: Data) throws -> SheetPart {
        final class Delegate: NSObject, XMLParserDelegate {
            var part = SheetPart()
            var row = 0
            var column = 0
            var cell: Cell?
            var text = ""
            var collecting = false
            var inInline = false
            var failure: String?

            func parser(
                _ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]
            ) {
                switch element {
                case "row":
                    if let given = attributes["r"].flatMap(Int.init), given > 0,
                        given <= 1_048_576
                    {
                        row = given
                    } else {
                        row += 1
                    }
                    column = 0
                    if let hidden = attributes["hidden"], hidden == "1" || hidden == "true" {
                        part.hiddenRows.insert(row)
                    }
                case "c":
                    if let reference = attributes["r"] {
                        guard let place = SheetPart.reference(Substring(reference)) else {
                            failure = "the cell reference '\(reference)' is malformed"
                            parser.abortParsing()
                            return
                        }
                        row = place.row
                        column = place.column
                    } else {
                        column += 1
                    }
                    cell = Cell(
                        row: row, column: column, type: attributes["t"] ?? "",
                        style: attributes["s"].flatMap(Int.init) ?? 0, value: "", inline: "",
                        hasFormula: false, hasValue: false)
                case "v":
                    text = ""
                    collecting = true
                case "f":
                    cell?.hasFormula = true
                case "is":
                    inInline = true
                case "t" where inInline:
                    text = ""
                    collecting = true
                case "mergeCell":
                    if let reference = attributes["ref"] {
                        let corners = reference.split(separator: ":")
                        if corners.count == 2, let a = SheetPart.reference(corners[0]),
                            let b = SheetPart.reference(corners[1])
                        {
                            part.merged.append(
                                Range(
                                    top: min(a.row, b.row), left: min(a.column, b.column),
                                    bottom: max(a.row, b.row), right: max(a.column, b.column)))
                        }
                    }
                default: break
                }
            }

            func parser(
                _ parser: XMLParser, didEndElement element: String, namespaceURI: String?,
                qualifiedName: String?
            ) {
                switch element {
                case "v":
                    cell?.value = text
                    cell?.hasValue = true
                    collecting = false
                case "t" where inInline:
                    cell?.inline += text
                    collecting = false
                case "is":
                    inInline = false
                case "c":
                    if let cell { part.cells.append(cell) }
                    cell = nil
                default: break
                }
            }

            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if collecting { text += string }
            }
        }
        let delegate = Delegate()
        do {
            try run(data, part: "the sheet", delegate: delegate)
        } catch {
            if let failure = delegate.failure {
                throw MalformedPart(part: "the sheet", detail: failure)
            }
            throw error
        }
        return delegate.part
    }
}
