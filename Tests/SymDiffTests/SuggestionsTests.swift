import Testing
import SymDiff

/// "Did you mean": one edit distance, one rule for how close a guess must be.
@Suite("Suggestions")
struct SuggestionsTests {
    // Optimal string alignment distances, counted by hand: a swap of two
    // neighbours is one edit (tanh/tahn, wrt/wtr), but a swapped pair is not
    // edited again (ca/abc is 3, not Damerau's unrestricted 2).
    @Test("edit distance with adjacent transpositions", arguments: [
        ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("sigmod", "sigmoid", 1),
        ("kitten", "sitting", 3), ("tanh", "tahn", 1), ("wrt", "wtr", 1), ("ca", "abc", 3),
        ("W1", "W1", 0), ("σ", "s", 1),
    ])
    func distance(_ row: (String, String, Int)) {
        #expect(Suggestions.editDistance(row.0, row.1) == row.2)
        #expect(Suggestions.editDistance(row.1, row.0) == row.2)
    }

    @Test("a close name is suggested; a far one, a one-letter one or an exact one is not", arguments: [
        ("sigmod", ["sigmoid", "tanh"], "sigmoid"),
        ("sigmd", ["sigmoid", "tanh"], "sigmoid"),     // five letters allow two edits
        ("a2", ["a1", "b1"], "a1"),                    // a tie goes to the first name alphabetically
        ("bad", ["Max"], nil),                         // three letters allow one edit, Max is three away
        ("x", ["y"], nil),
        ("relu", ["relu", "reLu"], nil),
        ("exq", [], nil),
        ("X", ["x", "W1"], "x"),                       // a case slip is close even for one letter
        ("wtr", ["wrt", "order"], "wrt"),              // a swap is one edit
    ] as [(String, [String], String?)])
    func closest(_ row: (String, [String], String?)) {
        #expect(Suggestions.closest(to: row.0, among: row.1) == row.2)
    }
}
