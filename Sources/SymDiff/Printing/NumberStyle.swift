import Foundation

/// How a number is shown to a person: the one formatter behind every
/// command, notebook and checker report.
///
/// Two styles cover the front ends (the README's "Numbers" paragraph):
/// - `short`, six significant digits as C's and Python's `%.6g` print them,
///   for reports of computations (the checker, notebooks, `train`,
///   `print-gradients`): the last bits of `exp` differ between C libraries
///   and training amplifies them, so six digits keep outputs stable across
///   machines while staying enough to compare with the seeds' values.
/// - `full`, the shortest text that reads back as the same `Double`, for a
///   value the user asked for (`eval`, an `equal` counterexample): it can be
///   pasted back without losing a bit.
///
/// Exact numbers always print exactly, and the non-finite values are spelled
/// as SymPy spells them: `oo`, `-oo`, `nan`. Zero prints `0`, never `-0`.
///
/// ```swift
/// NumberStyle.short.string(0.1 + 0.2)         // "0.3"
/// NumberStyle.full.string(0.1 + 0.2)          // "0.30000000000000004"
/// NumberStyle.full.string(7.0)                // "7"
/// NumberStyle.short.string(-Double.infinity)  // "-oo"
/// NumberStyle.short.string(Number(Rational(1, 3)))   // "1/3"
/// ```
public struct NumberStyle: Sendable, Hashable {
    /// Significant digits, or `nil` for the shortest round-tripping text.
    public let significantDigits: Int?

    /// Six significant digits: `0.10125`, `2.06115e-09`, `5`.
    public static let short = NumberStyle(significantDigits: 6)
    /// Every digit needed to read the same `Double` back: `0.6772411229382403`.
    public static let full = NumberStyle(significantDigits: nil)

    /// A style with `significantDigits` digits (1 to 17), or round-tripping with `nil`.
    public init(significantDigits: Int?) {
        self.significantDigits = significantDigits.map { Swift.min(17, Swift.max(1, $0)) }
    }

    /// `value` in this style.
    public func string(_ value: Double) -> String {
        if let special = NumberStyle.special(value) { return special }
        guard let digits = significantDigits else {
            var text = "\(value)"
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
        return String(format: "%.\(digits)g", value)
    }

    /// `value` with at least `decimals` digits after the point (and at least
    /// this style's significant digits), for a value compared with a number
    /// written to that many decimals.
    ///
    /// ```swift
    /// NumberStyle.short.string(0.0123456789, decimals: 8)   // "0.01234568"
    /// ```
    public func string(_ value: Double, decimals: Int) -> String {
        guard let digits = significantDigits, NumberStyle.special(value) == nil else { return string(value) }
        let magnitude = Int(Foundation.floor(Foundation.log10(Swift.abs(value)))) + 1
        return NumberStyle(significantDigits: Swift.max(digits, magnitude + decimals)).string(value)
    }

    /// An exact number exactly (`1/3`, `2**100` in full); a float in this style.
    public func string(_ number: Number) -> String {
        switch number {
        case .rational(let r): return r.description
        case .float(let d): return string(d)
        }
    }

    /// Two different values with enough digits that they read differently:
    /// a refutation never shows `1` against `1`.
    ///
    /// ```swift
    /// NumberStyle.short.distinguishing(2.08, 2.0799999)   // ("2.08", "2.0799999")
    /// ```
    public func distinguishing(_ a: Double, _ b: Double) -> (String, String) {
        var pair = (string(a), string(b))
        guard let digits = significantDigits else { return pair }
        var more = digits
        while pair.0 == pair.1 && more < 17 && a != b {
            more += 1
            let wider = NumberStyle(significantDigits: more)
            pair = (wider.string(a), wider.string(b))
        }
        return pair
    }

    /// `value` rounded to the digits this style shows, so an expression
    /// holding it prints the same text (`0.030000000000000002` → `0.03`).
    public func rounded(_ value: Double) -> Double {
        guard significantDigits != nil, value.isFinite, value != 0 else { return value }
        return Double(string(value)) ?? value
    }

    /// `e` with every floating-point constant rounded to this style's digits.
    /// Exact rationals are left alone.
    ///
    /// ```swift
    /// NumberStyle.short.rounding(0.1 * x + 0.30000000000000004)   // 0.1*x + 0.3
    /// ```
    public func rounding(_ e: Expr) -> Expr {
        guard significantDigits != nil,
              e.postOrder().contains(where: { if case .float? = $0.numberValue { return true } else { return false } }) else {
            return e
        }
        return e.transformed { node, args in
            if case .float(let d)? = node.numberValue { return .number(Number(rounded(d))) }
            return node.rebuilt(with: args)
        }
    }

    /// `e` in SymPy syntax with its floats in this style; a lone number as `string` shows it.
    public func text(_ e: Expr) -> String {
        if let n = e.numberValue { return string(n) }
        return rounding(e).description
    }

    /// A small amount written out in decimals as a person writes it, with
    /// `significantDigits` digits: `0.00005` rather than `5e-05`. Outside
    /// 1e-9 ..< 1e6 it falls back to exponent form.
    ///
    /// ```swift
    /// NumberStyle.positional(0.0000775, significantDigits: 3)   // "0.0000775"
    /// ```
    public static func positional(_ value: Double, significantDigits digits: Int) -> String {
        if value == 0 { return "0" }
        let size = Swift.abs(value)
        guard size >= 1e-9, size < 1e6 else { return NumberStyle(significantDigits: digits).string(value) }
        let decimals = Swift.max(0, digits - 1 - Int(Foundation.floor(Foundation.log10(size))))
        var text = String(format: "%.\(Swift.min(decimals, 12))f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// SymPy's spelling of the values every style prints the same way.
    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-oo" : "oo" }
        if value == 0 { return "0" }
        return nil
    }
}
