import Foundation
import SymDiff
import Testing
@testable import Evaluator

/// Powers compiled with a constant exponent pick their kernel once from
/// `RealPower.Form`; every form, and a symbolic exponent, must give
/// `Expr.evaluate`'s bits, scalar and batched.
@Suite("Compiled powers")
struct PowerKernelTests {
    static let exponents: [Expr] = [.minusOne, .number(2), .rational(1, 2), .number(3), .rational(-3, 2), .rational(1, 3)]

    @Test("b**c for each exponent form, b**e with e a parameter, and b**(e*b), equal evaluate bit for bit",
          arguments: exponents)
    func constantExponent(_ c: Expr) throws {
        let (b, e) = (Expr.symbol("b"), Expr.symbol("e"))
        // `3*b + 1` keeps the base a computed column, not a bare input; the
        // exponent is a constant, a scalar shared by the batch, and a column.
        let outputs = [(3 * b + 1) ** c, (3 * b + 1) ** e, (3 * b + 1) ** (e * b)]
        let program = try Program(computing: outputs, parameters: [e], inputs: [b], factorProducts: false)
        let bases = [0.1, 0.5, 1, 2.5, 7, 1e-3, 12.5]
        let exponent = try #require(c.numberValue?.doubleValue)
        let batched = BatchedFunction(program, keeping: [0, 1, 2], fastExp: false)
        try batched.run(parameters: [exponent], inputs: [bases], range: 0..<bases.count)
        let scalar = CompiledFunction(program)
        for (k, base) in bases.enumerated() {
            let expected = try outputs.map { try $0.evaluate(at: ["b": base, "e": exponent]) }
            #expect(try scalar(parameters: [exponent], inputs: [base]) == expected)
            #expect((0..<3).map { batched.values(of: $0)[k] } == expected)
        }
    }
}
