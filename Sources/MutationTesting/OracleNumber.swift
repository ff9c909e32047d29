/// The arithmetic the oracle evaluates in: exact fractions first, double-double
/// when a value is irrational or too large for `Int128`.
public protocol OracleNumber: Sendable {
    static func literal(_ l: Formula.Literal) throws -> Self
    static func integer(_ n: Int) -> Self
    static func + (a: Self, b: Self) throws -> Self
    static func * (a: Self, b: Self) throws -> Self
    func negated() throws -> Self
    func reciprocal() throws -> Self
    /// −1, 0 or 1.
    var sign: Int { get }
    /// The value when it is exactly a (small) integer.
    var integerValue: Int? { get }
    func exp() throws -> Self
    func log() throws -> Self
    /// `self ** e` for a positive base.
    func power(real e: Self) throws -> Self
    var doubleDouble: DoubleDouble { get }
}

extension ExactFraction: OracleNumber {
    public static func literal(_ l: Formula.Literal) throws -> ExactFraction {
        guard l.digits.count <= 36, Swift.abs(l.exponent) <= 36, let digits = Int128(l.digits) else {
            throw OracleError.inexact("literal too long")
        }
        var ten: Int128 = 1
        for _ in 0..<Swift.abs(l.exponent) { ten *= 10 }
        if l.exponent >= 0 { return try ExactFraction(try checked(digits.multipliedReportingOverflow(by: ten))) }
        return try ExactFraction(digits, ten)
    }
    public static func integer(_ n: Int) -> ExactFraction { try! ExactFraction(Int128(n)) }
    public func negated() throws -> ExactFraction { try -self }
    public var integerValue: Int? { isInteger && numerator.magnitude < 1 << 40 ? Int(numerator) : nil }
    public func exp() throws -> ExactFraction {
        if sign == 0 { return .one }
        throw OracleError.inexact("exp")
    }
    public func log() throws -> ExactFraction {
        guard sign > 0 else { throw OracleError.domain("log of a non-positive number") }
        if self == .one { return .zero }
        throw OracleError.inexact("log")
    }
    public func power(real e: ExactFraction) throws -> ExactFraction { throw OracleError.inexact("real power") }
}

extension DoubleDouble: OracleNumber {
    public static func literal(_ l: Formula.Literal) throws -> DoubleDouble {
        DoubleDouble.decimal(digits: l.digits, exponent: l.exponent)
    }
    public static func integer(_ n: Int) -> DoubleDouble { DoubleDouble(Double(n)) }
    public func negated() throws -> DoubleDouble { -self }
    public func reciprocal() throws -> DoubleDouble {
        guard hi != 0 else { throw OracleError.domain("division by zero") }
        let r = DoubleDouble.one / self
        guard r.isFinite else { throw OracleError.domain("overflow") }
        return r
    }
    public var integerValue: Int? {
        guard lo == 0, hi == hi.rounded(), Swift.abs(hi) < 1e12 else { return nil }
        return Int(hi)
    }
    public func exp() throws -> DoubleDouble {
        guard let e = expOrNil() else { throw OracleError.domain("exp overflows") }
        return e
    }
    public func log() throws -> DoubleDouble {
        guard hi > 0 else { throw OracleError.domain("log of a non-positive number") }
        return naturalLog()
    }
    public func power(real e: DoubleDouble) throws -> DoubleDouble {
        guard hi > 0 else { throw OracleError.domain("real power of a non-positive number") }
        return try (e * (try log())).exp()
    }
    public var doubleDouble: DoubleDouble { self }
}
