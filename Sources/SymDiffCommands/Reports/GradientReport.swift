import SymDiff
import Networks

/// The view model of `symdiff print-gradients` and what it shows, computed once: the stages,
/// the loss, and for each parameter the derivative fully expanded, in
/// backpropagation form over the stages, and its value at a point.
///
/// ```swift
/// let report = try GradientReport(ThreeLayerNetwork(), at: ThreeLayerNetwork.seedPoint)
/// report.lossValue                  // 0.10125
/// report.entries[0].name            // "W1"
/// report.entries[0].backpropText    // "(y - target)*W2*a1*(1 - a1)*x"
/// report.entries[0].value           // -0.28125
/// ```
struct GradientReport: Sendable {
    /// One parameter's derivative in both forms.
    struct Entry: Sendable {
        /// The parameter's name (`W1`, `W1_2_1`).
        let name: String
        /// ∂L/∂θ in inputs, targets and parameters.
        let derivative: Expr
        /// ∂L/∂θ over the stage (and delta) symbols.
        let backprop: Expr
        /// The factors of `backprop` in chain order, outermost first (unit factors dropped).
        let backpropFactors: [Expr]
        /// `backprop` written in chain order, outermost factor first.
        var backpropText: String { GradientReport.chainText(backpropFactors) }
        /// The value at the report's point.
        let value: Double
    }

    /// A one-line description of the network.
    let title: String
    /// The forward stages (and, for general networks, the deltas) in the order shown.
    let stages: [Stage]
    /// Backpropagation deltas, output layer first (general networks only).
    let deltas: [Stage]
    /// The loss over the output stage.
    let stagedLoss: Expr
    /// The loss fully expanded.
    let loss: Expr
    /// The point, in display order: inputs, parameters, targets.
    let point: [(name: String, value: Double)]
    let lossValue: Double
    let entries: [Entry]

    /// The report for the seed network at `point` (which must bind
    /// `ThreeLayerNetwork.pointNames`).
    init(_ net: ThreeLayerNetwork, at point: [String: Double]) throws {
        title = "f(x) = W2*\(net.activation)(W1*x + b1) + b2, loss \(net.lossFunction)"
        stages = net.stages
        deltas = []
        stagedLoss = net.stagedLoss
        loss = net.loss
        self.point = ThreeLayerNetwork.pointNames.map { ($0, point[$0] ?? .nan) }
        lossValue = try net.loss.evaluate(at: point)
        // diff per parameter, as SymPy's diff(loss, θ) in seed 000 C.3.
        let gradient = try net.parameters.map { try net.derivative($0) }
        entries = try net.parameters.enumerated().map { i, p in
            let factors = try net.chainRuleFactors(p)
            return Entry(name: p.description, derivative: gradient[i], backprop: Expr.mul(factors.map(\.staged)),
                         backpropFactors: factors.map(\.staged).filter { !$0.isOne },
                         value: try gradient[i].evaluate(at: point))
        }
    }

    /// The report for a general network at `point` (which must bind its inputs,
    /// targets and parameters). Derivatives come from one reverse-mode sweep;
    /// the backprop form is δ^(l)_i · a^(l−1)_j.
    init(_ net: Network, at point: [String: Double]) throws {
        let sizes = net.layerSizes.map(String.init).joined(separator: "-")
        let activations = net.layers.map(\.activation.description).joined(separator: ", ")
        title = "\(sizes) network, activations \(activations), loss \(net.lossFunction)"
        let bp = try net.backpropagation()
        stages = bp.stages
        deltas = bp.deltas.reversed().flatMap { $0 }
        stagedLoss = bp.stagedLoss
        loss = net.loss
        self.point = (net.inputs + net.parameters + net.targets).map { ($0.description, point[$0.description] ?? .nan) }
        lossValue = try net.loss.evaluate(at: point)
        let gradient = try net.gradient()
        entries = try net.parameters.enumerated().map { i, p in
            return Entry(name: p.description, derivative: gradient[i], backprop: bp.gradient[i],
                         backpropFactors: bp.gradientFactors[i].filter { !$0.isOne },
                         value: try gradient[i].evaluate(at: point))
        }
    }

    /// Factors joined by `*` in the given order, sums in parentheses, unit factors dropped.
    static func chainText(_ factors: [Expr]) -> String {
        let kept = factors.filter { !$0.isOne }
        if kept.isEmpty { return "1" }
        return kept.enumerated().map { i, f in
            let text = f.description
            let needsParentheses = (f.isAdd && kept.count > 1) || (i > 0 && text.hasPrefix("-")) || (kept.count > 1 && text.contains("/") && i < kept.count - 1)
            return needsParentheses ? "(\(text))" : text
        }.joined(separator: "*")
    }
}
