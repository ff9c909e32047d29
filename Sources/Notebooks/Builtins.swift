import SymDiff

/// One built-in function of the session language.
struct Builtin: Sendable {
    let name: String
    /// The call's shape, as help shows it: `diff(f, x[, n], ...)`.
    let usage: String
    /// One line for `help`.
    let summary: String
    let run: @Sendable (CallContext) throws -> Value
}

/// The built-in functions, in the order `help` lists them.
enum Builtins {
    static let all: [Builtin] = calculus + NetworkBuiltins.all + TrainingBuiltins.all + CheckerBuiltins.all

    static let table: [String: Builtin] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    static let calculus: [Builtin] = [
        Builtin(name: "diff", usage: "diff(f, x), diff(f, x, 2), diff(f, x, y)",
                summary: "derivative; in your names when x is a defined intermediate") { c in
            let usage = "diff(f, x), diff(f, x, 2), diff(f, x, y)"
            try c.expect(2...Int.max, usage: usage)
            var result = try c.expr(0, "the expression to differentiate")
            var i = 1
            while i < c.positional.count {
                let v = try c.expr(i, "a variable")
                if v.isNumber { throw CallError("cannot differentiate with respect to the number \(v)", argument: c.positional[i].index) }
                var order = 1
                if i + 1 < c.positional.count, let n = c.positional[i + 1].value.expr?.numberValue {
                    guard let k = n.asInt, k >= 0, k <= 20 else {
                        throw CallError("the order of a derivative is a whole number from 0 to 20", argument: c.positional[i + 1].index)
                    }
                    order = k
                    i += 1
                }
                result = try c.session.differentiate(result, v, order: order)
                i += 1
            }
            return .expr(result)
        },
        Builtin(name: "gradient", usage: "gradient(f, [x, y]), gradient(f)",
                summary: "every partial derivative by one reverse-mode sweep, as a record") { c in
            try c.expect(1...Int.max, usage: "gradient(f, [x, y])")
            let f = try c.expr(0, "the expression to differentiate")
            var variables: [Expr] = []
            if c.positional.count == 1 {
                variables = c.session.environment.inline(f).freeSymbols
            } else if c.positional.count == 2, case .list(let items) = c.positional[1].value {
                for item in items {
                    guard let v = item.expr, v.isSymbol else {
                        throw CallError("gradient needs a list of symbols", argument: c.positional[1].index)
                    }
                    variables.append(v)
                }
            } else {
                for i in 1..<c.positional.count {
                    let v = try c.expr(i, "a symbol")
                    guard v.isSymbol else { throw CallError("gradient needs symbols, got \(v)", argument: c.positional[i].index) }
                    variables.append(v)
                }
            }
            let partials = try c.session.gradient(f, variables)
            return .record(zip(variables, partials).map { ($0.symbolName!, .expr($1)) })
        },
        Builtin(name: "simplify", usage: "simplify(e)", summary: "a simpler equal expression") { c in
            try c.expect(1...1, usage: "simplify(e)")
            return try mapExpressions(c) { $0.simplify() }
        },
        Builtin(name: "expand", usage: "expand(e)", summary: "products and integer powers of sums multiplied out") { c in
            try c.expect(1...1, usage: "expand(e)")
            return try mapExpressions(c) { try $0.expand() }
        },
        Builtin(name: "together", usage: "together(e)", summary: "over a common denominator") { c in
            try c.expect(1...1, usage: "together(e)")
            return try mapExpressions(c) { try $0.together() }
        },
        Builtin(name: "inline", usage: "inline(e)",
                summary: "every defined name replaced by its definition (SymPy's fully expanded form)") { c in
            try c.expect(1...1, usage: "inline(e)")
            return try mapExpressions(c) { c.session.environment.inline($0) }
        },
        Builtin(name: "subs", usage: "subs(e, x=1), subs(e, {x: 1}), subs(e, old, new)",
                summary: "substitute values or expressions") { c in
            let usage = "subs(e, x=1), subs(e, {x: 1}), subs(e, old, new)"
            try c.expect(1...3, keywords: c.keywords.map(\.name), usage: usage)
            if c.positional.count == 3 {
                let (old, new) = (try c.expr(1), try c.expr(2))
                return try mapExpressions(c) { c.session.substitute($0, [old: new]) }
            }
            var replacements: [(name: String, value: Expr)] = []
            if c.positional.count == 2 {
                guard case .record(let pairs) = c.positional[1].value else {
                    throw CallError("expected a point such as {x: 1}, or old, new", argument: c.positional[1].index)
                }
                for (name, value) in pairs {
                    guard let e = value.expr else { throw CallError("the value of \(name) must be an expression", argument: c.positional[1].index) }
                    replacements.append((name, e))
                }
            }
            for (index, name, value) in c.keywords {
                guard let e = value.expr else { throw CallError("the value of \(name) must be an expression", argument: index) }
                replacements.append((name, e))
            }
            if replacements.isEmpty { throw CallError("nothing to substitute (usage: \(usage))") }
            return try mapExpressions(c) { c.session.substitute($0, replacements) }
        },
        Builtin(name: "eval", usage: "eval(e, x=1, y=2), eval(e, point), eval e at x=1, y=2",
                summary: "the numeric value (six significant digits)") { c in
            try c.expect(1...Int.max, keywords: c.keywords.map(\.name), usage: "eval(e, x=1, y=2)")
            let point = try c.session.point(from: c.arguments.enumerated().dropFirst().map { ($0.offset, $0.element.name, $0.element.value) })
            return try mapExpressions(c) { .number(Number(try c.session.numericValue($0, at: point))) }
        },
        Builtin(name: "equal", usage: "equal(a, b)",
                summary: "True if proved equal, False with a counterexample, or undecided") { c in
            try c.expect(2...2, usage: "equal(a, b)")
            return .text(c.session.verdict(try c.expr(0), try c.expr(1)))
        },
        Builtin(name: "check", usage: "check a == b, check(a, b)",
                summary: "the same verdict as equal, written as a claim") { c in
            try c.expect(1...2, usage: "check a == b")
            if c.positional.count == 2 { return .text(c.session.verdict(try c.expr(0), try c.expr(1))) }
            guard case .equation(let a, let b) = c.positional[0].value else {
                throw CallError("check needs an equation a == b, got \(c.positional[0].value.kindName)", argument: c.positional[0].index)
            }
            return .text(c.session.verdict(a, b))
        },
        Builtin(name: "latex", usage: "latex(e)", summary: "LaTeX source, as SymPy's latex() writes it") { c in
            try c.expect(1...1, usage: "latex(e)")
            switch c.positional[0].value {
            case .expr(let e): return .text(LatexPrinter.print(NumberStyle.short.rounding(e)))
            case .record(let pairs):
                return .text(pairs.map { "\($0.name): " + ($0.value.expr.map { LatexPrinter.print(NumberStyle.short.rounding($0)) } ?? $0.value.display) }
                    .joined(separator: "\n"))
            case let other: throw CallError("latex needs an expression, got \(other.kindName)", argument: c.positional[0].index)
            }
        },
        Builtin(name: "cse", usage: "cse(e)", summary: "shared subexpressions named x0, x1, ..., as SymPy's cse()") { c in
            try c.expect(1...1, usage: "cse(e)")
            let roots: [Expr]
            var labels: [String]? = nil
            switch c.positional[0].value {
            case .expr(let e): roots = [e]
            case .record(let pairs):
                roots = try pairs.map { pair in
                    guard let e = pair.value.expr else { throw CallError("cse needs expressions", argument: c.positional[0].index) }
                    return e
                }
                labels = pairs.map(\.name)
            case let other: throw CallError("cse needs an expression, got \(other.kindName)", argument: c.positional[0].index)
            }
            let (definitions, results) = Expr.commonSubexpressions(roots)
            var lines = definitions.map { "\($0.name) = \(NumberStyle.short.text($0.value))" }
            for (i, r) in results.enumerated() { lines.append((labels.map { "\($0[i]): " } ?? "") + NumberStyle.short.text(r)) }
            return .text(lines.joined(separator: "\n"))
        },
        Builtin(name: "define", usage: "define(net.stages), define({a: x + 1})",
                summary: "define every entry of a record as a name, in order") { c in
            try c.expect(1...Int.max, usage: "define(net.stages)")
            for (index, value) in c.positional {
                guard case .record(let pairs) = value else {
                    throw CallError("define needs a record such as net.stages, got \(value.kindName)", argument: index)
                }
                for (name, v) in pairs {
                    if let problem = c.session.reservedNameProblem(name) { throw CallError(problem, argument: index) }
                    do { try c.session.environment.define(name, v) } catch let error as DefinitionError { throw CallError(error.message, argument: index) }
                }
            }
            return .nothing
        },
        Builtin(name: "point", usage: "point([W1, W2], 0.5), point([x, y], [1, 2])",
                summary: "a point giving each name a value (one value for all, or a list)") { c in
            try c.expect(2...2, usage: "point([x, y], [1, 2])")
            guard case .list(let names) = c.positional[0].value else {
                throw CallError("point needs a list of names first", argument: c.positional[0].index)
            }
            var values: [Value]
            if case .list(let items) = c.positional[1].value {
                guard items.count == names.count else {
                    throw CallError("\(names.count) names but \(items.count) values", argument: c.positional[1].index)
                }
                values = items
            } else {
                values = Array(repeating: c.positional[1].value, count: names.count)
            }
            var entries: [(name: String, value: Value)] = []
            for (name, value) in zip(names, values) {
                guard let symbol = name.expr?.symbolName else {
                    throw CallError("point needs names, got \(name.display)", argument: c.positional[0].index)
                }
                entries.append((symbol, value))
            }
            return .record(entries)
        },
        Builtin(name: "repeat", usage: "repeat(value, n)", summary: "a list of n copies: repeat(\"sigmoid\", 20)") { c in
            try c.expect(2...2, usage: "repeat(value, n)")
            guard let n = c.positional[1].value.expr?.numberValue?.asInt, n >= 0, n <= 10_000 else {
                throw CallError("the count is a whole number from 0 to 10000", argument: c.positional[1].index)
            }
            return .list(Array(repeating: c.positional[0].value, count: n))
        },
        Builtin(name: "print", usage: "print(\"label\", value, ...)",
                summary: "show values on one line, separated by spaces") { c in
            try c.expect(0...Int.max, usage: "print(\"label\", value)")
            return .text(c.positional.map { $0.value.display }.joined(separator: " "))
        },
    ]

    /// Applies `transform` to the first argument's expressions (an expression, list or record).
    static func mapExpressions(_ c: CallContext, _ transform: (Expr) throws -> Expr) throws -> Value {
        let value = c.positional[0].value
        switch value {
        case .expr, .list, .record: return try value.mapExprs(transform)
        default: throw CallError("\(c.name) needs an expression, got \(value.kindName)", argument: c.positional[0].index)
        }
    }
}
