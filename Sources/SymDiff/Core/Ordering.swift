/// The canonical order of operands in sums and products.
///
/// It reads well when printed (`W1*x + b1`, `x + x**2 + y`) and costs O(1)
/// per comparison in almost all cases: it looks one or two levels into each
/// operand and then falls back to the cached, platform-independent hash,
/// with a full structural comparison (iterative) only on a hash collision.
/// It is a total order, so sorting gives one canonical operand list.
enum CanonicalOrder {
    /// Negative, zero or positive, like `strcmp`.
    static func compare(_ a: Expr, _ b: Expr) -> Int {
        if a == b { return 0 }
        switch (a.numberValue, b.numberValue) {
        case let (x?, y?): return compareNumbers(x, y)
        case (_?, nil): return -1
        case (nil, _?): return 1
        default: break
        }
        // Products are compared by their factors (coefficient last), so that
        // `2*x` sorts next to `x` and `x*y` after `x`.
        let fa = Factors(a), fb = Factors(b)
        for i in 0..<Swift.min(fa.count, fb.count) {
            let c = compareFactors(fa[i], fb[i])
            if c != 0 { return c }
        }
        if fa.count != fb.count { return fa.count < fb.count ? -1 : 1 }
        return compareNumbers(fa.coefficient, fb.coefficient)
    }

    /// A product's factors after its coefficient, or a non-product as its
    /// only factor, without building an array (sorting compares often).
    private struct Factors {
        let coefficient: Number
        let count: Int
        private let whole: Expr
        private let arguments: [Expr]?
        private let start: Int

        init(_ e: Expr) {
            whole = e
            if e.kind == .mul {
                let args = e.arguments
                arguments = args
                if let c = args[0].numberValue { (coefficient, start) = (c, 1) } else { (coefficient, start) = (.one, 0) }
                count = args.count - start
            } else {
                (coefficient, count, arguments, start) = (.one, 1, nil, 0)
            }
        }

        subscript(i: Int) -> Expr { arguments.map { $0[start + i] } ?? whole }
    }

    static func sort(_ operands: inout [Expr]) {
        operands.sort { compare($0, $1) < 0 }
    }

    /// Factors compare by base, then exponent: `x < x**2 < y`.
    private static func compareFactors(_ f: Expr, _ g: Expr) -> Int {
        if f == g { return 0 }
        let (bf, ef) = f.asPower, (bg, eg) = g.asPower
        let c = compareAtoms(bf, bg)
        if c != 0 { return c }
        return compareShallow(ef, eg)
    }

    private static func rank(_ e: Expr) -> Int {
        switch e.kind {
        case .number: return 0
        case .symbol: return 1
        case .apply: return 2
        case .pow: return 3
        case .mul: return 4
        case .add: return 5
        }
    }

    private static func compareAtoms(_ p: Expr, _ q: Expr) -> Int {
        if p == q { return 0 }
        let rp = rank(p), rq = rank(q)
        if rp != rq { return rp < rq ? -1 : 1 }
        switch (p.kind, q.kind) {
        case let (.number(x), .number(y)): return compareNumbers(x, y)
        case let (.symbol(x), .symbol(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.apply(f), .apply(g)) where f.name != g.name: return f.name < g.name ? -1 : 1
        default: break
        }
        for (u, v) in zip(p.arguments, q.arguments) {
            let c = compareShallow(u, v)
            if c != 0 { return c }
        }
        let (m, n) = (p.arguments.count, q.arguments.count)
        return m < n ? -1 : (m > n ? 1 : 0)
    }

    /// Leaves by value or name, anything else by its stable hash.
    private static func compareShallow(_ u: Expr, _ v: Expr) -> Int {
        if u == v { return 0 }
        switch (u.kind, v.kind) {
        case let (.number(x), .number(y)): return compareNumbers(x, y)
        case (.number, _): return -1
        case (_, .number): return 1
        case let (.symbol(x), .symbol(y)): return x < y ? -1 : 1
        case (.symbol, _): return -1
        case (_, .symbol): return 1
        default:
            if u.stableHash != v.stableHash { return u.stableHash < v.stableHash ? -1 : 1 }
            return compareDeep(u, v)
        }
    }

    private static func compareNumbers(_ x: Number, _ y: Number) -> Int {
        x == y ? 0 : (x < y ? -1 : 1)
    }

    /// Full structural comparison with an explicit stack (only reached on a
    /// 64-bit hash collision, but it must still be right and must not recurse).
    private static func compareDeep(_ a: Expr, _ b: Expr) -> Int {
        enum Step { case pair(Expr, Expr), counts(Int, Int) }
        var stack: [Step] = [.pair(a, b)]
        while let step = stack.popLast() {
            switch step {
            case let .counts(m, n):
                if m != n { return m < n ? -1 : 1 }
            case let .pair(u, v):
                if u == v { continue }
                let ru = rank(u), rv = rank(v)
                if ru != rv { return ru < rv ? -1 : 1 }
                switch (u.kind, v.kind) {
                case let (.number(x), .number(y)): return compareNumbers(x, y)
                case let (.symbol(x), .symbol(y)): return x < y ? -1 : 1
                case let (.apply(f), .apply(g)) where f.name != g.name: return f.name < g.name ? -1 : 1
                default: break
                }
                stack.append(.counts(u.arguments.count, v.arguments.count))
                for (x, y) in zip(u.arguments, v.arguments).reversed() { stack.append(.pair(x, y)) }
            }
        }
        return 0
    }
}
