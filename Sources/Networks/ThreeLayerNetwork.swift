import SymDiff

/// The seeds' network f(x) = W2·σ(W1·x + b1) + b2 with named stages
/// z1 = W1·x + b1, a1 = σ(z1), y = W2·a1 + b2 and loss L = ½(y − target)²
/// (seed 000, sections 2 and 5, appendix C).
///
/// Results come in two forms: fully expanded in x, target and the parameters
/// (what SymPy's `diff` gives), and in backpropagation form over the stored
/// stages z1, a1, y (`(y - target)*W2*a1*(1 - a1)*x`).
///
/// ```swift
/// let net = ThreeLayerNetwork()
/// try net.derivative(net.W2)   // sigmoid(W1*x + b1)*(W2*sigmoid(W1*x + b1) + b2 - target)
/// try net.backprop(net.W1)     // W2*a1*x*(1 - a1)*(y - target)
/// try net.derivative(net.W1).evaluate(at: ThreeLayerNetwork.seedPoint)   // -0.28125
/// ```
public struct ThreeLayerNetwork: Sendable {
    /// The hidden activation σ (sigmoid in the seeds; tanh, relu, ... also work).
    public let activation: Activation
    /// `halfSquaredError` (the seeds' ½(y − target)²), `meanSquaredError`
    /// ((y − target)², one output) or `binaryCrossEntropy`, which reads y as a
    /// logit: L = −[target·log σ(y) + (1 − target)·log(1 − σ(y))] (seed 002's ŷ = σ(z)).
    public let lossFunction: Loss

    public let x = Expr.symbol("x")
    public let target = Expr.symbol("target")
    public let W1 = Expr.symbol("W1")
    public let W2 = Expr.symbol("W2")
    public let b1 = Expr.symbol("b1")
    public let b2 = Expr.symbol("b2")

    /// Stand-in symbols for the stored stages.
    public let z1 = Expr.symbol("z1")
    public let a1 = Expr.symbol("a1")
    public let y = Expr.symbol("y")

    /// z1, a1, y in forward order.
    public let stages: [Stage]
    /// `stages` as definitions, made once: each chain-rule factor folds and expands through them.
    private let stageDefinitions: Definitions
    /// The loss in terms of the stage y and the target.
    public let stagedLoss: Expr
    /// The loss fully expanded in x, target and the parameters.
    public let loss: Expr

    /// Builds the network with the given hidden activation and loss.
    ///
    /// - Precondition: `activation` is element-wise and `loss` is not categorical cross-entropy
    ///   (one output).
    public init(activation: Activation = .sigmoid, loss: Loss = .halfSquaredError) {
        precondition(activation.isElementwise, "the hidden activation must be element-wise")
        precondition(loss != .categoricalCrossEntropy, "one output: use mse or bce")
        self.activation = activation
        self.lossFunction = loss
        let (x, W1, W2, b1, b2, target) = (Expr.symbol("x"), Expr.symbol("W1"), Expr.symbol("W2"),
                                           Expr.symbol("b1"), Expr.symbol("b2"), Expr.symbol("target"))
        let (z1, a1, y) = (Expr.symbol("z1"), Expr.symbol("a1"), Expr.symbol("y"))
        let z1Expanded = W1 * x + b1
        let a1Expanded = activation.apply([z1Expanded])[0]
        let yExpanded = W2 * a1Expanded + b2
        self.stages = [
            Stage(symbol: z1, definition: W1 * x + b1, expanded: z1Expanded),
            Stage(symbol: a1, definition: activation.apply([z1])[0], expanded: a1Expanded),
            Stage(symbol: y, definition: W2 * a1 + b2, expanded: yExpanded),
        ]
        self.stageDefinitions = stages.definitions
        self.stagedLoss = ThreeLayerNetwork.loss(loss, y: y, target: target)
        self.loss = ThreeLayerNetwork.loss(loss, y: yExpanded, target: target)
    }

    private static func loss(_ loss: Loss, y: Expr, target: Expr) -> Expr {
        switch loss {
        case .binaryCrossEntropy:
            return Loss.binaryCrossEntropy.apply(outputs: [sigmoid(y)], targets: [target])
        default:
            return loss.apply(outputs: [y], targets: [target])
        }
    }

