extension Expr {
    /// The kinks of the piecewise functions in `roots` (the arguments whose
    /// sign picks a branch: `x` for `relu(x)`, `a - b` for `Max(a, b)`), in
    /// post-order, once per node that has them. Sampling puts points on both
    /// sides of each; reports name the signs at a counterexample.
    ///
    /// ```swift
    /// Expr.kinks(in: [try Expr.parse("relu(x - 1)")])   // [x - 1]
    /// ```
    public static func kinks(in roots: [Expr]) -> [Expr] {
        kinks(inPostOrder: postOrder(roots))
    }

    /// The same for nodes already listed in post-order (a caller that walks
    /// the DAG anyway need not walk it twice).
    static func kinks(inPostOrder order: [Expr]) -> [Expr] {
        order.flatMap { node -> [Expr] in
            guard let f = node.function, let kinks = f.kinks else { return [] }
            return kinks(node.arguments)
        }
    }
}
