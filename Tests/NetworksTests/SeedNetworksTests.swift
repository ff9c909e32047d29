import Testing
import SymDiff
@testable import Networks

/// The networks the seeds build, with gradients checked against SymPy
/// (`diff` of the same network written with `1/(1 + exp(-z))`, `tanh`, `Max`,
/// `exp(z_k)/Σ exp(z_j)`, evaluated at the same point).
@Suite("The seeds' networks: gradients at a point")
struct SeedNetworksTests {
    /// Checks every parameter's gradient (reverse mode) and its delta form against `expected`.
    func expectGradients(_ net: Network, at point: [String: Double], loss expectedLoss: Double,
                         _ expected: [(String, Double)], tolerance: Double = 1e-12) throws {
        #expect(Swift.abs(try net.loss.evaluate(at: point) - expectedLoss) < tolerance)
        let direct = try net.gradient()
        let bp = try net.backpropagation()
        #expect(net.parameters.map(\.description) == expected.map(\.0))
        for (i, (name, value)) in expected.enumerated() {
            let d = try direct[i].evaluate(at: point)
            let b = try bp.expand(bp.gradient[i]).evaluate(at: point)
            #expect(Swift.abs(d - value) < tolerance, "∂L/∂\(name): \(d) vs \(value)")
            #expect(Swift.abs(b - value) < tolerance, "delta form ∂L/∂\(name): \(b) vs \(value)")
        }
    }

