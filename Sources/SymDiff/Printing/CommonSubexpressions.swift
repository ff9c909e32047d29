/// Common subexpression elimination for printing, like SymPy's `cse`.
///
/// Expressions are DAGs already; this makes the sharing visible. Every
/// non-trivial node used more than once — by two parents, or by a parent and a
/// root, or by two roots — gets a name (`x0`, `x1`, ...), defined once in
/// terms of earlier names.
extension Expr {
    /// The shared subexpressions of `roots`, named in topological order, and the
    /// roots rewritten in terms of those names.
    ///
    /// ```swift
    /// let z = Expr.symbol("z")
    /// let s = sigmoid(z)
    /// let (definitions, results) = Expr.commonSubexpressions([s * (1 - s), s])
    /// // definitions: [("x0", sigmoid(z))]
    /// // results:     [x0*(1 - x0), x0]
    /// ```
    ///
    /// A node counts as used once per distinct parent (a named node's interior
    /// is counted once however often the name is used), and each occurrence in
    /// `roots` is a use. Symbols, numbers and numeric multiples of a symbol
    /// (`-x`, `2*x`) are never named. Names skip any symbol already in `roots`.
    /// Substituting the definitions back, last first, gives `roots` again.
    ///
    /// - Parameter prefix: the names' stem, `x` by default.
    /// - Complexity: O(distinct nodes × arity); iterative.
    public static func commonSubexpressions(_ roots: [Expr], prefix: String = "x")
        -> (definitions: [(name: String, value: Expr)], results: [Expr]) {
        let order = postOrder(roots)
        var uses: [Expr: Int] = [:]
        uses.reserveCapacity(order.count)
        for root in roots { uses[root, default: 0] += 1 }
        for node in order {
            for child in Set(node.arguments) { uses[child, default: 0] += 1 }
        }
        let taken = Set(order.compactMap(\.symbolName))
        var counter = 0
        func nextName() -> String {
            while taken.contains("\(prefix)\(counter)") { counter += 1 }
            defer { counter += 1 }
            return "\(prefix)\(counter)"
        }
        var definitions: [(name: String, value: Expr)] = []
        let results = Expr.transformed(roots) { node, args in
            let image = node.rebuilt(with: args)
            guard uses[node, default: 0] > 1, !node.isTrivialForSharing else { return image }
            let name = nextName()
            definitions.append((name, image))
            return .symbol(name)
        }
        return (definitions, results)
    }

    /// Leaves and `c*symbol`: naming them would not shorten anything.
    var isTrivialForSharing: Bool {
        switch kind {
        case .symbol, .number: return true
        case .mul: return arguments.count == 2 && arguments[0].isNumber && arguments[1].isSymbol
        default: return false
        }
    }
}
