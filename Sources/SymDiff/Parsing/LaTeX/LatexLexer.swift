/// Splits LaTeX math into commands, groups and characters that remember
/// where they start: the first half of reading a formula as people write it.
///
/// Letters are single tokens (LaTeX sets `wx` as two letters; the parser
/// decides whether a run of them is one name), digits and a decimal point
/// form one number, `%` starts a comment, `&` is layout and is dropped
/// (inside `cases` it is a token: it separates a value from its condition), and
/// the Unicode people paste (`σ`, `·`, `×`, `−`, `²`, `ŷ`, `α`, `≈`, `←`)
/// reads as the LaTeX it stands for.
///
/// ```swift
/// let tokens = try LatexLexer("\\frac{1}{2}x^2").tokens()
/// tokens.map(\.text)   // ["\\frac", "{", "1", "}", "{", "2", "}", "x", "^", "2", ""]
/// ```
public struct LatexLexer: Sendable {
    public enum Kind: Equatable, Sendable {
        /// `\name` (without the backslash), or a control symbol such as
        /// `\,`, `\{`, `\\` (the name is the character after the backslash).
        case command(String)
        /// One letter, `a`–`z` or `A`–`Z`.
        case letter(Character)
        /// Digits with at most one decimal point: `12`, `0.450`, `.5`.
        case number(String)
        /// `+ - * / = ( ) [ ] | , ^ _ ' ! < > : ; .` and the like.
        case symbol(Character)
        /// `{`
        case open
        /// `}`
        case close
        case end
    }

    public struct Token: Equatable, Sendable {
        public let kind: Kind
        /// Index of the token's first scalar in the text.
        public let offset: Int
        /// The token as written (for a pasted Unicode character, its LaTeX).
        public let text: String
        /// Whether blank space separates the token from the one before it,
        /// which splits a run of letters into separate names (`w x`).
        public let spaced: Bool
    }

    public let text: String
    let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    /// The tokens of the text, ending with `.end`.
    ///
    /// - Throws: `LatexError` at a character LaTeX math does not use here
    ///   or a lone backslash at the end.
    public func tokens() throws(LatexError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var spaced = false
        var cases = 0
        func add(_ kind: Kind, _ start: Int, _ text: String) {
            tokens.append(Token(kind: kind, offset: start, text: text, spaced: spaced))
            spaced = false
        }
        while i < scalars.count {
            let s = scalars[i]
            let start = i
            if s == "&", cases > 0 {
                // Inside `cases`, `&` separates a value from its condition.
                add(.symbol("&"), start, "&")
                i += 1
                continue
            }
            if s == " " || s == "\t" || s == "\n" || s == "\r" || s == "~" || s == "&" {
                spaced = true
                i += 1
                continue
            }
            if s == "%" {
                while i < scalars.count, scalars[i] != "\n" { i += 1 }
                spaced = true
                continue
            }
            if s == "\\" {
                i += 1
                guard i < scalars.count else { throw LatexError(offset: start, "a lone '\\' at the end of the formula") }
                if LatexLexer.isLetter(scalars[i]) {
                    while i < scalars.count, LatexLexer.isLetter(scalars[i]) { i += 1 }
                } else {
                    i += 1
                }
                let name = String(String.UnicodeScalarView(scalars[(start + 1)..<i]))
                add(.command(name), start, "\\" + name)
                if name == "begin" || name == "end", let environment = environmentName(after: i),
                   LatexLexer.casesEnvironments.contains(environment) {
                    cases = Swift.max(0, cases + (name == "begin" ? 1 : -1))
                }
                continue
            }
            if LatexLexer.isDigit(s) || (s == "." && i + 1 < scalars.count && LatexLexer.isDigit(scalars[i + 1])) {
                var seenPoint = false
                while i < scalars.count {
                    if LatexLexer.isDigit(scalars[i]) {
                        i += 1
                    } else if scalars[i] == ".", !seenPoint, i + 1 < scalars.count, LatexLexer.isDigit(scalars[i + 1]) {
                        seenPoint = true
                        i += 1
                    } else {
                        break
                    }
                }
                let digits = String(String.UnicodeScalarView(scalars[start..<i]))
                add(.number(digits), start, digits)
                continue
            }
            if LatexLexer.isLetter(s) {
                add(.letter(Character(s)), start, String(s))
                i += 1
                continue
            }
            i += 1
            switch s {
            case "{": add(.open, start, "{")
            case "}": add(.close, start, "}")
            case "+", "-", "*", "/", "=", "(", ")", "[", "]", "|", ",", "^", "_", "'", "!", "<", ">", ":", ";", ".", "?":
                add(.symbol(Character(s)), start, String(s))
            default:
                guard let latex = LatexNames.unicode[s] else {
                    let shown = s.isASCII && s.value >= 32 ? "'\(s)'" : "'\(s)' (U+\(String(s.value, radix: 16, uppercase: true)))"
                    throw LatexError(offset: start, "unexpected character \(shown) in a formula")
                }
                // A pasted character stands for a few tokens, all at its position.
                let pasted = try LatexLexer(latex).tokens()
                for token in pasted.dropLast() {
                    add(token.kind, start, token.text)
                }
            }
        }
        tokens.append(Token(kind: .end, offset: scalars.count, text: "", spaced: spaced))
        return tokens
    }

    /// Environments whose rows are `value & condition`.
    static let casesEnvironments: Set<String> = ["cases", "cases*", "dcases", "dcases*", "rcases"]

    /// The name in `{name}` right after offset `i` (blanks allowed before it).
    func environmentName(after start: Int) -> String? {
        var i = start
        while i < scalars.count, scalars[i] == " " { i += 1 }
        guard i < scalars.count, scalars[i] == "{" else { return nil }
        var name = String.UnicodeScalarView()
        i += 1
        while i < scalars.count, scalars[i] != "}" {
            guard LatexLexer.isLetter(scalars[i]) || scalars[i] == "*", name.count < 20 else { return nil }
            name.append(scalars[i])
            i += 1
        }
        return i < scalars.count ? String(name) : nil
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
    static func isLetter(_ s: Unicode.Scalar) -> Bool { (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122) }
}
