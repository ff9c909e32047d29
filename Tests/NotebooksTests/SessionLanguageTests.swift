import Testing
@testable import Notebooks

/// Runs `lines` in a fresh session and returns what it printed.
func session(_ lines: String...) -> String {
    Session().run(lines.joined(separator: "\n")).text
}

/// The seed network of seed 000, as a learner types it.
let seedNetworkLines = ["z1 = W1*x + b1", "a1 = sigmoid(z1)", "y = W2*a1 + b2", "loss = (y - target)**2/2"]

func session(after setup: [String], _ lines: String...) -> String {
    Session().run((setup + lines).joined(separator: "\n")).text
}

@Suite("Session language: definitions and derivatives")
struct SessionDefinitionTests {
    @Test("a definition prints nothing and a later line can use it")
    func definitionsCarryOver() {
        #expect(session("z = w*x + b", "z") == "b + w*x\n")
        #expect(session("let z = w*x + b", "z") == "b + w*x\n")
    }

    @Test("derivatives with respect to intermediates come back in the learner's names (seed 000 §5.3)")
    func backpropForm() {
        let out = session(after: seedNetworkLines,
                          "diff(loss, y)", "diff(y, a1)", "diff(a1, z1)", "diff(z1, W1)", "diff(loss, W1)")
        // Seed 000 §5.3: ∂L/∂y = y − target, ∂y/∂a1 = W2, ∂a1/∂z1 = a1(1 − a1), ∂z1/∂W1 = x,
        // and their product ∂L/∂W1.
        #expect(out == """
            y - target
            W2
            a1*(1 - a1)
            x
            W2*a1*x*(1 - a1)*(y - target)

            """)
    }

    @Test("inline gives SymPy's fully expanded derivative")
    func inlineGivesSympyForm() {
        // SymPy: diff((W2*sigmoid(W1*x + b1) + b2 - target)**2/2, W2)
        //      = (W2*sigmoid(W1*x + b1) + b2 - target)*sigmoid(W1*x + b1)
        let out = session(after: seedNetworkLines, "inline(diff(loss, W2))")
        #expect(out == "sigmoid(W1*x + b1)*(W2*sigmoid(W1*x + b1) + b2 - target)\n")
    }

    @Test("higher and mixed derivatives", arguments: [
        // SymPy: diff(x**3, x, 2) = 6*x; diff(x**2*y, x, y) = 2*x; ReLU' is the unit step (seed 001).
        ("diff(x**3, x, 2)", "6*x\n"),
        ("diff(x**2*y, x, y)", "2*x\n"),
        ("diff(relu(z), z)", "heaviside(z)\n"),
    ])
    func derivatives(input: String, expected: String) {
        #expect(session(input) == expected)
    }

    @Test("gradient lists every partial derivative by name")
    func gradientRecord() {
        // d/dw ½(z − t)² = x(z − t), d/db = z − t.
        #expect(session("z = w*x + b", "L = (z - t)**2/2", "gradient(L, [w, b])") == "{w: x*(z - t), b: z - t}\n")
    }

    @Test("a product of a definition's factors folds back to its name")
    func productsFold() {
        // With p1 = e^z1/S: ∂/∂z1 of −y2·log(e^z2/S) is y2·e^z1/S = y2·p1 (and e^(2 z1)/S² = p1²).
        let out = session("S = exp(z1) + exp(z2)", "p1 = exp(z1)/S", "p2 = exp(z2)/S",
                          "L = -y1*log(p1) - y2*log(p2)", "diff(L, z1)")
        #expect(out.contains("p1*y2"), "got: \(out)")
        #expect(!out.contains("exp"), "got: \(out)")
    }

    @Test("redefining a name keeps earlier definitions' meaning")
    func redefinitionKeepsMeaning() {
        #expect(session("a = 2", "b = a*x", "a = 3", "b", "a") == "2*x\n3\n")
    }

    @Test("a name defined in terms of its old value updates it")
    func selfReferenceUsesOldValue() {
        #expect(session("w = 0.5", "w = w - 0.1*2", "w") == "0.3\n")
    }

    @Test("a statement continues while brackets are open")
    func continuation() {
        #expect(session("p = {x: 1,", "     y: 2}", "p") == "{x: 1, y: 2}\n")
    }
}

@Suite("Session language: numbers and evaluation")
struct SessionEvaluationTests {
    @Test("eval at the seed's point, three spellings (seed 000 §6.3: y = 0.25, L = 0.10125)")
    func evalForms() {
        let out = session(after: seedNetworkLines,
                          "eval(y, x=5, W1=0.2, W2=0.5, b1=-1, b2=0, target=0.7)",
                          "eval loss at x=5, W1=0.2, W2=0.5, b1=-1, b2=0, target=0.7",
                          "p = {x: 5, W1: 0.2, W2: 0.5, b1: -1, b2: 0, target: 0.7}",
                          "eval(loss, p)")
        #expect(out == "0.25\n0.10125\n0.10125\n")
    }

    @Test("one SGD step on a point (seed 000 §6.3: W1 = 0.228125, W2 = 0.5225, b1 = −0.994375, b2 = 0.045)")
    func sgdStepOnPoint() {
        let out = session(after: seedNetworkLines,
                          "theta = {W1: 0.2, W2: 0.5, b1: -1, b2: 0}",
                          "g = gradient(loss, [W1, W2, b1, b2])",
                          "eval(g, theta, x=5, target=0.7)",
                          "theta = theta - 0.1*eval(g, theta, x=5, target=0.7)",
                          "theta")
        // Seed 000 §6.3 example 1: gradients (−0.28125, −0.225, −0.05625, −0.45), then the update.
        #expect(out == """
            {W1: -0.28125, W2: -0.225, b1: -0.05625, b2: -0.45}
            {W1: 0.228125, W2: 0.5225, b1: -0.994375, b2: 0.045}

            """)
    }

    @Test("numbers print with six significant digits", arguments: [
        // σ'(20) = e^-20/(1 + e^-20)^2 = 2.06115361394185e-9 (SymPy N()).
        ("eval(diff(sigmoid(z), z), z=20)", "2.06115e-09\n"),
        ("0.1 + 0.2", "0.3\n"),
        ("0.25**20", "9.09495e-13\n"),            // 0.25^20 = 9.094947017729282e-13
        ("(1/4)**20", "1/1099511627776\n"),       // exact: 4^20 = 1099511627776
        ("0.1*x + 0.30000000000000004", "0.1*x + 0.3\n"),
    ])
    func formatting(input: String, expected: String) {
        #expect(session(input) == expected)
    }

    @Test("evaluating at an intermediate holds it there")
    func evalAtIntermediate() {
        // With y forced to 1 and target 0.7: ½(1 − 0.7)² = 0.045, whatever W1, x, ... are.
        #expect(session(after: seedNetworkLines, "eval(loss, y=1, target=0.7)") == "0.045\n")
    }

    @Test("subs replaces symbols and keeps the rest symbolic")
    func substitution() {
        #expect(session("subs(x**2 + y, x=3)") == "y + 9\n")
        #expect(session("subs(sigmoid(z)*(1 - sigmoid(z)), sigmoid(z), s)") == "s*(1 - s)\n")
    }
}

@Suite("Session language: checking claims")
struct SessionCheckTests {
    @Test("σ' = σ(1 − σ) is proved from σ = 1/(1 + e^−z) (seed 001)")
    func sigmoidDerivativeProved() {
        #expect(session("sig = 1/(1 + exp(-z))", "check diff(sig, z) == sig*(1 - sig)").hasPrefix("True (proved"))
    }

    @Test("a wrong claim is refuted with a counterexample")
    func wrongClaimRefuted() {
        #expect(session("check diff(sigmoid(z), z) == sigmoid(z)*(1 + sigmoid(z))").hasPrefix("False (at z="))
    }

    @Test("equal and check give the same verdict")
    func equalMatchesCheck() {
        #expect(session("equal((x + 1)**2, x**2 + 2*x + 1)") == session("check (x + 1)**2 == x**2 + 2*x + 1"))
    }
}

@Suite("Session language: errors")
struct SessionErrorTests {
    @Test("an error names the line and column, shows a caret, and the session goes on")
    func errorThenContinue() {
        let out = session("a = sigmoid(z)", "b = sigmod(z)", "diff(a, z)")
        #expect(out == """
            error at line 2, column 5: unknown function 'sigmod'; did you mean 'sigmoid'?
              b = sigmod(z)
                  ^
            a*(1 - a)

            """)
    }

    @Test("bad input gets a clear message at its position", arguments: [
        ("x + * y", "error at line 1, column 5: expected a number, name or '(' but found '*'"),
        ("diff(x**2)", "error at line 1, column 1: diff takes at least 2 arguments, got 1"),
        ("diff(x**2, 3)", "error at line 1, column 12: cannot differentiate with respect to the number 3"),
        ("eval(x*y, x=1)", "error at line 1, column 1: unbound symbol 'y': give it a value"),
        ("f(x)", "error at line 1, column 1: unknown function 'f'"),
        ("(x + 1", "error at line 1, column 1: this '(' is never closed"),
        ("x = x + 1", "error at line 1, column 1: 'x' is defined in terms of itself"),
        ("diff = 3", "error at line 1, column 1: 'diff' is a function name; pick another name"),
        ("eval(log(x), x=-1)", "error at line 1, column 1: domain error: log of a non-positive number"),
        ("{x: 1} * {x: 2}", "error at line 1, column 8: points can be added or subtracted"),
        ("x == y == z", "error at line 1, column 8: comparisons do not chain"),
        ("sigmoid + 1", "error at line 1, column 1: 'sigmoid' is a function: write sigmoid(...)"),
    ])
    func badInput(input: String, expectedStart: String) {
        let out = session(input)
        #expect(out.hasPrefix(expectedStart), "got: \(out)")
    }

    @Test("using a symbol and then defining it is refused, naming what would change")
    func captureRefused() {
        let out = session("z = w*x", "x = 5", "z")
        #expect(out.hasPrefix("error at line 2, column 1: z uses the symbol x"))
        #expect(out.hasSuffix("w*x\n"))
    }

    @Test("lists nested too deep are refused with a message, not a crash")
    func deepLists() {
        let depth = 10_000
        let text = String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
        #expect(session(text).hasPrefix("error at line 1, column 65: lists and points nest at most 64 deep"))
    }

    @Test("deep nesting parses without recursion")
    func deepNesting() {
        let depth = 20_000
        let text = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth) + " + 1"
        #expect(session(text) == "x + 1\n")
    }
}
