import Testing
@testable import SymDiff

/// The matrix-form reverse mode (`gradient(wrt:)`), checked against the
/// scalar engine: at concrete sizes both the loss and the matrix-form result
/// are lowered to entries, and every entry of the result must be proved equal
/// to the scalar partial derivative. The oracle never sees the matrix rules.
@Suite("Matrices: matrix-form gradients agree with the scalar engine")
struct MatrixGradientTests {
    static let W = MatrixExpr.matrix("W", rows: 2, columns: 3)
    static let V = MatrixExpr.matrix("V", rows: 3, columns: 2)
    static let S = MatrixExpr.matrix("S", rows: 2, columns: 2)
    static let x = MatrixExpr.vector("x", 3), u = MatrixExpr.vector("u", 2), t = MatrixExpr.vector("t", 2)
    static let s = MatrixExpr.symbol("s", shape: .scalar)

    /// One row per rule: a loss whose gradient goes through it, and the variable.
    static let rules: [(String, @Sendable () throws -> MatrixExpr, MatrixExpr)] = [
        ("product, left operand", { sum(try W * x) }, W),
        ("product, right operand", { sum(try W * x) }, x),
        ("transpose", { sum(try V.T ⊙ W) }, V),
        ("scale by a variable scalar", { sum(try s * (W * x)) }, s),
        ("scale by a constant", { sum(try (W * x) * Expr.rational(3, 4)) }, x),
        ("hadamard", { sum(try (W * x) ⊙ u) }, u),
        ("sum, same shapes", { sum(pow(try W * x + u, 2)) }, u),
        ("sum, scalar broadcast", { sum(pow(try W * x + s, 2)) }, s),
        ("sum, bias over rows", { sum(pow(try V + u, 2)) }, u),
        ("sum, bias over columns", { sum(pow(try W + u, 2)) }, u),
        ("sum, row over rows", { sum(pow(try V + u.T, 2)) }, u),
        ("sigmoid entrywise", { sum(sigmoid(try W * x)) }, W),
        ("tanh entrywise", { sum(tanh(try W * x)) }, x),
        ("relu entrywise", { sum(relu(try W * x)) }, W),
        ("exp and log entrywise", { sum(log(1 + exp(try W * x))) }, x),
        ("sigmoid' entrywise", { sum(try MatrixExpr.applyDerivative(.sigmoid, W * x)) }, x),
        ("power entrywise", { sum(pow(try W * x - t, 3)) }, t),
        ("squared Frobenius norm", { normSquared(try W * V - S) }, V),
        ("trace", { try trace(W * V * S) }, S),
        ("trace of a product of the variable", { try trace(S * S) }, S),
        ("softmax", { sum(try t ⊙ log(softmax(W * x))) }, x),
        ("logsumexp", { try logsumexp(W * x) }, W),
        ("inner and outer products", { try sum(outer(u, x) ⊙ W) + inner(u, t) }, u),
        ("variable used twice", { sum(try W * (V * (W * x))) }, W),
    ]

    @Test("each rule's matrix form equals the scalar partials", arguments: rules.indices)
    func rule(index: Int) throws {
        let (name, build, variable) = Self.rules[index]
        let loss = try build()
        let form = try loss.gradient(wrt: variable)
        #expect(form.shape == variable.shape, "\(name)")
        let check = MatrixExpr.checkGradient(of: loss, wrt: variable, claimed: form)
        #expect(check.verdict == .proved, "\(name): \(form): \(check)")
    }

