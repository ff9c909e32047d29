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
    /// Replaces every stage symbol in `e` by its expanded value.
    ///
    /// ```swift
    /// net.stages.expand(net.backprop(net.W2))   // (W2*sigmoid(W1*x + b1) + b2 - target)*sigmoid(W1*x + b1)
    /// ```
    public func expand(_ e: Expr) -> Expr {
        // Expanded values contain no stage symbols, so one simultaneous substitution suffices.
        e.substituting(Dictionary(map { ($0.symbol, $0.expanded) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Rewrites `e` so that each stage's definition is replaced by its symbol
    /// (`sigmoid(z1)` → `a1`), latest stage first: the backpropagation form.
    public func fold(_ e: Expr) -> Expr {
        var result = e
        for stage in reversed() where !stage.definition.isSymbol && !stage.definition.isNumber {
            result = result.substituting([stage.definition: stage.symbol])
        }
        return result
    }
}
