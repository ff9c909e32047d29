/// Reading matrix expressions in the text syntax (derivation files, the
/// session, the command line): SymPy's syntax with shaped names.
///
/// - `*` is the matrix product, as for SymPy's matrices (scaling when one
///   side is 1×1); `@` (NumPy's and SymPy's matmul) is read as the same.
/// - `hadamard(a, b)` or `a ⊙ b` is the entrywise product; `a**2` an
///   entrywise power (NumPy's meaning, not SymPy's matrix power).
/// - `W.T` or `transpose(W)` is the transpose (`W'` is refused: a prime
///   means a derivative, as in `sigmoid'(z)`).
/// - Every one-argument table function applies entrywise, `f'(z)` its
///   derivative; `sum`, `mean`, `trace`, `normSquared`, `softmax`,
///   `logsumexp`, `outer`, `inner` as in the Swift API; `ones(n)` a column
///   of ones (`ones(r, c)` a matrix).
/// - `d(L)/d(W)`, `d(L, W)` and `diff(L, W)` are the derivative of a 1×1
///   `L` with respect to a shaped name, where the caller defines them.
/// - A name without a shape is a scalar symbol.
extension MatrixExpr {
    /// Parses `text` with the shapes of its shaped names.
    ///
    /// ```swift
    /// let loss = try MatrixExpr.parse("sum((W*x + b - t)**2)/2",
    ///                                 shapes: ["W": Shape(rows: 2, columns: 3), "x": .vector(3), "b": .vector(2), "t": .vector(2)])
    /// try loss.gradient(wrt: .matrix("W", rows: 2, columns: 3))    // (W*x + b - t)*x.T
    /// try MatrixExpr.parse("W*W", shapes: ["W": Shape(rows: 2, columns: 3)])
    /// // throws: error at line 1, column 2: shape error: cannot multiply 2x3 by 2x3: ...
    /// ```
    ///
    /// - Throws: `SourceError` with the position of the problem: a syntax
    ///   error, an unknown function, or a shape error at its operator.
    public static func parse(_ text: String, shapes: [String: Shape], line: Int = 1, column: Int = 1) throws -> MatrixExpr {
        let source = SourceText(text, line: line, column: column)
        let tokens = try Lexer(source).tokens(.matrix)
        var parser = MatrixTextParser(source: source, tokens: tokens, names: MatrixNames(shapes: shapes))
        return try parser.parse()
    }

    /// Parses tokens a statement parser read from `source` (with a larger
    /// vocabulary); `end` is where the end of the expression is reported.
    package static func parse(tokens: ArraySlice<Lexer.Token>, endingAt end: Int, in source: SourceText,
                              names: MatrixNames) throws -> MatrixExpr {
        var parser = MatrixTextParser(source: source, tokens: Array(tokens) + [Lexer.Token(kind: .end, offset: end, text: "")],
                                      names: names)
        return try parser.parse()
    }
}

/// What the names of a matrix expression mean while it is read.
package struct MatrixNames {
    /// Shaped names (declared or defined); any other name is a scalar symbol.
    package var shapes: [String: Shape]
    /// `d(F)/d(X)`: the derivative of the 1×1 expression F (as written,
    /// defined names unexpanded) with respect to the symbol X; nil where
    /// derivatives have no meaning (the command line).
    package var derivative: ((_ function: MatrixExpr, _ variable: MatrixExpr) throws -> MatrixExpr)?

    package init(shapes: [String: Shape], derivative: ((MatrixExpr, MatrixExpr) throws -> MatrixExpr)? = nil) {
        self.shapes = shapes
        self.derivative = derivative
    }

    /// Whether a name mentioned in a statement makes it a matrix statement.
    package func isShaped(_ name: String) -> Bool { shapes[name].map { !$0.isScalar } ?? false }
}

