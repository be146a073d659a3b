import Diagnostics

/// Reads the CSV inputs of a standalone use case (`project`, `lifetable`, `backtest`,
/// `assess`), collecting every problem of every file with the text of the files, so that all
/// of them can be shown like a compiler's.
public struct InputTables: Sendable {
    /// Every problem found so far.
    public var log = DiagnosticLog()
    /// The text of the files read, for showing the lines of their problems.
    public private(set) var sources = SourceTexts()
    /// The files in the order they were read.
    public private(set) var order: [String] = []

    public init() {}

    /// Reads a CSV file; nil (with a logged problem) when it cannot be read.
    public mutating func table(_ path: String) -> CSVTable? {
        order.append(path)
        switch TextFile.text(atPath: path, name: path) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let decoded):
            sources.add(file: path, text: decoded.string)
            return CSVReader.parse(decoded, file: path, log: &log)
        }
    }

    /// The diagnostics by the order the files were read, then by line and column; stable for
    /// equal places.
    public var diagnostics: [Diagnostic] {
        let fileOrder = Dictionary(
            order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return log.diagnostics.enumerated().sorted { a, b in
            let fa = fileOrder[a.element.location.file] ?? order.count
            let fb = fileOrder[b.element.location.file] ?? order.count
            if fa != fb { return fa < fb }
            return (a.element.location, a.offset) < (b.element.location, b.offset)
        }.map(\.element)
    }
}
