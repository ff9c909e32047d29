/// An exact rational number over `Int128`, for the mutation oracle's exact
/// mode. Every operation checks for overflow and throws
/// `OracleError.inexact` instead of rounding, so an answer is exact or absent
/// (the oracle then falls back to double-double).
///
/// ```swift
/// let x = try ExactFraction(1, 3) + ExactFraction(1, 6)   // 1/2
/// ```
public struct ExactFraction: Sendable, Hashable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128

    public init(_ n: Int128, _ d: Int128 = 1) throws {
        guard d != 0 else { throw OracleError.domain("division by zero") }
        var (n, d) = d < 0 ? (-n, -d) : (n, d)
        let g = ExactFraction.gcd(n.magnitude, d.magnitude)
        if g > 1 { n /= Int128(g); d /= Int128(g) }
        numerator = n
        denominator = d
    }

    /// The exact value of a finite double (every double is a dyadic rational),
    /// or `nil` when it needs more than `Int128`.
    public init?(exactly d: Double) {
        guard d.isFinite else { return nil }
        if d == 0 { numerator = 0; denominator = 1; return }
        let exponent = Int(d.exponent) - 52
        let significand = Int128(d.significandBitPattern | (d.isNormal ? 1 << 52 : 0)) * (d < 0 ? -1 : 1)
        if exponent >= 0 {
            guard exponent < 70 else { return nil }
            numerator = significand << exponent
            denominator = 1
        } else {
            guard -exponent < 120, let f = try? ExactFraction(significand, Int128(1) << Int128(-exponent)) else { return nil }
            numerator = f.numerator
            denominator = f.denominator
        }
    }

    public static let zero = try! ExactFraction(0)
    public static let one = try! ExactFraction(1)

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
    public var sign: Int { numerator.signum() == 0 ? 0 : (numerator < 0 ? -1 : 1) }
    public var isInteger: Bool { denominator == 1 }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    static func checked(_ r: (partialValue: Int128, overflow: Bool)) throws -> Int128 {
        if r.overflow { throw OracleError.inexact("Int128 overflow") }
        return r.partialValue
    }

    public static func + (a: ExactFraction, b: ExactFraction) throws -> ExactFraction {
        let g = Int128(gcd(a.denominator.magnitude, b.denominator.magnitude))
        let bd = b.denominator / g
        let left = try checked(a.numerator.multipliedReportingOverflow(by: bd))
        let right = try checked(b.numerator.multipliedReportingOverflow(by: a.denominator / g))
        let n = try checked(left.addingReportingOverflow(right))
        let d = try checked(a.denominator.multipliedReportingOverflow(by: bd))
        return try ExactFraction(n, d)
    }

    public static prefix func - (a: ExactFraction) throws -> ExactFraction {
        guard a.numerator != Int128.min else { throw OracleError.inexact("Int128 overflow") }
        return try ExactFraction(-a.numerator, a.denominator)
    }

    public static func * (a: ExactFraction, b: ExactFraction) throws -> ExactFraction {
        // Cross-cancel first so products stay small.
        let g1 = Int128(gcd(a.numerator.magnitude, b.denominator.magnitude))
        let g2 = Int128(gcd(b.numerator.magnitude, a.denominator.magnitude))
        let n = try checked((a.numerator / Swift.max(g1, 1)).multipliedReportingOverflow(by: b.numerator / Swift.max(g2, 1)))
        let d = try checked((a.denominator / Swift.max(g2, 1)).multipliedReportingOverflow(by: b.denominator / Swift.max(g1, 1)))
        return try ExactFraction(n, d)
    }

    public func reciprocal() throws -> ExactFraction { try ExactFraction(denominator, numerator) }

    /// The same value in double-double (rounded only if it needs more than 106 bits).
    public var doubleDouble: DoubleDouble {
        func dd(_ v: Int128) -> DoubleDouble {
            // 32-bit chunks are exact doubles; their sum is exact while it fits in 106 bits.
            var m = v.magnitude
            var value = DoubleDouble.zero
            var scale = 1.0
            while m > 0 {
                value = value + DoubleDouble(Double(UInt32(truncatingIfNeeded: m)) * scale)
                m >>= 32
                scale *= 4294967296.0
            }
            return v < 0 ? -value : value
        }
        return dd(numerator) / dd(denominator)
    }
}

/// Why the oracle could not give a value.
public enum OracleError: Error, Sendable, CustomStringConvertible {
    /// Outside the real domain (log of a non-positive number, 1/0, ...).
    case domain(String)
    /// The exact mode cannot represent the value (irrational, or too large).
    case inexact(String)
    /// Not something the oracle reads (a bad mutant, a cycle, an unbound symbol).
    case unsupported(String)

    public var description: String {
        switch self {
        case .domain(let s): return "domain: \(s)"
        case .inexact(let s): return "inexact: \(s)"
        case .unsupported(let s): return "unsupported: \(s)"
        }
    }
}
