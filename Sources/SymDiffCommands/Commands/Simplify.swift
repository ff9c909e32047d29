import SymDiff

/// `symdiff simplify EXPR`: a simpler equal expression.
struct SimplifyCommand: Command {
    static let name = "simplify"
    static let abstract = "Simplify an expression."
    static let usage = "symdiff simplify EXPR [--format FORMAT]"
    static let positionals = 1...1
    static let options = [ExpressionFormat.option([.text, .latex, .mathml, .swift, .json, .dot])]
    static let discussion = """
        Rewrites EXPR into a simpler equal form: like terms collected, fractions
        combined and cancelled, exp(-z) patterns folded back into sigmoid(z).

        Examples:
          $ symdiff simplify "1/(1 + exp(-z))"
          sigmoid(z)
          $ symdiff simplify "exp(-z)/(1 + exp(-z))**2"
          sigmoid(z)*(1 - sigmoid(z))
          $ symdiff simplify "x*y + y*x" --format latex
          2 x y

        --format json prints {"input", "result", "latex"}.
        Exit status: 0 on success, 2 on bad usage or an expression that does not parse.
        """

    let expression: Expr
    let format: ExpressionFormat

    init(_ arguments: ParsedArguments) throws {
        expression = try arguments.expression(0)
        format = ExpressionFormat(arguments)
    }

    func run(_ console: Console) throws -> Int32 {
        let result = expression.simplify()
        format.print(result, json: [("input", .string(expression.description))], to: console)
        return 0
    }
}
