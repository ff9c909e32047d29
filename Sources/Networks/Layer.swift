import SymDiff

/// A fully connected layer: a = f(W·x + b), with its parameters as named symbols.
///
/// Layer `l` with `n` inputs and `m` outputs owns the symbols `Wl_i_j`
/// (row i = output i, column j = input j, both from 1) and `bl_i`.
///
/// ```swift
/// let layer = Layer(index: 1, inputSize: 2, outputSize: 1, activation: .sigmoid)
/// layer.parameters                      // [W1_1_1, W1_1_2, b1_1]
/// layer(Expr.symbols("x1 x2"))           // [sigmoid(W1_1_1*x1 + W1_1_2*x2 + b1_1)]
/// ```
public struct Layer: Sendable, Hashable {
    /// The layer's position in its network, from 1.
    public let index: Int
    /// W, `outputSize` rows × `inputSize` columns of symbols.
    public let weights: [[Expr]]
    /// b, one symbol per output.
    public let biases: [Expr]
    public let activation: Activation

    public var inputSize: Int { weights.first?.count ?? 0 }
    public var outputSize: Int { biases.count }

    /// Builds the layer's symbols `W{index}_{i}_{j}` and `b{index}_{i}`.
    public init(index: Int, inputSize: Int, outputSize: Int, activation: Activation) {
        precondition(inputSize > 0 && outputSize > 0, "a layer needs at least one input and one output")
        self.index = index
        self.weights = (1...outputSize).map { i in
            (1...inputSize).map { j in Expr.symbol(Layer.weightName(layer: index, row: i, column: j)) }
        }
        self.biases = (1...outputSize).map { i in Expr.symbol(Layer.biasName(layer: index, row: i)) }
        self.activation = activation
    }

    /// The weights row by row, then the biases: `W1_1_1, W1_1_2, ..., b1_1, ...`.
    public var parameters: [Expr] { weights.flatMap { $0 } + biases }

    /// z = W·x + b.
    ///
    /// ```swift
    /// layer.preactivation([x1, x2])   // [W1_1_1*x1 + W1_1_2*x2 + b1_1]
    /// ```
    public func preactivation(_ input: [Expr]) -> [Expr] {
        precondition(input.count == inputSize, "layer \(index) takes \(inputSize) inputs, got \(input.count)")
        return zip(weights, biases).map { row, b in Expr.add(zip(row, input).map { $0 * $1 } + [b]) }
    }

    /// a = f(W·x + b).
    public func callAsFunction(_ input: [Expr]) -> [Expr] {
        activation.apply(preactivation(input))
    }

    /// `W{layer}_{row}_{column}`, e.g. `W1_2_1`.
    public static func weightName(layer: Int, row: Int, column: Int) -> String { "W\(layer)_\(row)_\(column)" }
    /// `b{layer}_{row}`, e.g. `b1_2`.
    public static func biasName(layer: Int, row: Int) -> String { "b\(layer)_\(row)" }
}
