import Synchronization

/// Named definitions — the intermediates of a derivation, a session or a
/// network's forward pass — and every operation that has to see through them.
///
/// A definition is *held*: `a1 = sigmoid(z1)` keeps `z1` as a name, so results
/// can be written in the names a person used (`a1*(1 - a1)`), and
/// differentiation can treat an intermediate as a variable. Every front end
/// (the Checker's derivation files, the notebook/REPL session, the Networks'
/// stages) keeps its definitions here; none has its own copy of these rules:
/// - **ordering**: `Definitions.order(_:dependencies:)` sorts names after what
///   they use and reports cycles;
/// - **inlining**: `inline` replaces names by what they stand for, all of them
///   or only some;
/// - **substitution through definitions**: `substitute` replaces a symbol
///   also inside the definitions that use it (`f = x**2`; `subs(f, x, 3)` is 9);
/// - **differentiation through stages**: `derivative(_:withRespectTo:)` is the
///   chain rule over the definitions, holding the other stages' inputs fixed
///   (only the paths through the variable count, as in backpropagation);
/// - **writing a result back in the names**: `fold`.
///
/// ```swift
/// let (w, x, b) = (Expr.symbol("w"), Expr.symbol("x"), Expr.symbol("b"))
/// let defs = Definitions([("z", w * x + b), ("p", sigmoid(.symbol("z")))])
/// defs.inline(.symbol("p"))                        // sigmoid(b + w*x)
/// let dp = try defs.derivative(.symbol("p"), withRespectTo: "w")   // x*sigmoid(z)*(1 - sigmoid(z))
/// defs.fold(dp)                                   // p*x*(1 - p)
/// defs.substitute(.symbol("z") + 1, [w: 2])        // b + 2*x + 1
/// ```
///
/// Invariant: each definition mentions only names defined before it (and free
/// symbols), never its own name. Instances are immutable and `Sendable`;
/// partial derivatives are memoized inside, shared by every caller.
public final class Definitions: Sendable {
    /// The defined names, each after the names its definition uses.
    public let names: [String]
    private let held: [String: Expr]
    /// Every definition with no defined name left in it.
    private let inlined: [String: Expr]
    /// Where each name stands in `names`.
    private let index: [String: Int]
    private let memo = Mutex(Memo())

    private struct Memo {
        /// ∂(definition of s)/∂input, by stage and input.
        var partials: [String: [String: Expr]] = [:]
        /// d(s)/d(v) through the stages, by variable and stage.
        var totals: [String: [String: Expr]] = [:]
    }

    /// Definitions in order: each value may use the names before it.
    ///
    /// - Precondition: names are distinct and no value uses its own or a later name.
    public init(_ entries: [(name: String, value: Expr)]) {
        var names: [String] = []
        var held: [String: Expr] = [:]
        var inlined: [Expr: Expr] = [:]
        var inlinedByName: [String: Expr] = [:]
        var index: [String: Int] = [:]
        for (name, value) in entries {
            precondition(held[name] == nil, "'\(name)' is defined twice")
            index[name] = names.count
            names.append(name)
            held[name] = value
            let full = value.substituting(inlined)
            inlined[.symbol(name)] = full
            inlinedByName[name] = full
        }
        self.names = names
        self.held = held
        self.inlined = inlinedByName
        self.index = index
    }

    /// No definitions.
    public convenience init() { self.init([]) }

    private init(names: [String], held: [String: Expr], inlined: [String: Expr], index: [String: Int]) {
        self.names = names
        self.held = held
        self.inlined = inlined
        self.index = index
    }

    /// These definitions and one more after them, without redoing the others.
    ///
    /// - Precondition: `name` is new and `value` uses only names defined here.
    public func appending(_ name: String, _ value: Expr) -> Definitions {
        precondition(held[name] == nil, "'\(name)' is defined twice")
        var (names, held, inlined, index) = (self.names, self.held, self.inlined, self.index)
        index[name] = names.count
        names.append(name)
        held[name] = value
        inlined[name] = self.inline(value)
        return Definitions(names: names, held: held, inlined: inlined, index: index)
    }

    // MARK: Looking up

    /// Whether `name` is defined.
    public func contains(_ name: String) -> Bool { held[name] != nil }

    /// The definition of `name` as written, in terms of earlier names.
    public func value(of name: String) -> Expr? { held[name] }

    /// The definition of `name` with every defined name inlined.
    public func inlinedValue(of name: String) -> Expr? { inlined[name] }

