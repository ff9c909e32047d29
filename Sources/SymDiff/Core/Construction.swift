/// Canonical construction. Every `Expr` is built here (raw nodes are internal),
/// so the invariants below hold for every expression a user can see:
///
/// - Sums and products are flat, have at least two operands and are sorted
///   by `CanonicalOrder`; a numeric constant comes first.
/// - Sums collect like terms (`x + x` → `2*x`, `2*x*y - x*y` → `x*y`).
/// - Products collect equal bases (`x*x` → `x**2`, `x**a*x**b` → `x**(a + b)`)
///   and fold numbers exactly (`2*(1/2)` → `1`); a number times a sum is
///   distributed (`2*(x + y)` → `2*x + 2*y`), as SymPy does.
/// - Identities: `x**1` → `x`, `x**0` → `1` (also `0**0`, as SymPy), `1**x` → `1`,
///   `0*x` → `0`, `1*x` → `x`, `x + 0` → `x`, `exp(a)*exp(b)` → `exp(a + b)`, `(x**a)**n` → `x**(a*n)` for
///   integer `n`, `(x*y)**n` → `x**n*y**n` for integer `n`, `exp(a)**b` → `exp(a*b)`.
///   Function-specific identities (`exp(0)`, `log(exp(x))`, ...) live in the
///   function table.
/// - `1/0` and `0**-1` stay unevaluated as `0**(-1)`; evaluating them is a
///   division-by-zero error. `0/0` is `nan` (as SymPy), not 0.
extension Expr {
    /// The canonical sum of `terms`.
    ///
    /// ```swift
    /// Expr.add([x, y, x])   // 2*x + y
    /// ```
    public static func add(_ terms: [Expr]) -> Expr {
        var constant = Number.zero
        var seen = FirstSeenIndex()
        var coefficients: [Number] = []
        func collect(_ term: Expr) {
            if let n = term.numberValue {
                constant = constant + n
                return
            }
            let (c, rest) = term.asCoefficientAndTerm
            let (i, isNew) = seen.slot(rest)
            if isNew { coefficients.append(c) } else { coefficients[i] = coefficients[i] + c }
        }
        for term in terms {
            if term.kind == .add { term.arguments.forEach(collect) } else { collect(term) }
        }
        var result: [Expr] = []
        result.reserveCapacity(seen.keys.count + 1)
        for (rest, c) in zip(seen.keys, coefficients) where !c.isZero {
            result.append(term(c, rest))
        }
        CanonicalOrder.sort(&result)
        if result.isEmpty { return .number(constant) }
        if !constant.isZero { result.insert(.number(constant), at: 0) }
        return result.count == 1 ? result[0] : Node.make(.add, result)
    }

    /// `c*rest` for a term without numeric factor, without re-canonicalising.
    private static func term(_ c: Number, _ rest: Expr) -> Expr {
        if c.isOne { return rest }
        if rest.kind == .mul { return Node.make(.mul, [.number(c)] + rest.arguments) }
        return Node.make(.mul, [.number(c), rest])
    }

    /// The canonical product of `factors`.
    ///
    /// ```swift
    /// Expr.mul([x, y, x])   // x**2*y
    /// ```
    public static func mul(_ factors: [Expr]) -> Expr {
        var coefficient = Number.one
        var bases = FirstSeenIndex()
        // Each base's first exponent; a repeated base (rare) adds to `repeats`.
        var exponents: [Expr] = []
        var repeats: [(base: Int, exponent: Expr)] = []
        var exponentials: [Expr] = []
        func collect(_ factor: Expr) {
            if let n = factor.numberValue {
                coefficient = coefficient * n
                return
            }
            if factor.function == Function.exp {
                // exp(a)*exp(b) → exp(a + b), as SymPy does.
                exponentials.append(factor.arguments[0])
                return
            }
            let (base, exponent) = factor.asPower
            let (i, isNew) = bases.slot(base)
            if isNew { exponents.append(exponent) } else { repeats.append((i, exponent)) }
        }
        for factor in factors {
            if factor.kind == .mul { factor.arguments.forEach(collect) } else { collect(factor) }
        }
        if coefficient.isZero {
            // 0/0 is undefined (SymPy: nan): zero times an unevaluated division
            // by zero must not quietly become 0.
            let dividesByZero = bases.keys.indices.contains { i in
                bases.keys[i].isZero && ([exponents[i]] + repeats.filter { $0.base == i }.map(\.exponent))
                    .contains { $0.numberValue?.isNegative ?? false }
            }
            return dividesByZero ? .number(Number(Double.nan)) : .zero
        }
        var result: [Expr] = []
        var regrouped = false
        if !exponentials.isEmpty {
            let combined = exponentials.count == 1 ? exp(exponentials[0]) : exp(add(exponentials))
            if let n = combined.numberValue { coefficient = coefficient * n } else { result.append(combined) }
        }
        for (i, base) in bases.keys.enumerated() {
            let power: Expr
            if repeats.isEmpty || !repeats.contains(where: { $0.base == i }) {
                power = exponents[i] == .one ? base : pow(base, exponents[i])
            } else {
                power = pow(base, add([exponents[i]] + repeats.filter { $0.base == i }.map(\.exponent)))
            }
            if let n = power.numberValue {
                coefficient = coefficient * n
            } else if power.kind == .mul {
                // e.g. sqrt(x*y)*sqrt(x*y) → x*y: its factors must be merged again.
                regrouped = true
                result.append(power)
            } else if !power.isOne {
                result.append(power)
            }
        }
        if regrouped { return mul([.number(coefficient)] + result) }
        if coefficient.isZero { return .zero }
        if result.isEmpty { return .number(coefficient) }
        if result.count == 1 {
            if coefficient.isOne { return result[0] }
            if result[0].kind == .add {
                return add(result[0].arguments.map { mul([.number(coefficient), $0]) })
            }
        }
        CanonicalOrder.sort(&result)
        if !coefficient.isOne { result.insert(.number(coefficient), at: 0) }
        return Node.make(.mul, result)
    }

