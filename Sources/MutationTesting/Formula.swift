/// An expression of the derivation-file language as written: the mutation
/// oracle's own syntax tree, parser and printer, independent of SymDiff's
/// (`Expr` is canonicalised on construction; this keeps exactly what was
/// written, so a mutation changes one written thing).
///
/// ```swift
/// let f = try Formula.parse("d(L)/d(w) - (p - y)*x")
/// f.description   // "d(L)/d(w) - (p - y)*x"
/// ```
public indirect enum Formula: Sendable, Hashable, CustomStringConvertible {
    /// A decimal literal `digits × 10**exponent`, as written.
    case number(Literal)
    case symbol(String)
    /// Terms, each added or subtracted: `a - b + c`.
    case sum([Term])
    /// Factors, each multiplied or divided: `a*b/c`.
    case product([Factor])
    case negate(Formula)
    case power(Formula, Formula)
    case call(String, [Formula])
    /// `d(F)/d(v)`: the partial derivative through the file's definitions.
    case derivative(Formula, String)

    public struct Term: Sendable, Hashable {
        public var negative: Bool
        public var value: Formula
        public init(negative: Bool, _ value: Formula) { self.negative = negative; self.value = value }
    }

    public struct Factor: Sendable, Hashable {
        public var divides: Bool
        public var value: Formula
        public init(divides: Bool, _ value: Formula) { self.divides = divides; self.value = value }
    }

    /// A non-negative decimal literal: its digits without the point, and the
    /// power of ten they are scaled by (`0.25` is digits "25", exponent -2).
    public struct Literal: Sendable, Hashable {
        public var digits: String
        public var exponent: Int
        public var text: String
        /// The power of ten of the last digit as written, before trailing zeros
        /// are dropped: `-0.0130` has unit −4, so it means ±0.00005 (not ±0.0005).
        public var unit: Int

        /// `written`: the literal as the file has it (`2.0` stays a float for the engine).
        public init(digits: String, exponent: Int, written: String? = nil) {
            unit = exponent
            var d = Substring(digits)
            var e = exponent
            while d.count > 1, d.first == "0" { d = d.dropFirst() }
            while d.count > 1, d.last == "0" { d = d.dropLast(); e += 1 }
            if d == "0" { e = 0 }
            self.digits = String(d)
            self.exponent = e
            if let written { text = written; return }
            if e >= 0 {
                text = self.digits + String(repeating: "0", count: e)
            } else {
                let padded = String(repeating: "0", count: Swift.max(0, -e - self.digits.count + 1)) + self.digits
                let cut = padded.index(padded.endIndex, offsetBy: e)
                text = padded[..<cut] + "." + padded[cut...]
            }
        }

        public static func == (a: Literal, b: Literal) -> Bool { a.digits == b.digits && a.exponent == b.exponent }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(digits)
            hasher.combine(exponent)
        }

        public init(_ n: Int) { self.init(digits: String(n), exponent: 0) }

        public var isZero: Bool { digits.allSatisfy { $0 == "0" } }
        public var isInteger: Bool { exponent >= 0 }

        /// The literal times 101/100, exactly.
        public var timesOnePointZeroOne: Literal {
            let scaled = (BigDigits(digits) * 101).description
            return Literal(digits: scaled, exponent: exponent - 2)
        }
    }

    public static func number(_ n: Int) -> Formula {
        n < 0 ? .negate(.number(Literal(-n))) : .number(Literal(n))
    }

    // MARK: Printing

    public var description: String { printed(0) }

    private var precedence: Int {
        switch self {
        case .sum: return 1
        case .product: return 2
        case .negate: return 3
        case .power: return 4
        case .number, .symbol, .call, .derivative: return 5
        }
    }

    private func printed(_ context: Int) -> String {
        let text: String
        switch self {
        case .number(let l): text = l.text
        case .symbol(let s): text = s
        case .call(let name, let args): text = name + "(" + args.map { $0.printed(0) }.joined(separator: ", ") + ")"
        case .derivative(let f, let v): text = "d(\(f.printed(0)))/d(\(v))"
        case .negate(let x): text = "-" + x.printed(x.isProduct ? 2 : 4)
        case .power(let b, let e): text = b.printed(5) + "**" + e.printed(5)
        case .sum(let terms):
            var out = ""
            for (i, t) in terms.enumerated() {
                // `a - -b` and `a + -b` are written `a - (-b)`, `a + (-b)`.
                let body = (t.value.isNegate && (i > 0 || t.negative)) ? "(" + t.value.printed(0) + ")" : t.value.printed(2)
                if i == 0 { out = (t.negative ? "-" : "") + body } else { out += (t.negative ? " - " : " + ") + body }
            }
            text = out.isEmpty ? "0" : out
        case .product(let factors):
            var out = ""
            for (i, f) in factors.enumerated() {
                let body = f.value.printed(f.divides ? 4 : (i == 0 ? 2 : 4))
                if i == 0 { out = f.divides ? "1/" + body : body } else { out += (f.divides ? "/" : "*") + body }
            }
            text = out.isEmpty ? "1" : out
        }
        // Negations and derivatives are parenthesised inside products and powers
        // so the engine's reader cannot group them differently.
        let needs = precedence < context || (context >= 4 && (precedence == 3 || isDerivative))
        return needs ? "(" + text + ")" : text
    }

    var isNegate: Bool { if case .negate = self { return true } else { return false } }
    var isProduct: Bool { if case .product = self { return true } else { return false } }
    var isDerivative: Bool { if case .derivative = self { return true } else { return false } }

    /// Every symbol written (not function names, not derivative variables).
    public var symbols: Set<String> {
        var out = Set<String>()
        var stack = [self]
        while let f = stack.popLast() {
            switch f {
            case .number: break
            case .symbol(let s): out.insert(s)
            case .sum(let ts): stack += ts.map(\.value)
            case .product(let fs): stack += fs.map(\.value)
            case .negate(let x): stack.append(x)
            case .power(let b, let e): stack += [b, e]
            case .call(_, let args): stack += args
            case .derivative(let g, _): stack.append(g)
            }
        }
        return out
    }

    /// Whether a `d(F)/d(v)` appears.
    public var hasDerivative: Bool {
        contains { if case .derivative = $0 { return true } else { return false } }
    }

    /// The formulas directly inside this one (a derivative's F included).
    var operands: [Formula] {
        switch self {
        case .derivative(let g, _): return [g]
        case .sum(let ts): return ts.map(\.value)
        case .product(let fs): return fs.map(\.value)
        case .negate(let x): return [x]
        case .power(let b, let e): return [b, e]
        case .call(_, let args): return args
        case .number, .symbol: return []
        }
    }

    /// Whether `self` or a formula inside it satisfies `predicate`
    /// (an explicit stack: formulas may nest deeply).
    func contains(where predicate: (Formula) -> Bool) -> Bool {
        var stack = [self]
        while let f = stack.popLast() {
            if predicate(f) { return true }
            stack += f.operands
        }
        return false
    }
}

