/// A second form for the prover, tried when the first finds no proof: the
/// laws of logarithms and powers that hold for real numbers, written so that
/// each rewrite is defined and equal wherever the original is defined.
///
/// - `log(u)` → `log(|u|)`, and `log(|c·f^k·g|)` → `log|c| + k·log|f| + log|g|`
///   (where `log(u)` is defined, `u > 0`, so `u = |u|` and the product laws hold);
/// - `exp(k·log|f| + r)` → `|f|^k·exp(r)` (`|f| > 0` where the log is defined);
/// - `(u^n)^m` with n even → `|u|^(n·m)`, and `|u|^n` with n even → `u^n`.
///
/// Because every rewrite keeps the value and does not shrink the domain, a
/// difference that this form reduces to zero is zero wherever both original
/// sides are defined: a proof here is as sound as the first normal form's.
/// (`log(x**2)` → `2·log(x)` would not be: at x = −1 the left side is defined
/// and the right is not, and `exp(log(x**2)/2)` would "equal" x.)
///
/// ```swift
/// // log(x*y) == log(x) + log(y), exp(2*log(x**2 + 1)) == (x**2 + 1)**2, sqrt(x**2) == Abs(x)
/// ```
enum RealLogarithms {
    static func rewrite(_ e: Expr) -> Expr {
        // sigmoid, tanh, ... first, so their logs are logs of exp/log forms.
        NormalForm.rewriteFunctions(e).transformed { node, args in
            let rebuilt = node.rebuilt(with: args)
            if rebuilt.function == Function.log { return logarithm(of: rebuilt.arguments[0]) }
            if rebuilt.function == Function.exp { return exponential(of: rebuilt.arguments[0]) }
            if rebuilt.isPow { return power(rebuilt) }
            return rebuilt
        }
    }

    /// log|u| as a sum of logs of its factors' absolute values.
    private static func logarithm(of u: Expr) -> Expr {
        var terms: [Expr] = []
        for factor in u.isMul ? u.arguments : [u] {
            var (base, k) = (factor, Expr.one)
            if factor.isPow, factor.arguments[1].isNumber { (base, k) = (factor.arguments[0], factor.arguments[1]) }
            if base.function == Function.abs { base = base.arguments[0] }
            terms.append(k * Expr.log(Expr.apply(.abs, [base])))
        }
        return Expr.add(terms)
    }

    /// exp of a sum: each `k·log|f|` term becomes the factor |f|^k.
    private static func exponential(of argument: Expr) -> Expr {
        var factors: [Expr] = []
        var rest: [Expr] = []
        for term in argument.isAdd ? argument.arguments : [argument] {
            let (k, t) = term.asCoefficientAndTerm
            if t.function == Function.log, t.arguments[0].function == Function.abs {
                factors.append(power(Expr.pow(t.arguments[0], .number(k))))
            } else {
                rest.append(term)
            }
        }
        if factors.isEmpty { return Expr.exp(argument) }
        return Expr.mul(factors + [Expr.exp(Expr.add(rest))])
    }

    /// Even powers: `(u^n)^m` = `|u|^(n·m)` and `|u|^n` = `u^n` for even integers n.
    private static func power(_ p: Expr) -> Expr {
        guard p.isPow else { return p }
        let (base, exponent) = (p.arguments[0], p.arguments[1])
        guard let m = exponent.numberValue?.asRational else { return p }
        if base.function == Function.abs, m.isInteger, isEven(m) { return Expr.pow(base.arguments[0], exponent) }
        if base.isPow, let n = base.arguments[1].numberValue?.asRational, isEven(n) {
            let inner = isEven(n * m) ? base.arguments[0] : Expr.apply(.abs, [base.arguments[0]])
            return Expr.pow(inner, .number(.rational(n * m)))
        }
        return p
    }

    private static func isEven(_ r: Rational) -> Bool {
        r.isInteger && (r / Rational(2)).isInteger
    }
}
