import Diagnostics
import Testing

@Suite struct DiagnosticLogTests {
    func emptyCell(line: Int, file: String = "f.csv") -> Diagnostic {
        .error(.emptyCell(column: "beds"), at: SourceLocation(file: file, line: line, column: 3))
    }

    // 25 errors of one kind in one file: keptPerKind (20) are kept, one note counts the other
    // 5 and points at the first of them (line 21); the errors still count.
    @Test func keepsTheFirstOfAKindAndCountsTheRest() {
        var log = DiagnosticLog()
        for line in 1...25 { log.append(emptyCell(line: line)) }
        log.warning(.unknownColumn(column: "x", suggestion: nil), at: .init(file: "f.csv"))
        let kept = DiagnosticLog.keptPerKind
        #expect(kept == 20)
        #expect(log.diagnostics.count == kept + 2)
        #expect(log.errorCount == 25)
        #expect(log.count == 26)
        let note = log.diagnostics.last
        #expect(
            note
                == Diagnostic(
                    .note, .omitted(count: 5, severity: .error, file: "f.csv"),
                    at: SourceLocation(file: "f.csv", line: 21, column: 3)))
        #expect(note?.problem.message(in: .en) == "… and 5 more errors of this kind in f.csv")
        // In file order the note follows the 20 it continues, after the file-level warning.
        #expect(log.sorted.map(\.location.line) == [0] + Array(1...20) + [21])
        #expect(throws: DiagnosticError.self) { try log.throwIfErrors() }
    }

    // Each file and each severity has its own allowance: 21 errors in each of two files give
    // 20 + 1 note per file.
    @Test func theLimitIsPerFileAndSeverity() {
        var log = DiagnosticLog()
        for line in 1...21 {
            log.append(emptyCell(line: line, file: "a.csv"))
            log.append(emptyCell(line: line, file: "b.csv"))
            log.warning(.emptyCell(column: "beds"), at: .init(file: "a.csv", line: line))
        }
        let notes = log.diagnostics.filter { $0.severity == .note }.map(\.problem)
        #expect(
            notes == [
                .omitted(count: 1, severity: .error, file: "a.csv"),
                .omitted(count: 1, severity: .error, file: "b.csv"),
                .omitted(count: 1, severity: .warning, file: "a.csv"),
            ])
        #expect(log.errorCount == 42)
    }

    // A log appended to another keeps its counts: 30 + 30 errors of one kind in one file
    // are 60, of which 20 are kept and one note counts 40.
    @Test func appendingALogKeepsItsCounts() {
        var first = DiagnosticLog()
        var second = DiagnosticLog()
        for line in 1...30 {
            first.append(emptyCell(line: line))
            second.append(emptyCell(line: 100 + line))
        }
        first.append(contentsOf: second)
        #expect(first.errorCount == 60)
        #expect(first.diagnostics.count == 21)
        #expect(
            first.diagnostics.last?.problem == .omitted(count: 40, severity: .error, file: "f.csv"))
        #expect(first.diagnostics.errorCount == 60)
        // Appending the rendered list (a note among them) counts what the note stands for.
        var third = DiagnosticLog()
        third.append(contentsOf: first.diagnostics)
        #expect(third.errorCount == 60)
    }

    // Sizes in binary units: 2^31 bytes is 2.0 GiB; 3 × 2^29 is 1.5 GiB; 1,536 is 1.5 KiB.
    @Test func sizesInMessages() {
        let message = Problem.fileTooLarge(
            path: "r.csv", size: 1 << 31, limit: 512 << 20, what: "a regions table"
        ).message(in: .en)
        #expect(
            message
                == "r.csv is 2.0 GiB; the limit for a regions table is 512 MiB; set YANGLAO_MAX_INPUT_MB to raise it"
        )
        let odd = Problem.fileTooLarge(path: "r", size: 3 << 29, limit: 1_536, what: "a table")
        #expect(odd.message(in: .en).hasPrefix("r is 1.5 GiB; the limit for a table is 1.5 KiB"))
    }
}
