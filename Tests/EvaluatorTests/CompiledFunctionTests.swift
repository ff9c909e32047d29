import Foundation
import Networks
import SymDiff
import Testing
@testable import Evaluator

@Suite("Compiled closures agree with Expr.evaluate")
struct CompiledFunctionTests {
    @Test("random expressions: the compiled value is evaluate's, bit for bit", arguments: 0..<12)
    func randomExpressionsAgree(seed: Int) throws {
        var random = RandomExpressions(seed: UInt64(seed))
        let outputs = (0..<3).map { _ in random.expression(size: 30) }
        let f = CompiledFunction(try Program(computing: outputs, inputs: random.symbols, factorProducts: false))
        var compared = 0
        for _ in 0..<20 {
            let point = random.point()
            let named = Dictionary(uniqueKeysWithValues: zip(["x", "y", "z"], point))
            guard let expected = try? outputs.map({ try $0.evaluate(at: named) }) else { continue }
            let got = try f(inputs: point)
            #expect(got == expected, "at \(named): \(outputs)")
            compared += 1
        }
        #expect(compared > 0)
    }

    @Test("a network's gradient with products factored agrees with evaluate to 1e-13 relative, scalar and batched")
    func factoredNetworkGradient() throws {
        let net = Network(layerSizes: [2, 3, 3, 1], activations: [.sigmoid, .tanh, .identity], loss: .meanSquaredError)
        let outputs = [net.loss] + (try net.gradient())
        let program = try Program(computing: outputs, parameters: net.parameters, inputs: net.inputs + net.targets)
        var rng = SplitMix64(seed: 3)
        let parameters = net.parameters.map { _ in rng.nextUniform(in: -1...1) }
        let samples = (0..<3).map { _ in (0..<40).map { _ in rng.nextUniform(in: -2...2) } }
        let batched = BatchedFunction(program, keeping: Array(outputs.indices))
        try batched.run(parameters: parameters, inputs: samples, range: 0..<40)
        let scalar = CompiledFunction(program)
        for i in 0..<40 {
            var point = Dictionary(uniqueKeysWithValues: zip(net.parameters.map { $0.symbolName! }, parameters))
            for (symbol, column) in zip(net.inputs + net.targets, samples) { point[symbol.symbolName!] = column[i] }
            let expected = try outputs.map { try $0.evaluate(at: point) }
            let got = try scalar(parameters: parameters, inputs: samples.map { $0[i] })
            for o in outputs.indices {
                let scale = Swift.max(Swift.abs(expected[o]), 1e-3)
                #expect(Swift.abs(got[o] - expected[o]) <= 1e-13 * scale)
                #expect(Swift.abs(batched.values(of: o)[i] - expected[o]) <= 1e-13 * scale)
            }
        }
    }

    @Test("heaviside(0) = 0, relu(0) = 0, 0**0 = 1, as evaluate defines them")
    func conventionsAtKinks() throws {
        let x = Expr.symbol("x")
        let outputs = [heaviside(x), relu(x), abs(x), max(x, -x), x ** x]
        let f = CompiledFunction(try Program(computing: outputs, inputs: [x]))
        let expected = try outputs.map { try $0.evaluate(at: ["x": 0]) }
        #expect(expected == [0, 0, 0, 0, 1])   // the table's conventions (FunctionTable.swift)
        #expect(try f(inputs: [0]) == expected)
    }

