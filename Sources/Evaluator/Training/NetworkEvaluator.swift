import Networks
import SymDiff

/// A network's predictions, and its loss when the targets are known, on a
/// whole data set at given parameter values: the held-out loss during
/// training, the training loss at the final parameters, and `predict`.
///
/// The outputs (and the loss) are compiled once, without gradients, into
/// batched closures; each `evaluate` is one forward pass over every row.
/// The data set's columns are named after the network's symbols: `x1 ... xn`,
/// and `t1 ... tm` when the targets are known (`Dataset.selecting(_:as:)`
/// renames a file's columns).
///
/// ```swift
/// let net = Network(layerSizes: [2, 10, 1], activations: [.sigmoid, .identity], loss: .halfSquaredError)
/// let evaluator = try NetworkEvaluator(net, data: heldOut)
/// let result = try evaluator.evaluate(parameters: trainer.parameters)
/// result.loss            // mean loss over the rows (nil without t1)
/// result.predictions[0]  // the first output, one value per row
/// ```
public final class NetworkEvaluator {
    public let network: Network
    public let data: Dataset
    /// Whether the data set holds every target, so the loss is computed.
    public let hasTargets: Bool

    private let function: BatchedFunction
    private let columns: [[Double]]
    private let firstOutput: Int

    /// - Throws: `DatasetError` for a missing input column;
    ///   `TrainingError.invalidSetup` for an empty data set.
    public init(_ network: Network, data: Dataset) throws {
        guard data.count > 0 else { throw TrainingError.invalidSetup("the data set is empty") }
        self.network = network
        self.data = data
        let targetNames = network.targets.map(\.description)
        hasTargets = targetNames.allSatisfy(data.names.contains)
        let inputs = network.inputs + (hasTargets ? network.targets : [])
        columns = try data.columns(inputs.map(\.description))
        let outputs = (hasTargets ? [network.loss] : []) + network.outputs
        let names = (hasTargets ? ["loss"] : []) + network.outputs.indices.map { "output \($0 + 1)" }
        firstOutput = hasTargets ? 1 : 0
        let program = try Program(computing: outputs, names: names, parameters: network.parameters, inputs: inputs)
        function = BatchedFunction(program, keeping: Array(firstOutput..<outputs.count))
    }

    /// One forward pass over every row at `parameters` (in the network's
    /// parameter order).
    ///
    /// - Parameter tolerance: half-width of the band for the tolerance rate
    ///   of the first output, as `Trainer` counts it.
    /// - Throws: `EvaluatorError.nonFinite` naming the output and row (from 0)
    ///   that overflowed; `.shapeMismatch` for the wrong number of parameters.
    public func evaluate(parameters: [Double], tolerance: Double = 0.5) throws -> NetworkEvaluation {
        try function.run(parameters: parameters, inputs: columns, range: 0..<data.count)
        let predictions = (firstOutput..<function.program.outputs.count).map { function.values(of: $0) }
        guard hasTargets else { return NetworkEvaluation(predictions: predictions, loss: nil, toleranceRate: nil) }
        let targets = columns[network.inputs.count]
        let within = zip(predictions[0], targets).filter { Swift.abs($0 - $1) <= tolerance }.count
        return NetworkEvaluation(predictions: predictions, loss: function.sums[0] / Double(data.count),
                                 toleranceRate: Double(within) / Double(data.count))
    }
}

/// What `NetworkEvaluator.evaluate` found.
public struct NetworkEvaluation: Sendable {
    /// One array per output, one value per row.
    public let predictions: [[Double]]
    /// The mean loss over the rows, when the targets are known.
    public let loss: Double?
    /// The fraction of rows whose first output is within the tolerance of
    /// its target (for 0/1 targets and tolerance 0.5, the accuracy).
    public let toleranceRate: Double?
}

extension EpochRecord {
    /// A record made outside `Trainer`, such as the held-out loss after an
    /// epoch, for `TrainingPlot`.
    ///
    /// ```swift
    /// EpochRecord.measured(epoch: 3, loss: 0.12, toleranceRate: 0.9)
    /// ```
    public static func measured(epoch: Int, loss: Double, toleranceRate: Double?) -> EpochRecord {
        EpochRecord(epoch: epoch, loss: loss, toleranceRate: toleranceRate)
    }
}
