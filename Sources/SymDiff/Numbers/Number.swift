/// A numeric constant in an expression: exact rational, or floating point.
///
/// Integers and fractions stay exact (`1/2` is one half, `2**1000` is exact);
/// decimal input such as `0.2` is a `Double`. Arithmetic that mixes the two
/// gives a `Double`, as in SymPy.
///
/// ```swift
/// Number(1) / Number(2)        // 1/2, exact
/// Number(0.5) + Number(1, 2)   // 1.0
/// ```
public enum Number: Sendable, Hashable, Comparable, CustomStringConvertible {
    case rational(Rational)
    case float(Double)

    public init(_ value: Int) { self = .rational(Rational(value)) }
    public init(_ numerator: Int, _ denominator: Int) { self = .rational(Rational(numerator, denominator)) }
    public init(_ value: BigInt) { self = .rational(Rational(value)) }
    /// A floating-point constant; negative zero is stored as zero so that `-0.0 == 0.0`.
    /// Float arithmetic that overflows gives `oo`/`-oo`/`nan` constants, as in
    /// SymPy: they print and parse back, and evaluating them is a non-finite error.
    public init(_ value: Double) { self = .float(value == 0 ? 0 : (value.isNaN ? .nan : value)) }

    // Equality and hashing are written out so that `nan` equals itself: every
    // expression must equal itself for hash-consing and `parse(print(e)) == e`.
    public static func == (a: Number, b: Number) -> Bool {
        switch (a, b) {
        case (.rational(let x), .rational(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .rational(let r): hasher.combine(0); hasher.combine(r)
        case .float(let d): hasher.combine(1); hasher.combine(d.isNaN ? .nan : d)
        }
    }

    public static let zero = Number(0)
    public static let one = Number(1)
    public static let minusOne = Number(-1)

    public var doubleValue: Double {
        switch self {
        case .rational(let r): return r.doubleValue
        case .float(let d): return d
        }
    }

    /// Zero, exact or floating.
    public var isZero: Bool {
        switch self {
        case .rational(let r): return r.isZero
        case .float(let d): return d == 0
        }
    }
    /// Exactly one (the rational 1; `1.0` is not the multiplicative identity symbolically).
    public var isOne: Bool { if case .rational(let r) = self { return r == .one } else { return false } }
    public var isMinusOne: Bool { if case .rational(let r) = self { return r == Rational(-1) } else { return false } }
    public var isNegative: Bool { doubleValue < 0 || (asRational?.isNegative ?? false) }
    public var isExact: Bool { if case .rational = self { return true } else { return false } }
    public var asRational: Rational? { if case .rational(let r) = self { return r } else { return nil } }
    /// The value as an `Int` when it is an exact integer that fits.
    public var asInt: Int? {
        guard case .rational(let r) = self, r.isInteger else { return nil }
        return r.numerator.asInt
    }
    public var isInteger: Bool { asRational?.isInteger ?? false }

    /// The exact rational value; a `Double` converts to its exact dyadic value.
    public var exactValue: Rational? {
        switch self {
        case .rational(let r): return r
        case .float(let d): return Rational(exactly: d)
        }
    }

    public static func + (a: Number, b: Number) -> Number {
        switch (a, b) {
        case (.rational(let x), .rational(let y)): return .rational(x + y)
        default: return Number(a.doubleValue + b.doubleValue)
        }
    }
    public static func * (a: Number, b: Number) -> Number {
        switch (a, b) {
        case (.rational(let x), .rational(let y)): return .rational(x * y)
        default: return Number(a.doubleValue * b.doubleValue)
        }
    }
    public static prefix func - (a: Number) -> Number {
        switch a {
        case .rational(let x): return .rational(-x)
        case .float(let d): return Number(-d)
        }
    }
    public static func - (a: Number, b: Number) -> Number { a + (-b) }

    /// The reciprocal, or `nil` for zero.
    public var reciprocal: Number? {
        if isZero { return nil }
        switch self {
        case .rational(let r): return .rational(r.reciprocal)
        case .float(let d): return Number(1 / d)
        }
    }

    /// Exact integer powers of rationals up to a size limit; float powers when
    /// either side is a float and the result is real. `nil` means "leave the
    /// power unevaluated" (undefined, irrational or too large to write out).
    public func power(_ exponent: Number) -> Number? {
        switch (self, exponent) {
        case (.rational(let base), .rational(let e)) where e.isInteger:
            guard let n = e.numerator.asInt else { return nil }
            if base.isZero { return n > 0 ? .zero : (n == 0 ? .one : nil) }
            if base == .one { return .one }
            if base == Rational(-1) { return .rational(n % 2 == 0 ? .one : Rational(-1)) }
            // `n.magnitude` and the overflow check: `abs(Int.min)` and
            // `bits * n` for n near Int.max would trap, not just be too large.
            let bits = max(base.numerator.bitWidth, base.denominator.bitWidth)
            let (size, overflow) = bits.multipliedReportingOverflow(by: Int(clamping: n.magnitude))
            // The limit is on growth: x**1 and x**(-1) (division) are no larger
            // than x, so `N/D` with a huge D still reads back as the rational.
            guard n.magnitude == 1 || (!overflow && size <= Number.exactPowerBitLimit) else { return nil }
            return .rational(base.power(n))
        case (.rational, .rational):
            return nil
        default:
            let b = doubleValue, e = exponent.doubleValue
            if b < 0 && e != e.rounded() { return nil }
            if b == 0 && e < 0 { return nil }
            let value = Foundation_pow(b, e)
            return value.isFinite ? Number(value) : nil
        }
    }

    /// Exact powers whose result would need more bits than this are left unevaluated.
    public static let exactPowerBitLimit = 100_000

    public static func < (a: Number, b: Number) -> Bool {
        switch (a, b) {
        case (.rational(let x), .rational(let y)): return x < y
        default:
            let x = a.doubleValue, y = b.doubleValue
            // nan sorts after every other number, so the order stays total.
            if x.isNaN || y.isNaN { return !x.isNaN && y.isNaN }
            if x != y { return x < y }
            // Equal values of different kinds: rationals first, for a total order.
            return a.isExact && !b.isExact
        }
    }

    /// SymPy syntax: `3`, `-1/2`, `0.2`, `1e+300`.
    public var description: String {
        switch self {
        case .rational(let r): return r.description
        case .float(let d): return Number.format(d)
        }
    }

    /// Shortest round-tripping text for a double, in a form the parser reads back.
    static func format(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-oo" : "oo" }
        var text = "\(d)"
        if !text.contains(".") && !text.contains("e") { text += ".0" }
        return text
    }
}

import Foundation
@inline(__always) func Foundation_pow(_ a: Double, _ b: Double) -> Double { Foundation.pow(a, b) }