/// A recursive-descent reader; nesting is bounded (`maxDepth`) so deep input
/// is an error, not a stack overflow.
struct MatrixTextParser {
    let source: SourceText
    let tokens: [Lexer.Token]
    let names: MatrixNames
    var i = 0
    var depth = 0
    static let maxDepth = 200

    init(source: SourceText, tokens: [Lexer.Token], names: MatrixNames) {
        self.source = source
        self.tokens = tokens
        self.names = names
    }

    var token: Lexer.Token { tokens[min(i, tokens.count - 1)] }
    var kind: Lexer.Kind { token.kind }
    func error(_ message: String, at offset: Int? = nil) -> SourceError { source.error(at: offset ?? token.offset, message) }
    func describe(_ t: Lexer.Token) -> String { t.kind == .end ? "the end of the input" : "'\(t.text.prefix(40))'" }

    /// A shape or an unsupported construct, as an error at `offset`.
    func shaped<T>(at offset: Int, _ build: () throws -> T) throws -> T {
        do { return try build() } catch let e as SourceError { throw e } catch { throw self.error("\(error)", at: offset) }
    }

    mutating func parse() throws -> MatrixExpr {
        let e = try sum()
        guard kind == .end else { throw error("expected an operator or the end but found \(describe(token))") }
        return e
    }

    mutating func sum() throws -> MatrixExpr {
        depth += 1
        defer { depth -= 1 }
        if depth > MatrixTextParser.maxDepth { throw error("the expression is nested more than \(MatrixTextParser.maxDepth) deep") }
        var e = try product()
        while case .op(let op) = kind, op == "+" || op == "-" {
            let at = token.offset
            i += 1
            let rhs = try product()
            e = try shaped(at: at) { op == "+" ? try e + rhs : try e - rhs }
        }
        return e
    }

    mutating func product() throws -> MatrixExpr {
        var e = try unary()
        while case .op(let op) = kind, ["*", "@", "/", "⊙"].contains(op) {
            let at = token.offset
            i += 1
            let rhs = try unary()
            switch op {
            case "/":
                guard let c = rhs.scalarValue else {
                    throw error(rhs.shape.isScalar ? "dividing by a 1x1 matrix expression is not supported: divide by a scalar"
                                : "dividing by a \(rhs.shape) matrix is not supported", at: at)
                }
                e = e / c
            case "⊙": e = try shaped(at: at) { try e ⊙ rhs }
            default: e = try shaped(at: at) { try e * rhs }
            }
        }
        return e
    }

    mutating func unary() throws -> MatrixExpr {
        if case .op(let op) = kind, op == "-" || op == "+" {
            i += 1
            let e = try unary()
            return op == "-" ? -e : e
        }
        return try power()
    }

    mutating func power() throws -> MatrixExpr {
        let base = try postfix()
        guard case .op(let op) = kind, op == "**" || op == "^" else { return base }
        let at = token.offset
        i += 1
        let exponent = try unary()
        guard let n = exponent.scalarValue else {
            throw error("the exponent must be a scalar, not a \(exponent.shape) expression", at: at)
        }
        if let b = base.scalarValue { return .scalar(.pow(b, n)) }
        return pow(base, n)
    }

    mutating func postfix() throws -> MatrixExpr {
        var e = try primary()
        while kind == .op(".") {
            let at = token.offset
            i += 1
            guard case .identifier("T") = kind else {
                throw error("only .T (the transpose) may follow '.', found \(describe(token))", at: at)
            }
            i += 1
            e = e.T
        }
        return e
    }

