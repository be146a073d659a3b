import Diagnostics
import Foundation

/// The character encoding a text file was written in.
public enum TextEncoding: String, Sendable, Hashable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "UTF-8"
    /// GB18030 (国标 18030), what Excel on Chinese Windows writes as "CSV".
    case gb18030 = "GB18030"
}

/// Text decoded from a file's bytes, as UTF-8, with the encoding it was found in.
public struct DecodedText: Sendable {
    /// The text as UTF-8 bytes, without a byte-order mark.
    public var utf8: [UInt8]
    /// The encoding of the file on disk.
    public var encoding: TextEncoding

    /// The text as a string.
    public var string: String { String(decoding: utf8, as: UTF8.self) }
}

/// Detects whether bytes are UTF-8 or GB18030 and decodes them.
///
/// The rule: a UTF-8 byte-order mark means UTF-8; the GB18030 byte-order mark means GB18030;
/// UTF-16 byte-order marks are refused; otherwise valid UTF-8 is UTF-8 and anything else that
/// is well-formed GB18030 is GB18030. Both encodings keep the ASCII bytes of CSV and YAML
/// syntax (comma, quote, colon, newline) as single bytes, so structure never hides inside a
/// multi-byte character. When neither decoding works, the error points at the broken byte of
/// the encoding that read further.
public enum TextDecoder {
    /// Decodes a file's bytes; the file name is used in the diagnostic.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<DecodedText, Diagnostic> {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if let bad = firstInvalidUTF8(body) {
                return .failure(invalid(body, at: bad, encoding: .utf8, offset: 3, file: file))
            }
            return .success(DecodedText(utf8: body, encoding: .utf8))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(
                .error(
                    .invalidEncoding(
                        detail: "it is UTF-16; save it as \"CSV UTF-8\" or GB18030 instead"),
                    at: SourceLocation(file: file, line: 1, column: 1)))
        }
        if String(validating: bytes, as: UTF8.self) != nil {
            return .success(DecodedText(utf8: bytes, encoding: .utf8))
        }
        let gbBOM: [UInt8] = [0x84, 0x31, 0x95, 0x33]
        let hasGBBOM = bytes.starts(with: gbBOM)
        let body = hasGBBOM ? Array(bytes.dropFirst(4)) : bytes
        let utf8Error = hasGBBOM ? -1 : (firstInvalidUTF8(bytes) ?? bytes.count)
        if let gbError = firstInvalidGB18030(body) {
            if hasGBBOM || gbError > utf8Error {
                return .failure(invalid(body, at: gbError, encoding: .gb18030, file: file))
            }
            return .failure(invalid(bytes, at: utf8Error, encoding: .utf8, file: file))
        }
        // 0x8000_0632 is the Foundation encoding number of GB18030-2000.
        let encoding = String.Encoding(rawValue: 0x8000_0632)
        guard let text = String(data: Data(body), encoding: encoding) else {
            return .failure(unmappedGB18030(body, file: file))
        }
        return .success(DecodedText(utf8: Array(text.utf8), encoding: .gb18030))
    }

    /// Offset of the first byte that breaks UTF-8, or nil when the bytes are valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        firstInvalid(bytes) { i in
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch bytes[i] {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return nil
            }
            guard i + length <= bytes.count, (low...high).contains(bytes[i + 1]) else { return nil }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return nil }
            return length
        }
    }

    /// Offset of the first byte that breaks the structure of GB18030 (one byte 00–7F; two
    /// bytes 81–FE then 40–7E or 80–FE; four bytes 81–FE, 30–39, 81–FE, 30–39), or nil.
    static func firstInvalidGB18030(_ bytes: [UInt8]) -> Int? {
        firstInvalid(bytes) { i in
            guard (0x81...0xFE).contains(bytes[i]), i + 1 < bytes.count else { return nil }
            let second = bytes[i + 1]
            if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) { return 2 }
            if (0x30...0x39).contains(second), i + 3 < bytes.count,
                (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3])
            {
                return 4
            }
            return nil
        }
    }

    /// Offset of the first character that breaks an encoding whose bytes 00–7F stand alone, or
    /// nil. `length` gives the length in bytes of the character that starts at an offset with
    /// a byte of 80 or above, or nil when it is broken.
    private static func firstInvalid(_ bytes: [UInt8], length: (Int) -> Int?) -> Int? {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
            } else if let step = length(i) {
                i += step
            } else {
                return i
            }
        }
        return nil
    }

    /// Line and column (in characters) of a byte offset, counting characters by the
    /// structure of the given encoding.
    static func position(of offset: Int, in bytes: [UInt8], encoding: TextEncoding)
        -> (line: Int, column: Int)
    {
        var line = 1
        var column = 1
        var i = 0
        while i < offset, i < bytes.count {
            let b = bytes[i]
            // LF, CR and CRLF end a line, as in ``LineIndex``.
            if b == 0x0A || b == 0x0D {
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                line += 1
                column = 1
                i += 1
                continue
            }
            switch encoding {
            case .utf8:
                // Continuation bytes do not start a character.
                if b & 0xC0 != 0x80 { column += 1 }
                i += 1
            case .gb18030:
                column += 1
                if b < 0x80 {
                    i += 1
                } else if i + 1 < bytes.count, (0x30...0x39).contains(bytes[i + 1]) {
                    i += 4
                } else {
                    i += 2
                }
            }
        }
        return (line, column)
    }

    private static func invalid(
        _ bytes: [UInt8], at offset: Int, encoding: TextEncoding, offset base: Int = 0,
        file: String
    ) -> Diagnostic {
        let (line, column) = position(of: offset, in: bytes, encoding: encoding)
        let byte = offset < bytes.count ? bytes[offset] : 0
        let hex = String(byte, radix: 16, uppercase: true)
        let detail =
            offset < bytes.count
            ? "byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(offset + base) breaks \(encoding.rawValue)"
            : "the file ends inside a \(encoding.rawValue) character"
        return .error(
            .invalidEncoding(detail: detail),
            at: SourceLocation(file: file, line: line, column: column))
    }

    /// Finds the first line Foundation cannot map (structurally valid but unassigned codes).
    private static func unmappedGB18030(_ bytes: [UInt8], file: String) -> Diagnostic {
        let encoding = String.Encoding(rawValue: 0x8000_0632)
        let lines = LineIndex(bytes)
        var line = 1
        while let range = lines.range(ofLine: line) {
            if String(data: Data(bytes[range]), encoding: encoding) == nil { break }
            line += 1
        }
        return .error(
            .invalidEncoding(detail: "a GB18030 character on this line has no Unicode mapping"),
            at: SourceLocation(file: file, line: line, column: 1))
    }
}

