/// Splits text into tokens that remember where they start: the one lexer of
/// symdiff, shared by the expression parser, derivation files and the session
/// language.
///
/// Numbers are lexed here and only here: integers stay digit strings (exact,
/// any size), decimals (`0.2`, `.5`, `1e-3`) become floats, and a decimal
/// that overflows or would silently round to 0 is an error. A front end says
/// which punctuation it takes with a `Vocabulary`; anything else is refused
/// with "unexpected character", at the character, as the expression parser
/// has always refused it.
///
/// ```swift
/// let tokens = try Lexer("d(L)/d(w) at x=5 ≈ 0.5").tokens(.statements)
/// tokens.map(\.text)   // ["d", "(", "L", ")", "/", "d", "(", "w", ")", "at", "x", "=", "5", "≈", "0.5", ""]
/// ```
public struct Lexer: Sendable {
    public enum Kind: Equatable, Sendable {
        /// Decimal digits, exact.
        case integer(String)
        case decimal(Double)
        /// A name: ASCII letters, digits and `_`, not starting with a digit.
        case identifier(String)
        /// A string literal in `"..."` or `'...'`, without its quotes.
        case string(String)
        /// Operators and punctuation: `+ - * / ** ^ ,` and, where the
        /// vocabulary takes them, `= == : . ≈ ~= ± % <- ← −`.
        case op(String)
        /// `(`, `[` or `{`.
        case open(Character)
        /// `)`, `]` or `}`.
        case close(Character)
        case end
    }

    public struct Token: Equatable, Sendable {
        public let kind: Kind
        /// Index of the token's first scalar in the text.
        public let offset: Int
        /// The token as written.
        public let text: String

        public init(kind: Kind, offset: Int, text: String) {
            self.kind = kind
            self.offset = offset
            self.text = text
        }
        /// The offset just past the token.
        public var end: Int { offset + text.unicodeScalars.count }
    }

    /// What a front end reads beyond names and numbers.
    ///
    /// ```swift
    /// try Lexer("x == y").tokens(.expression)   // throws: unexpected character '='
    /// ```
    public struct Vocabulary: Sendable {
        /// The operator and bracket spellings taken (`"**"`, `"("`, `"≈"`, ...).
        public var symbols: Set<String>
        /// Whether `"..."` and `'...'` are string literals.
        public var strings: Bool
        /// Whether `#` starts a comment running to the end of the line.
        public var comments: Bool

        public init(symbols: Set<String>, strings: Bool = false, comments: Bool = false) {
            self.symbols = symbols
            self.strings = strings
            self.comments = comments
        }

        /// SymPy expressions: `+ - * / ** ^ ( ) ,`.
        public static let expression = Vocabulary(symbols: ["+", "-", "*", "/", "**", "^", "(", ")", ","])
        /// Everything the lexer knows: the expression syntax plus `= == : .
        /// ≈ ~= ± % <- ← −`, `[ ] { }`, `< > !` (to say why a comparison is
        /// not a claim), string literals and `#` comments.
        public static let statements = Vocabulary(
            symbols: expression.symbols.union(["=", "==", ":", ".", "≈", "~=", "±", "%", "<-", "←", "−",
                                               "<", ">", "!", "[", "]", "{", "}"]),
            strings: true, comments: true)
        /// Matrix expressions: the expression syntax plus `@` (the matrix
        /// product, as `*`), `⊙` (the Hadamard product) and `.` (for `W.T`).
        public static let matrix = Vocabulary(symbols: expression.symbols.union(["@", "⊙", "."]))
    }

    /// Operators of two scalars, matched before their first scalar alone.
    private static let pairs: [(first: Unicode.Scalar, second: Unicode.Scalar, text: String)] = [
        ("*", "*", "**"), ("=", "=", "=="), ("~", "=", "~="), ("<", "-", "<-"),
    ]
    private static let singles: Set<Unicode.Scalar> = ["+", "-", "*", "/", "^", ",", "=", ":", ".", "≈", "±", "%",
                                                       "←", "−", "<", ">", "!", "@", "⊙"]

    /// The text, which positions the errors.
    public let source: SourceText
    var scalars: [Unicode.Scalar] { source.scalars }

