/// One row of a formula: a region's maths up to a `\\`, as the document's
/// scalars with everything that is not maths replaced by blanks. It keeps
/// the length of the document range it came from, so an offset into the
/// row is an offset into the document.
public struct FormulaRow: Sendable {
    /// The row's scalars; `scalars[i]` is the document's scalar at `start + i`, or a blank.
    public var scalars: [Unicode.Scalar]
    /// The document offset of the first scalar.
    public let start: Int
    public let display: Bool

    /// The maths as written, blanks collapsed: what reports show.
    public var text: String {
        var out = ""
        var blank = false
        for c in scalars {
            if c == " " || c == "\n" || c == "\t" || c == "\r" { blank = !out.isEmpty; continue }
            if blank { out.unicodeScalars.append(" "); blank = false }
            out.unicodeScalars.append(c)
        }
        // A piece of a list keeps the spacing that separated it.
        for space in ["\\quad ", "\\qquad ", "\\, ", "\\; "] where out.hasPrefix(space) { out.removeFirst(space.count) }
        return out
    }

    var isBlank: Bool { scalars.allSatisfy { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" } }

    /// The first scalar that is not blank, as a row offset.
    var firstVisible: Int? { scalars.firstIndex { !($0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r") } }

    /// The row with only `range` kept (the rest blanked).
    func keeping(_ range: Range<Int>) -> FormulaRow {
        var copy = self
        for i in copy.scalars.indices where !range.contains(i) { copy.scalars[i] = " " }
        return copy
    }

    mutating func blank(_ range: Range<Int>) {
        for i in range where i >= 0 && i < scalars.count { scalars[i] = " " }
    }

    var string: String { String(String.UnicodeScalarView(scalars)) }
}

/// Cuts a math region into rows at `\\` (outside braces and inner
/// environments such as `cases`), dropping the `\begin`/`\end` of the display
/// environments (`align*`, `aligned`, ...) so only the rows remain.
///
/// ```swift
/// // "\begin{align*} z &= wx + b \\ a &= \sigma(z) \end{align*}" → two rows
/// ```
enum RowSplitter {
    static func rows(of region: MathRegion, in doc: DocumentText) -> [FormulaRow] {
        let s = doc.scalars
        var row = FormulaRow(scalars: Array(s[region.content]), start: region.content.lowerBound, display: region.display)
        var rows: [FormulaRow] = []
        var depth = 0
        var environments = 0
        var cut = 0
        var i = 0
        let n = row.scalars.count
        func hasPrefix(_ p: String, _ at: Int) -> Bool { doc.hasPrefix(p, at: row.start + at) && at + p.unicodeScalars.count <= n }
        while i < n {
            let c = row.scalars[i]
            if c == "\\" {
                if hasPrefix("\\begin{", i) || hasPrefix("\\end{", i) {
                    let isBegin = hasPrefix("\\begin{", i)
                    let open = i + (isBegin ? 6 : 4)
                    let close = Braces.matching(row.scalars, open) ?? (n - 1)
                    let raw = String(String.UnicodeScalarView(row.scalars[(open + 1)..<close]))
                    let name = raw.hasSuffix("*") ? String(raw.dropLast()) : raw
                    if MathScanner.environments.contains(name), environments == 0 {
                        var stop = close + 1
                        // alignat{2}: the column count is layout.
                        if isBegin, name.hasPrefix("alignat"), stop < n, row.scalars[stop] == "{" {
                            stop = (Braces.matching(row.scalars, stop) ?? stop) + 1
                        }
                        row.blank(i..<stop)
                        i = stop
                        continue
                    }
                    environments += isBegin ? 1 : -1
                    i = close + 1
                    continue
                }
                if i + 1 < n, row.scalars[i + 1] == "\\", depth == 0, environments == 0 {
                    rows.append(row.keeping(cut..<i))
                    // `\\[2pt]` spaces the rows.
                    var next = i + 2
                    if next < n, row.scalars[next] == "[", let end = row.scalars[next...].firstIndex(of: "]") { next = end + 1 }
                    cut = next
                    i = next
                    continue
                }
                if hasPrefix("\\intertext{", i) || hasPrefix("\\shortintertext{", i), depth == 0, environments == 0 {
                    let open = row.scalars[i...].firstIndex(of: "{")!
                    let close = Braces.matching(row.scalars, open) ?? (n - 1)
                    rows.append(row.keeping(cut..<i))
                    cut = close + 1
                    i = close + 1
                    continue
                }
                i += 2
                continue
            }
            if c == "{" { depth += 1 } else if c == "}" { depth = max(0, depth - 1) }
            i += 1
        }
        rows.append(row.keeping(cut..<n))
        return rows.filter { !$0.isBlank }
    }
}

/// Brace matching over scalars, skipping `\{` and `\}`.
enum Braces {
    /// The index of the `}` closing the `{` at `open`, or nil.
    static func matching(_ s: [Unicode.Scalar], _ open: Int) -> Int? {
        guard open < s.count, s[open] == "{" else { return nil }
        var depth = 0
        var i = open
        while i < s.count {
            switch s[i] {
            case "\\": i += 1
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }
}
