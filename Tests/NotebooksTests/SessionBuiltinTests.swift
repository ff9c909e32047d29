import Testing
@testable import Notebooks

@Suite("Session built-ins: points, records and output")
struct SessionBuiltinTests {
    @Test("points add like sparse vectors; an attribute reads one entry")
    func pointArithmetic() {
        #expect(session("p = {x: 1, y: 2}", "p + {y: 10, z: 5}") == "{x: 1, y: 12, z: 5}\n")
        #expect(session("p = {x: 1, y: 2}", "p - 0.5*{y: 2}") == "{x: 1, y: 1}\n")
        #expect(session("p = {x: 1, y: 2}", "p.y") == "2\n")
    }

    @Test("point gives names one value or a value each")
    func pointBuiltin() {
        #expect(session("point([a, b], 0)") == "{a: 0, b: 0}\n")
        #expect(session("point([a, b], [1, 2])") == "{a: 1, b: 2}\n")
        #expect(session("point([a, b], [1])").hasPrefix("error at line 1, column 15: 2 names but 1 values"))
    }

    @Test("repeat makes a list of copies")
    func repeatBuiltin() {
        #expect(session("repeat(\"sigmoid\", 3)") == "[sigmoid, sigmoid, sigmoid]\n")
    }

    @Test("latex writes SymPy's LaTeX")
    func latexBuiltin() {
        // SymPy: latex(sigmoid(z)*(1 - sigmoid(z))) with sigmoid as a function σ.
        #expect(session("latex(x**2/2)") == "\\frac{x^{2}}{2}\n")
    }

    @Test("cse names the subexpressions the gradient shares")
    func cseBuiltin() {
        let out = session("cse(gradient((sigmoid(w*x + b) - t)**2/2, [w, b]))")
        // Both partials share σ(b + w·x) and the error σ − t.
        #expect(out.hasPrefix("x0 = sigmoid(b + w*x)\n"))
        #expect(out.contains("w: "))
        #expect(out.contains("b: "))
    }

    @Test("define brings a record's entries in as names, in order")
    func defineBuiltin() {
        let out = session("define({u: x + 1, v: u**2})", "v", "diff(v, x)", "inline(v)")
        // d/dx (x + 1)² = 2(x + 1), folded back to 2*u.
        #expect(out == "u**2\n2*u\n(x + 1)**2\n")
    }

    @Test("print joins values with spaces; strings print as they are")
    func printBuiltin() {
        #expect(session("print(\"dL/dw =\", diff(w**2, w), 0.5)") == "dL/dw = 2*w 0.5\n")
    }

    @Test("help lists the functions; help NAME shows one")
    func help() {
        let all = session("help")
        for name in ["diff", "gradient", "eval", "check", "inline", "network", "seed_network"] {
            #expect(all.contains("  \(name) "), "help lacks \(name)")
        }
        #expect(session("help diff") == "diff(f, x), diff(f, x, 2), diff(f, x, y)\n  derivative; in your names when x is a defined intermediate\n")
        #expect(session("help nope").hasPrefix("error at line 1, column 6: no function named 'nope'"))
    }
}

