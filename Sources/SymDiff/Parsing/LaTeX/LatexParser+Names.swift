/// Names as LaTeX writes them: letter runs, Greek letters, accents and fonts,
/// with subscripts and index superscripts as part of the name.
///
/// A name becomes one ASCII symbol that the text format reads back:
/// `\hat{y}` → `y_hat`, `\mathcal{L}` → `L_cal`, `w_{11}^{(1)}` → `w_11__1`,
/// `x^{(i)}` → `x__i`, `\delta_1^{(3)}` → `delta_1__3`. The LaTeX as written is
/// kept beside it (`LatexExpression.notation`) so reports can show it.
extension LatexParser {
    struct ScannedName {
        /// The symbol's name, scripts included.
        var name: String
        /// The base before scripts: a run of plain letters, or nil for a
        /// Greek letter or a decorated name.
        var run: String?
        /// The scripts' part of the name (`_1__2`).
        var scripts: String
        /// What the font or accent commands styled, such as `ReLU` in `\text{ReLU}`.
        var styled: String?
        var display: String
        /// The token after the name.
        var next: Int
    }

    /// The range of one argument at `i`: inside a `{…}` group, or the one token.
    func argumentRange(at start: Int) throws(LatexError) -> (content: Range<Int>, next: Int) {
        var i = start
        while case .command(let name) = tokens[i].kind, LatexNames.spacing.contains(name) { i += 1 }
        switch tokens[i].kind {
        case .open:
            let close = try matchingBrace(i)
            return ((i + 1)..<close, close + 1)
        case .end, .close:
            throw error("expected an argument ({...} or one token) but found \(LatexParser.describe(tokens[i]))", at: i)
        default:
            return (i..<(i + 1), i + 1)
        }
    }

    func matchingBrace(_ open: Int) throws(LatexError) -> Int {
        guard let close = closingBrace[open] else { throw error("this '{' is never closed", at: open) }
        return close
    }

    /// The letters, digits and Greek names of a script or styled group,
    /// as a piece of an ASCII name (`(t+1)` → `tp1`).
    func flatten(_ range: Range<Int>) throws(LatexError) -> String {
        var text = ""
        for j in range {
            switch tokens[j].kind {
            case .letter(let c): text.append(c)
            case .number(let digits): text += digits.replacingOccurrences(of: ".", with: "p")
            case .symbol("+"): text += "p"
            case .symbol("-"): text += "m"
            case .symbol("*"): text += "star"
            case .symbol(","), .symbol(" "): text += "_"
            case .symbol("("), .symbol(")"), .symbol("["), .symbol("]"), .open, .close: break
            case .command(let name):
                if LatexNames.greek.contains(name) || name == "ast" || name == "star" || name == "prime" {
                    text += name == "ast" ? "star" : name
                } else if LatexNames.accents[name] != nil || LatexNames.fonts[name] != nil || LatexNames.spacing.contains(name) {
                    continue
                } else {
                    throw error("\(tokens[j].text) cannot be part of a name", at: j)
                }
            case .symbol(let c):
                throw error("'\(c)' cannot be part of a name", at: j)
            case .end:
                throw error("a name is cut off by the end of the formula", at: j)
            }
        }
        while text.hasSuffix("_") { text.removeLast() }
        guard !text.isEmpty else { throw error("an empty name", at: range.lowerBound) }
        return text
    }

    /// Whether the superscript at `i` (just after `^`) is an index such as
    /// `(1)`, `[l]`, `\text{new}`, `*` rather than an exponent.
    func isIndexSuperscript(_ i: Int) -> Bool {
        switch tokens[i].kind {
        case .symbol("*"), .command("ast"), .command("star"): return true
        case .open:
            guard let close = try? matchingBrace(i), close > i + 1 else { return false }
            let first = tokens[i + 1].kind, last = tokens[close - 1].kind
            if (first == .symbol("(") && last == .symbol(")")) || (first == .symbol("[") && last == .symbol("]")) { return true }
            if case .command(let name) = first, ["text", "mathrm", "textrm", "operatorname"].contains(name) { return true }
            if close - i - 1 == 1, [.symbol("*"), .command("ast"), .command("star")].contains(first) { return true }
            // `w^{new}`, `\theta^{old}`: a word, not a product of letters.
            return close - i - 1 >= 2 && (i + 1..<close).allSatisfy { if case .letter = tokens[$0].kind { return true } else { return false } }
        default: return false
        }
    }

