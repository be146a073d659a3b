import Geography

/// Sex (性别) as population tables record it.
///
/// The raw values are the storage order used by every array of this module: female first,
/// then male, as in the UN World Population Prospects tables.
public enum Sex: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible, NamedCase {
    case female = 0
    case male = 1

    /// Reads the labels tables use: `female`/`male`, `F`/`M` (any case), `女`/`男`.
    /// - Returns: nil for any other text.
    public init?(label: String) { self.init(name: label) }

    /// The labels ``init(label:)`` accepts, for messages.
    public static let labels = ["female", "male", "F", "M", "女", "男"]

    /// `female` or `male`.
    public var identifier: String { self == .female ? "female" : "male" }

    /// `F`, `女`, `女性`; `M`, `男`, `男性`.
    public var otherNames: [String] { self == .female ? ["F", "女", "女性"] : ["M", "男", "男性"] }

    /// Labels are read in any case.
    public static var ignoresCase: Bool { true }

    public var description: String { identifier }
}
