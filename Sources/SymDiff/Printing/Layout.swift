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

/// What an infix syntax (plain, LaTeX, Swift) says about its operators, so
/// that sums, bracketing, precedence and factor lists are laid out once.
/// A syntax supplies its brackets and the few places where it binds
/// differently (a root is an atom in LaTeX, `Foundation.pow(...)` is a call
/// in Swift); products keep their own rules, built from `factors`.
protocol InfixSyntax: ExpressionSyntax {
    /// `(` or `\left(`.
    var openBracket: String { get }
    /// `)` or `\right)`.
    var closeBracket: String { get }
    /// How a power that is not printed as a fraction binds.
    func powerPrecedence(_ e: Expr) -> Precedence
    /// How a non-negative integer or float literal binds (`1.0 \cdot 10^{-5}` is a product).
    func literalPrecedence(_ n: Number) -> Precedence
}

/// How a power prints, before a syntax picks its own spelling.
enum PowerForm {
    /// A negative exponent: printed as a fraction by the product layout.
    case fraction
    case squareRoot(Expr)
    case power(base: Expr, exponent: Expr)
}

extension InfixSyntax {
    var openBracket: String { "(" }
    var closeBracket: String { ")" }
    func powerPrecedence(_ e: Expr) -> Precedence { .pow }

    func powerForm(_ e: Expr) -> PowerForm {
        let (b, x) = (e.arguments[0], e.arguments[1])
        if let n = x.numberValue {
            if n.isNegative && !e.keepsNegativeExponent { return .fraction }
            if n == Number(1, 2) { return .squareRoot(b) }
        }
        return .power(base: b, exponent: x)
    }
    func literalPrecedence(_ n: Number) -> Precedence { .atom }

    func precedence(_ e: Expr) -> Precedence {
        switch e.kind {
        case .symbol, .apply: return .atom
        case .number(let n): return n.isNegative || !(n.asRational?.isInteger ?? true) ? .mul : literalPrecedence(n)
        case .add: return .add
        case .mul: return .mul
        case .pow:
            // x**(-2) prints as the fraction 1/x**2.
            if let n = e.arguments[1].numberValue, n.isNegative, !e.keepsNegativeExponent { return .mul }
            return powerPrecedence(e)
        }
    }

    func wrap(_ e: Expr, when condition: Bool) -> [LayoutPiece] {
        condition ? [.text(openBracket), .operand(e), .text(closeBracket)] : [.operand(e)]
    }

    /// `a*b*(x + 1)`: factors joined by `separator`, each bracketed when it
    /// binds no tighter than `bracketed`.
    func factors(_ list: [Expr], separator: String, bracketing bracketed: Precedence) -> [LayoutPiece] {
        var pieces: [LayoutPiece] = []
        for (i, factor) in list.enumerated() {
            if i > 0 { pieces.append(.text(separator)) }
            pieces += wrap(factor, when: precedence(factor) <= bracketed)
        }
        return pieces
    }

    /// The terms of a sum, as SymPy orders them: the constant goes last
    /// (`x + 1`), and a positive term leads when there is one (`1 - x`
    /// rather than `-x + 1`); negative terms print after ` - `.
    func layoutSum(_ e: Expr) -> [LayoutPiece] {
        var terms = e.arguments
        if terms[0].isNumber { terms.append(terms.removeFirst()) }
        if terms[0].printsNegative, let i = terms.firstIndex(where: { !$0.printsNegative }) {
            terms.insert(terms.remove(at: i), at: 0)
        }
        var pieces: [LayoutPiece] = []
        for (i, term) in terms.enumerated() {
            if i == 0 { pieces.append(.operand(term)); continue }
            pieces += term.printsNegative ? [.text(" - "), .operand(-term)] : [.text(" + "), .operand(term)]
        }
        return pieces
    }
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
