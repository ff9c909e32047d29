/// A monomial over numbered atoms: `a0**2 * a3**(-1) * a5**(1/2)`.
///
/// Exponents are rational so that powers of exponential atoms
/// (`exp(z/2)` = `exp(z)**(1/2)`) and Laurent terms (`exp(-z)` = `exp(z)**-1`,
/// `1/x`) stay monomials. Atoms are sorted by index; no zero exponents.
struct Monomial: Hashable, Comparable {
    var atoms: [Int] = []
    var exponents: [Rational] = []

    static let one = Monomial()

    init() {}
    init(atom: Int, exponent: Rational) {
        if !exponent.isZero { atoms = [atom]; exponents = [exponent] }
    }

    var isOne: Bool { atoms.isEmpty }

    static func * (a: Monomial, b: Monomial) -> Monomial {
        if a.isOne { return b }
        if b.isOne { return a }
        var result = Monomial()
        var i = 0, j = 0
        while i < a.atoms.count || j < b.atoms.count {
            if j == b.atoms.count || (i < a.atoms.count && a.atoms[i] < b.atoms[j]) {
                result.atoms.append(a.atoms[i]); result.exponents.append(a.exponents[i]); i += 1
            } else if i == a.atoms.count || b.atoms[j] < a.atoms[i] {
                result.atoms.append(b.atoms[j]); result.exponents.append(b.exponents[j]); j += 1
            } else {
                let e = a.exponents[i] + b.exponents[j]
                if !e.isZero { result.atoms.append(a.atoms[i]); result.exponents.append(e) }
                i += 1; j += 1
            }
        }
        return result
    }

    func power(_ n: Rational) -> Monomial {
        if n.isZero { return .one }
        var result = self
        result.exponents = exponents.map { $0 * n }
        return result
    }

    var inverse: Monomial { power(Rational(-1)) }

    /// The largest monomial dividing both, for Laurent content: the minimum exponent of each atom (absent = 0).
    static func gcd(_ a: Monomial, _ b: Monomial) -> Monomial {
        var result = Monomial()
        var i = 0, j = 0
        while i < a.atoms.count || j < b.atoms.count {
            let atom: Int
            let ea: Rational, eb: Rational
            if j == b.atoms.count || (i < a.atoms.count && a.atoms[i] < b.atoms[j]) {
                atom = a.atoms[i]; ea = a.exponents[i]; eb = .zero; i += 1
            } else if i == a.atoms.count || b.atoms[j] < a.atoms[i] {
                atom = b.atoms[j]; ea = .zero; eb = b.exponents[j]; j += 1
            } else {
                atom = a.atoms[i]; ea = a.exponents[i]; eb = b.exponents[j]; i += 1; j += 1
            }
            let e = Swift.min(ea, eb)
            if !e.isZero { result.atoms.append(atom); result.exponents.append(e) }
        }
        return result
    }

    static func < (a: Monomial, b: Monomial) -> Bool {
        for (x, y) in zip(a.atoms, b.atoms) where x != y { return x < y }
        if a.atoms.count != b.atoms.count { return a.atoms.count < b.atoms.count }
        for (x, y) in zip(a.exponents, b.exponents) where x != y { return x < y }
        return false
    }
}

/// A sparse multivariate (Laurent) polynomial with exact rational coefficients.
struct Polynomial: Hashable {
    var terms: [Monomial: Rational] = [:]

    static let zero = Polynomial()
    static func constant(_ c: Rational) -> Polynomial {
        c.isZero ? .zero : Polynomial(terms: [.one: c])
    }
    static func monomial(_ m: Monomial, _ c: Rational = .one) -> Polynomial {
        c.isZero ? .zero : Polynomial(terms: [m: c])
    }

    var isZero: Bool { terms.isEmpty }
    var count: Int { terms.count }
    /// The constant value, when the polynomial is a constant.
    var constantValue: Rational? {
        if terms.isEmpty { return .zero }
        if terms.count == 1, let c = terms[.one] { return c }
        return nil
    }
    /// `(coefficient, monomial)` when the polynomial has a single term.
    var singleTerm: (Rational, Monomial)? {
        terms.count == 1 ? (terms.first!.value, terms.first!.key) : nil
    }

    static func + (a: Polynomial, b: Polynomial) -> Polynomial {
        var (big, small) = a.count >= b.count ? (a, b) : (b, a)
        for (m, c) in small.terms {
            let sum = (big.terms[m] ?? .zero) + c
            big.terms[m] = sum.isZero ? nil : sum
        }
        return big
    }

    func scaled(_ c: Rational, _ m: Monomial = .one) -> Polynomial {
        if c.isZero { return .zero }
        var result = Polynomial()
        result.terms.reserveCapacity(terms.count)
        for (n, d) in terms { result.terms[n * m] = d * c }
        return result
    }

    /// The product, or `nil` when it would exceed `budget` terms.
    static func multiply(_ a: Polynomial, _ b: Polynomial, budget: Int) -> Polynomial? {
        if a.isZero || b.isZero { return .zero }
        if let (c, m) = a.singleTerm { return b.scaled(c, m) }
        if let (c, m) = b.singleTerm { return a.scaled(c, m) }
        if a.count * b.count > budget * 4 && a.count * b.count > 1_000_000 { return nil }
        var result = Polynomial()
        for (m, c) in a.terms {
            for (n, d) in b.terms {
                let key = m * n
                let sum = (result.terms[key] ?? .zero) + c * d
                result.terms[key] = sum.isZero ? nil : sum
            }
            if result.count > budget { return nil }
        }
        return result
    }

    /// Splits `self = scale * content * primitive`, where `content` is the
    /// monomial gcd of the terms and `primitive` has leading coefficient 1.
    /// Equal primitives identify equal denominator factors: `1 + exp(-z)` and
    /// `exp(z) + 1` share the primitive `exp(z) + 1`.
    func normalized() -> (scale: Rational, content: Monomial, primitive: Polynomial) {
        var content: Monomial? = nil
        for m in terms.keys { content = content.map { Monomial.gcd($0, m) } ?? m }
        let c = content ?? .one
        let inverse = c.inverse
        var shifted: [Monomial: Rational] = [:]
        for (m, d) in terms { shifted[m * inverse] = d }
        let scale = shifted.max { $0.key < $1.key }!.value
        var primitive = Polynomial()
        for (m, d) in shifted { primitive.terms[m] = d / scale }
        return (scale, c, primitive)
    }
}
