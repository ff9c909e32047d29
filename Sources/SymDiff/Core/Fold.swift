/// Bottom-up computation over the DAG: the memo loop every algorithm over
/// expressions needs, written once.
///
/// `combine` sees each distinct node once, children before parents, with the
/// results already computed for its operands (in operand order; an operand
/// that occurs twice, as in `x**x`, gets its result twice). Shared nodes are
/// computed once, and nothing recurses, so expressions of any depth are safe.
extension Expr {
    /// The result of `combine` at `self`, built bottom-up over the DAG.
    ///
    /// ```swift
    /// // The number of nodes written out as a tree (shared nodes once per use):
    /// let size = f.fold { _, children in children.reduce(1, +) }
    /// ```
    ///
    /// - Complexity: O(distinct nodes) calls of `combine`.
    public func fold<T>(_ combine: (Expr, [T]) throws -> T) rethrows -> T {
        try Expr.fold([self], combine)[0]
    }

    /// Like `fold`, for several roots sharing one memo: a node shared by two
    /// roots is computed once. The results are in the order of `roots`.
    ///
    /// ```swift
    /// let heights: [Int] = Expr.fold([f, g]) { _, children in 1 + (children.max() ?? 0) }
    /// ```
    public static func fold<T>(_ roots: [Expr], _ combine: (Expr, [T]) throws -> T) rethrows -> [T] {
        let memo = try fold(over: postOrder(roots), combine)
        return roots.map { memo[ObjectIdentifier($0.node)]! }
    }

    /// The results for every node of `order`, which must list children
    /// before parents (as `postOrder` does). For callers that need the order
    /// itself too, such as a backward sweep over the same nodes.
    static func fold<T>(over order: [Expr], _ combine: (Expr, [T]) throws -> T) rethrows -> [ObjectIdentifier: T] {
        var memo: [ObjectIdentifier: T] = [:]
        memo.reserveCapacity(order.count)
        // One buffer for every node's operand results: no allocation per node
        // unless `combine` keeps the array (then copy-on-write gives it its own).
        var children: [T] = []
        for node in order {
            children.removeAll(keepingCapacity: true)
            for child in node.node.children { children.append(memo[ObjectIdentifier(child.node)]!) }
            memo[ObjectIdentifier(node.node)] = try combine(node, children)
        }
        return memo
    }

    /// The number of nodes of `roots` written out as trees (a shared node
    /// counted once per use), saturating at `Int.max / 4`: the size a printer
    /// that does not share subexpressions writes.
    ///
    /// ```swift
    /// let s = x * y
    /// Expr.treeSize([s + exp(s)])   // 8: the sum, exp, and x*y written twice
    /// ```
    public static func treeSize(_ roots: [Expr]) -> Int {
        let cap = Int.max / 4
        return fold(roots) { _, children in children.reduce(1) { Swift.min($0 &+ $1, cap) } }
            .reduce(0) { Swift.min($0 &+ $1, cap) }
    }
}
