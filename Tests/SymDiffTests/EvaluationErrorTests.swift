import Testing
import SymDiff

/// Substitution, and evaluation errors named precisely instead of NaN.
@Suite("Substitution and evaluation")
struct EvaluationErrorTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y"), z = Expr.symbol("z"), a = Expr.symbol("a")

    @Test("an unbound symbol is named")
    func unboundSymbol() {
        #expect(throws: SymDiffError.unboundSymbol("y")) { try (x + y).evaluate(at: ["x": 1]) }
        #expect(SymDiffError.unboundSymbol("y").description.contains("'y'"))
    }

    @Test("log of zero or a negative number is a domain error")
    func logDomain() {
        for value in [0.0, -1.0] {
            #expect {
                try log(x).evaluate(at: ["x": value])
            } throws: { error in
                guard case SymDiffError.domain(let message) = error else { return false }
                return message.contains("log")
            }
        }
    }

    @Test("division by zero is a domain error, symbolic or literal")
    func divisionByZero() throws {
        for e in [1 / x, try Expr.parse("1/0"), try Expr.parse("x/(y - y)")] {
            #expect {
                try e.evaluate(at: ["x": 0])
            } throws: { error in
                guard case SymDiffError.domain(let message) = error else { return false }
                return message.contains("division by zero")
            }
        }
    }

    @Test("a fractional power of a negative number is a domain error")
    func negativeSquareRoot() {
        #expect(throws: SymDiffError.self) { try sqrt(x).evaluate(at: ["x": -4]) }
    }

    @Test("overflow to infinity is reported")
    func overflow() {
        #expect {
            try exp(x).evaluate(at: ["x": 1000])
        } throws: { error in
            if case SymDiffError.nonFinite = error { return true } else { return false }
        }
    }

    @Test("the conventions at kinks: heaviside(0) = 0, relu'(0) = 0, 0**0 = 1")
    func kinkConventions() throws {
        #expect(try heaviside(x).evaluate(at: ["x": 0]) == 0)
        #expect(try relu(x).diff(x).evaluate(at: ["x": 0]) == 0)
        #expect(try Expr.parse("0**0") == .one)
    }

    @Test("substitution is simultaneous")
    func simultaneous() {
        #expect((x - y).substituting([x: y, y: x]) == y - x)
        #expect((x * y).substituting(["x": 2]) == 2 * y)
    }

    @Test("a subexpression can be replaced")
    func subexpression() {
        let e = sigmoid(z) * x + sigmoid(z)
        #expect(e.substituting([sigmoid(z): a]) == a * x + a)
    }

    @Test("substituting numbers folds constants exactly")
    func folding() {
        let e = x * x / 3 + y
        #expect(e.substituting(["x": 3, "y": .rational(1, 2)]) == .rational(7, 2))
    }

    @Test("differentiating by a number is an error; by a subexpression works")
    func invalidVariable() throws {
        #expect(throws: SymDiffError.self) { try (x * x).diff(Expr.number(2)) }
        let s = sigmoid(z)
        #expect(try (s * s).diff(s) == 2 * s)
    }

    @Test("evaluation follows the shared DAG, not the unfolded tree")
    func sharedEvaluation() throws {
        // 60 doublings: the tree would have 2^60 leaves, the DAG has 61 nodes.
        var e = x
        for _ in 0..<60 { e = sigmoid(e) * sigmoid(e) + e }
        #expect(e.nodeCount < 400)
        #expect(try e.evaluate(at: ["x": 0.1]).isFinite)
        _ = try e.diff(x)
    }
}
