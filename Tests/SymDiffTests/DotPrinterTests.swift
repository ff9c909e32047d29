import Testing
import SymDiff

/// Graphviz DOT of the DAG: every distinct node once, shared nodes with
/// several incoming edges.
@Suite("DOT printer")
struct DotPrinterTests {
    static func lines(_ dot: String) -> [Substring] { dot.split(separator: "\n") }

    @Test("a shared node is drawn once, with an edge from each parent")
    func sharedNode() throws {
        let e = try Expr.parse("sigmoid(x)*(1 - sigmoid(x))")
        let dot = DotPrinter.print(e)
        let lines = Self.lines(dot)
        let nodes = lines.filter { $0.contains("[label=") && !$0.contains("->") }
        #expect(nodes.count == e.nodeCount)
        #expect(nodes.filter { $0.contains("\"sigmoid\"") }.count == 1)
        let sigmoidID = try #require(nodes.first { $0.contains("\"sigmoid\"") }?.split(separator: " ").first)
        #expect(lines.filter { $0.hasSuffix("-> \(sigmoidID);") }.count == 2)
        let edges = lines.filter { $0.contains("->") }
        #expect(edges.count == e.postOrder().reduce(0) { $0 + $1.arguments.count })
    }

    @Test("the whole graph for x**y + 1")
    func golden() throws {
        #expect(DotPrinter.print(try Expr.parse("x**y + 1")) == """
            digraph "expression" {
              node [fontname="Helvetica"];
              n0 [label="1", shape=plaintext];
              n1 [label="x", shape=ellipse];
              n2 [label="y", shape=ellipse];
              n3 [label="^", shape=circle];
              n4 [label="+", shape=circle];
              n3 -> n1 [label="base"];
              n3 -> n2 [label="exponent"];
              n4 -> n0;
              n4 -> n3;
            }

            """)
    }

    @Test("several roots share one graph and are labelled")
    func roots() throws {
        let x = Expr.symbol("x")
        let dot = DotPrinter.print([exp(x), exp(x) + 1], names: ["f", "g"])
        let lines = Self.lines(dot)
        #expect(lines.filter { $0.contains("\"exp\"") }.count == 1)
        #expect(lines.contains { $0.contains("r0 [label=\"f\"") })
        #expect(lines.contains { $0.contains("r1 [label=\"g\"") })
    }
}
