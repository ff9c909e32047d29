/// The rational normal form that proves equalities (DESIGN-NOTES part 1).
///
/// 1. Functions with an exact exp/log form are rewritten (`sigmoid(z)` →
///    `1/(1 + exp(-z))`, `tanh(z)` → `(exp(2z) - 1)/(exp(2z) + 1)`); piecewise
///    functions (relu, heaviside, max, abs) stay opaque atoms.
/// 2. Exponentials are split into powers of atoms: `exp(a + 2b - c/2)` =
///    `E_a * E_b**2 * E_c**(-1/2)` with one atom per monomial of the argument.
/// 3. The expression becomes a rational function over atoms: a Laurent
///    polynomial numerator with exact rational coefficients over a product of
///    primitive denominator factors. Denominator factors are kept factored and
///    normalised (`1 + exp(-z)` and `exp(z) + 1` are one factor), so sums take
///    the least common multiple instead of multiplying denominators out.
/// 4. A numerator that is the zero polynomial proves the expression zero
///    wherever it is defined. Every step is an identity of real functions,
///    and atoms are treated as independent variables, so "zero" is sound;
///    "not zero" proves nothing.
enum NormalForm {
    enum Outcome: Equatable {
        case zero
        case nonzero
        case budgetExceeded(String)
        case undefined(String)
    }

    static func provesZero(_ e: Expr, termBudget: Int) -> Outcome {
        if e.isZero { return .zero }
        let builder = NormalFormBuilder(budget: termBudget)
        do {
            let form = try builder.convert(rewriteFunctions(e))
            return form.numerator.isZero ? .zero : .nonzero
        } catch NormalFormBuilder.Failure.budget(let message) {
            return .budgetExceeded(message)
        } catch NormalFormBuilder.Failure.undefined(let message) {
            return .undefined(message)
        } catch {
            return .undefined("\(error)")
        }
    }

    /// Step 1: every function with a `rewrite` in the table, rewritten.
    static func rewriteFunctions(_ e: Expr) -> Expr {
        e.transformed { node, args in
            if let f = node.function, let rewrite = f.rewrite { return rewrite(args) }
            return node.rebuilt(with: args)
        }
    }
}

/// A numerator polynomial over a product of denominator factors.
struct RationalFunction {
    var numerator: Polynomial
    /// Factor id → multiplicity (positive).
    var denominator: [Int: Int]

    static func polynomial(_ p: Polynomial) -> RationalFunction { RationalFunction(numerator: p, denominator: [:]) }
}

/// Converts expressions to `RationalFunction`s, numbering atoms and
/// denominator factors as it meets them.
final class NormalFormBuilder {
    enum Failure: Error {
        case budget(String)
        case undefined(String)
    }

    enum AtomKey: Hashable {
        case expression(Expr)
        /// `exp(m)` for a monomial `m` over other atoms: always positive.
        case exponential(Monomial)
    }

    let budget: Int
    private var atoms: [AtomKey: Int] = [:]
    private var positiveAtoms = Set<Int>()
    private var factorIDs: [Polynomial: Int] = [:]
    private var factors: [Polynomial] = []
    private var factorPowers: [Int: [Polynomial]] = [:]

    init(budget: Int) { self.budget = budget }

    func atom(_ key: AtomKey) -> Int {
        if let id = atoms[key] { return id }
        let id = atoms.count
        atoms[key] = id
        if case .exponential = key { positiveAtoms.insert(id) }
        return id
    }

    func factorID(_ primitive: Polynomial) -> Int {
        if let id = factorIDs[primitive] { return id }
        factorIDs[primitive] = factors.count
        factors.append(primitive)
        return factors.count - 1
    }

    /// `factor(id)**n`, cached.
    func factorPower(_ id: Int, _ n: Int) throws -> Polynomial {
        var powers = factorPowers[id] ?? [.constant(.one)]
        while powers.count <= n {
            guard let next = Polynomial.multiply(powers.last!, factors[id], budget: budget) else {
                throw Failure.budget("a denominator power exceeds \(budget) terms")
            }
            powers.append(next)
        }
        factorPowers[id] = powers
        return powers[n]
    }

