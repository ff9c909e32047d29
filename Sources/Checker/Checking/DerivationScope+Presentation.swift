import SymDiff

/// Writing results in the names a person used.
extension DerivationScope {
    /// `e` written with the file's shorthand definitions where their value
    /// appears whole or as part of a product (`(y - t)*w3*a2*(1 - a2)*a1`
    /// becomes `delta2*a1` when `delta2 = (y - t)*w3*a2*(1 - a2)`), so a correct
    /// value reads in the names the person used. An equality, never a change of value.
    ///
    /// Products are also tried multiplied out over sums (`d*(p + q)` as
    /// `d*p + d*q`), and that form is kept when it reads shorter.
    func present(_ e: Expr) -> Expr {
        let shorthands = order.reversed().filter { name in
            guard !stages.contains(name), broken[name] == nil, let value = staged[name] else { return false }
            return !value.isSymbol && !value.isNumber
        }
        if shorthands.isEmpty { return e }
        func folded(_ e: Expr) -> Expr {
            var result = e
            for name in shorthands {
                result = DerivationScope.replaceFactors(of: staged[name]!, by: .symbol(name), in: result)
            }
            return result
        }
        // Sums inside a shorthand's value stay whole, so that it can still be recognised.
        var protected = Set<Expr>()
        for name in shorthands {
            let value = staged[name]!
            protected.insert(value)
            if value.isMul { protected.formUnion(value.arguments.filter(\.isAdd)) }
        }
        let plain = folded(e)
        let distributed = folded(DerivationScope.distribute(e, keeping: protected))
        // The shorter reading wins.
        return PlainPrinter.print(distributed).count < PlainPrinter.print(plain).count ? distributed : plain
    }

    /// Products of sums multiplied out, one level at each product.
    static func distribute(_ e: Expr, keeping protected: Set<Expr>) -> Expr {
        e.transformed { node, args in
            let rebuilt = node.rebuilt(with: args)
            guard rebuilt.isMul, let i = rebuilt.arguments.firstIndex(where: { $0.isAdd && !protected.contains($0) }) else {
                return rebuilt
            }
            var others = rebuilt.arguments
            let sum = others.remove(at: i)
            return Expr.add(sum.arguments.map { Expr.mul(others + [$0]) })
        }
    }

    static func replaceFactors(of value: Expr, by name: Expr, in e: Expr) -> Expr {
        let wanted = value.isMul ? value.arguments : [value]
        return e.transformed { node, args in
            let rebuilt = node.rebuilt(with: args)
            if rebuilt == value { return name }
            guard rebuilt.isMul, wanted.count < rebuilt.arguments.count else { return rebuilt }
            var remaining = rebuilt.arguments
            for factor in wanted {
                guard let i = remaining.firstIndex(of: factor) else { return rebuilt }
                remaining.remove(at: i)
            }
            return Expr.mul(remaining + [name])
        }
    }

    /// " (did you mean 'a1'?)" when a name is close to one of `candidates`.
    func suggestion(for name: String, among candidates: [String]) -> String {
        Suggestions.closest(to: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
