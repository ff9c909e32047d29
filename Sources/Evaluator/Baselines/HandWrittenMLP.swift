import Foundation

/// A fully connected network's forward and backward pass written by hand in
/// Swift, the baseline the compiled closures are checked and timed against.
///
/// Sigmoid hidden layers, one linear output, squared-error loss — the shape
/// of seed 000's networks. Parameters are laid out as `Networks.Network`
/// lists them: layer 1's weights row by row (`W1_i_j`: unit i, input j), its
/// biases, then layer 2's, and so on. Per sample it does what backpropagation
/// does by hand: forward, keep the activations, then one backward sweep of
/// deltas, with Foundation's `exp` and one core.
///
/// It is meant to be the fastest plain loop a careful Swift programmer
/// writes without a compiler's help, so that ratios against it are honest:
/// nothing is allocated per call or per sample (scratch space is allocated
/// once, everything is reached through unsafe pointers, no bounds checks or
/// reference counting in the loop), and one hidden layer — the seeds' shape —
/// has its own fused loop: per sample one pass over the hidden units computes
/// activations and the output, a second one adds every gradient. Deeper
/// networks take the general layer-by-layer sweep. Both give the same bits.
///
/// ```swift
/// let net = HandWrittenMLP(layerSizes: [2, 10, 1], halfSquaredError: false)
/// var gradient = [Double](repeating: 0, count: net.parameterCount)
/// let lossSum = net.accumulate(parameters: p, features: HandWrittenMLP.rows([x1, x2]), targets: t,
///                               range: 0..<32, gradient: &gradient)
/// ```
public final class HandWrittenMLP {
    /// Sizes including the input: `[2, 10, 1]`.
    public let layerSizes: [Int]
    /// ½(y − t)² when true (the seeds' loss), (y − t)² (PyTorch's `MSELoss`) when false.
    public let halfSquaredError: Bool
    /// The number of weights and biases.
    public let parameterCount: Int

    /// Off, one hidden layer takes the general sweep too (tests compare the two).
    var fusesOneHiddenLayer = true

    private let offsets: [Int]            // start of each layer's weights in the parameter array
    private let activations: UnsafeMutablePointer<Double>
    private let activationOffsets: [Int]  // start of each layer's activations (0 = inputs)
    private let deltas: UnsafeMutablePointer<Double>
    private let previousDeltas: UnsafeMutablePointer<Double>

    public init(layerSizes: [Int], halfSquaredError: Bool) {
        precondition(layerSizes.count >= 2 && layerSizes.last == 1, "one output")
        self.layerSizes = layerSizes
        self.halfSquaredError = halfSquaredError
        var offsets: [Int] = []
        var count = 0
        for l in 1..<layerSizes.count {
            offsets.append(count)
            count += layerSizes[l] * layerSizes[l - 1] + layerSizes[l]
        }
        self.offsets = offsets
        parameterCount = count
        var activationOffsets: [Int] = []
        var total = 0
        for size in layerSizes {
            activationOffsets.append(total)
            total += size
        }
        self.activationOffsets = activationOffsets
        activations = .allocate(capacity: total)
        activations.initialize(repeating: 0, count: total)
        let widest = layerSizes.max()!
        deltas = .allocate(capacity: widest)
        deltas.initialize(repeating: 0, count: widest)
        previousDeltas = .allocate(capacity: widest)
        previousDeltas.initialize(repeating: 0, count: widest)
    }

    deinit {
        activations.deallocate()
        deltas.deallocate()
        previousDeltas.deallocate()
    }

    /// The network's output for one sample (activations are kept for `backward`).
    @inline(__always)
    private func forward(_ w: UnsafePointer<Double>, _ sample: UnsafePointer<Double>) -> Double {
        let layerCount = layerSizes.count - 1
        for k in 0..<layerSizes[0] { activations[k] = sample[k] }
        for l in 0..<layerCount {
            let (inSize, outSize) = (layerSizes[l], layerSizes[l + 1])
            let input = activations + activationOffsets[l]
            let output = activations + activationOffsets[l + 1]
            let weights = w + offsets[l]
            let biases = weights + outSize * inSize
            for j in 0..<outSize {
                var z = biases[j]
                let row = weights + j * inSize
                for k in 0..<inSize { z += row[k] * input[k] }
                output[j] = l == layerCount - 1 ? z : 1 / (1 + Foundation.exp(-z))
            }
        }
        return activations[activationOffsets[layerCount]]
    }

    /// Adds ∂loss/∂parameters for the sample whose output error is `dy` to `g`.
    @inline(__always)
    private func backward(_ w: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, _ dy: Double) {
        var delta = deltas, previous = previousDeltas
        delta[0] = dy
        for l in stride(from: layerSizes.count - 2, through: 0, by: -1) {
            let (inSize, outSize) = (layerSizes[l], layerSizes[l + 1])
            let input = activations + activationOffsets[l]
            let weights = w + offsets[l]
            let gw = g + offsets[l]
            let gb = gw + outSize * inSize
            for j in 0..<outSize {
                let d = delta[j]
                let row = gw + j * inSize
                for k in 0..<inSize { row[k] += d * input[k] }
                gb[j] += d
            }
            if l == 0 { break }
            // δ of the layer below: Σ_j W_jk δ_j, times σ'(z_k) = a_k(1 − a_k).
            for k in 0..<inSize {
                var s = 0.0
                for j in 0..<outSize { s += weights[j * inSize + k] * delta[j] }
                previous[k] = s * input[k] * (1 - input[k])
            }
            swap(&delta, &previous)
        }
    }

