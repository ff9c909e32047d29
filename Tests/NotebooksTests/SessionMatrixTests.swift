import Testing
@testable import Notebooks

/// Declarations and matrix statements in the session language (notebooks and the REPL).
@Suite("Session: matrices")
struct SessionMatrixTests {
    static let network = ["x: 2", "W1: 3x2", "b1: 3", "W2: 1x3", "b2: 1", "t: 1",
                          "z1 = W1*x + b1", "z2 = W2*sigmoid(z1) + b2", "L = sum((z2 - t)**2)/2"]

    @Test("declarations and matrix definitions print nothing; a derivative by a matrix prints in matrix form")
    func derivativeByMatrix() {
        // By the chain rule, dL/dW2 = (z2 - t) sigmoid(z1)^T and dL/db2 = z2 - t (expanded).
        #expect(session(after: Self.network, "diff(L, W2)", "d(L)/d(b2)")
                == "(W2*sigmoid(W1*x + b1) + b2 - t)*sigmoid(W1*x + b1).T\nW2*sigmoid(W1*x + b1) + b2 - t\n")
    }

    @Test("claim and check decide a matrix claim entry by entry")
    func claims() {
        let out = session(after: Self.network + ["delta2 = d(L)/d(z2)"],
                          "claim d(L)/d(z1) == (W2.T*delta2) ⊙ sigmoid'(z1)", "check d(L)/d(W1) == x*d(L)/d(z1).T")
        #expect(out == """
            ✓ proved at the declared sizes: every entry is equal
            ✗ wrong: shape mismatch: left side is 3x2, right side is 2x3: the right side has the transposed shape

            """)
    }

    @Test("a matrix equality without claim or check says how to check it; scalar lines are untouched")
    func scalarLinesUntouched() {
        let out = session(after: Self.network, "L == 1", "diff(u**2, u)", "s: positive", "diff(s**2, s)")
        #expect(out.hasPrefix("error at line 10, column 1: write 'claim A == B' to check a claim"))
        #expect(out.hasSuffix("2*u\n2*s\n"))
    }

    @Test("a bad declaration and a shape error are positioned errors")
    func errors() {
        #expect(session("W: 2 x").hasPrefix("error at line 1, column 4: expected a shape"))
        #expect(session(after: ["W: 2x3"], "W*W").hasPrefix("error at line 2, column 2: shape error: cannot multiply 2x3 by 2x3"))
    }
}
