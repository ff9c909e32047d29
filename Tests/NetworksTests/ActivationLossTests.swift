import Testing
import SymDiff
@testable import Networks

@Suite("Activations and losses")
struct ActivationLossTests {
    @Test("command-line names parse to activations and print back", arguments: [
        ("sigmoid", Activation.sigmoid), ("tanh", .tanh), ("relu", .relu), ("identity", .identity),
        ("linear", .identity), ("leaky_relu", .leakyRelu(slope: 0.01)), ("leaky-relu:0.2", .leakyRelu(slope: 0.2)),
        ("softmax", .softmax),
    ])
    func activationNames(name: String, expected: Activation) {
        #expect(Activation(name: name) == expected)
        #expect(Activation(name: expected.description) == expected)
    }

    @Test("unknown activation names are rejected", arguments: ["gelu", "leaky_relu:", "leaky_relu:abc", ""])
    func unknownActivation(name: String) {
        #expect(Activation(name: name) == nil)
    }

    @Test("loss names parse", arguments: [
        ("mse", Loss.halfSquaredError), ("mse-mean", .meanSquaredError), ("bce", .binaryCrossEntropy), ("ce", .categoricalCrossEntropy),
    ])
    func lossNames(name: String, expected: Loss) {
        #expect(Loss(name: name) == expected)
        #expect(expected.description == name)
    }

    @Test("losses at a point match their textbook formulas")
    func lossValues() throws {
        let p = Expr.symbols("p1 p2"), t = Expr.symbols("t1 t2")
        let point: [String: Double] = ["p1": 0.8, "p2": 0.3, "t1": 1, "t2": 0]
        func value(_ loss: Loss) throws -> Double { try loss.apply(outputs: p, targets: t).evaluate(at: point) }
        // By hand: ½(0.04 + 0.09) = 0.065; mean (0.04 + 0.09)/2 = 0.065; BCE −(log 0.8 + log 0.7)/2; CE −log 0.8.
        #expect(Swift.abs(try value(.halfSquaredError) - 0.065) < 1e-15)
        #expect(Swift.abs(try value(.meanSquaredError) - 0.065) < 1e-15)
        #expect(Swift.abs(try value(.binaryCrossEntropy) - 0.2899092476264711) < 1e-15)   // python: -(log(.8)+log(.7))/2
        #expect(Swift.abs(try value(.categoricalCrossEntropy) - 0.2231435513142097) < 1e-15) // python: -log(.8)
    }

    @Test("softmax outputs sum to one and the Jacobian is a_j(δ_jk − a_k)")
    func softmax() throws {
        let z = Expr.symbols("z1 z2 z3")
        let p = Activation.softmax.apply(z)
        let point: [String: Double] = ["z1": 0.3, "z2": -1.2, "z3": 2.0]
        #expect(Swift.abs(try Expr.add(p).evaluate(at: point) - 1) < 1e-15)
        // The stored-stage Jacobian, expanded, is proved equal to diff of softmax.
        let jacobian = Activation.softmax.jacobian(z: z, a: p)
        for j in 0..<3 { for k in 0..<3 {
            #expect(Expr.checkEquivalence(jacobian[j][k], try p[j].diff(z[k])).isProved)
        } }
    }

    @Test("element-wise derivatives in stored-stage form are proved equal to diff",
          arguments: [Activation.identity, .sigmoid, .tanh, .relu, .leakyRelu(slope: 0.2)])
    func elementwiseDerivative(activation: Activation) throws {
        let z = Expr.symbol("z")
        let a = activation.apply([z])
        let derivative = activation.elementwiseDerivative(z: [z], a: a)[0]
        #expect(Expr.checkEquivalence(derivative, try a[0].diff(z)).isProved)
    }
}
