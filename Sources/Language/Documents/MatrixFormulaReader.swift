import SymDiff

/// The shaped names of a document: declared shapes (`\mathbf{W} \in
/// \mathbb{R}^{2 \times 3}`), definitions (`\mathbf{z} = \mathbf{W}\mathbf{x}
/// + \mathbf{b}`) in terms of earlier names, and the sizes of bold names
/// nothing declares, which start free and are fixed by the first product or
/// sum that needs them (`\mathbf{W}\mathbf{x}` with x of length 3 makes W's
/// column count 3).
struct MatrixScope {
    var declared: [String: Shape] = [:]
    /// Definitions in document order; each uses only names before it.
    var definitions: [(name: String, value: MatrixExpr, tokens: [LatexLexer.Token])] = []
    var bindings: [String: SymDiff.Dimension] = [:]
    var free: Set<String> = []
    /// Names declared or defined written in bold: plain `\hat{y}` is then another (scalar) name than `\hat{\mathbf{y}}`.
    var bold: Set<String> = []
    /// Scalar names a formula used, to spot an entry written as its own name (`w_1` of a vector `w`).
    var scalarsUsed: Set<String> = []

    func resolve(_ d: SymDiff.Dimension) -> SymDiff.Dimension {
        var d = d
        while let n = d.name, let bound = bindings[n] { d = bound }
        return d
    }

    func resolve(_ s: Shape) -> Shape { Shape(rows: resolve(s.rows), columns: resolve(s.columns)) }

    func definition(_ name: String) -> MatrixExpr? { definitions.last { $0.name == name }?.value }

    /// Whether a formula mentioning `name` is a matrix formula.
    /// A name declared a scalar (`\eta \in \mathbb{R}`) keeps its formulas scalar.
    func isShaped(_ name: String) -> Bool {
        if let shape = definition(name)?.shape ?? declared[name] { return !shape.isScalar }
        return false
    }

    /// Makes two dimensions equal when one of them is free; false when both are fixed.
    mutating func unify(_ a: SymDiff.Dimension, _ b: SymDiff.Dimension) -> Bool {
        let a = resolve(a), b = resolve(b)
        if a == b { return false }
        if let n = a.name, free.contains(n) { bindings[n] = b; return true }
        if let n = b.name, free.contains(n) { bindings[n] = a; return true }
        return false
    }

    mutating func freeDimension(_ name: String) -> SymDiff.Dimension {
        free.insert(name)
        return .named(name)
    }

    /// ∂L/∂X, L (a defined name) expanded down to the symbol X, and X
    /// written back in when X is itself defined (δ = ∂L/∂z at z = W x + b).
    func partial(_ loss: String, _ x: MatrixExpr) throws -> MatrixExpr {
        guard let l = definition(loss) else { throw MatrixScopeError(message: "\(loss) is not defined before its derivative") }
        return try partial(.symbol(loss, shape: l.shape), x)
    }

    /// ∂F/∂X for a 1×1 expression F of defined and declared names.
    func partial(_ loss: MatrixExpr, _ x: MatrixExpr) throws -> MatrixExpr {
        guard let name = x.symbolName else { throw MatrixScopeError(message: "a derivative with respect to \(x), which is not a name") }
        let partial = try expand(loss, keeping: name).partial(wrt: x)
        guard let value = definition(name) else { return partial }
        return try partial.substituting(x, with: try expand(value))
    }

    /// `e` with every defined name except `kept` replaced by its definition.
    /// Latest first: a definition only uses earlier names, so one pass clears them all.
    func expand(_ e: MatrixExpr, keeping kept: String? = nil) throws -> MatrixExpr {
        var e = e
        var replaced = Set<String>()
        // A redefined name: its latest definition, once (an earlier one may only be used by definitions before it).
        for (name, value, _) in definitions.reversed() where name != kept && replaced.insert(name).inserted && e.symbols[name] != nil {
            e = try e.substituting(.symbol(name, shape: value.shape), with: value)
        }
        return e
    }
}

/// A name a matrix formula uses wrongly (a derivative of an undefined name).
struct MatrixScopeError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Why a matrix formula could not be read, at a scalar offset into its side.
struct MatrixReadError: Error {
    let message: String
    let offset: Int
}

/// A free size was fixed while reading: read the formula again with it.
struct MatrixSizesChanged: Error {}

