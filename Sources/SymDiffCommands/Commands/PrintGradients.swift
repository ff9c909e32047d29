import Foundation
import SymDiff
import Networks

/// `symdiff print-gradients`: the seed network's gradients (or a general
/// network's), each fully expanded, in backpropagation form, and as a number.
struct PrintGradientsCommand: Command {
    static let name = "print-gradients"
    static let abstract = "The seed network's gradients: expanded, in backprop form, and at a point."
    static let usage = "symdiff print-gradients [--at NAME=VALUE,...] [--activation A] [--loss L] [--layers N,N,... --activations A,A,...] [--cse] [--format text|latex|json]"
    static let discussion = """
    The network is seed 000's f(x) = W2*sigmoid(W1*x + b1) + b2 with stages
    z1 = W1*x + b1, a1 = sigmoid(z1), y = W2*a1 + b2 and loss L = (y - target)**2/2.
    For each parameter it prints dL/dθ fully expanded (as SymPy's diff gives it),
    the same derivative over the stages (backpropagation form), and its value.
    The default point is the seed's: x=5, W1=0.2, W2=0.5, b1=-1, b2=0, target=0.7.

    --loss bce reads y as a logit: L = -(target*log(sigmoid(y)) + (1 - target)*log(1 - sigmoid(y))).

    General networks: --layers 2,2,1 (sizes including the input) with one activation
    per layer (--activations relu,sigmoid; softmax on the output only) and
    --loss mse|mse-mean|bce|ce. Symbols: inputs x1.., targets t1.., weights Wl_i_j
    (layer l, row i, column j), biases bl_i; stages zl_i, al_i; deltas deltal_i.
    Their default point is x_j = j, t1 = 1 (others 0), parameters seeded in [-1, 1].

    Examples:
      symdiff print-gradients
      symdiff print-gradients --at x=3,target=0.3 --activation tanh
      symdiff print-gradients --layers 2,2,1 --activations relu,sigmoid --loss bce \\
          --at x1=1,x2=2,t1=1,W1_1_1=0.5,W1_1_2=0.3,W1_2_1=0.2,W1_2_2=0.4,b1_1=0.1,b1_2=0.2,W2_1_1=0.6,W2_1_2=0.7,b2_1=0.3
      symdiff print-gradients --format json
    """
    static let options: [OptionSpec] = NetworkOptions.specs + [
        OptionSpec("at", value: "NAME=VALUE,...", help: "evaluate at this point (names not given keep their default)"),
        OptionSpec("cse", help: "name subexpressions the derivatives share (s0 = ..., s1 = ...), like SymPy's cse"),
        .format(["text", "latex", "json"]),
    ]

    let network: NetworkOptions
    let format: String
    let overrides: [String: Double]
    let cse: Bool

    init(_ arguments: ParsedArguments) throws {
        network = try NetworkOptions(arguments)
        format = arguments.value("format") ?? "text"
        overrides = try arguments.point("at") ?? [:]
        cse = arguments.flag("cse")
        try network.validate(point: overrides)
    }

    func run(_ console: Console) throws -> Int32 {
        let report = try network.report(at: overrides)
        let shared = Shared(report, enabled: cse)
        if format != "text" && !cse {
            let size = Self.printedSize(shared.derivatives)
            if size > Self.printBudget {
                throw UsageError("written out in full the derivatives of this network have about \(size) terms and symbols; "
                                 + "add --cse to print them with shared subexpressions named")
            }
        }
        switch format {
        case "json": console.print(Self.json(report, shared).serialized())
        case "latex": console.write(Self.latex(report, shared))
        default: console.write(Self.text(report, shared))
        }
        return 0
    }

    /// The derivatives as printed: as they are, or in terms of shared names with `--cse`.
    struct Shared {
        let definitions: [(name: String, value: Expr)]
        let derivatives: [Expr]

        init(_ report: GradientReport, enabled: Bool) {
            let derivatives = report.entries.map(\.derivative)
            if enabled {
                (definitions, self.derivatives) = Expr.commonSubexpressions(derivatives, prefix: "s")
            } else {
                (definitions, self.derivatives) = ([], derivatives)
            }
        }
    }

    // MARK: Text

