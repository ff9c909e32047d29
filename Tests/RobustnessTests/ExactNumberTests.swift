import Testing
import SymDiff

/// Exact arithmetic never wraps or loses digits, and conversion to `Double`
/// is correctly rounded. Expected values are Python ints and Fractions
/// (python3 -c "from fractions import Fraction as F; ..."), pasted.
@Suite("Exact numbers never overflow silently")
struct ExactNumberTests {
    // python3: print(2**1000)
    static let twoToThe1000 = "10715086071862673209484250490600018105614048117055336074437503883703510511249361224931983788156958581275946729175531468251871452856923140435984577574698574803934567774824230985421074605062371141877954182153046474983581941267398767559165543946077062914571196477686542167660429831652624386837205668069376"
    // python3: print(3**200)
    static let threeToThe200 = "265613988875874769338781322035779626829233452653394495974574961739092490901302182994384699044001"

    @Test("2**1000 is exact")
    func powerOfTwo() throws {
        #expect(try Expr.parse("2**1000").description == Self.twoToThe1000)
        #expect(BigInt(2).power(1000).description == Self.twoToThe1000)
    }

    @Test("(1/3)**200 is exactly 1/3**200, and its value is correctly rounded")
    func powerOfAThird() throws {
        let e = try Expr.parse("(1/3)**200")
        #expect(e.description == "1/" + Self.threeToThe200)
        // python3: float(F(1, 3**200)) == 3.764861949599026e-96
        #expect(try e.evaluate(at: [String: Double]()) == 3.764861949599026e-96)
    }

    @Test("products of huge numerators keep every digit")
    func hugeProducts() throws {
        // python3: print(2**400 - 1)
        let expected = "2582249878086908589655919172003011874329705792829223512830659356540647622016841194629645353280137831435903171972747493375"
        #expect(try Expr.parse("(2**200 + 1)*(2**200 - 1)").description == expected)
        let big = BigInt(2).power(200)
        #expect(((big + 1) * (big - 1)).description == expected)
        // Int-sized values that overflow Int promote instead of trapping.
        #expect((BigInt(Int.max) + 1).description == "9223372036854775808")
        #expect((BigInt(Int.min) - 1).description == "-9223372036854775809")
        #expect((BigInt(Int.min) * -1).description == "9223372036854775808")
        #expect((-BigInt(Int.min)).description == "9223372036854775808")
        #expect(BigInt(Int.min).quotientAndRemainder(dividingBy: -1).quotient.description == "9223372036854775808")
    }

    @Test("the harmonic number H(100) is exact")
    func harmonicSum() throws {
        let text = (1...100).map { "1/\($0)" }.joined(separator: " + ")
        let h = try #require(try Expr.parse(text).numberValue?.asRational)
        // python3: h = sum(F(1, k) for k in range(1, 101)); h.numerator, h.denominator, float(h)
        #expect(h.numerator.description == "14466636279520351160221518043104131447711")
        #expect(h.denominator.description == "2788815009188499086581352357412492142272")
        #expect(h.doubleValue == 5.187377517639621)
    }

    @Test("huge rationals convert to the correctly rounded double", arguments: [
        // (expression, python3 float(F(...)))
        ("2**1020/3", 3.745194030963158e+306),          // float(F(2**1020, 3)): finite, not inf
        ("(10**400 + 1)/(3*10**399)", 3.3333333333333335),
        ("-7**500/5**700", -1.862159907107612e-67),
        ("3**700/2**1100", 711.0220569369853),
        ("2**100 + 2**47 + 1", 1.2676506002282297e+30),  // rounds up: the +1 breaks the tie
    ])
    func conversion(_ text: String, _ expected: Double) throws {
        #expect(try Expr.parse(text).evaluate(at: [String: Double]()) == expected)
    }

    @Test("an exact value too large for a double is reported when evaluated, never returned as inf")
    func exactOverflow() throws {
        let e = try Expr.parse("2**1024 * x")
        let error = try #require(throws: SymDiffError.self) { try e.evaluate(at: ["x": 1]) }
        guard case .nonFinite(let message) = error else { Issue.record("\(error)"); return }
        #expect(message.contains("oo"))   // the value that overflowed
        #expect(try Expr.parse("2**1023").evaluate(at: [String: Double]()) == 0x1p1023)
    }

