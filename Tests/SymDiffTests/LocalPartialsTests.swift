import Foundation
import Testing
import SymDiff

/// `chainTerm`: seed times a node's partial derivative with respect to one
/// operand, the rule forward `diff` and reverse-mode `gradient` share.
/// Expected partials are SymPy 1.14's, from the script at the end of this
/// file: the node is written with the operand as a symbol `U`, differentiated
/// in `U`, and `U` replaced by the operand.
@Suite("Local partial derivatives")
struct LocalPartialsTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let template: String
        let operand: String
        let sympy: String
        init(_ template: String, _ operand: String, _ sympy: String) {
            (self.template, self.operand, self.sympy) = (template, operand, sympy)
        }
        var testDescription: String { "∂(\(template))/∂U at U = \(operand)" }
    }

    static let rows: [Row] = [
        Row("x + U", "y*z", "1"),
        Row("x*U*z", "y", "x*z"),
        Row("2*x*U", "exp(y)", "2*x"),
        Row("U**3", "x + 1", "3*(x + 1)**2"),
        Row("U**y", "x", "x**y*y/x"),
        Row("x**U", "y", "x**y*log(x)"),
        Row("2**U", "x", "2**x*log(2)"),
        Row("U**(1/2)", "x**2 + y**2", "1/(2*sqrt(x**2 + y**2))"),
        Row("exp(U)", "x*y", "exp(x*y)"),
        Row("log(U)", "x**2 + 1", "1/(x**2 + 1)"),
        Row("sigmoid(U)", "w*x + b", "exp(-b - w*x)/(exp(-b - w*x) + 1)**2"),
        Row("tanh(U)", "w*x", "1 - tanh(w*x)**2"),
        Row("relu(U)", "w*x + b", "Heaviside(b + w*x)"),
        Row("Max(x, U)", "y", "Heaviside(-x + y)"),
    ]

    @Test("seed·∂node/∂operand is proved equal to SymPy's partial times the seed", arguments: rows)
    func partialTimesSeed(_ row: Row) throws {
        let operand = try Expr.parse(row.operand)
        let node = try Expr.parse(row.template.replacingOccurrences(of: "U", with: "(\(row.operand))"))
        let i = try #require(node.arguments.firstIndex(of: operand), "\(operand) is not an operand of \(node)")
        let seed = Expr.symbol("s")
        let expected = try Expr.parse(row.sympy)
        for (term, want) in [(node.chainTerm(i, seed: .one), expected), (node.chainTerm(i, seed: seed), seed * expected)] {
            let check = Expr.checkEquivalence(term, want)
            #expect(check.verdict == .proved, "\(term) vs SymPy \(want): \(check.method), \(check.note ?? "")")
        }
    }

    @Test("a product's partial reuses the other factors: no quotient by the operand")
    func productUsesOtherFactors() throws {
        let (x, y, z) = (Expr.symbol("x"), Expr.symbol("y"), Expr.symbol("z"))
        let p = x * y * z
        let i = try #require(p.arguments.firstIndex(of: y))
        #expect(p.chainTerm(i, seed: .one) == x * z)   // not x*y*z/y, which is undefined at y = 0
    }

    @Test("a function's partial reuses the node itself: exp' is the same exp node")
    func functionReusesNode() {
        let x = Expr.symbol("x"), s = Expr.symbol("s")
        #expect(exp(x).chainTerm(0, seed: s) == s * exp(x))
    }

    @Test("forward diff and reverse-mode gradient agree through the shared rules")
    func forwardAgreesWithReverse() throws {
        let f = try Expr.parse("sigmoid(w*x + b)**2 * log(x**2 + 1) + x**y + Max(w, x*y)")
        let variables = ["w", "x", "y", "b"].map(Expr.symbol)
        let reverse = try f.gradient(variables)
        for (v, g) in zip(variables, reverse) {
            let check = Expr.checkEquivalence(try f.diff(v), g)
            #expect(check.verdict == .proved, "∂/∂\(v): \(check.method)")
        }
    }
}

/*
 The SymPy script that produced the expected column (SymPy 1.14):

from sympy import *
x, y, z, w, b, U = symbols('x y z w b U', real=True)
def sigmoid(u): return 1/(1 + exp(-u))
def relu(u): return Max(u, 0)
ns = dict(x=x, y=y, z=z, w=w, b=b, U=U, sigmoid=sigmoid, relu=relu, Max=Max, exp=exp, log=log, tanh=tanh)
rows = [("x + U", "y*z"), ("x*U*z", "y"), ("2*x*U", "exp(y)"), ("U**3", "x + 1"), ("U**y", "x"),
        ("x**U", "y"), ("2**U", "x"), ("U**(1/2)", "x**2 + y**2"), ("exp(U)", "x*y"), ("log(U)", "x**2 + 1"),
        ("sigmoid(U)", "w*x + b"), ("tanh(U)", "w*x"), ("relu(U)", "w*x + b"), ("Max(x, U)", "y")]
for template, operand in rows:
    e = sympify(template, locals=ns, rational=True)
    d = diff(e, U).subs(U, sympify(operand, locals=ns, rational=True))
    d = d.replace(DiracDelta, lambda *args: 0)
    print('        Row("%s", "%s", "%s"),' % (template, operand, str(d)))
*/
