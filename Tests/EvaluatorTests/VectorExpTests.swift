import Foundation
import SymDiff
import Testing
@testable import Evaluator

@Suite("The vectorised exp against Foundation's exp")
struct VectorExpTests {
    /// The distance in units in the last place of the larger magnitude.
    func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        guard a.isFinite && b.isFinite else { return .infinity }
        return Swift.abs(a - b) / Swift.max(a.ulp, b.ulp)
    }

    @Test("within 1 ulp over the whole finite range, in columns", arguments: [
        (-745.2, -700.0), (-700.0, -20.0), (-20.0, 20.0), (-1e-6, 1e-6), (20.0, 700.0), (700.0, 709.78),
    ])
    func accurateOverRange(low: Double, high: Double) {
        var rng = SplitMix64(seed: 1)
        let input = (0..<20_000).map { _ in rng.nextUniform(in: low...high) }
        var output = [Double](repeating: 0, count: input.count)
        VectorExp.apply(input, into: &output)
        var worst = 0.0
        for (x, e) in zip(input, output) { worst = Swift.max(worst, ulps(e, Foundation.exp(x))) }
        #expect(worst <= 1, "worst \(worst) ulp")
    }

    @Test("edges: overflow, the last finite value, subnormals, underflow to 0, infinities, NaN", arguments: [
        709.782712893384, 709.7827128933841, 710, 1000, -708.39, -720, -740, -745.13, -745.1332191019412,
        -745.14, -1000, 0, -0.0, 1e-300, -1e-300, Double.infinity, -Double.infinity,
    ])
    func edges(x: Double) {
        let expected = Foundation.exp(x)
        let got = VectorExp.exp(x)
        if expected.isFinite && expected > 0 && expected < Double.leastNormalMagnitude {
            // Subnormal results: ulps are absolute there, 1 subnormal step.
            #expect(Swift.abs(got - expected) <= Double.leastNonzeroMagnitude, "exp(\(x))")
        } else {
            #expect(got == expected, "exp(\(x)) = \(got), Foundation \(expected)")
        }
    }

    @Test("NaN in, NaN out")
    func nan() {
        #expect(VectorExp.exp(.nan).isNaN)
        var out = [0.0, 0, 0, 0, 0]
        VectorExp.apply([1, .nan, 2, 3, 4], into: &out)
        #expect(out[1].isNaN)
        #expect(out[0] == Foundation.exp(1.0) || ulps(out[0], Foundation.exp(1.0)) <= 1)
    }

    @Test("the portable column loop gives the single-value function's results; wider units are within 1 ulp of them")
    func columnMatchesScalar() {
        let input = stride(from: -30.0, through: 30, by: 0.37).map { $0 }
        var output = [Double](repeating: 0, count: input.count)
        VectorExp.apply(input, into: &output, unit: .portable)
        #expect(output == input.map(VectorExp.exp))
        VectorExp.apply(input, into: &output)
        for (x, e) in zip(input, output) { #expect(ulps(e, VectorExp.exp(x)) <= 1, "exp(\(x)) on \(VectorUnit.best)") }
    }
}
