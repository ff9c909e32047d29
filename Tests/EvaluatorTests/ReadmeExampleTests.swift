import Foundation
import Networks
import SymDiff
import Testing
@testable import Evaluator

/// The README's `evaluator` section example, verbatim, with its comments checked.
@Suite("README example")
struct ReadmeExampleTests {
    @Test("compile a loss and its gradients, run one sample and a batch, train the circles")
    func readmeExample() throws {
        // Seed 000 appendix D's network: 2 inputs, 10 sigmoid units, 1 linear output, MSE.
        let net = Network(layerSizes: [2, 10, 1], activations: [.sigmoid, .identity], loss: .meanSquaredError)

        // The loss and its 41 gradients lowered together: at most one instruction per distinct
        // node (174), so the forward pass they share is computed once; the output error, which
        // canonical form spells as 12 doubled terms, is 2 times the output's sum.
        let program = try Program(computing: [net.loss] + (try net.gradient()),
                                  parameters: net.parameters, inputs: net.inputs + net.targets)
        print(program.count)                                    // 162

        // One sample at a time, or a batch of columns (each output summed over the batch).
        let parameters = (0..<41).map { Double($0 % 7) / 10 - 0.3 }
        let one = try CompiledFunction(program)(parameters: parameters, inputs: [0.5, -0.5, 2])
        let batch = BatchedFunction(program)
        try batch.run(parameters: parameters, inputs: [[0.5, 1], [-0.5, 0], [2, -2]], range: 0..<2)
        print(one[0], batch.sums[0])                            // the loss at sample 0; its sum over both

        // Training: the seeds' runs are ready-made (worked, batch, circles, linear, logistic, relu).
        let example = TrainingExample.circles(seed: 42)
        let trainer = try example.makeTrainer()
        let history = try trainer.train(epochs: 100, learningRate: 0.1, batchSize: 32)
        print(history.last!.loss, history.last!.toleranceRate!) // 0.202485... 0.7944...

        // The comments above, checked against independent sources.
        #expect(Expr.postOrder([net.loss] + (try net.gradient())).count == 174)   // distinct nodes
        // 174 − the 12 doubled terms − the constant −2 only they read + the constant 2 of 2·(y − t).
        #expect(program.count == 162)
        var point = Dictionary(uniqueKeysWithValues: zip(net.parameters.map { $0.symbolName! }, parameters))
        point["x1"] = 0.5; point["x2"] = -0.5; point["t1"] = 2
        let loss0 = try net.loss.evaluate(at: point)
        #expect(Swift.abs(one[0] - loss0) <= 1e-15 * loss0)
        point["x1"] = 1; point["x2"] = 0; point["t1"] = -2
        #expect(Swift.abs(batch.sums[0] - (loss0 + (try net.loss.evaluate(at: point)))) <= 1e-13)
        // The hand-written baseline from the same data and start.
        let baseline = HandWrittenMLP(layerSizes: [2, 10, 1], halfSquaredError: false)
        var reference = example.initialParameters
        let features = HandWrittenMLP.rows([try example.data.column("x1"), try example.data.column("x2")])
        let expected = baseline.train(parameters: &reference, features: features, targets: try example.data.column("t1"),
                                      epochs: 100, learningRate: 0.1, batchSize: 32).last!
        #expect(Swift.abs(history.last!.loss - expected.loss) <= 1e-9)
        #expect(Swift.abs(expected.loss - 0.202485) < 5e-7 && Swift.abs(expected.toleranceRate - 0.7944) < 5e-5)
    }
}
