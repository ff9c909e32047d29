import Foundation
import SymDiff

/// `symdiff grad EXPR --wrt a,b,c [--cse]`: every partial derivative in one reverse sweep.
struct GradCommand: Command {
    static let name = "grad"
    static let abstract = "Reverse-mode gradient of an expression, optionally with shared subexpressions named."
    static let usage = "symdiff grad EXPR [--wrt a,b,...] [--cse] [--shape W=2x3,...] [--format FORMAT]"
    static let positionals = 1...1
    static let options = [
        OptionSpec("wrt", value: "VARS", help: "variables, comma-separated (default: every free symbol)"),
        OptionSpec("cse", help: "name subexpressions used more than once (s0 = ..., s1 = ...), like SymPy's cse"),
        MatrixArguments.option,
        ExpressionFormat.option([.text, .latex, .mathml, .swift, .json, .dot]),
    ]
    static let discussion = """
        Computes all partial derivatives by reverse accumulation (backpropagation)
        over the expression DAG, so the partials share their subexpressions with
        the function and with each other. --cse makes the sharing visible: each
        subexpression used more than once is printed once, named s0, s1, ... in
        the order they can be computed (the names print-gradients --cse uses).

        Examples:
          $ symdiff grad "(w*x + b - t)**2/2" --wrt w,b
          d/dw = x*(b - t + w*x)
          d/db = b - t + w*x
          $ symdiff grad "sigmoid(w*x + b)" --wrt w,b --cse
          s0 = sigmoid(b + w*x)
          s1 = 1 - s0
          d/dw = s0*s1*x
          d/db = s0*s1

        With --shape (see 'symdiff help diff'), EXPR is a matrix expression and each
        gradient is in matrix form, shaped like its variable:
          $ symdiff grad "sum((W*x + b - t)**2)/2" --wrt W,b --shape W=2x3,x=3,b=2,t=2
          d/dW = (W*x + b - t)*x.T
          d/db = W*x + b - t

        --format swift prints `let` statements, latex one equation per line
        (f = EXPR, then \\frac{\\partial f}{\\partial w} = ...), dot
        the DAG of all partials, json {"input", "wrt", "definitions", "gradient"}
        (definitions is empty without --cse).
        Exit status: 0 on success, 2 on bad usage or an expression that does not parse.
        """

    let expression: Expr
    let variables: [Expr]
    let cse: Bool
    let format: ExpressionFormat

    /// With `--shape`: the matrix expression and its variables.
    let matrix: (input: MatrixArguments, variables: [MatrixExpr])?

    init(_ arguments: ParsedArguments) throws {
        cse = arguments.flag("cse")
        format = ExpressionFormat(arguments)
        if let input = try MatrixArguments(arguments) {
            let names = arguments.value("wrt")?.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            if Set(names).count != names.count { throw UsageError("--wrt: a variable is given twice") }
            if cse { throw UsageError("--cse does not apply to matrix expressions yet") }
            try MatrixArguments.checkFormat(format)
            matrix = (input, try input.variables(names))
            expression = .zero
            variables = []
            return
        }
        matrix = nil
        expression = try arguments.expression(0)
        if arguments.value("wrt") != nil {
            variables = try arguments.symbolList("wrt", distinct: true)!
        } else {
            variables = expression.freeSymbols
            guard !variables.isEmpty else {
                throw UsageError("'\(expression)' has no variables, so there is no gradient; name some with --wrt")
            }
        }
    }

    func run(_ console: Console) throws -> Int32 {
        if let (input, variables) = matrix {
            let results = try variables.map { try input.derivative(wrt: $0) }
            let names = variables.map { $0.symbolName! }
            if format == .json {
                console.print(JSON.object([
                    ("input", .string(input.text)), ("wrt", .array(names.map(JSON.string))),
                    ("gradient", .array(zip(names, results).map { name, result in
                        .object([("wrt", .string(name)), ("shape", .string(result.shape.description)), ("result", .string(result.description))])
                    })),
                ]).serialized())
            } else {
                for (name, result) in zip(names, results) { console.print("d/d\(name) = \(result)") }
            }
            return 0
        }
        let gradient = try expression.gradient(variables)
        let names = variables.map { $0.symbolName! }
        let (definitions, results) = cse ? Expr.commonSubexpressions(gradient, prefix: "s") : ([], gradient)
        switch format {
        case .text:
            for (name, value) in definitions { console.print("\(name) = \(value)") }
            for (name, result) in zip(names, results) { console.print("d/d\(name) = \(result)") }
        case .latex:
            console.print("f = \(expression.latex)")
            for (name, value) in definitions { console.print("\(LatexPrinter.symbol(name)) = \(value.latex)") }
            for (name, result) in zip(names, results) {
                console.print("\\frac{\\partial f}{\\partial \(LatexPrinter.symbol(name))} = \(result.latex)")
            }
        case .mathml:
            // One <math> element a line, like the LaTeX: f, each shared part, each partial.
            console.print(MathMLPrinter.render(latex: "f = \(expression.latex)", display: true))
            for (name, value) in definitions {
                console.print(MathMLPrinter.render(latex: "\(LatexPrinter.symbol(name)) = \(value.latex)", display: true))
            }
            for (name, result) in zip(names, results) {
                console.print(MathMLPrinter.render(latex: "\\frac{\\partial f}{\\partial \(LatexPrinter.symbol(name))} = \(result.latex)", display: true))
            }
        case .swift:
            for (name, value) in definitions { console.print("let \(SwiftPrinter.identifier(name)) = \(value.swiftSource)") }
            for (name, result) in zip(names, results) {
                console.print("let \(SwiftPrinter.identifier("d_" + name)) = \(result.swiftSource)")
            }
        case .dot:
            console.write(DotPrinter.print(gradient, names: names.map { "d/d\($0)" }, graphName: "gradient"))
        case .json:
            console.print(JSON.object([
                ("input", .string(expression.description)),
                ("wrt", .array(names.map(JSON.string))),
                ("definitions", .array(definitions.map { .object([("name", .string($0.name)), ("value", .string($0.value.description))]) })),
                ("gradient", .array(zip(names, results).map { name, result in
                    .object([("wrt", .string(name)), ("result", .string(result.description)), ("latex", .string(result.latex))])
                })),
            ]).serialized())
        }
        return 0
    }
}