    /// Reads the name at `i`: its base, then any subscripts and index superscripts.
    func scanName(at start: Int, singleLetter: Bool = false) throws(LatexError) -> ScannedName {
        var i = start
        var base = ""
        var run: String?
        var styled: String?
        switch tokens[i].kind {
        case .letter(let c):
            base = String(c)
            i += 1
            if !singleLetter {
                while case .letter(let next) = tokens[i].kind, !tokens[i].spaced {
                    base.append(next)
                    i += 1
                }
            }
            run = base
        case .command(let name) where LatexNames.greek.contains(name):
            base = name
            i += 1
        case .command(let name):
            let suffix = LatexNames.accents[name] ?? LatexNames.fonts[name]
            guard let suffix else { throw error("unknown LaTeX command \(tokens[i].text)", at: i) }
            let argument = try argumentRange(at: i + 1)
            let inner = try flatten(argument.content)
            // `\hat{5y}` would make a name that prints as the product 5*y_hat.
            guard inner.first?.isLetter == true else {
                throw error("a name starts with a letter: \(tokens[i].text){\(inner)} does not", at: i)
            }
            styled = inner
            base = suffix.isEmpty ? inner : inner + "_" + suffix
            i = argument.next
        default:
            throw error("expected a name but found \(LatexParser.describe(tokens[i]))", at: i)
        }
        var scripts = ""
        while case .symbol(let c) = tokens[i].kind, c == "_" || c == "^" {
            if c == "^", !isIndexSuperscript(i + 1) { break }
            let argument = try argumentRange(at: i + 1)
            scripts += (c == "_" ? "_" : "__") + (try flatten(argument.content))
            i = argument.next
        }
        var display = ""
        for j in start..<i {
            if case .letter = tokens[j].kind, case .command(let name)? = j > start ? tokens[j - 1].kind : nil,
               name.first?.isLetter == true {
                display += " "
            }
            display += tokens[j].text
        }
        return ScannedName(name: base + scripts, run: run, scripts: scripts, styled: styled, display: display, next: i)
    }

    /// A run of letters as names: whole when it is a known name, split when
    /// it splits entirely into known names (or into letters when every letter
    /// is a name), else whole, with the reading noted.
    mutating func pieces(of run: String) -> [String] {
        guard run.count > 1 else { return [run] }
        guard let known = context.knownNames else { return run.map(String.init) }
        if known.contains(run) { return [run] }
        // Fewest pieces, by dynamic programming over prefixes (no recursion).
        let letters = Array(run)
        var best: [[String]?] = Array(repeating: nil, count: letters.count + 1)
        best[0] = []
        for end in 1...letters.count {
            for begin in 0..<end {
                guard let prefix = best[begin] else { continue }
                let piece = String(letters[begin..<end])
                guard known.contains(piece) else { continue }
                if best[end] == nil || best[end]!.count > prefix.count + 1 { best[end] = prefix + [piece] }
            }
        }
        if let split = best[letters.count] {
            readings.append("read '\(run)' as \(split.joined(separator: "·"))")
            return split
        }
        readings.append("read '\(run)' as one name")
        return [run]
    }

    /// Delivers a symbol, remembering how it was written.
    mutating func deliverSymbol(_ name: String, display: String) throws(LatexError) {
        if display != name, notation[name] == nil { notation[name] = display }
        try deliver(.symbol(name))
    }
}
