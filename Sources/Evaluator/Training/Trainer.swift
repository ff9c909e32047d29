import SymDiff

/// Gradient descent on a `TrainingProblem` with compiled gradients.
///
/// The loss, its gradient with respect to every parameter (reverse mode over
/// the DAG) and the prediction are compiled together into one program, so
/// the forward pass they share runs once. Plain SGD (batch size 1) runs the
/// single-sample closures; mini-batch SGD runs the batched closures over a
/// range of rows and steps along the averaged gradient (seed 000 appendix B):
///
///     θ ← θ − α · (1/B) Σ_{i in batch} ∂L_i/∂θ
///
/// Batches are taken in data order and a last partial batch is dropped, as
/// seed 000 appendix D does. Values that become infinite or NaN stop training
/// with `TrainingError.diverged`, naming the epoch and the parameter.
///
/// ```swift
/// let trainer = try Trainer(problem, data: data, parameters: initial)
/// let history = try trainer.train(epochs: 100, learningRate: 0.1, batchSize: 32)
/// history.last!.loss
/// ```
public final class Trainer {
    public let problem: TrainingProblem
    /// The compiled program: outputs are the loss, then ∂loss/∂θ for each
    /// parameter, then the prediction (when the problem has one).
    public let program: Program
    /// The current parameter values, in the problem's order.
    public private(set) var parameters: [Double]
    public let data: Dataset

    private let columns: [[Double]]
    private let scalar: CompiledFunction
    private let batched: BatchedFunction
    private var sampleInputs: [Double]
    private var sampleOutputs: [Double]
    /// Σ gradient of the last step's rows. This and `progress` are buffers,
    /// not stored `var`s: a step of 32 samples takes a few microseconds, and
    /// a class's stored `var`s are checked for exclusive access at run time.
    private let gradientSums: UnsafeMutableBufferPointer<Double>
    private let progress: UnsafeMutablePointer<(epoch: Int, step: Int, learningRate: Double)>
    private let predictionOutput: Int?
    private let targetColumn: [Double]?

    /// Compiles the problem and binds the data set's columns to its inputs.
    ///
    /// - Throws: `TrainingError.invalidSetup` when a column is missing or the
    ///   number of initial values is wrong; `EvaluatorError.unboundSymbol`
    ///   for a symbol that is neither parameter nor input.
    public init(_ problem: TrainingProblem, data: Dataset, parameters initial: [Double]) throws {
        guard initial.count == problem.parameters.count else {
            throw TrainingError.invalidSetup("\(initial.count) initial values for \(problem.parameters.count) parameters")
        }
        guard data.count > 0 else { throw TrainingError.invalidSetup("the data set is empty") }
        self.problem = problem
        self.data = data
        parameters = initial
        let names = problem.inputs.map { $0.symbolName ?? $0.description }
        do {
            columns = try data.columns(names)
        } catch let error as DatasetError {
            throw TrainingError.invalidSetup(error.message)
        }
        let gradient = try problem.loss.gradient(problem.parameters)
        var outputs = [problem.loss] + gradient
        var outputNames = ["loss"] + problem.parameterNames.map { "dloss/d\($0)" }
        if let prediction = problem.prediction {
            predictionOutput = outputs.count
            outputs.append(prediction)
            outputNames.append("prediction")
        } else {
            predictionOutput = nil
        }
        targetColumn = try problem.target.map { try data.column($0.symbolName ?? $0.description) }
        program = try Program(computing: outputs, names: outputNames, parameters: problem.parameters, inputs: problem.inputs)
        scalar = CompiledFunction(program)
        batched = BatchedFunction(program, keeping: predictionOutput.map { [$0] } ?? [])
        sampleInputs = [Double](repeating: 0, count: problem.inputs.count)
        sampleOutputs = [Double](repeating: 0, count: outputs.count)
        gradientSums = .allocate(capacity: problem.parameters.count)
        gradientSums.initialize(repeating: 0)
        progress = .allocate(capacity: 1)
        progress.initialize(to: (0, 0, 0))
    }

    deinit {
        gradientSums.deallocate()
        progress.deallocate()
    }

    /// The mean loss and the averaged gradient over `rows`, without a step.
    public func gradient(rows: Range<Int>) throws -> (loss: Double, gradient: [Double]) {
        let (loss, _) = try accumulate(rows)
        let n = Double(rows.count)
        return (loss / n, gradientSums.map { $0 / n })
    }

    /// One step along the averaged gradient of `rows`; returns the batch's
    /// mean loss and the fraction of predictions within `tolerance` of their
    /// targets, both taken before the step.
    @discardableResult
    public func step(rows: Range<Int>, learningRate: Double, tolerance: Double = 0.5) throws -> StepResult {
        let (loss, within) = try advance(rows: rows, learningRate: learningRate, tolerance: tolerance)
        let n = Double(rows.count)
        return StepResult(loss: loss / n, toleranceRate: within.map { Double($0) / n }, gradient: gradientSums.map { $0 / n })
    }

    /// `step` without its record: Σ loss and the count within the tolerance, before the step.
    private func advance(rows: Range<Int>, learningRate: Double, tolerance: Double) throws -> (loss: Double, within: Int?) {
        progress.pointee.step += 1
        progress.pointee.learningRate = learningRate
        let (loss, within) = try accumulate(rows, tolerance: tolerance)
        let scale = learningRate / Double(rows.count)
        let sums = gradientSums
        var bad: Int? = nil
        parameters.withUnsafeMutableBufferPointer { p in
            for i in p.indices {
                p[i] -= scale * sums[i]
                if bad == nil && !p[i].isFinite { bad = i }
            }
        }
        if let bad {
            throw TrainingError.diverged(epoch: progress.pointee.epoch, step: progress.pointee.step,
                                         what: "parameter \(problem.parameterNames[bad])",
                                         value: parameters[bad], learningRate: learningRate, note: "")
        }
        return (loss, within)
    }