    /// W1, W2, b1, b2: the order of the seed's gradient tuple.
    public var parameters: [Expr] { [W1, W2, b1, b2] }

    /// The network output f(x) fully expanded.
    public var output: Expr { stages[2].expanded }

    /// ∂L/∂θ fully expanded, by `diff` (the same expression SymPy's `diff` gives
    /// up to canonical ordering).
    public func derivative(_ parameter: Expr) throws -> Expr {
        try loss.diff(parameter)
    }

    /// ∂L/∂θ for all four parameters by one reverse-mode sweep.
    public func gradient() throws -> [Expr] {
        try loss.gradient(parameters)
    }

    /// The chain-rule factors for θ as in seed 000 C.4, outermost first:
    /// ∂L/∂y, ∂y/∂a1, ∂a1/∂z1, ∂z1/∂θ for W1 and b1; ∂L/∂y, ∂y/∂θ for W2 and b2.
    /// Each is `diff` of a stage definition with respect to a stand-in symbol.
    ///
    /// ```swift
    /// try net.chainRuleFactors(net.W1).map(\.staged)   // [y - target, W2, a1*(1 - a1), x]
    /// ```
    public func chainRuleFactors(_ parameter: Expr) throws -> [ChainFactor] {
        let (z1Stage, a1Stage, yStage) = (stages[0], stages[1], stages[2])
        func factor(_ of: Expr, _ ofName: String, _ wrt: Expr, _ wrtName: String) throws -> ChainFactor {
            let raw = try of.diff(wrt)
            return ChainFactor(label: "∂\(ofName)/∂\(wrtName)", staged: stageDefinitions.fold(raw, regrouping: false),
                               expanded: stageDefinitions.inline(raw))
        }
        let name = parameter.description
        var factors = [try factor(stagedLoss, "L", y, "y")]
        if lossFunction == .binaryCrossEntropy {
            // diff gives sigmoid(y)*(1 - target) - target*(1 - sigmoid(y)); show the seed's
            // ŷ − y (seed 002 eq. 16) once it is proved to be the same expression.
            let closed = sigmoid(y) - target
            if Expr.checkEquivalence(closed, factors[0].staged).isProved {
                factors[0] = ChainFactor(label: factors[0].label, staged: closed, expanded: stageDefinitions.inline(closed))
            }
        }
        if parameter == W2 || parameter == b2 {
            factors.append(try factor(yStage.definition, "y", parameter, name))
        } else if parameter == W1 || parameter == b1 {
            factors.append(try factor(yStage.definition, "y", a1, "a1"))
            factors.append(try factor(a1Stage.definition, "a1", z1, "z1"))
            factors.append(try factor(z1Stage.definition, "z1", parameter, name))
        } else {
            throw SymDiffError.invalidVariable("'\(parameter)' is not a parameter of the network (W1, W2, b1, b2)")
        }
        return factors
    }

    /// ∂L/∂θ in backpropagation form: the chain-rule factors multiplied, over
    /// the stage symbols (`(y - target)*a1` for W2).
    public func backprop(_ parameter: Expr) throws -> Expr {
        Expr.mul(try chainRuleFactors(parameter).map(\.staged))
    }

    /// The seed's worked point (seed 000 §6.3, example 1): x = 5, W1 = 0.2,
    /// W2 = 0.5, b1 = −1, b2 = 0, target = 0.7, where L = 0.10125 and
    /// ∂L/∂(W1, W2, b1, b2) = (−0.28125, −0.225, −0.05625, −0.45).
    public static let seedPoint: [String: Double] = ["x": 5, "W1": 0.2, "W2": 0.5, "b1": -1, "b2": 0, "target": 0.7]

    /// The names a point must bind, in display order.
    public static let pointNames = ["x", "W1", "W2", "b1", "b2", "target"]
}

/// One factor of a chain-rule product, such as ∂a1/∂z1.
public struct ChainFactor: Sendable, Hashable {
    /// `∂a1/∂z1`.
    public let label: String
    /// The factor over the stage symbols (`a1*(1 - a1)`).
    public let staged: Expr
    /// The factor in inputs and parameters (`sigmoid(W1*x + b1)*(1 - sigmoid(W1*x + b1))`).
    public let expanded: Expr

    public init(label: String, staged: Expr, expanded: Expr) {
        self.label = label
        self.staged = staged
        self.expanded = expanded
    }
}
