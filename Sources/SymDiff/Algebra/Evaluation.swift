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
        try fold { node, operands in
            let value = try Expr.evaluateNode(node, operands, point: point)
            guard value.isFinite else {
                throw SymDiffError.nonFinite("\(Expr.abbreviated(node)) evaluates to \(Number.format(value))")
            }
            return value
        }
    }

    /// The value at a point given by symbols.
    public func evaluate(at point: [Expr: Double]) throws -> Double {
        try evaluate(at: Dictionary(uniqueKeysWithValues: point.compactMap { key, value in
            key.symbolName.map { ($0, value) }
        }))
    }

    /// One node from its operands' values; shared with the numeric witness.
    static func evaluateNode(_ node: Expr, _ operands: [Double], point: [String: Double]) throws -> Double {
        switch node.kind {
        case .symbol(let name):
            guard let value = point[name] else { throw SymDiffError.unboundSymbol(name) }
            return value
        case .number(let n):
            return n.doubleValue
        case .add:
            return operands.reduce(0, +)
        case .mul:
            return operands.reduce(1, *)
        case .pow:
            return try power(operands[0], operands[1], node)
        case .apply(let f):
            if let problem = f.domainError(operands) { throw SymDiffError.domain("\(problem) in \(abbreviated(node))") }
            return f.value(operands)
        }
    }

    /// `RealPower`'s value, throwing its domain errors: 0 to a negative power
    /// is a division by zero; a negative base needs an integer exponent.
    /// `0**0` is 1, as in SymPy and C.
    ///
    /// ```swift
    /// try Expr.power(-2, 3)     // -8.0
    /// try Expr.power(-8, 0.5)   // throws SymDiffError.domain
    /// ```
    public static func power(_ base: Double, _ exponent: Double, _ node: Expr? = nil) throws -> Double {
        if let problem = RealPower.domainError(base, exponent) {
            // Built only on error: printing the node on every call made evaluation quadratic.
            throw SymDiffError.domain(problem + (node.map { " in \(abbreviated($0))" } ?? ""))
        }
        return RealPower.value(base, exponent)
    }

    /// The expression's text cut to a readable length, for error messages.
    static func abbreviated(_ e: Expr, limit: Int = 60) -> String {
        if e.height > 200 { return "\(e.function?.name ?? "expression")(...) of depth \(e.height)" }
        let text = PlainPrinter.print(e, limit: limit)   // stops early on a large expression
        return text.count <= limit ? text : String(text.prefix(limit - 3)) + "..."
    }
}
