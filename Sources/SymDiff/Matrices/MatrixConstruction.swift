/// Building matrix expressions: the operators check shapes and throw
/// `MatrixError.shapeMismatch` naming both shapes; the constructors apply only
/// identities that hold at every size (`(Aᵀ)ᵀ = A`, `1·A = A`, `ones ⊙ A = A`).

infix operator ⊙ : MultiplicationPrecedence

extension MatrixExpr {
    // MARK: Products

    /// The matrix product; scaling when either side is 1×1.
    ///
    /// ```swift
    /// try W * x          // 2x3 times 3x1: a 2x1 vector
    /// try x.T * x        // 1x1
    /// try W * W          // throws: cannot multiply 2x3 by 2x3
    /// ```
    public static func * (a: MatrixExpr, b: MatrixExpr) throws -> MatrixExpr {
        if a.shape.isScalar { return scale(a, b) }
        if b.shape.isScalar { return scale(b, a) }
        guard a.shape.columns == b.shape.rows else {
            throw MatrixError.shapeMismatch(
                "cannot multiply \(a.shape) by \(b.shape): the left side has \(a.shape.columns) column(s), the right side \(b.shape.rows) row(s)")
        }
        return MatrixExpr(.product, [a, b], Shape(rows: a.shape.rows, columns: b.shape.columns))
    }

    /// `c·A` for a scalar expression `c`.
    public static func * (c: Expr, a: MatrixExpr) -> MatrixExpr { scale(.scalar(c), a) }
    public static func * (a: MatrixExpr, c: Expr) -> MatrixExpr { scale(.scalar(c), a) }
    /// `A/c` for a scalar expression `c`.
    public static func / (a: MatrixExpr, c: Expr) -> MatrixExpr { scale(.scalar(1 / c), a) }
    public static prefix func - (a: MatrixExpr) -> MatrixExpr { scale(.scalar(.minusOne), a) }

    /// The Hadamard (entrywise) product of two same-shaped operands.
    ///
    /// ```swift
    /// try (W2.T * delta2) ⊙ sigmoidPrime(z1)
    /// ```
    public static func ⊙ (a: MatrixExpr, b: MatrixExpr) throws -> MatrixExpr {
        guard a.shape == b.shape else {
            throw MatrixError.shapeMismatch("cannot take the Hadamard product of \(a.shape) and \(b.shape): the shapes must be equal")
        }
        return hadamard(a, b)
    }

    // MARK: Sums

    /// The sum, broadcasting a 1×1 operand over every entry and a bias vector
    /// over every row (`A*W.T + b` with `A` B×n and `b` of length n) or column.
    ///
    /// ```swift
    /// try W * x + b
    /// ```
    public static func + (a: MatrixExpr, b: MatrixExpr) throws -> MatrixExpr {
        if a.shape == b.shape { return add(a, b, .none) }
        if let spread = broadcast(b, into: a) { return add(a, b, spread) }
        if let spread = broadcast(a, into: b) { return add(b, a, spread) }
        throw MatrixError.shapeMismatch("cannot add \(a.shape) and \(b.shape)")
    }

    public static func - (a: MatrixExpr, b: MatrixExpr) throws -> MatrixExpr { try a + (-b) }

    /// A scalar added to every entry: `1 - y`.
    public static func + (c: Expr, a: MatrixExpr) -> MatrixExpr { add(a, .scalar(c), a.shape.isScalar ? .none : .scalar) }
    public static func + (a: MatrixExpr, c: Expr) -> MatrixExpr { c + a }
    public static func - (c: Expr, a: MatrixExpr) -> MatrixExpr { c + (-a) }
    public static func - (a: MatrixExpr, c: Expr) -> MatrixExpr { (-c) + a }

