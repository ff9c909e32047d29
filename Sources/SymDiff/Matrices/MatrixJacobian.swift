/// Forward mode on matrix expressions: the Jacobian of a column vector (or
/// 1×1) expression f by a column vector symbol x, in matrix form, as
/// people write it: ∂σ(Wx + b)/∂x = diag(σ′(Wx + b)) W.
///
/// Every node on a path from x to f carries its Jacobian J (node length ×
/// len x); the rules, each holding at every size (J̇ for an operand's):
/// - `A B` with A free of x: A J_B;  `uᵀ B` (1×1): Bᵀ J_u + uᵀ J_B;
/// - `s A`: s J_A + A J_s;  `A ⊙ B`: diag(B) J_A + diag(A) J_B;
/// - `A + B`: J_A + J_B (a 1×1 added to every entry: 1 J_s);
/// - `f(A)` entrywise: diag(f′(A)) J_A;  `sum(A)`: 1ᵀ J_A;  `‖A‖²`: 2 Aᵀ J_A;
/// - `softmax(z) = s`: diag(s) J_z − s (sᵀ J_z);  `logsumexp(z)`: softmax(z)ᵀ J_z.
/// Matrices that depend on x (a Jacobian would be a tensor) are refused.
/// The tests check every rule against the scalar engine entry by entry.
extension MatrixExpr {
    /// ∂self/∂variable for a column vector (or 1×1) `self` and a column
    /// vector symbol `variable`: len self × len variable.
    ///
    /// ```swift
    /// let W = MatrixExpr.matrix("W", rows: 2, columns: 3), x = MatrixExpr.vector("x", 3), b = MatrixExpr.vector("b", 2)
    /// try sigmoid(W * x + b).jacobian(wrt: x)     // diag(sigmoid'(W*x + b))*W
    /// ```
    ///
    /// - Throws: `MatrixError.shapeMismatch` for a matrix `self` or
    ///   variable, `.unsupported` for a matrix depending on the variable or
    ///   a node without a forward rule.
    public func jacobian(wrt variable: MatrixExpr) throws -> MatrixExpr {
        guard let name = variable.symbolName else {
            throw MatrixError.unsupported("a derivative with respect to \(variable), which is not a symbol")
        }
        guard shape.columns == .one, variable.shape.columns == .one else {
            throw MatrixError.shapeMismatch("a Jacobian is of a column vector by a column vector, not of \(shape) by \(variable.shape)")
        }
        let n = variable.shape.rows
        var tangents: [ObjectIdentifier: Tangent] = [:]
        for node in MatrixExpr.postOrder([self]) {
            if let value = node.scalarValue, value.freeSymbols.contains(where: { $0.symbolName == name || $0.symbolName!.hasPrefix(name + "_") }) {
                throw MatrixError.unsupported("the scalar \(value) mentions \(name); make \(name) a shaped symbol throughout")
            }
            if node.symbolName == name {
                tangents[ObjectIdentifier(node)] = .column(.identity(n))
                continue
            }
            let parts = node.operands.map { tangents[ObjectIdentifier($0)] }
            if parts.allSatisfy({ $0 == nil }) { continue }
            tangents[ObjectIdentifier(node)] = try node.forward(parts.map { $0 })
        }
        switch tangents[ObjectIdentifier(self)] {
        case .column(let j)?: return j
        case .row?: preconditionFailure("a column vector has a column tangent")
        case nil: return .scale(.scalar(.zero), .ones(Shape(rows: shape.rows, columns: n)))
        }
    }

