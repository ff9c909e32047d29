import Testing
import SymDiff

/// `fold`: the one bottom-up traversal. Expected values are counted by hand
/// from the expressions' trees.
@Suite("Fold over the DAG")
struct FoldTests {
    let x = Expr.symbol("x"), y = Expr.symbol("y")

    @Test("a leaf is combined once, with no children")
    func leaf() {
        var calls = 0
        let result: Int = x.fold { node, children in
            calls += 1
            #expect(node == x && children.isEmpty)
            return 7
        }
        #expect(result == 7 && calls == 1)
    }

    @Test("a shared node is combined once, and its result reaches every use")
    func sharedOnce() {
        let s = x * y
        let f = s + exp(s)   // s occurs twice
        var calls: [Expr: Int] = [:]
        let size: Int = f.fold { node, children in
            calls[node, default: 0] += 1
            return children.reduce(1, +)
        }
        #expect(calls.values.allSatisfy { $0 == 1 })
        #expect(calls.count == 5)     // add, mul, x, y, exp
        #expect(size == 8)            // as a tree: add, exp, and x*y (3 nodes) twice
        #expect(Expr.treeSize([f]) == 8)
    }

    @Test("children's results arrive in operand order, repeated operands repeated")
    func operandOrder() {
        let p = x ** x                // operands [x, x]
        let text: String = p.fold { node, children in
            node.symbolName ?? "(" + children.joined(separator: ",") + ")"
        }
        #expect(text == "(x,x)")
    }

    @Test("several roots share one memo and results come in the order of the roots")
    func severalRoots() {
        let s = tanh(x)
        var calls = 0
        let heights: [Int] = Expr.fold([s + 1, s, x]) { _, children in
            calls += 1
            return 1 + (children.max() ?? 0)
        }
        #expect(heights == [3, 2, 1])
        #expect(calls == 4)           // x, tanh(x), 1, tanh(x) + 1
    }

    @Test("an error from the closure stops the fold and is rethrown")
    func errorStops() {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try (x + y).fold { node, _ -> Int in if node == y { throw Stop() }; return 0 }
        }
    }

    @Test("a chain 100,000 deep folds without recursion")
    func deepChain() {
        var e = x
        for _ in 0..<100_000 { e = tanh(e) }
        #expect(e.fold { _, children in 1 + (children.first ?? 0) } == 100_001)
    }

    @Test("tree size saturates instead of overflowing")
    func treeSizeSaturates() {
        var e = x
        for _ in 0..<100 { e = e * (e + 1) }   // tree doubles each level; 100 levels overflow Int
        #expect(Expr.treeSize([e]) == Int.max / 4)
    }

    @Test("transformed is a fold: sigmoid replaced by its definition, shared node once")
    func transformedRewrites() {
        let s = sigmoid(x)
        let g = (s * s + s).transformed { node, args in
            node.function == .sigmoid ? 1 / (1 + exp(-args[0])) : node.rebuilt(with: args)
        }
        let definition = 1 / (1 + exp(-x))
        #expect(g == definition * definition + definition)
    }
}
