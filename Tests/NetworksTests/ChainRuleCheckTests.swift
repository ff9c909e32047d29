import Testing
import SymDiff
@testable import Networks

@Suite("Verifying the chain rule and the seeds' identities")
struct ChainRuleCheckTests {
    @Test("seed 000 C.4: the chain-rule product equals diff for every parameter, for each activation",
          arguments: [Activation.sigmoid, .tanh, .relu, .leakyRelu(slope: 0.1)])
    func seedChainRule(activation: Activation) throws {
        let net = ThreeLayerNetwork(activation: activation)
        let checks = try ChainRuleCheck.chainRule(net)
        #expect(checks.map(\.name) == ["dL/dW1", "dL/dW2", "dL/db1", "dL/db2"])
        for check in checks { #expect(check.holds, "\(check.name): \(check.result.method)") }
    }

    @Test("the factors are diff with respect to each stage (seed 000 C.4)")
    func seedFactors() throws {
        let net = ThreeLayerNetwork()
        let factors = try net.chainRuleFactors(net.W1)
        #expect(factors.map(\.label) == ["∂L/∂y", "∂y/∂a1", "∂a1/∂z1", "∂z1/∂W1"])
        // Seed 000 §5.3: ∂L/∂y = y − target, ∂y/∂a1 = W2, ∂a1/∂z1 = a1(1 − a1), ∂z1/∂W1 = x.
        #expect(factors.map(\.staged) == [net.y - net.target, net.W2, net.a1 * (1 - net.a1), net.x])
        #expect(factors[2].expanded == sigmoid(net.W1 * net.x + net.b1) * (1 - sigmoid(net.W1 * net.x + net.b1)))
    }

    @Test("a wrong manual factor is refuted, with the point where it fails")
    func wrongFactorFails() throws {
        let net = ThreeLayerNetwork()
        var factors = try net.chainRuleFactors(net.W1)
        // The classic slip: σ'(z1) written as σ(z1), dropping (1 − a1).
        factors[2] = ChainFactor(label: "∂a1/∂z1", staged: net.a1, expanded: sigmoid(net.W1 * net.x + net.b1))
        let check = ChainRuleCheck(name: "dL/dW1", factors: factors, direct: try net.derivative(net.W1))
        #expect(!check.holds)
        #expect(check.result.verdict == .refuted)
        let counterexample = try #require(check.result.counterexample)
        // The reported point really separates the two sides.
        let point = counterexample.pointDictionary
        let manual = try check.manual.evaluate(at: point), direct = try check.direct.evaluate(at: point)
        #expect(Swift.abs(manual - direct) > 1e-9 * Swift.max(1, Swift.abs(direct)))
    }

    @Test("the seeds' derivative identities are all proved")
    func identities() {
        let checks = ChainRuleCheck.identities()
        #expect(checks.count == 8)
        for check in checks { #expect(check.holds, "\(check.name): \(check.result.method) \(check.result.note ?? "")") }
    }

    @Test("softmax + CE without the one-hot constraint is not ŷ − y")
    func softmaxNeedsOneHot() throws {
        // With free y1, y2, y3, ∂L/∂z1 = ŷ1·(y1 + y2 + y3) − y1, so ŷ1 − y1 must be refuted.
        let z = Expr.symbols("z1 z2 z3"), y = Expr.symbols("y1 y2 y3")
        let p = Activation.softmax.apply(z)
        let loss = Loss.categoricalCrossEntropy.apply(outputs: p, targets: y)
        let check = ChainRuleCheck(name: "free targets", factors: [], manual: p[0] - y[0], direct: try loss.diff(z[0]))
        #expect(check.result.verdict == .refuted)
    }

    @Test("delta form equals the reverse-mode gradient, proved, on the seeds' networks", arguments: [
        ([3, 2, 1], [Activation.sigmoid, .identity], Loss.halfSquaredError),        // seed 000 appendix A
        ([2, 2, 1], [.relu, .sigmoid], .binaryCrossEntropy),                        // seed 002 §4
        ([2, 3, 3], [.tanh, .softmax], .categoricalCrossEntropy),                   // seed 003
        ([2, 2, 2, 1], [.sigmoid, .sigmoid, .identity], .halfSquaredError),         // seed 004
        ([2, 2, 1], [.leakyRelu(slope: 0.01), .identity], .meanSquaredError),
    ] as [([Int], [Activation], Loss)])
    func deltaFormProved(sizes: [Int], activations: [Activation], loss: Loss) throws {
        let net = Network(layerSizes: sizes, activations: activations, loss: loss)
        let checks = try ChainRuleCheck.backpropagation(net)
        #expect(checks.count == net.parameters.count)
        for check in checks { #expect(check.holds, "\(check.name): \(check.result.method) \(check.result.note ?? "")") }
    }

    @Test("proof with activations as atoms falls back to the full expressions when it cannot decide")
    func decideFallsBack() throws {
        let z = Expr.symbol("z")
        // As atoms, s(1 − s) and e^(−z)/(1 + e^(−z))² are unrelated; on the full expressions they are equal.
        let equal = ChainRuleCheck.decide(sigmoid(z) * (1 - sigmoid(z)), exp(-z) / (1 + exp(-z)) ** 2, options: .init())
        #expect(equal.verdict == .proved)
        #expect(!equal.method.contains("atoms"))
        // A wrong one is refuted at a point in the original symbols, not in the atoms.
        let wrong = ChainRuleCheck.decide(sigmoid(z), exp(-z) / (1 + exp(-z)) ** 2, options: .init())
        #expect(wrong.verdict == .refuted)
        #expect(wrong.counterexample?.point.map(\.name) == ["z"])
    }

    @Test("a wider and deeper network (3-6-6-2, relu, tanh, softmax) is proved with activations as atoms")
    func deeperNetwork() throws {
        let net = Network(layerSizes: [3, 6, 6, 2], activations: [.relu, .tanh, .softmax], loss: .categoricalCrossEntropy)
        let checks = try ChainRuleCheck.backpropagation(net)
        #expect(checks.count == 3 * 6 + 6 + 6 * 6 + 6 + 6 * 2 + 2)
        for check in checks { #expect(check.holds && check.result.method.hasSuffix("activations as atoms"), "\(check.name)") }
    }
}
