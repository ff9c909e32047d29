import Testing
@testable import SymDiff

/// `MatrixExpr.parse`: the text syntax of matrix expressions. Each parsed
/// expression is compared with the same expression built with the Swift API,
/// entry by entry after lowering to scalars (the scalar engine decides).
@Suite("Matrices: the text syntax")
struct MatrixTextParserTests {
    static let W = MatrixExpr.matrix("W", rows: 2, columns: 3)
    static let x = MatrixExpr.vector("x", 3), b = MatrixExpr.vector("b", 2), t = MatrixExpr.vector("t", 2)
    static let shapes: [String: Shape] = ["W": Shape(rows: 2, columns: 3), "x": .vector(3), "b": .vector(2), "t": .vector(2)]

    /// Each text with the expression the Swift API builds for it.
    static func table() throws -> [(String, MatrixExpr)] {
        [
        ("W*x + b", (try W * x + b)),
        ("W@x + b", (try W * x + b)),                                  // @ is the same product as *
        ("W.T*t", (try W.T * t)),
        ("transpose(W)*t", (try W.T * t)),
        ("hadamard(W*x, t)", (try (W * x) ⊙ t)),
        ("(W*x) ⊙ t", (try (W * x) ⊙ t)),
        ("sigmoid(W*x)", (sigmoid(try W * x))),
        ("sigmoid'(W*x)", (try MatrixExpr.applyDerivative(.sigmoid, try W * x))),
        ("sum((W*x + b - t)**2)/2", (try sum(pow(W * x + b - t, 2)) / 2)),
        ("normSquared(x)", (normSquared(x))),
        ("trace(W*W.T)", (try trace(W * W.T))),
        ("outer(t, x)", (try outer(t, x))),
        ("inner(x, x)", (try inner(x, x))),
        ("-2*x + 1", (-(2 * x) + 1)),
        ("x.T.T", (x)),
        ("softmax(t)", (try softmax(t))),
        ("logsumexp(t)", (try logsumexp(t))),
        ("mean(t)", (sum(t) / 2)),
        ("ones(2).T*t", (try MatrixExpr.ones(.vector(2)).T * t)),
        ]
    }

    @Test("each operation reads as the Swift API builds it")
    func reads() throws {
        for (text, built) in try Self.table() {
            let parsed = try MatrixExpr.parse(text, shapes: Self.shapes)
            let check = MatrixExpr.checkIdentity(parsed, built)
            #expect(check.verdict == .proved, "\(text): \(check)")
        }
    }

    @Test("the issue's Done-when: the gradient of sum((W*x + b - t)**2)/2 by W is (W*x + b - t)*x.T, and the printed form reads back")
    func doneWhen() throws {
        let loss = try MatrixExpr.parse("sum((W*x + b - t)**2)/2", shapes: Self.shapes)
        let gradient = try loss.gradient(wrt: Self.W)
        #expect(gradient.description == "(W*x + b - t)*x.T")
        // SymPy: Matrix(2, 3, lambda i, j: diff(L, W[i, j])) - (W*x + b - t)*x.T == zeros(2, 3), and entry (2, 3)
        // is x_3*(W_2_1*x_1 + W_2_2*x_2 + W_2_3*x_3 + b_2 - t_2). The check differentiates the scalar entries.
        let reread = try MatrixExpr.parse(gradient.description, shapes: Self.shapes)
        #expect(MatrixExpr.checkGradient(of: loss, wrt: Self.W, claimed: reread).verdict == .proved)
        let entry = try reread.entries()[1, 2]
        #expect(Expr.checkEquivalence(entry, try Expr.parse("x_3*(W_2_1*x_1 + W_2_2*x_2 + W_2_3*x_3 + b_2 - t_2)")).verdict == .proved)
    }

    @Test("a printed Hadamard product inside a product keeps its parentheses, so it reads back as printed")
    func hadamardInsideProduct() throws {
        let shapes: [String: Shape] = ["A": Shape(rows: 4, columns: 3), "w": .vector(3), "y": .vector(4)]
        let loss = try MatrixExpr.parse("-sum(hadamard(y, log(sigmoid(A*w))) + hadamard(1 - y, log(1 - sigmoid(A*w))))", shapes: shapes)
        let gradient = try loss.gradient(wrt: .vector("w", 3))
        let reread = try MatrixExpr.parse(gradient.description, shapes: shapes)
        #expect(MatrixExpr.checkIdentity(reread, gradient).verdict == .proved, "\(gradient)")
        // Seed 002 eq. 18: the gradient is A.T*(sigmoid(A*w) - y).
        #expect(MatrixExpr.checkIdentity(gradient, try MatrixExpr.parse("A.T*(sigmoid(A*w) - y)", shapes: shapes)).verdict == .proved)
    }

    @Test("bad input is an error at its position", arguments: [
        ("W*W", 2, "shape error: cannot multiply 2x3 by 2x3"),
        ("W'*t", 1, "'W'': write W.T for the transpose"),
        ("x.U", 2, "only .T (the transpose) may follow '.'"),
        ("sigmod(x)", 1, "unknown function 'sigmod' (did you mean 'sigmoid'?)"),
        ("t/x", 2, "dividing by a 3x1 matrix is not supported"),
        ("x**t", 2, "the exponent must be a scalar"),
        ("hadamard(x)", 1, "hadamard takes 2 arguments, got 1"),
        ("diff(sum(x), x)", 1, "derivatives of names are not available here"),
        ("(x + 1", 1, "this '(' is never closed"),
        ("x +", 4, "expected a number, name or '(' but found the end of the input"),
    ])
    func errors(text: String, column: Int, message: String) {
        do {
            _ = try MatrixExpr.parse(text, shapes: Self.shapes)
            Issue.record("\(text) parsed")
        } catch let error as SourceError {
            #expect(error.column == column, "\(error)")
            #expect(error.message.hasPrefix(message), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("deep nesting is an error, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        #expect(throws: SourceError.self) { try MatrixExpr.parse(text, shapes: Self.shapes) }
    }

    @Test("shapes as declarations write them", arguments: [
        ("2x3", Shape(rows: 2, columns: 3)), ("2 x 3", Shape(rows: 2, columns: 3)), ("2×3", Shape(rows: 2, columns: 3)),
        ("n x m", Shape(rows: "n", columns: "m")), ("B x d", Shape(rows: "B", columns: "d")), ("2xn", Shape(rows: 2, columns: "n")),
        ("3", .vector(3)), ("n", .vector("n")), ("scalar", .scalar), ("1", .scalar),
    ])
    func shapes(text: String, shape: Shape) {
        #expect(Shape(parsing: text) == shape)
    }

    @Test("texts that are no shape", arguments: ["", "0x3", "2x", "x", "2 x 3 x 4", "n by m", "-1"])
    func notShapes(text: String) {
        #expect(Shape(parsing: text) == nil)
    }
}