    /// Expected forms by hand: d/dW ½‖Wx + b − t‖² = (Wx + b − t)xᵀ, d/db = Wx + b − t,
    /// d/dx = Wᵀ(Wx + b − t); d/dA [tr(AᵀA) + tr(BᵀB)] = 2A (SymPy 1.14 answers 0, issue 26561).
    @Test("the gradients read as people write them", arguments: [
        ("W", "(W*x + b - t)*x.T"),
        ("b", "W*x + b - t"),
        ("x", "W.T*(W*x + b - t)"),
    ])
    func readableForm(variable: String, expected: String) throws {
        let W = MatrixExpr.matrix("W", rows: "n", columns: "m")
        let x = MatrixExpr.vector("x", "m"), b = MatrixExpr.vector("b", "n"), t = MatrixExpr.vector("t", "n")
        let loss = try sum(pow(W * x + b - t, 2)) / 2
        let wrt = ["W": W, "b": b, "x": x][variable]!
        #expect(try loss.gradient(wrt: wrt).description == expected)
    }

    @Test("the sum of traces is differentiated, not answered 0 (SymPy issue 26561)")
    func sumOfTraces() throws {
        let A = MatrixExpr.matrix("A", rows: "n", columns: "m"), B = MatrixExpr.matrix("B", rows: "n", columns: "m")
        let loss = try trace(A.T * A) + trace(B.T * B)
        let form = try loss.gradient(wrt: A)
        #expect(form.description == "2*A")
        #expect(MatrixExpr.checkGradient(of: loss, wrt: A, claimed: form).verdict == .holdsAtSizesTried)
    }

    @Test("a two-layer network's weight gradient (where SymPy raises a shape error) is right")
    func twoLayerNetwork() throws {
        let W1 = MatrixExpr.matrix("W1", rows: 3, columns: 2), W2 = MatrixExpr.matrix("W2", rows: 1, columns: 3)
        let x = MatrixExpr.vector("x", 2), b1 = MatrixExpr.vector("b1", 3), y = MatrixExpr.vector("y", 1)
        let loss = try sum(pow(sigmoid(W2 * sigmoid(W1 * x + b1)) - y, 2)) / 2
        for variable in [W1, W2, b1, x] {
            let check = MatrixExpr.checkGradient(of: loss, wrt: variable, claimed: try loss.gradient(wrt: variable))
            #expect(check.verdict == .proved, "\(variable): \(check)")
        }
    }

    @Test("a variable that does not occur has a zero gradient of its shape")
    func absentVariable() throws {
        let form = try sum(Self.W * Self.x).gradient(wrt: Self.u)
        #expect(form.shape == Self.u.shape)
        #expect(try form.entries().values.allSatisfy(\.isZero))
    }

    @Test("vector outputs, non-symbol variables and derivatives through partial() are refused")
    func refusals() throws {
        #expect(throws: MatrixError.self) { try (Self.W * Self.x).gradient(wrt: Self.W) }
        #expect(throws: MatrixError.self) { try sum(Self.W * Self.x).gradient(wrt: Self.W * Self.x) }
        let inner = try sum(pow(Self.u, 2)).partial(wrt: Self.u)
        #expect(throws: MatrixError.self) { try sum(inner).gradient(wrt: Self.u) }
    }

    // MARK: Random expressions

    /// 300 random expressions over seven shapes, each gradient checked
    /// against the scalar engine.
    @Test("300 random matrix expressions: the matrix form equals the scalar partials")
    func randomExpressions() throws {
        var generator = RandomMatrixExpressions(seed: 13)
        var options = EquivalenceOptions()
        options.samples = 6
        for _ in 0..<300 {
            let (loss, variable) = try generator.next()
            let form = try loss.gradient(wrt: variable)
            let check = MatrixExpr.checkGradient(of: loss, wrt: variable, claimed: form, options: options)
            #expect(check.verdict == .proved, "d/d\(variable) of \(loss) = \(form): \(check)")
        }
    }
}

