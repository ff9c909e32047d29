import SymDiff

/// A session's definitions, in the order they were made.
///
/// Definitions are *held*: `a1 = sigmoid(z1)` stores `sigmoid(z1)` with `z1`
/// kept as a name, so results can be shown in the learner's own names
/// (`a1*(1 - a1)`) and differentiation can treat an intermediate as a
/// variable. `inline` replaces names by what they stand for when a value is
/// needed (evaluation, equality, SymPy's fully expanded form).
///
/// Invariant: a held expression only mentions names defined before it, each
/// meaning its current definition, and never its own name. Redefining a name
/// keeps earlier definitions' meaning by substituting the old value into them.
struct Environment {
    private(set) var names: [String] = []
    private(set) var values: [String: Value] = [:]
    /// Fully inlined expression definitions, rebuilt lazily after a change.
    private var inlinedCache: [Expr: Expr]? = nil

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
        inlinedCache = nil
    }

    // MARK: - Inlining

    /// Every expression definition fully inlined (no defined names left), keyed by the name's symbol.
    private mutating func inlinedDefinitions() -> [Expr: Expr] {
        if let cache = inlinedCache { return cache }
        var map: [Expr: Expr] = [:]
        for name in names {
            guard let held = values[name]!.expr else { continue }
            map[Expr.symbol(name)] = held.substituting(map)
        }
        inlinedCache = map
        return map
    }

    /// `e` with every defined name replaced by what it stands for.
    mutating func inline(_ e: Expr) -> Expr {
        e.substituting(inlinedDefinitions())
    }

    /// `e` with only the names in `only` replaced (recursively through
    /// each other); other names stay as they are.
    func inline(_ e: Expr, only: Set<String>) -> Expr {
        if only.isEmpty { return e }
        var map: [Expr: Expr] = [:]
        for name in names where only.contains(name) {
            guard let held = values[name]!.expr else { continue }
            map[Expr.symbol(name)] = held.substituting(map)
        }
        return e.substituting(map)
    }

    /// Names bound to expressions.
    var expressionNames: Set<String> { Set(names.filter { values[$0]!.expr != nil }) }

    /// Defined names whose definitions depend, directly or through other
    /// definitions, on any of `symbols` (excluding those names themselves).
    func dependents(of symbols: Set<String>) -> Set<String> {
        var result = Set<String>()
        var watched = Set(symbols.map { Expr.symbol($0) })
        for name in names where !symbols.contains(name) {
            guard let held = values[name]!.expr else { continue }
            if held.postOrder().contains(where: { watched.contains($0) }) {
                result.insert(name)
                watched.insert(Expr.symbol(name))
            }
        }
        return result
    }

    // MARK: - Folding

    /// The defined names `e` mentions, directly or through their definitions.
    func references(of e: Expr) -> Set<String> {
        var result = Set<String>()
        var pending = e.freeSymbols.compactMap(\.symbolName).filter { values[$0]?.expr != nil }
        while let name = pending.popLast() {
            guard result.insert(name).inserted else { continue }
            pending += values[name]!.expr!.freeSymbols.compactMap(\.symbolName).filter { values[$0]?.expr != nil }
        }
        return result
    }

    /// `e` rewritten in terms of the defined names in `allowed` (see `Folding`).
    func fold(_ e: Expr, using allowed: Set<String>) -> Expr {
        let definitions = names.filter { allowed.contains($0) }.compactMap { name in values[name]!.expr.map { (name, $0) } }
        return Folding(definitions: definitions).apply(e)
    }
}

/// Why a definition was refused.
struct DefinitionError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
