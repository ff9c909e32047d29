import Testing
import SymDiff

/// The README's library example, compiled and checked here so it cannot rot.
/// Keep the two in step: the body below is the README's code.
@Suite("README example")
struct ReadmeExampleTests {
    @Test("the library example runs and prints what the README says")
    func libraryExample() throws {
        var printed: [String] = []
        func print(_ value: Any) { printed.append("\(value)") }

        // --- README: section library ---
        let (w, x, b, t) = (Expr.symbol("w"), Expr.symbol("x"), Expr.symbol("b"), Expr.symbol("t"))
        let loss = (sigmoid(w * x + b) - t) ** 2 / 2           // ½-MSE of one sigmoid neuron
        let dw = try loss.diff(w)
        print(dw)                    // x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
        print(dw.latex)              // x \sigma{\left(b + w x \right)} \left(1 - \sigma{\left(b + w x \right)}\right) ...
        print(try dw.evaluate(at: ["w": 0.5, "x": 2, "b": -1, "t": 1]))     // -0.25
        let g = try Expr.parse("1/(1 + exp(-z))").diff(.symbol("z"))
        print(g)                     // exp(-z)/(exp(-z) + 1)**2
        print(Expr.checkEquivalence(g, try Expr.parse("sigmoid(z)*(1 - sigmoid(z))")).verdict)   // proved
        // --- end ---

        #expect(printed.count == 5)
        #expect(printed[0] == "x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)")
        #expect(printed[1] == "x \\sigma{\\left(b + w x \\right)} \\left(1 - \\sigma{\\left(b + w x \\right)}\\right) "
            + "\\left(\\sigma{\\left(b + w x \\right)} - t\\right)")
        // At w*x + b = 0: s = sigmoid(0) = 1/2, so dL/dw = x*(s - t)*s*(1 - s) = 2*(1/2 - 1)*(1/2)*(1/2) = -0.25 by hand.
        #expect(printed[2] == "-0.25")
        #expect(printed[3] == "exp(-z)/(exp(-z) + 1)**2")
        #expect(printed[4] == "proved")
    }
}
