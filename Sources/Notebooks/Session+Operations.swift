import SymDiff

/// The operations behind the built-ins, in terms of held definitions.
extension Session {
    /// ∂f/∂v. Only the definitions that depend on `v` are inlined — the others
    /// are constants for this derivative — and the result is folded back into
    /// the intermediates `f` is built from, so derivatives read in
    /// backpropagation form (`a1*(1 - a1)`, `W2*x*a1*(1 - a1)*(y - target)`).
    func differentiate(_ f: Expr, _ v: Expr, order: Int = 1) throws -> Expr {
        guard let name = v.symbolName else {
            // With respect to a subexpression (`diff(f, sigmoid(z))`): work on the inlined forms.
            return try environment.inline(f).diff(environment.inline(v), order: order)
        }
        let dependents = environment.dependents(of: [name])
        let result = try environment.inline(f, only: dependents).diff(v, order: order)
        return environment.fold(result, using: environment.references(of: f))
    }

    /// The gradient of `f` with respect to symbols, by one reverse-mode sweep, folded.
    func gradient(_ f: Expr, _ variables: [Expr]) throws -> [Expr] {
        let names = Set(variables.compactMap(\.symbolName))
        let inlined = environment.inline(f, only: environment.dependents(of: names))
        let intermediates = environment.references(of: f)
        return try inlined.gradient(variables).map { environment.fold($0, using: intermediates) }
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

    /// `e` with the named symbols replaced; definitions that depend on them are inlined first.
    func substitute(_ e: Expr, _ replacements: [(name: String, value: Expr)]) -> Expr {
        let names = Set(replacements.map(\.name))
        let inlined = environment.inline(e, only: environment.dependents(of: names))
        return inlined.substituting(Dictionary(replacements.map { (Expr.symbol($0.name), $0.value) }, uniquingKeysWith: { $1 }))
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
            var at = c.point.prefix(6).map { "\($0.name)=\(NumberFormat.string($0.value))" }.joined(separator: ", ")
            if c.point.count > 6 { at += " and \(c.point.count - 6) more" }
            return "False (\(at.isEmpty ? "" : "at \(at): ")left = \(NumberFormat.string(c.lhs)), right = \(NumberFormat.string(c.rhs)))"
        case .undecided:
            if check.samplesAgreeing == 0 { return "undecided (no proof, and no sample point where both sides are defined)" }
            return "undecided (no proof; equal at \(check.samplesAgreeing) sample point\(check.samplesAgreeing == 1 ? "" : "s"))"
        }
    }
}
