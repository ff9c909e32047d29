/// Parses SymPy syntax: `+ - * /`, `**` or `^` (right-associative, binding
/// tighter than unary minus, so `-x**2` is `-(x**2)`), function calls from the
/// function table plus `sqrt(x)` and `pow(a, b)`, integers (exact, any size),
/// decimals (`0.2`, `1e-3`: floating point) and names such as `W1`, `b_1`.
///
/// The parser is an operator-precedence parser with explicit stacks, so
/// nesting depth is limited only by memory: 100,000 nested parentheses parse.
extension Expr {
    /// Parses `text`, throwing a `SourceError` with line, column and caret.
    ///
    /// ```swift
    /// let f = try Expr.parse("1/(1 + exp(-z))")
    /// ```
    ///
    /// - Parameters:
    ///   - line, column: where `text` starts in a larger file, so errors
    ///     point into the file.
    public static func parse(_ text: String, line: Int = 1, column: Int = 1) throws -> Expr {
        let source = SourceText(text, line: line, column: column)
        return try ExpressionParser(source: source, tokens: Lexer(source).tokens(.expression)).parse()
    }

    /// Parses an expression from tokens a statement parser has already read
    /// from `source` (with a larger vocabulary): the tokens that are not
    /// SymPy syntax are refused as the lexer refuses them, and errors point
    /// into `source`.
    ///
    /// ```swift
    /// let source = SourceText("z = w*x + b")
    /// let tokens = try Lexer(source).tokens(.statements)
    /// let value = try Expr.parse(tokens: tokens[2..<7], endingAt: source.scalars.count, in: source)   // b + w*x
    /// ```
    ///
    /// - Parameter end: the offset the end of the expression is reported at
    ///   ("found the end of the input").
    package static func parse(tokens: ArraySlice<Lexer.Token>, endingAt end: Int, in source: SourceText) throws -> Expr {
        for token in tokens {
            let first = token.text.unicodeScalars.first ?? " "
            switch token.kind {
            case .op(let op) where !Lexer.Vocabulary.expression.symbols.contains(op):
                throw Lexer.refusal(of: first, at: token.offset, in: source)
            case .open(let c) where c != "(", .close(let c) where c != ")":
                throw Lexer.refusal(of: first, at: token.offset, in: source)
            case .string:
                throw Lexer.refusal(of: first, at: token.offset, in: source)
            default: break
            }
        }
        return try ExpressionParser(source: source,
                                    tokens: Array(tokens) + [Lexer.Token(kind: .end, offset: end, text: "")]).parse()
    }
}

struct ExpressionParser {
    /// The text, which positions the errors.
    let source: SourceText
    /// SymPy-syntax tokens ending with `.end`.
    let tokens: [Lexer.Token]

    /// An error at a scalar offset into the text.
    func error(at offset: Int, _ message: String) -> SourceError { source.error(at: offset, message) }

    private enum Operator {
        case binary(String, offset: Int)
        case negate(offset: Int)
        case plus(offset: Int)
        case open(offset: Int)
        case call(name: String, offset: Int, arguments: Int)

        var precedence: Int {
            switch self {
            case .binary(let op, _):
                switch op {
                case "+", "-": return 1
                case "*", "/": return 2
                default: return 4       // ** and ^
                }
            case .negate, .plus: return 3
            case .open, .call: return 0
            }
        }
        var isMarker: Bool {
            switch self {
            case .open, .call: return true
            default: return false
            }
        }
    }

