import Testing
import SymDiff
import Evaluator

/// Differentiation refuses what cannot vary, accepts a subexpression as the
/// variable, and the piecewise functions follow one convention at their
/// kink — heaviside(0) = 0, so relu'(0) = 0 — in every path that computes them.
@Suite("Calculus: clear errors and one convention at kinks")
struct CalculusConventionTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y"), z = Expr.symbol("z")

    @Test("the derivative with respect to a number is an invalidVariable error")
    func numberVariable() throws {
        let f = x ** 2
        #expect(throws: SymDiffError.invalidVariable("'2' is a number, not a variable")) { try f.diff(2) }
        #expect(throws: SymDiffError.invalidVariable("'1/2' is a number, not a variable")) { try f.diff(.rational(1, 2)) }
        #expect(throws: SymDiffError.invalidVariable("negative order -1")) { try f.diff(x, order: -1) }
        let error = try #require(throws: SymDiffError.self) { try f.gradient([x, 3]) }
        #expect(error.description.hasPrefix("cannot differentiate: '3'"))
    }

    @Test("the derivative with respect to a subexpression treats it as a variable")
    func standIn() throws {
        let s = sigmoid(z)
        // SymPy: diff(f(z)**2 + 3*f(z), f(z)) == 2*f(z) + 3
        #expect(try (s ** 2 + 3 * s).diff(s) == 2 * s + 3)
        // Occurrences inside other nodes count too: exp(sigmoid(z)) → exp(sigmoid(z)).
        #expect(try exp(s).diff(s) == exp(s))
        // Second order: d²/ds² (s³) = 6s.
        #expect(try (s ** 3).diff(s, order: 2) == 6 * s)
        // The stand-in's name never captures a user's symbol of the same spelling.
        let user = Expr.symbol("_d0")
        #expect(try (user * s).diff(s) == user)
        #expect(try (user * s + s ** 2).diff(s) == user + 2 * s)
        // An expression without the subexpression has derivative 0.
        #expect(try (x + y).diff(s) == 0)
    }

    // MARK: heaviside(0) = 0 everywhere

    /// Expressions whose value at x = 0 the convention fixes, with that value
    /// (seed 000: ReLU'(z) = 0 for z ≤ 0; SymPy's Heaviside(0, 0)).
    static let atKink: [(String, Double)] = [
        ("heaviside(x)", 0),
        ("diff relu(x)", 0),                 // relu' = heaviside
        ("diff leaky_relu(x, 1/10)", 0.1),   // the slope at 0 and below
        ("diff Abs(x)", 0),                  // heaviside(x) - heaviside(-x)
        ("diff Max(x, y)", 0),               // heaviside(x - y) at x = y = 0
        ("diff Max(y, x)", 0),
        ("diff heaviside(x)", 0),
        ("relu(x)", 0),
        ("leaky_relu(x, 1/10)", 0),
    ]

    func build(_ spec: String) throws -> Expr {
        if spec.hasPrefix("diff ") { return try Expr.parse(String(spec.dropFirst(5))).diff(x) }
        return try Expr.parse(spec)
    }

    @Test("at the kink, evaluate gives the convention's value", arguments: atKink)
    func evaluateAtKink(_ spec: String, _ expected: Double) throws {
        #expect(try build(spec).evaluate(at: ["x": 0, "y": 0]) == expected)
    }

    @Test("at the kink, folding a constant argument gives the same value", arguments: atKink)
    func foldAtKink(_ spec: String, _ expected: Double) throws {
        let folded = try build(spec).substituting(["x": 0, "y": 0])
        #expect(folded.numberValue?.doubleValue == expected, "\(folded)")
    }

    @Test("at the kink, compiled and batched closures give the same value", arguments: atKink)
    func compiledAtKink(_ spec: String, _ expected: Double) throws {
        let e = try build(spec)
        let program = try Program(computing: [e], inputs: [x, y])
        let scalar = CompiledFunction(program)
        #expect(try scalar(inputs: [0, 0]) == [expected])
        let batched = BatchedFunction(program, keeping: [0])
        try batched.run(parameters: [], inputs: [[-1, 0, 0, 1], [0, 0, -0.0, 0]], range: 0..<4)
        #expect(batched.values(of: 0)[1] == expected)
        #expect(batched.values(of: 0)[2] == expected)
        // Both sides of the kink agree with evaluate as well.
        for (i, value) in [-1.0, 1.0].enumerated() {
            #expect(batched.values(of: 0)[i * 3] == (try e.evaluate(at: ["x": value, "y": 0])))
        }
    }

    @Test("the generated Swift code follows the convention")
    func swiftCode() throws {
        #expect(SwiftPrinter.print(heaviside(x)) == "((x) > 0 ? 1.0 : 0.0)")
        #expect(SwiftPrinter.print(try relu(x).diff(x)) == "((x) > 0 ? 1.0 : 0.0)")
    }

    @Test("heaviside' is 0, so second derivatives of relu vanish")
    func secondDerivative() throws {
        #expect(try relu(x).diff(x, order: 2) == 0)
        #expect(try (relu(x) * x).diff(x, order: 2) == 2 * heaviside(x))
    }
}
