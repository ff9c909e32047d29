import SymDiff

/// The operations behind the built-ins, in terms of held definitions.
extension Session {
    /// ∂f/∂v through the session's definitions, in their names (`Definitions.differentiate`).
    func differentiate(_ f: Expr, _ v: Expr, order: Int = 1) throws -> Expr {
        try environment.definitions.differentiate(f, withRespectTo: v, order: order)
    }

    /// Every partial of `f` by one reverse-mode sweep, in the definitions' names.
    func gradient(_ f: Expr, _ variables: [Expr]) throws -> [Expr] {
        try environment.definitions.gradient(f, variables)
    }

    /// The point a call's arguments describe: positional points and `name=value` keywords.
    func point(from values: [(index: Int?, name: String?, value: Value)]) throws -> [(name: String, value: Double)] {
        var point: [(name: String, value: Double)] = []
        func add(_ name: String, _ value: Value, _ index: Int?) throws {
            guard let e = value.expr else {
                throw CallError("the value of \(name) must be a number, got \(value.kindName)", argument: index)
            }
            let x: Double
            do {
                x = try environment.inline(e).evaluate(at: [String: Double]())
            } catch SymDiffError.unboundSymbol(let s) {
                throw CallError("the value of \(name) must be a number, but it depends on \(s)", argument: index)
            }
            if let i = point.firstIndex(where: { $0.name == name }) { point[i].value = x } else { point.append((name, x)) }
        }
        for (index, name, value) in values {
            if let name {
                try add(name, value, index)
            } else if case .record(let pairs) = value {
                for (n, v) in pairs { try add(n, v, index) }
            } else {
                throw CallError("expected a point such as {x: 1} or name=value, got \(value.kindName)", argument: index)
            }
        }
        return point
    }

    /// The value of `e` at `point`: definitions are inlined except those the
    /// point gives values to (evaluating at `y=0.3` holds `y` there).
    func numericValue(_ e: Expr, at point: [(name: String, value: Double)]) throws -> Double {
        let given = Set(point.map(\.name))
        let inlined = environment.inline(e, only: environment.expressionNames.subtracting(given))
        do {
            return try inlined.evaluate(at: Dictionary(point.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }))
        } catch SymDiffError.unboundSymbol(let name) {
            let missing = inlined.freeSymbols.compactMap(\.symbolName).filter { !given.contains($0) }
            let list = missing.prefix(6).map { "\($0)=..." }.joined(separator: ", ")
            throw CallError("unbound symbol '\(name)': give \(missing.count == 1 ? "it a value" : "values to \(list)")")
        }
    }

    /// `e` with the named symbols replaced, also inside the definitions that use them.
    func substitute(_ e: Expr, _ replacements: [(name: String, value: Expr)]) -> Expr {
        substitute(e, Dictionary(replacements.map { (Expr.symbol($0.name), $0.value) }, uniquingKeysWith: { $1 }))
    }

    /// `e` with subexpressions replaced, seeing through definitions (`f = x**2`: `subs(f, x, 3)` is 9).
    func substitute(_ e: Expr, _ replacements: [Expr: Expr]) -> Expr {
        environment.definitions.substitute(e, replacements)
    }

    /// The verdict line for `a == b`, decided on the inlined forms.
    func verdict(_ a: Expr, _ b: Expr) -> String {
        let check = Expr.checkEquivalence(environment.inline(a), environment.inline(b))
        switch check.verdict {
        case .proved:
            return "True (proved: \(check.method))"
        case .refuted:
            guard let c = check.counterexample else { return "False" }
            // Long points are cut after six coordinates to keep the verdict on one readable line.
            return "False (\(VerdictText(style: .short, pointLimit: 6).counterexample(c)))"
        case .undecided:
            return "undecided (\(VerdictText(style: .short).evidence(check)))"
        }
    }
}
