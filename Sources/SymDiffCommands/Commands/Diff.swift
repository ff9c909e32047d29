import SymDiff

/// `symdiff diff EXPR --wrt x[,y] [--order N]`: symbolic derivatives.
struct DiffCommand: Command {
    static let name = "diff"
    static let abstract = "Differentiate an expression (successively, like SymPy's diff(f, x, y))."
    static let usage = "symdiff diff EXPR [VAR...] [--wrt x[,y...]] [--order N] [--simplify] [--format FORMAT]"
    static let positionals = 1...51
    static let options = [
        OptionSpec("wrt", value: "VARS", help: "variables, comma-separated; x,y means d/dy of d/dx"),
        OptionSpec("order", value: "N", help: "differentiate N times by each variable (default 1, at most 50)"),
        OptionSpec("simplify", help: "simplify the derivative"),
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

        An expression that starts with '-' goes after '--', which ends the options.
        --format json prints {"input", "wrt", "order", "result", "latex"}.
        Exit status: 0 on success, 2 on bad usage or an expression that does not parse.
        """

    let expression: Expr
    let variables: [Expr]
    let order: Int
    let simplify: Bool
    let format: ExpressionFormat

    init(_ arguments: ParsedArguments) throws {
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
        order = try arguments.integer("order", default: 1, range: 0...50)
        simplify = arguments.flag("simplify")
        format = ExpressionFormat(arguments)
    }

    func run(_ console: Console) throws -> Int32 {
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
