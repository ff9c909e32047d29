import Testing
import SymDiff
@testable import Networks

/// Issue 7: the gradient built by one reverse sweep over the DAG is the same
/// function as per-parameter forward `diff`, proved by normal form, on the
/// seeds' networks; and it is no bigger than a small multiple of the loss.
@Suite("Reverse-mode gradient on the seeds' networks")
struct ReverseModeTests {
    static let seedNetworks: [(String, Network)] = [
        ("seed 000: 1-1-1 sigmoid, ½-MSE", Network(layerSizes: [1, 1, 1], activations: [.sigmoid, .identity], loss: .halfSquaredError)),
        ("seed 000 appendix A: 3-2-1 sigmoid", Network(layerSizes: [3, 2, 1], activations: [.sigmoid, .identity], loss: .halfSquaredError)),
        ("seed 002: 2-2-1 relu/sigmoid, BCE", Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)),
        ("seed 003: 2-3-3 tanh/softmax, CE", Network(layerSizes: [2, 3, 3], activations: [.tanh, .softmax], loss: .categoricalCrossEntropy)),
        ("seed 004: 2-2-2-1 sigmoid, ½-MSE", Network(layerSizes: [2, 2, 2, 1], activations: [.sigmoid, .sigmoid, .identity], loss: .halfSquaredError)),
    ]

    @Test("every partial from the reverse sweep is proved equal to diff", arguments: seedNetworks)
    func reverseEqualsForward(name: String, net: Network) throws {
        let reverse = try net.gradient()
        for (parameter, adjoint) in zip(net.parameters, reverse) {
            let forward = try net.loss.diff(parameter)
            let check = Expr.checkEquivalence(adjoint, forward)
            #expect(check.verdict == .proved, "\(name), ∂L/∂\(parameter): \(check.method) \(check.note ?? "")")
        }
    }

    @Test("the whole gradient stays within 4× the loss's distinct nodes", arguments: seedNetworks)
    func noSwell(name: String, net: Network) throws {
        let gradientNodes = Expr.postOrder(try net.gradient()).count
        #expect(gradientNodes <= 4 * net.loss.nodeCount, "\(name): \(gradientNodes) vs \(net.loss.nodeCount)")
    }
}
