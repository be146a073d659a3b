import Diagnostics
import Testing

@testable import ScenarioFiles

@Suite struct YAMLLineEndTests {
    // The same scenario with CR, CRLF and LF line ends: "datum" is on line 4 at column 10
    // (two spaces and "datum: " before it), as the renderer's line 4 shows.
    @Test func crAndMixedLineEndsNumberLinesLikeTheRenderer() throws {
        let text = "id: a\rregions:\r  file: r.csv\r\n  datum: GCJ-02\nseed: 1\r"
        let parsed = YAMLParser.parse(text, file: "s.yaml")
        #expect(parsed.diagnostics.isEmpty)
        let root = try #require(parsed.root)
        #expect(root["regions"]?["file"]?.scalar?.text == "r.csv")
        #expect(root["seed"]?.scalar?.text == "1")
        let datum = try #require(root["regions"]?["datum"])
        #expect(datum.location == SourceLocation(file: "s.yaml", line: 4, column: 10))
        var sources = SourceTexts()
        sources.add(file: "s.yaml", text: text)
        #expect(sources.line(4, of: "s.yaml") == "  datum: GCJ-02")
    }

    // A duplicate key on line 3 of a CR-only file is reported on line 3 (first on line 1).
    @Test func duplicateKeysInACROnlyFileAreOnTheirLines() {
        let parsed = YAMLParser.parse("seed: 1\rid: a\rseed: 2\r", file: "s.yaml")
        #expect(
            parsed.diagnostics == [
                .error(
                    .duplicateKey(key: "seed", firstLine: 1),
                    at: SourceLocation(file: "s.yaml", line: 3, column: 1))
            ])
    }
}
