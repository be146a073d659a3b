import Foundation
import Provenance
import Testing

@Suite struct JSONValueTests {
    @Test func objectsKeepTheirKeyOrderAndStringsAreEscaped() {
        let value = JSONValue.object([
            ("z", .integer(1)), ("a", .string("鞍山 \"quoted\"\n\\")),
            ("list", .array([.null, .bool(true)])),
            ("empty", .object([])),
        ])
        #expect(
            value.text() == """
                {
                  "z": 1,
                  "a": "鞍山 \\"quoted\\"\\n\\\\",
                  "list": [
                    null,
                    true
                  ],
                  "empty": {}
                }

                """)
    }

    // Second method: Foundation's JSON parser reads back what was written.
    @Test func foundationParsesTheOutput() throws {
        let value = JSONValue.object([
            ("tab", .string("a\tb\u{01}")), ("n", .decimal(2.0 / 3.0, places: 3)),
            ("k", .decimal(4, places: 3)),
        ])
        let parsed =
            try JSONSerialization.jsonObject(with: Data(value.text().utf8)) as? [String: Any]
        #expect(parsed?["tab"] as? String == "a\tb\u{01}")
        #expect(parsed?["n"] as? Double == 0.667)
        #expect(parsed?["k"] as? Int == 4)
    }
}
