/// SymPy syntax: `x**2 - 2*x*y + sigmoid(z)/3`. Output pastes into SymPy
/// (with `sigmoid`, `relu`, `heaviside` defined) and parses back to the same
/// expression: `Expr.parse(e.description) == e`.
public struct PlainSyntax: InfixSyntax {
    public init() {}

    public func layout(_ e: Expr) -> [LayoutPiece] {
        switch e.kind {
        case .symbol(let name): return [.text(name)]
        case .number(let n): return [.text(n.description)]
        case .add: return layoutSum(e)
        case .mul: return layoutProduct(e)
        case .pow:
            switch powerForm(e) {
            case .fraction: return layoutProduct(e)
            case .squareRoot(let b): return [.text("sqrt("), .operand(b), .text(")")]
            case .power(let b, let x): return wrap(b, when: precedence(b) <= .pow) + [.text("**")] + wrap(x, when: precedence(x) < .atom)
            }
        case .apply(let f):
            if let u = f.undefined, u.isDerivative { return DerivativeLayout.plain(u, e.arguments) }
            if f.arity == 0 { return [.text(f.name)] }
            var pieces: [LayoutPiece] = [.text(f.name + "(")]
            for (i, a) in e.arguments.enumerated() {
                if i > 0 { pieces.append(.text(", ")) }
                pieces.append(.operand(a))
            }
            pieces.append(.text(")"))
            return pieces
        }
    }

    /// `sqrt(x)` is a call.
    func powerPrecedence(_ e: Expr) -> Precedence {
        e.arguments[1].numberValue == Number(1, 2) ? .atom : .pow
    }

    // The parser builds products left to right, and a number times a lone sum
    // is distributed (`2*(x + 1)` is `2*x + 2`). So for `parse(print(e)) == e`
    // a sign or coefficient must never meet a lone sum: `2*y*(x + 1)` rather
    // than `2*(x + 1)*y`, `2*((x + 1)/y)` when only sums follow, and a
    // denominator's coefficient is divided where it meets no lone sum:
    // `x/(2*y*(z + 1))`, `x/2/(z + 1)`, `(x + 1)/(z + 1)/2`.
    func layoutProduct(_ e: Expr) -> [LayoutPiece] {
        let f = e.fraction
        let numerator = nonSumFirst(f.numerator), denominator = nonSumFirst(f.denominator)
        let divisor = f.denominatorCoefficient
        var pieces: [LayoutPiece] = f.negative ? [.text("-")] : []
        let showCoefficient = !f.coefficient.isOne || numerator.isEmpty
        if showCoefficient { pieces.append(.text(f.coefficient.description)) }
        let hasPrefix = f.negative || showCoefficient
        let rest = numerator.count + denominator.count + (divisor == 1 ? 0 : 1)
        let group = hasPrefix && numerator.first?.kind == .add && rest > 1
        if showCoefficient && !numerator.isEmpty { pieces.append(.text("*")) }
        if group { pieces.append(.text("(")) }
        pieces += factors(numerator, separator: "*", bracketing: .mul)
        let loneSum = numerator.count == 1 && numerator[0].kind == .add && (group || !hasPrefix)
        let divisorText: [LayoutPiece] = [.text("/" + divisor.description)]
        if divisor != 1, let first = denominator.first, first.kind != .add {
            pieces += [.text("/("), .text(divisor.description)]
            pieces += [.text("*")] + factors(denominator, separator: "*", bracketing: .mul)
            pieces.append(.text(")"))
        } else if divisor != 1 && !loneSum {
            pieces += divisorText + layoutDenominator(denominator)
        } else {
            pieces += layoutDenominator(denominator) + (divisor == 1 ? [] : divisorText)
        }
        if group { pieces.append(.text(")")) }
        return pieces
    }

    /// `/y`, `/(y*(x + 1))`, or nothing for no factors.
    func layoutDenominator(_ factors: [Expr]) -> [LayoutPiece] {
        if factors.isEmpty { return [] }
        let grouped = factors.count > 1
        return [.text(grouped ? "/(" : "/")] + self.factors(factors, separator: "*", bracketing: .mul) + (grouped ? [.text(")")] : [])
    }

    /// The factors with the first one that is not a sum moved to the front.
    func nonSumFirst(_ factors: [Expr]) -> [Expr] {
        guard factors.first?.kind == .add, let i = factors.firstIndex(where: { $0.kind != .add }) else { return factors }
        var reordered = factors
        reordered.insert(reordered.remove(at: i), at: 0)
        return reordered
    }
}

public enum PlainPrinter {
    /// `e` in SymPy syntax; with `limit`, cut after about that many characters.
    public static func print(_ e: Expr, limit: Int? = nil) -> String {
        Layout.render(e, PlainSyntax(), limit: limit)
    }
}