    mutating func primary() throws -> MatrixExpr {
        let t = token
        switch t.kind {
        case .integer(let digits):
            guard let value = BigInt(digits) else { throw error("bad integer") }
            i += 1
            return .scalar(.number(Number(value)))
        case .decimal(let value):
            i += 1
            return .scalar(.number(Number(value)))
        case .open("("):
            i += 1
            let e = try sum()
            guard kind == .close(")") else {
                throw kind == .end ? error("this '(' is never closed", at: t.offset) : error("expected ')' but found \(describe(token))")
            }
            i += 1
            return e
        case .identifier(let name):
            i += 1
            if kind == .open("(") { return try call(name, at: t.offset) }
            if name.hasSuffix("'") {
                let base = String(name.prefix { $0 != "'" })
                if names.isShaped(base) { throw error("'\(name)': write \(base).T for the transpose (a prime means a derivative)", at: t.offset) }
                throw error("'\(name)' is a derivative: write \(name)(...)", at: t.offset)
            }
            if let constant = Function.named(name), constant.arity == 0 { return .scalar(.apply(constant, [])) }
            if Function.named(name) != nil || MatrixTextParser.functions.contains(name) {
                throw error("'\(name)' is a function: write \(name)(...)", at: t.offset)
            }
            if let shape = names.shapes[name] { return .symbol(name, shape: shape) }
            return .scalar(.symbol(name))
        default:
            throw error("expected a number, name or '(' but found \(describe(t))")
        }
    }

    /// The matrix functions beside the function table.
    static let functions: Set<String> = ["hadamard", "sum", "mean", "trace", "normSquared", "softmax", "logsumexp", "outer",
                                         "inner", "transpose", "diff", "d", "sqrt", "pow", "ones", "diag"]

    /// `name(...)` at the cursor's `(`.
    mutating func call(_ name: String, at offset: Int) throws -> MatrixExpr {
        if name == "d" || name == "diff" { return try derivative(name, at: offset) }
        i += 1
        var arguments: [MatrixExpr] = []
        if kind != .close(")") {
            arguments.append(try sum())
            while kind == .op(",") {
                i += 1
                arguments.append(try sum())
            }
        }
        guard kind == .close(")") else {
            throw kind == .end ? error("the '(' of \(name)(...) is never closed", at: offset)
                : error("expected ',' or ')' but found \(describe(token))")
        }
        i += 1
        func arity(_ n: Int) throws {
            if arguments.count != n { throw error("\(name) takes \(n) argument\(n == 1 ? "" : "s"), got \(arguments.count)", at: offset) }
        }
        return try shaped(at: offset) {
            switch name {
            case "hadamard": try arity(2); return try arguments[0] ⊙ arguments[1]
            case "sum": try arity(1); return SymDiff.sum(arguments[0])
            case "mean":
                try arity(1)
                let s = arguments[0].shape
                return SymDiff.sum(arguments[0]) / (MatrixTextParser.size(s.rows) * MatrixTextParser.size(s.columns))
            case "trace": try arity(1); return try SymDiff.trace(arguments[0])
            case "normSquared": try arity(1); return normSquared(arguments[0])
            case "softmax": try arity(1); return try SymDiff.softmax(arguments[0])
            case "logsumexp": try arity(1); return try SymDiff.logsumexp(arguments[0])
            case "outer": try arity(2); return try SymDiff.outer(arguments[0], arguments[1])
            case "inner": try arity(2); return try SymDiff.inner(arguments[0], arguments[1])
            case "transpose": try arity(1); return arguments[0].T
            case "diag": try arity(1); return try SymDiff.diag(arguments[0])
            case "ones":
                // ones(n): a column of n ones (Delta.T*ones(B) sums Delta's columns); ones(r, c).
                guard arguments.count == 1 || arguments.count == 2 else { throw error("ones takes a length, or rows and columns", at: offset) }
                let sizes = try arguments.map { a -> Dimension in
                    guard let e = a.scalarValue, let d = e.symbolName.map(Dimension.named) ?? e.numberValue.flatMap({ Int($0.description) }).map(Dimension.fixed)
                    else { throw error("ones takes sizes: numbers or dimension names", at: offset) }
                    return d
                }
                return .ones(Shape(rows: sizes[0], columns: sizes.count == 2 ? sizes[1] : .one))
            case "sqrt": try arity(1); return try entrywise(arguments[0]) { SymDiff.sqrt($0) }
            case "pow":
                try arity(2)
                guard let n = arguments[1].scalarValue else { throw error("the exponent must be a scalar", at: offset) }
                return try entrywise(arguments[0]) { .pow($0, n) }
            default: return try tableFunction(name, arguments, at: offset)
            }
        }
    }