    /// One pass over the data in batches of `batchSize` (the last partial
    /// batch dropped); the record holds the means over batches, as seed 000
    /// appendix D reports them.
    ///
    /// - Parameter observe: sees each step's rows and result, after the step.
    public func epoch(learningRate: Double, batchSize: Int, tolerance: Double = 0.5,
                      observe: ((Range<Int>, StepResult) -> Void)? = nil) throws -> EpochRecord {
        guard batchSize >= 1 && batchSize <= data.count else {
            throw TrainingError.invalidSetup("batch size \(batchSize) does not fit a data set of \(data.count) samples")
        }
        progress.pointee.epoch += 1
        progress.pointee.step = 0
        let batches = data.count / batchSize
        var loss = 0.0, rate = 0.0
        for b in 0..<batches {
            let rows = b * batchSize ..< (b + 1) * batchSize
            if let observe {
                let result = try step(rows: rows, learningRate: learningRate, tolerance: tolerance)
                observe(rows, result)
                loss += result.loss
                rate += result.toleranceRate ?? 0
            } else {
                // The same figures as `step`'s record, without building it.
                let (sum, within) = try advance(rows: rows, learningRate: learningRate, tolerance: tolerance)
                let n = Double(rows.count)
                loss += sum / n
                rate += within.map { Double($0) / n } ?? 0
            }
        }
        let n = Double(batches)
        return EpochRecord(epoch: progress.pointee.epoch, loss: loss / n, toleranceRate: targetColumn == nil ? nil : rate / n)
    }

    /// Runs `epochs` epochs; `progress` sees each epoch's record as it ends.
    public func train(epochs: Int, learningRate: Double, batchSize: Int, tolerance: Double = 0.5,
                      progress: (EpochRecord) -> Void = { _ in }) throws -> [EpochRecord] {
        var history: [EpochRecord] = []
        history.reserveCapacity(epochs)
        for _ in 0..<epochs {
            let record = try epoch(learningRate: learningRate, batchSize: batchSize, tolerance: tolerance)
            history.append(record)
            progress(record)
        }
        return history
    }

    /// Σ loss over `rows` (returned) and Σ gradient (into `gradientSums`);
    /// counts predictions within `tolerance` when the problem has a target.
    private func accumulate(_ rows: Range<Int>, tolerance: Double = 0.5) throws -> (loss: Double, within: Int?) {
        guard rows.lowerBound >= 0 && rows.upperBound <= data.count && !rows.isEmpty else {
            throw TrainingError.invalidSetup("rows \(rows) are outside the data set's \(data.count) samples")
        }
        do {
            if rows.count == 1 {
                let i = rows.lowerBound
                for k in columns.indices { sampleInputs[k] = columns[k][i] }
                try scalar.evaluate(parameters: parameters, inputs: sampleInputs, into: &sampleOutputs, sample: i)
                for p in gradientSums.indices { gradientSums[p] = sampleOutputs[p + 1] }
                var within: Int? = nil
                if let o = predictionOutput, let targets = targetColumn {
                    within = Swift.abs(sampleOutputs[o] - targets[i]) <= tolerance ? 1 : 0
                }
                return (sampleOutputs[0], within)
            }
            try batched.run(parameters: parameters, inputs: columns, range: rows)
            let sums = batched.sumsBuffer
            for p in gradientSums.indices { gradientSums[p] = sums[p + 1] }
            var within: Int? = nil
            if predictionOutput != nil, let targets = targetColumn {
                let predictions = batched.keptValues(0)   // the only kept output
                var count = 0
                for (k, i) in rows.enumerated() where Swift.abs(predictions[k] - targets[i]) <= tolerance { count += 1 }
                within = count
            }
            return (sums[0], within)
        } catch EvaluatorError.nonFinite(let bad) {
            // Every parameter is still finite (they are checked after each step),
            // so say how large they have grown.
            let largest = parameters.indices.max { Swift.abs(parameters[$0]) < Swift.abs(parameters[$1]) }!
            throw TrainingError.diverged(epoch: progress.pointee.epoch, step: progress.pointee.step,
                                         what: "\(bad.outputName) at sample \(bad.sample)",
                                         value: bad.value, learningRate: progress.pointee.learningRate,
                                         note: "every parameter is still finite, the largest is \(problem.parameterNames[largest]) = \(NumberStyle.full.string(parameters[largest]))")
        }
    }
}

/// The outcome of one gradient step.
public struct StepResult: Sendable {
    /// The batch's mean loss before the step.
    public let loss: Double
    /// The fraction of predictions within the tolerance, when there is a target.
    public let toleranceRate: Double?
    /// The averaged gradient the step followed.
    public let gradient: [Double]
}

/// One epoch of training.
public struct EpochRecord: Sendable, Equatable {
    /// Counted from 1.
    public let epoch: Int
    /// The mean over batches of each batch's mean loss, taken before its step.
    public let loss: Double
    /// The mean over batches of the fraction of predictions within the
    /// tolerance of their targets (`nil` without a target).
    public let toleranceRate: Double?
}
