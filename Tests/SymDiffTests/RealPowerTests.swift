import Foundation
import Testing
import SymDiff

/// Real powers in `Double`. Expected values are exact (small integers and
/// powers of two), or IEEE 754 / C99 Annex F results for the special cases
/// (`pow(x, ±0) = 1`, `pow(1, y) = 1`, `1/±0 = ±inf`, `sqrt` of a negative
/// number is NaN), never computed by the code under test.
@Suite("Real powers")
struct RealPowerTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let base: Double, exponent: Double
        /// The value `RealPower.value` gives; `.nan` for NaN.
        let value: Double
        /// The domain problem `Expr.evaluate` reports, if any.
        let problem: String?
        var testDescription: String { "\(base) ** \(exponent)" }
    }

    static let fractionalNegative = "fractional power of a negative number"

    static let rows: [Row] = [
        // Ordinary values: exact in binary.
        Row(base: 2, exponent: 3, value: 8, problem: nil),
        Row(base: 2, exponent: -1, value: 0.5, problem: nil),
        Row(base: 3, exponent: 2, value: 9, problem: nil),
        Row(base: 4, exponent: 0.5, value: 2, problem: nil),
        Row(base: 2, exponent: 0.5, value: 1.4142135623730951, problem: nil),   // sqrt(2) correctly rounded
        Row(base: 0.25, exponent: -0.5, value: 2, problem: nil),
        Row(base: 2, exponent: 10, value: 1024, problem: nil),
        // A negative base with an integer exponent is real.
        Row(base: -2, exponent: 3, value: -8, problem: nil),
        Row(base: -2, exponent: 2, value: 4, problem: nil),
        Row(base: -2, exponent: -1, value: -0.5, problem: nil),
        Row(base: -2, exponent: -2, value: 0.25, problem: nil),
        Row(base: -1, exponent: 7, value: -1, problem: nil),
        // Zero exponents and bases.
        Row(base: 0, exponent: 0, value: 1, problem: nil),
        Row(base: -3, exponent: 0, value: 1, problem: nil),
        Row(base: 0, exponent: 2, value: 0, problem: nil),
        Row(base: 0, exponent: 0.5, value: 0, problem: nil),
        Row(base: 1, exponent: .infinity, value: 1, problem: nil),
        // Domain errors: the IEEE result, and the reason evaluate throws.
        Row(base: 0, exponent: -1, value: .infinity, problem: "division by zero"),
        Row(base: 0, exponent: -2, value: .infinity, problem: "division by zero"),
        Row(base: -0.0, exponent: -1, value: -.infinity, problem: "division by zero"),
        Row(base: 0, exponent: -0.5, value: .infinity, problem: "division by zero"),
        Row(base: -8, exponent: 1.0 / 3, value: .nan, problem: fractionalNegative),   // not the real cube root -2
        Row(base: -1, exponent: 0.5, value: .nan, problem: fractionalNegative),
        Row(base: -4, exponent: -1.5, value: .nan, problem: fractionalNegative),
        // Overflow is not a domain error (evaluate reports it as non-finite).
        Row(base: 2, exponent: 1024, value: .infinity, problem: nil),
        Row(base: 2, exponent: -1080, value: 0, problem: nil),
    ]

    @Test("RealPower.value gives the real or IEEE result", arguments: rows)
    func value(_ row: Row) {
        let got = RealPower.value(row.base, row.exponent)
        if row.value.isNaN { #expect(got.isNaN) } else { #expect(got == row.value && got.sign == row.value.sign) }
    }

    @Test("RealPower.domainError names the problem exactly for the domain errors", arguments: rows)
    func domainError(_ row: Row) {
        #expect(RealPower.domainError(row.base, row.exponent) == row.problem)
    }

    @Test("Expr.power throws the domain errors and otherwise returns the value", arguments: rows)
    func exprPower(_ row: Row) throws {
        if let problem = row.problem {
            #expect { try Expr.power(row.base, row.exponent) } throws: { error in
                "\(error)".contains(problem)
            }
        } else {
            #expect(try Expr.power(row.base, row.exponent) == row.value)
        }
    }

    @Test("evaluate of b**e with a symbolic base follows the same table", arguments: rows.filter { $0.value.isFinite && $0.exponent.isFinite })
    func evaluateAgrees(_ row: Row) throws {
        let b = Expr.symbol("b"), e = Expr.symbol("e")
        let value = try (b ** e).evaluate(at: ["b": row.base, "e": row.exponent])
        #expect(value == row.value)
    }

    @Test("the form is chosen from the exponent alone",
          arguments: [(-1.0, RealPower.Form.reciprocal), (2, .square), (0.5, .squareRoot),
                      (3, .general), (-0.5, .general), (1, .general), (0, .general)])
    func form(_ exponent: Double, _ form: RealPower.Form) {
        #expect(RealPower.Form(exponent: exponent) == form)
    }

    @Test("the fast forms agree with the definitions they stand for, bit for bit",
          arguments: [0.1, 0.7, 1.5, 3, 1e-300, 1e300, -2.5])
    func fastForms(_ b: Double) {
        #expect(RealPower.value(b, -1) == 1 / b)
        #expect(RealPower.value(b, 2) == b * b)
        if b >= 0 { #expect(RealPower.value(b, 0.5) == Foundation.sqrt(b)) }
    }
}
