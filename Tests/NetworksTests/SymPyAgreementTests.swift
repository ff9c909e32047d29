import Testing
import SymDiff
@testable import Networks

/// `ThreeLayerNetwork.derivative` must be the same function SymPy's `diff`
/// gives for seed 000 appendix C (sigmoid written as `1/(1 + exp(-z))`).
/// The SymPy output is pasted verbatim; equality must be *proved*.
@Suite("Direct derivatives agree with SymPy")
struct SymPyAgreementTests {
    // sympy: x,W1,W2,b1,b2,target = symbols(...); sigmoid = lambda z: 1/(1 + exp(-z))
    //        loss = Rational(1, 2)*(W2*sigmoid(W1*x + b1) + b2 - target)**2; diff(loss, p)
    static let sigmoidHalfSquaredError: [(String, String)] = [
        ("W1", "W2*x*(W2/(exp(-W1*x - b1) + 1) + b2 - target)*exp(-W1*x - b1)/(exp(-W1*x - b1) + 1)**2"),
        ("W2", "(W2/(exp(-W1*x - b1) + 1) + b2 - target)/(exp(-W1*x - b1) + 1)"),
        ("b1", "W2*(W2/(exp(-W1*x - b1) + 1) + b2 - target)*exp(-W1*x - b1)/(exp(-W1*x - b1) + 1)**2"),
        ("b2", "W2/(exp(-W1*x - b1) + 1) + b2 - target"),
    ]

    // sympy: the same with tanh as the hidden activation.
    static let tanhHalfSquaredError: [(String, String)] = [
        ("W1", "W2*x*(1 - tanh(W1*x + b1)**2)*(W2*tanh(W1*x + b1) + b2 - target)"),
        ("W2", "(W2*tanh(W1*x + b1) + b2 - target)*tanh(W1*x + b1)"),
        ("b1", "W2*(1 - tanh(W1*x + b1)**2)*(W2*tanh(W1*x + b1) + b2 - target)"),
        ("b2", "W2*tanh(W1*x + b1) + b2 - target"),
    ]

    @Test("sigmoid network, ½-squared error: proved equal to SymPy's diff", arguments: sigmoidHalfSquaredError)
    func sigmoidNetwork(parameter: String, sympy: String) throws {
        let net = ThreeLayerNetwork()
        let ours = try net.derivative(Expr.symbol(parameter))
        let check = Expr.checkEquivalence(ours, try Expr.parse(sympy))
        #expect(check.verdict == .proved, "\(check.method): \(check.note ?? "")")
    }

    @Test("tanh network, ½-squared error: identical to SymPy's diff", arguments: tanhHalfSquaredError)
    func tanhNetwork(parameter: String, sympy: String) throws {
        let net = ThreeLayerNetwork(activation: .tanh)
        #expect(try net.derivative(Expr.symbol(parameter)) == Expr.parse(sympy))
    }

    @Test("sigmoid network with BCE on the logit y: value and proof against SymPy")
    func bceNetwork() throws {
        let net = ThreeLayerNetwork(loss: .binaryCrossEntropy)
        // sympy: loss = -(target*log(sigmoid(y)) + (1 - target)*log(1 - sigmoid(y))), diff(loss, b2)
        let sympy = try Expr.parse("-target*exp(-W2/(exp(-W1*x - b1) + 1) - b2)/(exp(-W2/(exp(-W1*x - b1) + 1) - b2) + 1) + (1 - target)*exp(-W2/(exp(-W1*x - b1) + 1) - b2)/((1 - 1/(exp(-W2/(exp(-W1*x - b1) + 1) - b2) + 1))*(exp(-W2/(exp(-W1*x - b1) + 1) - b2) + 1)**2)")
        let ours = try net.derivative(net.b2)
        #expect(Expr.checkEquivalence(ours, sympy).verdict == .proved)
        // sympy at the seed point: ∂L/∂(W1, W2, b1, b2) and L.
        let expected = [-0.08613968694637618, -0.06891174955710093, -0.017227937389275232, -0.13782349911420186]
        for (g, e) in zip(try net.gradient(), expected) {
            #expect(Swift.abs(try g.evaluate(at: ThreeLayerNetwork.seedPoint) - e) < 1e-12)
        }
        #expect(Swift.abs(try net.loss.evaluate(at: ThreeLayerNetwork.seedPoint) - 0.6509394198788436) < 1e-12)
    }
}
