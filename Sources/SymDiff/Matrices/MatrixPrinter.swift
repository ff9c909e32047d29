/// Plain text for matrix expressions, as people write them in NumPy-like code:
/// `(W*x + b - t)*x.T`, `(W2.T*delta2) ⊙ sigmoid'(z1)`, `sum((W*x - t)**2)/2`.
///
/// `*` is the matrix product and scaling, `⊙` the Hadamard product (its
/// compound operands always in parentheses, since conventions for its
/// precedence differ), `.T` the transpose, `**` an entrywise power.
enum MatrixPrinter {
    /// Binding strength of what a piece of text is, for parenthesising.
    private enum Level: Int, Comparable {
        case sum = 1, product = 2, atom = 3
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private struct Piece {
        var text: String
        var level: Level
        /// For `-c*X`: the text of `c*X`, so a sum prints `A - c*X`.
        var negated: String?

        func wrapped(below level: Level) -> String { self.level < level ? "(\(text))" : text }
    }

    static func print(_ e: MatrixExpr) -> String { e.fold(piece).text }

    private static func piece(_ node: MatrixExpr, _ parts: [Piece]) -> Piece {
        switch node.kind {
        case .symbol(let name): return Piece(text: name, level: .atom)
        case .scalar(let value):
            let text = value.description
            if let n = value.numberValue, n.isNegative {
                return Piece(text: text, level: .sum, negated: (-value).description)
            }
            return Piece(text: text, level: value.isAdd ? .sum : (value.isSymbol || value.isNumber && value.numberValue!.isInteger ? .atom : .product))
        case .ones: return Piece(text: "ones(\(shapeText(node.shape)))", level: .atom)
        case .identity: return Piece(text: "I(\(node.shape.rows))", level: .atom)
        case .transpose: return Piece(text: parts[0].wrapped(below: .atom) + ".T", level: .atom)
        case .product: return Piece(text: parts[0].wrapped(below: .product) + "*" + parts[1].wrapped(below: .product), level: .product)
        case .scale: return scaled(node.operands[0], coefficientText: parts[0], parts[1])
        case .hadamard:
            // Level `.sum`: a product or scaling around it parenthesises it, so `A.T*(X ⊙ Y)`
            // never prints as `A.T*X ⊙ Y`, which reads back as `(A.T*X) ⊙ Y`.
            return Piece(text: parts[0].wrapped(below: .atom) + " ⊙ " + parts[1].wrapped(below: .atom), level: .sum)
        case .add:
            let right = parts[1].negated.map { " - " + ($0.contains(" ") && parts[1].level == .sum ? "(\($0))" : $0) }
                ?? " + " + parts[1].text
            return Piece(text: parts[0].text + right, level: .sum)
        case .elementwise(let body): return elementwise(body, parts[0])
        case .sumEntries: return Piece(text: "sum(\(parts[0].text))", level: .atom)
        case .frobeniusSquared: return Piece(text: "normSquared(\(parts[0].text))", level: .atom)
        case .trace: return Piece(text: "trace(\(parts[0].text))", level: .atom)
        case .softmax: return Piece(text: "softmax(\(parts[0].text))", level: .atom)
        case .logsumexp: return Piece(text: "logsumexp(\(parts[0].text))", level: .atom)
        case .gradient(let name, _): return Piece(text: "diff(\(parts[0].text), \(name))", level: .atom)
        case .jacobian(let name, _): return Piece(text: "jacobian(\(parts[0].text), \(name))", level: .atom)
        case .diag: return Piece(text: "diag(\(parts[0].text))", level: .atom)
        case .substitution(let name):
            return Piece(text: "subs(\(parts[0].text), \(name), \(parts[1].text))", level: .atom)
        }
    }

    /// `c*X`, `X/q` for c = 1/q, `-X`, keeping the positive form for sums.
    private static func scaled(_ coefficient: MatrixExpr, coefficientText: Piece, _ operand: Piece) -> Piece {
        guard let c = coefficient.scalarValue, let n = c.numberValue, n.isExact else {
            return Piece(text: coefficientText.wrapped(below: .product) + "*" + operand.wrapped(below: .product), level: .product)
        }
        func positive(_ m: Number) -> String {
            if m.isOne { return operand.text }
            if case .rational(let r) = m, r.denominator != 1 {
                let body = operand.wrapped(below: .atom)
                return r.numerator == 1 ? "\(body)/\(r.denominator)" : "\(r.numerator)*\(body)/\(r.denominator)"
            }
            return "\(Expr.number(m))*" + operand.wrapped(below: .product)
        }
        if n.isNegative {
            let text = positive(-n)
            let level: Level = (-n).isOne ? operand.level : .product
            return Piece(text: "-" + (level == .sum ? "(\(text))" : text), level: .sum, negated: text)
        }
        return Piece(text: positive(n), level: n.isOne ? operand.level : .product)
    }

    private static func elementwise(_ body: Expr, _ operand: Piece) -> Piece {
        let u = MatrixExpr.entryVariable
        if let f = body.function, body.arguments == [u] { return Piece(text: "\(f.name)(\(operand.text))", level: .atom) }
        for f in Function.all where f.arity == 1 && f.partial([u], 0, .apply(f, [u])) == body {
            return Piece(text: "\(f.name)'(\(operand.text))", level: .atom)
        }
        if body.isPow, body.arguments[0] == u, body.arguments[1].isNumber {
            return Piece(text: operand.wrapped(below: .atom) + "**" + body.arguments[1].description, level: .atom)
        }
        return Piece(text: "map(\(u) -> \(body), \(operand.text))", level: .atom)
    }

    private static func shapeText(_ s: Shape) -> String { s.columns == .one ? s.rows.description : s.description }
}
