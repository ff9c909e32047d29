import SymDiff

/// One stored intermediate of a forward pass: a stand-in symbol, its
/// definition in terms of the previous stages' symbols, and the same value
/// fully expanded in inputs and parameters.
///
/// ```swift
/// let net = ThreeLayerNetwork()
/// let a1 = net.stages[1]
/// a1.symbol       // a1
/// a1.definition   // sigmoid(z1)
/// a1.expanded     // sigmoid(W1*x + b1)
/// ```
public struct Stage: Sendable, Hashable {
    /// The stand-in symbol (`z1`, `a1`, `y`, `z2_1`, ...).
    public let symbol: Expr
    /// The stage in terms of earlier stages' symbols.
    public let definition: Expr
    /// The stage in terms of inputs and parameters only.
    public let expanded: Expr

    public init(symbol: Expr, definition: Expr, expanded: Expr) {
        self.symbol = symbol
        self.definition = definition
        self.expanded = expanded
    }

    /// The stage's name.
    public var name: String { symbol.symbolName ?? symbol.description }
}

extension Array where Element == Stage {
    /// The stages as a `Definitions` scope (each stage's definition under its
    /// name, in forward order), for everything that sees through them.
    public var definitions: Definitions { Definitions(map { ($0.name, $0.definition) }) }

    /// Replaces every stage symbol in `e` by its expanded value.
    ///
    /// ```swift
    /// net.stages.expand(net.backprop(net.W2))   // (W2*sigmoid(W1*x + b1) + b2 - target)*sigmoid(W1*x + b1)
    /// ```
    public func expand(_ e: Expr) -> Expr { definitions.inline(e) }

    /// Rewrites `e` so that each stage's definition is replaced by its symbol
    /// (`sigmoid(z1)` → `a1`): the backpropagation form.
    public func fold(_ e: Expr) -> Expr { definitions.fold(e, regrouping: false) }
}