    func parse() throws -> Expr {
        var operands: [Operand] = []
        var operators: [Operator] = []
        var expectOperand = true
        var index = 0

        func reduce() throws {
            switch operators.removeLast() {
            case .binary(let op, _):
                let b = operands.removeLast().value
                var a = operands.removeLast()
                switch op {
                case "+": a.add(b)
                case "-": a.add(-b)
                case "*": a.multiply(b)
                case "/": a.multiply(.pow(b, .minusOne))
                default: a = .done(.pow(a.value, b))
                }
                operands.append(a)
            case .negate: operands.append(.done(-operands.removeLast().value))
            case .plus: break
            case .open, .call: preconditionFailure("markers are closed explicitly")
            }
        }

        func describe(_ token: Lexer.Token) -> String {
            token.kind == .end ? "the end of the input" : "'\(token.text.prefix(40))'"
        }

        while true {
            let token = tokens[index]
            index += 1
            if expectOperand {
                switch token.kind {
                case .integer(let digits):
                    guard let value = BigInt(digits) else { throw error(at: token.offset, "bad integer") }
                    operands.append(.done(.number(Number(value))))
                    expectOperand = false
                case .decimal(let value):
                    operands.append(.done(.number(Number(value))))
                    expectOperand = false
                case .identifier("oo"), .identifier("nan"):
                    // How float constants that overflowed print (SymPy's names),
                    // so they read back as those constants.
                    operands.append(.done(.number(Number(token.text == "oo" ? Double.infinity : .nan))))
                    expectOperand = false
                case .identifier(let name):
                    if tokens[index].kind == .open("(") {
                        if let close = ExpressionParser.misspelt(name) {
                            throw error(at: token.offset, "unknown function '\(name.prefix(40))' (did you mean '\(close)'?); known: \(ExpressionParser.knownFunctions)")
                        }
                        operators.append(.call(name: name, offset: token.offset, arguments: 0))
                        index += 1
                    } else {
                        if name.hasSuffix("'") {
                            throw error(at: token.offset, "'\(name.prefix(40))' is a derivative: write \(name.prefix(40))(...)")
                        }
                        if let constant = Function.named(name), constant.arity == 0 {
                            operands.append(.done(.apply(constant, [])))
                            expectOperand = false
                            continue
                        }
                        if ExpressionParser.specialForms.contains(name) || Function.named(name) != nil {
                            throw error(at: token.offset, "'\(name)' is a function: write \(name)(...)")
                        }
                        operands.append(.done(.symbol(name)))
                        expectOperand = false
                    }
                case .open:
                    operators.append(.open(offset: token.offset))
                case .op("-"):
                    operators.append(.negate(offset: token.offset))
                case .op("+"):
                    operators.append(.plus(offset: token.offset))
                default:
                    throw error(at: token.offset, "expected a number, name or '(' but found \(describe(token))")
                }
                continue
            }
            switch token.kind {
            case .op(let op) where op != ",":
                let precedence = Operator.binary(op, offset: 0).precedence
                let rightAssociative = op == "**" || op == "^"
                while let top = operators.last, !top.isMarker,
                      top.precedence > precedence || (top.precedence == precedence && !rightAssociative) {
                    try reduce()
                }
                operators.append(.binary(op, offset: token.offset))
                expectOperand = true
            case .close, .op(","):
                let isComma = token.kind == .op(",")
                while let top = operators.last, !top.isMarker { try reduce() }
                guard let marker = operators.popLast() else {
                    throw error(at: token.offset, isComma
                                ? "',' outside a function call" : "unmatched ')'")
                }
                switch marker {
                case .open:
                    if isComma { throw error(at: token.offset, "',' outside a function call") }
                case .call(let name, let offset, let count):
                    if isComma {
                        operators.append(.call(name: name, offset: offset, arguments: count + 1))
                        expectOperand = true
                        continue
                    }
                    let arguments = operands.suffix(count + 1).map(\.value)
                    operands.removeLast(count + 1)
                    operands.append(.done(try call(name, arguments, at: offset)))
                default: break
                }
            case .end:
                while let top = operators.last, !top.isMarker { try reduce() }
                if let open = operators.last {
                    switch open {
                    case .open(let offset):
                        throw error(at: offset, "this '(' is never closed")
                    case .call(let name, let offset, _):
                        // The caret is under the function's name, so the message names it.
                        throw error(at: offset, "the '(' of \(name)(...) is never closed")
                    default: break
                    }
                }
                return operands[0].value
            default:
                throw error(at: token.offset, "expected an operator or the end but found \(describe(token))")
            }
        }
    }

