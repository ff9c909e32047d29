import Checker
import SymDiff
import Testing

@Suite("Symbolic claims")
struct SymbolicClaimTests {
    @Test("a true claim about a derivative is proved")
    func trueClaimProved() throws {
        // d(sigmoid(z))/dz = sigmoid(z)(1 - sigmoid(z)), seed 000 section 3.1.
        let result = try DerivationChecker().check(claim: "d(sigmoid(z))/d(z) == exp(-z)/(1 + exp(-z))**2")
        #expect(result.status == .proved)
        #expect(result.counterexample == nil)
    }

    @Test("a wrong claim is refuted at a point where the two sides really differ")
    func wrongClaimRefutedWithCounterexample() throws {
        let result = try DerivationChecker().check(claim: "d(x**3)/d(x) == x**2")
        #expect(result.status == .refuted)
        let c = try #require(result.counterexample)
        let x = try #require(c.pointDictionary["x"])
        // d(x**3)/dx = 3*x**2 (SymPy: diff(x**3, x)), the claimed side x**2.
        #expect(Swift.abs(c.lhs - 3 * x * x) < 1e-9 * Swift.max(1, Swift.abs(c.lhs)))
        #expect(Swift.abs(c.rhs - x * x) < 1e-9 * Swift.max(1, Swift.abs(c.rhs)))
        #expect(c.lhs != c.rhs)
    }

    @Test("a wrong claim shows the correct value of the side with the derivative")
    func wrongClaimShowsExpected() throws {
        let result = try DerivationChecker().check(claim: "x*y == d(x**2*y)/d(x)")
        guard case .expression(let expected)? = result.expected else {
            Issue.record("no expected expression")
            return
        }
        // SymPy: diff(x**2*y, x) = 2*x*y.
        #expect(expected.isEquivalent(to: try Expr.parse("2*x*y")))
        #expect(result.details.contains { $0.contains("works out to") })
    }

    @Test("d(F, v) means the same as d(F)/d(v)")
    func twoArgumentForm() throws {
        let result = try DerivationChecker().check(claim: "d(x**3*y, x) == d(x**3*y)/d(x)")
        #expect(result.status == .proved)
    }

    @Test("derivatives nest: a second derivative")
    func nestedDerivative() throws {
        // SymPy: diff(x**3, x, 2) = 6*x.
        #expect(try DerivationChecker().check(claim: "d(d(x**3)/d(x))/d(x) == 6*x").status == .proved)
        #expect(try DerivationChecker().check(claim: "d(d(x**3)/d(x))/d(x) == 3*x").status == .refuted)
    }

    @Test("a partial derivative through an intermediate holds the other stages' inputs fixed")
    func partialThroughIntermediate() {
        let report = check(
            "z1 = W1*x + b1",
            "a1 = sigmoid(z1)",
            "y = W2*a1 + x",          // x also reaches y directly, not through a1
            "d(y)/d(a1) == W2",
            "d(y)/d(x) == W2*a1*(1 - a1)*W1 + 1",
            "d(y)/d(z1) == W2*a1*(1 - a1)")
        #expect(report.errors.isEmpty)
        // By hand: y = W2*sigmoid(W1*x + b1) + x; dy/da1 = W2, dy/dz1 = W2*s'(z1), dy/dx = W2*s'(z1)*W1 + 1.
        #expect(report.claims.map(\.status) == [.proved, .proved, .proved])
    }

    @Test("claims about values defined anywhere in the file resolve in any order")
    func definitionsInAnyOrder() {
        let report = check(
            "d(L)/d(w) == (p - t)*x",
            "L = (p - t)**2/2",
            "p = w*x")
        #expect(report.errors.isEmpty)
        #expect(report.claim(on: 1)?.status == .proved)
    }

    @Test("a claim true only on one side of a ReLU kink is wrong on part of the domain")
    func partiallyWrong() throws {
        let result = try DerivationChecker().check(claim: "d(relu(z))/d(z) == 1")
        #expect(result.status == .refuted)
        #expect(result.partiallyWrong)
        // relu'(z) = 1 for z > 0 and 0 for z < 0 (seed 001): the failing point has z < 0.
        let z = try #require(result.counterexample?.pointDictionary["z"])
        #expect(z < 0)
        #expect(result.summary.contains("part of the domain"))
        #expect(result.summary.contains("z < 0"))
    }

    @Test("a smooth wrong claim is wrong everywhere, not on part of the domain")
    func smoothWrongIsNotPartial() throws {
        let result = try DerivationChecker().check(claim: "d(sigmoid(z))/d(z) == sigmoid(z)**2")
        #expect(result.status == .refuted)
        #expect(!result.partiallyWrong)
    }

    @Test("a true claim the normal form cannot prove is undecided, never proved", arguments: [
        // heaviside(x**2 + 1) = 1 for every real x, but its kink x**2 + 1 is not
        // linear, so the case split gives up (relu(x) == (x + abs(x))/2, once
        // here, is now proved by the split: CaseSplitTests).
        "heaviside(x**2 + 1) == 1",
        "heaviside(x**2 + y**2 + 1)*x == x",
    ])
    func undecidedNeverProved(_ claim: String) throws {
        let result = try DerivationChecker().check(claim: claim)
        #expect(result.status == .undecided)
        #expect(result.summary.contains("agree at"))
    }

    @Test("a free symbol that appears nowhere else gets a note, with a close defined name")
    func unknownNameHint() {
        let report = check("a1 = sigmoid(z1)", "y = W2*a1", "d(y)/d(W2) == a_1")
        let result = report.claim(on: 3)
        #expect(result?.status == .refuted)
        #expect(result?.details.contains { $0.contains("'a_1' is not defined") && $0.contains("did you mean 'a1'") } == true)
    }
}

@Suite("Step chains")
struct ChainTests {
    @Test("every step of a correct chain is proved")
    func correctChain() throws {
        // Seed 001: dσ/dz = e^(-z)/(1 + e^(-z))^2 = σ(z)(1 - σ(z)).
        let result = try DerivationChecker().check(
            claim: "d(sigmoid(z))/d(z) == exp(-z)/(1 + exp(-z))**2 == sigmoid(z)*(1 - sigmoid(z))")
        #expect(result.status == .proved)
        #expect(result.failedStep == nil)
    }

    @Test("the first broken step is named", arguments: [
        // (chain, first wrong step): step 2 drops the square in the denominator.
        ("d(sigmoid(z))/d(z) == exp(-z)/(1 + exp(-z))**2 == exp(-z)/(1 + exp(-z)) == sigmoid(z)*(1 - sigmoid(z))", 2),
        ("d(x**2)/d(x) == x == 2*x", 1),
        ("(x + 1)**2 == x**2 + 2*x + 1 == x**2 + 1", 2),
    ])
    func firstBrokenStep(_ chain: String, _ step: Int) throws {
        let result = try DerivationChecker().check(claim: chain)
        #expect(result.status == .refuted)
        #expect(result.failedStep == step)
        #expect(result.summary.hasPrefix("step \(step) of "))
    }
}
