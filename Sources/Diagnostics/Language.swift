/// The language of everything the tool says: Chinese (`zh`, the default) or English (`en`),
/// chosen with `--lang`.
///
/// It lives in Diagnostics, the lowest module that speaks, so that diagnostics, the
/// application layer's errors and the command line all use the same choice.
public enum Language: String, Hashable, Sendable, CaseIterable {
    case zh, en

    /// Picks the Chinese or the English text.
    public func text(_ chinese: String, _ english: String) -> String {
        self == .zh ? chinese : english
    }
}

/// A message in both languages, for errors that are made before the language they are
/// printed in is known (the application layer's errors, a load's failure).
public struct BilingualText: Hashable, Sendable {
    public var chinese: String
    public var english: String

    public init(chinese: String, english: String) {
        self.chinese = chinese
        self.english = english
    }

    /// The same text in both languages: a path, a rendered value, or nothing.
    public init(verbatim text: String) {
        self.init(chinese: text, english: text)
    }

    /// Renders a text in both languages.
    public init(_ render: (Language) -> String) {
        self.init(chinese: render(.zh), english: render(.en))
    }

    public func text(in language: Language) -> String {
        language.text(chinese, english)
    }

    public var isEmpty: Bool { chinese.isEmpty && english.isEmpty }
}
