import SymDiff

/// The gradient in backpropagation (delta) form, seed 003 §5:
/// δ^(L) = ∂L/∂z^(L), δ^(l) = (W^(l+1))ᵀ δ^(l+1) ⊙ f'(z^(l)),
/// ∂L/∂W^(l) = δ^(l) (a^(l−1))ᵀ, ∂L/∂b^(l) = δ^(l).
///
/// Stages get stand-in symbols: pre-activations `zl_i`, activations `al_i`
/// (layer l from 1; `a0_j` is the input `xj`) and deltas `deltal_i`, so each
/// result can be shown over the stored stages and also fully expanded.
///
/// ```swift
/// let net = Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy)
/// let bp = try net.backpropagation()
/// bp.deltas[1][0].definition        // a2_1 - t1          (seed 002 eq. 16)
/// bp.gradient[0]                    // delta1_1*x1        (∂L/∂W1_1_1)
/// bp.expand(bp.gradient[0])         // the same, in inputs and parameters only
/// ```
public struct Backpropagation: Sendable {
    /// z and a stages of every layer in forward order: z1_1, z1_2, a1_1, a1_2, z2_1, ...
    public let stages: [Stage]
    /// δ^(l) for every layer (index 0 is layer 1); each definition uses the
    /// stage symbols and the next layer's delta symbols.
    public let deltas: [[Stage]]
    /// ∂L/∂θ in `parameters` order, as `delta * activation` over stage symbols.
    public let gradient: [Expr]
    /// The factors of each `gradient` entry in chain order: `[delta1_1, x1]`
    /// for a weight, `[delta1_1]` for a bias.
    public let gradientFactors: [[Expr]]
    /// The loss over the output stage symbols `aL_k` and the targets.
    public let stagedLoss: Expr
    /// The stages, then the deltas from the output layer down, as one scope.
    public let definitions: Definitions

    /// Replaces every stage and delta symbol by its expanded value.
    public func expand(_ e: Expr) -> Expr { definitions.inline(e) }
}

extension Network {
    /// The symbols standing in for layer `l`'s stored stages (`l` from 1):
    /// pre-activations `zl_i` and activations `al_i`.
    public func stageSymbols(layer l: Int) -> (z: [Expr], a: [Expr]) {
        let n = layers[l - 1].outputSize
        return ((1...n).map { Expr.symbol("z\(l)_\($0)") }, (1...n).map { Expr.symbol("a\(l)_\($0)") })
    }

    /// The stand-in symbol for δ^(l)_i.
    public func deltaSymbol(layer l: Int, unit i: Int) -> Expr { Expr.symbol("delta\(l)_\(i)") }

    /// Builds the delta form of the gradient (see `Backpropagation`).
    public func backpropagation() throws -> Backpropagation {
        var stages: [Stage] = []
        var below = inputs   // a^(l-1) as stage symbols; a^(0) = x
        for (index, layer) in layers.enumerated() {
            let l = index + 1
            let (z, a) = stageSymbols(layer: l)
            let zDefinitions = layer.preactivation(below)
            let aDefinitions = layer.activation.apply(z)
            for i in z.indices {
                stages.append(Stage(symbol: z[i], definition: zDefinitions[i], expanded: preactivations[index][i]))
            }
            for i in a.indices {
                stages.append(Stage(symbol: a[i], definition: aDefinitions[i], expanded: activationValues[index][i]))
            }
            below = a
        }
        let last = layers.count
        let (zL, aL) = stageSymbols(layer: last)
        let stagedLoss = lossFunction.apply(outputs: aL, targets: targets)

        // Output delta: Σ_j ∂L/∂a_j · ∂a_j/∂z_k, or the closed form the seeds use
        // when it is proved equal to that product.
        let dLda = try aL.map { try stagedLoss.diff($0) }
        let jacobian = outputActivation.jacobian(z: zL, a: aL)
        var outputDelta = zL.indices.map { k in Expr.add(aL.indices.map { j in dLda[j] * jacobian[j][k] }) }
        if let closed = closedFormOutputDelta(aL) {
            if zip(closed, outputDelta).allSatisfy({ Expr.checkEquivalence($0, $1).isProved }) { outputDelta = closed }
        }

        var deltaDefinitions: [[Expr]] = Array(repeating: [], count: last)
        deltaDefinitions[last - 1] = outputDelta
        for l in stride(from: last - 1, through: 1, by: -1) {
            let above = layers[l]   // layer l + 1
            let (z, a) = stageSymbols(layer: l)
            let derivative = layers[l - 1].activation.elementwiseDerivative(z: z, a: a)
            deltaDefinitions[l - 1] = z.indices.map { i in
                let back = Expr.add((0..<above.outputSize).map { k in above.weights[k][i] * deltaSymbol(layer: l + 1, unit: k + 1) })
                return back * derivative[i]
            }
        }

        // Expand from the output down: each delta uses the next layer's deltas.
        var definitions = stages.definitions
        var deltas: [[Stage]] = Array(repeating: [], count: last)
        for l in stride(from: last, through: 1, by: -1) {
            deltas[l - 1] = deltaDefinitions[l - 1].enumerated().map { i, definition in
                let symbol = deltaSymbol(layer: l, unit: i + 1)
                definitions = definitions.appending(symbol.symbolName!, definition)
                return Stage(symbol: symbol, definition: definition, expanded: definitions.inlinedValue(of: symbol.symbolName!)!)
            }
        }

        var factors: [[Expr]] = []
        below = inputs
        for (index, layer) in layers.enumerated() {
            let l = index + 1
            let d = (1...layer.outputSize).map { deltaSymbol(layer: l, unit: $0) }
            for i in 0..<layer.outputSize { for j in 0..<layer.inputSize { factors.append([d[i], below[j]]) } }
            factors.append(contentsOf: d.map { [$0] })
            below = stageSymbols(layer: l).a
        }
        return Backpropagation(stages: stages, deltas: deltas, gradient: factors.map { Expr.mul($0) },
                               gradientFactors: factors, stagedLoss: stagedLoss, definitions: definitions)
    }

    /// The textbook output deltas: ŷ − y for sigmoid + BCE (seed 002 eq. 16,
    /// divided by n for the mean over n outputs) and softmax + cross-entropy
    /// (seed 003, written ŷ_k·Σ_j y_j − y_k so it holds for any targets, ŷ_k − y_k
    /// for one-hot ones), and for a linear output with ½-squared error.
    private func closedFormOutputDelta(_ a: [Expr]) -> [Expr]? {
        let n = Expr.number(a.count)
        switch (outputActivation, lossFunction) {
        case (.sigmoid, .binaryCrossEntropy):
            return zip(a, targets).map { ($0 - $1) / n }
        case (.softmax, .categoricalCrossEntropy):
            let total = Expr.add(targets)
            return zip(a, targets).map { $0 * total - $1 }
        case (.identity, .halfSquaredError):
            return zip(a, targets).map { $0 - $1 }
        default:
            return nil
        }
    }
}
