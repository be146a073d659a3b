/// One finding about an input: a problem, where it is, and how serious.
///
/// Readers collect every diagnostic of a file rather than stopping at the first, and the
/// command line prints them all like a compiler (`file:line:column: error: …`).
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    /// How serious a finding is. Only errors make a run fail.
    public enum Severity: String, Hashable, Sendable {
        case error, warning, note
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

    /// `file:line:column: error: message`.
    public var description: String {
        "\(location): \(severity.rawValue): \(problem.message)"
    }
}

/// Every diagnostic of a load, thrown when at least one is an error.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// An accumulator of diagnostics that readers pass along while they read.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func error(_ problem: Problem, at location: SourceLocation) {
        diagnostics.append(.error(problem, at: location))
    }

    public mutating func warning(_ problem: Problem, at location: SourceLocation) {
        diagnostics.append(.warning(problem, at: location))
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
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