    /// Σ over `range` of the per-sample loss; adds the per-sample gradients'
    /// sum to `gradient` (same layout as the parameters).
    ///
    /// - Parameters:
    ///   - features: the samples' inputs row by row (`rows(_:)` makes them from columns).
    ///   - predictions: when given, receives each sample's output (index in `range` order).
    public func accumulate(parameters: [Double], features: [Double], targets: [Double], range: Range<Int>,
                           gradient: inout [Double], predictions: UnsafeMutablePointer<Double>? = nil) -> Double {
        precondition(parameters.count == parameterCount && gradient.count == parameterCount)
        precondition(features.count >= range.upperBound * layerSizes[0] && targets.count >= range.upperBound)
        let inputs = layerSizes[0]
        var loss = 0.0
        parameters.withUnsafeBufferPointer { w in
            gradient.withUnsafeMutableBufferPointer { g in
                features.withUnsafeBufferPointer { x in
                    targets.withUnsafeBufferPointer { t in
                        if layerSizes.count == 3 && fusesOneHiddenLayer {
                            loss = oneHiddenLayer(w.baseAddress!, g.baseAddress!, x.baseAddress!, t.baseAddress!,
                                                  range: range, predictions: predictions)
                            return
                        }
                        for i in range {
                            let y = forward(w.baseAddress!, x.baseAddress! + i * inputs)
                            predictions?[i - range.lowerBound] = y
                            let r = y - t[i]
                            loss += halfSquaredError ? 0.5 * r * r : r * r
                            backward(w.baseAddress!, g.baseAddress!, halfSquaredError ? r : 2 * r)
                        }
                    }
                }
            }
        }
        return loss
    }

    /// Σ loss over `range` for `[n, h, 1]`, the gradient added to `g`: per
    /// sample, one pass over the hidden units for the activations and the
    /// output, one for every gradient (the same operations, in the same
    /// order, as `forward` then `backward`, so the same bits).
    @inline(__always)
    private func oneHiddenLayer(_ w: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>,
                                _ t: UnsafePointer<Double>, range: Range<Int>, predictions: UnsafeMutablePointer<Double>?) -> Double {
        let (n, h) = (layerSizes[0], layerSizes[1])
        let (hiddenWeights, hiddenBiases) = (w, w + h * n)
        let (outputWeights, outputBias) = (hiddenBiases + h, hiddenBiases[2 * h])
        let (gHiddenWeights, gHiddenBiases) = (g, g + h * n)
        let (gOutputWeights, gOutputBias) = (gHiddenBiases + h, gHiddenBiases + 2 * h)
        let a = activations + n
        let half = halfSquaredError
        var loss = 0.0
        for i in range {
            let sample = x + i * n
            var y = outputBias
            for j in 0..<h {
                let row = hiddenWeights + j * n
                var z = hiddenBiases[j]
                for k in 0..<n { z += row[k] * sample[k] }
                let aj = 1 / (1 + Foundation.exp(-z))
                a[j] = aj
                y += outputWeights[j] * aj
            }
            predictions?[i - range.lowerBound] = y
            let r = y - t[i]
            loss += half ? 0.5 * r * r : r * r
            let dy = half ? r : 2 * r
            for j in 0..<h {
                let aj = a[j]
                gOutputWeights[j] += dy * aj
                let d = outputWeights[j] * dy * aj * (1 - aj)
                let row = gHiddenWeights + j * n
                for k in 0..<n { row[k] += d * sample[k] }
                gHiddenBiases[j] += d
            }
            gOutputBias.pointee += dy
        }
        return loss
    }

    /// Columns (one array per input) as rows: sample i's inputs side by side.
    public static func rows(_ columns: [[Double]]) -> [Double] {
        guard let count = columns.first?.count else { return [] }
        var rows = [Double](repeating: 0, count: count * columns.count)
        for (k, column) in columns.enumerated() {
            for i in 0..<count { rows[i * columns.count + k] = column[i] }
        }
        return rows
    }

    /// The per-epoch record of `train`.
    public struct Epoch: Sendable {
        /// Mean over batches of the batch's mean loss (seed 000 appendix D's number).
        public let loss: Double
        /// Mean over batches of the fraction of predictions within the tolerance.
        public let toleranceRate: Double
    }

    /// Mini-batch SGD with the averaged gradient, as seed 000 appendix D runs
    /// it: batches in data order, the last partial batch dropped, loss and
    /// predictions taken before each step.
    public func train(parameters: inout [Double], features: [Double], targets: [Double], epochs: Int,
                      learningRate: Double, batchSize: Int, tolerance: Double = 0.5) -> [Epoch] {
        var history: [Epoch] = []
        var gradient = [Double](repeating: 0, count: parameterCount)
        let predictions = UnsafeMutablePointer<Double>.allocate(capacity: batchSize)
        defer { predictions.deallocate() }
        let batches = targets.count / batchSize
        for _ in 0..<epochs {
            var lossTotal = 0.0, rateTotal = 0.0
            for b in 0..<batches {
                let range = b * batchSize ..< (b + 1) * batchSize
                for p in gradient.indices { gradient[p] = 0 }
                let loss = accumulate(parameters: parameters, features: features, targets: targets, range: range,
                                      gradient: &gradient, predictions: predictions)
                var within = 0
                for i in range where Swift.abs(predictions[i - range.lowerBound] - targets[i]) <= tolerance { within += 1 }
                let scale = learningRate / Double(batchSize)
                for p in parameters.indices { parameters[p] -= scale * gradient[p] }
                lossTotal += loss / Double(batchSize)
                rateTotal += Double(within) / Double(batchSize)
            }
            history.append(Epoch(loss: lossTotal / Double(batches), toleranceRate: rateTotal / Double(batches)))
        }
        return history
    }
}
