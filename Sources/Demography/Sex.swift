/// Sex (性别) as population tables record it.
///
/// The raw values are the storage order used by every array of this module: female first,
/// then male, as in the UN World Population Prospects tables.
public enum Sex: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case female = 0
    case male = 1

    /// Reads the labels tables use: `female`/`male`, `F`/`M` (any case), `女`/`男`.
    /// - Returns: nil for any other text.
    public init?(label: String) {
        switch label.lowercased() {
        case "female", "f", "女", "女性": self = .female
        case "male", "m", "男", "男性": self = .male
        default: return nil
        }
    }

    /// The labels ``init(label:)`` accepts, for messages.
    public static let labels = ["female", "male", "F", "M", "女", "男"]

    /// `female` or `male`.
    public var description: String { self == .female ? "female" : "male" }
}