/// Non-negative integers of any size as decimal digit strings: enough for
/// scaling a literal by 101 exactly.
struct BigDigits: CustomStringConvertible {
    var digits: [UInt8]   // least significant first
    init(_ text: String) { digits = text.unicodeScalars.reversed().map { UInt8($0.value - 48) } }
    static func * (a: BigDigits, k: Int) -> BigDigits {
        var out = a
        var carry = 0
        for i in out.digits.indices {
            let v = Int(out.digits[i]) * k + carry
            out.digits[i] = UInt8(v % 10)
            carry = v / 10
        }
        while carry > 0 { out.digits.append(UInt8(carry % 10)); carry /= 10 }
        return out
    }
    var description: String { String(digits.reversed().map { Character(Unicode.Scalar($0 + 48)) }) }
}

// MARK: - Parsing

extension Formula {
    /// Parses SymPy syntax with `d(F)/d(v)` and `d(F, v)` as the derivation files write it.
    public static func parse(_ text: String) throws -> Formula {
        var parser = FormulaParser(Array(text.unicodeScalars))
        let f = try parser.expression()
        parser.skipBlanks()
        guard parser.atEnd else { throw OracleError.unsupported("unexpected '\(parser.rest)' in \(text)") }
        return f
    }
}

struct FormulaParser {
    let s: [Unicode.Scalar]
    var i = 0
    init(_ s: [Unicode.Scalar]) { self.s = s }

    var atEnd: Bool { i >= s.count }
    var rest: String { String(String.UnicodeScalarView(s[i...])) }

