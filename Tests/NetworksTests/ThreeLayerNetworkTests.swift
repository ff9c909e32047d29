import Testing
import SymDiff
@testable import Networks

@Suite("The seed network f(x) = W2·σ(W1·x + b1) + b2")
struct ThreeLayerNetworkTests {
    let net = ThreeLayerNetwork()

    @Test("loss at the seed point is 0.10125 (seed 000 §6.3)")
    func lossAtSeedPoint() throws {
        // Seed 000 §6.3: L1 = ½(0.25 − 0.7)² = 0.10125.
        #expect(Swift.abs(try net.loss.evaluate(at: ThreeLayerNetwork.seedPoint) - 0.10125) < 1e-12)
    }

    @Test("gradients at the seed point match seed 000 §6.3", arguments: [
        // Seed 000 §6.3 example 1 (backward): ∂L/∂W1 = −0.28125, ∂L/∂W2 = −0.225, ∂L/∂b1 = −0.05625, ∂L/∂b2 = −0.45.
        ("W1", -0.28125), ("W2", -0.225), ("b1", -0.05625), ("b2", -0.45),
    ])
    func gradientsAtSeedPoint(name: String, expected: Double) throws {
        let p = Expr.symbol(name)
        let direct = try net.derivative(p).evaluate(at: ThreeLayerNetwork.seedPoint)
        #expect(Swift.abs(direct - expected) < 1e-12)
        // Backprop form: the stages evaluated at the same point give the same number.
        let backprop = try net.stages.expand(net.backprop(p)).evaluate(at: ThreeLayerNetwork.seedPoint)
        #expect(Swift.abs(backprop - expected) < 1e-12)
    }

    @Test("reverse-mode gradient lists W1, W2, b1, b2 in order")
    func gradientOrder() throws {
        let values = try net.gradient().map { try $0.evaluate(at: ThreeLayerNetwork.seedPoint) }
        // Seed 000 appendix B: (−0.2813, −0.2250, −0.0563, −0.4500) at the initial point.
        let expected = [-0.28125, -0.225, -0.05625, -0.45]
        for (v, e) in zip(values, expected) { #expect(Swift.abs(v - e) < 1e-12) }
    }

    @Test("backprop form reads like seed 000 §5.3")
    func backpropForm() throws {
        let (y, a1, target, W2, x) = (net.y, net.a1, net.target, net.W2, net.x)
        // Seed 000 §5.3: ∂L/∂W2 = ∂L/∂y·a1, ∂L/∂W1 = ∂L/∂y·W2·a1(1 − a1)·x, ∂L/∂b2 = ∂L/∂y.
        #expect(try net.backprop(net.W2) == (y - target) * a1)
        #expect(try net.backprop(net.W1) == (y - target) * W2 * a1 * (1 - a1) * x)
        #expect(try net.backprop(net.b1) == (y - target) * W2 * a1 * (1 - a1))
        #expect(try net.backprop(net.b2) == y - target)
    }

    @Test("example 2 at the initial point matches seed 000 appendix B")
    func exampleTwo() throws {
        // Seed 000 appendix B: example 2 (x = 3, target = 0.3) at the initial point ≈ (−0.0358, −0.0399, −0.0119, −0.0993).
        var point = ThreeLayerNetwork.seedPoint
        point["x"] = 3
        point["target"] = 0.3
        let values = try net.gradient().map { try $0.evaluate(at: point) }
        for (v, e) in zip(values, [-0.0358, -0.0399, -0.0119, -0.0993]) { #expect(Swift.abs(v - e) < 5e-5) }
    }
}
