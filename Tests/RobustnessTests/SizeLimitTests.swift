import Testing
import SymDiff

/// Work that would grow without bound is refused with
/// `SymDiffError.limitExceeded` naming the limit — promptly, instead of
/// running for hours or out of memory — and work within the limits is done.
@Suite("Size: blow-ups refused with the limit named")
struct SizeLimitTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y")

    func limitMessage(_ body: () throws -> Expr) -> String? {
        do {
            let e = try body()
            Issue.record("expected a limitExceeded error, got an expression of \(e.nodeCount) nodes")
        } catch SymDiffError.limitExceeded(let message) {
            return message
        } catch {
            Issue.record("expected limitExceeded, got \(error)")
        }
        return nil
    }

    @Test("diff and gradient of a composition 100,000 deep are refused by the depth limit")
    func deepDerivative() {
        var chain = x
        for _ in 0..<100_000 { chain = sigmoid(chain) }
        let message = limitMessage { try chain.diff(x) }
        #expect(message == "diff: the expression is 100001 levels deep; the differentiation depth limit is 10000 (its derivative would be a product of about as many factors)")
        let gradient = limitMessage { try chain.gradient([x])[0] }
        #expect(gradient?.hasPrefix("gradient: the expression is 100001 levels deep") == true)
    }

    @Test("a high order of a polynomial is cheap: it reaches 0 and stays there")
    func highOrder() throws {
        #expect(try (x ** 3 * y).diff(x, order: 100_000) == 0)
    }

    @Test("a composition under the depth limit is differentiated exactly")
    func moderateDepth() throws {
        var chain = x
        for _ in 0..<300 { chain = tanh(chain) }
        let d = try chain.diff(x)
        // d/dx tanh^n(x) = Π (1 - tanh^k(x)**2); at x = 0 every tanh^k(0) = 0, so the product is 1.
        #expect(try d.evaluate(at: ["x": 0]) == 1)
        let g = try chain.gradient([x])[0]
        #expect(try g.evaluate(at: ["x": 0.3]) == (try d.evaluate(at: ["x": 0.3])))
    }

    @Test("expand((x + y)**100000) is refused naming the term limit")
    func expandPower() {
        let message = limitMessage { try ((x + y) ** 100_000).expand() }
        #expect(message == "expand: (x + y)**100000 would have more than 100000 terms (the expand term limit)")
        // ((x + y)**300)**300 is (x + y)**90000: 90,001 terms, within the term limit, but
        // billions of products of 90,000-bit coefficients; refused up front by the work limit.
        let nested = limitMessage { try (((x + y) ** 300) ** 300).expand() }
        #expect(nested == "expand: (x + y)**90000 would take more than 1000000 products of terms to multiply out (the expand work limit)")
        // A product of 20 binomials has 2**20 terms (a small limit keeps the test quick).
        let factors = (1...20).map { Expr.symbol("a\($0)") + Expr.symbol("b\($0)") }
        let product = limitMessage { try Expr.mul(factors).expand(termLimit: 1_000) }
        #expect(product == "expand: a product would have 1024 terms, more than the limit of 1000")
        let custom = limitMessage { try ((x + y) ** 20).expand(termLimit: 10) }
        #expect(custom == "expand: (x + y)**20 would have more than 10 terms (the expand term limit)")
    }

    @Test("exponents at the ends of Int are refused by the term limit, not a trap")
    func expandHugeExponents() {
        let top = limitMessage { try ((x + y) ** Expr.number(Int.max)).expand() }
        #expect(top?.contains("the expand term limit") == true)
        let bottom = limitMessage { try ((x + y) ** Expr.number(Int.min)).expand() }
        #expect(bottom?.contains("the expand term limit") == true)
    }

    @Test("together of thousands of different denominators is refused naming its limit")
    func togetherBlowUp() throws {
        let sum = Expr.add((1...400).map { 1 / (x + Expr.number($0)) })
        let message = limitMessage { try sum.together(operandLimit: 20_000) }
        #expect(message == "together: the common denominator grows past 20000 operands (the together operand limit)")
        // simplify stays quick: the candidate is skipped, an equal expression comes back.
        let simplified = sum.simplify()
        #expect(abs(try simplified.evaluate(at: ["x": 0.5]) - (try sum.evaluate(at: ["x": 0.5]))) < 1e-12)
        // Within the limit: 1/x + 1/y = (x + y)/(x*y), as SymPy's together.
        #expect(try (1 / x + 1 / y).together() == (x + y) / (x * y))
        // A negative exponent of Int.min is negated exactly (no trap): x**(-2**63) is already over one denominator.
        #expect(try (x ** Expr.number(Int.min)).together() == x ** Expr.number(Int.min))
    }

    @Test("expansion within the limit is exact")
    func expandWithin() throws {
        // SymPy: expand((x + y)**20).coeff(x**10*y**10) == 184756
        let e = try ((x + y) ** 20).expand()
        #expect(e.arguments.count == 21)
        #expect(e.arguments.contains(184_756 * x ** 10 * y ** 10))
        // python3: sum(math.comb(30, k) for k in range(31)) == 2**30 at x = y = 1
        #expect(try ((x + y) ** 30).expand().evaluate(at: ["x": 1, "y": 1]) == 1_073_741_824)
    }

    @Test("simplify never expands past its own small budget")
    func simplifyBlowUp() throws {
        let e = (x + y) ** 100_000 - 1
        #expect(e.simplify() == e)   // expansion refused inside simplify: the input is kept
    }

    @Test("a sum of 100,000 terms and a product of 20,000 factors parse, print and read back")
    func longSum() throws {
        let text = (1...100_000).map { "x\($0)" }.joined(separator: " + ")
        let e = try Expr.parse(text)
        #expect(e.arguments.count == 100_000)
        #expect(try Expr.parse(e.description) == e)
        let product = try Expr.parse((1...20_000).map { "y\($0)" }.joined(separator: "*"))
        #expect(product.arguments.count == 20_000)
        #expect(try e.diff(Expr.symbol("x777")) == 1)
    }
}
