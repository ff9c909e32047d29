import Checker
import SymDiff
import Testing

@Suite("Numeric claims")
struct NumericClaimTests {
    @Test("the precision is half a unit in the last digit written", arguments: [
        // (value written, true value, holds?) with the true value computed by hand.
        ("0.112", 0.1115, true),       // exactly half a unit away: either rounding is allowed
        ("0.112", 0.11149, false),
        ("0.112", 0.11249, true),
        ("-0.2813", -0.28125, true),   // seed 000 prints -0.28125 to four digits as -0.2813
        ("-0.2813", -0.28124, false),
        ("5", 5.4, true),
        ("5", 5.6, false),
        ("120", 120.5, true),          // trailing zeros are digits written
        ("1.5e-3", 0.00154, true),     // 1.5e-3 is written to 1e-4
        ("1.5e-3", 0.00156, false),
        ("0.450", 0.4504, true),
    ])
    func precisionFromDigits(_ written: String, _ value: Double, _ holds: Bool) throws {
        let result = try DerivationChecker().check(claim: "c at c=\(value) ≈ \(written)")
        #expect(result.status == (holds ? .proved : .refuted))
    }

    @Test("an explicit tolerance replaces the digits' precision", arguments: [
        ("≈ 0.5 ± 0.01", 0.509, true),
        ("≈ 0.5 +- 0.01", 0.511, false),
        ("~= 0.5 ± 2%", 0.509, true),     // 2% of 0.5 is 0.01
        ("~= 0.5 ± 2%", 0.4899, false),
    ])
    func explicitTolerance(_ tail: String, _ value: Double, _ holds: Bool) throws {
        let result = try DerivationChecker().check(claim: "c at c=\(value) \(tail)")
        #expect(result.status == (holds ? .proved : .refuted))
    }

    @Test("seed 001's ∂L/∂b ≈ 0.112 is refuted and the exact value 0.111424 shown")
    func seed001BiasGradient() throws {
        let result = try DerivationChecker().check(
            claim: "d(L)/d(b) at x=0.5, w=1.2, b=-0.8, y=0 ≈ 0.112",
            definitions: "L = (y - sigmoid(w*x + b))**2/2")
        #expect(result.status == .refuted)
        // SymPy: diff(L, b) at the point = 0.111423546136613.
        guard case .number(let exact)? = result.expected else {
            Issue.record("no expected number")
            return
        }
        #expect(Swift.abs(exact - 0.111423546136613) < 1e-12)
        #expect(result.summary.contains("0.111424"))
    }

    @Test("named points are reused and later values override earlier ones")
    func namedPoints() {
        let report = check(
            "point base: x=5, w=2",
            "point moved: base, x=3",
            "w*x at base ≈ 10",
            "w*x at moved ≈ 6",
            "w*x at base, w=1 ≈ 5")
        #expect(report.errors.isEmpty)
        #expect(report.claims.map(\.status) == [.proved, .proved, .proved])
    }

    @Test("a value undefined at the point is wrong, with the reason")
    func undefinedAtPoint() throws {
        let result = try DerivationChecker().check(claim: "log(x) at x=-1 ≈ 0")
        #expect(result.status == .refuted)
        #expect(result.summary.contains("log of a non-positive number"))
    }

    @Test("a symbol left without a value is an error naming it")
    func missingValue() {
        let report = check("L = (y - t)**2/2", "L at y=1 ≈ 0.5")
        #expect(report.claims.isEmpty)
        let error = report.error(on: 2)
        #expect(error?.message.contains("no value for 't'") == true)
    }
}

@Suite("Update rules")
struct UpdateRuleTests {
    static let network = """
        z1 = W1*x + b1
        a1 = sigmoid(z1)
        y = W2*a1 + b2
        L = (y - target)**2/2
        """

    @Test("a right rule holds in every spelling", arguments: [
        "W1_new = W1 - alpha*d(L)/d(z1)*x",
        "W1 <- W1 - alpha*(y - target)*W2*a1*(1 - a1)*x",
        "W1 ← W1 - alpha*d(L)/d(W1)",
        "W1_new = W1_old - alpha*d(L)/d(z1)*x",
        "W2_new = W2 - lr*(y - target)*a1",
    ])
    func rightRule(_ rule: String) throws {
        #expect(try DerivationChecker().check(claim: rule, definitions: UpdateRuleTests.network).status == .proved)
    }

    @Test("a rule with the wrong gradient is refuted and the right rule shown")
    func wrongRule() throws {
        let result = try DerivationChecker().check(claim: "W2_new = W2 - alpha*(y - target)", definitions: UpdateRuleTests.network)
        #expect(result.status == .refuted)
        // dL/dW2 = (y - target)*a1 (seed 000 section 5.3), so the step is W2 - alpha*(y - target)*a1.
        guard case .expression(let expected)? = result.expected else {
            Issue.record("no expected rule")
            return
        }
        #expect(expected.isEquivalent(to: try Expr.parse("W2 - alpha*(y - target)*a1")))
        #expect(result.details.last?.contains("so the rule should be") == true)
    }

    @Test("the loss and the learning rate can be named")
    func settings() throws {
        let result = try DerivationChecker().check(
            claim: "w_new = w - step*2*(w - 3)",
            definitions: "cost = (w - 3)**2\nloss: cost\nrate: step")
        #expect(result.status == .proved)
    }

    @Test("a rule that names no learning rate is an error")
    func noRate() {
        let report = check(UpdateRuleTests.network, "W2_new = W2 - 0.1*(y - target)*a1")
        #expect(report.error(on: 5)?.message.contains("learning rate") == true)
    }

    @Test("a rule for something that is not a parameter of the loss is an error")
    func notAParameter() {
        let report = check(UpdateRuleTests.network, "W3_new = W3 - alpha*x")
        #expect(report.error(on: 5)?.message.contains("not a parameter of the loss") == true)
    }
}