    func multiply(_ a: Polynomial, _ b: Polynomial) throws -> Polynomial {
        guard let p = Polynomial.multiply(a, b, budget: budget) else {
            throw Failure.budget("a polynomial exceeds \(budget) terms")
        }
        return p
    }

    // MARK: Arithmetic on rational functions

    func add(_ a: RationalFunction, _ b: RationalFunction) throws -> RationalFunction {
        if a.numerator.isZero { return b }
        if b.numerator.isZero { return a }
        if a.denominator == b.denominator {
            return RationalFunction(numerator: a.numerator + b.numerator, denominator: a.denominator)
        }
        var lcm = a.denominator
        for (f, m) in b.denominator { lcm[f] = Swift.max(lcm[f] ?? 0, m) }
        func lifted(_ r: RationalFunction) throws -> Polynomial {
            var p = r.numerator
            for (f, m) in lcm {
                let missing = m - (r.denominator[f] ?? 0)
                if missing > 0 { p = try multiply(p, factorPower(f, missing)) }
            }
            return p
        }
        return RationalFunction(numerator: try lifted(a) + lifted(b), denominator: lcm)
    }

    func multiply(_ a: RationalFunction, _ b: RationalFunction) throws -> RationalFunction {
        if a.numerator.isZero || b.numerator.isZero { return .polynomial(.zero) }
        var denominator = a.denominator
        for (f, m) in b.denominator { denominator[f, default: 0] += m }
        return RationalFunction(numerator: try multiply(a.numerator, b.numerator), denominator: denominator)
    }

    func reciprocal(_ r: RationalFunction) throws -> RationalFunction {
        guard !r.numerator.isZero else { throw Failure.undefined("division by zero") }
        let (scale, content, primitive) = r.numerator.normalized()
        var numerator = Polynomial.monomial(content.inverse, scale.reciprocal)
        for (f, m) in r.denominator { numerator = try multiply(numerator, factorPower(f, m)) }
        var denominator: [Int: Int] = [:]
        if primitive.constantValue == nil { denominator[factorID(primitive)] = 1 }
        return RationalFunction(numerator: numerator, denominator: denominator)
    }

    func power(_ r: RationalFunction, _ n: Int) throws -> RationalFunction {
        if n == 0 { return .polynomial(.constant(.one)) }
        let base = n < 0 ? try reciprocal(r) : r
        let count = Swift.abs(n)
        if count > 64 && base.numerator.count > 1 { throw Failure.budget("power \(n) of a sum") }
        var numerator = Polynomial.constant(.one)
        // Repeated squaring of the numerator.
        var square = base.numerator
        var e = count
        while e > 0 {
            if e & 1 == 1 { numerator = try multiply(numerator, square) }
            e >>= 1
            if e > 0 { square = try multiply(square, square) }
        }
        return RationalFunction(numerator: numerator, denominator: base.denominator.mapValues { $0 * count })
    }

    // MARK: Conversion

    private var forms: [Expr: RationalFunction] = [:]

    /// How deep conversions may nest. A node made while converting (the
    /// `x*y` of a term `-x*y`) is converted on demand, and its operands are
    /// already converted, so nesting stays at one or two levels; the bound
    /// turns any case that would recurse deeper into an undecided verdict
    /// instead of a stack overflow.
    static let nestingLimit = 16

    /// Memoized over the DAG: each distinct node is converted once, in post order.
    func convert(_ e: Expr, nesting: Int = 0) throws -> RationalFunction {
        if let known = forms[e] { return known }
        guard nesting < NormalFormBuilder.nestingLimit else {
            throw Failure.budget("conversions nest more than \(NormalFormBuilder.nestingLimit) levels deep")
        }
        for node in e.postOrder() where forms[node] == nil {
            forms[node] = try convertNode(node) { child in
                try self.forms[child] ?? self.convert(child, nesting: nesting + 1)
            }
        }
        return forms[e]!
    }

    private func exact(_ n: Number) throws -> Rational {
        guard let r = n.exactValue else { throw Failure.undefined("non-finite number \(n)") }
        return r
    }