    mutating func skipBlanks() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }

    mutating func peek(_ token: String) -> Bool {
        skipBlanks()
        let t = Array(token.unicodeScalars)
        return i + t.count <= s.count && Array(s[i..<(i + t.count)]) == t
    }

    mutating func take(_ token: String) -> Bool {
        if peek(token) { i += token.unicodeScalars.count; return true }
        return false
    }

    mutating func expect(_ token: String) throws {
        guard take(token) else { throw OracleError.unsupported("expected '\(token)' at \(i)") }
    }

    mutating func expression() throws -> Formula {
        var terms = [Formula.Term(negative: false, try term())]
        while true {
            if take("+") { terms.append(.init(negative: false, try term())) }
            else if peek("-") { i += 1; terms.append(.init(negative: true, try term())) }
            else { break }
        }
        return terms.count == 1 ? terms[0].value : .sum(terms)
    }

    mutating func term() throws -> Formula {
        var factors = [Formula.Factor(divides: false, try unary())]
        while true {
            if peek("**") { break }
            if take("*") { factors.append(.init(divides: false, try unary())) }
            else if take("/") { factors.append(.init(divides: true, try unary())) }
            else { break }
        }
        return factors.count == 1 ? factors[0].value : .product(factors)
    }

    mutating func unary() throws -> Formula {
        if take("-") { return .negate(try unary()) }
        if take("+") { return try unary() }
        return try power()
    }

    mutating func power() throws -> Formula {
        let base = try primary()
        if take("**") || take("^") { return .power(base, try unary()) }
        return base
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || (c.isASCII && c.properties.isAlphabetic) }
    static func isNameChar(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || (c.value >= 48 && c.value <= 57) }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    mutating func primary() throws -> Formula {
        skipBlanks()
        guard i < s.count else { throw OracleError.unsupported("unexpected end") }
        if take("(") {
            let inner = try expression()
            try expect(")")
            return inner
        }
        let c = s[i]
        if FormulaParser.isDigit(c) || c == "." { return .number(try number()) }
        guard FormulaParser.isNameStart(c) else { throw OracleError.unsupported("unexpected '\(c)'") }
        let start = i
        while i < s.count, FormulaParser.isNameChar(s[i]) { i += 1 }
        let name = String(String.UnicodeScalarView(s[start..<i]))
        guard take("(") else { return .symbol(name) }
        if name == "d" {
            let f = try expression()
            if take(",") {
                let v = try variable()
                try expect(")")
                return .derivative(f, v)
            }
            try expect(")")
            try expect("/")
            skipBlanks()
            guard i < s.count, s[i] == "d" else { throw OracleError.unsupported("expected d(v)") }
            i += 1
            try expect("(")
            let v = try variable()
            try expect(")")
            return .derivative(f, v)
        }
        var args: [Formula] = []
        if !take(")") {
            repeat { args.append(try expression()) } while take(",")
            try expect(")")
        }
        return .call(name, args)
    }

    mutating func variable() throws -> String {
        skipBlanks()
        let start = i
        while i < s.count, FormulaParser.isNameChar(s[i]) { i += 1 }
        guard i > start, FormulaParser.isNameStart(s[start]) else { throw OracleError.unsupported("expected a name") }
        return String(String.UnicodeScalarView(s[start..<i]))
    }

    mutating func number() throws -> Formula.Literal {
        let start = i
        var digits = ""
        var exponent = 0
        while i < s.count, FormulaParser.isDigit(s[i]) { digits.unicodeScalars.append(s[i]); i += 1 }
        if i < s.count, s[i] == "." {
            i += 1
            while i < s.count, FormulaParser.isDigit(s[i]) { digits.unicodeScalars.append(s[i]); exponent -= 1; i += 1 }
        }
        guard !digits.isEmpty else { throw OracleError.unsupported("bad number") }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            var j = i + 1
            var negative = false
            if j < s.count, s[j] == "+" || s[j] == "-" { negative = s[j] == "-"; j += 1 }
            var e = 0
            let start = j
            while j < s.count, FormulaParser.isDigit(s[j]) { e = e * 10 + Int(s[j].value - 48); j += 1 }
            if j > start { exponent += negative ? -e : e; i = j }
        }
        return Formula.Literal(digits: digits, exponent: exponent, written: String(String.UnicodeScalarView(s[start..<i])))
    }
}
