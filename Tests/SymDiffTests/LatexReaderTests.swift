import Testing
import SymDiff

/// Each LaTeX formula and the expression it means, written in the text format.
/// The readings follow how the formulas render (TeX's own rules: `^` and `_`
/// take one group or one token) and how the seeds use them.
@Suite struct LatexReaderTests {
    static let readings: [(latex: String, meaning: String)] = [
        // Fractions, powers, products
        ("\\frac{1}{1+e^{-z}}", "1/(1 + exp(-z))"),
        ("\\dfrac{a}{b} + \\tfrac{c}{d}", "a/b + c/d"),
        ("\\frac12 x", "x/2"),
        ("2x^2", "2*x**2"),
        ("x^{2y}", "x**(2*y)"),
        ("a \\cdot b \\times c \\ast d", "a*b*c*d"),
        ("a / b", "a/b"),
        ("-x^2", "-(x**2)"),
        ("y(1-y)", "y*(1 - y)"),
        ("(a+b)(a-b)", "(a + b)*(a - b)"),
        ("\\left( x + 1 \\right)^2", "(x + 1)**2"),
        ("\\big( x \\big) \\Big[ y \\Big]", "x*y"),
        ("\\{ x \\}", "x"),
        // Functions
        ("\\sigma(z)(1-\\sigma(z))", "sigmoid(z)*(1 - sigmoid(z))"),
        ("e^{x}", "exp(x)"),
        ("e^x", "exp(x)"),
        ("\\exp(-z)", "exp(-z)"),
        ("\\exp x", "exp(x)"),
        ("\\log(1 + x)", "log(1 + x)"),
        ("\\ln x + 1", "log(x) + 1"),
        ("\\tanh(z)", "tanh(z)"),
        ("\\tanh^2(z)", "tanh(z)**2"),
        ("\\sigma(z)^2", "sigmoid(z)**2"),
        ("\\max(0, z)", "Max(0, z)"),
        ("\\min(a, b)", "-Max(-a, -b)"),
        ("\\text{ReLU}(z)", "relu(z)"),
        ("\\mathrm{relu}(z)", "relu(z)"),
        ("\\operatorname{ReLU}(z)", "relu(z)"),
        ("\\sqrt{x}", "sqrt(x)"),
        ("\\sqrt[3]{x}", "x**(1/3)"),
        ("|x|", "Abs(x)"),
        ("\\left| x - y \\right|", "Abs(x - y)"),
        ("\\boxed{x + 1}", "x + 1"),
        // Names
        ("\\hat{y}", "y_hat"),
        ("\\hat y - y", "y_hat - y"),
        ("\\mathcal{L}", "L_cal"),
        ("\\mathbf{x}", "x"),
        ("w_{11}^{(1)}", "w_11__1"),
        ("w^{(1)}_{11}", "w__1_11"),   // scripts in the order written
        ("x^{(i)}", "x__i"),
        ("a^{[l]}", "a__l"),
        ("z_1^{(3)}", "z_1__3"),
        ("\\delta_1^{(3)}", "delta_1__3"),
        ("a_1^2", "a_1**2"),
        ("w^{\\text{new}}", "w__new"),
        ("\\theta^{(t+1)}", "theta__tp1"),
        ("\\alpha \\eta", "alpha*eta"),
        ("x_i w_i", "x_i*w_i"),
        ("y_{true}", "y_true"),
        // Derivatives
        ("\\frac{d}{dz} z^3", "3*z**2"),
        ("\\frac{d}{dz}(u^{-1})", "0"),   // u does not depend on z
        ("\\frac{\\partial}{\\partial x}(x y)", "y"),
        ("\\frac{\\partial (x^2 y)}{\\partial x}", "2*x*y"),
        ("\\frac{\\partial^2 (x^3)}{\\partial x^2}", "6*x"),
        ("\\frac{\\partial^2 (x^2 y^2)}{\\partial x \\partial y}", "4*x*y"),
        ("\\frac{d\\sigma}{dz}", "sigmoid(z)*(1 - sigmoid(z))"),
        ("\\partial_x (x^2)", "2*x"),
        ("\\sigma'(z)", "sigmoid(z)*(1 - sigmoid(z))"),
        ("\\tanh'(z)", "1 - tanh(z)**2"),
        // Spacing and labels are ignored
        ("x \\, + \\; y \\quad \\tag{3}", "x + y"),
        ("x\\label{eq:x}", "x"),
        // Pasted Unicode
        ("σ(z)·(1 − σ(z))", "sigmoid(z)*(1 - sigmoid(z))"),
        ("x² × α", "x**2*alpha"),
        ("ŷ − y", "y_hat - y"),
        ("η", "eta"),
    ]

    @Test(arguments: readings)
    func formulaMeansItsExpression(_ row: (latex: String, meaning: String)) throws {
        #expect(try Expr.parseLatex(row.latex) == Expr.parse(row.meaning), "\(row.latex)")
    }
}