    private func convertNode(_ node: Expr, _ form: (Expr) throws -> RationalFunction) throws -> RationalFunction {
        switch node.kind {
        case .number(let n):
            return .polynomial(.constant(try exact(n)))
        case .symbol:
            return .polynomial(.monomial(Monomial(atom: atom(.expression(node)), exponent: .one)))
        case .add:
            var sum = RationalFunction.polynomial(.zero)
            for term in node.arguments { sum = try add(sum, form(term)) }
            if sum.numerator.count > budget { throw Failure.budget("a sum exceeds \(budget) terms") }
            return sum
        case .mul:
            var product = RationalFunction.polynomial(.constant(.one))
            for factor in node.arguments { product = try multiply(product, form(factor)) }
            return product
        case .pow:
            return try convertPower(node, form)
        case .apply(let f):
            if f == .exp { return try convertExponential(node.arguments[0], form) }
            return .polynomial(.monomial(Monomial(atom: atom(.expression(node)), exponent: .one)))
        }
    }

    private func convertPower(_ node: Expr, _ form: (Expr) throws -> RationalFunction) throws -> RationalFunction {
        let (base, exponent) = (node.arguments[0], node.arguments[1])
        if let n = exponent.numberValue {
            let r = try exact(n)
            if r.isInteger, let k = r.numerator.asInt { return try power(form(base), k) }
            // A fractional power of a positive monomial stays a monomial: exp(z)**(1/2).
            let b = try form(base)
            if b.denominator.isEmpty, let (c, m) = b.numerator.singleTerm, c == .one,
               m.atoms.allSatisfy({ positiveAtoms.contains($0) }) {
                return .polynomial(.monomial(m.power(r)))
            }
            // Otherwise the root is an atom: b**(p/q) = (b**(1/q))**p.
            let root = atom(.expression(.pow(base, .number(.rational(Rational(BigInt(1), r.denominator))))))
            return .polynomial(.monomial(Monomial(atom: root, exponent: Rational(r.numerator))))
        }
        // Symbolic exponent: split off an integer constant and an integer
        // coefficient, b**(k + c*t) = b**k * (b**t)**c.
        var k = 0
        var rest = exponent
        if exponent.kind == .add, let constant = exponent.arguments[0].numberValue, constant.isInteger,
           let value = constant.asInt {
            k = value
            rest = .add(Array(exponent.arguments.dropFirst()))
        }
        var (c, t) = rest.asCoefficientAndTerm
        if !c.isInteger { (c, t) = (.one, rest) }
        let atomID = atom(.expression(.pow(base, t)))
        let powerOfAtom = RationalFunction.polynomial(.monomial(Monomial(atom: atomID, exponent: try exact(c))))
        return k == 0 ? powerOfAtom : try multiply(power(form(base), k), powerOfAtom)
    }

    /// exp(Σ c_i t_i) = Π exp(t_i)**c_i, one positive atom per monomial.
    private func convertExponential(_ argument: Expr, _ form: (Expr) throws -> RationalFunction) throws -> RationalFunction {
        var monomial = Monomial.one
        var opaque: [Expr] = []
        let terms = argument.kind == .add ? argument.arguments : [argument]
        for term in terms {
            let (c, t) = term.asCoefficientAndTerm
            let coefficient = try exact(c)
            if t.isOne {
                monomial = monomial * Monomial(atom: atom(.exponential(.one)), exponent: coefficient)
                continue
            }
            let inner = try form(t)
            if inner.denominator.isEmpty {
                for (m, d) in inner.numerator.terms {
                    let key: AtomKey = m.isOne ? .exponential(.one) : .exponential(m)
                    monomial = monomial * Monomial(atom: atom(key), exponent: d * coefficient)
                }
            } else {
                // exp of a non-polynomial term: an atom of its own.
                let id = atom(.expression(.exp(t)))
                positiveAtoms.insert(id)
                monomial = monomial * Monomial(atom: id, exponent: coefficient)
                opaque.append(t)
            }
        }
        return .polynomial(.monomial(monomial))
    }
}
