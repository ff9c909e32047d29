/// "Did you mean" hints for misspelt names: one edit distance and one rule
/// for how close a guess must be, shared by every front end.
///
/// ```swift
/// Suggestions.editDistance("sigmod", "sigmoid")                        // 1
/// Suggestions.closest(to: "sigmod", among: ["sigmoid", "tanh"])        // "sigmoid"
/// Suggestions.closest(to: "bad", among: ["Max"])                       // nil
/// Suggestions.closest(to: "X", among: ["x", "W1"])                     // "x"
/// ```
public enum Suggestions {
    /// Edit distance with adjacent transpositions (optimal string alignment):
    /// insertions, deletions, substitutions and swaps of two neighbouring
    /// Unicode scalars count one each, so `--wtr` is one edit from `--wrt`.
    ///
    /// - Complexity: O(|a|·|b|) time, O(|b|) memory.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// How many edits a guess for `name` may be away: none for one letter
    /// (any one-letter name is one edit from any other), one up to four
    /// letters (`bad` is not a typo of `Max`), two from five letters on.
    public static func allowedDistance(for name: String) -> Int {
        let length = name.unicodeScalars.count
        return length < 2 ? 0 : length < 5 ? 1 : 2
    }

    /// The candidate nearest to `name` within `allowedDistance(for:)`, the
    /// alphabetically first on a tie; `nil` when none is close or `name` is
    /// itself a candidate. A candidate that differs only in case is always
    /// close (`X` for `x`), and closer than any other.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let allowed = allowedDistance(for: name)
        var best: (distance: Int, name: String)? = nil
        for candidate in candidates {
            if candidate == name { return nil }
            let d = candidate.lowercased() == name.lowercased() ? -1 : editDistance(candidate, name)
            guard d <= allowed else { continue }
            if best.map({ (d, candidate) < ($0.distance, $0.name) }) ?? true { best = (d, candidate) }
        }
        return best?.name
    }
}
