/// Reverse-mode (adjoint) differentiation over the DAG.
///
/// One backward sweep gives the partial derivatives with respect to every
/// variable. The adjoints are expressions that reuse the forward nodes
/// (`d sigmoid(u) = s*(1 - s)` with `s` the existing node), so the gradient
/// stays within a small constant of the function's size — the cheap-gradient
/// principle — where per-variable `diff` would rebuild the chain once per
/// variable.
extension Expr {
    /// ∂self/∂v for every `v` in `variables`, by reverse accumulation.
    ///
    /// ```swift
    /// let loss = (w * x + b - t) ** 2 / 2
    /// let g = try loss.reverseModeGradient([w, b])   // [x*(b + w*x - t), b + w*x - t]
    /// ```
    ///
    /// - Complexity: O(distinct nodes × largest product arity).
    public func reverseModeGradient(_ variables: [Expr]) throws -> [Expr] {
        for v in variables where !v.isSymbol {
            throw SymDiffError.invalidVariable("'\(v)' is not a symbol")
        }
        let order = postOrder()
        let wanted = Set(variables)
        // Only nodes that depend on a wanted variable receive adjoints.
        var relevant = Set<ObjectIdentifier>()
        for node in order {
            if wanted.contains(node) || node.arguments.contains(where: { relevant.contains(ObjectIdentifier($0.node)) }) {
                relevant.insert(ObjectIdentifier(node.node))
            }
        }
        var contributions: [ObjectIdentifier: [Expr]] = [:]
        var adjoints: [Expr: Expr] = [:]
        var budget = try WorkBudget(operation: "gradient", for: self)
        if relevant.contains(ObjectIdentifier(node)) { contributions[ObjectIdentifier(node)] = [.one] }

        for node in order.reversed() {
            let id = ObjectIdentifier(node.node)
            guard let parts = contributions.removeValue(forKey: id) else { continue }
            let adjoint = Expr.add(parts)
            try budget.charge(adjoint)
            if node.isSymbol {
                adjoints[node] = adjoint
                continue
            }
            if adjoint.isZero { continue }
            let args = node.arguments
            func send(_ i: Int, _ local: @autoclosure () -> Expr) {
                guard relevant.contains(ObjectIdentifier(args[i].node)) else { return }
                contributions[ObjectIdentifier(args[i].node), default: []].append(local())
            }
            switch node.kind {
            case .symbol, .number: break
            case .add:
                for i in args.indices { send(i, adjoint) }
            case .mul:
                for i in args.indices {
                    send(i, {
                        var others = args
                        others[i] = adjoint
                        return .mul(others)
                    }())
                }
            case .pow:
                let (b, e) = (args[0], args[1])
                send(0, .mul([adjoint, e, .pow(b, e - 1)]))
                send(1, .mul([adjoint, node, .log(b)]))
            case .apply(let f):
                for i in args.indices { send(i, .mul([adjoint, f.partial(args, i, node)])) }
            }
        }
        return variables.map { adjoints[$0] ?? .zero }
    }
}
