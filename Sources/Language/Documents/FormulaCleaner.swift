/// Blanks what a formula row carries besides its maths: `\tag`, `\label`,
/// `\nonumber`, a `\text{Layer 1: }` prefix, trailing annotations such as
/// `\quad (\text{linear transformation})` or `\quad \text{for } i = 1, 2`,
/// equation numbers such as `(12)`, `\boxed{…}` around a whole relation, and
/// trailing punctuation. Blanking (not deleting) keeps every offset.
///
/// ```swift
/// // "z = wx + b \quad (1)."  →  "z = wx + b"
/// ```
enum FormulaCleaner {
    static let textCommands: Set<String> = ["text", "textbf", "textit", "textrm", "mathrm", "mbox", "textsf", "emph"]
    static let spacingCommands: Set<String> = ["quad", "qquad", ",", ";", ":", " ", "enspace", "hspace"]

    static func clean(_ row: inout FormulaRow) {
        blankAlignment(&row)
        blankLabels(&row)
        unbox(&row)
        blankPrefix(&row)
        blankTrailing(&row)
    }

    /// `&` is alignment, layout and not maths, except inside an inner
    /// environment (`\begin{cases} 1 & z > 0 …`), where the LaTeX reader needs it.
    static func blankAlignment(_ row: inout FormulaRow) {
        var environments = 0
        var i = 0
        while i < row.scalars.count {
            if let (name, after) = command(row.scalars, i) {
                if name == "begin" { environments += 1 } else if name == "end" { environments = max(0, environments - 1) }
                i = after
                continue
            }
            if row.scalars[i] == "&", environments == 0 { row.scalars[i] = " " }
            i += 1
        }
    }

    static func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" || c == "~" }

    /// The command name starting at `i` (a backslash), and the index after it.
    static func command(_ s: [Unicode.Scalar], _ i: Int) -> (String, Int)? {
        guard i < s.count, s[i] == "\\", i + 1 < s.count else { return nil }
        var j = i + 1
        if LatexLetters.isLetter(s[j]) {
            while j < s.count, LatexLetters.isLetter(s[j]) { j += 1 }
        } else {
            j += 1
        }
        return (String(String.UnicodeScalarView(s[(i + 1)..<j])), j)
    }

    static func blankLabels(_ row: inout FormulaRow) {
        var i = 0
        while i < row.scalars.count {
            guard let (name, after) = command(row.scalars, i) else { i += 1; continue }
            switch name {
            case "tag", "label", "eqref", "hspace", "vspace":
                var open = after
                if open < row.scalars.count, row.scalars[open] == "*" { open += 1 }
                let close = Braces.matching(row.scalars, open) ?? (after - 1)
                row.blank(i..<(close + 1))
                i = close + 1
            case "nonumber", "notag", "displaystyle":
                row.blank(i..<after)
                i = after
            default:
                i = after
            }
        }
    }

    /// `\boxed{a = b}`: the box is decoration around the relation.
    static func unbox(_ row: inout FormulaRow) {
        var i = 0
        while i < row.scalars.count {
            guard let (name, after) = command(row.scalars, i) else { i += 1; continue }
            if name == "boxed" || name == "fbox", let close = Braces.matching(row.scalars, after),
               row.scalars[after..<close].contains("=") || String(String.UnicodeScalarView(row.scalars[after..<close])).contains("\\approx") {
                row.blank(i..<(after + 1))
                row.blank(close..<(close + 1))
            }
            i = after
        }
    }

    /// `\text{Layer 1: }` or `\textbf{Step 2:}` before the formula.
    static func blankPrefix(_ row: inout FormulaRow) {
        while let first = row.firstVisible, let (name, after) = command(row.scalars, first), textCommands.contains(name),
              let close = Braces.matching(row.scalars, after) {
            let inner = String(String.UnicodeScalarView(row.scalars[(after + 1)..<close])).trimmingBlanks()
            guard inner.hasSuffix(":") || inner.hasSuffix(":}") else { return }
            row.blank(first..<(close + 1))
        }
    }

    static func lastVisible(_ row: FormulaRow) -> Int? { row.scalars.lastIndex { !isBlank($0) } }

