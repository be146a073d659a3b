import Diagnostics

/// A JSON value with the line and column it starts at, so that problems in a GeoJSON file
/// can be reported like those of a CSV file.
indirect enum LocatedJSON {
    case object([(key: String, value: LocatedJSON)], SourceLocation)
    case array([LocatedJSON], SourceLocation)
    case string(String, SourceLocation)
    case number(Double, SourceLocation)
    case bool(Bool, SourceLocation)
    case null(SourceLocation)

    var location: SourceLocation {
        switch self {
        case .object(_, let at), .array(_, let at), .string(_, let at), .number(_, let at),
            .bool(_, let at), .null(let at):
            at
        }
    }

    subscript(key: String) -> LocatedJSON? {
        guard case .object(let members, _) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var array: [LocatedJSON]? {
        if case .array(let items, _) = self { return items }
        return nil
    }

    var string: String? {
        if case .string(let text, _) = self { return text }
        return nil
    }

    var number: Double? {
        if case .number(let value, _) = self { return value }
        return nil
    }

    /// Parses JSON text (RFC 8259).
    /// - Returns: the value, or the first syntax error with its place.
    static func parse(_ bytes: [UInt8], file: String) -> Result<LocatedJSON, Diagnostic> {
        var parser = JSONParser(bytes: bytes, file: file)
        do throws(Diagnostic) {
            parser.skipSpace()
            let value = try parser.value(depth: 0)
            parser.skipSpace()
            guard parser.offset == bytes.count else {
                throw parser.failure("unexpected text after the JSON value")
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
}

/// A recursive-descent JSON parser that tracks lines and columns.
private struct JSONParser {
    let bytes: [UInt8]
    let file: String
    var offset = 0
    var line = 1
    var lineStart = 0
    /// Columns are counted on from the last place asked for, so that a file on one long line
    /// (as GeoJSON often is) is read in one pass, not once per value.
    var counted = 0
    var countedColumn = 1

    init(bytes: [UInt8], file: String) {
        // A UTF-8 byte-order mark is skipped.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            self.bytes = Array(bytes.dropFirst(3))
        } else {
            self.bytes = bytes
        }
        self.file = file
    }

    /// The line and column of `offset` (columns in characters, not bytes).
    mutating func here() -> SourceLocation {
        if counted < lineStart {
            counted = lineStart
            countedColumn = 1
        }
        let end = min(offset, bytes.count)
        for byte in bytes[counted..<end] where byte & 0xC0 != 0x80 {
            countedColumn += 1
        }
        counted = end
        return SourceLocation(file: file, line: line, column: countedColumn)
    }

    mutating func failure(_ message: String) -> Diagnostic {
        .error(.invalidValue(field: "GeoJSON", reason: message), at: here())
    }

    mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09: offset += 1
            // LF, CR and CRLF end a line, as in `LineIndex`.
            case 0x0A, 0x0D:
                if bytes[offset] == 0x0D, offset + 1 < bytes.count, bytes[offset + 1] == 0x0A {
                    offset += 1
                }
                offset += 1
                line += 1
                lineStart = offset
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(Diagnostic) -> LocatedJSON {
        guard depth < 512 else { throw failure("nesting is too deep") }
        guard offset < bytes.count else {
            throw failure("the file ends where a value was expected")
        }
        let start = here()
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            offset += 1
            var members: [(key: String, value: LocatedJSON)] = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object(members, start)
            }
            while true {
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                    throw failure("expected a quoted member name")
                }
                let key = try string()
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                    throw failure("expected ':' after a member name")
                }
                offset += 1
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard offset < bytes.count else { throw failure("the object is not closed") }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                guard bytes[offset] == UInt8(ascii: "}") else {
                    throw failure("expected ',' or '}'")
                }
                offset += 1
                return .object(members, start)
            }
        case UInt8(ascii: "["):
            offset += 1
            var items: [LocatedJSON] = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(items, start)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard offset < bytes.count else { throw failure("the array is not closed") }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                guard bytes[offset] == UInt8(ascii: "]") else {
                    throw failure("expected ',' or ']'")
                }
                offset += 1
                return .array(items, start)
            }
        case UInt8(ascii: "\""):
            return .string(try string(), start)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for (word, value) in [
                ("true", LocatedJSON.bool(true, start)), ("false", .bool(false, start)),
                ("null", .null(start)),
            ] where bytes[offset...].starts(with: word.utf8) {
                offset += word.utf8.count
                return value
            }
            throw failure("unknown word")
        default:
            let begin = offset
            while offset < bytes.count,
                "+-0123456789.eE".utf8.contains(bytes[offset])
            {
                offset += 1
            }
            guard offset > begin,
                let number = Double(String(decoding: bytes[begin..<offset], as: UTF8.self)),
                number.isFinite
            else {
                offset = begin
                throw failure("expected a value")
            }
            return .number(number, start)
        }
    }

    /// A string starting at the opening quote.
    mutating func string() throws(Diagnostic) -> String {
        offset += 1
        var result: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: result, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard offset + 1 < bytes.count else { break }
                let escaped = bytes[offset + 1]
                offset += 2
                switch escaped {
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "u"):
                    guard offset + 4 <= bytes.count,
                        let code = UInt32(
                            String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
                    else { throw failure("bad \\u escape") }
                    offset += 4
                    var scalarValue = code
                    // A surrogate pair.
                    if (0xD800...0xDBFF).contains(code), offset + 6 <= bytes.count,
                        bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u"),
                        let low = UInt32(
                            String(decoding: bytes[offset + 2..<offset + 6], as: UTF8.self),
                            radix: 16),
                        (0xDC00...0xDFFF).contains(low)
                    {
                        offset += 6
                        scalarValue = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                    result.append(contentsOf: Array(String(scalar).utf8))
                default: result.append(escaped)
                }
                continue
            case 0x0A:
                throw failure("a string runs past the end of the line")
            default:
                result.append(byte)
                offset += 1
            }
        }
        throw failure("a string is not closed")
    }
}
