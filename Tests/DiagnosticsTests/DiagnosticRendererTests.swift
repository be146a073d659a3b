import Diagnostics
import Testing

@Suite struct DiagnosticRendererTests {
    // The caret sits under column 10 of "horizon: 1990": nine characters precede it.
    @Test func caretGoesUnderTheColumn() {
        var sources = SourceTexts()
        sources.add(file: "s.yaml", text: "base_year: 2020\nhorizon: 1990\n")
        let diagnostic = Diagnostic.error(
            .outOfRange(field: "horizon", value: "1990", range: "between 2020 and 2120"),
            at: SourceLocation(file: "s.yaml", line: 2, column: 10))
        let text = DiagnosticRenderer(sources: sources, language: .en).render(diagnostic)
        #expect(
            text == """
                s.yaml:2:10: error: horizon must be between 2020 and 2120 (got 1990)
                 2 | horizon: 1990
                   |          ^
                """)
        #expect(
            DiagnosticRenderer(sources: sources).render(diagnostic) == """
                s.yaml:2:10: 错误: horizon 超出范围，应为 2020 至 2120 之间（实际为 1990）
                 2 | horizon: 1990
                   |          ^
                """)
    }

    // In "label: 鞍山市 55" the value 55 starts at character 12 (7 + 3 + 1 before it), but
    // the three ideographs take two terminal columns each, so the caret needs 7 + 6 + 1 = 14
    // spaces.
    @Test func wideCharactersTakeTwoColumnsBeforeTheCaret() {
        var sources = SourceTexts()
        sources.add(file: "s.yaml", text: "label: 鞍山市 55")
        let diagnostic = Diagnostic.error(
            .invalidValue(field: "label", reason: "x"),
            at: SourceLocation(file: "s.yaml", line: 1, column: 12))
        let caretLine = DiagnosticRenderer(sources: sources).render(diagnostic)
            .split(separator: "\n").last!
        #expect(caretLine == "   | " + String(repeating: " ", count: 14) + "^")
    }

    @Test func locationsWithoutLineOrColumnPrintOnlyWhatIsKnown() {
        #expect(SourceLocation(file: "a.csv").description == "a.csv")
        #expect(SourceLocation(file: "a.csv", line: 3).description == "a.csv:3")
        #expect(SourceLocation(file: "a.csv", line: 3, column: 7).description == "a.csv:3:7")
    }

    @Test func theLogSortsByFileLineAndColumnAndKnowsErrorsFromWarnings() throws {
        var log = DiagnosticLog()
        log.warning(.emptyTable, at: SourceLocation(file: "b.csv", line: 1))
        #expect(!log.hasErrors)
        log.error(.emptyTable, at: SourceLocation(file: "a.csv", line: 9, column: 2))
        log.error(.emptyTable, at: SourceLocation(file: "a.csv", line: 9, column: 1))
        #expect(log.hasErrors)
        #expect(log.sorted.map(\.location.description) == ["a.csv:9:1", "a.csv:9:2", "b.csv:1"])
        #expect(throws: DiagnosticError.self) { try log.throwIfErrors() }
    }
}