    /// For a row vector R (a transposed column on the path, `s*x.T`): the
    /// Jacobian of Rᵀ, by the column rules applied to the transposed operation.
    private func rowForward(_ parts: [Tangent?], _ refusal: MatrixError) throws -> MatrixExpr {
        let a = operands
        func row(_ k: Int) throws -> MatrixExpr? {
            switch parts[k] {
            case .row(let j)?: return j
            case .column(let j)? where a[k].shape.isScalar: return j
            case nil: return nil
            default: throw refusal
            }
        }
        var terms: [MatrixExpr] = []
        switch kind {
        case .scale:                                            // (s R)ᵀ = s Rᵀ
            if let jr = try row(1) { terms.append(.scale(a[0], jr)) }
            if let js = try row(0) { terms.append(.product(.transpose(a[1]), js)) }
        case .product where parts[1] == nil:                    // (R A)ᵀ = Aᵀ Rᵀ
            guard let jr = try row(0) else { throw refusal }
            terms.append(.product(.transpose(a[1]), jr))
        case .hadamard:
            if let ja = try row(0) { terms.append(.product(try diag(.transpose(a[1])), ja)) }
            if let jb = try row(1) { terms.append(.product(try diag(.transpose(a[0])), jb)) }
        case .add(.none):
            if let ja = try row(0) { terms.append(ja) }
            if let jb = try row(1) { terms.append(jb) }
        default:
            throw refusal
        }
        return .sum(of: terms)
    }

    /// A node's Jacobian: of a column vector, or of a row vector uᵀ kept as J_u.
    fileprivate enum Tangent {
        case column(MatrixExpr)
        case row(ofColumn: MatrixExpr)
    }

    private func forward(_ parts: [Tangent?]) throws -> Tangent {
        let a = operands
        func column(_ k: Int) throws -> MatrixExpr? {
            switch parts[k] {
            case .column(let j)?: return j
            case nil: return nil
            case .row?: throw refusal
            }
        }
        var refusal: MatrixError {
            MatrixError.unsupported("the Jacobian through \(self), a \(shape) matrix depending on the variable: only column vectors may")
        }
        if case .transpose = kind, a[0].shape.columns == .one {
            guard let j = try column(0) else { throw refusal }
            return shape.isScalar ? .column(j) : .row(ofColumn: j)
        }
        if shape.isRowVector { return .row(ofColumn: try rowForward(parts, refusal)) }
        guard shape.columns == .one else { throw refusal }
        switch kind {
        case .product:
            var terms: [MatrixExpr] = []
            if case .row(let ju)? = parts[0] {
                terms.append(.product(.transpose(a[1]), ju))          // Bᵀ J_u
            } else if parts[0] != nil {
                throw refusal
            }
            if let jb = try column(1) { terms.append(.product(a[0], jb)) }
            return .column(.sum(of: terms))
        case .scale:
            var terms: [MatrixExpr] = []
            if let ja = try column(1) { terms.append(.scale(a[0], ja)) }
            if let js = try column(0) { terms.append(.product(a[1], js)) }
            return .column(.sum(of: terms))
        case .hadamard:
            var terms: [MatrixExpr] = []
            if let ja = try column(0) { terms.append(.product(try diag(a[1]), ja)) }
            if let jb = try column(1) { terms.append(.product(try diag(a[0]), jb)) }
            return .column(.sum(of: terms))
        case .add(let spread):
            var terms: [MatrixExpr] = []
            if let ja = try column(0) { terms.append(ja) }
            if let jb = try column(1) {
                switch spread {
                case .none: terms.append(jb)
                case .scalar: terms.append(.product(.ones(.vector(shape.rows)), jb))
                case .rows, .columns: throw refusal
                }
            }
            return .column(.sum(of: terms))
        case .elementwise(let body):
            let slope = try body.diff(MatrixExpr.entryVariable)
            return .column(.product(try diag(.elementwise(slope, a[0])), try column(0)!))
        case .sumEntries:
            return .column(.product(.transpose(.ones(a[0].shape)), try column(0)!))
        case .frobeniusSquared:
            return .column(.scale(.scalar(2), .product(.transpose(a[0]), try column(0)!)))
        case .softmax:
            let j = try column(0)!
            return .column(.add(.product(try diag(self), j), .scale(.scalar(.minusOne), .product(self, .product(.transpose(self), j))), .none))
        case .logsumexp:
            return .column(.product(.transpose(MatrixExpr(.softmax, [a[0]], a[0].shape)), try column(0)!))
        case .symbol, .scalar, .ones, .identity, .transpose, .trace, .diag, .gradient, .jacobian, .substitution:
            throw MatrixError.unsupported("the Jacobian through \(self); check it entrywise instead")
        }
    }
}
