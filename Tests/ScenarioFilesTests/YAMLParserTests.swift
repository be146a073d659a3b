import Diagnostics
import Testing

@testable import ScenarioFiles

@Suite struct YAMLParserTests {
    func parse(_ text: String) -> YAMLParser.Result { YAMLParser.parse(text, file: "s.yaml") }

    func root(_ text: String) throws -> YAMLNode {
        let result = parse(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return try #require(result.root)
    }

    /// A node as plain Swift values, for comparisons: scalars as strings, mappings as
    /// arrays of key–value pairs, sequences as arrays.
    func plain(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar): scalar.isNull ? "~" : "'\(scalar.text)'"
        case .mapping(let entries):
            "{" + entries.map { "\($0.key): \(plain($0.value))" }.joined(separator: ", ") + "}"
        case .sequence(let items): "[" + items.map(plain).joined(separator: ", ") + "]"
        }
    }

    @Test func blockMappingsNestAndKeepPositions() throws {
        let node = try root(
            """
            # a comment
            id: anshan
            regions:
              file: regions.csv   # trailing comment
              datum: GCJ-02
            seed: 20210222
            """)
        #expect(
            plain(node)
                == "{id: 'anshan', regions: {file: 'regions.csv', datum: 'GCJ-02'}, seed: '20210222'}"
        )
        let datum = try #require(node["regions"]?["datum"])
        #expect(datum.location == SourceLocation(file: "s.yaml", line: 5, column: 10))
        let entries = try #require(node.entries)
        #expect(entries[1].keyLocation == SourceLocation(file: "s.yaml", line: 3, column: 1))
    }

    @Test func sequencesMayHoldScalarsMappingsAndSequences() throws {
        let node = try root(
            """
            actions:
            - convert_to_nursing: {beds_per_year: 1500, years: 2021-2025}
            - build: street_centre
              per_year: 6
            -
              - a
              - b
            list: [1, "two", 'three', {k: v}]
            """)
        #expect(
            plain(node)
                == "{actions: [{convert_to_nursing: {beds_per_year: '1500', years: '2021-2025'}}, {build: 'street_centre', per_year: '6'}, ['a', 'b']], list: ['1', 'two', 'three', {k: 'v'}]}"
        )
    }

    @Test func yearKeyedFlowMappingsSpanLines() throws {
        let node = try root(
            """
            tfr: {2020: 1.0,
                  2030: 1.1}   # two keys
            """)
        #expect(plain(node) == "{tfr: {2020: '1.0', 2030: '1.1'}}")
        let second = try #require(node["tfr"]?.entries?[1])
        #expect(second.keyLocation == SourceLocation(file: "s.yaml", line: 2, column: 7))
    }

    @Test func quotedScalarsUnescapeAndKeepTheirStyle() throws {
        let node = try root(
            #"""
            a: "鞍山\t\"市\"\u00e9"
            b: 'it''s # not a comment'
            c: "2103"
            """#)
        #expect(node["a"]?.scalar == YAMLScalar(text: "鞍山\t\"市\"é", style: .doubleQuoted))
        #expect(node["b"]?.scalar?.text == "it's # not a comment")
        #expect(node["c"]?.scalar?.style == .doubleQuoted)
    }

    // YAML 1.2 §8.1: literal keeps line breaks; folded joins lines with spaces; "-" strips
    // the final line break, "+" keeps trailing empty lines.
    @Test func blockScalarsFollowTheirChomping() throws {
        let node = try root(
            """
            literal: |
              line one
              line two
            folded: >
              one
              two

              three
            strip: |-
              x
            keep: |+
              y

            after: z
            """)
        #expect(node["literal"]?.scalar?.text == "line one\nline two\n")
        #expect(node["folded"]?.scalar?.text == "one two\nthree\n")
        #expect(node["strip"]?.scalar?.text == "x")
        #expect(node["keep"]?.scalar?.text == "y\n\n")
        #expect(node["after"]?.scalar?.text == "z")
    }

    @Test func plainScalarsContinueOnMoreIndentedLines() throws {
        let node = try root(
            """
            description: a long
              description that goes
              on
            next: x
            url: http://example.org/#part
            """)
        #expect(node["description"]?.scalar?.text == "a long description that goes on")
        #expect(node["url"]?.scalar?.text == "http://example.org/#part")
    }

    @Test func emptyAndNullValuesAreNull() throws {
        let node = try root("a:\nb: ~\nc: null\nd: ''\n")
        #expect(node["a"]?.isNull == true)
        #expect(node["b"]?.isNull == true)
        #expect(node["c"]?.isNull == true)
        #expect(node["d"]?.isNull == false)
    }

    @Test func everyDuplicateKeyIsReportedAtItsSecondPlace() throws {
        let result = parse(
            """
            seed: 1
            horizon: 2035
            seed: 2
            regions:
              file: a.csv
              file: b.csv
            m: {x: 1, x: 2}
            """)
        #expect(
            result.diagnostics == [
                .error(
                    .duplicateKey(key: "seed", firstLine: 1),
                    at: .init(file: "s.yaml", line: 3, column: 1)),
                .error(
                    .duplicateKey(key: "file", firstLine: 5),
                    at: .init(file: "s.yaml", line: 6, column: 3)),
                .error(
                    .duplicateKey(key: "x", firstLine: 7),
                    at: .init(file: "s.yaml", line: 7, column: 11)),
            ])
        // The first value is kept.
        #expect(result.root?["seed"]?.scalar?.text == "1")
        #expect(result.root?["regions"]?["file"]?.scalar?.text == "a.csv")
    }

    @Test(arguments: [
        ("a: {b: 1\nc: 2\n", 1, 4, "not closed before line 2"),
        ("a: {b: 1 c: 2}\n", 1, 11, "expected ',' or '}'"),
        ("a: {b: 1,\n", 1, 4, "never closed"),
        ("a:\n\tb: 1\n", 2, 1, "tab"),
        ("a: \"open\nb: 1\n", 1, 4, "never closed"),
        ("a: 1\n  b: 2\n", 2, 3, "'key: value' inside a value"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "indentation"),
        ("a: 1\n---\nb: 2\n", 2, 1, "one YAML document"),
        ("a: [1, 2\n", 1, 4, "never closed"),
        ("a: \"x\" y\n", 1, 8, "after the value"),
        ("just text\nmore: 1\n", 2, 1, "missing its ':'"),
        ("a: \"\\q\"\n", 1, 5, "unknown escape"),
    ])
    func syntaxErrorsStopWithTheirPlace(text: String, line: Int, column: Int, message: String) {
        let result = parse(text)
        #expect(result.root == nil)
        let diagnostic = result.diagnostics.last
        #expect(diagnostic?.location == SourceLocation(file: "s.yaml", line: line, column: column))
        #expect(
            diagnostic?.problem.message(in: .en).contains(message) == true,
            "\(String(describing: diagnostic))")
    }

    @Test(arguments: [
        ("a: &x 1\n", "anchor"), ("a: *x\n", "alias"), ("a: !!str 1\n", "tag"),
        ("? a\n: b\n", "complex"),
    ])
    func unsupportedFeaturesAreNamed(text: String, feature: String) {
        let result = parse(text)
        #expect(result.root == nil)
        #expect(result.diagnostics.last?.problem.message(in: .en).contains(feature) == true)
    }

    @Test func anEmptyDocumentHasNoRoot() {
        #expect(parse("# only a comment\n\n").root == nil)
        #expect(parse("").diagnostics.isEmpty)
    }

    @Test func singleValuesParseForOverrides() throws {
        let value = try #require(
            YAMLParser.parseValue("{2020: 1.0, 2030: 1.1}", file: "--set tfr").root)
        #expect(plain(value) == "{2020: '1.0', 2030: '1.1'}")
        #expect(YAMLParser.parseValue("2030", file: "--set").root?.scalar?.text == "2030")
        #expect(YAMLParser.parseValue("[1, 2", file: "--set").root == nil)
    }
}
