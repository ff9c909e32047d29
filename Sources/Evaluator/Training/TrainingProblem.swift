import Networks
import SymDiff

/// What to train: a per-sample loss, the parameters to adjust, and the data
/// symbols it reads (features and targets, bound to data set columns of the
/// same names). Optionally the model's prediction and its target, for the
/// tolerance rate.
///
/// ```swift
/// let net = Network(layerSizes: [2, 10, 1], activations: [.sigmoid, .identity], loss: .meanSquaredError)
/// let problem = TrainingProblem(network: net)
/// ```
public struct TrainingProblem: Sendable {
    /// The loss of one sample.
    public let loss: Expr
    /// The symbols gradient descent adjusts.
    public let parameters: [Expr]
    /// The per-sample symbols, read from data set columns of the same names.
    public let inputs: [Expr]
    /// The model's output for one sample, for the tolerance rate.
    public let prediction: Expr?
    /// The symbol holding the prediction's target.
    public let target: Expr?

    public init(loss: Expr, parameters: [Expr], inputs: [Expr], prediction: Expr? = nil, target: Expr? = nil) {
        self.loss = loss
        self.parameters = parameters
        self.inputs = inputs
        self.prediction = prediction
        self.target = target
    }

    /// A `Networks.Network` with one output: its loss, its parameters in the
    /// documented order, its inputs and target as data columns.
    public init(network: Network) {
        self.init(loss: network.loss, parameters: network.parameters, inputs: network.inputs + network.targets,
                  prediction: network.outputs.first, target: network.targets.first)
    }

    /// Parameter names, in order.
    public var parameterNames: [String] { parameters.map { $0.symbolName ?? $0.description } }
}

/// Training stopped because it cannot go on: it diverged, or the data does
/// not fit the problem.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Values became infinite or NaN; names the epoch, the step within it and
    /// the first parameter (in parameter order) that is not finite, or the
    /// output that overflowed before any parameter did (`note` then says how
    /// large the parameters have grown).
    case diverged(epoch: Int, step: Int, what: String, value: Double, learningRate: Double, note: String)
    /// The data set lacks a column the problem reads, or the sizes do not fit.
    case invalidSetup(String)

    public var description: String {
        switch self {
        case .diverged(let epoch, let step, let what, let value, let learningRate, let note):
            return "training diverged in epoch \(epoch), step \(step): \(what) became \(NumberStyle.full.string(value))"
                + (note.isEmpty ? "" : " (\(note))")
                + ". The learning rate \(NumberStyle.full.string(learningRate)) is too large for this problem; try a smaller --lr."
        case .invalidSetup(let message):
            return message
        }
    }
}
