import Diagnostics
import Testing

@Suite struct SuggestionTests {
    // Levenshtein's classic example: kitten → sitting needs 3 edits (k→s, e→i, +g).
    @Test func kittenToSittingIsThreeEdits() {
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("", "abc") == 3)
        #expect(Suggestion.editDistance("horizon", "horizon") == 0)
    }

    // Chinese text is compared by characters: 街道 → 街道办 is one insertion.
    @Test func chineseWordsDifferByOneCharacter() {
        #expect(Suggestion.editDistance("街道", "街道办") == 1)
    }

    @Test(arguments: [
        ("horizn", "horizon"),  // one deletion
        ("base-year", "base_year"),  // hyphen and underscore are the same
        ("Report_Year", "report_year"),  // case is ignored
        ("sed", "seed"),  // one insertion
    ])
    func misspeltKeysSuggestTheKnownKey(written: String, expected: String) {
        let keys = ["id", "label", "base_year", "horizon", "report_year", "seed", "regions"]
        #expect(Suggestion.closest(to: written, among: keys) == expected)
    }

    // "population" is 8+ edits from every key: no suggestion rather than a wild guess.
    @Test func unrelatedWordsGetNoSuggestion() {
        #expect(Suggestion.closest(to: "population", among: ["id", "seed", "horizon"]) == nil)
    }
}
