import Testing
import SymDiff

/// The invariants of canonical construction (issue 2), as SymPy's constructors
/// apply them. Each expectation is the value SymPy gives for the same input.
@Suite("Canonical forms")
struct CanonicalFormTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y"), a = Expr.symbol("a"), b = Expr.symbol("b")

    @Test("products and sums do not depend on operand order")
    func commutativity() throws {
        #expect(x * y == y * x)
        #expect(x + y == y + x)
        #expect(Expr.mul([x, y, a]) == Expr.mul([a, x, y]))
        #expect((x + y) + a == x + (y + a))
        #expect(try Expr.parse("b*a + y*x") == a * b + x * y)
    }

    @Test("like terms are collected")
    func likeTerms() {
        #expect(x + x == 2 * x)
        #expect(2 * x * y - x * y == x * y)
        #expect((x + x).description == "2*x")
        #expect((x - x) == .zero)
        #expect(3 * x + y - 3 * x == y)
        #expect(Expr.rational(1, 2) * x + Expr.rational(1, 2) * x == x)
    }

    @Test("equal bases are combined")
    func equalBases() {
        // `**` is our own operator, so results are bound first for `#expect` to read them.
        let square = x ** 2, product = x ** a * x ** b, combined = x ** (a + b), quotient = x ** 2 / x
        #expect(x * x == square)
        #expect((x * x).description == "x**2")
        #expect(product == combined)
        #expect(product.description == "x**(a + b)")
        #expect(quotient == x)
        #expect(x / x == .one)
    }

    @Test("identities: x**1, x**0, 0*x, 1*x, x + 0")
    func arithmeticIdentities() {
        let first = x ** 1, zeroth = x ** 0, oneToX = Expr.one ** x
        #expect(first == x)
        #expect(zeroth == .one)
        #expect(0 * x == .zero)
        #expect(1 * x == x)
        #expect(x + 0 == x)
        #expect(oneToX == .one)
    }

    @Test("identities: exp(0), log(1), exp(log(x)), log(exp(x))")
    func functionIdentities() {
        #expect(exp(.zero) == .one)
        #expect(log(.one) == .zero)
        #expect(exp(log(x)) == x)
        #expect(log(exp(x)) == x)   // symbols are real
        #expect(sigmoid(.zero) == .rational(1, 2))
        #expect(tanh(.zero) == .zero)
    }

    @Test("sums and products are flat")
    func flattening() {
        let sum = x + (y + (a + b))
        #expect(sum.kind == .add)
        #expect(sum.arguments.count == 4)
        let product = x * (y * (a * b))
        #expect(product.kind == .mul)
        #expect(product.arguments.count == 4)
    }

    @Test("a number times a sum is distributed, as SymPy does")
    func distribution() {
        #expect(2 * (x + y) == 2 * x + 2 * y)
        #expect((-(x + 1)).description == "-x - 1")
    }

    @Test("equal expressions are the same node: equality and hashing are O(1)")
    func hashConsing() throws {
        let first = try Expr.parse("sigmoid(W1*x + b1)*(1 - sigmoid(W1*x + b1))")
        let second = try Expr.parse("(1 - sigmoid(b1 + x*W1))*sigmoid(x*W1 + b1)")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(Set([first, second]).count == 1)
        // Both sigmoid occurrences are one shared node.
        #expect(first.postOrder().filter { $0.function == .sigmoid }.count == 1)
    }

    @Test("printing then parsing gives back the same expression", arguments: [
        "x*y + sigmoid(z)/3", "-x**2", "(-x)**3", "x**(-y)", "1/(1 + exp(-z))", "sqrt(x + 1)", "x**(1/3)",
        "2**x", "(1/2)**x", "-1/2", "0.25*x - 1e-10", "Max(x, y) - Abs(x)", "leaky_relu(z, 1/100)",
        "heaviside(-x)", "relu(W1*x + b_1)", "(x**y)**z", "x**y**z", "exp(x)**y", "log(x)**2", "-(x + y)/(z*w)",
        "123456789012345678901234567890*x", "x/(2*y) - 3/4",
    ])
    func roundTrip(_ text: String) throws {
        let e = try Expr.parse(text)
        #expect(try Expr.parse(e.description) == e, "\(text) printed as \(e.description)")
    }
}
