/// A named rewrite: an identity of real functions applied where it matches.
///
/// Rules are data, grouped by theme in `SimplificationRules`, and applied by
/// the small combinators below. "No change" is `nil`, distinct from a
/// rewrite that happens to return an equal expression.
///
/// ```swift
/// let rule = RewriteRule("log-of-one") { $0.function == .log && $0.arguments[0].isOne ? .zero : nil }
/// ```
public struct RewriteRule: Sendable {
    public let name: String
    public let apply: @Sendable (Expr) -> Expr?

    public init(_ name: String, _ apply: @escaping @Sendable (Expr) -> Expr?) {
        self.name = name
        self.apply = apply
    }
}

extension Expr {
    /// Applies `rules` at every node, bottom-up, until none fires (bounded
    /// by `passes` sweeps over the whole expression). Iterative and memoized.
    ///
    /// ```swift
    /// let e = try Expr.parse("1/(1 + exp(-z))")
    /// e.rewritten(by: SimplificationRules.sigmoid)   // sigmoid(z)
    /// ```
    public func rewritten(by rules: [RewriteRule], passes: Int = 4) -> Expr {
        var current = self
        for _ in 0..<passes {
            let next = current.transformed { node, args in
                var e = node.rebuilt(with: args)
                // A few local firings per node; new subterms are reached by the next sweep.
                for _ in 0..<8 {
                    guard let rewritten = rules.lazy.compactMap({ $0.apply(e) }).first, rewritten != e else { break }
                    e = rewritten
                }
                return e
            }
            if next == current { break }
            current = next
        }
        return current
    }
}
