import Foundation
import Networks
import SymDiff

/// The seeds' training runs, ready to train: problem, data, initial values
/// and the hyperparameters the seeds use.
///
/// | name       | source                  | what                                                              |
/// |------------|-------------------------|-------------------------------------------------------------------|
/// | `worked`   | seed 000 §6.3           | the three-layer network, two examples one at a time (SGD)        |
/// | `batch`    | seed 000 appendix B     | the same two examples as one mini-batch (averaged gradient)       |
/// | `circles`  | seed 000 appendix D     | 2-10-1 sigmoid network on 1,000 noisy circle points, MSE, batch 32 |
/// | `linear`   | seed 004                | 2-2-2-1 network learning t = 2·x1 + 3·x2 + 10                     |
/// | `logistic` | seed 002 §2–3           | logistic regression with BCE, full-batch gradient descent         |
/// | `relu`     | seed 002 §4–5           | the 2-2-1 ReLU/sigmoid network with BCE, per-sample SGD           |
///
/// ```swift
/// let example = TrainingExample.named("circles", seed: 42)!
/// let trainer = try example.makeTrainer()
/// let history = try trainer.train(epochs: example.epochs, learningRate: example.learningRate, batchSize: example.batchSize)
/// ```
public struct TrainingExample: Sendable {
    public let name: String
    /// One line describing the run.
    public let summary: String
    /// Where it comes from.
    public let source: String
    public let problem: TrainingProblem
    public let data: Dataset
    public let initialParameters: [Double]
    public let epochs: Int
    public let learningRate: Double
    public let batchSize: Int
    /// Half-width of the tolerance band for the tolerance rate.
    public let tolerance: Double
    /// How often (in epochs) to print a progress line when not on a terminal.
    public let reportEvery: Int

    /// A run of your own: `symdiff train --data` builds one from a CSV file.
    ///
    /// ```swift
    /// let run = TrainingExample(name: "circles.csv", summary: "2-10-1 network", source: "--data circles.csv",
    ///                           problem: TrainingProblem(network: net), data: data,
    ///                           initialParameters: TrainingExample.linearLayerInitialisation(net, seed: 43),
    ///                           epochs: 100, learningRate: 0.1, batchSize: 32, tolerance: 0.5, reportEvery: 10)
    /// ```
    public init(name: String, summary: String, source: String, problem: TrainingProblem, data: Dataset,
                initialParameters: [Double], epochs: Int, learningRate: Double, batchSize: Int,
                tolerance: Double, reportEvery: Int) {
        self.name = name
        self.summary = summary
        self.source = source
        self.problem = problem
        self.data = data
        self.initialParameters = initialParameters
        self.epochs = epochs
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.tolerance = tolerance
        self.reportEvery = reportEvery
    }

    /// The example names, in the order help lists them.
    public static let names = ["worked", "batch", "circles", "linear", "logistic", "relu"]

    /// The example called `name`, with data and random initial values drawn from `seed`.
    public static func named(_ name: String, seed: UInt64 = 42) -> TrainingExample? {
        switch name {
        case "worked": return worked()
        case "batch": return batch()
        case "circles": return circles(seed: seed)
        case "linear": return linear(seed: seed)
        case "logistic": return logistic(seed: seed)
        case "relu": return relu(seed: seed)
        default: return nil
        }
    }

    /// A trainer at the initial parameters.
    public func makeTrainer() throws -> Trainer {
        try Trainer(problem, data: data, parameters: initialParameters)
    }

    // MARK: - Seed 000

    /// Seed 000 §6.3: f(x) = W2·σ(W1·x + b1) + b2, L = ½(f(x) − target)²,
    /// examples (5, 0.7) and (3, 0.3) one at a time, α = 0.1, starting at
    /// W1 = 0.2, W2 = 0.5, b1 = −1, b2 = 0. Parameters in the order W1, W2, b1, b2.
    public static func worked() -> TrainingExample {
        let net = ThreeLayerNetwork()
        return TrainingExample(
            name: "worked", summary: "seed 000's three-layer network, two examples one at a time (plain SGD)",
            source: "seed 000 section 6.3",
            problem: TrainingProblem(loss: net.loss, parameters: net.parameters, inputs: [net.x, net.target],
                                     prediction: net.output, target: net.target),
            data: try! Dataset(columns: [("x", [5, 3]), ("target", [0.7, 0.3])]),
            initialParameters: [0.2, 0.5, -1, 0], epochs: 1, learningRate: 0.1, batchSize: 1,
            tolerance: 0.5, reportEvery: 1)
    }

