/// Writes CSV that Excel opens correctly with Chinese text: UTF-8 with a byte-order mark,
/// CRLF line endings (RFC 4180), and quotes only where a field needs them.
public struct CSVWriter: Sendable {
    private var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    private let columnCount: Int

    /// Starts a table with its header.
    public init(header: [String]) {
        columnCount = header.count
        appendRecord(header)
    }

    /// Appends a row; it must have one field per header column.
    public mutating func append(_ row: [String]) {
        precondition(
            row.count == columnCount, "CSV row has \(row.count) fields, header \(columnCount)")
        appendRecord(row)
    }

    /// The file's bytes.
    public var data: [UInt8] { bytes }

    private mutating func appendRecord(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            if Self.needsQuotes(field) {
                bytes.append(0x22)
                for byte in field.utf8 {
                    if byte == 0x22 { bytes.append(0x22) }
                    bytes.append(byte)
                }
                bytes.append(0x22)
            } else {
                bytes.append(contentsOf: field.utf8)
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// A field needs quotes when it holds a comma, quote or line break, or starts or ends
    /// with a space (which readers would otherwise trim).
    static func needsQuotes(_ field: String) -> Bool {
        guard let first = field.utf8.first, let last = field.utf8.last else { return false }
        if first == 0x20 || last == 0x20 { return true }
        return field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }
}
