import Foundation

/// A double-double number: an unevaluated sum `hi + lo` of two doubles with
/// |lo| ≤ ½ ulp(hi), about 106 bits (32 decimal digits) of precision.
///
/// The mutation oracle evaluates expressions in this arithmetic, written here
/// from the textbook algorithms (Dekker's two-product, Knuth's two-sum,
/// exp by argument reduction and Taylor series, log by Newton's method on
/// exp), so that it shares no code with the engine it judges.
///
/// ```swift
/// let third = DoubleDouble(1) / DoubleDouble(3)
/// (third * DoubleDouble(3) - DoubleDouble(1)).magnitude < 1e-31   // true
/// ```
public struct DoubleDouble: Sendable, Comparable, CustomStringConvertible {
    public var hi: Double
    public var lo: Double

    public init(_ value: Double) { hi = value; lo = 0 }
    init(hi: Double, lo: Double) { self.hi = hi; self.lo = lo }

    public static let zero = DoubleDouble(0)
    public static let one = DoubleDouble(1)
    static let ln2 = DoubleDouble(hi: 6.931471805599452862e-01, lo: 2.319046813846299558e-17)

    public var description: String { "\(hi)\(lo < 0 ? "-" : "+")\(Swift.abs(lo))" }
    public var doubleValue: Double { hi + lo }
    public var magnitude: Double { Swift.abs(hi + lo) }
    public var isFinite: Bool { hi.isFinite && lo.isFinite }
    public var sign: Int { hi > 0 ? 1 : (hi < 0 ? -1 : 0) }

    private static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    private static func quickTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        return (s, b - (s - a))
    }

    public static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        var (s, e) = twoSum(x.hi, y.hi)
        let (t, f) = twoSum(x.lo, y.lo)
        e += t
        (s, e) = quickTwoSum(s, e)
        e += f
        (s, e) = quickTwoSum(s, e)
        return DoubleDouble(hi: s, lo: e)
    }

    public static prefix func - (x: DoubleDouble) -> DoubleDouble { DoubleDouble(hi: -x.hi, lo: -x.lo) }
    public static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble { x + (-y) }

    public static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let p = x.hi * y.hi
        var e = Foundation.fma(x.hi, y.hi, -p)
        e += x.hi * y.lo + x.lo * y.hi
        let (s, t) = quickTwoSum(p, e)
        return DoubleDouble(hi: s, lo: t)
    }

    public static func / (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let q1 = x.hi / y.hi
        var r = x - DoubleDouble(q1) * y
        let q2 = r.hi / y.hi
        r = r - DoubleDouble(q2) * y
        let q3 = r.hi / y.hi
        let (s, e) = quickTwoSum(q1, q2)
        return DoubleDouble(hi: s, lo: e) + DoubleDouble(q3)
    }

    public static func < (x: DoubleDouble, y: DoubleDouble) -> Bool { x.hi < y.hi || (x.hi == y.hi && x.lo < y.lo) }
    public static func == (x: DoubleDouble, y: DoubleDouble) -> Bool { x.hi == y.hi && x.lo == y.lo }

    /// `x * 2**k`, exactly.
    func scaled(byPowerOfTwo k: Int) -> DoubleDouble {
        DoubleDouble(hi: Foundation.scalbn(hi, k), lo: Foundation.scalbn(lo, k))
    }

    /// e**x, or `nil` when it overflows a double.
    public func expOrNil() -> DoubleDouble? {
        if hi > 709 { return nil }
        if hi < -740 { return .zero }
        // x = k·ln2 + r, |r| ≤ ln2/2; then exp(r) = exp(r/1024)**1024.
        let k = (hi / DoubleDouble.ln2.hi).rounded()
        let r = (self - DoubleDouble.ln2 * DoubleDouble(k)).scaled(byPowerOfTwo: -10)
        var term = DoubleDouble.one
        var sum = DoubleDouble.one
        for i in 1...12 {
            term = term * r / DoubleDouble(Double(i))
            sum = sum + term
        }
        for _ in 0..<10 { sum = sum * sum }
        let result = sum.scaled(byPowerOfTwo: Int(k))
        return result.isFinite ? result : nil
    }

    /// The natural logarithm of a positive number.
    public func naturalLog() -> DoubleDouble {
        var y = DoubleDouble(Foundation.log(hi))
        // Newton on exp(y) = x: y ← y + x·exp(−y) − 1; each step doubles the digits.
        for _ in 0..<2 {
            guard let e = (-y).expOrNil() else { break }
            y = y + self * e - .one
        }
        return y
    }

    /// The decimal `digits × 10**exponent`, digit by digit (exact while the digits fit in 106 bits).
    static func decimal(digits: String, exponent: Int) -> DoubleDouble {
        let ten = DoubleDouble(10)
        var value = DoubleDouble.zero
        for c in digits.unicodeScalars { value = value * ten + DoubleDouble(Double(c.value - 48)) }
        if exponent > 0 { for _ in 0..<exponent { value = value * ten } }
        if exponent < 0 { for _ in 0..<(-exponent) { value = value / ten } }
        return value
    }
}
