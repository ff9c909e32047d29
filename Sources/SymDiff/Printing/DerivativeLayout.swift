/// How a derivative of an undefined function prints, as SymPy prints it:
/// `Derivative(f(x), x)` when each differentiated argument is a symbol that
/// occurs nowhere else among the arguments, and otherwise
/// `Subs(Derivative(f(_xi_1), _xi_1), _xi_1, 2*x)`, a fresh variable named
/// after the argument's position standing in for it.
///
/// ```swift
/// // f'(x)      Derivative(f(x), x)               \frac{d}{d x} f{\left(x \right)}
/// // f''(x)     Derivative(f(x), (x, 2))          \frac{d^{2}}{d x^{2}} f{\left(x \right)}
/// // f'(2*x)    Subs(Derivative(f(_xi_1), _xi_1), _xi_1, 2*x)
/// ```
enum DerivativeLayout {
    /// The differentiated function written over variables, and the
    /// arguments that had to be replaced by fresh ones (`_xi_i` → argument).
    struct Parts {
        let inner: Expr
        let variables: [(symbol: Expr, order: Int)]
        let substituted: [(fresh: Int, value: Expr)]
    }

    static func parts(_ u: Function.Undefined, _ arguments: [Expr], fresh: (Int) -> Expr) -> Parts {
        var inner = arguments
        var variables: [(Expr, Int)] = []
        var substituted: [(Int, Expr)] = []
        for (i, order) in u.orders.enumerated() where order > 0 {
            let a = arguments[i]
            let elsewhere = arguments.indices.contains { j in j != i && arguments[j].freeSymbols.contains(a) }
            if a.symbolName != nil && !elsewhere {
                variables.append((a, order))
            } else {
                inner[i] = fresh(i + 1)
                variables.append((inner[i], order))
                substituted.append((i + 1, a))
            }
        }
        return Parts(inner: .apply(.undefined(u.name, arity: u.arity), inner), variables: variables, substituted: substituted)
    }

    static func plain(_ u: Function.Undefined, _ arguments: [Expr]) -> [LayoutPiece] {
        let p = parts(u, arguments) { .symbol("_xi_\($0)") }
        var pieces: [LayoutPiece] = p.substituted.isEmpty ? [] : [.text("Subs(")]
        pieces += [.text("Derivative("), .operand(p.inner)]
        for (v, order) in p.variables {
            pieces += order == 1 ? [.text(", "), .operand(v)] : [.text(", ("), .operand(v), .text(", \(order))")]
        }
        pieces.append(.text(")"))
        if !p.substituted.isEmpty {
            let many = p.substituted.count > 1
            pieces.append(.text(many ? ", (" : ", "))
            for (k, s) in p.substituted.enumerated() { pieces += [.text(k > 0 ? ", " : ""), .text("_xi_\(s.fresh)")] }
            pieces.append(.text(many ? "), (" : ", "))
            for (k, s) in p.substituted.enumerated() { pieces += [.text(k > 0 ? ", " : ""), .operand(s.value)] }
            pieces.append(.text(many ? "))" : ")"))
        }
        return pieces
    }

    static func latex(_ u: Function.Undefined, _ arguments: [Expr]) -> [LayoutPiece] {
        let p = parts(u, arguments) { .symbol("xi_\($0)") }
        let d = u.arity == 1 ? "d" : "\\partial"
        let total = u.orders.reduce(0, +)
        var pieces: [LayoutPiece] = p.substituted.isEmpty ? [] : [.text("\\left. ")]
        pieces.append(.text(total == 1 ? "\\frac{\(d)}{" : "\\frac{\(d)^{\(total)}}{"))
        for (v, order) in p.variables.reversed() {
            pieces += [.text(d + " "), .operand(v)]
            if order > 1 { pieces.append(.text("^{\(order)}")) }
        }
        pieces += [.text("} "), .operand(p.inner)]
        if !p.substituted.isEmpty {
            pieces.append(.text(" \\right|_{\\substack{ "))
            for (k, s) in p.substituted.enumerated() {
                pieces += [.text(k > 0 ? "\\\\ " : ""), .text("\\xi_{\(s.fresh)}="), .operand(s.value)]
            }
            pieces.append(.text(" }}"))
        }
        return pieces
    }
}
