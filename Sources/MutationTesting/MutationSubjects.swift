import Foundation
import SymDiff
import Networks

/// A derivation file to mutate: the seeds' files, and files written here for
/// the seed network, `Network(layerSizes:...)` and random networks (their
/// stages, loss and deltas as definitions; each gradient as a claim, in delta
/// form and fully expanded).
public struct MutationSubject: Sendable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Every scalar `*.txt` file of a directory (not `*-matrix-form.txt`), sorted by name.
    public static func derivationFiles(in directory: URL) throws -> [MutationSubject] {
        // The oracle's model is scalar: the matrix-form files (declarations, W.T) are
        // MatrixDerivationFileTests' to judge, not mutation subjects yet.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".txt") && !$0.hasSuffix("-matrix-form.txt") }.sorted()
        return try names.map { MutationSubject(name: "derivations/\($0)", text: try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Seed 000's network with each hidden activation and loss.
    public static func seedNetworks() throws -> [MutationSubject] {
        var out: [MutationSubject] = []
        for activation in [Activation.sigmoid, .tanh, .relu] {
            for loss in [Loss.halfSquaredError, .binaryCrossEntropy] {
                let net = ThreeLayerNetwork(activation: activation, loss: loss)
                var lines = net.stages.map { "\($0.name) = \($0.definition)" }
                lines.append("L = \(net.stagedLoss)")
                for p in net.parameters {
                    lines.append("d(L)/d(\(p)) == \(try net.backprop(p))")
                    lines.append("d(L)/d(\(p)) == \(try net.derivative(p))")
                }
                out.append(MutationSubject(name: "seed network (\(activation), \(loss))", text: lines.joined(separator: "\n") + "\n"))
            }
        }
        return out
    }

    /// A file for a `Network`: stages, loss and deltas defined; every gradient claimed.
    public static func network(_ net: Network, name: String) throws -> MutationSubject {
        let bp = try net.backpropagation()
        var lines = bp.stages.map { "\($0.name) = \($0.definition)" }
        lines.append("L = \(bp.stagedLoss)")
        for layer in bp.deltas { for d in layer { lines.append("\(d.name) = \(d.definition)") } }
        let expanded = try net.gradient()
        for (i, p) in net.parameters.enumerated() {
            lines.append("d(L)/d(\(p)) == \(bp.gradient[i])")
            let full = expanded[i].description
            if full.count <= 400 { lines.append("d(L)/d(\(p)) == \(full)") }
        }
        return MutationSubject(name: name, text: lines.joined(separator: "\n") + "\n")
    }

    /// The seeds' `--layers` networks.
    public static func layeredNetworks() throws -> [MutationSubject] {
        try [
            network(Network(layerSizes: [2, 2, 1], activations: [.relu, .sigmoid], loss: .binaryCrossEntropy),
                    name: "network [2, 2, 1] relu, sigmoid, bce (seed 002)"),
            network(Network(layerSizes: [2, 2, 2, 1], activations: [.sigmoid, .sigmoid, .identity], loss: .halfSquaredError),
                    name: "network [2, 2, 2, 1] sigmoid, sigmoid, identity, mse (seed 004)"),
            network(Network(layerSizes: [1, 1, 1], activations: [.tanh, .identity], loss: .meanSquaredError),
                    name: "network [1, 1, 1] tanh, identity, mse-mean"),
        ]
    }

    /// Random small networks, the same for the same seed.
    public static func randomNetworks(count: Int, seed: UInt64) throws -> [MutationSubject] {
        var rng = OracleRandom(seed: seed)
        var out: [MutationSubject] = []
        let hidden: [Activation] = [.sigmoid, .tanh, .relu, .leakyRelu(slope: 0.1), .identity]
        for _ in 0..<count {
            let depth = 1 + rng.below(2)
            var sizes = [1 + rng.below(3)]
            for _ in 0..<depth { sizes.append(1 + rng.below(3)) }
            var outputs = 1 + rng.below(2)
            var activations = (0..<depth).map { _ in hidden[rng.below(hidden.count)] }
            let loss: Loss
            switch rng.below(4) {
            case 0: activations.append(.sigmoid); loss = .binaryCrossEntropy
            case 1: activations.append(.softmax); loss = .categoricalCrossEntropy; outputs = 2
            case 2: activations.append(.identity); loss = .halfSquaredError
            default: activations.append([Activation.tanh, .sigmoid][rng.below(2)]); loss = .meanSquaredError
            }
            sizes.append(outputs)
            let net = Network(layerSizes: sizes, activations: activations, loss: loss)
            out.append(try network(net, name: "random network \(sizes) \(activations.map(\.description).joined(separator: ", ")), \(loss)"))
        }
        return out
    }
}