    static func text(_ report: GradientReport, _ shared: Shared) -> String {
        var out = "Gradients of \(report.title)\n\n"
        out += "Forward pass (stages)\n"
        let definitions = report.stages.map { ($0.name, $0.definition.description) } + [("L", report.stagedLoss.description)]
        out += TextColumns.aligned(definitions, indent: 2, separator: " = ")
        if !report.deltas.isEmpty {
            out += "\nBackward pass (deltas, dL/dz)\n"
            out += TextColumns.aligned(report.deltas.map { ($0.name, $0.definition.description) }, indent: 2, separator: " = ")
        }
        out += "\nAt the point\n"
        out += TextColumns.wrapped(report.point.map { "\($0.name) = \(format($0.value))" }, indent: 2, width: 88)
        out += "  L = \(format(report.lossValue))\n"
        if !shared.definitions.isEmpty {
            out += "\nShared subexpressions\n"
            out += TextColumns.aligned(shared.definitions.map { ($0.name, $0.value.description) }, indent: 2, separator: " = ")
        }
        for (entry, derivative) in zip(report.entries, shared.derivatives) {
            out += "\n∂L/∂\(entry.name) = \(format(entry.value))\n"
            out += TextColumns.aligned([("derivative", abbreviated(derivative)), ("backprop", entry.backpropText)],
                           indent: 2, separator: "  ")
        }
        out += "\nSummary\n"
        let names = report.entries.map { "∂L/∂\($0.name)" } + ["L"]
        let values = report.entries.map { format($0.value) } + [format(report.lossValue)]
        out += TextColumns.alignedNumbers(Array(zip(names, values)), indent: 2)
        return out
    }

    /// Largest expanded size (tree nodes over all derivatives) JSON and LaTeX print without `--cse`.
    static let printBudget = 1_000_000

    /// How many nodes the expressions have as trees (the DAG unshared), saturating:
    /// a printer writes each shared node once per use.
    static func printedSize(_ roots: [Expr]) -> Int { Expr.treeSize(roots) }

    /// Longest expression text shown in full by the text format.
    static let textLimit = 1_000

    /// `e` in SymPy syntax, cut after `textLimit` characters with a pointer to the
    /// whole: a deep network's expanded derivative prints as megabytes of text.
    static func abbreviated(_ e: Expr) -> String {
        let text = PlainPrinter.print(e, limit: textLimit)
        guard text.count > textLimit else { return text }
        return text + " [cut: \(e.nodeCount) distinct nodes; --cse or --format json prints it whole]"
    }

    /// A report's numbers in the short style: exact seed values print as written (-0.225, not -0.22499999999999998).
    static func format(_ value: Double) -> String { NumberStyle.short.string(value) }

    // MARK: JSON

    /// `{"point", "loss", "parameters": [{"name", "derivative", "backprop", "value"}]}`, plus
    /// `"definitions": [{"name", "value"}]` with `--cse` (derivatives then use those names).
    static func json(_ report: GradientReport, _ shared: Shared) -> JSON {
        var fields: [(String, JSON)] = [
            ("point", .object(report.point.map { ($0.name, .number($0.value)) })),
            ("loss", .number(report.lossValue)),
        ]
        if !shared.definitions.isEmpty {
            fields.append(("definitions", .array(shared.definitions.map {
                .object([("name", .string($0.name)), ("value", .string($0.value.description))])
            })))
        }
        fields.append(("parameters", .array(zip(report.entries, shared.derivatives).map { entry, derivative in
            .object([
                ("name", .string(entry.name)),
                ("derivative", .string(derivative.description)),
                ("backprop", .string(entry.backpropText)),
                ("value", .number(entry.value)),
            ])
        })))
        return .object(fields)
    }

    // MARK: LaTeX

    /// One `aligned` block: the stages, then per parameter the derivative, its
    /// backpropagation form and its value.
    static func latex(_ report: GradientReport, _ shared: Shared) -> String {
        var lines: [String] = []
        for stage in report.stages { lines.append("\(LatexPrinter.symbol(stage.name)) &= \(stage.definition.latex)") }
        for delta in report.deltas { lines.append("\(LatexPrinter.symbol(delta.name)) &= \(delta.definition.latex)") }
        lines.append("L &= \(report.stagedLoss.latex)")
        for (name, value) in shared.definitions { lines.append("\(LatexPrinter.symbol(name)) &= \(value.latex)") }
        for (entry, derivative) in zip(report.entries, shared.derivatives) {
            let partial = "\\frac{\\partial L}{\\partial \(LatexPrinter.symbol(entry.name))}"
            lines.append("\(partial) &= \(derivative.latex)")
            let chain = entry.backpropFactors.isEmpty ? "1" : entry.backpropFactors.map { f in
                f.isAdd && entry.backpropFactors.count > 1 ? "\\left(\(f.latex)\\right)" : f.latex
            }.joined(separator: " ")
            lines.append("&= \(chain) = \(format(entry.value))")
        }
        return "% symdiff print-gradients: \(report.title); L = \(format(report.lossValue))\n"
            + "\\begin{aligned}\n" + lines.joined(separator: " \\\\\n") + "\n\\end{aligned}\n"
    }
}
