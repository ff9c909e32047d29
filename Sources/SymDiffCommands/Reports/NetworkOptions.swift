import Foundation
import SymDiff
import Networks

/// The network options `print-gradients` and `verify-chain-rule` share:
/// the seed network with `--activation`/`--loss`, or a general network with
/// `--layers`/`--activations`/`--loss`.
struct NetworkOptions {
    static let specs: [OptionSpec] = [
        OptionSpec("activation", value: "A", choices: ["sigmoid", "tanh", "relu", "leaky_relu", "identity"],
                   help: "hidden activation of the seed network (default sigmoid)"),
        OptionSpec("loss", value: "L", choices: ["mse", "mse-mean", "bce", "ce"],
                   help: "mse = (y - target)**2/2 as in the seeds (default), mse-mean, bce, ce (general networks)"),
        OptionSpec("layers", value: "N,N,...", help: "a general network: layer sizes including the input, e.g. 2,2,1"),
        OptionSpec("activations", value: "A,A,...", help: "one activation per layer after the input, e.g. relu,sigmoid"),
    ]

    enum Choice {
        case seed(ThreeLayerNetwork)
        case general(Network)
    }
    let choice: Choice

    init(_ arguments: ParsedArguments) throws {
        let loss = try arguments.value("loss").map(Self.loss)
        guard let layersText = arguments.value("layers") else {
            if arguments.value("activations") != nil { throw UsageError("--activations needs --layers (for the seed network use --activation)") }
            let activation = Activation(name: arguments.value("activation") ?? "sigmoid") ?? .sigmoid
            let seedLoss = loss ?? .halfSquaredError
            guard seedLoss == .halfSquaredError || seedLoss == .meanSquaredError || seedLoss == .binaryCrossEntropy else {
                throw UsageError("the seed network has one output: --loss must be mse, mse-mean or bce (ce needs --layers)")
            }
            choice = .seed(ThreeLayerNetwork(activation: activation, loss: seedLoss))
            return
        }
        if arguments.value("activation") != nil { throw UsageError("with --layers give one activation per layer with --activations") }
        let sizes = try Self.layerSizes(layersText)
        let generalLoss = loss ?? .halfSquaredError
        let activations = try Self.activations(arguments.value("activations"), layers: sizes.count, loss: generalLoss)
        if let problem = Network.problem(layerSizes: sizes, activations: activations, loss: generalLoss) {
            throw UsageError(problem)
        }
        let parameterCount = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
        // With shared subexpressions named the output grows with the network
        // (issue 7: a 4×32 network, 3,297 parameters); expanded, it does not.
        let limit = arguments.flag("cse") ? 20_000 : 2_000
        guard parameterCount <= limit else {
            throw UsageError("--layers \(layersText) has \(parameterCount) parameters; printing symbolic gradients is limited to \(limit)"
                             + (limit < 20_000 ? " (\(20_000) with --cse)" : ""))
        }
        choice = .general(Network(layerSizes: sizes, activations: activations, loss: generalLoss))
    }

    /// `--loss NAME`.
    static func loss(_ name: String) throws -> Loss {
        guard let loss = Loss(name: name) else { throw UsageError("unknown loss '\(name)'") }
        return loss
    }

    /// `--layers 2,10,1`: sizes from 1 to 64, the input size first.
    static func layerSizes(_ text: String) throws -> [Int] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part -> Int in
            guard let n = Int(part.trimmingCharacters(in: .whitespaces)), n >= 1, n <= 64 else {
                throw UsageError("--layers expects sizes from 1 to 64 separated by commas, got '\(part)'")
            }
            return n
        }
    }

    /// `--activations relu,sigmoid`, or without it sigmoid hidden layers (as
    /// in the seeds) and an output layer that suits the loss.
    static func activations(_ text: String?, layers: Int, loss: Loss) throws -> [Activation] {
        guard let text else {
            let output: Activation = switch loss {
            case .binaryCrossEntropy: .sigmoid
            case .categoricalCrossEntropy: .softmax
            default: .identity
            }
            return Array(repeating: .sigmoid, count: max(layers - 2, 0)) + [output]
        }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let a = Activation(name: name) else {
                let known = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"]
                let guess = Suggestions.closest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                throw UsageError("unknown activation '\(name)'\(guess) (identity, sigmoid, tanh, relu, leaky_relu, leaky_relu:SLOPE, softmax)")
            }
            return a
        }
    }

    /// The names a point may bind, in display order.
    var pointNames: [String] {
        switch choice {
        case .seed: return ThreeLayerNetwork.pointNames
        case .general(let net): return (net.inputs + net.parameters + net.targets).map(\.description)
        }
    }

    var defaultPoint: [String: Double] {
        switch choice {
        case .seed: return ThreeLayerNetwork.seedPoint
        case .general(let net): return net.defaultPoint()
        }
    }

    /// Unknown names are a usage error that lists the known ones.
    func validate(point: [String: Double]) throws {
        let known = Set(pointNames)
        let unknown = point.keys.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else {
            let names = pointNames.count > 12 ? pointNames.prefix(12).joined(separator: ", ") + ", ..." : pointNames.joined(separator: ", ")
            throw UsageError("--at: unknown name\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")) (this network's names: \(names))")
        }
    }

    func report(at overrides: [String: Double]) throws -> GradientReport {
        let point = defaultPoint.merging(overrides) { _, new in new }
        switch choice {
        case .seed(let net): return try GradientReport(net, at: point)
        case .general(let net): return try GradientReport(net, at: point)
        }
    }
}