    /// The canonical power `base**exponent`.
    ///
    /// ```swift
    /// Expr.pow(x, 2)       // x**2
    /// Expr.pow(x * y, 2)   // x**2*y**2
    /// ```
    public static func pow(_ base: Expr, _ exponent: Expr) -> Expr {
        // E**x is exp(x), as SymPy writes it.
        if base.function == .e { return .apply(.exp, [exponent]) }
        if let e = exponent.numberValue {
            if e.isZero { return .one }
            if e.isOne { return base }
            if let b = base.numberValue, let value = b.power(e) { return .number(value) }
            if e.isInteger {
                if base.kind == .pow {
                    return pow(base.arguments[0], mul([base.arguments[1], exponent]))
                }
                if base.kind == .mul {
                    return mul(base.arguments.map { pow($0, exponent) })
                }
            }
        }
        if base.isOne { return .one }
        if base.function == Function.exp {
            // (e^u)^v = e^(u v) for real u and v.
            return exp(mul([base.arguments[0], exponent]))
        }
        return Node.make(.pow, [base, exponent])
    }

    /// The canonical application `function(arguments...)`.
    ///
    /// ```swift
    /// Expr.apply(.sigmoid, [.zero])   // 1/2
    /// ```
    public static func apply(_ function: Function, _ arguments: [Expr]) -> Expr {
        precondition(arguments.count == function.arity,
                     "\(function.name) takes \(function.arity) argument(s), got \(arguments.count)")
        if let folded = function.fold?(arguments) { return folded }
        return Node.make(.apply(function), arguments)
    }

    /// The same kind of node with new operands, canonicalised again.
    /// Returns `self` when the operands are unchanged.
    public func rebuilt(with newArguments: [Expr]) -> Expr {
        let old = arguments
        if old.count == newArguments.count && zip(old, newArguments).allSatisfy({ $0 == $1 }) { return self }
        switch kind {
        case .symbol, .number: return self
        case .add: return .add(newArguments)
        case .mul: return .mul(newArguments)
        case .pow: return .pow(newArguments[0], newArguments[1])
        case .apply(let f): return .apply(f, newArguments)
        }
    }
}

// MARK: - Literals and operators

extension Expr: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self = .number(Number(value)) }
    public init(floatLiteral value: Double) { self = .number(Number(value)) }
}

precedencegroup PowerPrecedence {
    higherThan: MultiplicationPrecedence
    associativity: right
}
infix operator ** : PowerPrecedence

extension Expr {
    public static func + (a: Expr, b: Expr) -> Expr { add([a, b]) }
    public static func - (a: Expr, b: Expr) -> Expr { add([a, mul([.minusOne, b])]) }
    public static func * (a: Expr, b: Expr) -> Expr { mul([a, b]) }
    public static func / (a: Expr, b: Expr) -> Expr { mul([a, pow(b, .minusOne)]) }
    public static prefix func - (a: Expr) -> Expr { mul([.minusOne, a]) }
    /// Power, right-associative and binding tighter than `*`. A prefix minus
    /// binds tighter still in Swift: write `-(x ** 2)` for -x².
    public static func ** (a: Expr, b: Expr) -> Expr { pow(a, b) }
    public static func += (a: inout Expr, b: Expr) { a = a + b }
    public static func -= (a: inout Expr, b: Expr) { a = a - b }
    public static func *= (a: inout Expr, b: Expr) { a = a * b }
}

/// `base**exponent`, as SymPy's `Pow`.
public func pow(_ base: Expr, _ exponent: Expr) -> Expr { Expr.pow(base, exponent) }
/// The square root, `x**(1/2)`.
public func sqrt(_ x: Expr) -> Expr { Expr.pow(x, .rational(1, 2)) }

/// Distinct expressions in first-seen order, each with its slot: how `add`
/// collects like terms and `mul` equal bases. Most sums and products are
/// short and `==` on interned nodes compares identities, so a linear scan
/// beats hashing; past a few dozen keys a dictionary takes over.
struct FirstSeenIndex {
    private(set) var keys: [Expr] = []
    private var table: [Expr: Int]?
    private static let scanLimit = 24

    /// The slot of `key`, and whether it was new (then it is the last slot).
    mutating func slot(_ key: Expr) -> (index: Int, isNew: Bool) {
        if let table {
            if let i = table[key] { return (i, false) }
        } else if let i = keys.firstIndex(of: key) {
            return (i, false)
        }
        keys.append(key)
        if table != nil {
            table![key] = keys.count - 1
        } else if keys.count > Self.scanLimit {
            table = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        }
        return (keys.count - 1, true)
    }
}
