/// Splits one session statement into tokens that remember where they start.
///
/// Expression tokens follow SymPy syntax (`**` or `^` for powers, integers
/// exact, decimals floating point); the session adds `=` (definitions and
/// keyword arguments), `==`, `:` and `{}` (points), `[]` (lists), `.`
/// (attributes such as `net.loss`), string literals and `#` comments.
struct SessionLexer {
    enum Kind: Equatable {
        case integer(String)
        case decimal(Double)
        case identifier(String)
        case string(String)
        case op(String)   // + - * / ** ^ == = : , .
        case open(Character)   // ( [ {
        case close(Character)  // ) ] }
        case end
    }

    struct Token {
        let kind: Kind
        let offset: Int
        let text: String
    }

    static func tokens(_ source: SourceText) throws -> [Token] {
        let scalars = source.scalars
        var tokens: [Token] = []
        var i = 0
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
            (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122) || s == "_"
        }
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        while i < scalars.count {
            let s = scalars[i]
            if s == " " || s == "\t" || s == "\n" || s == "\r" { i += 1; continue }
            if s == "#" {
                while i < scalars.count, scalars[i] != "\n" { i += 1 }
                continue
            }
            let start = i
            if isDigit(s) || (s == "." && i + 1 < scalars.count && isDigit(scalars[i + 1])) {
                var isDecimal = false
                while i < scalars.count, isDigit(scalars[i]) { i += 1 }
                if i < scalars.count, scalars[i] == ".", !(i + 1 < scalars.count && isIdentifierStart(scalars[i + 1])) {
                    isDecimal = true
                    i += 1
                    while i < scalars.count, isDigit(scalars[i]) { i += 1 }
                }
                if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
                    var j = i + 1
                    if j < scalars.count, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
                    if j < scalars.count, isDigit(scalars[j]) {
                        isDecimal = true
                        i = j
                        while i < scalars.count, isDigit(scalars[i]) { i += 1 }
                    }
                }
                let literal = text(start..<i)
                if isDecimal {
                    guard let value = Double(literal), value.isFinite else {
                        throw source.error(at: start, "number '\(literal.prefix(30))' is too large for a floating-point value")
                    }
                    tokens.append(Token(kind: .decimal(value), offset: start, text: literal))
                } else {
                    tokens.append(Token(kind: .integer(literal), offset: start, text: literal))
                }
                if i < scalars.count, isIdentifierStart(scalars[i]) {
                    throw source.error(at: i, "expected an operator after the number '\(literal.prefix(30))' (write '\(literal.prefix(30))*\(scalars[i])' for a product)")
                }
                continue
            }
            if isIdentifierStart(s) {
                while i < scalars.count, isIdentifierStart(scalars[i]) || isDigit(scalars[i]) { i += 1 }
                tokens.append(Token(kind: .identifier(text(start..<i)), offset: start, text: text(start..<i)))
                continue
            }
            if s == "\"" || s == "'" {
                i += 1
                var value = ""
                while i < scalars.count, scalars[i] != s, scalars[i] != "\n" {
                    value.unicodeScalars.append(scalars[i])
                    i += 1
                }
                guard i < scalars.count, scalars[i] == s else {
                    throw source.error(at: start, "this string is never closed (add \(s))")
                }
                i += 1
                tokens.append(Token(kind: .string(value), offset: start, text: text(start..<i)))
                continue
            }
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            switch s {
            case "*" where next == "*":
                tokens.append(Token(kind: .op("**"), offset: start, text: "**")); i += 2
            case "=" where next == "=":
                tokens.append(Token(kind: .op("=="), offset: start, text: "==")); i += 2
            case "+", "-", "*", "/", "^", "=", ":", ",", ".":
                tokens.append(Token(kind: .op(String(s)), offset: start, text: String(s))); i += 1
            case "(", "[", "{":
                tokens.append(Token(kind: .open(Character(s)), offset: start, text: String(s))); i += 1
            case ")", "]", "}":
                tokens.append(Token(kind: .close(Character(s)), offset: start, text: String(s))); i += 1
            default:
                let shown = s.isASCII && s.value >= 32 ? "'\(s)'" : "U+\(String(s.value, radix: 16, uppercase: true))"
                throw source.error(at: start, "unexpected character \(shown)" + (s.isASCII ? "" : " (names are ASCII letters, digits and _)"))
            }
        }
        tokens.append(Token(kind: .end, offset: scalars.count, text: ""))
        return tokens
    }

    /// How many brackets are still open at the end of `text` (strings and
    /// comments skipped): a statement continues on the next line while > 0.
    static func openBrackets(_ text: String) -> Int {
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
