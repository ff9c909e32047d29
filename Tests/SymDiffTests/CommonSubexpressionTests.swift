import Testing
import SymDiff

/// Common subexpressions named like SymPy's `cse`.
@Suite("Common subexpressions")
struct CommonSubexpressionTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y"), z = Expr.symbol("z")

    /// The roots again, from the definitions substituted last first.
    static func expand(_ definitions: [(name: String, value: Expr)], _ results: [Expr]) -> [Expr] {
        var current = results
        for (name, value) in definitions.reversed() {
            current = current.map { $0.substituting([Expr.symbol(name): value]) }
        }
        return current
    }

    @Test("a sigmoid neuron's gradient names the sigmoid and 1 - sigmoid")
    func sigmoidNeuron() throws {
        let f = try Expr.parse("sigmoid(w*x + b)")
        let gradient = try f.gradient(Expr.symbols("w b"))
        let (definitions, results) = Expr.commonSubexpressions(gradient)
        #expect(definitions.map(\.name) == ["x0", "x1"])
        #expect(definitions[0].value == f)
        #expect(definitions[1].value == 1 - .symbol("x0"))
        #expect(results.map(\.description) == ["x*x0*x1", "x0*x1"])
        #expect(Self.expand(definitions, results) == gradient)
    }

    @Test("definitions come in topological order and expand back to the roots")
    func topologicalOrder() throws {
        let roots = try ["exp(x*y)*tanh(x*y)", "exp(x*y) + log(x*y + 1)", "(x*y + 1)**2*z"].map { try Expr.parse($0) }
        let (definitions, results) = Expr.commonSubexpressions(roots)
        var known = Set(["x", "y", "z"])
        for (name, value) in definitions {
            for symbol in value.freeSymbols { #expect(known.contains(symbol.symbolName!), "\(name) uses \(symbol) before it is defined") }
            known.insert(name)
        }
        #expect(definitions.contains { $0.value == x * y })
        #expect(Self.expand(definitions, results) == roots)
    }

    @Test("symbols, numbers and multiples of a symbol are never named")
    func trivialNodes() {
        let (definitions, results) = Expr.commonSubexpressions([x * y + 2 * z, x * z + 2 * z, x + 3])
        #expect(definitions.isEmpty)
        #expect(results == [x * y + 2 * z, x * z + 2 * z, x + 3])
    }

    @Test("a node used once is not named")
    func singleUse() {
        let (definitions, _) = Expr.commonSubexpressions([exp(x) + 1])
        #expect(definitions.isEmpty)
    }

    @Test("a subexpression shared by two roots is named")
    func sharedByRoots() {
        let (definitions, results) = Expr.commonSubexpressions([exp(x), exp(x) + y])
        #expect(definitions.count == 1)
        #expect(results == [.symbol("x0"), .symbol("x0") + y])
    }

    @Test("names skip symbols already in the expressions")
    func freshNames() {
        let taken = Expr.symbol("x0")
        let (definitions, results) = Expr.commonSubexpressions([exp(taken) * y, exp(taken) + y])
        #expect(definitions.map(\.name) == ["x1"])
        #expect(Self.expand(definitions, results) == [exp(taken) * y, exp(taken) + y])
    }

    @Test("the seed loss's gradient prints shorter with its shared parts named")
    func seedGradient() throws {
        let loss = try Expr.parse("(W2*sigmoid(W1*x + b1) + b2 - target)**2/2")
        let gradient = try loss.gradient(Expr.symbols("W1 b1 W2 b2"))
        let (definitions, results) = Expr.commonSubexpressions(gradient)
        #expect(definitions.contains { $0.value == (try! Expr.parse("sigmoid(W1*x + b1)")) })
        #expect(Self.expand(definitions, results) == gradient)
        let plain = gradient.map(\.description).joined().count
        let named = (definitions.map(\.value) + results).map(\.description).joined().count
        #expect(named < plain)
    }
}