    @Test("seed 002 exercise 1: 2-2-1, ReLU hidden, sigmoid output, BCE")
    func seed002ExerciseOne() throws {
        let net = Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)
        // Seed 002 §7.1: x = [1, 2], y = 1, W1 = [[0.5, 0.3], [0.2, 0.4]], b1 = [0.1, 0.2], w = [0.6, 0.7], b = 0.3.
        let point: [String: Double] = ["x1": 1, "x2": 2, "t1": 1, "W1_1_1": 0.5, "W1_1_2": 0.3, "W1_2_1": 0.2, "W1_2_2": 0.4,
                                       "b1_1": 0.1, "b1_2": 0.2, "W2_1_1": 0.6, "W2_1_2": 0.7, "b2_1": 0.3]
        let gradient = try net.gradient().map { try $0.evaluate(at: point) }
        // The figures (6 decimals): ∂L/∂W1 = [[−0.080822, −0.161644], [−0.094292, −0.188584]], ∂L/∂b = −0.134703.
        let rounded = gradient.map { ($0 * 1e6).rounded() / 1e6 }
        #expect(Array(rounded[0..<4]) == [-0.080822, -0.161644, -0.094292, -0.188584])
        #expect(rounded[8] == -0.134703)
        // numpy, seed 002 listing 7 (gradients()): full precision, and L = 0.14468253842065198.
        try expectGradients(net, at: point, loss: 0.14468253842065198, [
            ("W1_1_1", -0.08082183), ("W1_1_2", -0.16164366), ("W1_2_1", -0.09429214), ("W1_2_2", -0.18858427),
            ("b1_1", -0.08082183), ("b1_2", -0.09429214), ("W2_1_1", -0.16164366), ("W2_1_2", -0.16164366),
            ("b2_1", -0.13470305195202814),
        ], tolerance: 5e-9)
    }

    @Test("seed 000 appendix A: 3 inputs, W1 ∈ R^{2×3}, sigmoid hidden, linear output")
    func seed000VectorCase() throws {
        let net = Network(layerSizes: [3, 2, 1], activations: [.sigmoid, .identity], loss: .halfSquaredError)
        let point: [String: Double] = ["x1": 1, "x2": 2, "x3": 3, "W1_1_1": 0.1, "W1_1_2": 0.2, "W1_1_3": 0.3,
                                       "W1_2_1": -0.1, "W1_2_2": 0.4, "W1_2_3": 0.2, "b1_1": 0.1, "b1_2": -0.2,
                                       "W2_1_1": 0.5, "W2_1_2": -0.3, "b2_1": 0.1, "t1": 0.7]
        // SymPy: diff of ½(W2·σ(W1·x + b1) + b2 − t)² at this point.
        try expectGradients(net, at: point, loss: 0.08664901241044638, [
            ("W1_1_1", -0.031044147446127924), ("W1_1_2", -0.06208829489225585), ("W1_1_3", -0.09313244233838378),
            ("W1_2_1", 0.023400106755044222), ("W1_2_2", 0.046800213510088444), ("W1_2_3", 0.07020032026513268),
            ("b1_1", -0.031044147446127924), ("b1_2", 0.023400106755044222),
            ("W2_1_1", -0.3403487275068056), ("W2_1_2", -0.31232637475089164), ("b2_1", -0.41629079358171345),
        ])
    }

    @Test("seed 003: tanh hidden layer, softmax output, cross-entropy over 3 classes")
    func seed003SoftmaxClassifier() throws {
        let net = Network(layerSizes: [2, 3, 3], activations: [.tanh, .softmax], loss: .categoricalCrossEntropy)
        let point: [String: Double] = [
            "x1": 0.5, "x2": -1, "W1_1_1": 0.2, "W1_1_2": -0.4, "W1_2_1": 0.3, "W1_2_2": 0.1, "W1_3_1": -0.5, "W1_3_2": 0.6,
            "b1_1": 0.1, "b1_2": 0, "b1_3": -0.1, "W2_1_1": 0.3, "W2_1_2": -0.2, "W2_1_3": 0.4, "W2_2_1": 0.1, "W2_2_2": 0.5,
            "W2_2_3": -0.3, "W2_3_1": -0.4, "W2_3_2": 0.2, "W2_3_3": 0.1, "b2_1": 0, "b2_2": 0.1, "b2_3": -0.1,
            "t1": 0, "t2": 1, "t3": 0,
        ]
        // SymPy: diff of −Σ t_k log softmax_k(W2·tanh(W1·x + b1) + b2) at this point.
        try expectGradients(net, at: point, loss: 0.712103401202522, [
            ("W1_1_1", -0.01979683042982381), ("W1_1_2", 0.03959366085964762), ("W1_2_1", -0.13294777921712655),
            ("W1_2_2", 0.2658955584342531), ("W1_3_1", 0.06543260578642351), ("W1_3_2", -0.13086521157284703),
            ("b1_1", -0.03959366085964762), ("b1_2", -0.2658955584342531), ("b1_3", 0.13086521157284703),
            ("W2_1_1", 0.152715682391882), ("W2_1_2", 0.014206188388771307), ("W2_1_3", -0.21036507696815904),
            ("W2_2_1", -0.2735670563355683), ("W2_2_2", -0.02544823870342269), ("W2_2_3", 0.3768372308634868),
            ("W2_3_1", 0.12085137394368639), ("W2_3_2", 0.011242050314651378), ("W2_3_3", -0.16647215389532766),
            ("b2_1", 0.2843604981296646), ("b2_2", -0.5093888407074523), ("b2_3", 0.22502834257778762),
        ])
    }

    @Test("seed 004: the 2-2-2-1 network learning 2·x1 + 3·x2 + 10")
    func seed004TwoHiddenLayers() throws {
        let net = Network(layerSizes: [2, 2, 2, 1], activations: [.sigmoid, .sigmoid, .identity], loss: .halfSquaredError)
        let point: [String: Double] = [
            "x1": 1, "x2": 2, "W1_1_1": 0.1, "W1_1_2": 0.2, "W1_2_1": 0.3, "W1_2_2": 0.4, "b1_1": 0.5, "b1_2": 0.5,
            "W2_1_1": 0.6, "W2_1_2": 0.7, "W2_2_1": 0.8, "W2_2_2": 0.9, "b2_1": 0.5, "b2_2": 0.5,
            "W3_1_1": 1.0, "W3_1_2": 1.1, "b3_1": 0.5, "t1": 18,   // target 2·1 + 3·2 + 10
        ]
        // SymPy: diff of ½(y_pred − y_true)² for seed 004's network at this point.
        try expectGradients(net, at: point, loss: 123.73044889901111, [
            ("W1_1_1", -0.5964591543844852), ("W1_1_2", -1.1929183087689703), ("W1_2_1", -0.48508808988764185),
            ("W1_2_2", -0.9701761797752837), ("b1_1", -0.5964591543844852), ("b1_2", -0.48508808988764185),
            ("W2_1_1", -1.6923255372801822), ("W2_1_2", -1.9260371217959298), ("W2_2_1", -1.503009890997213),
            ("W2_2_2", -1.7105768250354147), ("b2_1", -2.314897310214976), ("b2_2", -2.055936329772418),
            ("W3_1_1", -12.910227383164592), ("W3_1_2", -13.563134988322023), ("b3_1", -15.730889923905202),
        ], tolerance: 1e-10)
    }
}
