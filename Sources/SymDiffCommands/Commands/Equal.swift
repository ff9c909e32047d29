import SymDiff

/// `symdiff equal A B`: proves, refutes, or reports the evidence.
struct EqualCommand: Command {
    static let name = "equal"
    static let abstract = "Decide whether two expressions are equal."
    static let usage = "symdiff equal A B [--samples N] [--seed N] [--format text|json]"
    static let positionals = 2...2
    static let options = [
        OptionSpec("samples", value: "N", help: "random points to compare the two sides at (default 40)"),
        OptionSpec("seed", value: "N", help: "seed for the random points (the same seed gives the same answer)"),
        OptionSpec.format(["text", "json"]),
    ]
    static let discussion = """
        Tries to prove A = B by a normal form (both sides as rational functions of
        symbols and exp/log atoms; sigmoid and tanh rewritten into exp), and
        compares them at random points inside both domains. A proof holds wherever
        both sides are defined.

        Answers:
          equal       proved; exit status 0
          not equal   a point where the sides differ, with both values; exit status 1
          undecided   no proof, but no differing point either; the evidence is
                      printed; exit status 1

        Examples:
          $ symdiff equal "sigmoid(z)*(1-sigmoid(z))" "exp(-z)/(1+exp(-z))**2"
          equal: proved by normal form (40 sample points agree)
          $ symdiff equal "tanh(x)" "x"
          not equal: at x=0.824, the left side is 0.6772411229382403 and the right side is 0.824
          $ symdiff equal "relu(x)" "(x + Abs(x))/2"
          undecided: ...

        --format json prints {"lhs", "rhs", "status", "method", "samplesAgreeing",
        "samplesDiffering", "counterexample": {"point", "lhs", "rhs"}, "note"}.
        Exit status: 0 equal, 1 not equal or undecided, 2 bad usage or an expression that does not parse.
        """

    let left: Expr
    let right: Expr
    let options: EquivalenceOptions
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        left = try arguments.expression(0)
        right = try arguments.expression(1)
        var options = EquivalenceOptions()
        options.samples = try arguments.integer("samples", default: options.samples, range: 1...100_000)
        options.seed = UInt64(try arguments.integer("seed", default: Int(options.seed)))
        self.options = options
        json = arguments.value("format") == "json"
    }

    func run(_ console: Console) throws -> Int32 {
        let check = Expr.checkEquivalence(left, right, options: options)
        let status: Int32 = check.verdict == .proved ? 0 : 1
        if json {
            console.print(Self.json(check, left, right).serialized())
            return status
        }
        let text = VerdictText(style: .full)
        switch check.verdict {
        case .proved:
            console.print("equal: proved by \(check.method) (\(text.samples(check.samplesAgreeing)) agree)")
        case .refuted:
            if let c = check.counterexample {
                console.print("not equal: " + text.counterexample(c, separator: ", ") { "the left side is \($0) and the right side is \($1)" })
            } else {
                console.print("not equal (\(check.method))")
            }
        case .undecided:
            console.print("undecided: \(text.evidence(check))")
            if let c = check.counterexample { console.print("  disagreement " + text.counterexample(c)) }
        }
        return status
    }

    static func json(_ check: EquivalenceCheck, _ left: Expr, _ right: Expr) -> JSON {
        var counterexample = JSON.null
        if let c = check.counterexample {
            counterexample = .object([
                ("point", .object(c.point.map { ($0.name, .number($0.value)) })),
                ("lhs", .number(c.lhs)),
                ("rhs", .number(c.rhs)),
            ])
        }
        return .object([
            ("lhs", .string(left.description)),
            ("rhs", .string(right.description)),
            ("status", .string(check.verdict.rawValue)),
            ("method", .string(check.method)),
            ("samplesAgreeing", .integer(check.samplesAgreeing)),
            ("samplesDiffering", .integer(check.samplesDiffering)),
            ("counterexample", counterexample),
            ("note", check.note.map(JSON.string) ?? .null),
        ])
    }
}
