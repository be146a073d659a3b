/// A file a run read, with its size and digest, so that a run can be checked against its
/// inputs later.
public struct InputFile: Hashable, Sendable {
    /// The file as diagnostics name it (its path from the working folder).
    public var name: String
    /// Its size in bytes.
    public var byteCount: Int
    /// The SHA-256 of its bytes as read.
    public var sha256: SHA256Digest

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.byteCount = bytes.count
        self.sha256 = SHA256Digest(of: bytes)
    }

    /// `{"file": …, "bytes": …, "sha256": …}`.
    public var json: JSONValue {
        .object([
            ("file", .string(name)), ("bytes", .integer(byteCount)),
            ("sha256", .string(sha256.description)),
        ])
    }
}