    func call(_ name: String, _ arguments: [Expr], at offset: Int) throws -> Expr {
        func check(_ arity: Int) throws {
            if arguments.count != arity {
                throw error(at: offset, "\(name) takes \(arity) argument\(arity == 1 ? "" : "s"), got \(arguments.count)")
            }
        }
        switch name {
        case "sqrt":
            try check(1)
            return sqrt(arguments[0])
        case "pow":
            try check(2)
            return .pow(arguments[0], arguments[1])
        case "Derivative", "diff":
            // SymPy's printed form of a derivative reads back: Derivative(f(x), x, y).
            guard arguments.count >= 2 else { throw error(at: offset, "\(name) takes an expression and the variables, got \(arguments.count) argument\(arguments.count == 1 ? "" : "s")") }
            var d = arguments[0]
            for v in arguments.dropFirst() {
                guard v.symbolName != nil else { throw error(at: offset, "Derivative: differentiate by a symbol, not \(v)") }
                d = try d.diff(v)
            }
            return d
        case "Subs":
            try check(3)
            guard arguments[1].symbolName != nil else { throw error(at: offset, "Subs: replace a symbol, not \(arguments[1])") }
            return arguments[0].substituting([arguments[1]: arguments[2]])
        default:
            if name.hasSuffix("'") { return try primed(name, arguments, at: offset) }
            guard let f = Function.named(name) else {
                return .apply(.undefined(name, arity: arguments.count), arguments)
            }
            try check(f.arity)
            return .apply(f, arguments)
        }
    }

    /// `f'(u)`: the derivative of a one-argument function, at `u`; for a
    /// table function its derivative (`tanh'(z)` is `1 - tanh(z)**2`).
    func primed(_ name: String, _ arguments: [Expr], at offset: Int) throws -> Expr {
        let base = String(name.prefix { $0 != "'" })
        let order = name.count - base.count
        guard arguments.count == 1 else {
            throw error(at: offset, "\(name.prefix(40)) is the derivative of a function of one argument, got \(arguments.count) arguments; write Derivative(...) for partial derivatives")
        }
        if let f = Function.named(base) {
            guard f.arity == 1 else { throw error(at: offset, "\(base) takes \(f.arity) arguments, so \(name.prefix(40)) is ambiguous") }
            let xi = Expr.symbol("_xi_1")
            return try Expr.apply(f, [xi]).diff(xi, order: order).substituting([xi: arguments[0]])
        }
        if ExpressionParser.specialForms.contains(base) || ExpressionParser.misspelt(base) != nil {
            throw error(at: offset, "unknown function '\(base.prefix(40))' in \(name.prefix(40))")
        }
        return .apply(.undefined(base, arity: 1, orders: [order]), arguments)
    }

    /// Names the parser reads as calls that are not table entries.
    static let specialForms: Set<String> = ["sqrt", "pow", "Derivative", "diff", "Subs"]

    /// The known function a name applied to arguments is a slip for
    /// (`sigmod` → `sigmoid`), by the shared did-you-mean rule; `nil` for a
    /// known name and for one close to none, which is then an undefined
    /// function (`f`, `g`, `activation`), as SymPy's `Function('f')`.
    static func misspelt(_ name: String) -> String? {
        if specialForms.contains(name) || Function.named(name) != nil || name.hasSuffix("'") { return nil }
        return Suggestions.closest(to: name, among: knownNames)
    }

    static let knownNames = Function.all.flatMap { [$0.name] + $0.aliases } + ["sqrt", "pow"]

    static let knownFunctions = (Function.all.map(\.name) + ["sqrt", "pow"]).joined(separator: ", ")
}

/// An operand on a parser's stack (the SymPy-syntax and the LaTeX parsers). Chains `a + b - c + ...` and `a * b / c * ...`
/// are collected and built with one canonical `add`/`mul`, so a sum of n
/// terms costs one sort rather than n re-canonicalisations.
enum Operand {
    case done(Expr)
    case sum([Expr])
    case product([Expr])

    var value: Expr {
        switch self {
        case .done(let e): return e
        case .sum(let terms): return .add(terms)
        case .product(let factors): return .mul(factors)
        }
    }
    // In place: the list must have one owner when appended to, or every
    // append copies it and a sum of n terms costs O(n²) to parse.
    mutating func add(_ b: Expr) {
        guard case .sum(var terms) = self else { self = .sum([value, b]); return }
        self = .done(.zero)
        terms.append(b)
        self = .sum(terms)
    }
    mutating func multiply(_ b: Expr) {
        guard case .product(var factors) = self else { self = .product([value, b]); return }
        self = .done(.zero)
        factors.append(b)
        self = .product(factors)
    }
}
