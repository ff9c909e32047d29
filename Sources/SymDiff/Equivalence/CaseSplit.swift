/// Proofs that need a case split on a kink: `relu(z)*heaviside(z) == relu(z)`,
/// `Max(x, y) == (x + y + Abs(x - y))/2`.
///
/// The normal form treats relu, heaviside, Max and Abs as opaque atoms, which
/// is sound but cannot see that `relu(z)` is `z` wherever `heaviside(z)` is 1.
/// Here every piecewise atom is replaced by its branch (the function table's
/// `branches`) in each of the three cases of its kink's sign — positive,
/// negative, zero — and each case is proved by the normal form.
///
/// Why this is sound: at any point, each kink has one sign there, so the
/// point belongs to one case, and in that case every replaced atom equals its
/// branch at the point. The case's expression, proved zero as an identity of
/// all its variables, is zero at that point too. In the zero case the kink's
/// equation is used only when it can be solved exactly for one symbol with a
/// numeric coefficient (`x - y = 0` gives `x = y`), and that solution is
/// substituted; otherwise the split gives up ("not proved", never "proved").
/// Atoms inside other atoms' arguments are split first, from the inside out.
enum CaseSplit {
    /// Whether `e` is proved zero wherever it is defined, splitting on at most
    /// `caseLimit` cases in all.
    static func provesZero(_ e: Expr, termBudget: Int, caseLimit: Int = 81) -> Bool {
        var pending = [e]
        var cases = 0
        while let current = pending.popLast() {
            guard let kink = innermostKink(in: current) else {
                guard NormalForm.provesZero(current, termBudget: termBudget) == .zero else { return false }
                continue
            }
            cases += 3
            if cases > caseLimit { return false }
            for sign in [Sign.positive, .negative] {
                pending.append(replacing(kink, sign, in: current))
            }
            guard let (symbol, value) = solveLinear(kink) else { return false }
            pending.append(replacing(kink, .zero, in: current).substituting([symbol: value]))
        }
        return true
    }

    private enum Sign { case positive, negative, zero }

    /// The kink of a piecewise atom whose arguments hold no other piecewise atom.
    private static func innermostKink(in e: Expr) -> Expr? {
        var inner: [ObjectIdentifier: Bool] = [:]   // whether a node holds a piecewise atom
        for node in e.postOrder() {
            let below = node.arguments.contains { inner[ObjectIdentifier($0.node)]! }
            if let f = node.function, let branches = f.branches, !below {
                return branches(node.arguments).kink
            }
            inner[ObjectIdentifier(node.node)] = below || (node.function?.isPiecewise ?? false)
        }
        return nil
    }

    /// `e` with every piecewise atom whose kink is a numeric multiple of
    /// `kink` (`x`, `-x`, `9*x/10`) replaced by its branch for the sign of `kink`.
    private static func replacing(_ kink: Expr, _ sign: Sign, in e: Expr) -> Expr {
        let wanted = direction(kink)
        return e.transformed { node, args in
            let rebuilt = node.rebuilt(with: args)
            guard let f = rebuilt.function, let branches = f.branches else { return rebuilt }
            let b = branches(rebuilt.arguments)
            let own = direction(b.kink)
            guard own.base == wanted.base else { return rebuilt }
            switch sign {
            case .zero: return b.zero
            case .positive: return own.flipped == wanted.flipped ? b.positive : b.negative
            case .negative: return own.flipped == wanted.flipped ? b.negative : b.positive
            }
        }
    }

    /// A kink as a positive or negative multiple of a base whose first
    /// non-constant term has coefficient 1 (`2*y - 2*x` is -2·(x - y)), so
    /// kinks with the same sign everywhere are recognised as one.
    private static func direction(_ kink: Expr) -> (base: Expr, flipped: Bool) {
        var (scale, base) = kink.asCoefficientAndTerm
        if base.isAdd, let lead = base.arguments.first(where: { !$0.isNumber }) {
            let c = lead.asCoefficientAndTerm.coefficient
            if let inverse = c.reciprocal, !c.isZero {
                base = base * Expr.number(inverse)
                scale = scale * c
            }
        }
        return (base, scale.isNegative)
    }

    /// A symbol s and the value it takes where `kink` is 0, when `kink` is
    /// c·s + r with c a nonzero number and r free of s.
    private static func solveLinear(_ kink: Expr) -> (Expr, Expr)? {
        let terms = kink.isAdd ? kink.arguments : [kink]
        for (i, term) in terms.enumerated() {
            let (c, s) = term.asCoefficientAndTerm
            guard s.isSymbol, !c.isZero, let inverse = c.reciprocal else { continue }
            var rest = terms
            rest.remove(at: i)
            let r = Expr.add(rest)
            if r.contains(s) { continue }
            return (s, -r * Expr.number(inverse))
        }
        return nil
    }
}
