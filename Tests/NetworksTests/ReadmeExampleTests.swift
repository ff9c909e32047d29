import Testing
import SymDiff
import Networks

/// The README's `networks` section example, verbatim, with its comments checked.
@Suite("README example")
struct ReadmeExampleTests {
    @Test("build a network, ask for its gradients, verify them")
    func readmeExample() throws {
        // Seed 002's network: 2 inputs, 2 ReLU units, 1 sigmoid output, binary cross-entropy.
        let net = Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)
        let gradient = try net.gradient()             // ∂L/∂θ for θ in net.parameters, by reverse mode
        let point: [String: Double] = ["x1": 1, "x2": 2, "t1": 1,
                                       "W1_1_1": 0.5, "W1_1_2": 0.3, "W1_2_1": 0.2, "W1_2_2": 0.4, "b1_1": 0.1, "b1_2": 0.2,
                                       "W2_1_1": 0.6, "W2_1_2": 0.7, "b2_1": 0.3]
        let dW1_1_1 = try gradient[0].evaluate(at: point)   // -0.0808218... (seed 002, exercise 1)

        // Backpropagation (delta) form, and a proof that it is the same gradient.
        let bp = try net.backpropagation()
        print(bp.deltas[1][0].definition)             // a2_1 - t1
        print(bp.gradient[0])                         // delta1_1*x1
        let proved = try ChainRuleCheck.backpropagation(net).allSatisfy(\.holds)   // true

        // Seed 000's network with named stages.
        let seed = ThreeLayerNetwork()
        print(try seed.backprop(seed.W1))             // W2*a1*x*(1 - a1)*(y - target)
        let seedProved = try ChainRuleCheck.chainRule(seed).allSatisfy(\.holds)    // true

        // The comments above, checked. Seed 002 exercise 1 (numpy): −0.08082183.
        #expect(Swift.abs(dW1_1_1 - -0.08082183) < 5e-9)
        #expect(bp.deltas[1][0].definition.description == "a2_1 - t1")
        #expect(bp.gradient[0].description == "delta1_1*x1")
        #expect(proved)
        #expect(try seed.backprop(seed.W1).description == "W2*a1*x*(1 - a1)*(y - target)")
        #expect(seedProved)
    }
}