/// Reads one side of a LaTeX formula into a `MatrixExpr`, keeping products
/// in their written order (the scalar reader's canonical form would reorder
/// them). Juxtaposition is the matrix product; `^T`, `^\top`,
/// `^{\mathsf{T}}` transpose; `\odot` is the Hadamard product; `\sigma(…)`,
/// `\sigma'(…)` and the other table functions apply entrywise;
/// `\|v\|^2` is the squared norm; `\frac{\partial L}{\partial \mathbf{W}}`
/// is a gradient, shaped like W.
struct MatrixFormulaReader {
    let tokens: [LatexLexer.Token]
    var scope: MatrixScope
    var i = 0
    var depth = 0
    var norms = 0
    static let maxDepth = 200

    init(_ tokens: [LatexLexer.Token], scope: MatrixScope) {
        self.tokens = tokens.filter { !MatrixFormulaReader.spacing.contains(commandName($0) ?? "") }
        self.scope = scope
    }

    static let spacing: Set<String> = [",", ";", "!", " ", ":", "quad", "qquad", "left", "right", "big", "Big", "bigl", "bigr", "displaystyle"]
    static let decorations: [String: String] = ["hat": "_hat", "tilde": "_tilde", "bar": "_bar", "overline": "_bar"]
    static let bold: Set<String> = ["mathbf", "boldsymbol", "bm", "vec", "mathbold"]
    static let functions: [String: String] = ["sigma": "sigmoid", "tanh": "tanh", "exp": "exp", "log": "log", "ln": "log"]
    static let transposeMarks: Set<String> = ["T", "top", "intercal", "mathsfT", "mathrmT", "mathsftop"]

    var token: LatexLexer.Token { tokens[min(i, tokens.count - 1)] }
    var kind: LatexLexer.Kind { token.kind }

    func fail(_ message: String) -> MatrixReadError { MatrixReadError(message: message, offset: token.offset) }

    // MARK: Names

    /// A name at the cursor: a letter or Greek command, bold or decorated,
    /// with its subscript and a parenthesised superscript index
    /// (`\mathbf{W}^{(1)}` is `W1`). Nil (cursor unmoved) when none starts here.
    mutating func name() throws -> (key: String, bold: Bool)? {
        let start = i
        var base: String, bold = false, suffix = ""
        var wrappers = 0
        // `\hat{\mathbf{y}}`: decorations and bold around the letter, unwrapped without recursion.
        while case .command(let c) = kind, MatrixFormulaReader.bold.contains(c) || MatrixFormulaReader.decorations[c] != nil,
              i + 1 < tokens.count, tokens[i + 1].kind == .open {
            if MatrixFormulaReader.bold.contains(c) { bold = true } else { suffix = MatrixFormulaReader.decorations[c]! + suffix }
            i += 2
            wrappers += 1
        }
        switch kind {
        case .letter(let c): base = String(c)
        case .command(let c) where MatrixFormulaReader.greek.contains(c): base = c
        default:
            i = start
            return nil
        }
        i += 1
        for _ in 0..<wrappers {
            guard kind == .close else { i = start; return nil }
            i += 1
        }
        var key = base + suffix
        if case .symbol("_") = kind {
            i += 1
            key += "_" + (try groupText())
        }
        // `^{(1)}`, `^{[l]}`: an index, part of the name.
        if case .symbol("^") = kind, i + 2 < tokens.count, tokens[i + 1].kind == .open,
           tokens[i + 2].kind == .symbol("(") || tokens[i + 2].kind == .symbol("[") {
            i += 1
            key += "^" + (try groupText())
        }
        return (key, bold)
    }

    /// The text of a group `{…}` or one token, without spaces or braces.
    mutating func groupText() throws -> String {
        var text = ""
        if kind == .open {
            var level = 0
            repeat {
                if kind == .end { throw fail("a group is not closed") }
                if kind == .open { level += 1 } else if kind == .close { level -= 1 } else { text += token.text.trimmingPrefix("\\") }
                i += 1
            } while level > 0
        } else {
            if kind == .end { throw fail("a subscript or superscript is missing") }
            text = String(token.text.trimmingPrefix("\\"))
            i += 1
        }
        return text.filter { !$0.isWhitespace }
    }

    /// The shaped (or scalar) leaf a name stands for.
    mutating func leaf(_ key: String, bold: Bool) -> MatrixExpr {
        if !bold, scope.bold.contains(key) {
            scope.scalarsUsed.insert(key)
            return .scalar(.symbol(key))
        }
        if let value = scope.definition(key) { return .symbol(key, shape: scope.resolve(value.shape)) }
        if let shape = scope.declared[key] { return .symbol(key, shape: scope.resolve(shape)) }
        guard bold else {
            scope.scalarsUsed.insert(key)
            return .scalar(.symbol(key))
        }
        scope.bold.insert(key)
        let upper = key.first.map { $0.isUppercase } ?? false
        // Named after the symbol, so a report's "holds at sizes m_W=2, n_W=3" says whose size it is.
        let shape = upper ? Shape(rows: scope.freeDimension("m_\(key)"), columns: scope.freeDimension("n_\(key)"))
            : Shape.vector(scope.freeDimension("n_\(key)"))
        scope.declared[key] = shape
        return .symbol(key, shape: shape)
    }

