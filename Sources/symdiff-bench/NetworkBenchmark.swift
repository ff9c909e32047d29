import Evaluator
import Foundation
import Networks
import SymDiff

/// A sigmoid network's loss and all its gradients, summed over a batch, by
/// the compiled closures and by `HandWrittenMLP`, after checking that both
/// compute the same numbers.
struct NetworkBenchmark {
    let network: Network
    let handWritten: HandWrittenMLP
    let program: Program
    let parameters: [Double]
    let columns: [[Double]]   // inputs then the target
    let features: [Double]    // rows, for the hand-written loop
    let targets: [Double]

    /// Sigmoid hidden layers, a linear output.
    init(layerSizes: [Int], loss: Loss, samples: Int, seed: UInt64) throws {
        let activations = [Activation](repeating: .sigmoid, count: layerSizes.count - 2) + [.identity]
        let network = Network(layerSizes: layerSizes, activations: activations, loss: loss)
        try self.init(network: network, gradient: try network.gradient(), loss: loss, samples: samples, seed: seed)
    }

    init(network: Network, gradient: [Expr], loss: Loss, samples: Int, seed: UInt64) throws {
        self.network = network
        handWritten = HandWrittenMLP(layerSizes: network.layerSizes, halfSquaredError: loss == .halfSquaredError)
        program = try Program(computing: [network.loss] + gradient, parameters: network.parameters,
                              inputs: network.inputs + network.targets)
        var rng = SplitMix64(seed: seed)
        // Weights scaled by 1/√fan-in keep the sigmoids out of saturation at any width.
        parameters = network.layers.flatMap { layer in
            layer.parameters.map { _ in rng.nextUniform(in: -1...1) / Double(layer.inputSize).squareRoot() }
        }
        let inputCount = network.inputs.count
        let featureColumns = (0..<inputCount).map { _ in (0..<samples).map { _ in rng.nextUniform(in: -1...1) } }
        targets = (0..<samples).map { _ in rng.nextUniform(in: -2...2) }
        columns = featureColumns + [targets]
        features = HandWrittenMLP.rows(featureColumns)
    }

    /// Tile size and live columns of the batched function.
    var layout: (tile: Int, columns: Int) {
        let f = BatchedFunction(program)
        return (f.tileSize, f.columnCount)
    }

    /// The largest relative difference between compiled and hand-written sums over `range`.
    func check(range: Range<Int>) throws -> Double {
        let f = BatchedFunction(program)
        try f.run(parameters: parameters, inputs: columns, range: range)
        var gradient = [Double](repeating: 0, count: handWritten.parameterCount)
        let loss = handWritten.accumulate(parameters: parameters, features: features, targets: targets,
                                          range: range, gradient: &gradient)
        let reference = [loss] + gradient
        var worst = 0.0
        for (a, b) in zip(f.sums, reference) {
            let scale = Swift.max(Swift.abs(a), Swift.abs(b), 1e-300)
            worst = Swift.max(worst, Swift.abs(a - b) / scale)
        }
        return worst
    }

    /// Samples per second of both, at batch size `batch`, timed in interleaved rounds.
    func measure(batch: Int) throws -> (compiled: Double, handWritten: Double) {
        let range = 0..<batch
        var gradient = [Double](repeating: 0, count: handWritten.parameterCount)
        let hand = {
            for p in gradient.indices { gradient[p] = 0 }
            _ = handWritten.accumulate(parameters: parameters, features: features, targets: targets,
                                       range: range, gradient: &gradient)
        }
        let compiled: () throws -> Void
        if batch == 1 {
            let f = CompiledFunction(program)
            var out = [Double](repeating: 0, count: program.outputs.count)
            var sums = out
            var sampleInputs = [Double](repeating: 0, count: columns.count)
            // The captured arrays live in boxes whose every access is checked at
            // run time: touch each once per call, through buffers.
            compiled = {
                sampleInputs.withUnsafeMutableBufferPointer { x in for k in columns.indices { x[k] = columns[k][0] } }
                try f.evaluate(parameters: parameters, inputs: sampleInputs, into: &out)
                out.withUnsafeBufferPointer { o in
                    sums.withUnsafeMutableBufferPointer { s in for i in o.indices { s[i] += o[i] } }
                }
            }
        } else {
            // One thread, as the hand-written loop has (`rates` measures more).
            let f = BatchedFunction(program, threads: 1)
            compiled = { try f.run(parameters: parameters, inputs: columns, range: range) }
        }
        let seconds = try Timing.interleaved([compiled, hand])
        return (Double(batch) / seconds[0], Double(batch) / seconds[1])
    }

    /// Samples per second of the batched function on one thread for each
    /// configuration, timed in interleaved rounds.
    func rates(batch: Int, _ functions: [BatchedFunction], wall: Bool = false) throws -> [Double] {
        let seconds = try Timing.interleaved(wall: wall, functions.map { f in
            { try f.run(parameters: parameters, inputs: columns, range: 0..<batch) }
        })
        return seconds.map { Double(batch) / $0 }
    }
}
