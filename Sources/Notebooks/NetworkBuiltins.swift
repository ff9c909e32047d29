import SymDiff
import Networks

/// Session built-ins and attributes for the `Networks` module: the seed
/// network of seed 000 and fully connected networks.
///
/// ```text
/// net = seed_network()
/// net.backprop          # every ∂L/∂θ over the stages z1, a1, y
/// mlp = network([2, 2, 1], ["relu", "sigmoid"], loss="bce")
/// mlp.parameters
/// ```
enum NetworkBuiltins {
    static let all: [Builtin] = [
        Builtin(name: "seed_network", usage: "seed_network(activation=\"sigmoid\", loss=\"mse\")",
                summary: "seed 000's network W2*sigmoid(W1*x + b1) + b2 with stages z1, a1, y") { c in
            try c.expect(0...0, keywords: ["activation", "loss"], usage: "seed_network(activation=\"sigmoid\", loss=\"mse\")")
            let activation = try NetworkBuiltins.activation(c, try c.string("activation", default: "sigmoid")!)
            guard activation.isElementwise else {
                throw CallError("the hidden activation must act element by element", argument: c.keywordIndex("activation"))
            }
            let loss = try NetworkBuiltins.loss(c, try c.string("loss", default: "mse")!)
            guard loss != .categoricalCrossEntropy else {
                throw CallError("the seed network has one output: use mse, mse-mean or bce", argument: c.keywordIndex("loss"))
            }
            return .seedNetwork(ThreeLayerNetwork(activation: activation, loss: loss))
        },
        Builtin(name: "network", usage: "network([2, 2, 1], [\"relu\", \"sigmoid\"], loss=\"bce\")",
                summary: "a fully connected network: inputs x1.., targets t1.., weights Wl_i_j, biases bl_i") { c in
            let usage = "network([2, 2, 1], [\"relu\", \"sigmoid\"], loss=\"bce\")"
            try c.expect(2...2, keywords: ["loss"], usage: usage)
            guard case .list(let sizeValues) = c.positional[0].value else {
                throw CallError("the layer sizes are a list such as [2, 2, 1]", argument: c.positional[0].index)
            }
            var sizes: [Int] = []
            for v in sizeValues {
                guard let n = v.expr?.numberValue?.asInt, n >= 1, n <= 1000 else {
                    throw CallError("layer sizes are whole numbers from 1 to 1000", argument: c.positional[0].index)
                }
                sizes.append(n)
            }
            guard case .list(let activationValues) = c.positional[1].value else {
                throw CallError("the activations are a list of names such as [\"relu\", \"sigmoid\"]", argument: c.positional[1].index)
            }
            var activations: [Activation] = []
            for v in activationValues {
                guard case .text(let name) = v else {
                    throw CallError("activations are names in quotes, such as \"sigmoid\"", argument: c.positional[1].index)
                }
                guard let a = Activation(name: name) else {
                    throw CallError("unknown activation '\(name)' (identity, sigmoid, tanh, relu, leaky_relu, softmax)", argument: c.positional[1].index)
                }
                activations.append(a)
            }
            let loss = try NetworkBuiltins.loss(c, try c.string("loss", default: "mse")!)
            let parameterCount = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
            guard parameterCount <= maximumParameters else {
                throw CallError("\(parameterCount) parameters is more than a session builds symbolically (at most \(maximumParameters))",
                                argument: c.positional[0].index)
            }
            if let problem = Network.problem(layerSizes: sizes, activations: activations, loss: loss) {
                throw CallError(problem)
            }
            return .network(Network(layerSizes: sizes, activations: activations, loss: loss))
        },
        Builtin(name: "chain_rule", usage: "chain_rule(seed_network(), W1)",
                summary: "the chain-rule factors of ∂L/∂θ for the seed network, outermost first") { c in
            try c.expect(2...2, usage: "chain_rule(net, W1)")
            guard case .seedNetwork(let net) = c.positional[0].value else {
                throw CallError("chain_rule needs the seed network (seed_network())", argument: c.positional[0].index)
            }
            let parameter = try c.expr(1, "a parameter")
            let factors = try net.chainRuleFactors(parameter)
            return .record(factors.map { ($0.label, .expr($0.staged)) })
        },
    ]

    /// Networks are built as expressions; beyond this size that stops being quick.
    static let maximumParameters = 5_000

    static func activation(_ c: CallContext, _ name: String) throws -> Activation {
        guard let a = Activation(name: name) else {
            throw CallError("unknown activation '\(name)' (identity, sigmoid, tanh, relu, leaky_relu, softmax)", argument: c.keywordIndex("activation"))
        }
        return a
    }

    static func loss(_ c: CallContext, _ name: String) throws -> Loss {
        guard let l = Loss(name: name) else {
            throw CallError("unknown loss '\(name)' (mse, mse-mean, bce, ce)", argument: c.keywordIndex("loss"))
        }
        return l
    }

    /// The attribute `name` of a network value, or `nil` if it has none.
    static func attribute(_ value: Value, _ name: String) throws -> Value? {
        switch value {
        case .seedNetwork(let net):
            switch name {
            case "loss": return .expr(net.loss)
            case "staged_loss": return .expr(net.stagedLoss)
            case "output": return .expr(net.output)
            case "parameters": return .list(net.parameters.map { .expr($0) })
            case "stages": return .record(net.stages.map { ($0.name, .expr($0.definition)) })
            case "gradient":
                return .record(zip(net.parameters, try net.gradient()).map { ($0.description, .expr($1)) })
            case "backprop":
                return .record(try net.parameters.map { ($0.description, .expr(try net.backprop($0))) })
            default: return nil
            }
        case .network(let net):
            switch name {
            case "stages":
                return .record(try net.backpropagation().stages.map { ($0.name, .expr($0.definition)) })
            case "deltas":
                // Output layer first: each delta uses the next layer's.
                return .record(try net.backpropagation().deltas.reversed().flatMap { $0 }.map { ($0.name, .expr($0.definition)) })
            case "backprop":
                return .record(zip(net.parameters, try net.backpropagation().gradient).map { ($0.description, .expr($1)) })
            case "staged_loss": return .expr(try net.backpropagation().stagedLoss)
            case "default_point":
                let point = net.defaultPoint()
                return .record(net.variables.map { ($0.description, .expr(.number(Number(point[$0.description]!)))) })
            case "loss": return .expr(net.loss)
            case "outputs": return .list(net.outputs.map { .expr($0) })
            case "parameters": return .list(net.parameters.map { .expr($0) })
            case "weights": return .list(net.layers.flatMap { $0.weights.flatMap { $0 } }.map { .expr($0) })
            case "biases": return .list(net.layers.flatMap(\.biases).map { .expr($0) })
            case "inputs": return .list(net.inputs.map { .expr($0) })
            case "targets": return .list(net.targets.map { .expr($0) })
            case "gradient":
                return .record(zip(net.parameters, try net.gradient()).map { ($0.description, .expr($1)) })
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The attributes a value has, for error messages.
    static func attributeNames(of value: Value) -> [String] {
        switch value {
        case .seedNetwork: return ["loss", "staged_loss", "output", "parameters", "stages", "gradient", "backprop"]
        case .network: return ["loss", "staged_loss", "outputs", "parameters", "weights", "biases", "inputs", "targets",
                               "gradient", "stages", "deltas", "backprop", "default_point"]
        default: return []
        }
    }
}