    // MARK: Expressions

    mutating func side() throws -> MatrixExpr {
        let e = try sum()
        guard kind == .end else { throw fail("unexpected '\(token.text)' in a matrix formula") }
        return e
    }

    mutating func sum() throws -> MatrixExpr {
        depth += 1
        defer { depth -= 1 }
        if depth > MatrixFormulaReader.maxDepth { throw fail("the formula is nested more than \(MatrixFormulaReader.maxDepth) deep") }
        var e = try product()
        while case .symbol(let c) = kind, c == "+" || c == "-" {
            i += 1
            let rhs = try product()
            e = try combine(e, rhs) { c == "+" ? try $0 + $1 : try $0 - $1 }
        }
        return e
    }

    mutating func product() throws -> MatrixExpr {
        var e = try unary()
        while true {
            switch kind {
            case .command("odot"), .command("circ"):
                i += 1
                let rhs = try unary()
                e = try combine(e, rhs) { try $0 ⊙ $1 }
            case .command("cdot"), .command("times"), .symbol("*"):
                i += 1
                let rhs = try unary()
                e = try multiply(e, rhs)
            case .symbol("/"):
                i += 1
                let rhs = try unary()
                guard let c = rhs.scalarValue else { throw fail("dividing by a matrix or a vector is not supported") }
                e = e / c
            default:
                guard startsOperand else { return e }
                let rhs = try unary()
                e = try multiply(e, rhs)
            }
        }
    }

    var startsOperand: Bool {
        switch kind {
        case .letter, .number, .symbol("("), .symbol("["), .command("lVert"): return true
        // Inside a norm a `\|` closes it.
        case .command("|"): return norms == 0
        case .command(let c):
            return MatrixFormulaReader.greek.contains(c) || MatrixFormulaReader.bold.contains(c) || MatrixFormulaReader.decorations[c] != nil
                || MatrixFormulaReader.functions[c] != nil || c == "frac" || c == "operatorname" || c == "text" || c == "mathrm"
        default: return false
        }
    }

    mutating func unary() throws -> MatrixExpr {
        if case .symbol("-") = kind {
            i += 1
            return -(try unary())
        }
        return try postfix()
    }

    mutating func postfix() throws -> MatrixExpr {
        var e = try primary()
        while case .symbol("^") = kind {
            i += 1
            let mark = try groupText()
            if MatrixFormulaReader.transposeMarks.contains(mark) {
                e = e.T
            } else if let n = Int(mark), e.shape.isScalar {
                e = pow(e, Expr(integerLiteral: n))
            } else {
                throw fail("the power ^\(mark) of a \(e.shape) expression is ambiguous: write \\|v\\|^2 or \\odot")
            }
        }
        return e
    }

    mutating func primary() throws -> MatrixExpr {
        switch kind {
        case .number(let digits):
            guard let n = Int(digits) else { throw fail("decimals are not supported in a matrix formula") }
            i += 1
            return .scalar(Expr(integerLiteral: n))
        case .symbol("("), .symbol("["):
            let close: Character = kind == .symbol("(") ? ")" : "]"
            i += 1
            let e = try sum()
            guard kind == .symbol(close) else { throw fail("expected '\(close)'") }
            i += 1
            return e
        case .command("|"), .command("lVert"):
            let close = kind
            i += 1
            norms += 1
            let e = try sum()
            norms -= 1
            guard kind == close || close == .command("lVert") && kind == .command("rVert") else { throw fail("the norm is not closed") }
            i += 1
            if case .symbol("_") = kind {
                i += 1
                let which = try groupText()
                guard which == "2" || which == "F" else { throw fail("only the 2-norm and the Frobenius norm are supported") }
            }
            guard case .symbol("^") = kind else { throw fail("a norm is supported squared only: \\|v\\|^2") }
            i += 1
            guard try groupText() == "2" else { throw fail("a norm is supported squared only: \\|v\\|^2") }
            return normSquared(e)
        case .command("frac"):
            i += 1
            return try fraction()
        case .command("operatorname"), .command("text"), .command("mathrm"):
            i += 1
            let word = try groupText().lowercased()
            guard let f = Function.named(word) else { throw fail("\(word) is not a function symdiff knows") }
            return try application(f)
        case .command(let c) where MatrixFormulaReader.functions[c] != nil:
            i += 1
            return try application(Function.named(MatrixFormulaReader.functions[c]!)!)
        default:
            guard let (key, bold) = try name() else { throw fail("'\(token.text)' cannot be read in a matrix formula") }
            let e = leaf(key, bold: bold)
            // `f(\mathbf{w})`: an application of a function, not f times w.
            if e.scalarValue != nil, kind == .symbol("(") { throw fail("\(key)(…) may be a function: left to the scalar reader") }
            return e
        }
    }