    /// How `small` spreads over `big`, if it can: a 1×1 everywhere, a row or a
    /// vector as long as a row over the rows, a vector as long as a column
    /// over the columns (checked first: the mathematicians' `W x + b`).
    private static func broadcast(_ small: MatrixExpr, into big: MatrixExpr) -> Broadcast? {
        let (r, c) = (big.shape.rows, big.shape.columns)
        if small.shape.isScalar { return .scalar }
        if small.shape.isRowVector && small.shape.columns == c { return .rows }
        if small.shape.isColumnVector && c != .one && small.shape.rows == r { return .columns }
        if small.shape.isColumnVector && r != .one && small.shape.rows == c { return .rows }
        return nil
    }

    // MARK: Transpose

    /// The transpose, `W.T`.
    public var T: MatrixExpr { MatrixExpr.transpose(self) }

    // MARK: Canonical constructors (identities valid at every size)

    static func transpose(_ a: MatrixExpr) -> MatrixExpr {
        switch a.kind {
        case .transpose: return a.operands[0]                                  // (Aᵀ)ᵀ = A
        case .ones: return .ones(a.shape.transposed)
        case .identity, .scalar: return a
        case .scale: return scale(a.operands[0], transpose(a.operands[1]))    // (sA)ᵀ = s Aᵀ
        default: return a.shape.isScalar ? a : MatrixExpr(.transpose, [a], a.shape.transposed)
        }
    }

    static func scale(_ s: MatrixExpr, _ a: MatrixExpr) -> MatrixExpr {
        if let c = s.scalarValue {
            if c.isOne { return a }
            if let d = a.scalarValue { return .scalar(c * d) }
            if a.kind == .scale, let d = a.operands[0].scalarValue { return scale(.scalar(c * d), a.operands[1]) }
        }
        return MatrixExpr(.scale, [s, a], a.shape)
    }

    static func hadamard(_ a: MatrixExpr, _ b: MatrixExpr) -> MatrixExpr {
        // Same shapes, so a scalar leaf makes both 1×1, where c ⊙ B = c·B.
        if a.scalarValue != nil { return scale(a, b) }
        if b.scalarValue != nil { return scale(b, a) }
        if a.kind == .scale, a.operands[1].isOnes { return scale(a.operands[0], b) }   // (c·1) ⊙ B = c·B
        if b.kind == .scale, b.operands[1].isOnes { return scale(b.operands[0], a) }
        if a.isOnes { return b }
        if b.isOnes { return a }
        if a.kind == .scale { return scale(a.operands[0], hadamard(a.operands[1], b)) }
        if b.kind == .scale { return scale(b.operands[0], hadamard(a, b.operands[1])) }
        return MatrixExpr(.hadamard, [a, b], a.shape)
    }

    static func add(_ a: MatrixExpr, _ b: MatrixExpr, _ broadcast: Broadcast) -> MatrixExpr {
        if broadcast == .none, let x = a.scalarValue, let y = b.scalarValue { return .scalar(x + y) }
        return MatrixExpr(.add(broadcast), [a, b], a.shape)
    }

    /// The sum of several same-shaped terms (an adjoint's contributions),
    /// equal terms collected: `A + A` → `2*A`.
    static func sum(of terms: [MatrixExpr]) -> MatrixExpr {
        var collected: [(term: MatrixExpr, count: Int)] = []
        for term in terms {
            if let k = collected.firstIndex(where: { $0.term.isStructurallyEqual(to: term) }) {
                collected[k].count += 1
            } else {
                collected.append((term, 1))
            }
        }
        let scaled = collected.map { $0.count == 1 ? $0.term : scale(.scalar(.number($0.count)), $0.term) }
        return scaled.dropFirst().reduce(scaled[0]) { add($0, $1, .none) }
    }

    /// Whether two expressions are the same tree (iteratively; shared nodes short-cut).
    func isStructurallyEqual(to other: MatrixExpr) -> Bool {
        var stack: [(MatrixExpr, MatrixExpr)] = [(self, other)]
        while let (a, b) = stack.popLast() {
            if a === b { continue }
            guard a.kind == b.kind, a.shape == b.shape, a.operands.count == b.operands.count else { return false }
            stack.append(contentsOf: zip(a.operands, b.operands))
        }
        return true
    }
}

// MARK: - Elementwise functions

