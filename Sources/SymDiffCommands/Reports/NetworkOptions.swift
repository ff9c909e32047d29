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
        let loss = try arguments.value("loss").map { name -> Loss in
            guard let loss = Loss(name: name) else { throw UsageError("unknown loss '\(name)'") }
            return loss
        }
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
        let sizes = try layersText.split(separator: ",", omittingEmptySubsequences: false).map { part -> Int in
            guard let n = Int(part.trimmingCharacters(in: .whitespaces)), n >= 1, n <= 64 else {
                throw UsageError("--layers expects sizes from 1 to 64 separated by commas, got '\(part)'")
            }
            return n
        }
        let generalLoss = loss ?? .halfSquaredError
        let activations: [Activation]
        if let text = arguments.value("activations") {
            activations = try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                guard let a = Activation(name: name) else {
                    throw UsageError("unknown activation '\(name)' (identity, sigmoid, tanh, relu, leaky_relu, leaky_relu:SLOPE, softmax)")
                }
                return a
            }
        } else {
            // Sigmoid hidden layers as in the seeds; the output suits the loss.
            let output: Activation = switch generalLoss {
            case .binaryCrossEntropy: .sigmoid
            case .categoricalCrossEntropy: .softmax
            default: .identity
            }
            activations = Array(repeating: .sigmoid, count: max(sizes.count - 2, 0)) + [output]
        }
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
