import Testing
import SymDiff

/// LaTeX as SymPy's `latex()` writes it. Expected strings are SymPy 1.14's
/// output for the same expression (`latex(sympify(text))`, with sigmoid as
/// `Function('sigma')`, relu as `Function('ReLU')`); rows marked "our order"
/// differ from SymPy only in the canonical order of operands.
@Suite("LaTeX printer")
struct LatexPrinterTests {
    @Test("expressions print as SymPy's latex()", arguments: [
        ("x/y", "\\frac{x}{y}"),
        ("2*x/3", "\\frac{2 x}{3}"),
        ("-x/2", "- \\frac{x}{2}"),
        ("x*z/y", "\\frac{x z}{y}"),
        ("1/2", "\\frac{1}{2}"),
        ("(x - 1)**2/2", "\\frac{\\left(x - 1\\right)^{2}}{2}"),
        ("sqrt(x)", "\\sqrt{x}"),
        ("1/sqrt(x)", "\\frac{1}{\\sqrt{x}}"),
        ("x**(3/2)", "x^{\\frac{3}{2}}"),
        ("2**(1/3)", "\\sqrt[3]{2}"),
        ("x**y", "x^{y}"),
        ("x**(y + 1)", "x^{y + 1}"),
        ("x**(-y)", "x^{- y}"),
        ("x**(-2)", "\\frac{1}{x^{2}}"),
        ("(x + 1)**2", "\\left(x + 1\\right)^{2}"),
        ("(2*x)**y", "\\left(2 x\\right)^{y}"),
        ("exp(x)**2", "e^{2 x}"),
        ("exp(x + y)", "e^{x + y}"),
        ("x*exp(-x)", "x e^{- x}"),
        ("2*3**x", "2 \\cdot 3^{x}"),
        ("x*(y + 1)", "x \\left(y + 1\\right)"),
        ("-x", "- x"),
        ("-x*y", "- x y"),
        ("x - y", "x - y"),
        ("1 - x", "1 - x"),
        ("1/(x + y)", "\\frac{1}{x + y}"),
        ("2*x**2*y", "2 x^{2} y"),
        ("tanh(x)**2", "\\tanh^{2}{\\left(x \\right)}"),
        ("log(x)**2", "\\log{\\left(x \\right)}^{2}"),
        ("sigmoid(z)", "\\sigma{\\left(z \\right)}"),
        ("sigmoid(z)**2", "\\sigma^{2}{\\left(z \\right)}"),
        ("relu(z)", "\\operatorname{ReLU}{\\left(z \\right)}"),
        ("Abs(x)", "\\left|{x}\\right|"),
        ("Max(x, y)", "\\max\\left(x, y\\right)"),
        ("heaviside(x)", "\\theta\\left(x\\right)"),
        ("1e-5*x", "1.0 \\cdot 10^{-5} x"),
        ("0.5*x", "0.5 x"),
        ("123.456", "123.456"),
        ("1e20", "1.0 \\cdot 10^{20}"),
        // our order: SymPy writes 1 + e^{- z}
        ("exp(-z)/(1 + exp(-z))**2", "\\frac{e^{- z}}{\\left(e^{- z} + 1\\right)^{2}}"),
    ])
    func expressions(_ row: (String, String)) throws {
        #expect(try Expr.parse(row.0).latex == row.1)
    }

    @Test("symbol names split into base and subscripts, Greek names become commands", arguments: [
        ("W1", "W_{1}"), ("b_1", "b_{1}"), ("W12", "W_{12}"), ("dW1", "dW_{1}"), ("x_i_j", "x_{i j}"),
        ("x_hat", "x_{hat}"), ("y_hat1", "y_{hat1}"), ("alpha", "\\alpha"), ("sigma1", "\\sigma_{1}"),
        ("lambda", "\\lambda"), ("Lambda", "\\Lambda"), ("target", "target"), ("x_alpha", "x_{\\alpha}"),
        // The LaTeX reader's names for index superscripts: SymPy writes w^{1}_{11}, which reads as a power.
        ("w_11__1", "w_{11}^{(1)}"), ("a__l", "a^{(l)}"), ("delta_1__3", "\\delta_{1}^{(3)}"),
    ])
    func symbols(_ row: (String, String)) {
        #expect(Expr.symbol(row.0).latex == row.1)
    }

    @Test("printed LaTeX of a name the reader made reads back to that name", arguments: [
        "w_{11}^{(1)}", "\\delta_{1}^{(3)}", "a^{(l)}", "\\hat{y}", "z_1^{(2)}",
    ])
    func readerNamesRoundTrip(_ text: String) throws {
        let e = try Expr.parseLatex(text)
        #expect(try Expr.parseLatex(e.latex) == e, "\(e) printed \(e.latex)")
    }

    @Test("the seed network's output prints with subscripts")
    func seedNetwork() throws {
        let f = try Expr.parse("W2*sigmoid(W1*x + b1) + b2")
        #expect(f.latex == "W_{2} \\sigma{\\left(W_{1} x + b_{1} \\right)} + b_{2}")
    }
}
