/// A value with infinitesimal parts, for derivatives by forward mode:
/// `primal + Σ c_m ε_m` where each ε_m is a product of distinct nilpotent
/// units (ε_i² = 0), one unit per nested `d(F)/d(v)`. A mask bit names a
/// unit, so `d(d(L)/d(w))/d(w)` is the coefficient of ε₀ε₁.
///
/// ```swift
/// var x = Jet<DoubleDouble>.constant(DoubleDouble(3))
/// x.parts[1] = .one                       // x + ε₀
/// let y = try x * x                       // 9 + 6ε₀
/// ```
public struct Jet<C: OracleNumber>: Sendable {
    /// Mask → coefficient; mask 0 is the value itself and is always present.
    public var parts: [UInt16: C]

    public static func constant(_ c: C) -> Jet { Jet(parts: [0: c]) }
    public var primal: C { parts[0]! }
    var mask: UInt16 { parts.keys.reduce(0) { $0 | $1 } }
    var isConstant: Bool { parts.count == 1 }

    public static func + (a: Jet, b: Jet) throws -> Jet {
        var out = a.parts
        for (m, c) in b.parts { out[m] = try out[m].map { try $0 + c } ?? c }
        return Jet(parts: out)
    }

    public func negated() throws -> Jet { Jet(parts: try parts.mapValues { try $0.negated() }) }

    public static func * (a: Jet, b: Jet) throws -> Jet {
        var out: [UInt16: C] = [:]
        for (m1, c1) in a.parts {
            for (m2, c2) in b.parts where m1 & m2 == 0 {
                let p = try c1 * c2
                out[m1 | m2] = try out[m1 | m2].map { try $0 + p } ?? p
            }
        }
        if out[0] == nil { out[0] = .integer(0) }
        return Jet(parts: out)
    }

    /// `Σ_k coefficients[k] · n^k` where n is the infinitesimal part: a
    /// function's Taylor series at the primal, `coefficients[k] = f⁽ᵏ⁾(a)/k!`.
    func series(_ coefficients: (Int) throws -> C) throws -> Jet {
        var nilpotent = self
        nilpotent.parts[0] = .integer(0)
        let order = mask.nonzeroBitCount
        var result = Jet.constant(try coefficients(0))
        var power = Jet.constant(.integer(1))
        if order == 0 { return result }
        for k in 1...order {
            power = try power * nilpotent
            result = try result + power.scaled(try coefficients(k))
        }
        return result
    }

    func scaled(_ c: C) throws -> Jet { Jet(parts: try parts.mapValues { try $0 * c }) }

    public func reciprocal() throws -> Jet {
        let a = primal
        let inverse = try a.reciprocal()
        return try series { k in
            var c = inverse
            for _ in 0..<k { c = try c * inverse }
            return k % 2 == 0 ? c : try c.negated()
        }
    }

    public func exp() throws -> Jet {
        let e = try primal.exp()
        var factorial = 1
        return try series { k in
            if k > 0 { factorial *= k }
            return try e * (try C.integer(factorial).reciprocal())
        }
    }

    public func log() throws -> Jet {
        let a = primal
        guard a.sign > 0 else { throw OracleError.domain("log of a non-positive number") }
        let inverse = try a.reciprocal()
        return try series { k in
            if k == 0 { return try a.log() }
            var c = inverse
            for _ in 1..<k { c = try c * inverse }
            c = try c * (try C.integer(k).reciprocal())
            return k % 2 == 1 ? c : try c.negated()
        }
    }

    /// `self ** n` for an integer n (0**0 is 1, as the engine has it).
    public func power(integer n: Int) throws -> Jet {
        if n == 0 { return .constant(.integer(1)) }
        let base = n < 0 ? try reciprocal() : self
        var result = Jet.constant(.integer(1))
        var square = base
        var e = Swift.abs(n)
        while e > 0 {
            if e & 1 == 1 { result = try result * square }
            e >>= 1
            if e > 0 { square = try square * square }
        }
        return result
    }

    /// `self ** exponent` for any exponent: an integer power when the exponent
    /// is a constant integer, else exp(exponent · log(self)) on a positive base.
    public func power(_ exponent: Jet) throws -> Jet {
        if exponent.isConstant, let n = exponent.primal.integerValue { return try power(integer: n) }
        if primal.sign == 0, exponent.isConstant, isConstant, exponent.primal.sign > 0 { return .constant(.integer(0)) }
        guard primal.sign > 0 else { throw OracleError.domain("fractional power of a non-positive number") }
        if exponent.isConstant {
            // Exact where possible: a**e with derivative parts by the binomial series.
            let e = exponent.primal
            let a = primal
            let inverse = try a.reciprocal()
            let top = try a.power(real: e)
            var binomial = C.integer(1)
            var falling = e
            return try series { k in
                if k == 0 { return top }
                if k > 1 {
                    falling = try falling + C.integer(-1)
                }
                binomial = try binomial * falling * (try C.integer(k).reciprocal())
                var c = try top * binomial
                for _ in 0..<k { c = try c * inverse }
                return c
            }
        }
        return try (exponent * (try log())).exp()
    }
}