/// The kinds of input file, each with the largest size read (checked with a stat before the
/// file is opened, so that a huge or endless file is refused at once).
///
/// | Kind          | What                                                    | Limit   |
/// |---------------|---------------------------------------------------------|---------|
/// | `scenario`    | scenario YAML, target catalogues, service lists         | 16 MiB  |
/// | `regions`     | region tables                                           | 512 MiB |
/// | `population`  | population, demography and elderly-population tables    | 512 MiB |
/// | `facilities`  | facility inventories                                    | 512 MiB |
/// | `table`       | any other table: unit costs, coverage points, networks, run outputs | 512 MiB |
///
/// The limits are many times the largest real inputs (a province's 50,000-row region table is
/// about 5 MB; a county's scenario file a few kB). The environment variable
/// `YANGLAO_MAX_INPUT_MB` (a whole number of MiB) sets one limit for every kind instead.
public enum InputKind: String, Sendable, CaseIterable {
    case scenario, regions, population, facilities, table

    /// The environment variable that sets the limit of every kind, in MiB.
    public static let limitVariable = "YANGLAO_MAX_INPUT_MB"

    /// The largest file of this kind that is read, in bytes, unless the environment says
    /// otherwise.
    public var defaultLimit: Int {
        switch self {
        case .scenario: 16 << 20
        case .regions, .population, .facilities, .table: 512 << 20
        }
    }

    /// The limit in bytes: `YANGLAO_MAX_INPUT_MB` when it holds a positive whole number of MiB,
    /// else ``defaultLimit``.
    public func limit(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Int
    {
        if let text = environment[Self.limitVariable],
            let mebibytes = Int(text.trimmingCharacters(in: .whitespaces)), mebibytes > 0,
            mebibytes <= Int.max >> 20
        {
            return mebibytes << 20
        }
        return defaultLimit
    }

    /// How messages name a file of this kind: "the limit for a regions table is …".
    public var description: String {
        switch self {
        case .scenario: "a scenario file"
        case .regions: "a regions table"
        case .population: "a population table"
        case .facilities: "a facilities table"
        case .table: "a table"
        }
    }
}

/// Reading whole files, with the errors every reader reports the same way.
public enum TextFile {
    /// Reads the bytes of a file, after checking with a stat that it is a regular file no
    /// larger than the limit of its kind; nothing is read from anything else (a folder, a
    /// pipe, a device such as `/dev/zero`).
    /// - Parameters:
    ///   - path: where the file is on disk.
    ///   - name: how diagnostics name it (usually the path as the user wrote it).
    ///   - kind: what the file holds, for its size limit.
    ///   - environment: where `YANGLAO_MAX_INPUT_MB` is looked up.
    public static func bytes(
        atPath path: String, name: String, kind: InputKind = .table,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Result<[UInt8], Diagnostic> {
        let place = SourceLocation(file: name)
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR {
                return .failure(.error(.fileNotFound(path: name), at: place))
            }
            let reason = String(cString: strerror(errno))
            return .failure(.error(.unreadableFile(path: name, reason: reason), at: place))
        }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            let what: String =
                switch type {
                case S_IFDIR: "it is a folder"
                case S_IFIFO: "it is a named pipe, not a file"
                case S_IFCHR, S_IFBLK: "it is a device, not a file"
                case S_IFSOCK: "it is a socket, not a file"
                default: "it is not a regular file"
                }
            return .failure(.error(.unreadableFile(path: name, reason: what), at: place))
        }
        let limit = kind.limit(environment: environment)
        let size = Int(status.st_size)
        guard size <= limit else {
            return .failure(
                .error(
                    .fileTooLarge(path: name, size: size, limit: limit, what: kind.description),
                    at: place))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(
                .error(
                    .unreadableFile(path: name, reason: "permission denied or I/O error"),
                    at: place))
        }
        defer { try? handle.close() }
        // Read at most one byte past the limit, in case the file grew since the stat.
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            return .failure(
                .error(
                    .unreadableFile(path: name, reason: "I/O error: \(error.localizedDescription)"),
                    at: place))
        }
        guard data.count <= limit else {
            return .failure(
                .error(
                    .fileTooLarge(
                        path: name, size: data.count, limit: limit, what: kind.description),
                    at: place))
        }
        return .success([UInt8](data))
    }

    /// Reads and decodes a text file (UTF-8 or GB18030).
    public static func text(atPath path: String, name: String, kind: InputKind = .table)
        -> Result<DecodedText, Diagnostic>
    {
        bytes(atPath: path, name: name, kind: kind).flatMap { TextDecoder.decode($0, file: name) }
    }
}
