import SymDiff

/// A fully connected feed-forward network built symbolically, micrograd-style:
/// it exposes what it computes (`outputs`, `loss`) and its `parameters`, nothing more.
///
/// Naming scheme (every name is a plain symbol, usable in `--at x1=1,W1_2_1=0.3`):
/// - inputs `x1 ... xn`, targets `t1 ... tm`;
/// - layer `l` (from 1): weights `Wl_i_j` (row i = unit i of layer l, column j =
///   unit j of the layer below), biases `bl_i`;
/// - `parameters` lists layer 1's weights row by row, then its biases, then layer 2's, ...
///
/// ```swift
/// // Seed 002's 2-2-1 network: ReLU hidden layer, sigmoid output, binary cross-entropy.
/// let net = Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)
/// net.parameters.map(\.description)   // ["W1_1_1", "W1_1_2", "W1_2_1", "W1_2_2", "b1_1", "b1_2", "W2_1_1", "W2_1_2", "b2_1"]
/// let grads = try net.gradient()      // ∂loss/∂parameters, same order
/// ```
public struct Network: Sendable {
    /// The layers, first (next to the inputs) to last (the outputs).
    public let layers: [Layer]
    /// The loss the network is trained with.
    public let lossFunction: Loss
    /// `x1 ... xn`.
    public let inputs: [Expr]
    /// `t1 ... tm`, one per output.
    public let targets: [Expr]
    /// Every weight and bias, in the documented order.
    public let parameters: [Expr]
    /// The last layer's activations as expressions in inputs and parameters.
    public let outputs: [Expr]
    /// The loss as one expression in inputs, targets and parameters.
    public let loss: Expr
    /// Pre-activations z^(l) of every layer, fully expanded (index 0 is layer 1).
    public let preactivations: [[Expr]]
    /// Activations a^(l) of every layer, fully expanded (index 0 is layer 1).
    public let activationValues: [[Expr]]

    /// Builds the network. `layerSizes` includes the input size: `[2, 10, 1]` is
    /// 2 inputs, 10 hidden units and 1 output; `activations` has one entry per
    /// layer after the input (softmax only on the last).
    ///
    /// ```swift
    /// let net = Network(layerSizes: [1, 1, 1], activations: [.sigmoid, .identity], loss: .halfSquaredError)
    /// ```
    ///
    /// - Precondition: the configuration is valid (see `Network.problem(layerSizes:activations:loss:)`).
    public init(layerSizes: [Int], activations: [Activation], loss: Loss) {
        if let problem = Network.problem(layerSizes: layerSizes, activations: activations, loss: loss) {
            preconditionFailure(problem)
        }
        let layers = (1..<layerSizes.count).map { l in
            Layer(index: l, inputSize: layerSizes[l - 1], outputSize: layerSizes[l], activation: activations[l - 1])
        }
        self.layers = layers
        self.lossFunction = loss
        self.inputs = (1...layerSizes[0]).map { Expr.symbol("x\($0)") }
        self.targets = (1...layerSizes.last!).map { Expr.symbol("t\($0)") }
        self.parameters = layers.flatMap(\.parameters)
        var z: [[Expr]] = []
        var a: [[Expr]] = []
        var signal = inputs
        for layer in layers {
            let pre = layer.preactivation(signal)
            signal = layer.activation.apply(pre)
            z.append(pre)
            a.append(signal)
        }
        self.preactivations = z
        self.activationValues = a
        self.outputs = signal
        self.loss = loss.apply(outputs: signal, targets: targets)
    }

    /// Why a configuration cannot be built, or `nil` when it can.
    ///
    /// ```swift
    /// Network.problem(layerSizes: [2, 1], activations: [], loss: .halfSquaredError)
    /// // "2 layer sizes need 1 activation (one per layer after the input), got 0"
    /// ```
    public static func problem(layerSizes: [Int], activations: [Activation], loss: Loss) -> String? {
        if layerSizes.count < 2 {
            return "a network needs at least an input size and an output size, got \(layerSizes.count) size\(layerSizes.count == 1 ? "" : "s")"
        }
        if let bad = layerSizes.first(where: { $0 < 1 }) { return "layer sizes must be at least 1, got \(bad)" }
        let layerCount = layerSizes.count - 1
        if activations.count != layerCount {
            return "\(layerSizes.count) layer sizes need \(layerCount) activation\(layerCount == 1 ? "" : "s") (one per layer after the input), got \(activations.count)"
        }
        if activations.dropLast().contains(.softmax) { return "softmax is only allowed on the output layer" }
        return nil
    }

    /// ∂loss/∂θ for every parameter θ, in `parameters` order, by reverse mode
    /// over the loss DAG (the result shares the forward nodes).
    ///
    /// ```swift
    /// let g = try net.gradient()   // g[0] is ∂loss/∂W1_1_1
    /// ```
    public func gradient() throws -> [Expr] {
        try loss.gradient(parameters)
    }

    /// The last layer's activation.
    public var outputActivation: Activation { layers.last!.activation }

    /// Layer sizes including the input, as given to `init`.
    public var layerSizes: [Int] { [layers[0].inputSize] + layers.map(\.outputSize) }

    /// Every symbol the loss can depend on: inputs, targets, parameters.
    public var variables: [Expr] { inputs + targets + parameters }
}
