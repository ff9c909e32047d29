/// Rewrites an expression in terms of defined names: the inverse of inlining,
/// used to show derivatives in backpropagation form.
///
/// Bottom-up over the DAG, each subexpression equal to a definition becomes
/// its name (`W1*x + b1` → `z1`, then `sigmoid(z1)` → `a1`). Two partial
/// matches make the common cases read well:
/// - a sum holding all of a defined sum's terms, all scaled by one number:
///   `b2 + W2*a1 - target` → `y - target`, `y - b - w*x` → `y - yhat`, `2*x + 2` → `2*u`;
/// - a product holding a defined product's factors (two or more) raised to one integer power k:
///   with `p1 = exp(z1)/S`, `y2*exp(z1)/S` → `p1*y2` and `exp(2*z1)/S**2` → `p1**2`.
///
/// A negative product with a single sum factor takes the sign into the sum
/// (`-x*(y - yhat)` → `x*(yhat - y)`). Every rewrite replaces a subexpression
/// by an equal one (a name defined as exactly that subexpression, or a
/// regrouping), so the result is equal to the input.
struct Folding {
    private var exact: [Expr: Expr] = [:]
    private var sums: [(terms: [Expr], name: Expr)] = []
    private var products: [(factors: [(base: Expr, exponent: Rational)], name: Expr)] = []
    private var regrouping = true

    /// `definitions`: (name, held expression) in definition order. Without
    /// `regrouping` only whole subexpressions fold (no partial sums or
    /// products, no sign moved).
    init(definitions: [(String, Expr)], regrouping: Bool = true) {
        self.regrouping = regrouping
        for (name, held) in definitions where !held.isSymbol && !held.isNumber {
            let symbol = Expr.symbol(name)
            if exact[held] == nil { exact[held] = symbol }
            guard regrouping else { continue }
            if held.isAdd {
                sums.append((held.arguments, symbol))
            } else if held.numberValue == nil, held.asCoefficientAndTerm.coefficient.isOne {
                // A single factor folds only exactly: `1/u**2` stays, rather than becoming `s**2` for s = 1/u.
                guard let factors = Folding.factors(held), factors.count >= 2 else { continue }
                products.append((factors, symbol))
            }
        }
    }

    func apply(_ e: Expr) -> Expr {
        if exact.isEmpty { return e }
        return e.transformed { node, args in
            var current = node.rebuilt(with: args)
            if let name = exact[current] { return name }
            guard regrouping else { return current }
            if current.isAdd { current = foldSum(current) }
            if !current.isAdd && !current.isSymbol && !current.isNumber { current = foldProduct(current) }
            current = absorbSign(current)
            return exact[current] ?? current
        }
    }

    private func foldSum(_ sum: Expr) -> Expr {
        var terms = sum.arguments
        var changed = false
        for (sumTerms, name) in sums where sumTerms.count <= terms.count {
            // The defined sum's terms all scaled by one number c, fixed by the
            // first term: `y - b - w*x` holds -(b + w*x), `2*x + 2` holds 2*(x + 1).
            let (c0, t0) = sumTerms[0].asCoefficientAndTerm
            guard let first = terms.first(where: { $0.asCoefficientAndTerm.term == t0 }),
                  let inverse = c0.reciprocal else { continue }
            let c = first.asCoefficientAndTerm.coefficient * inverse
            if c.isZero { continue }
            var remaining = terms
            var found = true
            for t in sumTerms {
                let (k, m) = t.asCoefficientAndTerm
                let wanted = k * c
                guard let i = remaining.firstIndex(where: { $0.asCoefficientAndTerm == (wanted, m) }) else { found = false; break }
                remaining.remove(at: i)
            }
            // The whole sum at c = 1 is the exact rule's job.
            if found && !(remaining.isEmpty && c.isOne) {
                terms = remaining + [Expr.number(c) * name]
                changed = true
            }
        }
        return changed ? Expr.add(terms) : sum
    }

    /// A negative product reads better with the sign moved into its one sum
    /// factor without a constant term: `-x*(1 - s)*(y - s)` → `x*(1 - s)*(s - y)`,
    /// as the seeds write errors.
    private func absorbSign(_ e: Expr) -> Expr {
        guard e.isMul, let c = e.arguments[0].numberValue, c.isNegative else { return e }
        // Slopes such as `1 - a` keep their shape; the error term takes the sign.
        let sums = e.arguments.indices.filter { e.arguments[$0].isAdd && !e.arguments[$0].arguments.contains(where: \.isNumber) }
        guard sums.count == 1 else { return e }
        var factors = e.arguments
        factors[0] = .number(-c)
        let negated = foldSum(-factors[sums[0]])
        factors[sums[0]] = exact[negated] ?? negated
        return Expr.mul(factors)
    }

    private func foldProduct(_ e: Expr) -> Expr {
        guard !products.isEmpty, var factors = Folding.factors(e) else { return e }
        var coefficient = Expr.one
        if e.isMul, let c = e.arguments[0].numberValue {
            coefficient = .number(c)
            factors.removeFirst()
        }
        var changed = false
        for (wanted, name) in products where wanted.count <= factors.count {
            // The power k is fixed by the first wanted factor; the others must agree.
            guard let first = factors.firstIndex(where: { $0.base == wanted[0].base }) else { continue }
            let k = factors[first].exponent / wanted[0].exponent
            guard k.isInteger, !k.isZero else { continue }
            var remaining = factors
            var found = true
            for w in wanted {
                guard let i = remaining.firstIndex(where: { $0.base == w.base && $0.exponent == w.exponent * k }) else {
                    found = false
                    break
                }
                remaining.remove(at: i)
            }
            // A whole-expression match at k = 1 is the exact rule's job.
            if found && !(remaining.isEmpty && k == Rational(1)) {
                factors = remaining + [(name, k)]
                changed = true
            }
        }
        guard changed else { return e }
        return Expr.mul([coefficient] + factors.map { Expr.pow($0.base, .number(.rational($0.exponent))) })
    }

    /// A product as (base, exact exponent) factors; `exp(c*t)` counts as `exp(t)**c`
    /// so exponentials match whatever power they appear in. `nil` for a
    /// factor with a symbolic or floating exponent (left alone).
    static func factors(_ e: Expr) -> [(base: Expr, exponent: Rational)]? {
        var result: [(base: Expr, exponent: Rational)] = []
        for f in e.isMul ? e.arguments : [e] {
            if f.isNumber { result.append((f, Rational(1))); continue }
            if f.isPow {
                guard let n = f.arguments[1].numberValue?.asRational else { return nil }
                result.append(split(f.arguments[0], n))
            } else {
                result.append(split(f, Rational(1)))
            }
        }
        return result
    }

    private static func split(_ base: Expr, _ exponent: Rational) -> (base: Expr, exponent: Rational) {
        if base.function == Function.exp {
            let (c, t) = base.arguments[0].asCoefficientAndTerm
            if let r = c.asRational, !r.isZero, !t.isNumber { return (Expr.exp(t), exponent * r) }
        }
        return (base, exponent)
    }
}
