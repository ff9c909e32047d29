import Testing
import SymDiff

/// Exact integers and rationals never overflow or round; expected values are
/// Python's (arbitrary-precision integers and `fractions.Fraction`).
@Suite("Exact numbers")
struct ExactNumberTests {
    @Test("1/2 stays exactly one half")
    func oneHalf() throws {
        let half = try Expr.parse("1/2")
        #expect(half == .rational(1, 2))
        #expect(half.description == "1/2")
        #expect(half + half == .one)
        #expect(try Expr.parse("1/3 + 1/6") == .rational(1, 2))
    }

    @Test("2**1000 has every digit")
    func twoToThousand() throws {
        // Python: str(2**1000)
        let expected = "107150860718626732094842504906000181056140481170553360744375038837035105112493612249319837" +
            "881569585812759467291755314682518714528569231404359845775746985748039345677748242309854210" +
            "746050623711418779541821530464749835819412673987675591655439460770629145711964776865421676" +
            "60429831652624386837205668069376"
        #expect(try Expr.parse("2**1000").description == expected)
        #expect(try Expr.parse("2**1000 - 2**1000 + 1") == .one)
    }

    @Test("(1/3)**200 is exact")
    func oneThirdToTwoHundred() throws {
        // Python: str(Fraction(1, 3)**200)
        let denominator = "265613988875874769338781322035779626829233452653394495974574961739092490901302182994384699044001"
        let e = try Expr.parse("(1/3)**200")
        #expect(e.description == "1/" + denominator)
        #expect(try Expr.parse("(1/3)**200 * 3**200") == .one)
    }

    @Test("a huge integer literal parses exactly")
    func hugeLiteral() throws {
        let digits = String(repeating: "9", count: 3000)
        let e = try Expr.parse(digits + " + 1")
        #expect(e.description == "1" + String(repeating: "0", count: 3000))
    }

    @Test("BigInt arithmetic matches Python", arguments: [
        // (a, b, a*b, a+b, a-b) computed with Python integers
        ("123456789012345678901234567890", "987654321098765432109876543210",
         "121932631137021795226185032733622923332237463801111263526900",
         "1111111110111111111011111111100", "-864197532086419753208641975320"),
        ("-340282366920938463463374607431768211456", "18446744073709551616",
         "-6277101735386680763835789423207666416102355444464034512896",
         "-340282366920938463444927863358058659840", "-340282366920938463481821351505477763072"),
    ])
    func bigIntArithmetic(_ row: (String, String, String, String, String)) throws {
        let a = try #require(BigInt(row.0)), b = try #require(BigInt(row.1))
        #expect((a * b).description == row.2)
        #expect((a + b).description == row.3)
        #expect((a - b).description == row.4)
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        #expect(q * b + r == a)
        #expect(r.magnitude < b.magnitude)
    }

    @Test("BigInt division matches Python")
    func bigIntDivision() throws {
        // Python: a = 3**300; b = 7**100; a // b, a % b
        let a = try #require(BigInt("136891479058588375991326027382088315966463695625337436471480190078368997177499076593800206155688941388250484440597994042813512732765695774566001"))
        let b = try #require(BigInt("3234476509624757991344647769100216810857203198904625400933895331391691459636928060001"))
        #expect((a / b).description == "42322607275472096768112191736647077591521815564643858123585")
        #expect((a % b).description == "267766572549261283026410783394562897997578516974406537170444504562811115817621342416")
    }

    @Test("decimals are floating point; mixing with exact numbers gives floats, as in SymPy")
    func floats() throws {
        let e = try Expr.parse("0.2 + 1/2")
        #expect(e.numberValue == Number(0.7))
        #expect(try Expr.parse("0.5*x + x/2").description == "1.0*x")
    }
}
