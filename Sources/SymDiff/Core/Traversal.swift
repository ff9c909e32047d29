/// The one traversal every algorithm is built on: an iterative post-order
/// walk over the distinct nodes of the DAG. Its cost follows the number of
/// distinct nodes, not the size of the unfolded tree, and it never recurses,
/// so expressions of any depth are safe.
extension Expr {
    /// The distinct nodes reachable from `self`, children before parents,
    /// in a deterministic order; `self` is last.
    ///
    /// - Complexity: O(distinct nodes).
    public func postOrder() -> [Expr] { Expr.postOrder([self]) }

    /// The distinct nodes reachable from any of `roots`, children first.
    public static func postOrder(_ roots: [Expr]) -> [Expr] {
        var order: [Expr] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Expr, Int)] = []
        for root in roots where !visited.contains(ObjectIdentifier(root.node)) {
            stack.append((root, 0))
            visited.insert(ObjectIdentifier(root.node))
            while !stack.isEmpty {
                let (e, next) = stack[stack.count - 1]
                let children = e.node.children
                if next < children.count {
                    stack[stack.count - 1].1 = next + 1
                    let child = children[next]
                    if visited.insert(ObjectIdentifier(child.node)).inserted {
                        stack.append((child, 0))
                    }
                } else {
                    order.append(e)
                    stack.removeLast()
                }
            }
        }
        return order
    }

    /// Rebuilds the expression bottom-up: `rule` receives each distinct node
    /// and its already-transformed operands, and returns the node's image.
    /// Shared nodes are transformed once.
    ///
    /// ```swift
    /// // Replace every sigmoid by its definition:
    /// let g = f.transformed { node, args in
    ///     node.function == .sigmoid ? 1 / (1 + exp(-args[0])) : node.rebuilt(with: args)
    /// }
    /// ```
    public func transformed(_ rule: (Expr, [Expr]) throws -> Expr) rethrows -> Expr {
        try fold(rule)
    }

    /// Like `transformed`, for several roots sharing one memo.
    public static func transformed(_ roots: [Expr], _ rule: (Expr, [Expr]) throws -> Expr) rethrows -> [Expr] {
        try fold(roots, rule)
    }
}
