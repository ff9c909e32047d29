import SymDiff

/// The `--format` choices shared by commands that print expressions.
enum ExpressionFormat: String {
    case text, latex, mathml, swift, json, dot

    /// `--format` with `choices`, the first being the default.
    static func option(_ choices: [ExpressionFormat]) -> OptionSpec {
        OptionSpec.format(choices.map(\.rawValue))
    }

    /// The format chosen on the command line (validated by the option's choices).
    init(_ arguments: ParsedArguments) {
        self = arguments.value("format").flatMap(ExpressionFormat.init(rawValue:)) ?? .text
    }

    /// `e` in this format; JSON is built by each command, so it prints plain syntax here.
    func render(_ e: Expr) -> String {
        switch self {
        case .text, .json: return e.description
        case .latex: return e.latex
        case .mathml: return MathMLPrinter.print(e)
        case .swift: return e.swiftSource
        case .dot: return DotPrinter.print([e])
        }
    }

    /// Prints a command's `result`: rendered in this format, or as JSON with
    /// the command's `fields` followed by `"result"` and `"latex"`.
    func print(_ result: Expr, json fields: [(String, JSON)], to console: Console) {
        guard self == .json else {
            console.write(render(result) + (self == .dot ? "" : "\n"))
            return
        }
        let all = fields + [("result", .string(result.description)), ("latex", .string(result.latex))]
        console.print(JSON.object(all).serialized())
    }
}

extension ParsedArguments {
    /// `--wrt` as symbols; when it is absent, the expression's only free symbol.
    func variables(for e: Expr, option: String = "wrt") throws -> [Expr] {
        if let list = try symbolList(option) { return list }
        let free = e.freeSymbols
        guard free.count == 1 else {
            let names = free.isEmpty ? "none" : free.map(\.description).joined(separator: ", ")
            throw UsageError("missing --\(option): say which variables to differentiate by (free symbols: \(names))")
        }
        return free
    }
}
