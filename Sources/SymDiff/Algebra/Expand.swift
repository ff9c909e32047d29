/// Expansion and common denominators.
extension Expr {
    /// Multiplies out products of sums and positive integer powers of sums,
    /// as SymPy's `expand`. Denominators are expanded but not distributed over.
    ///
    /// Refuses, with `SymDiffError.limitExceeded` naming the limit, when the
    /// result would have more than `termLimit` terms — `(x + y)**100000`
    /// is refused at once instead of exhausting memory.
    ///
    /// ```swift
    /// try ((x + 1) * (x - 1)).expand()   // x**2 - 1
    /// ```
    public func expand(termLimit: Int = 100_000) throws -> Expr {
        try transformed { node, args in
            switch node.kind {
            case .mul:
                return try Expr.distribute(args, termLimit: termLimit)
            case .pow:
                let (base, exponent) = (args[0], args[1])
                guard base.kind == .add, let n = exponent.numberValue?.asInt, n != 0 else {
                    return node.rebuilt(with: args)
                }
                // `magnitude`: abs(Int.min) would trap; the count is then capped anyway.
                let count = Int(clamping: n.magnitude)
                let terms = Expr.multinomialTermCount(base.arguments.count, count, cap: termLimit)
                if terms > termLimit {
                    throw SymDiffError.limitExceeded(
                        "expand: (\(Expr.abbreviated(base, limit: 40)))**\(count) would have more than \(termLimit) terms (the expand term limit)")
                }
                let expanded = try Expr.distribute(Array(repeating: base, count: count), termLimit: termLimit)
                return n > 0 ? expanded : .pow(expanded, .minusOne)
            default:
                return node.rebuilt(with: args)
            }
        }
    }

    /// The product of `factors` with every sum multiplied out.
    static func distribute(_ factors: [Expr], termLimit: Int) throws -> Expr {
        var terms: [Expr] = [.one]
        for factor in factors {
            let parts = factor.kind == .add ? factor.arguments : [factor]
            if parts.count == 1 {
                terms = terms.map { .mul([$0, factor]) }
                continue
            }
            guard terms.count * parts.count <= termLimit else {
                throw SymDiffError.limitExceeded("expand: a product would have \(terms.count * parts.count) terms, more than the limit of \(termLimit)")
            }
            var next: [Expr] = []
            next.reserveCapacity(terms.count * parts.count)
            for t in terms { for p in parts { next.append(.mul([t, p])) } }
            // Collect like terms as we go so repeated factors stay small.
            let collected = Expr.add(next)
            terms = collected.kind == .add ? collected.arguments : [collected]
        }
        return .add(terms)
    }

    /// C(n + m - 1, m - 1): the number of monomials of (a_1 + ... + a_m)**n,
    /// computed only up to `cap` (anything larger is reported as `cap + 1`).
    static func multinomialTermCount(_ m: Int, _ n: Int, cap: Int) -> Int {
        let k = Swift.min(m - 1, n)
        var result = 1
        for i in 0..<k {
            // result = C(n + m - 1, i + 1) built incrementally; exact at each step.
            let (factor, sumOverflow) = n.addingReportingOverflow(m - 1 - i)
            let (product, overflow) = result.multipliedReportingOverflow(by: factor)
            if sumOverflow || overflow { return cap + 1 }
            result = product / (i + 1)
            if result > cap { return cap + 1 }
        }
        return result
    }

    /// The expression over a common denominator, as SymPy's `together`.
    ///
    /// ```swift
    /// (1 / x + 1 / y).together()   // (x + y)/(x*y)
    /// ```
    public func together() -> Expr {
        var parts: [ObjectIdentifier: (numerator: Expr, denominator: Expr)] = [:]
        for node in postOrder() {
            let children = node.arguments.map { parts[ObjectIdentifier($0.node)]! }
            let part: (Expr, Expr)
            switch node.kind {
            case .add:
                var numerator = Expr.zero, denominator = Expr.one
                for (n, d) in children {
                    if d == denominator {
                        numerator = numerator + n
                    } else {
                        numerator = numerator * d + n * denominator
                        denominator = denominator * d
                    }
                }
                part = (numerator, denominator)
            case .mul:
                part = (.mul(children.map(\.numerator)), .mul(children.map(\.denominator)))
            case .pow:
                if let n = node.arguments[1].numberValue, n.isInteger, let k = n.asInt {
                    let (bn, bd) = children[0]
                    part = k >= 0 ? (.pow(bn, node.arguments[1]), .pow(bd, node.arguments[1]))
                                  : (.pow(bd, .number(Number(-k))), .pow(bn, .number(Number(-k))))
                } else {
                    part = (node.rebuilt(with: children.map { $0.numerator / $0.denominator }), .one)
                }
            case .symbol, .number:
                if let n = node.numberValue, case .rational(let r) = n, !r.isInteger {
                    part = (.number(Number(r.numerator)), .number(Number(r.denominator)))
                } else {
                    part = (node, .one)
                }
            case .apply:
                part = (node.rebuilt(with: children.map { $0.numerator / $0.denominator }), .one)
            }
            parts[ObjectIdentifier(node.node)] = part
        }
        let (numerator, denominator) = parts[ObjectIdentifier(node)]!
        return denominator.isOne ? numerator : numerator / denominator
    }
}