    @Test("a rational with parts beyond the exact-power limit prints and reads back as the rational")
    func hugeRational() throws {
        // 3**70000 has 110,945 bits: more than the limit, so 3**70000 stays a power, but its
        // reciprocal (a division) is no larger than what was already written.
        let big = BigInt(3).power(70_000)
        let r = Expr.number(Number.rational(Rational(big + 1, big)))
        #expect(try Expr.parse(r.description) == r)
        #expect(try Expr.parse("1/\(big)") == Expr.number(Number.rational(Rational(1, big))))
    }

    @Test("gcd of numbers of tens of thousands of bits (Lehmer's algorithm) matches number theory")
    func greatestCommonDivisor() {
        let one = BigInt(1), two = BigInt(2)
        // gcd(2**m - 1, 2**n - 1) = 2**gcd(m, n) - 1
        #expect(BigInt.gcd(two.power(30_000) - one, two.power(45_000) - one) == two.power(15_000) - one)
        #expect(BigInt.gcd(two.power(3_001) - one, two.power(4_002) - one) == one)   // python3: math.gcd(...) == 1
        // Consecutive Fibonacci numbers are Euclid's worst case; gcd(F(m), F(n)) = F(gcd(m, n)).
        var fibonacci: [BigInt] = [0, 1]
        for i in 2...20_000 { fibonacci.append(fibonacci[i - 1] + fibonacci[i - 2]) }
        #expect(BigInt.gcd(fibonacci[20_000], fibonacci[15_000]) == fibonacci[5_000])
        #expect(BigInt.gcd(fibonacci[20_000], fibonacci[19_999]) == one)
        // python3: math.gcd(12345**3001 + 17, 54321**2500 + 3) == 2
        #expect(BigInt.gcd(BigInt(12_345).power(3_001) + 17, BigInt(54_321).power(2_500) + 3) == two)
        // A shared factor of 1,585 bits, with signs: python3 gives (3**1000 + 2).
        let g = BigInt(3).power(1_000) + 2
        #expect(BigInt.gcd(-(two.power(3_001) - one) * g, (two.power(4_002) - one) * g) == g)
        #expect(BigInt.gcd(g, 0) == g && BigInt.gcd(0, -g) == g)
    }

    @Test("exact arithmetic on 30,000-bit rationals is quick enough to simplify")
    func hugeRationalArithmetic() throws {
        // A fuzzer finding that took 19 s under ASan with Euclid's gcd and decimal hashing (now under 1 s).
        let e = try Expr.parse("3**18-74000**457/1/00.**-_D/9**7400*99*118**1307")
        #expect(e.simplify().nodeCount <= e.nodeCount)
        #expect(e.freeSymbols == [Expr.symbol("_D")])
    }

    @Test("big exact powers stay unevaluated past the bit limit instead of hanging")
    func exactPowerLimit() throws {
        // 2**(10**9) would need a billion bits: kept as a power.
        let huge = try Expr.parse("2**(10**9)")
        #expect(huge.kind == .pow)
        #expect(huge.description == "2**1000000000")
        let error = try #require(throws: SymDiffError.self) { try huge.evaluate(at: [String: Double]()) }
        #expect(error.description.contains("non-finite"))
        // Within the limit (estimated as the base's bits times the exponent: 2 bits for 2)
        // it is computed exactly: 2**49999 has 15,052 digits (python3: len(str(2**49999))).
        #expect(try Expr.parse("2**49999").description.count == 15_052)
        #expect(try Expr.parse("2**50001").kind == .pow)
        #expect(Number.exactPowerBitLimit == 100_000)
        // Exponents that do not fit a machine word are no trap either.
        #expect(try Expr.parse("2**(-9223372036854775808)").kind == .pow)
        #expect(try Expr.parse("(2**64)**(10**18)").kind == .pow)
        #expect(try Expr.parse("(1/2)**(10**30)").kind == .pow)
    }
}
