import Testing
import SymDiff

/// Inputs on which the libFuzzer target (`fuzz/run.sh`) once failed, kept so
/// the fixes stay fixed. Each must satisfy the parser contract: a parse that
/// prints and reads back to the same expression, or a positioned `SourceError`.
@Suite("Fuzzer findings stay fixed")
struct FuzzRegressionTests {
    static let findings: [String] = [
        // x*y/0 printed as x/(0*y), which reads back as x/0 (lost factor).
        "xp*l/g81/0",
        "(W2*sigmoid(01* z+ b2) + b2 - target)*1/0*2/z2",
        // 0.4**(-999996) overflows and stays a power; its reciprocal underflows to 0.0,
        // so as a denominator the factor vanished from the printout.
        "z-arac+r-----4*7789670.5*0.4**-999996-i",
        "00*-15500*-155266.-9**266.-9**+.15**-1526634",
        // Exponents beyond Int: abs(Int.min) and bits * n trapped in Number.power.
        "2**(-9223372036854775808)",
        "(2**64)**(10**18)",
        // Float folding to oo / nan printed names that read back as symbols.
        "1e308*10",
        "0.0*exp(1000.0)",
        "1e308*10 - 1e308*10",
        "exp(1000.0) - exp(1000.0)",
        // A rational whose denominator has more bits than the exact-power limit printed as
        // N/D, which read back as N*D**(-1): division by it was left unevaluated.
        "Bo1/1739+30**53478+30**505314**57/05314**57/35+3053478+30**505314**57/05314**57/35+3056/347000**3494*-356/347000**3494*-3+2",
        // "\r\n" is one Character but two scalars: positions count scalars.
        "-_Dc\n\r\n\ri*Db\ti-_DDC",
        "-0^ytyttdttt00^ytttttt^Ret\r\n\n\n\n\n\n\n\n\n\n\n\u{0}0\u{FFFD}",
    ]

    @Test("fuzzer finding", arguments: findings)
    func finding(_ text: String) {
        var outcome = Outcome()
        outcome.check(text)
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
    }

    @Test("simplify with thousand-bit exact numbers returns at once, with the same value")
    func simplifyHugeNumbers() throws {
        // Fuzzer timeout: simplify expanded (W + 9990**-1999 - 999 - m)**6, a gcd of
        // 26,000-bit numbers per coefficient (a minute in a debug build).
        let e = try Expr.parse("(W+9990**-1999-999- m)**6/z2")
        let simple = e.simplify()
        let point = ["W": 1.5, "m": 0.5, "z2": 2.0]
        let before = try e.evaluate(at: point), after = try simple.evaluate(at: point)
        #expect(Swift.abs(before - after) <= 1e-12 * Swift.abs(before))
    }

    @Test("fuzzer timeouts: expanding a large power is refused up front", arguments: [
        // 4,903 terms (within the fuzzer's term limit of 10,000), but 12 million products to build.
        "(W2*9999999991/099999999999999- m)**4902",
        // 946 terms whose rational coefficients grow to thousands of bits.
        "(e999999-991/99999989999/9/9- m)**42",
    ])
    func expandTimeouts(_ text: String) throws {
        let e = try Expr.parse(text)
        let error = try #require(throws: SymDiffError.self) { try e.expand(termLimit: 10_000) }
        // Refused by the work limit, or first by the exact-power limit on its coefficients.
        #expect(error.description.contains("(the expand work limit)") || error.description.contains("(the exact-power limit)"), "\(error)")
        // simplify tries expansion within a small budget and keeps an equal form.
        #expect(e.simplify().nodeCount <= e.nodeCount)
    }

    @Test("fuzzer timeouts: expanding a power of a sum with a huge exact constant is refused by the exact-power limit", arguments: [
        "(W+99999999^999)**41/z-2",                  // a 27,000-bit constant to the 41st power
        "9+(W99+1/99989**45604/5502248**999- m)**8/99",
        "9+(W99*t91560789relx-259+ 1156078980**-2591/99989**079/99999+ 198999-999-3*t9156*x- m)**8/z2",
    ])
    func expandHugeCoefficients(_ text: String) throws {
        let e = try Expr.parse(text)
        let error = try #require(throws: SymDiffError.self) { try e.expand() }
        #expect(error.description.contains("bits (the exact-power limit)"), "\(error)")
        // simplify tries expansion within a small budget and keeps an equal form.
        #expect(e.simplify().nodeCount <= e.nodeCount)
    }

    @Test("an error after a lone carriage return is placed by scalar")
    func carriageReturn() throws {
        let error = try #require(throws: SourceError.self) { try Expr.parse("-_Dc\n\r\n\ri*Db\ti-_DDC") }
        #expect((error.line, error.column) == (3, 2))
    }

    @Test("a product with a number, a sum and a denominator reads back the same")
    func coefficientTimesSum() throws {
        let (x, y, z) = (Expr.symbol("x"), Expr.symbol("y"), Expr.symbol("z"))
        for e in [Expr.mul([2, x + y, 1 / z]), Expr.mul([-3, x + y, z]), Expr.mul([.rational(1, 2), x + y, x - y]),
                  Expr.mul([2, x + y, .pow(0, -1)]), Expr.mul([2, .pow(Expr.number(Number(0.4)), -999_996), x])] {
            #expect(try Expr.parse(e.description) == e, "\(e)")
        }
    }
}
