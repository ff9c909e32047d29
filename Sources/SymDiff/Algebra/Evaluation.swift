import Foundation

/// Numeric evaluation in `Double`, over the DAG (each shared node once).
extension Expr {
    /// The value at a point given by symbol names.
    ///
    /// Unbound symbols, domain errors (log of a non-positive number, division
    /// by zero, a fractional power of a negative number) and non-finite
    /// intermediate values are thrown as `SymDiffError`, never returned as NaN.
    ///
    /// ```swift
    /// try (x * y + 1).evaluate(at: ["x": 2, "y": 3])   // 7.0
    /// ```
    public func evaluate(at point: [String: Double]) throws -> Double {
        let order = postOrder()
        var values: [ObjectIdentifier: Double] = [:]
        values.reserveCapacity(order.count)
        func v(_ e: Expr) -> Double { values[ObjectIdentifier(e.node)]! }
        for node in order {
            let value = try Expr.evaluateNode(node, point: point, operand: v)
            guard value.isFinite else {
                throw SymDiffError.nonFinite("\(Expr.abbreviated(node)) evaluates to \(Number.format(value))")
            }
            values[ObjectIdentifier(node.node)] = value
        }
        return v(self)
    }

    /// The value at a point given by symbols.
    public func evaluate(at point: [Expr: Double]) throws -> Double {
        try evaluate(at: Dictionary(uniqueKeysWithValues: point.compactMap { key, value in
            key.symbolName.map { ($0, value) }
        }))
    }

    /// One node from its operands' values; shared with the compiled evaluator's
    /// reference semantics.
    static func evaluateNode(_ node: Expr, point: [String: Double], operand v: (Expr) -> Double) throws -> Double {
        switch node.kind {
        case .symbol(let name):
            guard let value = point[name] else { throw SymDiffError.unboundSymbol(name) }
            return value
        case .number(let n):
            return n.doubleValue
        case .add:
            return node.arguments.reduce(0) { $0 + v($1) }
        case .mul:
            return node.arguments.reduce(1) { $0 * v($1) }
        case .pow:
            return try power(v(node.arguments[0]), v(node.arguments[1]), node)
        case .apply(let f):
            let args = node.arguments.map(v)
            if let problem = f.domainError(args) { throw SymDiffError.domain("\(problem) in \(abbreviated(node))") }
            return f.value(args)
        }
    }

    /// Real powers: 0 to a negative power is a division by zero; a negative
    /// base needs an integer exponent. `0**0` is 1, as in SymPy and C.
    public static func power(_ base: Double, _ exponent: Double, _ node: Expr? = nil) throws -> Double {
        // Built only on error: printing the node on every call made evaluation quadratic.
        func context() -> String { node.map { " in \(abbreviated($0))" } ?? "" }
        if base == 0 && exponent < 0 { throw SymDiffError.domain("division by zero\(context())") }
        if base < 0 && exponent != exponent.rounded() {
            throw SymDiffError.domain("fractional power of a negative number\(context())")
        }
        if exponent == -1 { return 1 / base }
        if exponent == 2 { return base * base }
        if exponent == 0.5 { return Foundation.sqrt(base) }
        return Foundation.pow(base, exponent)
    }

    /// The expression's text cut to a readable length, for error messages.
    static func abbreviated(_ e: Expr, limit: Int = 60) -> String {
        if e.height > 200 { return "\(e.function?.name ?? "expression")(...) of depth \(e.height)" }
        let text = PlainPrinter.print(e, limit: limit)   // stops early on a large expression
        return text.count <= limit ? text : String(text.prefix(limit - 3)) + "..."
    }
}
