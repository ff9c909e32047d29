/// Swift source for a `Double` expression: `x * y / (2.0 * z) + Foundation.exp(-x)`.
///
/// Every number prints as a `Double` literal (`2.0`, `1.0 / 3.0`) so the code
/// type-checks without context, powers print as `Foundation.pow` (`Foundation.sqrt`
/// for a square root), and functions print from their table entry's `swift`
/// template. Symbols that are Swift keywords are written in backticks.
public struct SwiftSyntax: InfixSyntax {
    public init() {}

    public func layout(_ e: Expr) -> [LayoutPiece] {
        switch e.kind {
        case .symbol(let name): return [.text(SwiftPrinter.identifier(name))]
        case .number(let n): return [.text(SwiftSyntax.number(n))]
        case .add: return layoutSum(e)
        case .mul: return layoutProduct(e)
        case .pow:
            switch powerForm(e) {
            case .fraction: return layoutProduct(e)
            case .squareRoot(let b): return [.text("Foundation.sqrt("), .operand(b), .text(")")]
            case .power(let b, let x): return [.text("Foundation.pow("), .operand(b), .text(", "), .operand(x), .text(")")]
            }
        case .apply(let f): return SplitTemplate.swift(f, e.arguments)
        }
    }

    func layoutProduct(_ e: Expr) -> [LayoutPiece] {
        var f = e.fraction
        if !SwiftSyntax.isExactLiteral(f.coefficient) || !SwiftSyntax.isExactLiteral(Number(f.denominatorCoefficient)) {
            // 2**1000/3**700 has no exact Double parts; its quotient does.
            if case .rational(let r) = f.coefficient {
                f.coefficient = Number(Rational(r.numerator, f.denominatorCoefficient).doubleValue)
            }
            f.denominatorCoefficient = 1
        }
        var pieces: [LayoutPiece] = f.negative ? [.text("-")] : []
        var numerator: [LayoutPiece] = []
        if !f.coefficient.isOne || f.numerator.isEmpty { numerator.append(.text(SwiftSyntax.number(f.coefficient))) }
        if !numerator.isEmpty && !f.numerator.isEmpty { numerator.append(.text(" * ")) }
        numerator += factors(f.numerator, separator: " * ", bracketing: .add)
        // `-` binds tighter than `*` in Swift, so `-(x + y)` needs its brackets
        // and `-x * y` is read as `(-x) * y`, which has the same value.
        if f.negative, numerator.count == 1, case .operand(let only) = numerator[0], precedence(only) < .atom {
            numerator = wrap(only, when: true)
        }
        pieces += numerator
        var denominator: [LayoutPiece] = []
        if f.denominatorCoefficient != 1 { denominator.append(.text(SwiftSyntax.number(Number(f.denominatorCoefficient)))) }
        if !denominator.isEmpty && !f.denominator.isEmpty { denominator.append(.text(" * ")) }
        denominator += factors(f.denominator, separator: " * ", bracketing: .mul)
        if denominator.isEmpty { return pieces }
        let grouped = f.denominator.count + (f.denominatorCoefficient == 1 ? 0 : 1) > 1
        return pieces + [.text(" / ")] + (grouped ? [.text("(")] + denominator + [.text(")")] : denominator)
    }

    /// `Foundation.pow(x, y)` and `Foundation.sqrt(x)` are calls.
    func powerPrecedence(_ e: Expr) -> Precedence { .atom }

    /// Whether `n` is an integer that a `Double` holds exactly (or a float).
    static func isExactLiteral(_ n: Number) -> Bool {
        guard case .rational(let r) = n else { return true }
        return r.isInteger && r.numerator.magnitude <= exactLimit
    }

    static let exactLimit = BigInt(1 << 53)

    /// A `Double` literal: `2.0`, `1.0 / 3.0`, `1e-05`, `Double.infinity`.
    static func number(_ n: Number) -> String {
        switch n {
        case .rational(let r):
            if r.numerator.magnitude <= exactLimit && r.denominator <= exactLimit {
                let p = "\(r.numerator).0"
                return r.isInteger ? p : "\(p) / \(r.denominator).0"
            }
            return double(r.doubleValue)
        case .float(let d): return double(d)
        }
    }

    static func double(_ d: Double) -> String {
        if d.isNaN { return "Double.nan" }
        if d.isInfinite { return d < 0 ? "-Double.infinity" : "Double.infinity" }
        let text = "\(d)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }
}

/// Prints expressions as Swift source over `Double`.
///
/// ```swift
/// let x = Expr.symbol("x")
/// SwiftPrinter.print(x ** 2 / 2 + exp(-x))
/// // Foundation.pow(x, 2.0) / 2.0 + Foundation.exp(-x)
/// ```
public enum SwiftPrinter {
    /// `e` as a Swift `Double` expression.
    public static func print(_ e: Expr) -> String { Layout.render(e, SwiftSyntax()) }

    /// A Swift function computing `e`, with shared subexpressions bound once by `let`.
    ///
    /// ```swift
    /// SwiftPrinter.function(named: "f", [exp(x) * (1 + exp(x))], parameters: ["x"])
    /// // func f(x: Double) -> Double {
    /// //     let x0 = Foundation.exp(x)
    /// //     return x0 * (x0 + 1.0)
    /// // }
    /// ```
    ///
    /// - Parameters:
    ///   - values: one expression returns a `Double`; several return `[Double]`.
    ///   - parameters: the argument names in order; the free symbols sorted by name when `nil`.
    public static func function(named name: String, _ values: [Expr], parameters: [String]? = nil) -> String {
        let names = parameters ?? Expr.postOrder(values).compactMap(\.symbolName).sorted()
        let arguments = names.map { "\(identifier($0)): Double" }.joined(separator: ", ")
        let (definitions, results) = Expr.commonSubexpressions(values)
        var text = "func \(identifier(name))(\(arguments)) -> \(values.count == 1 ? "Double" : "[Double]") {\n"
        for (n, value) in definitions { text += "    let \(identifier(n)) = \(print(value))\n" }
        let returned = results.count == 1 ? print(results[0]) : "[" + results.map(print).joined(separator: ", ") + "]"
        return text + "    return \(returned)\n}\n"
    }

    /// A symbol name as a Swift identifier, in backticks when it is a keyword.
    public static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "some", "any",
    ]
}

extension Expr {
    /// The expression as Swift source over `Double`.
    ///
    /// ```swift
    /// (x / 2).swiftSource   // x / 2.0
    /// ```
    public var swiftSource: String { SwiftPrinter.print(self) }
}
