import Testing
@testable import SymDiff

/// The shared scope of named definitions every front end uses.
@Suite("Definitions: one scope of named intermediates")
struct DefinitionsTests {
    let w = Expr.symbol("w"), x = Expr.symbol("x"), b = Expr.symbol("b"), t = Expr.symbol("t")

    /// z = w*x + b, p = sigmoid(z), L = (p - t)**2/2: one sigmoid neuron.
    var neuron: Definitions {
        Definitions([("z", w * x + b), ("p", sigmoid(.symbol("z"))), ("L", (Expr.symbol("p") - t) ** 2 / 2)])
    }

    @Test("inlining replaces every name, or only the chosen ones")
    func inlining() throws {
        let all = try Expr.parse("(sigmoid(w*x + b) - t)**2/2")
        let onlyL = try Expr.parse("(p - t)**2/2")
        let lAndP = try Expr.parse("(sigmoid(z) - t)**2/2")
        #expect(neuron.inline(.symbol("L")) == all)
        #expect(neuron.inline(.symbol("L"), only: ["L"]) == onlyL)
        #expect(neuron.inline(.symbol("L"), only: ["L", "p"]) == lAndP)
    }

    @Test("dependents and references follow the definitions transitively")
    func dependencies() {
        #expect(neuron.dependents(of: ["w"]) == ["z", "p", "L"])
        #expect(neuron.dependents(of: ["p"]) == ["L"])
        #expect(neuron.dependents(of: ["t"]) == ["L"])
        #expect(neuron.references(of: .symbol("p") + t) == ["p", "z"])
    }

    /// Issue 11: `f = x**2; subs(f, x, 3)` printed `x**2`; `z = w*x; subs(z + 1, w, 2)` printed `z + 1`.
    @Test("substitution sees through definitions", arguments: [
        // (definitions, expression, replaced symbol, value, expected — worked by hand)
        ([("f", "x**2")], "f", "x", "3", "9"),
        ([("z", "w*x")], "z + 1", "w", "2", "2*x + 1"),
        ([("z", "w*x"), ("u", "z + y")], "u*z", "w", "0", "0"),
        ([("z", "w*x"), ("u", "z + y")], "u", "y", "1", "z + 1"),       // u uses y; z does not
        ([("z", "w*x")], "z + 1", "z", "5", "6"),                       // a name replaced as such
    ])
    func substitution(definitions: [(String, String)], expression: String, symbol: String, value: String, expected: String) throws {
        let defs = Definitions(try definitions.map { ($0.0, try Expr.parse($0.1)) })
        let result = defs.substitute(try Expr.parse(expression), [.symbol(symbol): try Expr.parse(value)])
        #expect(result == (try Expr.parse(expected)))
    }

    @Test("a subexpression is substituted after the definitions that hold it are inlined")
    func subexpressionSubstitution() throws {
        // sympy: (sigmoid(w*x + b) - t)**2/2 with sigmoid(z) -> s  gives (s - t)**2/2
        let expected = try Expr.parse("(s - t)**2/2")
        #expect(neuron.substitute(.symbol("L"), [sigmoid(.symbol("z")): .symbol("s")]) == expected)
    }

    /// The chain rule over the stages, against the derivative of the inlined
    /// loss worked by hand: dL/dw = (p - t)*p*(1 - p)*x, dL/dp = p - t, dL/dz = (p - t)*p*(1 - p).
    @Test("the derivative through the stages holds the other stages' inputs fixed", arguments: [
        ("w", "(p - t)*p*(1 - p)*x"),
        ("b", "(p - t)*p*(1 - p)"),
        ("z", "(p - t)*p*(1 - p)"),
        ("p", "p - t"),
        ("L", "1"),
        ("t", "t - p"),
        ("y", "0"),
    ])
    func chainRule(variable: String, expected: String) throws {
        let d = try neuron.derivative(.symbol("L"), withRespectTo: variable)
        let want = try Expr.parse(expected)
        #expect(neuron.fold(d) == want || Expr.checkEquivalence(neuron.inline(d), neuron.inline(want)).isProved)
        // Folding writes the result back in the names without changing its value.
        #expect(Expr.checkEquivalence(neuron.inline(neuron.fold(d)), neuron.inline(d)).isProved)
    }

    @Test("two paths to the variable are summed")
    func twoPaths() throws {
        // u = x**2, v = u + x, d(v)/d(x) = 2*x + 1 (both paths), d(v)/d(u) = 1.
        let defs = Definitions([("u", x ** 2), ("v", Expr.symbol("u") + x)])
        let expected = try Expr.parse("2*x + 1")
        #expect(try defs.derivative(.symbol("v"), withRespectTo: "x") == expected)
        #expect(try defs.derivative(.symbol("v"), withRespectTo: "u") == .one)
    }

    @Test("ordering puts dependencies first and reports each cycle")
    func ordering() {
        let deps: [String: [String]] = ["L": ["y"], "y": ["a"], "a": [], "c": ["d"], "d": ["c"], "s": ["s"]]
        let (order, cycles) = Definitions.order(["L", "y", "a", "c", "d", "s"], dependencies: { deps[$0] ?? [] })
        let position = { (name: String) in order.firstIndex(of: name) ?? -1 }
        #expect(position("a") < position("y"))
        #expect(position("y") < position("L"))
        #expect(cycles == [["c", "d"], ["s"]])
    }

    @Test("folding writes a value back in the names")
    func folding() {
        #expect(neuron.fold(sigmoid(w * x + b)) == .symbol("p"))
        #expect(neuron.foldInlined(sigmoid(w * x + b) * x) == Expr.symbol("p") * x)
    }
}
