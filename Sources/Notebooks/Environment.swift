import SymDiff

/// A session's values, in the order they were made: expressions, and also
/// points, lists, networks and text.
///
/// The expression definitions are a `Definitions` scope — the one every front
/// end shares — so inlining, substitution through definitions,
/// differentiation through the intermediates and writing results back in the
/// names are SymDiff's, not the session's. What stays here is the session's
/// own rule for *re*defining a name: redefining keeps the meaning of earlier
/// definitions by substituting the old value into them, and defining a name
/// that earlier definitions use as a free symbol is refused.
///
/// Invariant: a held expression only mentions names defined before it, each
/// meaning its current definition, and never its own name.
struct Environment {
    private(set) var names: [String] = []
    private(set) var values: [String: Value] = [:]
    /// The expression definitions, in `names` order.
    private(set) var definitions = Definitions()

    /// The value bound to `name`, if any.
    func value(_ name: String) -> Value? { values[name] }

    /// The held expression bound to `name`, if `name` is bound to an expression.
    func expression(_ name: String) -> Expr? { values[name]?.expr }

    var isEmpty: Bool { names.isEmpty }

    /// Binds `name` to `value`. Throws a message when that would change the
    /// meaning of something already written (see `Environment` invariants).
    mutating func define(_ name: String, _ value: Value) throws(DefinitionError) {
        let symbol = Expr.symbol(name)
        let old = values[name]
        var value = value
        if value.exprs.contains(where: { $0.contains(symbol) }) {
            guard let oldExpr = old?.expr else {
                throw DefinitionError("'\(name)' is defined in terms of itself, and \(name) has no value yet; use a new name (\(name)_2 = ...)")
            }
            value = value.mapExprs { $0.substituting([symbol: oldExpr]) }
        }
        let users = names.filter { $0 != name && values[$0]!.exprs.contains(where: { $0.contains(symbol) }) }
        if !users.isEmpty {
            guard let oldExpr = old?.expr else {
                let list = users.prefix(4).joined(separator: ", ") + (users.count > 4 ? ", ..." : "")
                throw DefinitionError("\(list) use\(users.count == 1 ? "s" : "") the symbol \(name); defining \(name) would change \(users.count == 1 ? "it" : "them"). Use another name, or give values with eval(..., \(name)=...) or subs(..., \(name)=...)")
            }
            for user in users {
                values[user] = values[user]!.mapExprs { $0.substituting([symbol: oldExpr]) }
            }
        }
        // A redefined name moves to the end: everything it mentions is defined before it.
        names.removeAll { $0 == name }
        names.append(name)
        values[name] = value
        if old != nil {
            // A redefinition may have rewritten earlier definitions: rebuild the scope.
            definitions = Definitions(names.compactMap { n in values[n]!.expr.map { (n, $0) } })
        } else if let e = value.expr {
            definitions = definitions.appending(name, e)
        }
    }

    // Thin forwards to the shared scope, for the built-ins.

    /// `e` with every defined name replaced by what it stands for.
    func inline(_ e: Expr) -> Expr { definitions.inline(e) }

    /// `e` with only the names in `only` replaced.
    func inline(_ e: Expr, only: Set<String>) -> Expr { definitions.inline(e, only: only) }

    /// Names bound to expressions.
    var expressionNames: Set<String> { Set(definitions.names) }
}

/// Why a definition was refused.
struct DefinitionError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