/// Random well-shaped matrix expressions (bounded depth, so the test's own recursion is bounded).
struct RandomMatrixExpressions {
    var random: SplitMix64
    static let sizes = [1, 2, 3]

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }

    func symbol(_ r: Int, _ c: Int) -> MatrixExpr {
        MatrixExpr.symbol(r == 1 && c == 1 ? "s" : "M\(r)\(c)", shape: Shape(rows: .fixed(r), columns: .fixed(c)))
    }

    mutating func expression(_ r: Int, _ c: Int, depth: Int) throws -> MatrixExpr {
        if depth == 0 { return symbol(r, c) }
        switch pick(8) {
        case 0: return try expression(r, c, depth: depth - 1) + expression(r, c, depth: depth - 1)
        case 1: return try expression(r, c, depth: depth - 1) ⊙ expression(r, c, depth: depth - 1)
        case 2:
            let k = Self.sizes[pick(3)]
            return try expression(r, k, depth: depth - 1) * expression(k, c, depth: depth - 1)
        case 3: return try expression(c, r, depth: depth - 1).T
        case 4: return [sigmoid, tanh, { pow($0, 2) }][pick(3)](try expression(r, c, depth: depth - 1))
        case 5: return try symbol(1, 1) * expression(r, c, depth: depth - 1)
        case 6: return try expression(r, c, depth: depth - 1) - Expr.rational(1, 2) * symbol(r, c)
        default: return symbol(r, c)
        }
    }

    mutating func next() throws -> (MatrixExpr, MatrixExpr) {
        let (r, c) = (Self.sizes[pick(3)], Self.sizes[pick(3)])
        let body = try expression(r, c, depth: 1 + pick(3))
        let loss: MatrixExpr
        switch pick(3) {
        case 0: loss = sum(body)
        case 1: loss = normSquared(body)
        default: loss = r == c ? try trace(body) : sum(sigmoid(body))
        }
        let names = loss.symbols.keys.sorted()
        let name = names[pick(names.count)]
        return (loss, MatrixExpr.symbol(name, shape: loss.symbols[name]!))
    }
}

@Suite("Matrices: shapes, errors and printing")
struct MatrixShapeTests {
    static let W = MatrixExpr.matrix("W", rows: 2, columns: 3)
    static let x = MatrixExpr.vector("x", 3), y = MatrixExpr.vector("y", 2)
    static let A = MatrixExpr.matrix("A", rows: "n", columns: "m")

    static let shapeErrorRows: [(@Sendable () throws -> MatrixExpr, String)] = [
        ({ try W * W }, "shape error: cannot multiply 2x3 by 2x3: the left side has 3 column(s), the right side 2 row(s)"),
        ({ try W * y }, "shape error: cannot multiply 2x3 by 2x1: the left side has 3 column(s), the right side 2 row(s)"),
        ({ try W + W.T }, "shape error: cannot add 2x3 and 3x2"),
        ({ try x ⊙ y }, "shape error: cannot take the Hadamard product of 3x1 and 2x1: the shapes must be equal"),
        ({ try trace(W) }, "shape error: the trace needs a square matrix, not 2x3"),
        ({ try softmax(W) }, "shape error: softmax needs a column vector, not 2x3"),
        ({ try A * A }, "shape error: cannot multiply n x m by n x m: the left side has m column(s), the right side n row(s)"),
    ]

    @Test("shape errors name both shapes", arguments: shapeErrorRows.indices)
    func shapeErrors(row: Int) {
        let (build, message) = Self.shapeErrorRows[row]
        #expect { _ = try build() } throws: { "\($0)" == message }
    }

    static let shapeRows: [(@Sendable () throws -> MatrixExpr, String)] = [
        ({ try W * x }, "2x1"), ({ try W.T }, "3x2"), ({ try x.T * x }, "1x1"), ({ try outer(y, x) }, "2x3"),
        ({ try W + y }, "2x3"), ({ try W.T + y }, "3x2"), ({ try A.T * A }, "m x m"), ({ sum(A) }, "1x1"),
    ]

    @Test("shapes follow the operations", arguments: shapeRows.indices)
    func shapes(row: Int) throws {
        let (build, shape) = Self.shapeRows[row]
        #expect(try build().shape.description == shape)
    }

