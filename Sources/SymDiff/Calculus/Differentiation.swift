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
        var budget = try WorkBudget(operation: "diff", for: self)
        return try fold { node, derivatives in
            let result: Expr
            switch node.kind {
            case .symbol: result = node == x ? .one : .zero
            case .number: result = .zero
            case .add, .mul, .pow, .apply:
                // Operands that do not vary contribute nothing (and cost nothing).
                result = node.chainRule(derivatives.map { $0.isZero ? nil : $0 })
            }
            try budget.charge(result)
            return result
        }
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
