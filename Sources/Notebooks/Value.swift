import SymDiff
import Networks

/// What a session statement evaluates to.
///
/// Most values are expressions; numbers are expressions too (`Expr.number`).
/// Points such as `{x: 5, W1: 0.2}` and gradients are records: names in the
/// order they were given, each with a value.
///
/// ```swift
/// Value.expr(x ** 2).display        // "x**2"
/// Value.record([("x", .expr(5))]).display   // "{x: 5}"
/// ```
public indirect enum Value: Sendable {
    case expr(Expr)
    case list([Value])
    /// Named values in order: points (`{x: 5}`), gradients, chain-rule factors.
    case record([(name: String, value: Value)])
    /// A string literal or a message.
    case text(String)
    /// `lhs == rhs`, waiting to be checked.
    case equation(Expr, Expr)
    /// The seed network of seed 000 with its stages.
    case seedNetwork(ThreeLayerNetwork)
    /// A fully connected network from `network(...)`.
    case network(Network)
    /// The result of a statement that shows nothing (`define(...)`).
    case nothing
    /// A value shown as a report (a training run's progress); attributes
    /// read the value (`run.loss`, `run.parameters`).
    case report(String, Value)

    /// What kind of value this is, for error messages ("a point", "a list").
    public var kindName: String {
        switch self {
        case .expr: return "an expression"
        case .list: return "a list"
        case .record: return "a record"
        case .text: return "a string"
        case .equation: return "an equation"
        case .seedNetwork, .network: return "a network"
        case .nothing: return "nothing"
        case .report(_, let value): return value.kindName
        }
    }

    /// The expression, if this is one.
    public var expr: Expr? { if case .expr(let e) = self { return e } else { return nil } }

    /// Applies `f` to every expression inside (records, lists, equations).
    func mapExprs(_ f: (Expr) throws -> Expr) rethrows -> Value {
        switch self {
        case .expr(let e): return .expr(try f(e))
        case .list(let items): return .list(try items.map { try $0.mapExprs(f) })
        case .record(let pairs): return .record(try pairs.map { ($0.name, try $0.value.mapExprs(f)) })
        case .equation(let a, let b): return .equation(try f(a), try f(b))
        case .text, .seedNetwork, .network, .nothing, .report: return self
        }
    }

    /// Every expression inside, in order.
    var exprs: [Expr] {
        switch self {
        case .expr(let e): return [e]
        case .list(let items): return items.flatMap(\.exprs)
        case .record(let pairs): return pairs.flatMap(\.value.exprs)
        case .equation(let a, let b): return [a, b]
        case .report(_, let value): return value.exprs
        case .text, .seedNetwork, .network, .nothing: return []
        }
    }
}

// MARK: - Display

extension Value {
    /// Lines longer than this are split: one list item or record entry per line.
    static let lineWidth = 100

    /// The text a session prints for the value; floats have six significant digits.
    public var display: String {
        switch self {
        case .expr(let e): return NumberStyle.short.text(e)
        case .text(let s): return s
        case .nothing: return ""
        case .report(let text, _): return text
        case .equation(let a, let b): return NumberStyle.short.text(a) + " == " + NumberStyle.short.text(b)
        case .list(let items):
            let parts = items.map(\.display)
            let line = "[" + parts.joined(separator: ", ") + "]"
            if line.count <= Value.lineWidth && !line.contains("\n") { return line }
            return parts.joined(separator: "\n")
        case .record(let pairs):
            let parts = pairs.map { ($0.name, $0.value.display) }
            let line = "{" + parts.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
            if line.count <= Value.lineWidth && !line.contains("\n") { return line }
            return parts.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
        case .seedNetwork(let net):
            var lines = ["seed network f(x) = W2*\(net.activation)(W1*x + b1) + b2, loss \(Value.lossName(net.lossFunction))"]
            for stage in net.stages { lines.append("  \(stage.name) = \(stage.definition)") }
            lines.append("  L = \(net.stagedLoss)")
            lines.append("  parameters: " + net.parameters.map(\.description).joined(separator: ", "))
            return lines.joined(separator: "\n")
        case .network(let net):
            let sizes = net.layerSizes.map(String.init).joined(separator: "-")
            // Runs of one activation are written once with a count: "sigmoid x20".
            var runs: [(String, Int)] = []
            for a in net.layers.map(\.activation.description) {
                if let last = runs.last, last.0 == a { runs[runs.count - 1].1 += 1 } else { runs.append((a, 1)) }
            }
            let activations = runs.map { $0.1 == 1 ? $0.0 : "\($0.0) x\($0.1)" }.joined(separator: ", ")
            var lines = ["network \(sizes): \(activations); loss \(Value.lossName(net.lossFunction))"]
            lines.append("  inputs: " + net.inputs.map(\.description).joined(separator: ", "))
            lines.append("  targets: " + net.targets.map(\.description).joined(separator: ", "))
            let names = net.parameters.map(\.description)
            let shown = names.count <= 12 ? names.joined(separator: ", ")
                : names.prefix(6).joined(separator: ", ") + ", ..., " + names.suffix(2).joined(separator: ", ")
            lines.append("  \(names.count) parameters: \(shown)")
            return lines.joined(separator: "\n")
        }
    }

    static func lossName(_ loss: Loss) -> String { "\(loss.description): \(loss.formula)" }
}
