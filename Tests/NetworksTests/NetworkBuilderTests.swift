import Testing
import SymDiff
@testable import Networks

@Suite("Building networks: names, order, shapes")
struct NetworkBuilderTests {
    @Test("parameters follow the documented order W row by row, then b, layer by layer")
    func parameterOrder() {
        let net = Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)
        #expect(net.parameters.map(\.description) ==
                ["W1_1_1", "W1_1_2", "W1_2_1", "W1_2_2", "b1_1", "b1_2", "W2_1_1", "W2_1_2", "b2_1"])
        #expect(net.inputs.map(\.description) == ["x1", "x2"])
        #expect(net.targets.map(\.description) == ["t1"])
        #expect(net.layerSizes == [2, 2, 1])
    }

    @Test("seed 000 appendix A: W1 is 2×3")
    func vectorCaseShapes() {
        let net = Network(layerSizes: [3, 2, 1], activations: [.sigmoid, .identity], loss: .halfSquaredError)
        #expect(net.layers[0].weights.count == 2)
        #expect(net.layers[0].weights.allSatisfy { $0.count == 3 })
        #expect(net.layers[0].weights[1][2].description == "W1_2_3")
        #expect(net.parameters.count == 2 * 3 + 2 + 2 + 1)
    }

    @Test("invalid configurations are explained", arguments: [
        ([2], [Activation](), "at least an input size and an output size"),
        ([2, 0, 1], [.relu, .sigmoid], "at least 1"),
        ([2, 2, 1], [.relu], "need 2 activations"),
        ([2, 2, 1], [.softmax, .sigmoid], "only allowed on the output layer"),
    ] as [([Int], [Activation], String)])
    func invalidConfigurations(sizes: [Int], activations: [Activation], message: String) {
        let problem = Network.problem(layerSizes: sizes, activations: activations, loss: .halfSquaredError)
        #expect(problem?.contains(message) == true, "\(problem ?? "nil")")
    }

    @Test("a single-unit network matches the seed network at the seed point")
    func singleUnitMatchesSeedNetwork() throws {
        let net = Network(layerSizes: [1, 1, 1], activations: [.sigmoid, .identity], loss: .halfSquaredError)
        let point: [String: Double] = ["x1": 5, "W1_1_1": 0.2, "b1_1": -1, "W2_1_1": 0.5, "b2_1": 0, "t1": 0.7]
        let values = try net.gradient().map { try $0.evaluate(at: point) }
        // Seed 000 §6.3: ∂L/∂(W1, b1, W2, b2) = (−0.28125, −0.05625, −0.225, −0.45).
        for (v, e) in zip(values, [-0.28125, -0.05625, -0.225, -0.45]) { #expect(Swift.abs(v - e) < 1e-12) }
    }
}
