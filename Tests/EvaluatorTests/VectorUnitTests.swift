import Foundation
import Networks
import SymDiff
import Testing
@testable import Evaluator

/// The batched loops run on the CPU's widest vector unit (`VectorUnit.best`);
/// the portable (SSE2) build is the reference every wider unit is held to.
@Suite("The wide vector units against the portable one")
struct VectorUnitTests {
    static let network = Network(layerSizes: [2, 10, 1], activations: [.sigmoid, .identity], loss: .meanSquaredError)
    static let outputs = [network.loss] + (try! network.gradient())
    static let program = try! Program(computing: outputs, parameters: network.parameters,
                                      inputs: network.inputs + network.targets)

    static func data(samples: Int) -> (parameters: [Double], columns: [[Double]]) {
        var rng = SplitMix64(seed: 23)
        let parameters = network.parameters.map { _ in rng.nextUniform(in: -1...1) }
        let columns = (0..<3).map { _ in (0..<samples).map { _ in rng.nextUniform(in: -2...2) } }
        return (parameters, columns)
    }

    /// Runs the network on `unit`, keeping every output.
    static func run(_ unit: VectorUnit, fastExp: Bool, range: Range<Int>, cacheBudget: Int = 256 * 1024) throws
        -> (sums: [Double], kept: [[Double]]) {
        let (parameters, columns) = data(samples: range.upperBound)
        let f = BatchedFunction(program, keeping: Array(program.outputs.indices), fastExp: fastExp,
                                cacheBudget: cacheBudget, threads: 1, vectorUnit: unit)
        #expect(f.vectorUnit == unit)
        try f.run(parameters: parameters, inputs: columns, range: range)
        return (f.sums, program.outputs.indices.map { f.values(of: $0) })
    }

    @Test("the portable unit is always available, and the best one is available")
    func availability() {
        #expect(VectorUnit.portable.isAvailable)
        #expect(VectorUnit.best.isAvailable)
        #expect(VectorUnit.available.first == .portable)
        #expect(VectorUnit.available.last == .best)
    }

    // Ranges that end inside a vector of eight and inside a block of sixteen,
    // and several tiles of 16 (a cache budget of 1 byte).
    @Test("without fused multiply-adds every unit gives the portable unit's bits, sums and per-sample values",
          arguments: [(0..<1, 256 * 1024), (3..<29, 256 * 1024), (0..<1000, 256 * 1024), (5..<203, 1)])
    func bitIdenticalWithoutFusion(range: Range<Int>, cacheBudget: Int) throws {
        let reference = try Self.run(.portable, fastExp: false, range: range, cacheBudget: cacheBudget)
        for unit in VectorUnit.available.dropFirst() {
            let got = try Self.run(unit, fastExp: false, range: range, cacheBudget: cacheBudget)
            #expect(got.sums.map(\.bitPattern) == reference.sums.map(\.bitPattern), "\(unit)")
            #expect(got.kept.map { $0.map(\.bitPattern) } == reference.kept.map { $0.map(\.bitPattern) }, "\(unit)")
        }
    }

    @Test("with fused multiply-adds and the vector exp every unit stays within a few ulp of the portable unit")
    func closeWithFusion() throws {
        let range = 0..<777
        let reference = try Self.run(.portable, fastExp: true, range: range)
        for unit in VectorUnit.available.dropFirst() {
            let got = try Self.run(unit, fastExp: true, range: range)
            for o in reference.kept.indices {
                for (a, b) in zip(got.kept[o], reference.kept[o]) {
                    // A fused multiply-add rounds once where a product and a sum round twice, so
                    // values differ by ulps of the terms, not of a result that cancels: inputs,
                    // weights and activations are O(1) here, so ulps of max(|value|, 1).
                    #expect(Swift.abs(a - b) <= 8 * Swift.max(b.magnitude, 1).ulp, "\(unit), output \(o): \(a) vs \(b)")
                }
                let scale = reference.kept[o].reduce(0) { $0 + Swift.abs($1) }
                #expect(Swift.abs(got.sums[o] - reference.sums[o]) <= 1e-14 * Swift.max(scale, 1), "\(unit), sum \(o)")
            }
        }
    }

    @Test("every unit's sums of integers are exact, whatever the range's length and start", arguments: VectorUnit.available)
    func exactSumsOfIntegers(unit: VectorUnit) throws {
        let (x, y, z) = (Expr.symbol("x"), Expr.symbol("y"), Expr.symbol("z"))
        // A column sum, a fused product sum, a combination of terms, a three-column product.
        let program = try Program(computing: [x, x * y, 3 * x + y * z - 2, x * y * z], inputs: [x, y, z])
        let samples = Array(0..<300)
        let columns: [[Double]] = [samples.map { Double($0 % 17 - 8) }, samples.map { Double($0 % 5) }, samples.map { Double($0 % 3 + 1) }]
        let f = BatchedFunction(program, cacheBudget: 1, threads: 1, vectorUnit: unit)
        for start in [0, 1, 7] {
            for count in [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 293] where start + count <= 300 {
                let range = start ..< start + count
                try f.run(parameters: [], inputs: columns, range: range)
                // Integer arithmetic, independent of the kernels.
                var expected: [Int] = [0, 0, 0, 0]
                for i in range {
                    let a: Int = i % 17 - 8, b: Int = i % 5, c: Int = i % 3 + 1
                    expected[0] += a
                    expected[1] += a * b
                    expected[2] += 3 * a + b * c - 2
                    expected[3] += a * b * c
                }
                #expect(f.sums == expected.map(Double.init), "\(unit), \(range)")
            }
        }
    }

    @Test("every unit's exp is within 1 ulp of Foundation's, and the portable one is VectorExp.exp bit for bit",
          arguments: VectorUnit.available)
    func exponential(unit: VectorUnit) {
        var rng = SplitMix64(seed: 4)
        // 1,003 values: the last three take the one-at-a-time tail.
        let input = (0..<1003).map { _ in rng.nextUniform(in: -740...709) } + [0, -0.0, .infinity, -.infinity, 710, -746]
        var output = [Double](repeating: 0, count: input.count)
        VectorExp.apply(input, into: &output, unit: unit)
        for (x, e) in zip(input, output) {
            let expected = Foundation.exp(x)
            if unit == .portable { #expect(e.bitPattern == VectorExp.exp(x).bitPattern, "exp(\(x))") }
            if expected.isFinite && expected >= Double.leastNormalMagnitude {
                #expect(Swift.abs(e - expected) <= expected.ulp, "exp(\(x)) = \(e), Foundation \(expected)")
            } else if expected.isFinite {
                #expect(Swift.abs(e - expected) <= Double.leastNonzeroMagnitude, "exp(\(x)) = \(e), Foundation \(expected)")
            } else {
                #expect(e == expected, "exp(\(x))")
            }
        }
        var nan = [Double](repeating: 0, count: 9)
        VectorExp.apply([Double](repeating: .nan, count: 9), into: &nan, unit: unit)
        #expect(nan.allSatisfy { $0.isNaN })
    }

    @Test("a unit the CPU lacks falls back to the portable one")
    func fallback() throws {
        let x = Expr.symbol("x")
        for unit in VectorUnit.allCases where !unit.isAvailable {
            let f = BatchedFunction(try Program(computing: [x], inputs: [x]), vectorUnit: unit)
            #expect(f.vectorUnit == .portable)
        }
    }
}
