import Foundation
import Testing
import SymDiff

/// Expressions 100,000 levels deep: every operation either handles them
/// (iteratively — Swift has no recursion limit, a deep recursion is a
/// segmentation fault) or refuses with an error that names the limit.
@Suite("Depth: 100,000 levels handled or refused clearly")
struct DepthTests {
    static let depth = 100_000
    let x = Expr.symbol("x")

    /// sigmoid(sigmoid(...(x)...)), `depth` levels.
    func sigmoidChain(_ depth: Int = DepthTests.depth) -> Expr {
        var e = x
        for _ in 0..<depth { e = sigmoid(e) }
        return e
    }

    @Test("100,000 nested parentheses parse")
    func parentheses() throws {
        let text = String(repeating: "(", count: Self.depth) + "x + 1" + String(repeating: ")", count: Self.depth)
        #expect(try Expr.parse(text) == x + 1)
        let negations = String(repeating: "-(", count: Self.depth) + "x" + String(repeating: ")", count: Self.depth)
        #expect(try Expr.parse(negations) == x)   // an even number of minus signs
    }

    @Test("an unclosed parenthesis 100,000 deep is reported at the innermost one")
    func unclosed() throws {
        let text = String(repeating: "(", count: Self.depth) + "x"
        let error = try #require(throws: SourceError.self) { try Expr.parse(text) }
        #expect(error.column == Self.depth)
        #expect(error.message == "this '(' is never closed")
        #expect(error.description.count < 400)
    }

    @Test("100,000 nested calls parse to the chain the API builds, print, and read back")
    func nestedCalls() throws {
        let text = String(repeating: "sigmoid(", count: Self.depth) + "x" + String(repeating: ")", count: Self.depth)
        let parsed = try Expr.parse(text)
        let built = sigmoidChain()
        #expect(parsed == built)                 // hash-consing: the same node
        #expect(parsed.height == Self.depth + 1)
        #expect(parsed.nodeCount == Self.depth + 1)
        #expect(parsed.description == text)
        #expect(LatexPrinter.print(parsed).count > Self.depth)
        #expect(PlainPrinter.print(parsed, limit: 50).count <= 53)
    }

    @Test("a right-associative tower x**x**...**x 100,000 high parses and evaluates")
    func powerTower() throws {
        let text = Array(repeating: "x", count: Self.depth).joined(separator: "**")
        let e = try Expr.parse(text)
        #expect(e.height == Self.depth)
        // 1**1**...**1 = 1; at 0.5 the tower converges (0.5**0.5**... → 0.641185744504986, the
        // solution of t = 0.5**t, python3: brentq(lambda t: 0.5**t - t, 0, 1)).
        #expect(try e.evaluate(at: ["x": 1]) == 1)
        #expect(abs(try e.evaluate(at: ["x": 0.5]) - 0.641185744504986) < 1e-12)
    }

    @Test("evaluating a 100,000-deep chain matches a plain loop")
    func evaluateDeep() throws {
        let e = sigmoidChain()
        var v = 0.5
        for _ in 0..<Self.depth { v = 1 / (1 + Foundation.exp(-v)) }
        #expect(try e.evaluate(at: ["x": 0.5]) == v)
    }

    @Test("substitution and simplify on a 100,000-deep chain")
    func rewriteDeep() throws {
        let e = sigmoidChain()
        let y = Expr.symbol("y")
        let swapped = e.substituting([x: y])
        #expect(swapped.freeSymbols == [y])
        #expect(swapped.height == Self.depth + 1)
        let simplified = e.simplify()
        #expect(try simplified.evaluate(at: ["x": 0.25]) == (try e.evaluate(at: ["x": 0.25])))
    }

    @Test("simplify of a continued fraction 10,000 deep returns an equal expression quickly")
    func continuedFraction() throws {
        // Over a common denominator it grows quadratically; simplify's budget skips that form.
        var e = x
        for _ in 0..<10_000 { e = x / (1 + e) }
        let simplified = e.simplify()
        // At x = 1 it converges to (√5 − 1)/2 = 0.6180339887498949 (python3: (5**0.5 - 1)/2).
        #expect(abs(try simplified.evaluate(at: ["x": 1]) - 0.6180339887498949) < 1e-12)
        #expect(simplified.nodeCount <= e.nodeCount)
    }

    @Test("an error deep inside names the node briefly")
    func deepErrorMessage() throws {
        let e = log(sigmoidChain() - 1)      // sigmoid(...) < 1, so log of a negative number
        let error = try #require(throws: SymDiffError.self) { try e.evaluate(at: ["x": 0]) }
        guard case .domain(let message) = error else { Issue.record("\(error)"); return }
        #expect(message.contains("log of a non-positive number"))
        #expect(message.contains("of depth \(Self.depth + 3)"))
        #expect(message.count < 200)
    }

    @Test("releasing deep chains, one after another, does not overflow the stack")
    func teardown() {
        for i in 0..<2 {
            var e = Expr.symbol("t\(i)")
            for _ in 0..<Self.depth { e = tanh(e) }
            #expect(e.height == Self.depth + 1)
        }
    }
}
