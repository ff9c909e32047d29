import Testing
import SymDiff
@testable import Networks

@Suite("Backpropagation in delta form (seed 003 §5)")
struct BackpropagationTests {
    @Test("seed 002: δ at the output is ŷ − y, hidden deltas go through ReLU' = heaviside")
    func seed002Deltas() throws {
        let net = Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)
        let bp = try net.backpropagation()
        let s = { Expr.symbol($0) }
        // Seed 002 eqs. 65–71: ∂L/∂z = ŷ − y; ∂L/∂a^(1) = (ŷ − y)·w ⊙ g'(a^(1)).
        #expect(bp.deltas[1].map(\.definition) == [s("a2_1") - s("t1")])
        #expect(bp.deltas[0].map(\.definition) == [
            s("W2_1_1") * s("delta2_1") * heaviside(s("z1_1")),
            s("W2_1_2") * s("delta2_1") * heaviside(s("z1_2")),
        ])
        // ∂L/∂W1 = δ^(1) xᵀ, ∂L/∂w = δ^(2) h^(1), in parameter order.
        #expect(bp.gradientFactors.map { $0.map(\.description) } == [
            ["delta1_1", "x1"], ["delta1_1", "x2"], ["delta1_2", "x1"], ["delta1_2", "x2"], ["delta1_1"], ["delta1_2"],
            ["delta2_1", "a1_1"], ["delta2_1", "a1_2"], ["delta2_1"],
        ])
    }

    @Test("seed 003: softmax + cross-entropy output delta is ŷ_k·Σy − y_k (ŷ_k − y_k for one-hot y)")
    func softmaxDelta() throws {
        let net = Network(layerSizes: [2, 3], activations: [.softmax], loss: .categoricalCrossEntropy)
        let bp = try net.backpropagation()
        let t = net.targets
        let a = Expr.symbols("a1_1 a1_2 a1_3")
        #expect(bp.deltas[0].map(\.definition) == (0..<3).map { a[$0] * Expr.add(t) - t[$0] })
        // With one-hot targets it is ŷ − y: substitute t = (0, 1, 0).
        let oneHot: [Expr: Expr] = [t[0]: 0, t[1]: 1, t[2]: 0]
        #expect(bp.deltas[0][1].definition.substituting(oneHot) == a[1] - 1)
    }

    @Test("hidden deltas use the stored activations: σ' = a(1 − a), tanh' = 1 − a²")
    func hiddenDeltaDerivatives() throws {
        let sig = try Network(layerSizes: [1, 1, 1], activations: [.sigmoid, .identity], loss: .halfSquaredError).backpropagation()
        let (a, w, d) = (Expr.symbol("a1_1"), Expr.symbol("W2_1_1"), Expr.symbol("delta2_1"))
        #expect(sig.deltas[0][0].definition == w * d * a * (1 - a))
        let th = try Network(layerSizes: [1, 1, 1], activations: [.tanh, .identity], loss: .halfSquaredError).backpropagation()
        #expect(th.deltas[0][0].definition == w * d * (1 - a ** 2))
    }

    @Test("stages expand to the network's own expressions")
    func stagesExpand() throws {
        let net = Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)
        let bp = try net.backpropagation()
        #expect(bp.stages.map(\.name) == ["z1_1", "z1_2", "a1_1", "a1_2", "z2_1", "a2_1"])
        #expect(bp.expand(Expr.symbol("a2_1")) == net.outputs[0])
        #expect(bp.expand(bp.stagedLoss) == net.loss)
    }
}
