import Testing

@testable import ScenarioFiles

@Suite struct YAMLWriterTests {
    func json(_ node: YAMLNode) -> String { ScenarioLoader.json(node).text() }

    // Second method: parsing the written text gives back the same values and kinds.
    @Test func writtenYAMLReadsBackToTheSameValues() throws {
        let text = """
            id: anshan
            label: "鞍山市: 规划 # 一"
            code: "2103"
            flag: 'yes'
            empty: ''
            nothing: ~
            tfr: {2020: 1.0, 2030: 1.1}
            regions:
              file: regions.csv
              datum: GCJ-02
            actions:
              - build: street_centre
                per_year: 6
              - convert: {beds: 1500}
            note: |
              two
              lines
            tags: [a, "b, c", -1]
            """
        let original = try #require(YAMLParser.parse(text, file: "a.yaml").root)
        let written = YAMLWriter.write(original)
        let reread = try #require(YAMLParser.parse(written, file: "b.yaml").root, "\(written)")
        #expect(json(reread) == json(original))
        #expect(written.contains("tfr: {2020: 1.0, 2030: 1.1}\n"))
        #expect(written.contains("code: \"2103\"\n"))
        #expect(written.contains("flag: \"yes\"\n"))
    }

    @Test func writingIsDeterministic() throws {
        let node = try #require(YAMLParser.parse("b: 1\na: [x, y]\n", file: "a.yaml").root)
        #expect(YAMLWriter.write(node) == "b: 1\na: [x, y]\n")
        #expect(YAMLWriter.write(node) == YAMLWriter.write(node))
    }
}