    @Test("batched without the fast exp is the scalar result, bit for bit, on every sample", arguments: [1, 7, 300, 2100])
    func batchedMatchesScalar(count: Int) throws {
        var random = RandomExpressions(seed: 99)
        let outputs = (0..<4).map { _ in random.expression(size: 25) }
        let program = try Program(computing: outputs, inputs: random.symbols, factorProducts: false)
        let scalar = CompiledFunction(program)
        let columns = (0..<3).map { _ in (0..<count).map { _ in random.rng.nextUniform(in: -2...2) } }
        guard let batched = try? runBatched(program, columns, fastExp: false, count: count) else {
            Issue.record("non-finite on the random batch"); return
        }
        for i in 0..<count {
            let values = try scalar(inputs: columns.map { $0[i] })
            for o in outputs.indices { #expect(batched.kept[o][i] == values[o]) }
        }
    }

    // The portable unit: no fused multiply-adds, so the exponential is the only difference
    // (VectorUnitTests holds the wider units, which fuse, to the portable one).
    @Test("batched with the vectorised exp stays within a few ulp of scalar on a network")
    func fastExpCloseToScalar() throws {
        let x = Expr.symbols("x1 x2")
        let w = Expr.symbols("a b c d")
        let h = sigmoid(w[0] * x[0] + w[1] * x[1]) * w[2] + exp(w[3] * x[0]) + tanh(x[1])
        let program = try Program(computing: [h, try h.diff(w[0])], parameters: w, inputs: x)
        let parameters = [0.3, -1.2, 2.0, 0.7]
        var rng = SplitMix64(seed: 5)
        let columns = (0..<2).map { _ in (0..<500).map { _ in rng.nextUniform(in: -3...3) } }
        let batched = BatchedFunction(program, keeping: [0, 1], vectorUnit: .portable)
        try batched.run(parameters: parameters, inputs: columns, range: 0..<500)
        let scalar = CompiledFunction(program)
        for i in 0..<500 {
            let values = try scalar(parameters: parameters, inputs: [columns[0][i], columns[1][i]])
            for o in 0..<2 {
                let got = batched.values(of: o)[i]
                #expect(Swift.abs(got - values[o]) <= 8 * values[o].ulp.magnitude + 1e-300)
            }
        }
    }

    @Test("sums over a range of samples are the sums of the per-sample values")
    func sumsOverRange() throws {
        let (w, x) = (Expr.symbol("w"), Expr.symbol("x"))
        let f = BatchedFunction(try Program(computing: [w * x, x ** 2], parameters: [w], inputs: [x]))
        let column = (1...10).map(Double.init)
        try f.run(parameters: [2], inputs: [column], range: 3..<7)
        // Samples 4, 5, 6, 7: Σ 2x = 44, Σ x² = 126.
        #expect(f.sums == [44, 126])
    }

    @Test("wrong argument counts are refused with the expected shape")
    func shapeMismatch() throws {
        let x = Expr.symbol("x")
        let f = CompiledFunction(try Program(computing: [x], inputs: [x]))
        #expect(throws: EvaluatorError.self) { try f(inputs: [1, 2]) }
        let g = BatchedFunction(try Program(computing: [x], inputs: [x]))
        #expect(throws: EvaluatorError.self) { try g.run(parameters: [], inputs: [[1, 2]], range: 0..<3) }
    }

    struct Batch { var kept: [[Double]] }

    func runBatched(_ program: Program, _ columns: [[Double]], fastExp: Bool, count: Int) throws -> Batch {
        let f = BatchedFunction(program, keeping: Array(program.outputs.indices), fastExp: fastExp)
        try f.run(parameters: [], inputs: columns, range: 0..<count)
        return Batch(kept: program.outputs.indices.map { f.values(of: $0) })
    }
}

@Suite("Non-finite values are reported with their output and sample")
struct NonFiniteTests {
    let x = Expr.symbol("x")

    @Test("a single sample names the output")
    func scalarOutput() throws {
        let f = CompiledFunction(try Program(computing: [x + 1, log(x)], names: ["shift", "log"], inputs: [x]))
        do {
            _ = try f(inputs: [-1])
            Issue.record("expected an error")
        } catch EvaluatorError.nonFinite(let bad) {
            #expect(bad.output == 1)
            #expect(bad.outputName == "log")
            #expect(bad.value.isNaN)
            #expect(bad.description.contains("'log'"))
        }
    }

    @Test("a batch names the first bad sample", arguments: [true, false])
    func batchedSample(fastExp: Bool) throws {
        let f = BatchedFunction(try Program(computing: [x * 2, 1 / x, exp(x)], inputs: [x]), fastExp: fastExp)
        let column = [3.0, 2, 1, 0.5, 0, -1, 800]
        #expect(throws: EvaluatorError.nonFinite(NonFiniteValue(output: 1, outputName: "output 1", sample: 4, value: .infinity))) {
            try f.run(parameters: [], inputs: [column], range: 0..<column.count)
        }
        // exp(800) overflows at sample 6 once 1/x is fine.
        #expect(throws: EvaluatorError.nonFinite(NonFiniteValue(output: 2, outputName: "output 2", sample: 6, value: .infinity))) {
            try f.run(parameters: [], inputs: [column], range: 5..<7)
        }
    }

    @Test("a NaN that relu would hide is still reported, at the node where it appeared")
    func hiddenByPiecewise() throws {
        let program = try Program(computing: [relu(log(x))], inputs: [x])
        #expect(throws: EvaluatorError.self) { try CompiledFunction(program)(inputs: [-3]) }
        let f = BatchedFunction(program)
        do {
            try f.run(parameters: [], inputs: [[2, 3, -3]], range: 0..<3)
            Issue.record("expected an error")
        } catch EvaluatorError.nonFinite(let bad) {
            #expect(bad.sample == 2)
            #expect(bad.node == "log(x)")
        }
    }

    @Test("evaluate refuses exactly where compiled code reports, on random expressions")
    func sameFailuresAsEvaluate() throws {
        let y = Expr.symbol("y")
        let outputs = [log(x) * y, sqrt(x - y), 1 / (x - 1)]
        let f = CompiledFunction(try Program(computing: outputs, inputs: [x, y]))
        for point in [[2.0, 1], [-1, 2], [1, 0.5], [0.5, 3], [1, 1]] {
            let evaluated = try? outputs.map { try $0.evaluate(at: ["x": point[0], "y": point[1]]) }
            let compiled = try? f(inputs: point)
            #expect((evaluated == nil) == (compiled == nil), "at \(point)")
        }
    }
}
