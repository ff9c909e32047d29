import Testing
@testable import SymDiff

/// `jacobian(wrt:)`: forward mode in matrix form. The oracle is the scalar
/// engine: `partial(wrt:)` of a vector by a vector lowers to the scalar
/// derivatives ∂fᵢ/∂xⱼ of the entries, which must equal the matrix form entry by entry.
@Suite("Matrices: Jacobians")
struct MatrixJacobianTests {
    static let W = MatrixExpr.matrix("W", rows: 2, columns: 3)
    static let x = MatrixExpr.vector("x", 3), b = MatrixExpr.vector("b", 2), s = MatrixExpr.symbol("s", shape: .scalar)

    /// Each rule once, with the form it prints (textbook forms: ∂σ(Wx + b)/∂x = diag(σ′(Wx + b)) W).
    static func rules() throws -> [(MatrixExpr, MatrixExpr, String)] {
        [
            (try W * x + b, x, "W"),
            (sigmoid(try W * x + b), x, "diag(sigmoid'(W*x + b))*W"),
            (try softmax(try W * x), x, "diag(softmax(W*x))*W - softmax(W*x)*softmax(W*x).T*W"),
            (try x ⊙ x, x, "2*diag(x)"),
            (try x * (x.T * x), x, "x.T*x*I(3) + 2*x*x.T"),
            (try s * x + 1, x, "s*I(3)"),
            (try (W * x) + sum(x), x, "W + ones(2)*ones(1x3)"),
            (normSquared(x), x, "2*x.T"),
            (try logsumexp(W * x), x, "softmax(W*x).T*W"),
            (try tanh(W * x) - b, b, "-I(2)"),
            (try W * x, b, "0*ones(2x2)"),
        ]
    }

    @Test("each forward rule equals the scalar partials entry by entry, and prints as written by hand")
    func rules() throws {
        for (f, v, printed) in try Self.rules() {
            let form = try f.jacobian(wrt: v)
            #expect(form.description == printed)
            // A 1×1 f's partial is its gradient, the Jacobian's transpose.
            let partial = f.shape.isScalar ? try f.partial(wrt: v).T : try f.partial(wrt: v)
            let check = MatrixExpr.checkIdentity(partial, form)
            #expect(check.verdict == .proved, "d(\(f))/d(\(v)) = \(form): \(check)")
        }
    }

    @Test("100 random vector expressions: the matrix-form Jacobian equals the scalar partials")
    func randomExpressions() throws {
        var generator = RandomVectorExpressions(seed: 7)
        var options = EquivalenceOptions()
        options.samples = 6
        for _ in 0..<100 {
            let (f, v) = try generator.next()
            let form = try f.jacobian(wrt: v)
            let check = MatrixExpr.checkIdentity(try f.partial(wrt: v), form, options: options)
            #expect(check.verdict == .proved, "d(\(f))/d(\(v)) = \(form): \(check)")
        }
    }

    @Test("what has no matrix-form Jacobian is refused, never answered wrongly", arguments: [
        "a matrix output", "a matrix variable", "a matrix depending on the variable",
    ])
    func refusals(_ which: String) {
        #expect(throws: MatrixError.self) {
            switch which {
            case "a matrix output": _ = try outer(Self.x, Self.x).jacobian(wrt: Self.x)
            case "a matrix variable": _ = try (Self.W * Self.x).jacobian(wrt: Self.W)
            default: _ = try (outer(Self.x, Self.x) * Self.x).jacobian(wrt: Self.x)
            }
        }
    }

    @Test("diag(v) lowers to the diagonal matrix, and a gradient through it is diag's diagonal")
    func diagonal() throws {
        let a = MatrixExpr.vector("a", 2)
        #expect(try diag(a).entries().description == "[a_1, 0]\n[0, a_2]")
        let loss = sum(try diag(a) * Self.b)
        #expect(MatrixExpr.checkGradient(of: loss, wrt: a, claimed: try loss.gradient(wrt: a)).verdict == .proved)
        #expect(MatrixExpr.checkGradient(of: loss, wrt: a, claimed: Self.b).verdict == .proved)   // Σᵢ aᵢbᵢ
    }
}

/// Random column-vector expressions in which only vectors depend on the variable.
struct RandomVectorExpressions {
    var random: SplitMix64
    init(seed: UInt64) { random = SplitMix64(seed: seed) }
    mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }

    func vector(_ n: Int) -> MatrixExpr { .vector("v\(n)", .fixed(n)) }

    mutating func expression(_ n: Int, depth: Int) throws -> MatrixExpr {
        if depth == 0 { return vector(n) }
        switch pick(8) {
        case 0: return try expression(n, depth: depth - 1) + expression(n, depth: depth - 1)
        case 1: return try expression(n, depth: depth - 1) ⊙ expression(n, depth: depth - 1)
        case 2:
            let k = 2 + pick(2)
            return try MatrixExpr.matrix("M\(n)\(k)", rows: .fixed(n), columns: .fixed(k)) * expression(k, depth: depth - 1)
        case 3: return [sigmoid, tanh, { pow($0, 2) }][pick(3)](try expression(n, depth: depth - 1))
        case 4: return try sum(expression(2 + pick(2), depth: depth - 1)) * expression(n, depth: depth - 1)
        case 5: return try softmax(expression(n, depth: depth - 1))
        case 6: return try expression(n, depth: depth - 1) - Expr.rational(1, 2) * MatrixExpr.vector("c\(n)", .fixed(n))
        default: return try inner(expression(n, depth: depth - 1), vector(n)) * vector(n)
        }
    }

    mutating func next() throws -> (MatrixExpr, MatrixExpr) {
        var f: MatrixExpr
        repeat { f = try expression(2 + pick(2), depth: 1 + pick(3)) } while f.symbols.keys.allSatisfy { !$0.hasPrefix("v") }
        let names = f.symbols.keys.filter { $0.hasPrefix("v") }.sorted()
        let name = names[pick(names.count)]
        return (f, .symbol(name, shape: f.symbols[name]!))
    }
}
