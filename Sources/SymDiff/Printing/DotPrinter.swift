/// Graphviz DOT of the expression DAG: each distinct node is drawn once, so a
/// subexpression shared by several parents (or several roots) has several
/// incoming edges instead of being copied.
///
/// ```swift
/// let x = Expr.symbol("x")
/// let s = sigmoid(x)
/// print(DotPrinter.print([s * (1 - s)]))
/// // digraph expression {
/// //   ...
/// //   n1 [label="sigmoid"];
/// //   n1 -> n0;
/// //   ...
/// ```
///
/// Render with `dot -Tsvg expr.dot > expr.svg`.
public enum DotPrinter {
    /// The DAG of `roots` as a DOT digraph. Operators are labelled `+`, `×`, `^`
    /// and by function name; the edges of a power are labelled `base` and
    /// `exponent`, those of a function with several arguments by position.
    /// Each root gets a box with its name (`f`, or `names[i]` when given).
    ///
    /// - Complexity: O(distinct nodes); iterative, so any depth prints.
    public static func print(_ roots: [Expr], names: [String]? = nil, graphName: String = "expression") -> String {
        let order = Expr.postOrder(roots)
        var id: [Expr: Int] = [:]
        id.reserveCapacity(order.count)
        var lines = ["digraph \(quoted(graphName)) {", "  node [fontname=\"Helvetica\"];"]
        for (index, node) in order.enumerated() {
            id[node] = index
            lines.append("  n\(index) [\(attributes(node))];")
        }
        for node in order {
            let args = node.arguments
            for (position, child) in args.enumerated() {
                var edge = "  n\(id[node]!) -> n\(id[child]!)"
                if let label = edgeLabel(node, position) { edge += " [label=\(quoted(label))]" }
                lines.append(edge + ";")
            }
        }
        if roots.count > 1 || names != nil {
            for (i, root) in roots.enumerated() {
                let name = names.flatMap { i < $0.count ? $0[i] : nil } ?? (roots.count == 1 ? "f" : "f\(i)")
                lines.append("  r\(i) [label=\(quoted(name)), shape=box, style=filled, fillcolor=\"#eeeeee\"];")
                lines.append("  r\(i) -> n\(id[root]!) [style=dashed];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The DAG of one expression.
    public static func print(_ e: Expr) -> String { print([e]) }

    static func attributes(_ node: Expr) -> String {
        switch node.kind {
        case .symbol(let name): return "label=\(quoted(name)), shape=ellipse"
        case .number(let n): return "label=\(quoted(n.description)), shape=plaintext"
        case .add: return "label=\"+\", shape=circle"
        case .mul: return "label=\"×\", shape=circle"
        case .pow: return "label=\"^\", shape=circle"
        case .apply(let f): return "label=\(quoted(f.name)), shape=box"
        }
    }

    static func edgeLabel(_ node: Expr, _ position: Int) -> String? {
        switch node.kind {
        case .pow: return position == 0 ? "base" : "exponent"
        case .apply where node.arguments.count > 1: return "\(position + 1)"
        default: return nil
        }
    }

    static func quoted(_ text: String) -> String {
        if !text.contains(where: { $0 == "\\" || $0 == "\"" }) { return "\"" + text + "\"" }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension Expr {
    /// The expression DAG in Graphviz DOT; see `DotPrinter`.
    ///
    /// ```swift
    /// print((x * y + x).dot)
    /// ```
    public var dot: String { DotPrinter.print([self]) }
}