extension MatrixExpr {
    /// `body` applied to every entry of `a`; write the body in terms of the entry.
    ///
    /// ```swift
    /// let squares = MatrixExpr.map(z) { u in u ** 2 }
    /// ```
    public static func map(_ a: MatrixExpr, _ body: (Expr) -> Expr) -> MatrixExpr {
        elementwise(body(entryVariable), a)
    }

    /// A unary function of the table applied to every entry: `sigmoid(z)`.
    ///
    /// ```swift
    /// try MatrixExpr.apply(.tanh, z)
    /// ```
    public static func apply(_ f: Function, _ a: MatrixExpr) throws -> MatrixExpr {
        guard f.arity == 1 else {
            throw MatrixError.unsupported("\(f.name) takes \(f.arity) arguments; use MatrixExpr.map to fix the others")
        }
        return elementwise(.apply(f, [entryVariable]), a)
    }

    /// The derivative f′ of a table function applied to every entry: `sigmoid'(z)`.
    ///
    /// ```swift
    /// try MatrixExpr.applyDerivative(.sigmoid, z1)   // sigmoid'(z1)
    /// ```
    public static func applyDerivative(_ f: Function, _ a: MatrixExpr) throws -> MatrixExpr {
        guard f.arity == 1 else { throw MatrixError.unsupported("the derivative of \(f.name), which takes \(f.arity) arguments") }
        let u = entryVariable, value = Expr.apply(f, [u])
        return elementwise(f.partial([u], 0, value), a)
    }

    static func elementwise(_ body: Expr, _ a: MatrixExpr) -> MatrixExpr {
        let u = entryVariable
        if body == u { return a }
        if !body.contains(u) { return scale(.scalar(body), .ones(a.shape)) }      // a constant map
        let (c, rest) = body.asCoefficientAndTerm
        if rest == u { return scale(.scalar(.number(c)), a) }                       // c·u
        if !c.isOne { return scale(.scalar(.number(c)), elementwise(rest, a)) }
        return MatrixExpr(.elementwise(body), [a], a.shape)
    }
}

/// `sigmoid` of every entry.
public func sigmoid(_ a: MatrixExpr) -> MatrixExpr { MatrixExpr.elementwise(sigmoid(MatrixExpr.entryVariable), a) }
/// `tanh` of every entry.
public func tanh(_ a: MatrixExpr) -> MatrixExpr { MatrixExpr.elementwise(tanh(MatrixExpr.entryVariable), a) }
/// `relu` of every entry.
public func relu(_ a: MatrixExpr) -> MatrixExpr { MatrixExpr.elementwise(relu(MatrixExpr.entryVariable), a) }
/// `exp` of every entry.
public func exp(_ a: MatrixExpr) -> MatrixExpr { MatrixExpr.elementwise(exp(MatrixExpr.entryVariable), a) }
/// `log` of every entry.
public func log(_ a: MatrixExpr) -> MatrixExpr { MatrixExpr.elementwise(log(MatrixExpr.entryVariable), a) }
/// Every entry to the power `n` (as NumPy's `A**n`).
public func pow(_ a: MatrixExpr, _ n: Expr) -> MatrixExpr { MatrixExpr.elementwise(pow(MatrixExpr.entryVariable, n), a) }

// MARK: - Reductions and vector functions

/// The sum of all entries (1×1).
///
/// ```swift
/// let loss = sum(pow(y - t, 2)) / 2
/// ```
public func sum(_ a: MatrixExpr) -> MatrixExpr {
    a.shape.isScalar ? a : MatrixExpr(.sumEntries, [a], .scalar)
}

/// The squared Frobenius norm ‖A‖²_F (for a vector, ‖v‖²₂).
public func normSquared(_ a: MatrixExpr) -> MatrixExpr { MatrixExpr(.frobeniusSquared, [a], .scalar) }

/// The trace of a square matrix.
public func trace(_ a: MatrixExpr) throws -> MatrixExpr {
    guard a.shape.rows == a.shape.columns else {
        throw MatrixError.shapeMismatch("the trace needs a square matrix, not \(a.shape)")
    }
    return a.shape.isScalar ? a : MatrixExpr(.trace, [a], .scalar)
}

