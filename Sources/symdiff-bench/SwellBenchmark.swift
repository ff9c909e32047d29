import Evaluator
import Networks
import SymDiff

/// Issue 7's expression-swell table: how big the reverse-mode gradient of a
/// fully connected network's loss is, and how long it takes to build.
enum SwellBenchmark {
    struct Cell {
        let depth: Int
        let width: Int
        let parameters: Int
        let lossNodes: Int
        let gradientNodes: Int
        let seconds: Double
    }

    /// Sigmoid hidden layers, 2 inputs, 1 linear output, ½-squared error.
    static func network(depth: Int, width: Int) -> Network {
        Network(layerSizes: [2] + Array(repeating: width, count: depth) + [1],
                activations: Array(repeating: .sigmoid, count: depth) + [.identity], loss: .halfSquaredError)
    }

    /// The best of `rounds` builds of the gradient. Each round builds the
    /// network afresh and lets everything go before the next, so no round
    /// finds the previous round's nodes interned: each is a first build.
    static func measure(depth: Int, width: Int, rounds: Int = 3) throws -> (Cell, Network, [Expr]) {
        var best = Double.infinity
        for _ in 1..<rounds {
            let net = network(depth: depth, width: width)
            let start = Timing.now()
            let gradient = try net.loss.gradient(net.parameters)
            best = Swift.min(best, Timing.now() - start)
            withExtendedLifetime(gradient) {}
        }
        let net = network(depth: depth, width: width)
        let start = Timing.now()
        let gradient = try net.loss.gradient(net.parameters)
        best = Swift.min(best, Timing.now() - start)
        let cell = Cell(depth: depth, width: width, parameters: net.parameters.count, lossNodes: net.loss.nodeCount,
                        gradientNodes: Expr.postOrder(gradient).count, seconds: best)
        return (cell, net, gradient)
    }
}
