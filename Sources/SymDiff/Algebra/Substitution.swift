/// Simultaneous substitution, memoized over the DAG.
extension Expr {
    /// Replaces every occurrence of each key by its value, all at once
    /// (`x → y, y → x` swaps). Keys may be symbols or any subexpression;
    /// a replaced node's interior is not searched further.
    ///
    /// ```swift
    /// (x + y).substituting([x: y, y: x])   // x + y
    /// (sigmoid(z) * x).substituting([sigmoid(z): a])   // a*x
    /// ```
    public func substituting(_ replacements: [Expr: Expr]) -> Expr {
        if replacements.isEmpty { return self }
        return transformed { node, args in
            if let replacement = replacements[node] { return replacement }
            return node.rebuilt(with: args)
        }
    }

    /// Substitutes numbers for symbols by name.
    ///
    /// ```swift
    /// (x * y).substituting(["x": 2])   // 2*y
    /// ```
    public func substituting(_ values: [String: Expr]) -> Expr {
        substituting(Dictionary(uniqueKeysWithValues: values.map { (Expr.symbol($0.key), $0.value) }))
    }
}
