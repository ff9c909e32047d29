import Testing
import SymDiff

/// Swift source over `Double`. Each expected string was compiled with `swiftc`
/// in a program printing its value at x = 1.3, y = 0.7, z = -0.4, w = 2.1,
/// b = 0.3, and the value agreed with `evaluate(at:)` to the last bit or two.
@Suite("Swift printer")
struct SwiftPrinterTests {
    @Test("expressions print as Swift Double expressions", arguments: [
        ("x/y", "x / y"),
        ("-x/2", "-x / 2.0"),
        ("(x - 1)**2/2", "Foundation.pow(x - 1.0, 2.0) / 2.0"),
        ("exp(-z)/(1 + exp(-z))**2", "Foundation.exp(-z) / Foundation.pow(Foundation.exp(-z) + 1.0, 2.0)"),
        ("1/sqrt(x)", "1.0 / Foundation.sqrt(x)"),
        ("x**(3/2)", "Foundation.pow(x, 3.0 / 2.0)"),
        ("2*3**x", "2.0 * Foundation.pow(3.0, x)"),
        ("-(x + 1)/y", "(-x - 1.0) / y"),
        ("(x + 1)*y/(z*(w + 1))", "y * (x + 1.0) / (z * (w + 1.0))"),
        ("sigmoid(w*x + b)*tanh(z)", "(1 / (1 + Foundation.exp(-(b + w * x)))) * Foundation.tanh(z)"),
        ("leaky_relu(x, 1/100)", "((x) > 0 ? (x) : (1.0 / 100.0) * (x))"),
        ("Max(x, y) - Abs(z)", "Swift.max(x, y) - Swift.abs(z)"),
        ("-x**2*y/3", "-Foundation.pow(x, 2.0) * y / 3.0"),
        ("1e-5*x - 0.25", "1e-05 * x - 0.25"),
        ("2**1000*x/3**700", "1.1094745901686211e-33 * x"),
    ])
    func expressions(_ row: (String, String)) throws {
        #expect(try Expr.parse(row.0).swiftSource == row.1)
    }

    @Test("a symbol that is a Swift keyword is written in backticks")
    func keywords() throws {
        #expect(try Expr.parse("log(x)*in").swiftSource == "`in` * Foundation.log(x)")
    }

    @Test("a function binds shared subexpressions once")
    func function() throws {
        let s = try Expr.parse("sigmoid(w*x + b)")
        let source = SwiftPrinter.function(named: "neuron", [s * (1 - s), s], parameters: ["w", "x", "b"])
        #expect(source == """
            func neuron(w: Double, x: Double, b: Double) -> [Double] {
                let x0 = (1 / (1 + Foundation.exp(-(b + w * x))))
                return [x0 * (1.0 - x0), x0]
            }

            """)
    }
}