    /// A function of the table, entrywise for a matrix argument.
    func tableFunction(_ name: String, _ arguments: [MatrixExpr], at offset: Int) throws -> MatrixExpr {
        let base = String(name.prefix { $0 != "'" })
        let order = name.unicodeScalars.count - base.unicodeScalars.count
        guard let f = Function.named(base) else {
            let known = Function.all.flatMap { [$0.name] + $0.aliases } + Array(MatrixTextParser.functions.subtracting(["d"]))
            let hint = Suggestions.closest(to: base, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw error("unknown function '\(name.prefix(40))'\(hint) in a matrix expression", at: offset)
        }
        guard arguments.count == f.arity else {
            throw error("\(f.name) takes \(f.arity) argument\(f.arity == 1 ? "" : "s"), got \(arguments.count)", at: offset)
        }
        if order > 1 { throw error("\(name): only first derivatives of functions are supported in a matrix expression", at: offset) }
        let scalars = arguments.compactMap(\.scalarValue)
        if scalars.count == arguments.count {
            if order == 0 { return .scalar(.apply(f, scalars)) }
            let u = Expr.symbol("_xi_1")
            return .scalar(try Expr.apply(f, [u]).diff(u).substituting([u: scalars[0]]))
        }
        guard arguments.count == 1 else { throw error("\(f.name) of a matrix needs one argument", at: offset) }
        return order == 0 ? try MatrixExpr.apply(f, arguments[0]) : try MatrixExpr.applyDerivative(f, arguments[0])
    }

    func entrywise(_ a: MatrixExpr, _ body: (Expr) -> Expr) throws -> MatrixExpr {
        if let s = a.scalarValue { return .scalar(body(s)) }
        return MatrixExpr.map(a, body)
    }

    static func size(_ d: Dimension) -> Expr {
        switch d {
        case .fixed(let n): return .number(n)
        case .named(let n): return .symbol(n)
        }
    }

    /// `d(F)/d(X)`, `d(F, X)` or `diff(F, X)`, with `X` a name.
    mutating func derivative(_ word: String, at offset: Int) throws -> MatrixExpr {
        let usage = "write a derivative as d(L)/d(W), d(L, W) or diff(L, W), with W a name"
        func expect(_ k: Lexer.Kind) throws {
            guard kind == k else { throw error(usage) }
            i += 1
        }
        func name() throws -> (String, Int) {
            guard case .identifier(let n) = kind else { throw error(usage) }
            let at = token.offset
            i += 1
            return (n, at)
        }
        try expect(.open("("))
        let functionStart = token
        let function = try sum()
        // A bare name must be defined (as in the scalar format): d(Q)/d(W) of a free Q is a slip, not 0.
        if case .identifier(let name) = functionStart.kind, function.scalarValue == .symbol(name) {
            throw error("\(name) is not defined before its derivative", at: functionStart.offset)
        }
        let variable: (String, Int)
        if kind == .op(",") {
            i += 1
            variable = try name()
            try expect(.close(")"))
        } else {
            guard word == "d" else { throw error(usage) }
            try expect(.close(")"))
            try expect(.op("/"))
            guard case .identifier("d") = kind else { throw error(usage) }
            i += 1
            try expect(.open("("))
            variable = try name()
            try expect(.close(")"))
        }
        guard let shape = names.shapes[variable.0] else {
            throw error("\(variable.0) has no shape: declare it (\(variable.0): 3, \(variable.0): n x m)", at: variable.1)
        }
        guard let derivative = names.derivative else { throw error("derivatives of names are not available here", at: offset) }
        return try shaped(at: offset) { try derivative(function, .symbol(variable.0, shape: shape)) }
    }
}
