import SymDiff

/// `symdiff eval EXPR --at x=1,y=2`: the value at a point.
struct EvalCommand: Command {
    static let name = "eval"
    static let abstract = "Evaluate an expression at a point."
    static let usage = "symdiff eval EXPR [--at x=1,y=2] [--format text|json]"
    static let positionals = 1...1
    static let options = [
        OptionSpec("at", value: "POINT", help: "the symbols' values: name=value pairs, comma-separated"),
        OptionSpec.format(["text", "json"]),
    ]
    static let discussion = """
        Evaluates EXPR in double precision and prints every digit needed to read
        the value back; an exact number (2**100, 1/3) prints exactly. Every symbol
        needs a value; values for symbols the expression does not use are ignored,
        unless the name is a near-miss of one it does use (X for x: an error).

        Examples:
          $ symdiff eval "x*y + 1" --at x=2,y=3
          7
          $ symdiff eval "sigmoid(z)" --at z=0
          0.5
          $ symdiff eval "log(x)" --at x=0
          symdiff eval: domain error: log of a non-positive number (0.0) in log(x)

        Conventions: heaviside(0) = 0, relu'(0) = 0, 0**0 = 1. A symbol without a
        value, log of a non-positive number, division by zero and overflow are errors.
        --format json prints {"input", "point", "value"} (and "exact" when EXPR is an
        exact number, such as 2**100).
        Exit status: 0 on success, 2 on bad usage, bad input or a value outside the domain.
        """

    let expression: Expr
    let point: [String: Double]
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        expression = try arguments.expression(0)
        point = try arguments.point("at") ?? [:]
        // A value for a near-miss of a symbol is a typo, not a spare value to ignore.
        let used = expression.freeSymbols.compactMap(\.symbolName)
        let given = point
        for name in given.keys.sorted() where !used.contains(name) {
            if let guess = Suggestions.closest(to: name, among: used.filter { given[$0] == nil }) {
                throw UsageError("--at: \(name) is not in the expression (did you mean '\(guess)'?)")
            }
        }
        json = arguments.value("format") == "json"
    }

    func run(_ console: Console) throws -> Int32 {
        var exact: Rational? = nil
        if case .rational(let r)? = expression.numberValue { exact = r }
        // An exact number prints exactly, even beyond a double's range (10**400).
        if let exact, !json {
            console.print(exact.description)
            return 0
        }
        let value: Double
        do {
            value = try exact.map(\.doubleValue) ?? expression.evaluate(at: point)
        } catch SymDiffError.unboundSymbol(let name) {
            throw InputError("symbol '\(name)' has no value: give one with --at \(name)=VALUE")
        }
        guard json else {
            // A value asked for prints every digit needed to read it back.
            console.print(NumberStyle.full.string(value))
            return 0
        }
        var fields: [(String, JSON)] = [
            ("input", .string(expression.description)),
            ("point", .object(point.keys.sorted().map { ($0, .number(point[$0]!)) })),
            ("value", .number(value)),
        ]
        if let exact { fields.append(("exact", .string(exact.description))) }
        console.print(JSON.object(fields).serialized())
        return 0
    }
}
