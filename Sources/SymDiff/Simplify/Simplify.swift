/// `simplify`: the most readable of several equal forms.
extension Expr {
    /// A simpler expression with the same value wherever `self` is defined.
    ///
    /// Tries the expression as it is, expanded, and over a common denominator,
    /// applies `SimplificationRules.recognition` then `.presentation` to each
    /// (recognising sigmoid and tanh in their exp forms), and keeps the one
    /// with the fewest distinct nodes. Every candidate is built
    /// from identities, so the value never changes.
    ///
    /// ```swift
    /// try Expr.parse("exp(-z)/(1 + exp(-z))**2").simplify()   // sigmoid(z)*(1 - sigmoid(z))
    /// try Expr.parse("1/(1 + exp(-z))").simplify()            // sigmoid(z)
    /// ```
    public func simplify() -> Expr {
        func tidy(_ e: Expr) -> Expr {
            e.rewritten(by: SimplificationRules.recognition).rewritten(by: SimplificationRules.presentation)
        }
        // Earlier candidates win ties: the rewritten original reads most like the input.
        var candidates = [tidy(self), self]
        // Multiplying out exact numbers of thousands of bits costs a gcd per
        // coefficient (a minute for `(w + 9990**-1999)**6`, found by the
        // fuzzer): with such numbers only the rewritten forms are tried.
        let hugeNumbers = postOrder().contains { node in
            guard let r = node.numberValue?.asRational else { return false }
            return Swift.max(r.numerator.bitWidth, r.denominator.bitWidth) > Expr.simplifyNumberBitLimit
        }
        if !hugeNumbers {
            if let expanded = try? expand(termLimit: 2_000) { candidates.append(tidy(expanded)) }
            // Small budgets: simplify must stay quick; a candidate too costly to build is skipped.
            if let combined = try? together(operandLimit: 20_000) { candidates.append(tidy(combined)) }
        }
        var best = candidates[0]
        for candidate in candidates.dropFirst() where candidate.nodeCount < best.nodeCount { best = candidate }
        return best
    }

    /// Exact numbers wider than this (in bits) keep `simplify` from trying
    /// the expanded and common-denominator forms.
    static let simplifyNumberBitLimit = 512
}