    /// A lexer of `text`; `line` and `column` say where it starts in a file.
    public init(_ text: String, line: Int = 1, column: Int = 1) { source = SourceText(text, line: line, column: column) }
    public init(_ source: SourceText) { self.source = source }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
    /// Names are ASCII: a letter or `_`, then letters, digits and `_`.
    public static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122) || s == "_"
    }
    public static func isIdentifierCharacter(_ s: Unicode.Scalar) -> Bool { isIdentifierStart(s) || isDigit(s) }

    /// The tokens of the text, ending with `.end`.
    ///
    /// - Throws: `SourceError` at the first problem: a bad number, a
    ///   character the vocabulary does not take, an unclosed string.
    public func tokens(_ vocabulary: Vocabulary = .expression) throws(SourceError) -> [Token] {
        let scalars = source.scalars
        func errorAt(_ offset: Int, _ message: String) -> SourceError { source.error(at: offset, message) }
        var tokens: [Token] = []
        var i = 0
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        func refuse(_ s: Unicode.Scalar, at offset: Int) -> SourceError { Lexer.refusal(of: s, at: offset, in: source) }
        while i < scalars.count {
            let s = scalars[i]
            if s == " " || s == "\t" || s == "\n" || s == "\r" { i += 1; continue }
            if s == "#", vocabulary.comments {
                while i < scalars.count, scalars[i] != "\n" { i += 1 }
                continue
            }
            let start = i
            if Lexer.isDigit(s) || (s == "." && i + 1 < scalars.count && Lexer.isDigit(scalars[i + 1])) {
                let (token, next) = try number(at: start, attributes: vocabulary.symbols.contains("."))
                tokens.append(token)
                i = next
                if i < scalars.count, Lexer.isIdentifierStart(scalars[i]) {
                    throw errorAt(i, "expected an operator after the number '\(token.text.prefix(30))' (write '\(token.text.prefix(30))*\(scalars[i])' for a product)")
                }
                continue
            }
            if Lexer.isIdentifierStart(s) {
                while i < scalars.count, Lexer.isIdentifierCharacter(scalars[i]) { i += 1 }
                // Primes written against a name are part of it: `f'(z)`, `g''(a)`.
                while i < scalars.count, scalars[i] == "'" { i += 1 }
                tokens.append(Token(kind: .identifier(text(start..<i)), offset: start, text: text(start..<i)))
                continue
            }
            if s == "\"" || s == "'", vocabulary.strings {
                i += 1
                var value = ""
                while i < scalars.count, scalars[i] != s, scalars[i] != "\n" {
                    value.unicodeScalars.append(scalars[i])
                    i += 1
                }
                guard i < scalars.count, scalars[i] == s else {
                    throw errorAt(start, "this string is never closed (add \(s))")
                }
                i += 1
                tokens.append(Token(kind: .string(value), offset: start, text: text(start..<i)))
                continue
            }
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            let spelling: String
            if let pair = Lexer.pairs.first(where: { $0.first == s && $0.second == next }), vocabulary.symbols.contains(pair.text) {
                spelling = pair.text
            } else {
                spelling = String(s)
            }
            guard vocabulary.symbols.contains(spelling) else { throw refuse(s, at: start) }
            let kind: Kind
            switch s {
            case "(", "[", "{": kind = .open(Character(s))
            case ")", "]", "}": kind = .close(Character(s))
            default:
                guard spelling.unicodeScalars.count == 2 || Lexer.singles.contains(s) else { throw refuse(s, at: start) }
                kind = .op(spelling)
            }
            tokens.append(Token(kind: kind, offset: start, text: spelling))
            i += spelling.unicodeScalars.count
        }
        tokens.append(Token(kind: .end, offset: scalars.count, text: ""))
        return tokens
    }

    /// The error for a character a vocabulary does not take.
    package static func refusal(of s: Unicode.Scalar, at offset: Int, in source: SourceText) -> SourceError {
        let shown = s.isASCII && s.value >= 32 ? "'\(s)'" : "U+\(String(s.value, radix: 16, uppercase: true))"
        return source.error(at: offset, "unexpected character \(shown)" + (s.isASCII ? "" : " (names are ASCII letters, digits and _)"))
    }

    /// The number starting at `start`, and the offset after it. With
    /// `attributes`, a `.` followed by a name is not a decimal point
    /// (`2.x` is `2`, `.`, `x`).
    private func number(at start: Int, attributes: Bool) throws(SourceError) -> (Token, Int) {
        let scalars = source.scalars
        func errorAt(_ offset: Int, _ message: String) -> SourceError { source.error(at: offset, message) }
        var i = start
        var isDecimal = false
        while i < scalars.count, Lexer.isDigit(scalars[i]) { i += 1 }
        if i < scalars.count, scalars[i] == ".",
           !(attributes && i + 1 < scalars.count && Lexer.isIdentifierStart(scalars[i + 1])) {
            isDecimal = true
            i += 1
            while i < scalars.count, Lexer.isDigit(scalars[i]) { i += 1 }
        }
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
            var j = i + 1
            if j < scalars.count, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
            if j < scalars.count, Lexer.isDigit(scalars[j]) {
                isDecimal = true
                i = j
                while i < scalars.count, Lexer.isDigit(scalars[i]) { i += 1 }
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<i]))
        guard isDecimal else { return (Token(kind: .integer(text), offset: start, text: text), i) }
        let shown = text.count > 30 ? String(text.prefix(27)) + "..." : text
        guard let value = Double(text), value.isFinite else {
            throw errorAt(start, "number '\(shown)' is too large for a floating-point value; write it as an exact integer or fraction")
        }
        // Underflow to 0 would silently drop a term the user wrote.
        if value == 0, text.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { $0 >= "1" && $0 <= "9" }) {
            throw errorAt(start, "number '\(shown)' is too small for a floating-point value (it would be 0); write it as an exact fraction")
        }
        return (Token(kind: .decimal(value), offset: start, text: text), i)
    }
}

extension Lexer {
    /// How many brackets are still open at the end of `text` (string literals
    /// and `#` comments skipped): a statement continues on the next line
    /// while this is above 0.
    ///
    /// ```swift
    /// Lexer.openBrackets("diff(f, [a,")   // 2
    /// ```
    public static func openBrackets(_ text: String) -> Int {
        var depth = 0
        var quote: Character? = nil
        var inComment = false
        for c in text {
            if inComment { if c == "\n" { inComment = false }; continue }
            if let q = quote { if c == q || c == "\n" { quote = nil }; continue }
            switch c {
            case "#": inComment = true
            case "\"", "'": quote = c
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
        }
        return max(depth, 0)
    }
}