    /// `f(…)` or `f'(…)` applied entrywise.
    mutating func application(_ f: Function) throws -> MatrixExpr {
        var derivative = false
        if case .symbol("'") = kind { derivative = true; i += 1 }
        guard kind == .symbol("(") || kind == .symbol("[") else { throw fail("\(f.name) needs its argument in brackets") }
        let argument = try primary()
        do {
            return derivative ? try MatrixExpr.applyDerivative(f, argument) : try MatrixExpr.apply(f, argument)
        } catch { throw fail("\(error)") }
    }

    /// `\frac{a}{c}` with a scalar c, or `\frac{\partial L}{\partial \mathbf{W}}`.
    mutating func fraction() throws -> MatrixExpr {
        guard kind == .open else { throw fail("\\frac needs two groups") }
        if i + 1 < tokens.count, tokens[i + 1].kind == .command("partial") {
            i += 2
            guard let (loss, _) = try name(), kind == .close else { throw fail("expected ∂ of one name") }
            i += 1
            guard kind == .open, i + 1 < tokens.count, tokens[i + 1].kind == .command("partial") else { throw fail("expected \\partial below") }
            i += 2
            guard let (variable, bold) = try name(), kind == .close else { throw fail("expected ∂ of one name below") }
            i += 1
            return try gradient(loss, variable, bold: bold)
        }
        let numerator = try group()
        let denominator = try group()
        guard let c = denominator.scalarValue else { throw fail("dividing by a matrix or a vector is not supported") }
        return numerator / c
    }

    mutating func group() throws -> MatrixExpr {
        guard kind == .open else { throw fail("expected a group {…}") }
        i += 1
        let e = try sum()
        guard kind == .close else { throw fail("expected '}'") }
        i += 1
        return e
    }

    /// ∂L/∂X with L expanded down to X (and X written back when X is itself defined).
    mutating func gradient(_ loss: String, _ variable: String, bold: Bool) throws -> MatrixExpr {
        guard scope.definition(loss) != nil else { throw fail("\(loss) is not defined before its derivative") }
        let x = leaf(variable, bold: bold)
        guard x.symbolName != nil, !x.shape.isScalar || scope.isShaped(variable) else {
            throw fail("\(variable) has no shape: declare it (\\in \\mathbb{R}^{…})")
        }
        do { return try scope.partial(loss, x) } catch { throw fail("\(error)") }
    }

    // MARK: Shapes

    /// A sum or a Hadamard product, first making free sizes agree.
    mutating func combine(_ a: MatrixExpr, _ b: MatrixExpr, _ op: (MatrixExpr, MatrixExpr) throws -> MatrixExpr) throws -> MatrixExpr {
        // A column vector beside a matrix is a broadcast bias, not a reason to fix sizes.
        if !a.shape.isScalar, !b.shape.isScalar, a.shape != b.shape, a.shape.isColumnVector == b.shape.isColumnVector {
            let rows = scope.unify(a.shape.rows, b.shape.rows)
            let columns = scope.unify(a.shape.columns, b.shape.columns)
            if rows || columns { throw MatrixSizesChanged() }
        }
        do { return try op(a, b) } catch { throw fail("\(error)") }
    }

    mutating func multiply(_ a: MatrixExpr, _ b: MatrixExpr) throws -> MatrixExpr {
        if !a.shape.isScalar, !b.shape.isScalar, scope.unify(a.shape.columns, b.shape.rows) { throw MatrixSizesChanged() }
        do { return try a * b } catch { throw fail("\(error)") }
    }

    static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "pi", "rho", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi",
        "Pi", "Sigma", "Phi", "Psi", "Omega", "ell",
    ]
}

private func commandName(_ t: LatexLexer.Token) -> String? {
    if case .command(let c) = t.kind { return c } else { return nil }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