    /// Whether there are no definitions.
    public var isEmpty: Bool { names.isEmpty }

    // MARK: Ordering

    /// Sorts `names` so each comes after the names it depends on, starting
    /// from the first in `names` order, without recursion; each cycle is
    /// reported once, as the path that closes it (`[a, b]` for a → b → a).
    ///
    /// ```swift
    /// Definitions.order(["L", "y"], dependencies: { $0 == "L" ? ["y"] : [] }).order   // ["y", "L"]
    /// ```
    public static func order(_ names: [String], dependencies: (String) -> [String]) -> (order: [String], cycles: [[String]]) {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var order: [String] = []
        var cycles: [[String]] = []
        for root in names where marks[root] == nil {
            var stack: [(name: String, next: Int, deps: [String])] = [(root, 0, dependencies(root))]
            marks[root] = .visiting
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next < stack[top].deps.count {
                    let dep = stack[top].deps[stack[top].next]
                    stack[top].next += 1
                    switch marks[dep] {
                    case nil:
                        marks[dep] = .visiting
                        stack.append((dep, 0, dependencies(dep)))
                    case .visiting?:
                        if let start = stack.lastIndex(where: { $0.name == dep }) {
                            cycles.append(stack[start...].map(\.name))
                        }
                    case .done?:
                        break
                    }
                } else {
                    marks[stack[top].name] = .done
                    order.append(stack[top].name)
                    stack.removeLast()
                }
            }
        }
        return (order, cycles)
    }

    // MARK: Inlining and substitution

    /// `e` with every defined name replaced by what it stands for.
    public func inline(_ e: Expr) -> Expr {
        var map: [Expr: Expr] = [:]
        for symbol in e.freeSymbols {
            if let value = inlined[symbol.symbolName!] { map[symbol] = value }
        }
        return e.substituting(map)
    }

    /// `e` with only the names in `only` replaced (through each other's
    /// definitions); other names stay names.
    public func inline(_ e: Expr, only: Set<String>) -> Expr {
        if only.isEmpty { return e }
        var map: [Expr: Expr] = [:]
        for name in names where only.contains(name) {
            map[Expr.symbol(name)] = held[name]!.substituting(map)
        }
        return e.substituting(map)
    }

    /// The defined names whose definitions use any of `symbols`, directly or
    /// through other definitions (not counting the `symbols` themselves).
    public func dependents(of symbols: Set<String>) -> Set<String> {
        var result = Set<String>()
        var watched = symbols
        for name in names where !symbols.contains(name) {
            if held[name]!.freeSymbols.contains(where: { watched.contains($0.symbolName!) }) {
                result.insert(name)
                watched.insert(name)
            }
        }
        return result
    }

    /// The defined names `e` uses, directly or through their definitions.
    public func references(of e: Expr) -> Set<String> {
        var result = Set<String>()
        var pending = e.freeSymbols.compactMap(\.symbolName).filter { held[$0] != nil }
        while let name = pending.popLast() {
            guard result.insert(name).inserted else { continue }
            pending += held[name]!.freeSymbols.compactMap(\.symbolName).filter { held[$0] != nil }
        }
        return result
    }

    /// Simultaneous substitution that sees through definitions: the
    /// definitions that use a replaced symbol (or a symbol of a replaced
    /// subexpression) are inlined first, the others stay names.
    ///
    /// ```swift
    /// // z = w*x
    /// defs.substitute(.symbol("z") + 1, [w: 2])   // 2*x + 1
    /// ```
    public func substitute(_ e: Expr, _ replacements: [Expr: Expr]) -> Expr {
        let touched = Set(replacements.keys.flatMap(\.freeSymbols).compactMap(\.symbolName))
        return inline(e, only: dependents(of: touched)).substituting(replacements)
    }

    // MARK: Differentiation through the stages

    /// d(f)/d(v) by the chain rule over the definitions, holding the other
    /// stages' inputs fixed: the sum over the paths from `f` to `v` only, each
    /// factor a partial derivative of one definition. The result is in terms
    /// of the defined names (not folded; see `fold`).
    ///
    /// With `v` a defined name this is the derivative with respect to that
    /// intermediate (`d(L)/d(y)` for `L = (y - t)**2/2` is `y - t`, whatever `y`
    /// is defined as); with `v` a free symbol, the total derivative.
    public func derivative(_ f: Expr, withRespectTo v: String) throws -> Expr {
        var terms: [Expr] = []
        let totals = try self.totals(of: f.freeSymbols.compactMap(\.symbolName), withRespectTo: v)
        for symbol in f.freeSymbols {
            guard let t = totals[symbol.symbolName!], !t.isZero else { continue }
            terms.append(try f.diff(symbol) * t)
        }
        return Expr.add(terms)
    }

    /// d(s)/d(v) for the stages `s` below `roots`, each after its inputs (no recursion).
    private func totals(of roots: [String], withRespectTo v: String) throws -> [String: Expr] {
        var known = memo.withLock { $0.totals[v] } ?? [:]
        known[v] = .one
        // The stages below the roots that are not known yet.
        var needed: [String] = []
        var seen = Set(roots)
        var stack = roots
        while let s = stack.popLast() {
            guard known[s] == nil, let local = held[s] else { continue }
            needed.append(s)
            for input in local.freeSymbols.compactMap(\.symbolName) where held[input] != nil && seen.insert(input).inserted {
                stack.append(input)
            }
        }
        needed.sort { index[$0]! < index[$1]! }
        for s in needed {
            let local = held[s]!
            var terms: [Expr] = []
            for input in local.freeSymbols {
                let inputName = input.symbolName!
                let t: Expr = known[inputName] ?? .zero
                if t.isZero { continue }
                terms.append(try partial(s, inputName) * t)
            }
            known[s] = Expr.add(terms)
        }
        let result = known
        memo.withLock { $0.totals[v] = result }
        return result
    }

    /// ∂(definition of `stage`)/∂`input`, memoized.
    private func partial(_ stage: String, _ input: String) throws -> Expr {
        if let known = memo.withLock({ $0.partials[stage]?[input] }) { return known }
        let value = try held[stage]!.diff(.symbol(input))
        memo.withLock { $0.partials[stage, default: [:]][input] = value }
        return value
    }

    /// ∂f/∂v as SymPy's `diff` gives it on the inlined expression, written
    /// back in the names `f` uses: the definitions that depend on `v` are
    /// inlined (the others are constants for this derivative), differentiated,
    /// and folded. Unlike `derivative`, factors such as ∂L/∂ŷ · ∂ŷ/∂z multiply
    /// out and cancel (`yhat - y` for sigmoid + cross-entropy after `simplify`).
    ///
    /// ```swift
    /// try defs.differentiate(.symbol("L"), withRespectTo: w)   // p*x*(1 - p)*(p - t)
    /// ```
    public func differentiate(_ f: Expr, withRespectTo v: Expr, order: Int = 1) throws -> Expr {
        guard let name = v.symbolName else {
            // With respect to a subexpression (`diff(f, sigmoid(z))`): on the inlined forms.
            return try inline(f).diff(inline(v), order: order)
        }
        let result = try inline(f, only: dependents(of: [name])).diff(v, order: order)
        return fold(result, using: references(of: f))
    }

    /// Every ∂f/∂v by one reverse-mode sweep over `f` with the definitions
    /// that depend on the variables inlined, each written back in the names `f` uses.
    public func gradient(_ f: Expr, _ variables: [Expr]) throws -> [Expr] {
        let inlined = inline(f, only: dependents(of: Set(variables.compactMap(\.symbolName))))
        let intermediates = references(of: f)
        return try inlined.gradient(variables).map { fold($0, using: intermediates) }
    }

    // MARK: Writing results in the names

    /// `e` rewritten in terms of the defined names (all, or those in `allowed`):
    /// each subexpression equal to a definition becomes its name, and sums
    /// and products holding a definition's terms or factors are regrouped
    /// around it (see `Folding`). The result is equal to `e`.
    ///
    /// ```swift
    /// defs.fold(sigmoid(w * x + b))   // p
    /// ```
    ///
    /// With `regrouping: false` only whole subexpressions fold, so two sides
    /// that were the same node stay the same node (the Checker's stage level).
    public func fold(_ e: Expr, using allowed: Set<String>? = nil, regrouping: Bool = true) -> Expr {
        let chosen = names.filter { allowed?.contains($0) ?? true }
        return Folding(definitions: chosen.map { ($0, held[$0]!) }, regrouping: regrouping).apply(e)
    }

    /// A fully inlined expression written with the names whose inlined
    /// values appear in it whole (the first name wins when two are equal).
    public func foldInlined(_ e: Expr) -> Expr {
        var map: [Expr: Expr] = [:]
        for name in names {
            let value = inlined[name]!
            if !value.isSymbol && !value.isNumber && map[value] == nil { map[value] = .symbol(name) }
        }
        return e.substituting(map)
    }
}
