import Foundation
import Networks
import SymDiff
import Testing
@testable import Evaluator

@Suite("A batch split over threads gives the same sums, bit for bit, for any thread count")
struct ThreadedBatchTests {
    /// The seeds' 2-10-1 network: the loss and its 41 gradients, summed over the batch.
    static let network = Network(layerSizes: [2, 10, 1], activations: [.sigmoid, .identity], loss: .meanSquaredError)
    static let program = try! Program(computing: [network.loss] + (try! network.gradient()),
                                      parameters: network.parameters, inputs: network.inputs + network.targets)

    static func data(samples: Int) -> (parameters: [Double], columns: [[Double]]) {
        var rng = SplitMix64(seed: 11)
        let parameters = network.parameters.map { _ in rng.nextUniform(in: -1...1) }
        let columns = (0..<3).map { _ in (0..<samples).map { _ in rng.nextUniform(in: -2...2) } }
        return (parameters, columns)
    }

    // Tile 16 (a cache budget of 1 byte) makes every size below many tiles;
    // 40,003 samples are more tiles than one reduction group holds.
    @Test("sums for 1, 2, 3 and 4 threads are identical", arguments: [
        (range: 0..<1, cacheBudget: 1), (range: 0..<16, cacheBudget: 1), (range: 0..<83, cacheBudget: 1),
        (range: 5..<1000, cacheBudget: 1), (range: 0..<40_003, cacheBudget: 1),
        (range: 0..<3_000, cacheBudget: 256 * 1024), (range: 7..<5_000, cacheBudget: 256 * 1024),
    ])
    func identicalForAnyThreadCount(range: Range<Int>, cacheBudget: Int) throws {
        let (parameters, columns) = Self.data(samples: range.upperBound)
        var results: [[Double]] = []
        for threads in 1...4 {
            let f = BatchedFunction(Self.program, cacheBudget: cacheBudget, threads: threads)
            try f.run(parameters: parameters, inputs: columns, range: range)
            results.append(f.sums)
        }
        for (threads, sums) in zip(2...4, results.dropFirst()) {
            #expect(sums.map(\.bitPattern) == results[0].map(\.bitPattern), "\(threads) threads, \(range)")
        }
    }

    @Test("threaded sums are the per-sample values' sums to 1e-12 relative", arguments: [1, 2, 3])
    func sumsMatchScalar(threads: Int) throws {
        let range = 0..<517
        let (parameters, columns) = Self.data(samples: range.upperBound)
        let f = BatchedFunction(Self.program, fastExp: false, cacheBudget: 1, threads: threads)
        try f.run(parameters: parameters, inputs: columns, range: range)
        let scalar = CompiledFunction(Self.program)
        var expected = [Double](repeating: 0, count: Self.program.outputs.count)
        var magnitude = expected
        for i in range {
            let values = try scalar(parameters: parameters, inputs: columns.map { $0[i] })
            for o in values.indices {
                expected[o] += values[o]
                magnitude[o] += Swift.abs(values[o])
            }
        }
        for o in expected.indices {
            #expect(Swift.abs(f.sums[o] - expected[o]) <= 1e-12 * Swift.max(magnitude[o], 1e-300), "output \(o)")
        }
    }

    @Test("kept values and the first bad sample do not depend on the thread count", arguments: [1, 2, 3, 4])
    func keptValuesAndErrors(threads: Int) throws {
        let x = Expr.symbol("x")
        let program = try Program(computing: [x * 2, 1 / x], inputs: [x])
        let f = BatchedFunction(program, keeping: [0], cacheBudget: 1, threads: threads)
        var column = (0..<200).map { Double($0) + 0.5 }
        try f.run(parameters: [], inputs: [column], range: 10..<200)
        #expect(f.values(of: 0) == (10..<200).map { 2 * (Double($0) + 0.5) })
        // Zeros at samples 150 and 60: 1/x fails first at 60, whoever runs the later tile.
        column[150] = 0
        column[60] = 0
        #expect(throws: EvaluatorError.nonFinite(NonFiniteValue(output: 1, outputName: "output 1", sample: 60, value: .infinity))) {
            try f.run(parameters: [], inputs: [column], range: 0..<200)
        }
    }
}
