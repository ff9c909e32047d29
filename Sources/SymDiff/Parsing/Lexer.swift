/// Splits SymPy-syntax text into tokens that remember where they started.
struct Lexer {
    enum Kind: Equatable {
        case integer(String)
        case decimal(Double)
        case identifier(String)
        case op(String)       // + - * / ** ^
        case open, close, comma, end
    }

    struct Token {
        let kind: Kind
        let offset: Int       // index into the scalar array
        let text: String
    }

    let scalars: [Unicode.Scalar]

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    func tokens(errorAt: (Int, String) -> ParseError) throws -> [Token] {
        var tokens: [Token] = []
        var i = 0
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
            (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122) || s == "_"
        }
        while i < scalars.count {
            let s = scalars[i]
            if s == " " || s == "\t" || s == "\n" || s == "\r" { i += 1; continue }
            let start = i
            if isDigit(s) || (s == "." && i + 1 < scalars.count && isDigit(scalars[i + 1])) {
                var isDecimal = false
                while i < scalars.count, isDigit(scalars[i]) { i += 1 }
                if i < scalars.count, scalars[i] == "." {
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
                let text = String(String.UnicodeScalarView(scalars[start..<i]))
                if isDecimal {
                    guard let value = Double(text), value.isFinite else {
                        throw errorAt(start, "number '\(text.count > 30 ? String(text.prefix(27)) + "..." : text)' is too large for a floating-point value; write it as an exact integer or fraction")
                    }
                    // Underflow to 0 would silently drop a term the user wrote.
                    if value == 0, text.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { $0 >= "1" && $0 <= "9" }) {
                        throw errorAt(start, "number '\(text.count > 30 ? String(text.prefix(27)) + "..." : text)' is too small for a floating-point value (it would be 0); write it as an exact fraction")
                    }
                    tokens.append(Token(kind: .decimal(value), offset: start, text: text))
                } else {
                    tokens.append(Token(kind: .integer(text), offset: start, text: text))
                }
                if i < scalars.count, isIdentifierStart(scalars[i]) {
                    throw errorAt(i, "expected an operator after the number '\(text.prefix(30))' (write '\(text.prefix(30))*\(scalars[i])' for a product)")
                }
                continue
            }
            if isIdentifierStart(s) {
                while i < scalars.count, isIdentifierStart(scalars[i]) || isDigit(scalars[i]) { i += 1 }
                let text = String(String.UnicodeScalarView(scalars[start..<i]))
                // `oo` and `nan` are how float constants that overflowed print
                // (SymPy's names), so they read back as those constants.
                let kind: Kind = text == "oo" ? .decimal(.infinity) : text == "nan" ? .decimal(.nan) : .identifier(text)
                tokens.append(Token(kind: kind, offset: start, text: text))
                continue
            }
            switch s {
            case "*":
                if i + 1 < scalars.count, scalars[i + 1] == "*" {
                    tokens.append(Token(kind: .op("**"), offset: start, text: "**"))
                    i += 2
                } else {
                    tokens.append(Token(kind: .op("*"), offset: start, text: "*"))
                    i += 1
                }
            case "+", "-", "/", "^":
                tokens.append(Token(kind: .op(String(s)), offset: start, text: String(s)))
                i += 1
            case "(": tokens.append(Token(kind: .open, offset: start, text: "(")); i += 1
            case ")": tokens.append(Token(kind: .close, offset: start, text: ")")); i += 1
            case ",": tokens.append(Token(kind: .comma, offset: start, text: ",")); i += 1
            default:
                let shown = s.isASCII && s.value >= 32 ? "'\(s)'" : "U+\(String(s.value, radix: 16, uppercase: true))"
                throw errorAt(start, "unexpected character \(shown)" + (s.isASCII ? "" : " (names are ASCII letters, digits and _)"))
            }
        }
        tokens.append(Token(kind: .end, offset: scalars.count, text: ""))
        return tokens
    }
}