@Suite("Session built-ins: networks")
struct SessionNetworkTests {
    @Test("the seed network's backprop form matches seed 000 §5.3")
    func seedNetworkBackprop() {
        let out = session("seed_network().backprop")
        #expect(out == """
            W1: W2*a1*x*(1 - a1)*(y - target)
            W2: a1*(y - target)
            b1: W2*a1*(1 - a1)*(y - target)
            b2: y - target

            """)
    }

    @Test("a network's gradient at seed 002's exercise 1")
    func networkGradient() {
        let out = session(
            "net = network([2, 2, 1], [\"relu\", \"sigmoid\"], loss=\"bce\")",
            "ex = {x1: 1, x2: 2, t1: 1, W1_1_1: 0.5, W1_1_2: 0.3, W1_2_1: 0.2, W1_2_2: 0.4, b1_1: 0.1, b1_2: 0.2, W2_1_1: 0.6, W2_1_2: 0.7, b2_1: 0.3}",
            "eval(net.gradient.b2_1, ex)", "eval(net.gradient.W1_2_2, ex)")
        // numpy: ŷ = σ(1.86) = 0.865297, ∂L/∂b = ŷ − 1 = −0.134703, ∂L/∂W1[1,1] = (ŷ − 1)·0.7·x2 = −0.188584.
        #expect(out == "-0.134703\n-0.188584\n")
    }

    @Test("bad network arguments are reported at the argument", arguments: [
        ("network([2, 1], [\"sigmod\"])", "error at line 1, column 17: unknown activation 'sigmod'"),
        ("network([2, 1], [\"sigmoid\", \"relu\"])", "error at line 1, column 1: 2 layer sizes need 1 activation"),
        ("seed_network(loss=\"ce\")", "error at line 1, column 14: the seed network has one output"),
        ("seed_network().nope", "error at line 1, column 16: a network has no attribute 'nope'"),
        ("chain_rule(seed_network(), x)", "error at line 1, column 1: cannot differentiate: 'x' is not a parameter"),
        ("network([1000, 1000, 1], [\"relu\", \"sigmoid\"])", "error at line 1, column 9: 1002001 parameters is more than"),
    ])
    func badArguments(input: String, expectedStart: String) {
        let out = session(input)
        #expect(out.hasPrefix(expectedStart), "got: \(out)")
    }
}

@Suite("Session built-ins: training")
struct SessionTrainingTests {
    @Test("training seed 000's worked example reproduces its two SGD steps")
    func workedExample() {
        let out = session("run = train(\"worked\")", "run.loss", "run.parameters")
        // Seed 000 §6.3: L1 = 0.10125, L2 ≈ 0.000575 (mean 0.0509127); after both steps
        // W1 ≈ 0.2294, W2 ≈ 0.5239, b1 ≈ −0.9939, b2 ≈ 0.0484.
        #expect(out == "0.0509127\n{W1: 0.229423, W2: 0.523935, b1: -0.993942, b2: 0.0483923}\n")
    }

    @Test("a bad example name or a diverging rate is reported, not crashed on", arguments: [
        ("train(\"circle\")", "error at line 1, column 7: no training example 'circle'"),
        ("train(\"worked\", epochs=0)", "error at line 1, column 17: epochs= expects a whole number from 1"),
        ("train(\"worked\", lr=1e300)", "error at line 1, column 1: training diverged"),
    ])
    func badTraining(input: String, expectedStart: String) {
        let out = session(input)
        #expect(out.hasPrefix(expectedStart), "got: \(out)")
    }
}

@Suite("Session built-ins: the derivation checker")
struct SessionCheckerTests {
    @Test("claim checks derivation syntax against the session's definitions")
    func claims() {
        let out = session("z = w*x + b", "s = sigmoid(z)", "L = (s - y)**2/2",
                          "claim d(L)/d(w) == (s - y)*s*(1 - s)*x",
                          "claim w_new = w - alpha*(s - y)*s*(1 - s)*x")
        // Seed 001: ∂L/∂w = (ŷ − y)·ŷ(1 − ŷ)·x, and the update rule that descends it.
        #expect(out.split(separator: "\n").map { $0.prefix(8) } == ["✓ holds:", "✓ holds:"])
    }

    @Test("a wrong claim says what it should be")
    func wrongClaim() {
        let out = session("z = w*x + b", "s = sigmoid(z)", "L = (s - y)**2/2", "claim d(L)/d(b) == (s - y)*x")
        #expect(out.hasPrefix("✗ wrong: at "))
        #expect(out.contains("d(L)/d(b) works out to: s*(1 - s)*(s - y)"))
    }

    @Test("a numeric claim uses a session point (seed 001 Problem 1: ∂L/∂b = 0.111424, not 0.112)")
    func numericClaim() {
        let out = session("z = w*x + b", "yhat = sigmoid(z)", "L = (y - yhat)**2/2", "p1 = {x: 0.5, w: 1.2, b: -0.8, y: 0}",
                          "claim d(L)/d(b) at p1 ≈ 0.112")
        #expect(out.hasPrefix("✗ wrong: the value is 0.111424, not 0.112"))
    }

    @Test("claim hands the session's definitions over as values, not as text")
    func definitionsAsValues() {
        // Printed and read back, 'w_new = w + 1' would be an update rule (and ask for a loss).
        #expect(session("w_new = w + 1", "claim w_new == w + 1").hasPrefix("✓ holds"))
    }

    @Test("a malformed claim is an error at its column")
    func malformedClaim() {
        #expect(session("claim d(L)/d(q").hasPrefix("error at line 1, column 7: "))
    }

    @Test("check_file reads a derivation file relative to the session's directory")
    func checkFile() throws {
        let directory = try scratchDirectory()
        try "z = w*x\nd(z)/d(w) == x\nd(z)/d(x) == x\n".write(toFile: directory.appendingPathComponent("d.txt").path,
                                                               atomically: true, encoding: .utf8)
        let out = Session(baseDirectory: directory.path).run("check_file(\"d.txt\")").text
        #expect(out.hasPrefix("✓ line 2: d(z)/d(w) == x"))
        #expect(out.hasSuffix("d.txt: 2 claims: 1 hold, 1 wrong, 0 undecided\n"))
        #expect(session("check_file(\"/nonexistent/x.txt\")").hasPrefix("error at line 1, column 12: cannot read /nonexistent/x.txt"))
    }
}
