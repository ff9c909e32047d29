/// Reverse mode on matrix expressions: the derivative of a 1×1 expression
/// with respect to a shaped symbol, in matrix form and with the symbol's shape.
///
/// Each operation contributes its vector–Jacobian product to its operands'
/// adjoints, written as a matrix expression (Ā for an operand, C̄ for the node):
/// - `A B`: Ā += C̄ Bᵀ, B̄ += Aᵀ C̄;   `Aᵀ`: Ā += C̄ᵀ;   `s A`: Ā += s C̄, s̄ += sum(C̄ ⊙ A);
/// - `A ⊙ B`: Ā += C̄ ⊙ B;   `f(A)` entrywise: Ā += C̄ ⊙ f′(A);
/// - `A + b` broadcast over rows: b̄ += C̄ᵀ 1 (the column sums), over columns: C̄ 1;
/// - `sum(A)`: Ā += C̄·ones; `‖A‖²`: Ā += 2 C̄ A; `trace(A)`: Ā += C̄ I;
/// - `softmax(z) = s`: z̄ += s ⊙ C̄ − s (sᵀ C̄);   `logsumexp(z)`: z̄ += C̄ softmax(z).
/// Each rule holds at every size; the tests check every one against the
/// scalar engine entry by entry at concrete sizes.
extension MatrixExpr {
    /// ∂self/∂variable in matrix form, shaped like `variable` (the convention
    /// of the seeds: ∂L/∂W has W's shape).
    ///
    /// ```swift
    /// let loss = try sum(pow(W * x + b - t, 2)) / 2
    /// try loss.gradient(wrt: W)    // (W*x + b - t)*x.T
    /// try loss.gradient(wrt: b)    // W*x + b - t
    /// ```
    ///
    /// - Throws: `MatrixError.shapeMismatch` unless `self` is 1×1 (a vector
    ///   output needs a Jacobian), `.unsupported` for a variable that is not a
    ///   symbol or for nodes without a matrix-form rule (`partial`, `substituting`).
    public func gradient(wrt variable: MatrixExpr) throws -> MatrixExpr {
        guard shape.isScalar else {
            throw MatrixError.shapeMismatch("the gradient needs a 1x1 expression, not \(shape); this would be a Jacobian")
        }
        guard let name = variable.symbolName else {
            throw MatrixError.unsupported("a derivative with respect to \(variable), which is not a symbol")
        }
        let order = MatrixExpr.postOrder([self])
        var relevant = Set<ObjectIdentifier>()
        for node in order where node.symbolName == name || node.operands.contains(where: { relevant.contains(ObjectIdentifier($0)) }) {
            if node.symbolName == name && node.shape != variable.shape {
                throw MatrixError.shapeMismatch("\(name) is \(node.shape) in the expression but \(variable.shape) as the variable")
            }
            relevant.insert(ObjectIdentifier(node))
        }
        // A scalar leaf naming the variable or its entries (`s`, `W_1_2`) would
        // vary with it, but the rules treat scalar leaves as constants.
        for node in order {
            if let value = node.scalarValue, value.freeSymbols.contains(where: {
                $0.symbolName == name || $0.symbolName!.hasPrefix(name + "_")
            }) {
                throw MatrixError.unsupported("the scalar \(value) mentions \(name); make \(name) a shaped symbol throughout")
            }
        }
        guard relevant.contains(ObjectIdentifier(self)) else { return MatrixExpr.scale(.scalar(.zero), .ones(variable.shape)) }

        var contributions: [ObjectIdentifier: [MatrixExpr]] = [ObjectIdentifier(self): [.scalar(.one)]]
        var result: [MatrixExpr] = []
        for node in order.reversed() {
            guard let parts = contributions.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            let adjoint = MatrixExpr.sum(of: parts)
            if node.symbolName == name { result.append(adjoint); continue }
            for (i, operand) in node.operands.enumerated() where relevant.contains(ObjectIdentifier(operand)) {
                contributions[ObjectIdentifier(operand), default: []].append(try node.backward(i, adjoint))
            }
        }
        return MatrixExpr.sum(of: result)
    }

