/// Expansion and common denominators.
extension Expr {
    /// Multiplies out products of sums and positive integer powers of sums,
    /// as SymPy's `expand`. Denominators are expanded but not distributed over.
    ///
    /// Refuses, with `SymDiffError.limitExceeded` naming the limit, when the
    /// result would have more than `termLimit` terms — `(x + y)**100000`
    /// is refused at once instead of exhausting memory — or when multiplying
    /// out would take more than 10 × `termLimit` products of terms (the work
    /// limit): `(x + y)**90000` has only 90,001 terms, but building them one
    /// factor at a time is billions of products of 90,000-bit coefficients.
    ///
    /// ```swift
    /// try ((x + 1) * (x - 1)).expand()   // x**2 - 1
    /// ```
    public func expand(termLimit: Int = 100_000) throws -> Expr {
        let workLimit = termLimit.multipliedReportingOverflow(by: 10).overflow ? Int.max : termLimit * 10
        var work = 0
        return try transformed { node, args in
            switch node.kind {
            case .mul:
                return try Expr.distribute(args, termLimit: termLimit, work: &work, workLimit: workLimit)
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
                // Exact coefficients grow like the constant's bits times the power; past the
                // exact-power limit the arithmetic alone takes minutes ((W + 99999999**999)**41).
                let (bits, bitsOverflow) = Expr.coefficientBits(base).multipliedReportingOverflow(by: count)
                if bitsOverflow || bits > Number.exactPowerBitLimit {
                    throw SymDiffError.limitExceeded(
                        "expand: (\(Expr.abbreviated(base, limit: 40)))**\(count) would have exact coefficients of more than \(Number.exactPowerBitLimit) bits (the exact-power limit)")
                }
                // Each of the `count` steps multiplies up to `terms` partial terms by the base's terms.
                let (steps, overflow) = count.multipliedReportingOverflow(by: terms)
                let (estimate, overflow2) = steps.multipliedReportingOverflow(by: base.arguments.count)
                if overflow || overflow2 || work + estimate > workLimit {
                    throw SymDiffError.limitExceeded(
                        "expand: (\(Expr.abbreviated(base, limit: 40)))**\(count) would take more than \(workLimit) products of terms to multiply out (the expand work limit)")
                }
                let expanded = try Expr.distribute(Array(repeating: base, count: count), termLimit: termLimit,
                                                   work: &work, workLimit: workLimit)
                return n > 0 ? expanded : .pow(expanded, .minusOne)
            default:
                return node.rebuilt(with: args)
            }
        }
    }

    /// The product of `factors` with every sum multiplied out.
    static func distribute(_ factors: [Expr], termLimit: Int, work: inout Int, workLimit: Int) throws -> Expr {
        var terms: [Expr] = [.one]
        var bits = 0
        for factor in factors {
            bits += coefficientBits(factor)
            if bits > Number.exactPowerBitLimit {
                throw SymDiffError.limitExceeded(
                    "expand: the product would have exact coefficients of more than \(Number.exactPowerBitLimit) bits (the exact-power limit)")
            }
            let parts = factor.kind == .add ? factor.arguments : [factor]
            work += terms.count * parts.count
            if work > workLimit {
                throw SymDiffError.limitExceeded(
                    "expand: multiplying out would take more than \(workLimit) products of terms (the expand work limit)")
            }
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

    /// The bits of the largest exact coefficient among a sum's terms (or of one term).
    static func coefficientBits(_ e: Expr) -> Int {
        (e.kind == .add ? e.arguments : [e]).reduce(0) { widest, term in
            guard let r = term.asCoefficientAndTerm.coefficient.asRational else { return widest }
            return Swift.max(widest, r.numerator.bitWidth, r.denominator.bitWidth)
        }
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
    /// A sum of n fractions with different denominators has a numerator of n
    /// terms of n − 1 factors each, so the work grows as n²: past
    /// `operandLimit` operands built, `together` stops with
    /// `SymDiffError.limitExceeded` naming the limit instead of running for minutes.
    ///
    /// ```swift
    /// try (1 / x + 1 / y).together()   // (x + y)/(x*y)
    /// ```
    public func together(operandLimit: Int = 200_000) throws -> Expr {
        var spent = 0
        func charge(_ built: Expr...) throws {
            for e in built { spent += e.arguments.count }
            if spent > operandLimit {
                throw SymDiffError.limitExceeded(
                    "together: the common denominator grows past \(operandLimit) operands (the together operand limit)")
            }
        }
        let (numerator, denominator) = try fold { node, children -> (numerator: Expr, denominator: Expr) in
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
                        try charge(numerator, denominator)
                    }
                }
                part = (numerator, denominator)
            case .mul:
                part = (.mul(children.map(\.numerator)), .mul(children.map(\.denominator)))
                try charge(part.0, part.1)
            case .pow:
                if let n = node.arguments[1].numberValue, n.isInteger, let k = n.asInt {
                    let (bn, bd) = children[0]
                    part = k >= 0 ? (.pow(bn, node.arguments[1]), .pow(bd, node.arguments[1]))
                                  : (.pow(bd, .number(-n)), .pow(bn, .number(-n)))
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
            return part
        }
        return denominator.isOne ? numerator : numerator / denominator
    }
}
