import Foundation
import Testing
import SymDiff

/// Expressions 100,000 levels deep are built, parsed, printed, evaluated and
/// differentiated (or refused with a clear error), never crash: every
/// traversal is iterative.
@Suite("Depth of 100,000 levels")
struct DepthTests {
    static let depth = 100_000
    let x = Expr.symbol("x")

    static func chain(_ f: (Expr) -> Expr, depth: Int = DepthTests.depth) -> Expr {
        var e = Expr.symbol("x")
        for _ in 0..<depth { e = f(e) }
        return e
    }

    /// exp(exp(...(x)...)), built once for the tests that share it.
    static let expChain = chain(exp)

    @Test("exp(exp(...(x)...)) 100,000 deep is built, printed and parsed back")
    func expChain() throws {
        let e = Self.expChain
        #expect(e.height == Self.depth + 1)
        #expect(e.nodeCount == Self.depth + 1)
        let text = e.description
        #expect(text.count == Self.depth * 5 + 1)   // "exp(" and ")" per level
        #expect(text.hasPrefix("exp(exp(") && text.contains("exp(x))") && text.hasSuffix(")))"))
        #expect(try Expr.parse(text) == e)
    }

    @Test("exp(exp(...(x)...)) 100,000 deep prints as LaTeX, Swift and DOT")
    func expChainOtherSyntaxes() {
        let e = Self.expChain
        #expect(e.latex.hasPrefix("e^{e^{"))
        #expect(e.swiftSource.hasPrefix("Foundation.exp(Foundation.exp("))
        #expect(DotPrinter.print([e]).split(separator: "\n").count == 2 * Self.depth + 4)
    }

    @Test("evaluating exp(exp(...)) reports the overflow, naming the node that overflows")
    func expChainOverflow() {
        let e = Self.expChain
        // exp^5(0) = exp(3814279.1...) is the first to overflow.
        #expect {
            try e.evaluate(at: ["x": 0])
        } throws: { error in
            guard case SymDiffError.nonFinite(let message) = error else { return false }
            return message.contains("exp(exp(exp(exp(exp(x)))))")
        }
    }

    @Test("differentiating 100,000 levels is refused with limitExceeded")
    func deepDiffRefused() {
        let e = Self.expChain
        #expect {
            try e.diff(x)
        } throws: { error in
            guard case SymDiffError.limitExceeded(let message) = error else { return false }
            return message.contains("100001 levels")
        }
        #expect(throws: SymDiffError.self) { try e.gradient([x]) }
    }

    @Test("tanh(tanh(...(x)...)) 100,000 deep evaluates like a plain loop")
    func tanhChainValue() throws {
        let e = Self.chain(tanh)
        var expected = 0.5
        for _ in 0..<Self.depth { expected = Foundation.tanh(expected) }
        #expect(try e.evaluate(at: ["x": 0.5]) == expected)
    }

    @Test("100,000 nested parentheses parse, differentiate, print and evaluate")
    func nestedParentheses() throws {
        let text = String(repeating: "(", count: Self.depth) + "x*x + 1" + String(repeating: ")", count: Self.depth)
        let e = try Expr.parse(text)
        #expect(e == x * x + 1)
        #expect(try e.diff(x) == 2 * x)
        #expect(e.description == "x**2 + 1")
        #expect(try e.evaluate(at: ["x": 3]) == 10)
    }

    @Test("100,000 nested sigmoid calls parse and evaluate; diff is refused")
    func nestedCallsParsed() throws {
        let text = String(repeating: "sigmoid(", count: Self.depth) + "x" + String(repeating: ")", count: Self.depth)
        let e = try Expr.parse(text)
        #expect(e.height == Self.depth + 1)
        var expected = 0.0
        for _ in 0..<Self.depth { expected = 1 / (1 + Foundation.exp(-expected)) }
        #expect(Numeric.close(try e.evaluate(at: ["x": 0]), expected, tolerance: 1e-12))
        #expect(throws: SymDiffError.self) { try e.diff(x) }
    }

    @Test("10,000 nested sums flatten into one sum")
    func nestedSums() throws {
        let text = String(repeating: "(1 + ", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        let e = try Expr.parse(text)
        #expect(e == x + 10_000)
        #expect(e.height == 2)
    }

    @Test("a 300-deep tanh chain differentiates and agrees with a finite difference")
    func moderateDepthDiff() throws {
        let e = Self.chain(tanh, depth: 300)
        let d = try e.diff(x)
        let h = 1e-6
        let fd = (try e.evaluate(at: ["x": 0.7 + h]) - e.evaluate(at: ["x": 0.7 - h])) / (2 * h)
        #expect(Numeric.close(try d.evaluate(at: ["x": 0.7]), fd, tolerance: 1e-6))
    }
}