    static let printingRows: [(@Sendable () throws -> MatrixExpr, String)] = [
        ({ try (W * x + y).T }, "(W*x + y).T"),
        ({ try sum(pow(W * x - y, 2)) / 2 }, "sum((W*x - y)**2)/2"),
        ({ try (W.T * y) ⊙ MatrixExpr.applyDerivative(.sigmoid, x) }, "(W.T*y) ⊙ sigmoid'(x)"),
        ({ try 3 * W - W }, "3*W - W"),
        ({ try -(W * x) }, "-W*x"),
        ({ try W.T.T }, "W"),
        ({ try MatrixExpr.map(x) { u in u ** 3 + u } }, "map(_entry -> _entry + _entry**3, x)"),
    ]

    @Test("printing", arguments: printingRows.indices)
    func printing(row: Int) throws {
        let (build, text) = Self.printingRows[row]
        #expect(try build().description == text)
    }

    /// (W x)ᵢ = Σⱼ Wᵢⱼ xⱼ, written out.
    @Test("entries are scalar expressions in W_i_j and x_j")
    func entries() throws {
        let n = MatrixExpr.matrix("W", rows: "n", columns: "m"), v = MatrixExpr.vector("x", "m")
        let e = try (n * v).entries(sizes: ["n": 2, "m": 3])
        let expected = try Expr.parse("W_2_1*x_1 + W_2_2*x_2 + W_2_3*x_3")
        #expect(e.rows == 2 && e.columns == 1)
        #expect(e[1, 0] == expected)
        #expect(throws: MatrixError.unboundDimension("m")) { try (n * v).entries(sizes: ["n": 2]) }
    }

    /// Symbolic sizes are never reported proved: (AB)ᵀ = BᵀAᵀ is checked at sizes, and a
    /// missing transpose cannot hide behind a square matrix because every dimension differs.
    @Test("identities with symbolic sizes hold at the sizes tried, never 'proved'")
    func symbolicSizes() throws {
        let A = MatrixExpr.matrix("A", rows: "n", columns: "k"), B = MatrixExpr.matrix("B", rows: "k", columns: "m")
        let check = MatrixExpr.checkIdentity(try (A * B).T, try B.T * A.T)
        #expect(check.verdict == .holdsAtSizesTried)
        #expect(check.description == "holds at sizes k=2, m=3, n=4 and k=3, m=4, n=5; not proved for every size")
        let S = MatrixExpr.matrix("S", rows: "n", columns: "n")
        #expect(MatrixExpr.checkIdentity(S, S.T).verdict == .refuted)
        #expect(MatrixExpr.checkIdentity(try (A * B).T, try A * B).verdict == .shapeMismatch)
    }

    @Test("a 100,000-deep chain of sums is built, differentiated and released without recursion")
    func deepChain() throws {
        var e = MatrixExpr.vector("x", 2)
        let y = MatrixExpr.vector("y", 2)
        for _ in 0..<100_000 { e = try e + y }
        #expect(e.shape.description == "2x1")
        #expect(try sum(e).gradient(wrt: y).shape == y.shape)
    }
}

@Suite("Matrices: the README example")
struct MatrixReadmeExampleTests {
    @Test("the README's matrix example prints what the README says")
    func readme() throws {
        var printed: [String] = []
        func print(_ value: Any) { printed.append("\(value)") }
        // --- README: section matrices ---
        let W = MatrixExpr.matrix("W", rows: "n", columns: "m")
        let x = MatrixExpr.vector("x", "m"), b = MatrixExpr.vector("b", "n"), t = MatrixExpr.vector("t", "n")
        let loss = try sum(pow(W * x + b - t, 2)) / 2
        let dW = try loss.gradient(wrt: W)
        print(dW)
        print(MatrixExpr.checkGradient(of: loss, wrt: W, claimed: dW))
        print(MatrixExpr.checkGradient(of: loss, wrt: W, claimed: try x * (W * x + b - t).T))
        // --- end ---
        #expect(printed[0] == "(W*x + b - t)*x.T")
        #expect(printed[1] == "holds at sizes m=2, n=3 and m=3, n=4; not proved for every size")
        #expect(printed[2].hasPrefix("left side is n x m, right side is m x n: the right side has the transposed shape"))
    }
}
