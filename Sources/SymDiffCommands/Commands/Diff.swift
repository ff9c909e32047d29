import Foundation
import SymDiff

/// `symdiff diff EXPR --wrt x[,y] [--order N]`: symbolic derivatives.
struct DiffCommand: Command {
    static let name = "diff"
    static let abstract = "Differentiate an expression (successively, like SymPy's diff(f, x, y))."
    static let usage = "symdiff diff EXPR [VAR...] [--wrt x[,y...]] [--order N] [--simplify] [--shape W=2x3,...] [--format FORMAT]"
    static let positionals = 1...51
    static let options = [
        OptionSpec("wrt", value: "VARS", help: "variables, comma-separated; x,y means d/dy of d/dx"),
        OptionSpec("order", value: "N", help: "differentiate N times by each variable (default 1, at most 50)"),
        OptionSpec("simplify", help: "simplify the derivative"),
        MatrixArguments.option,
        OptionSpec("jacobian", help: "with --shape: the Jacobian of a column vector EXPR by a column vector"),
        ExpressionFormat.option([.text, .latex, .mathml, .swift, .json, .dot]),
    ]
    static let discussion = """
        EXPR is in SymPy syntax: + - * / ** (or ^), exp, log, sigmoid, tanh, relu,
        leaky_relu, heaviside, Max, Abs, sqrt, pow; decimals such as 0.2 are floating
        point, integers and fractions stay exact. The variables come after EXPR
        (as in SymPy's diff(f, x, y)) or in --wrt; without either, the expression's
        only free symbol is used. The result is in canonical form, not simplified, as
        SymPy's diff returns it; add --simplify for a tidier one.

        Examples:
          $ symdiff diff "1/(1+exp(-z))" --wrt z
          exp(-z)/(exp(-z) + 1)**2
          $ symdiff diff "x**2*y**3" --wrt x,y
          6*x*y**2
          $ symdiff diff "x**2*y**3" x y
          6*x*y**2
          $ symdiff diff "x**4" --wrt x --order 2
          12*x**2
          $ symdiff diff "sigmoid(w*x + b)" --wrt w --format latex
          x \\sigma{\\left(b + w x \\right)} \\left(1 - \\sigma{\\left(b + w x \\right)}\\right)
          $ symdiff diff --wrt x -- "-x**3"
          -3*x**2

        With --shape, EXPR is a matrix expression and the result, the derivative of a
        1x1 expression by a matrix or vector, has that variable's shape: * (or @) is
        the matrix product, hadamard(a, b) the entrywise one, W.T the transpose, **
        and functions apply entrywise; sum, mean, trace, normSquared, softmax,
        logsumexp, outer, inner.
          $ symdiff diff "sum((W*x + b - t)**2)/2" --wrt W --shape W=2x3,x=3,b=2,t=2
          (W*x + b - t)*x.T
        A column vector's derivative by a column vector is its Jacobian, given with --jacobian:
          $ symdiff diff "sigmoid(W*x + b)" --wrt x --shape W=2x3,x=3,b=2 --jacobian
          diag(sigmoid'(W*x + b))*W

        An expression that starts with '-' goes after '--', which ends the options.
        --format json prints {"input", "wrt", "order", "result", "latex"}.
        Exit status: 0 on success, 2 on bad usage or an expression that does not parse.
        """

    let expression: Expr
    let variables: [Expr]
    let order: Int
    let simplify: Bool
    let format: ExpressionFormat
    /// With `--shape`: the matrix expression and the one variable.
    let matrix: (input: MatrixArguments, variable: MatrixExpr)?
    /// `--jacobian`: a column vector's derivative by a column vector.
    let jacobian: Bool

    init(_ arguments: ParsedArguments) throws {
        format = ExpressionFormat(arguments)
        order = try arguments.integer("order", default: 1, range: 0...50)
        simplify = arguments.flag("simplify")
        jacobian = arguments.flag("jacobian")
        if let input = try MatrixArguments(arguments) {
            let names = arguments.positionals.count > 1 ? Array(arguments.positionals.dropFirst())
                : (arguments.value("wrt")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [])
            if arguments.positionals.count > 1, arguments.value("wrt") != nil {
                throw UsageError("give the variables after EXPR or in --wrt, not both")
            }
            let variables = try input.variables(names)
            guard variables.count == 1, order == 1 else {
                throw UsageError("a matrix expression is differentiated once by one variable (a second derivative would be a Hessian)")
            }
            if simplify { throw UsageError("--simplify does not apply to matrix expressions") }
            try MatrixArguments.checkFormat(format)
            matrix = (input, variables[0])
            expression = .zero
            self.variables = []
            return
        }
        if jacobian { throw UsageError("--jacobian needs --shape: the shapes of the vectors") }
        matrix = nil
        expression = try arguments.expression(0)
        if arguments.positionals.count > 1 {
            guard arguments.value("wrt") == nil else {
                throw UsageError("give the variables after EXPR or in --wrt, not both")
            }
            for name in arguments.positionals.dropFirst() where !ParsedArguments.isIdentifier(name) {
                throw UsageError("'\(name)' is not a variable name (variables follow EXPR, as in SymPy's diff(f, x, y))")
            }
            var named = arguments
            named.values["wrt"] = arguments.positionals.dropFirst().joined(separator: ",")
            variables = try named.variables(for: expression)
        } else {
            variables = try arguments.variables(for: expression)
        }
    }

    func run(_ console: Console) throws -> Int32 {
        if let (input, variable) = matrix {
            let result = try input.derivative(wrt: variable, jacobian: jacobian)
            if format == .json {
                console.print(JSON.object([("input", .string(input.text)), ("wrt", .array([.string(variable.symbolName!)])),
                                           ("shape", .string(result.shape.description)), ("result", .string(result.description))]).serialized())
            } else {
                console.print(result.description)
            }
            return 0
        }
        var result = expression
        for variable in variables { result = try result.diff(variable, order: order) }
        if simplify { result = result.simplify() }
        format.print(result, json: [
            ("input", .string(expression.description)),
            ("wrt", .array(variables.map { .string($0.description) })),
            ("order", .integer(order)),
        ], to: console)
        return 0
    }
}
