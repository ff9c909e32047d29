import Testing
import SymDiff

/// The one number formatter: six significant digits for reports, every
/// digit for values asked for, exact numbers exactly, SymPy's oo and nan.
/// Expected texts are Python's: `'%.6g' % x` for short, `repr(x)` for full.
@Suite("Number style")
struct NumberStyleTests {
    @Test("short is %.6g", arguments: [
        (0.1 + 0.2, "0.3"),                 // '%.6g' % (0.1 + 0.2)
        (9.094947017729282e-13, "9.09495e-13"),   // '%.6g' % 0.25**20
        (1234567.0, "1.23457e+06"),
        (-0.28125, "-0.28125"),
        (5.0, "5"),
        (0.6772411229382403, "0.677241"),
    ])
    func short(_ row: (Double, String)) {
        #expect(NumberStyle.short.string(row.0) == row.1)
    }

    @Test("full is the shortest text that reads back, without a trailing .0", arguments: [
        (0.1 + 0.2, "0.30000000000000004"),   // repr(0.1 + 0.2)
        (7.0, "7"),
        (1e16, "1e+16"),
        (1e-5, "1e-05"),
        (0.6772411229382403, "0.6772411229382403"),
    ])
    func full(_ row: (Double, String)) {
        #expect(NumberStyle.full.string(row.0) == row.1)
        #expect(Double(NumberStyle.full.string(row.0)) == row.0)
    }

    @Test("every style spells the special values as SymPy does, and zero as 0", arguments: [NumberStyle.short, .full])
    func special(_ style: NumberStyle) {
        #expect(style.string(.infinity) == "oo")
        #expect(style.string(-.infinity) == "-oo")
        #expect(style.string(.nan) == "nan")
        #expect(style.string(-0.0) == "0")
    }

    @Test("exact numbers print exactly in every style", arguments: [NumberStyle.short, .full])
    func exact(_ style: NumberStyle) throws {
        #expect(style.string(Number(1, 3)) == "1/3")
        // Python: 2**100 = 1267650600228229401496703205376
        #expect(style.text(try Expr.parse("2**100")) == "1267650600228229401496703205376")
    }

    @Test("two different values get enough digits to read differently")
    func distinguishing() {
        // '%.6g' and '%.7g' print both as 2.08; '%.8g' % 2.0799999 = 2.0799999
        #expect(NumberStyle.short.distinguishing(2.08, 2.0799999) == ("2.08", "2.0799999"))
        #expect(NumberStyle.short.distinguishing(1, 2) == ("1", "2"))
        #expect(NumberStyle.short.distinguishing(0.5, 0.5) == ("0.5", "0.5"))
    }

    @Test("a value compared with written decimals keeps those decimals")
    func decimals() {
        #expect(NumberStyle.short.string(0.0123456789, decimals: 8) == "0.01234568")   // '%.7g' % 0.0123456789
        #expect(NumberStyle.short.string(0.111424, decimals: 2) == "0.111424")
    }

    @Test("small amounts are written out in decimals", arguments: [
        (0.00005, 2, "0.00005"), (0.0000775, 3, "0.0000775"), (0.5, 2, "0.5"), (0.0015, 2, "0.0015"),
        (0, 2, "0"), (2e-12, 2, "2e-12"),
    ])
    func positional(_ row: (Double, Int, String)) {
        #expect(NumberStyle.positional(row.0, significantDigits: row.1) == row.2)
    }

    @Test("rounding an expression rounds its floats and leaves exact numbers")
    func rounding() throws {
        let x = Expr.symbol("x"), y = Expr.symbol("y")
        let tenth = Expr.number(Number(0.1)), third = Expr.number(Number(1, 3))
        let e: Expr = tenth * x + Expr.number(Number(0.1 + 0.2)) * y + third
        let rounded: Expr = tenth * x + Expr.number(Number(0.3)) * y + third
        #expect(NumberStyle.short.rounding(e) == rounded)
        #expect(NumberStyle.full.rounding(e) == e)
    }
}
