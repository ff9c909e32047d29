/// The local derivative rules: how a node changes with each of its operands.
///
/// Forward `diff` and reverse-mode `gradient` differ only in what they
/// multiply a local partial by — the operand's derivative going forward, the
/// node's adjoint going backward — so both call `chainTerm`, and the rules for
/// sums, products, powers and the function table exist only here.
extension Expr {
    /// `seed · ∂self/∂(operand i)`, built as one canonical expression.
    ///
    /// - sum: `seed`;
    /// - product: the product with factor i replaced by `seed` (the other
    ///   factors are reused, so no quotient and no extra node per factor);
    /// - `b**e`: `seed·e·b**(e - 1)` for the base, `seed·b**e·log(b)` for the
    ///   exponent (reusing the node itself);
    /// - function application: `seed` times the table's partial, which reuses
    ///   the node (`exp' = exp`, `sigmoid' = s·(1 - s)`).
    ///
    /// ```swift
    /// let p = x * y * z
    /// p.chainTerm(1, seed: .one)          // x*z
    /// exp(x).chainTerm(0, seed: y)        // y*exp(x)
    /// ```
    ///
    /// - Precondition: `i` is an index of `arguments` (a leaf has none).
    /// - Complexity: O(arity) for products, otherwise O(1) plus canonicalisation.
    public func chainTerm(_ i: Int, seed: Expr) -> Expr {
        let args = arguments
        switch kind {
        case .symbol, .number:
            preconditionFailure("chainTerm: a leaf has no operands")
        case .add:
            return seed
        case .mul:
            var others = args
            others[i] = seed
            return .mul(others)
        case .pow:
            let (b, e) = (args[0], args[1])
            return i == 0 ? .mul([seed, e, .pow(b, e - 1)]) : .mul([seed, self, .log(b)])
        case .apply(let f):
            return .mul([seed, f.partial(args, i, self)])
        }
    }

    /// The derivative of this node given its operands' derivatives (`nil`
    /// for an operand that does not vary): the forward chain rule
    /// `Σ_i chainTerm(i, seed: d_i)`.
    ///
    /// When both the base and the exponent of a power vary, the two terms
    /// share the factor `b**e`; it is factored out, as SymPy writes it:
    /// `(x**x)' = x**x*(log(x) + 1)`.
    func chainRule(_ derivatives: [Expr?]) -> Expr {
        if kind == .pow, let db = derivatives[0], let de = derivatives[1] {
            let (b, e) = (arguments[0], arguments[1])
            // b**e·(e'·log(b) + e·b'/b): the two chain terms divided by b**e.
            return .mul([self, .add([.mul([de, .log(b)]), .mul([e, db, .pow(b, .minusOne)])])])
        }
        var terms: [Expr] = []
        for (i, d) in derivatives.enumerated() {
            if let d { terms.append(chainTerm(i, seed: d)) }
        }
        return .add(terms)
    }
}
