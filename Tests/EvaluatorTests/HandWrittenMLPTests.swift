import Foundation
import SymDiff
import Testing
@testable import Evaluator

@Suite("The hand-written baseline")
struct HandWrittenMLPTests {
    /// Random parameters and samples for `sizes`, the way the benchmarks draw them.
    static func problem(_ sizes: [Int], samples: Int) -> (parameters: [Double], features: [Double], targets: [Double]) {
        var rng = SplitMix64(seed: 21)
        let count = zip(sizes, sizes.dropFirst()).map { $0 * $1 + $1 }.reduce(0, +)
        let parameters = (0..<count).map { _ in rng.nextUniform(in: -1...1) }
        let features = (0..<samples * sizes[0]).map { _ in rng.nextUniform(in: -2...2) }
        let targets = (0..<samples).map { _ in rng.nextUniform(in: -1...1) }
        return (parameters, features, targets)
    }

    @Test("the fused one-hidden-layer loop gives the general sweep's loss, gradient and predictions, bit for bit",
          arguments: [([2, 10, 1], false), ([3, 7, 1], true), ([1, 1, 1], false)])
    func fusedMatchesGeneral(sizes: [Int], halfSquaredError: Bool) {
        let (parameters, features, targets) = Self.problem(sizes, samples: 50)
        func run(fused: Bool) -> (Double, [Double], [Double]) {
            let net = HandWrittenMLP(layerSizes: sizes, halfSquaredError: halfSquaredError)
            net.fusesOneHiddenLayer = fused
            var gradient = [Double](repeating: 0, count: net.parameterCount)
            var predictions = [Double](repeating: 0, count: 45)
            let loss = predictions.withUnsafeMutableBufferPointer {
                net.accumulate(parameters: parameters, features: features, targets: targets, range: 5..<50,
                               gradient: &gradient, predictions: $0.baseAddress!)
            }
            return (loss, gradient, predictions)
        }
        let (fused, general) = (run(fused: true), run(fused: false))
        #expect(fused.0.bitPattern == general.0.bitPattern)
        #expect(fused.1.map(\.bitPattern) == general.1.map(\.bitPattern))
        #expect(fused.2.map(\.bitPattern) == general.2.map(\.bitPattern))
    }

    @Test("its gradient matches central finite differences of its loss to 1e-6 relative")
    func gradientMatchesFiniteDifferences() {
        let sizes = [2, 4, 1]
        let (parameters, features, targets) = Self.problem(sizes, samples: 8)
        let net = HandWrittenMLP(layerSizes: sizes, halfSquaredError: true)
        var gradient = [Double](repeating: 0, count: net.parameterCount)
        _ = net.accumulate(parameters: parameters, features: features, targets: targets, range: 0..<8, gradient: &gradient)
        var scratch = gradient
        for p in parameters.indices {
            let h = 1e-6
            var (plus, minus) = (parameters, parameters)
            plus[p] += h
            minus[p] -= h
            let up = net.accumulate(parameters: plus, features: features, targets: targets, range: 0..<8, gradient: &scratch)
            let down = net.accumulate(parameters: minus, features: features, targets: targets, range: 0..<8, gradient: &scratch)
            let estimate = (up - down) / (2 * h)
            #expect(Swift.abs(estimate - gradient[p]) <= 1e-6 * Swift.max(Swift.abs(gradient[p]), 1), "parameter \(p)")
        }
    }
}
