/// SymPy syntax: `x**2 - 2*x*y + sigmoid(z)/3`. Output pastes into SymPy
/// (with `sigmoid`, `relu`, `heaviside` defined) and parses back to the same
/// expression: `Expr.parse(e.description) == e`.
public struct PlainSyntax: ExpressionSyntax {
    public init() {}

    public func layout(_ e: Expr) -> [LayoutPiece] {
        switch e.kind {
        case .symbol(let name): return [.text(name)]
        case .number(let n): return [.text(n.description)]
        case .add: return layoutSum(e)
        case .mul: return layoutProduct(e)
        case .pow:
            let (b, x) = (e.arguments[0], e.arguments[1])
            if let n = x.numberValue {
                if n.isNegative { return layoutProduct(e) }
                if n == Number(1, 2) { return [.text("sqrt("), .operand(b), .text(")")] }
            }
            return wrap(b, when: precedence(b) <= .pow) + [.text("**")] + wrap(x, when: precedence(x) < .atom)
        case .apply(let f):
            var pieces: [LayoutPiece] = [.text(f.name + "(")]
            for (i, a) in e.arguments.enumerated() {
                if i > 0 { pieces.append(.text(", ")) }
                pieces.append(.operand(a))
            }
            pieces.append(.text(")"))
            return pieces
        }
    }

    func precedence(_ e: Expr) -> Precedence {
        switch e.kind {
        case .symbol, .apply: return .atom
        case .number(let n): return n.isNegative || !(n.asRational?.isInteger ?? true) ? .mul : .atom
        case .add: return .add
        case .mul: return .mul
        case .pow:
            if let n = e.arguments[1].numberValue {
                if n.isNegative { return .mul }
                if n == Number(1, 2) { return .atom }
            }
            return .pow
        }
    }

    func wrap(_ e: Expr, when condition: Bool) -> [LayoutPiece] {
        condition ? [.text("("), .operand(e), .text(")")] : [.operand(e)]
    }

    func layoutSum(_ e: Expr) -> [LayoutPiece] {
        // The constant goes last, as SymPy prints `x + 1`; a positive term
        // leads when there is one, so `1 - x` rather than `-x + 1`.
        var terms = e.arguments
        if terms[0].isNumber { terms.append(terms.removeFirst()) }
        if terms[0].printsNegative, let i = terms.firstIndex(where: { !$0.printsNegative }) {
            terms.insert(terms.remove(at: i), at: 0)
        }
        var pieces: [LayoutPiece] = []
        for (i, term) in terms.enumerated() {
            if i == 0 { pieces.append(.operand(term)); continue }
            if term.printsNegative {
                pieces += [.text(" - "), .operand(-term)]
            } else {
                pieces += [.text(" + "), .operand(term)]
            }
        }
        return pieces
    }

    func layoutProduct(_ e: Expr) -> [LayoutPiece] {
        let f = e.fraction
        var pieces: [LayoutPiece] = f.negative ? [.text("-")] : []
        var numerator: [LayoutPiece] = []
        if !f.coefficient.isOne || f.numerator.isEmpty { numerator.append(.text(f.coefficient.description)) }
        for factor in f.numerator {
            if !numerator.isEmpty { numerator.append(.text("*")) }
            numerator += wrap(factor, when: precedence(factor) < .mul || (precedence(factor) == .mul))
        }
        pieces += numerator
        let denominatorCount = f.denominator.count + (f.denominatorCoefficient == 1 ? 0 : 1)
        if denominatorCount == 0 { return pieces }
        pieces.append(.text("/"))
        let group = denominatorCount > 1
        if group { pieces.append(.text("(")) }
        var first = true
        if f.denominatorCoefficient != 1 { pieces.append(.text(f.denominatorCoefficient.description)); first = false }
        for factor in f.denominator {
            if !first { pieces.append(.text("*")) }
            first = false
            pieces += wrap(factor, when: precedence(factor) < .pow)
        }
        if group { pieces.append(.text(")")) }
        return pieces
    }
}

public enum PlainPrinter {
    /// `e` in SymPy syntax; with `limit`, cut after about that many characters.
    public static func print(_ e: Expr, limit: Int? = nil) -> String {
        Layout.render(e, PlainSyntax(), limit: limit)
    }
}
