/// A session value expression, parsed: calls with keyword arguments, lists
/// `[a, b]`, points `{x: 1}`, strings, attributes `net.loss` and arithmetic.
///
/// The tree is flat, in post-order (each node's operands come just before
/// it), so building, evaluating and releasing it never recurse, however deep
/// the parentheses. An evaluator runs the nodes in order over a stack of
/// values; that order is the order in which the written operators apply.
///
/// ```text
/// diff(f, x=1) + 2   →   checkFunction diff, name f, integer 1, call diff [nil, x], integer 2, binary +
/// ```
package struct ValueSyntax: Sendable {
    /// `name=` before a call's argument.
    package struct Keyword: Sendable, Equatable {
        package let name: String
        package let offset: Int
        package init(name: String, offset: Int) {
            self.name = name
            self.offset = offset
        }
    }

    package enum Node: Sendable, Equatable {
        case integer(String)
        case decimal(Double)
        case string(String)
        /// A name standing alone: a defined value or a symbol.
        case name(String)
        /// `+ - * / ** ^ ==` on the two values before it.
        case binary(String)
        /// `-` or `+` on the value before it.
        case unary(String)
        /// Before a call's arguments: `name(` was written, so `name` must be a function.
        case checkFunction(String)
        /// `name(...)` of the `keywords.count` values before it; each
        /// argument's keyword (`x=` in `eval(f, x=1)`, with where it is
        /// written) or `nil` for a positional argument.
        case call(String, keywords: [Keyword?])
        /// `[...]` of the `count` values before it.
        case list(count: Int)
        /// `{k: v, ...}` of the values before it, one per key.
        case record(keys: [String])
        /// `.name` of the value before it; `nameOffset` is where the name is.
        case attribute(String, nameOffset: Int)
    }

    /// The nodes in post-order, each with the offset that errors about it
    /// point at (an operator, a call's name, a bracket).
    package var nodes: [(node: Node, offset: Int)] = []

    package init() {}
}
