/// An enumeration whose cases files name by a word (名称): an identifier, and for some also a
/// Chinese name or another accepted spelling (别名). The one place where such words are parsed
/// and listed for messages.
public protocol NamedCase: CaseIterable, Equatable {
    /// The word files use and Yanglao writes, e.g. `street_centre`.
    var identifier: String { get }
    /// Other words a file may use for the case, e.g. its Chinese name then aliases; none unless
    /// the type says.
    var otherNames: [String] { get }
    /// Whether words are compared ignoring case (`F` for `f`); false unless the type says.
    static var ignoresCase: Bool { get }
}

extension NamedCase {
    public var otherNames: [String] { [] }

    public static var ignoresCase: Bool { false }

    /// The case with this identifier.
    public init?(identifier: String) {
        guard let value = Self.allCases.first(where: { Self.same($0.identifier, identifier) })
        else { return nil }
        self = value
    }

    /// The case a file's word names: its identifier, else one of its other names.
    public init?(name: String) {
        guard
            let value = Self.allCases.first(where: { Self.same($0.identifier, name) })
                ?? Self.allCases.first(where: { $0.otherNames.contains { Self.same($0, name) } })
        else { return nil }
        self = value
    }

    /// The identifier, then the other names.
    public var names: [String] { [identifier] + otherNames }

    /// Every identifier, in the order of the cases.
    public static var identifiers: [String] { allCases.map(\.identifier) }

    /// Every word a file may use: the identifiers first, then the other names case by case.
    public static var allNames: [String] { identifiers + allCases.flatMap(\.otherNames) }

    private static func same(_ word: String, _ text: String) -> Bool {
        ignoresCase ? word.lowercased() == text.lowercased() : word == text
    }
}
