/// The rewrite rules `simplify` uses, grouped by theme. Each rule is an
/// identity of real functions wherever both sides are defined.
public enum SimplificationRules {
    /// Recognise the logistic sigmoid in its exp forms.
    public static let sigmoid: [RewriteRule] = [
        // (1 + exp(v))**(-k) → sigmoid(-v)**k, since 1/(1 + e^v) = σ(-v).
        RewriteRule("sigmoid-from-reciprocal") { e in
            guard e.kind == .pow, let k = e.arguments[1].numberValue?.asInt, k < 0 else { return nil }
            guard let v = onePlusExp(e.arguments[0]) else { return nil }
            return .pow(Expr.apply(.sigmoid, [-v]), .number(-k))
        },
        // exp(w)*sigmoid(-w)**k → sigmoid(w)*sigmoid(-w)**(k-1), since e^w/(1 + e^w) = σ(w).
        RewriteRule("sigmoid-from-exp-ratio") { e in
            guard e.kind == .mul else { return nil }
            let factors = e.arguments
            for (i, f) in factors.enumerated() where f.function == .exp {
                let w = f.arguments[0]
                for (j, g) in factors.enumerated() where j != i {
                    let (base, exponent) = g.asPower
                    guard base.function == .sigmoid, (base.arguments[0] + w).isZero,
                          let k = exponent.numberValue?.asInt, k >= 1 else { continue }
                    var rest = factors.enumerated().filter { $0.offset != i && $0.offset != j }.map(\.element)
                    rest.append(Expr.apply(.sigmoid, [w]))
                    rest.append(.pow(base, .number(Number(k - 1))))
                    return .mul(rest)
                }
            }
            return nil
        },
    ]

    /// Presentation, applied after recognition: results read in terms of σ(u).
    public static let presentation: [RewriteRule] = [
        // sigmoid(-u) → 1 - sigmoid(u)
        RewriteRule("sigmoid-of-negative") { e in
            guard e.function == .sigmoid, e.arguments[0].printsNegative else { return nil }
            return 1 - Expr.apply(.sigmoid, [-e.arguments[0]])
        },
    ]

    /// Recognise tanh: (e^w − 1)·σ(−w) = (e^w − 1)/(e^w + 1) = tanh(w/2).
    public static let tanh: [RewriteRule] = [
        RewriteRule("tanh-from-exp-ratio") { e in
            guard e.kind == .mul else { return nil }
            let factors = e.arguments
            for (i, f) in factors.enumerated() {
                guard f.kind == .add, f.arguments.count == 2, f.arguments[0] == .minusOne,
                      f.arguments[1].function == .exp else { continue }
                let w = f.arguments[1].arguments[0]
                for (j, g) in factors.enumerated() where j != i {
                    guard g.function == .sigmoid, (g.arguments[0] + w).isZero else { continue }
                    var rest = factors.enumerated().filter { $0.offset != i && $0.offset != j }.map(\.element)
                    rest.append(Expr.apply(.tanh, [w / 2]))
                    return .mul(rest)
                }
            }
            return nil
        },
    ]

    /// The recognition rules, in the order `simplify` tries them.
    public static let recognition: [RewriteRule] = tanh + sigmoid

    /// `v` when `e` is `1 + exp(v)`.
    static func onePlusExp(_ e: Expr) -> Expr? {
        guard e.kind == .add, e.arguments.count == 2, e.arguments[0].isOne,
              e.arguments[1].function == .exp else { return nil }
        return e.arguments[1].arguments[0]
    }
}
