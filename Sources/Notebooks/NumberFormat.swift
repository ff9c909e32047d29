import Foundation
import SymDiff

/// The one rule for showing floating-point numbers in session output:
/// six significant digits, as C's and Python's `%.6g` print them
/// (`0.10125`, `-0.28125`, `2.06115e-09`, `5`).
///
/// Six digits keep notebooks stable across machines — the last bits of
/// `exp` differ between C libraries, and training amplifies them — while
/// staying enough to compare against the seeds' four-digit values.
///
/// ```swift
/// NumberFormat.string(0.1 + 0.2)      // "0.3"
/// NumberFormat.string(0.25 ** 20)     // "9.09495e-13"
/// ```
public enum NumberFormat {
    /// Significant digits in every number a session prints.
    public static let significantDigits = 6

    /// `value` with six significant digits; `oo`, `-oo` and `nan` as SymPy writes them.
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-oo" : "oo" }
        if value == 0 { return "0" }
        return String(format: "%.\(significantDigits)g", value)
    }

    /// `value` rounded to the digits `string` shows, so an expression holding
    /// it prints the same text (`0.030000000000000002` → `0.03`).
    public static func rounded(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        return Double(string(value)) ?? value
    }

    /// `e` with every floating-point constant rounded to six significant
    /// digits: the form sessions print. Exact rationals are left alone.
    ///
    /// ```swift
    /// NumberFormat.rounding(0.1 * x + 0.30000000000000004)   // 0.1*x + 0.3
    /// ```
    public static func rounding(_ e: Expr) -> Expr {
        guard e.postOrder().contains(where: { if case .float? = $0.numberValue { return true } else { return false } }) else {
            return e
        }
        return e.transformed { node, args in
            if case .float(let d)? = node.numberValue { return .number(Number(rounded(d))) }
            return node.rebuilt(with: args)
        }
    }

    /// `e` as sessions print it: SymPy syntax with rounded floats.
    public static func text(_ e: Expr) -> String {
        if let n = e.numberValue, case .float(let d) = n { return string(d) }
        return rounding(e).description
    }
}
