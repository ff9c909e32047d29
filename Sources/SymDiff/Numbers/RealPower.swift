import Foundation

/// `base ** exponent` on real numbers in `Double`: the one definition that
/// `Expr.evaluate` and the compiled kernels share, so both give the same bits.
///
/// Real semantics, as SymPy's real symbols and C's `pow` agree on them:
/// - a negative base needs an integer exponent: `(-2)**3 = -8`, `(-8)**(1/3)`
///   is a domain error (not the complex principal root, not `-2`);
/// - `0` to a negative power is a division by zero; `0**0` is 1;
/// - exponents -1, 2 and 1/2 are computed as `1/b`, `b*b` and `sqrt(b)`
///   (correctly rounded, where `pow` may be off by an ulp).
///
/// `value` never throws: a domain error gives the IEEE result (`inf` for a
/// division by zero, NaN for a fractional power of a negative number), which
/// compiled code reports as non-finite. `domainError` names the problem for
/// evaluators that throw.
///
/// ```swift
/// RealPower.value(-2, 3)              // -8.0
/// RealPower.domainError(-8, 1.0 / 3)  // "fractional power of a negative number"
/// ```
public enum RealPower {
    /// How a power is computed, decided from the exponent alone, so code
    /// with a constant exponent can choose its kernel once.
    public enum Form: Sendable, Equatable {
        /// Exponent -1: `1 / b`.
        case reciprocal
        /// Exponent 2: `b * b`.
        case square
        /// Exponent 1/2: `sqrt(b)`.
        case squareRoot
        /// Any other exponent: `general(b, e)`.
        case general

        @inlinable
        public init(exponent e: Double) {
            if e == -1 { self = .reciprocal } else if e == 2 { self = .square } else if e == 0.5 { self = .squareRoot } else { self = .general }
        }
    }

    /// `b ** e` with the IEEE result on a domain error.
    @inlinable @inline(__always)
    public static func value(_ b: Double, _ e: Double) -> Double {
        switch Form(exponent: e) {
        case .reciprocal: return 1 / b
        case .square: return b * b
        case .squareRoot: return b.squareRoot()
        case .general: return general(b, e)
        }
    }

    /// The power for the exponents with no faster form.
    @inlinable @inline(__always)
    public static func general(_ b: Double, _ e: Double) -> Double { Foundation.pow(b, e) }

    /// Why `b ** e` has no real value, or `nil` when it has one.
    public static func domainError(_ b: Double, _ e: Double) -> String? {
        if b == 0 && e < 0 { return "division by zero" }
        if b < 0 && e != e.rounded() { return "fractional power of a negative number" }
        return nil
    }
}