    /// The contribution of this node's adjoint to operand `i`'s adjoint.
    private func backward(_ i: Int, _ adjoint: MatrixExpr) throws -> MatrixExpr {
        let a = operands
        switch kind {
        case .symbol, .scalar, .ones, .identity:
            preconditionFailure("a leaf has no operands")
        case .transpose: return .transpose(adjoint)
        case .product:
            return i == 0 ? .product(adjoint, .transpose(a[1])) : .product(.transpose(a[0]), adjoint)
        case .scale:
            return i == 1 ? .scale(a[0], adjoint) : SymDiff.sum(MatrixExpr.hadamard(adjoint, a[1]))
        case .hadamard: return .hadamard(adjoint, a[1 - i])
        case .add(let spread):
            if i == 0 || spread == .none { return adjoint }
            let (r, c) = (shape.rows, shape.columns)
            switch spread {
            case .none: return adjoint
            case .scalar: return SymDiff.sum(adjoint)
            case .rows:
                let columnSums = MatrixExpr.product(.transpose(adjoint), .ones(.vector(r)))
                return a[1].shape.isRowVector ? .transpose(columnSums) : columnSums
            case .columns: return .product(adjoint, .ones(.vector(c)))
            }
        case .elementwise(let body):
            let slope = try body.diff(MatrixExpr.entryVariable)
            return .hadamard(adjoint, .elementwise(slope, a[0]))
        case .sumEntries: return .scale(adjoint, .ones(a[0].shape))
        case .frobeniusSquared: return .scale(.scale(.scalar(2), adjoint), a[0])
        case .trace: return .scale(adjoint, .identity(a[0].shape.rows))
        case .softmax:
            let weighted = MatrixExpr.product(.transpose(self), adjoint)
            return .add(.hadamard(self, adjoint), .scale(.scalar(.minusOne), .scale(weighted, self)), .none)
        case .logsumexp:
            return .scale(adjoint, MatrixExpr(.softmax, [a[0]], a[0].shape))
        case .diag:
            // diag(v) = Σᵢ vᵢ eᵢeᵢᵀ, so v̄ is the diagonal of C̄: (C̄ ⊙ I)·1.
            let n = a[0].shape.rows
            return .product(.hadamard(adjoint, .identity(n)), .ones(.vector(n)))
        case .gradient, .jacobian, .substitution:
            throw MatrixError.unsupported("the matrix form of a derivative through \(self); check it entrywise instead")
        }
    }

    /// The product without a shape check, for rules whose shapes are right by construction.
    static func product(_ a: MatrixExpr, _ b: MatrixExpr) -> MatrixExpr {
        if a.shape.isScalar { return scale(a, b) }
        if b.shape.isScalar { return scale(b, a) }
        if a.kind == .identity { return b }                                    // I X = X
        if b.kind == .identity { return a }
        if a.kind == .scale { return scale(a.operands[0], product(a.operands[1], b)) }
        if b.kind == .scale { return scale(b.operands[0], product(a, b.operands[1])) }
        return MatrixExpr(.product, [a, b], Shape(rows: a.shape.rows, columns: b.shape.columns))
    }
}

extension MatrixExpr {
    /// The expression in matrix form: every substitution carried out and
    /// every derivative node (`partial(wrt:)`) replaced by its matrix-form
    /// gradient, innermost first, so a derivative taken before a
    /// substitution (δ = ∂L/∂z at z = W x + b) differentiates by z.
    ///
    /// ```swift
    /// let L = try sum(pow(z - t, 2)) / 2
    /// try L.partial(wrt: z).substituting(z, with: W * x).inlined()   // W*x - t
    /// ```
    public func inlined() throws -> MatrixExpr {
        try fold { node, operands in
            switch node.kind {
            case .substitution(let name): return operands[0].replacing(name, with: operands[1])
            case .gradient(let name, let shape): return try operands[0].gradient(wrt: .symbol(name, shape: shape))
            case .jacobian(let name, let shape): return try operands[0].jacobian(wrt: .symbol(name, shape: shape))
            default:
                return zip(node.operands, operands).allSatisfy({ $0 === $1 }) ? node : MatrixExpr(node.kind, operands, node.shape)
            }
        }
    }

    /// The symbol `name` replaced by `value` (of its shape) everywhere.
    func replacing(_ name: String, with value: MatrixExpr) -> MatrixExpr {
        fold { node, operands in
            if node.symbolName == name { return value }
            return zip(node.operands, operands).allSatisfy({ $0 === $1 }) ? node : MatrixExpr(node.kind, operands, node.shape)
        }
    }
}