    /// Seed 000 appendix B: the same two examples as one batch, one step along
    /// the averaged gradient.
    public static func batch() -> TrainingExample {
        let w = worked()
        return TrainingExample(
            name: "batch", summary: "seed 000's two examples as one mini-batch (averaged gradient)",
            source: "seed 000 appendix B", problem: w.problem, data: w.data, initialParameters: w.initialParameters,
            epochs: 1, learningRate: 0.1, batchSize: 2, tolerance: 0.5, reportEvery: 1)
    }

    /// Seed 000 appendix D without PyTorch: make_circles-style data (1,000
    /// points, noise 0.1, factor 0.3, targets ±2), the 2-10-1 sigmoid network,
    /// MSE (PyTorch's `MSELoss`, no ½), SGD with α = 0.1 on batches of 32,
    /// 1,000 epochs, initial values uniform in ±1/√fan-in as `nn.Linear` draws them.
    public static func circles(seed: UInt64) -> TrainingExample {
        let net = Network(layerSizes: [2, 10, 1], activations: [.sigmoid, .identity], loss: .meanSquaredError)
        return TrainingExample(
            name: "circles", summary: "2-10-1 sigmoid network on 1,000 noisy circle points (MSE, batch 32)",
            source: "seed 000 appendix D", problem: TrainingProblem(network: net),
            data: .circles(count: 1000, noise: 0.1, factor: 0.3, seed: seed),
            initialParameters: linearLayerInitialisation(net, seed: seed &+ 1),
            epochs: 1000, learningRate: 0.1, batchSize: 32, tolerance: 0.5, reportEvery: 100)
    }

    // MARK: - Seed 004

    /// Seed 004: a 2-2-2-1 network (sigmoid hidden layers, linear output,
    /// ½-squared error) learning t = 2·x1 + 3·x2 + 10 from 200 points in [0, 1]².
    public static func linear(seed: UInt64) -> TrainingExample {
        let net = Network(layerSizes: [2, 2, 2, 1], activations: [.sigmoid, .sigmoid, .identity], loss: .halfSquaredError)
        return TrainingExample(
            name: "linear", summary: "2-2-2-1 network learning t = 2*x1 + 3*x2 + 10 (half squared error, batch 10)",
            source: "seed 004", problem: TrainingProblem(network: net), data: .linear(count: 200, seed: seed),
            initialParameters: linearLayerInitialisation(net, seed: seed &+ 1),
            epochs: 500, learningRate: 0.1, batchSize: 10, tolerance: 0.5, reportEvery: 50)
    }

    // MARK: - Seed 002

    /// Seed 002 §2–3: logistic regression ŷ = σ(w1·x1 + w2·x2 + b) with binary
    /// cross-entropy, full-batch gradient descent on 200 points of two
    /// Gaussian clouds; weights start at 0.01·N(0, 1), the bias at 0. The
    /// tolerance rate with tolerance 0.5 is the accuracy.
    public static func logistic(seed: UInt64) -> TrainingExample {
        let net = Network(layerSizes: [2, 1], activations: [.sigmoid], loss: .binaryCrossEntropy)
        let initial = smallWeights(for: net, seed: seed)
        return TrainingExample(
            name: "logistic", summary: "logistic regression with binary cross-entropy (full-batch gradient descent)",
            source: "seed 002 sections 2-3", problem: TrainingProblem(network: net), data: .blobs(count: 200, seed: seed),
            initialParameters: initial, epochs: 1000, learningRate: 0.1, batchSize: 200, tolerance: 0.5, reportEvery: 100)
    }

    /// Seed 002 §4–5: the 2-2-1 network (ReLU hidden layer, sigmoid output,
    /// binary cross-entropy), per-sample SGD as its `train_nn` runs it, on the
    /// same two clouds; weights start at 0.01·N(0, 1), biases at 0.
    public static func relu(seed: UInt64) -> TrainingExample {
        let net = Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)
        let initial = smallWeights(for: net, seed: seed)
        return TrainingExample(
            name: "relu", summary: "2-2-1 ReLU/sigmoid network with binary cross-entropy (per-sample SGD)",
            source: "seed 002 sections 4-5", problem: TrainingProblem(network: net), data: .blobs(count: 200, seed: seed),
            initialParameters: initial, epochs: 100, learningRate: 0.01, batchSize: 1, tolerance: 0.5, reportEvery: 10)
    }

    /// Seed 002's start: weights 0.01·N(0, 1), biases 0.
    private static func smallWeights(for net: Network, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed &+ 1)
        return net.parameters.map { $0.symbolName!.hasPrefix("W") ? 0.01 * rng.nextGaussian() : 0 }
    }

    /// PyTorch's default for `nn.Linear`: weights and biases uniform in
    /// ±1/√(inputs of the layer).
    public static func linearLayerInitialisation(_ network: Network, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return network.layers.flatMap { layer -> [Double] in
            let bound = 1 / Double(layer.inputSize).squareRoot()
            return layer.parameters.map { _ in rng.nextUniform(in: -bound...bound) }
        }
    }
}