    /// Trailing punctuation, annotations and equation numbers, repeatedly.
    static func blankTrailing(_ row: inout FormulaRow) {
        blankAnnotation(&row)
        var changed = true
        while changed, let last = lastVisible(row) {
            changed = false
            let c = row.scalars[last]
            let escaped = last > 0 && row.scalars[last - 1] == "\\"
            if !escaped, c == "." || c == "," || c == ";" || c == ":" {
                row.blank(last..<(last + 1))
                changed = true
                continue
            }
            if c == ")", let open = matchingParen(row.scalars, last), isEquationNumber(row.scalars, open, last),
               precededBySpacing(row.scalars, open) {
                row.blank(open..<(last + 1))
                changed = true
                continue
            }
            // Spacing left at the end once an annotation is gone.
            if let start = trailingSpacingCommand(row.scalars, last) {
                row.blank(start..<(last + 1))
                changed = true
            }
        }
    }

    /// `\quad \text{…}`, `\qquad (\text{…})` and everything after them: prose.
    static func blankAnnotation(_ row: inout FormulaRow) {
        var i = 0
        var depth = 0
        while i < row.scalars.count {
            let c = row.scalars[i]
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            guard c == "\\", depth == 0, let (name, after) = command(row.scalars, i) else { i += 1; continue }
            if name == "quad" || name == "qquad" {
                var j = after
                while j < row.scalars.count, isBlank(row.scalars[j]) || row.scalars[j] == "(" { j += 1 }
                if let (next, _) = command(row.scalars, j), textCommands.contains(next) {
                    row.blank(i..<row.scalars.count)
                    return
                }
                // `\quad (\alpha = 0.1)` at the end: a remark in parentheses.
                var k = after
                while k < row.scalars.count, isBlank(row.scalars[k]) { k += 1 }
                if k < row.scalars.count, row.scalars[k] == "(", let last = lastVisible(row), row.scalars[last] == ")" || (row.scalars[last] == "." && last > 0 && row.scalars[last - 1] == ")"),
                   matchingParen(row.scalars, row.scalars[last] == ")" ? last : last - 1) == k {
                    row.blank(i..<row.scalars.count)
                    return
                }
            }
            i = after
        }
    }

    static func matchingParen(_ s: [Unicode.Scalar], _ close: Int) -> Int? {
        var depth = 0
        var i = close
        while i >= 0 {
            if s[i] == ")" { depth += 1 } else if s[i] == "(" {
                depth -= 1
                if depth == 0 { return i }
            }
            i -= 1
        }
        return nil
    }

    /// `(12)`, `(2.3)`, `(A.1)`, `(\text{3})`: short, with a digit, no operators.
    static func isEquationNumber(_ s: [Unicode.Scalar], _ open: Int, _ close: Int) -> Bool {
        let inner = String(String.UnicodeScalarView(s[(open + 1)..<close]))
            .replacingOccurrences(of: "\\text{", with: "").replacingOccurrences(of: "}", with: "")
        guard !inner.isEmpty, inner.count <= 8, inner.contains(where: \.isNumber) else { return false }
        return inner.allSatisfy { $0.isNumber || $0 == "." || $0.isLetter || $0 == "-" }
            && !inner.hasPrefix("-") && !(inner.contains(".") && !inner.contains(where: \.isLetter) && inner.first == "0")
    }

    /// Whether the text before `i` ends with `\quad`, `\qquad` or two blanks,
    /// which sets a trailing `(12)` apart from a factor.
    static func precededBySpacing(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        var j = i - 1
        var blanks = 0
        while j >= 0, isBlank(s[j]) { blanks += 1; j -= 1 }
        if blanks >= 2 { return true }
        if j >= 0, trailingSpacingCommand(s, j) != nil { return true }
        return false
    }

    /// The start of a spacing command (`\quad`, `\,`) ending at `last`.
    static func trailingSpacingCommand(_ s: [Unicode.Scalar], _ last: Int) -> Int? {
        var j = last
        while j >= 0, LatexLetters.isLetter(s[j]) { j -= 1 }
        if j == last {
            // A control symbol: `\,`, `\;`, `\:`, `\!`.
            guard last >= 1, s[last - 1] == "\\", ",;:! ".unicodeScalars.contains(s[last]) else { return nil }
            return last - 1
        }
        guard j >= 0, s[j] == "\\" else { return nil }
        let name = String(String.UnicodeScalarView(s[(j + 1)...last]))
        return spacingCommands.contains(name) ? j : nil
    }
}

enum LatexLetters {
    static func isLetter(_ s: Unicode.Scalar) -> Bool { (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122) }
}