/// The softmax of a column vector: exp(zᵢ)/Σⱼ exp(zⱼ).
public func softmax(_ z: MatrixExpr) throws -> MatrixExpr {
    guard z.shape.columns == .one else { throw MatrixError.shapeMismatch("softmax needs a column vector, not \(z.shape)") }
    return MatrixExpr(.softmax, [z], z.shape)
}

/// log Σᵢ exp(zᵢ) of a column vector (1×1).
public func logsumexp(_ z: MatrixExpr) throws -> MatrixExpr {
    guard z.shape.columns == .one else { throw MatrixError.shapeMismatch("logsumexp needs a column vector, not \(z.shape)") }
    return MatrixExpr(.logsumexp, [z], .scalar)
}

/// The outer product u vᵀ of two column vectors.
public func outer(_ u: MatrixExpr, _ v: MatrixExpr) throws -> MatrixExpr {
    guard u.shape.columns == .one, v.shape.columns == .one else {
        throw MatrixError.shapeMismatch("the outer product needs two column vectors, not \(u.shape) and \(v.shape)")
    }
    return try u * v.T
}

/// The inner product uᵀv of two column vectors of one length (1×1).
public func inner(_ u: MatrixExpr, _ v: MatrixExpr) throws -> MatrixExpr {
    guard u.shape == v.shape, u.shape.columns == .one else {
        throw MatrixError.shapeMismatch("the inner product needs two column vectors of one length, not \(u.shape) and \(v.shape)")
    }
    return try u.T * v
}

/// The diagonal matrix of a column vector: `diag(sigmoid'(z))` is the Jacobian of `sigmoid(z)`.
public func diag(_ v: MatrixExpr) throws -> MatrixExpr {
    guard v.shape.columns == .one else { throw MatrixError.shapeMismatch("diag needs a column vector, not \(v.shape)") }
    return v.shape.isScalar ? v : MatrixExpr(.diag, [v], Shape(rows: v.shape.rows, columns: v.shape.rows))
}

/// The Hadamard product, `hadamard(a, b)` = `a ⊙ b`.
public func hadamard(_ a: MatrixExpr, _ b: MatrixExpr) throws -> MatrixExpr { try a ⊙ b }

extension MatrixExpr {
    /// ∂self/∂X, shaped like X, as an expression to check claims against
    /// (δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾). Lowered through the scalar engine; for the matrix
    /// form use `gradient(wrt:)`.
    ///
    /// For a column vector `self` and a column vector `variable` it is the
    /// Jacobian (len self × len variable), as the seeds write ∂a/∂z.
    public func partial(wrt variable: MatrixExpr) throws -> MatrixExpr {
        guard let name = variable.symbolName else { throw MatrixError.unsupported("a derivative with respect to \(variable), which is not a symbol") }
        if !shape.isScalar {
            guard shape.columns == .one, variable.shape.columns == .one else {
                throw MatrixError.shapeMismatch("the derivative of a \(shape) expression by \(variable.shape) \(name) would be a tensor: only a vector's Jacobian by a vector is supported")
            }
            return MatrixExpr(.jacobian(wrt: name, shape: variable.shape), [self], Shape(rows: shape.rows, columns: variable.shape.rows))
        }
        return MatrixExpr(.gradient(wrt: name, shape: variable.shape), [self], variable.shape)
    }

    /// `self` with the symbol `variable` replaced by `value` (same shape).
    public func substituting(_ variable: MatrixExpr, with value: MatrixExpr) throws -> MatrixExpr {
        guard let name = variable.symbolName else { throw MatrixError.unsupported("substituting for \(variable), which is not a symbol") }
        guard variable.shape == value.shape else {
            throw MatrixError.shapeMismatch("cannot substitute \(value.shape) for \(name), which is \(variable.shape)")
        }
        return MatrixExpr(.substitution(name: name), [self, value], shape)
    }
}
