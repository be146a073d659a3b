/// One finding about an input: a problem, where it is, and how serious.
///
/// Readers collect every diagnostic of a file rather than stopping at the first, and the
/// command line prints them all like a compiler (`file:line:column: error: …`).
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    /// How serious a finding is. Only errors make a run fail.
    public enum Severity: String, Hashable, Sendable, CaseIterable {
        case error, warning, note

        /// The word printed before the message: error, warning, note / 错误, 警告, 提示.
        public func name(in language: Language) -> String {
            switch (self, language) {
            case (_, .en): rawValue
            case (.error, .zh): "错误"
            case (.warning, .zh): "警告"
            case (.note, .zh): "提示"
            }
        }
    }

    public var severity: Severity
    public var problem: Problem
    public var location: SourceLocation

    public init(_ severity: Severity = .error, _ problem: Problem, at location: SourceLocation) {
        self.severity = severity
        self.problem = problem
        self.location = location
    }

    public static func error(_ problem: Problem, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, problem, at: location)
    }

    public static func warning(_ problem: Problem, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, problem, at: location)
    }

    /// `file:line:column: 错误: message`, in Chinese.
    public var description: String { description(in: .zh) }

    /// `file:line:column: error: message` (English) or `file:line:column: 错误: …` (Chinese):
    /// the location and the ASCII `: ` around the severity word stay the same in both
    /// languages, so tools that read compiler output find them.
    public func description(in language: Language) -> String {
        "\(location): \(severity.name(in: language)): \(problem.message(in: language))"
    }
}

/// Every diagnostic of a load, thrown when at least one is an error.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { description(in: .zh) }

    public func description(in language: Language) -> String {
        diagnostics.map { $0.description(in: language) }.joined(separator: "\n")
    }
}

/// An accumulator of diagnostics that readers pass along while they read.
///
/// A file with an error in every row would otherwise give as many diagnostics as rows, so the
/// log keeps the first ``keptPerKind`` diagnostics of each kind (a ``Problem`` case and a
/// severity) in each file and only counts the rest: memory and output stay bounded however
/// bad a file is. Each kind that overflowed is summarised by one note, at the first
/// diagnostic left out: "… and 99,980 more errors of this kind in facilities.csv". Errors left
/// out still count: ``hasErrors`` and ``errorCount`` see every error appended.
public struct DiagnosticLog: Sendable {
    /// How many diagnostics of one kind are kept per file before the rest are only counted.
    public static let keptPerKind = 20

    /// A kind of diagnostic in one file.
    private struct Kind: Hashable, Sendable {
        var file: String
        var problem: Problem.Kind
        var severity: Diagnostic.Severity
    }

    /// The diagnostics of a kind that were left out: how many, and the first place (in file
    /// order) among them.
    private struct Omitted: Sendable {
        var count: Int
        var first: SourceLocation
    }

    private var kept: [Diagnostic] = []
    private var keptCounts: [Kind: Int] = [:]
    private var omitted: [Kind: Omitted] = [:]
    /// The kinds that overflowed, in the order they did, so summaries come out the same way
    /// every time.
    private var overflowed: [Kind] = []

    /// How many errors were appended, including those left out.
    public private(set) var errorCount = 0
    /// How many diagnostics were appended, including those left out.
    public private(set) var count = 0

    public init() {}

    /// The diagnostics kept, in the order appended, then one note for each kind with
    /// diagnostics left out.
    public var diagnostics: [Diagnostic] {
        kept
            + overflowed.map { kind in
                let left = omitted[kind]!
                return Diagnostic(
                    .note, .omitted(count: left.count, severity: kind.severity, file: kind.file),
                    at: left.first)
            }
    }

    public var hasErrors: Bool { errorCount > 0 }

    public mutating func error(_ problem: Problem, at location: SourceLocation) {
        append(.error(problem, at: location))
    }

    public mutating func warning(_ problem: Problem, at location: SourceLocation) {
        append(.warning(problem, at: location))
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        // A summary note from another log stands for the diagnostics it counts.
        var number = 1
        var severity = diagnostic.severity
        if case .omitted(let left, let leftSeverity, _) = diagnostic.problem {
            number = left
            severity = leftSeverity
        }
        count += number
        if severity == .error { errorCount += number }
        let kind = Kind(
            file: diagnostic.location.file, problem: diagnostic.problem.kind,
            severity: diagnostic.severity)
        let keptSoFar = keptCounts[kind, default: 0]
        if keptSoFar < Self.keptPerKind {
            keptCounts[kind] = keptSoFar + 1
            kept.append(diagnostic)
        } else {
            leaveOut(1, of: kind, at: diagnostic.location)
        }
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        for diagnostic in other { append(diagnostic) }
    }

    /// Appends another log: its kept diagnostics (subject to this log's limit), and its counts
    /// of those it left out.
    public mutating func append(contentsOf other: DiagnosticLog) {
        for diagnostic in other.kept { append(diagnostic) }
        for kind in other.overflowed {
            let left = other.omitted[kind]!
            count += left.count
            if kind.severity == .error { errorCount += left.count }
            leaveOut(left.count, of: kind, at: left.first)
        }
    }

    private mutating func leaveOut(_ number: Int, of kind: Kind, at location: SourceLocation) {
        if var left = omitted[kind] {
            left.count += number
            left.first = min(left.first, location)
            omitted[kind] = left
        } else {
            omitted[kind] = Omitted(count: number, first: location)
            overflowed.append(kind)
        }
    }

    /// Throws every diagnostic collected so far if any of them is an error.
    public func throwIfErrors() throws(DiagnosticError) {
        if hasErrors { throw DiagnosticError(sorted) }
    }

    /// The diagnostics in file order, then line, then column; stable for equal places.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted {
            ($0.element.location, $0.offset) < ($1.element.location, $1.offset)
        }.map(\.element)
    }
}

extension Sequence<Diagnostic> {
    /// How many errors the diagnostics report, counting those that a summary note (see
    /// ``DiagnosticLog``) stands for.
    public var errorCount: Int {
        reduce(0) { total, diagnostic in
            if case .omitted(let count, .error, _) = diagnostic.problem { return total + count }
            return total + (diagnostic.severity == .error ? 1 : 0)
        }
    }
}
