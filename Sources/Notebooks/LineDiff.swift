/// A unified diff of two short texts (notebook outputs), computed from the
/// longest common subsequence of their lines.
///
/// ```swift
/// LineDiff.unified(expected: ["a", "b"], actual: ["a", "c"], firstLine: 10)
/// // --- expected
/// // +++ actual
/// // @@ -10,2 +10,2 @@
/// //  a
/// // -b
/// // +c
/// ```
public enum LineDiff {
    enum Edit: Equatable { case same(String), removed(String), added(String) }

    /// The edit script from `a` to `b`.
    /// - Complexity: O(a.count × b.count); outputs are small.
    static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                edits.append(.same(a[i])); i += 1; j += 1
            } else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] {
                edits.append(.added(b[j])); j += 1
            } else {
                edits.append(.removed(a[i])); i += 1
            }
        }
        // Removals before additions within a change, as `diff -u` shows them.
        var ordered: [Edit] = []
        var k = 0
        while k < edits.count {
            if case .same = edits[k] { ordered.append(edits[k]); k += 1; continue }
            var removed: [Edit] = [], added: [Edit] = []
            while k < edits.count, edits[k] != .same(edits[k].text) {
                if case .removed = edits[k] { removed.append(edits[k]) } else { added.append(edits[k]) }
                k += 1
            }
            ordered += removed + added
        }
        return ordered
    }

    /// `diff -u` style text; `firstLine` numbers the lines (where the block starts in its file).
    public static func unified(expected: [String], actual: [String], firstLine: Int = 1, context: Int = 3) -> String {
        let script = edits(expected, actual)
        guard script.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }
        var out = ["--- expected", "+++ actual"]
        // Group changes whose context overlaps into hunks.
        let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(script.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...range.upperBound
            } else {
                hunks.append(range)
            }
        }
        for hunk in hunks {
            var oldStart = firstLine, newStart = firstLine
            for e in script[..<hunk.lowerBound] {
                switch e {
                case .same: oldStart += 1; newStart += 1
                case .removed: oldStart += 1
                case .added: newStart += 1
                }
            }
            let body = script[hunk]
            let oldCount = body.filter { if case .added = $0 { return false } else { return true } }.count
            let newCount = body.filter { if case .removed = $0 { return false } else { return true } }.count
            out.append("@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@")
            for e in body {
                switch e {
                case .same(let s): out.append(" " + s)
                case .removed(let s): out.append("-" + s)
                case .added(let s): out.append("+" + s)
                }
            }
        }
        return out.joined(separator: "\n")
    }
}

extension LineDiff.Edit {
    var text: String {
        switch self {
        case .same(let s), .removed(let s), .added(let s): return s
        }
    }
}
