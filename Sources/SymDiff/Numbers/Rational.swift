/// An exact rational number in lowest terms with a positive denominator.
///
/// ```swift
/// let half = Rational(1, 2)
/// print(half + Rational(1, 3))   // 5/6
/// ```
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: BigInt
    public let denominator: BigInt

    /// `numerator / denominator`, reduced. The denominator must not be zero.
    public init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(!denominator.isZero, "zero denominator")
        if denominator == 1 {
            self.numerator = numerator
            self.denominator = 1
            return
        }
        let g = BigInt.gcd(numerator, denominator)
        var n = numerator / g, d = denominator / g
        if d.isNegative { n = -n; d = -d }
        self.numerator = n
        self.denominator = d
    }

    public init(_ value: Int) { self.init(BigInt(value)) }
    public init(_ numerator: Int, _ denominator: Int) { self.init(BigInt(numerator), BigInt(denominator)) }

    /// The exact value of a finite `Double` (every double is a dyadic rational).
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), let integer = BigInt(exactly: value) {
            self.init(integer)
            return
        }
        let exponent = Int(value.exponent) - 52
        let significand = BigInt(Int(value.significandBitPattern | (value.isNormal ? 1 << 52 : 0)))
        let signed = value < 0 ? -significand : significand
        // exponent < 0 here because the value is not an integer.
        self.init(signed, BigInt(1).shiftedLeft(by: -exponent))
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public var isZero: Bool { numerator.isZero }
    public var isInteger: Bool { denominator == 1 }
    public var isNegative: Bool { numerator.isNegative }
    public var doubleValue: Double {
        if let n = numerator.asInt, let d = denominator.asInt,
           n.magnitude < 1 << 53, d.magnitude < 1 << 53 {
            return Double(n) / Double(d)
        }
        if denominator == 1 { return numerator.doubleValue }
        // Dividing two doubles would overflow for 2**1020/3 (inf) and round
        // twice; instead take a 63–64-bit integer quotient of the scaled
        // magnitudes, mark a non-zero remainder in its lowest bit, and round once.
        let n = numerator.magnitude
        let k = 63 - (n.bitWidth - denominator.bitWidth)
        let (q, r) = k >= 0
            ? n.shiftedLeft(by: k).quotientAndRemainder(dividingBy: denominator)
            : n.quotientAndRemainder(dividingBy: denominator.shiftedLeft(by: -k))
        var bits: UInt64 = 0
        for limb in q.magnitudeLimbs.reversed() { bits = bits << 32 | UInt64(limb) }
        if !r.isZero { bits |= 1 }
        return Double(sign: numerator.isNegative ? .minus : .plus, exponent: -k, significand: Double(bits))
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator { return Rational(a.numerator + b.numerator, a.denominator) }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }
    public static prefix func - (a: Rational) -> Rational {
        var result = a
        result = Rational(unchecked: -a.numerator, a.denominator)
        return result
    }
    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }
    /// Division; `b` must not be zero.
    public static func / (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.denominator, a.denominator * b.numerator)
    }

    private init(unchecked numerator: BigInt, _ denominator: BigInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The reciprocal; `self` must not be zero.
    public var reciprocal: Rational { Rational(denominator, numerator) }

    /// An integer power; a negative exponent needs a non-zero base.
    public func power(_ exponent: Int) -> Rational {
        if exponent >= 0 {
            return Rational(unchecked: numerator.power(exponent), denominator.power(exponent))
        }
        return reciprocal.power(-exponent)
    }

    /// Floor of the value.
    public var floor: BigInt {
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return r.isNegative ? q - 1 : q
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    public var description: String {
        denominator == 1 ? numerator.description : "\(numerator)/\(denominator)"
    }
}
