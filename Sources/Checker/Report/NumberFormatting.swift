import Foundation
import SymDiff

/// How numbers appear in explanations: short, but never hiding the digit
/// that makes a claim wrong.
enum NumberFormatting {
    /// A value with at least 6 significant digits, and at least `decimals`
    /// digits after the point.
    static func value(_ x: Double, decimals: Int = 0) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        if x == 0 { return "0" }
        let magnitude = Int(Foundation.floor(Foundation.log10(Swift.abs(x)))) + 1
        let significant = Swift.min(17, Swift.max(6, magnitude + decimals))
        let text = String(format: "%.\(significant)g", x)
        // Trailing zeros go only when they hide nothing: 0.9999999979 stays 1.000000.
        var stripped = text
        if stripped.contains("."), !stripped.contains("e") {
            while stripped.hasSuffix("0") { stripped.removeLast() }
            if stripped.hasSuffix(".") { stripped.removeLast() }
        }
        if let back = Double(stripped), Swift.abs(back - x) <= 1e-12 * Swift.abs(x) { return stripped }
        return text
    }

    /// Two different values, with enough digits that they read differently.
    static func distinct(_ a: Double, _ b: Double) -> (String, String) {
        var decimals = 0
        var pair = (value(a), value(b))
        while pair.0 == pair.1 && decimals < 17 {
            decimals += 1
            pair = (value(a, decimals: decimals), value(b, decimals: decimals))
        }
        return pair
    }

    /// A small positive amount in decimals with 3 significant digits: `0.0000775`.
    static func amount(_ x: Double) -> String {
        guard x.isFinite, x >= 1e-9, x < 1e6 else { return String(format: "%.3g", x) }
        let decimals = Swift.max(0, 2 - Int(Foundation.floor(Foundation.log10(x))))
        var text = String(format: "%.\(decimals)f", x)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A tolerance as a person writes it: `0.00005` rather than `5e-05`.
    static func tolerance(_ t: Double) -> String {
        if t == 0 { return "0" }
        if t >= 1e-9 && t < 1e6 {
            let decimals = Swift.max(0, Int(Foundation.ceil(-Foundation.log10(t))) + 1)
            var text = String(format: "%.\(Swift.min(decimals, 12))f", t)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
        return String(format: "%g", t)
    }

    /// `x=0.5, W1=-1.2` for a point.
    static func point(_ point: [(name: String, value: Double)]) -> String {
        point.map { "\($0.name)=\(value($0.value))" }.joined(separator: ", ")
    }
}
