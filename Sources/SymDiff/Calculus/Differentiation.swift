/// Symbolic differentiation by the chain rule over the DAG.
///
/// Each node's derivative is computed once from its operands' derivatives
/// (memoized on shared nodes, iterative), so the cost follows the number of
/// distinct nodes. The rules for functions come from the function table.
extension Expr {
    /// The derivative with respect to `variable`, `order` times.
    ///
    /// `variable` is usually a symbol. Any other non-constant expression is
    /// treated as an independent variable, as SymPy does with `diff(f, g(x))`:
    /// `(sin(u)**2).diff(sin(u))`. Numbers are an error.
    ///
    /// ```swift
    /// let z = Expr.symbol("z")
    /// try sigmoid(z).diff(z)           // sigmoid(z)*(1 - sigmoid(z))
    /// try (z ** 3).diff(z, order: 2)   // 6*z
    /// ```
    public func diff(_ variable: Expr, order: Int = 1) throws -> Expr {
        guard order >= 0 else { throw SymDiffError.invalidVariable("negative order \(order)") }
        if variable.isNumber {
            throw SymDiffError.invalidVariable("'\(variable)' is a number, not a variable")
        }
        if !variable.isSymbol {
            // Differentiate with respect to a subexpression: stand a fresh symbol in for it.
            let standIn = Expr.symbol(Expr.freshName(avoiding: [self, variable]))
            let replaced = self.substituting([variable: standIn])
            let result = try replaced.diff(standIn, order: order)
            return result.substituting([standIn: variable])
        }
        var result = self
        for _ in 0..<order { result = try result.derivative(withRespectTo: variable) }
        return result
    }

    /// Successive partial derivatives, like SymPy's `diff(f, x, y)`.
    ///
    /// ```swift
    /// try (x * x * y).diff(x, y)   // 2*x
    /// ```
    public func diff(_ first: Expr, _ second: Expr, _ more: Expr...) throws -> Expr {
        var result = try diff(first).diff(second)
        for v in more { result = try result.diff(v) }
        return result
    }

    /// One derivative with respect to a symbol: the forward chain rule, memoized.
    func derivative(withRespectTo x: Expr) throws -> Expr {
        var derivatives: [ObjectIdentifier: Expr] = [:]
        var budget = try WorkBudget(operation: "diff", for: self)
        func d(_ e: Expr) -> Expr { derivatives[ObjectIdentifier(e.node)]! }
        for node in postOrder() {
            let result: Expr
            switch node.kind {
            case .symbol: result = node == x ? .one : .zero
            case .number: result = .zero
            case .add:
                result = .add(node.arguments.map(d))
            case .mul:
                // Product rule: Σ_i f_i' Π_{j≠i} f_j, skipping constant factors.
                let factors = node.arguments
                var terms: [Expr] = []
                for (i, f) in factors.enumerated() {
                    let df = d(f)
                    if df.isZero { continue }
                    var others = factors
                    others[i] = df
                    terms.append(.mul(others))
                }
                result = .add(terms)
            case .pow:
                let (b, e) = (node.arguments[0], node.arguments[1])
                let (db, de) = (d(b), d(e))
                if de.isZero {
                    // Power rule: (b**e)' = e*b**(e - 1)*b'
                    result = db.isZero ? .zero : .mul([e, .pow(b, e - 1), db])
                } else if db.isZero {
                    // (b**e)' = b**e*log(b)*e'
                    result = .mul([node, .log(b), de])
                } else {
                    // (b**e)' = b**e*(e'*log(b) + e*b'/b)
                    result = .mul([node, .add([.mul([de, .log(b)]), .mul([e, db, .pow(b, .minusOne)])])])
                }
            case .apply(let f):
                var terms: [Expr] = []
                for (i, arg) in node.arguments.enumerated() {
                    let da = d(arg)
                    if da.isZero { continue }
                    terms.append(.mul([f.partial(node.arguments, i, node), da]))
                }
                result = .add(terms)
            }
            try budget.charge(result)
            derivatives[ObjectIdentifier(node.node)] = result
        }
        return d(self)
    }

    /// A symbol name that occurs in none of `expressions`.
    static func freshName(avoiding expressions: [Expr]) -> String {
        let used = Set(Expr.postOrder(expressions).compactMap(\.symbolName))
        var i = 0
        while used.contains("_d\(i)") { i += 1 }
        return "_d\(i)"
    }

    /// The gradient as a list of partial derivatives, one per variable.
    ///
    /// ```swift
    /// try (x * y).gradient([x, y])   // [y, x]
    /// ```
    public func gradient(_ variables: [Expr]) throws -> [Expr] {
        try reverseModeGradient(variables)
    }

    /// The Jacobian matrix: row i holds the partials of `functions[i]`.
    public static func jacobian(_ functions: [Expr], _ variables: [Expr]) throws -> [[Expr]] {
        try functions.map { f in try variables.map { try f.diff($0) } }
    }

    /// The Hessian matrix of second partials.
    public func hessian(_ variables: [Expr]) throws -> [[Expr]] {
        let first = try variables.map { try diff($0) }
        return try first.map { g in try variables.map { try g.diff($0) } }
    }
}
