/// The printing engine shared by every output syntax.
///
/// A syntax (`ExpressionSyntax`) says how one node is laid out: a list of
/// text pieces and operand slots. The engine expands slots with an explicit
/// stack, so printing is iterative (any depth) and linear in the output size.
public protocol ExpressionSyntax {
    /// The layout of one node. Operands appear as `.operand`; the engine
    /// prints them in turn with this same syntax.
    func layout(_ e: Expr) -> [LayoutPiece]
}

public enum LayoutPiece {
    case text(String)
    case operand(Expr)
}

enum Layout {
    /// Renders `e`; with a `limit`, stops after about that many characters and ends with "...".
    static func render(_ e: Expr, _ syntax: some ExpressionSyntax, limit: Int? = nil) -> String {
        var output = ""
        var stack: [LayoutPiece] = [.operand(e)]
        while let piece = stack.popLast() {
            switch piece {
            case .text(let t): output += t
            case .operand(let child): stack.append(contentsOf: syntax.layout(child).reversed())
            }
            if let limit, output.utf8.count > limit {
                return String(output.prefix(limit)) + "..."
            }
        }
        return output
    }
}

/// How tightly a printed node binds, to decide parentheses.
enum Precedence: Int, Comparable {
    case add = 1, mul = 2, pow = 3, atom = 4
    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

extension Expr {
    /// A product split for printing as `sign numerator / denominator`.
    struct Fraction {
        var negative: Bool
        var coefficient: Number          // positive; numeric part of the numerator
        var denominatorCoefficient: BigInt   // from a rational coefficient p/q
        var numerator: [Expr]
        var denominator: [Expr]
    }

    /// Splits a product (or a lone power with negative exponent) into
    /// numerator and denominator factors: `-3*x/(2*y**2)`.
    var fraction: Fraction {
        var (c, _) = asCoefficientAndTerm
        let factors: [Expr]
        if kind == .mul { factors = c.isOne && arguments[0].numberValue == nil ? arguments : Array(arguments.dropFirst()) } else { factors = [self] }
        let negative = c.isNegative
        if negative { c = -c }
        var fraction = Fraction(negative: negative, coefficient: c, denominatorCoefficient: 1, numerator: [], denominator: [])
        if case .rational(let r) = c {
            fraction.coefficient = .rational(Rational(r.numerator))
            fraction.denominatorCoefficient = r.denominator
        }
        for f in factors {
            if f.kind == .pow, let n = f.arguments[1].numberValue, n.isNegative, !f.keepsNegativeExponent {
                fraction.denominator.append(.pow(f.arguments[0], .number(-n)))
            } else {
                fraction.numerator.append(f)
            }
        }
        return fraction
    }

    /// A power of a number with a negative exponent whose reciprocal would
    /// fold to a number, so it stays a power when printed: `0**(-2)` (`1/0**2`
    /// would read back as `0**(-1)`) and `0.4**(-999996)`, which overflows
    /// and is kept, while `0.4**999996` underflows to 0.0 (`1/0.0`).
    var keepsNegativeExponent: Bool {
        guard kind == .pow, arguments[0].isNumber, let n = arguments[1].numberValue, n.isNegative else { return false }
        return Expr.pow(arguments[0], .number(-n)).isNumber
    }

    /// Whether the term prints with a leading minus sign.
    var printsNegative: Bool {
        if let n = numberValue { return n.isNegative }
        if kind == .mul, let n = arguments[0].numberValue { return n.isNegative }
        return false
    }
}
