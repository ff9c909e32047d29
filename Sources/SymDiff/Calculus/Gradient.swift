/// Reverse-mode (adjoint) differentiation over the DAG.
///
/// One backward sweep gives the partial derivatives with respect to every
/// variable. The adjoints are expressions that reuse the forward nodes
/// (`d sigmoid(u) = s*(1 - s)` with `s` the existing node), so the gradient
/// stays within a small constant of the function's size — the cheap-gradient
/// principle — where per-variable `diff` would rebuild the chain once per
/// variable.
extension Expr {
    /// ∂self/∂v for every `v` in `variables`, by reverse accumulation.
    ///
    /// ```swift
    /// let loss = (w * x + b - t) ** 2 / 2
    /// let g = try loss.reverseModeGradient([w, b])   // [x*(b + w*x - t), b + w*x - t]
    /// ```
    ///
    /// - Complexity: O(distinct nodes × largest product arity).
    public func reverseModeGradient(_ variables: [Expr]) throws -> [Expr] {
        for v in variables where !v.isSymbol {
            throw SymDiffError.invalidVariable("'\(v)' is not a symbol")
        }
        var budget = try WorkBudget(operation: "gradient", for: self)
        let order = postOrder()
        let wanted = Set(variables)
        // Only nodes that depend on a wanted variable receive adjoints.
        let relevant = Expr.fold(over: order) { node, operandsRelevant in
            wanted.contains(node) || operandsRelevant.contains(true)
        }
        var contributions: [ObjectIdentifier: [Expr]] = [:]
        var adjoints: [Expr: Expr] = [:]
        if relevant[ObjectIdentifier(node)]! { contributions[ObjectIdentifier(node)] = [.one] }

        // The backward sweep: adjoints are collected as lists and summed once
        // per node, so canonicalisation runs once per node, not per contribution.
        for node in order.reversed() {
            let id = ObjectIdentifier(node.node)
            guard let parts = contributions.removeValue(forKey: id) else { continue }
            let adjoint = Expr.add(parts)
            try budget.charge(adjoint)
            if node.isSymbol {
                adjoints[node] = adjoint
                continue
            }
            if adjoint.isZero { continue }
            for (i, operand) in node.arguments.enumerated() where relevant[ObjectIdentifier(operand.node)]! {
                contributions[ObjectIdentifier(operand.node), default: []].append(node.chainTerm(i, seed: adjoint))
            }
        }
        return variables.map { adjoints[$0] ?? .zero }
    }
}
