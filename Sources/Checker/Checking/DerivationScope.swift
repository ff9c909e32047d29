import Language
import SymDiff

/// The definitions of a derivation file, resolved.
///
/// Every expression is known at two levels:
/// - **stage level**: the file's *stages* (the intermediates that some
///   `d(F)/d(v)` differentiates through, such as `z1`, `a1`, `y`, `L`) stay
///   symbols, other definitions (shorthands such as a δ) are expanded, and
///   each `d(F)/d(v)` is the chain rule over the stages. This is how a person
///   writes backpropagation, and identities there are cheap to prove.
/// - **full level**: every definition expanded down to the free symbols. This
///   is the ground truth; counterexamples and numbers come from here.
///
/// A stage-level identity stays an identity when the stages are replaced by
/// their definitions, so a stage-level proof is a proof. A stage-level
/// difference proves nothing (the stages are not independent), so
/// refutations only ever come from the full level.
///
/// `d(F)/d(v)` with v a stage holds the other stages' inputs fixed: it sums
/// over the paths from F to v only.
final class DerivationScope {
    private(set) var definitions: [String: Definition] = [:]
    private(set) var errors: [SourceError] = []
    /// Names that cannot be used, with why.
    private(set) var broken: [String: String] = [:]
    /// Dependencies first.
    private(set) var order: [String] = []
    private(set) var stages: Set<String> = []
    /// Every name written as a free symbol somewhere in the file (not only as
    /// the v of a derivative).
    private(set) var knownSymbols: Set<String> = []
    /// The lines where each free symbol is written (not counting derivative variables).
    private(set) var symbolLines: [String: Set<Int>] = [:]
    private(set) var points: [String: (values: [String: Double], line: Int)] = [:]
    private(set) var lossName: Expr? = nil
    private(set) var lossSetting: WrittenExpression? = nil
    private(set) var rateSetting: WrittenExpression? = nil

    /// Every usable definition at stage level.
    private(set) var staged: [String: Expr] = [:]
    /// The resolved stages at stage level, in dependency order: the shared
    /// scope that differentiates through them, expands them and writes
    /// results back in their names.
    private var stageScope = Definitions()

    /// The source lines (from line 1), so errors found after parsing can show them.
    private let lines: [String]

    /// `unparsedDefinitions`: names whose defining line could not be parsed, with that line.
    init(statements: [Statement], unparsedDefinitions: [String: Int], lines: [String]) {
        self.lines = lines
        for (name, line) in unparsedDefinitions { broken[name] = "its definition on line \(line) has an error" }
        register(statements)
        collectSymbols(statements)
        resolvePoints(statements)
        sortDefinitions()
        findStages(statements)
        resolveDefinitions()
    }

    // MARK: Registration

    private func register(_ statements: [Statement]) {
        for statement in statements {
            switch statement {
            case .definition(let d):
                if let previous = definitions[d.name] {
                    errors.append(d.value.error("'\(d.name)' is already defined on line \(previous.line)", column: d.column))
                } else if broken[d.name] == nil {
                    definitions[d.name] = d
                }
            case .setting(let s):
                let previous = s.key == .loss ? lossSetting : rateSetting
                if let previous {
                    errors.append(s.value.error("'\(s.key.rawValue):' is already set on line \(previous.line)"))
                } else if s.key == .loss {
                    lossSetting = s.value
                } else {
                    rateSetting = s.value
                }
            case .point, .claim, .session, .declaration:
                break
            }
        }
        if let lossSetting {
            lossName = lossSetting.expr
        } else if let name = ["L", "loss", "E", "J"].first(where: { definitions[$0] != nil || broken[$0] != nil }) {
            lossName = .symbol(name)
        }
    }

    private func collectSymbols(_ statements: [Statement]) {
        func add(_ w: WrittenExpression) {
            // A bare name differentiated, as in d(Q)/d(x), must be defined: it does not make Q known.
            let differentiated = w.derivatives.filter { !$0.function.isSymbol }.flatMap(\.function.freeSymbols)
            for s in w.expr.freeSymbols + differentiated {
                knownSymbols.insert(s.symbolName!)
                symbolLines[s.symbolName!, default: []].insert(w.line)
            }
        }
        for statement in statements {
            switch statement {
            case .definition(let d): add(d.value)
            case .setting(let s): add(s.value)
            case .point(let p):
                for case .value(let name, _, _) in p.items { knownSymbols.insert(name) }
            case .session, .declaration:
                break   // a derivation file's statements hold no session ones; declarations name matrices
            case .claim(let c):
                switch c.kind {
                case .equalities(let sides): sides.forEach(add)
                case .numeric(let n):
                    add(n.expression)
                    for case .value(let name, _, _) in n.point { knownSymbols.insert(name) }
                case .update(let u):
                    add(u.rule)
                    knownSymbols.insert(u.parameter)
                case .matrix:
                    break   // matrix names live in the matrix scope
                }
            }
        }
        knownSymbols.subtract(definitions.keys)
        knownSymbols = knownSymbols.filter { !DerivativeSyntax.isReserved($0) }
    }

    /// Named points, in file order: a point may build on the points above it.
    private func resolvePoints(_ statements: [Statement]) {
        for case .point(let p) in statements {
            let source = lines.indices.contains(p.line - 1) ? lines[p.line - 1] : ""
            let here = WrittenExpression(expr: .zero, derivatives: [], text: "", line: p.line, column: p.column,
                                         names: [:], lineText: source)
            if let previous = points[p.name] {
                errors.append(here.error("point '\(p.name)' is already defined on line \(previous.line)"))
                continue
            }
            do {
                points[p.name] = (try resolvePoint(p.items, in: here), p.line)
            } catch let error as SourceError {
                errors.append(error)
            } catch {}
        }
    }

    /// The values of a list such as `ex1, x=3` (later entries win).
    func resolvePoint(_ items: [PointItem], in expression: WrittenExpression) throws -> [String: Double] {
        var values: [String: Double] = [:]
        for item in items {
            switch item {
            case .reference(let name, let column):
                guard let point = points[name] else {
                    throw expression.error("there is no point named '\(name)' above this line\(suggestion(for: name, among: Array(points.keys)))",
                                           column: column)
                }
                values.merge(point.values) { $1 }
            case .value(let name, let value, let column):
                if let d = definitions[name] {
                    throw expression.error("'\(name)' is defined on line \(d.line); give values to the symbols it is built from", column: column)
                }
                values[name] = value
            }
        }
        return values
    }

    // MARK: Dependencies

    /// The defined names (and names whose definition failed to parse) that a definition uses.
    private func dependencies(of name: String) -> [String] {
        guard let d = definitions[name] else { return [] }
        return d.value.names.keys.filter { (definitions[$0] != nil || broken[$0] != nil) && $0 != name }.sorted()
            + (d.value.names[name] != nil ? [name] : [])
    }

    /// Why a name that uses `dependency` cannot be used, naming the root cause.
    private func reason(using dependency: String) -> String {
        let root = brokenRoots[dependency] ?? dependency
        let why = broken[root]!.replacingOccurrences(of: "its definition", with: "whose definition")
        return "it depends on '\(root)', \(why)"
    }
    private var brokenRoots: [String: String] = [:]

    /// Orders the definitions so each comes after what it uses; reports cycles.
    private func sortDefinitions() {
        let names = definitions.keys.sorted { definitions[$0]!.line < definitions[$1]!.line }
        let (order, cycles) = Definitions.order(names, dependencies: dependencies(of:))
        self.order = order
        for cycle in cycles { reportCycle(cycle) }
    }

    private func reportCycle(_ cycle: [String]) {
        if cycle.contains(where: { broken[$0] != nil }) { return }
        let first = cycle.min { definitions[$0]!.line < definitions[$1]!.line }!
        let rotated = Array(cycle[cycle.firstIndex(of: first)!...] + cycle[..<cycle.firstIndex(of: first)!])
        let description = (rotated + [first]).joined(separator: " → ")
        let where_ = rotated.map { "\($0) on line \(definitions[$0]!.line)" }.joined(separator: ", ")
        let d = definitions[first]!
        errors.append(d.value.error(cycle.count == 1 ? "circular definition: '\(first)' is defined in terms of itself"
                                        : "circular definition: \(description) (\(where_))", column: d.column))
        for member in cycle { broken[member] = "its definition is circular" }
    }

    /// The stages: every definition that some derivative differentiates
    /// through, and every defined name used as a derivative's variable.
    private func findStages(_ statements: [Statement]) {
        var roots: [String] = []
        func add(_ w: WrittenExpression) {
            for d in w.derivatives {
                roots += d.function.freeSymbols.compactMap(\.symbolName).filter { definitions[$0] != nil }
                if definitions[d.variable] != nil { roots.append(d.variable) }
            }
        }
        for statement in statements {
            switch statement {
            case .definition(let d): add(d.value)
            case .setting(let s): add(s.value)
            case .point, .session, .declaration: break
            case .claim(let c):
                switch c.kind {
                case .equalities(let sides): sides.forEach(add)
                case .numeric(let n): add(n.expression)
                case .update(let u): add(u.rule)
                case .matrix: break
                }
                if case .update = c.kind, let loss = lossName {
                    roots += loss.freeSymbols.compactMap(\.symbolName).filter { definitions[$0] != nil }
                }
            }
        }
        var stack = roots
        while let name = stack.popLast() {
            guard stages.insert(name).inserted else { continue }
            stack += dependencies(of: name).filter { !stages.contains($0) }
        }
    }

    // MARK: Resolution

    private func resolveDefinitions() {
        for name in order {
            guard broken[name] == nil, let d = definitions[name] else { continue }
            if let dep = dependencies(of: name).first(where: { broken[$0] != nil }) {
                broken[name] = reason(using: dep)
                brokenRoots[name] = brokenRoots[dep] ?? dep
                continue
            }
            do {
                let value = try stage(d.value)
                staged[name] = value
                if stages.contains(name) { stageScope = stageScope.appending(name, value) }
            } catch let error as SourceError {
                errors.append(error)
                broken[name] = "its definition on line \(d.line) has an error"
            } catch {
                errors.append(d.value.error("\(error)"))
                broken[name] = "its definition on line \(d.line) has an error"
            }
        }
    }

    /// The expression at stage level, with each derivative worked out.
    func stage(_ w: WrittenExpression) throws -> Expr {
        var derivatives: [Expr: Expr] = [:]
        for term in w.derivatives {
            try validate(term, in: w)
            let function = try substituteNames(term.function, derivatives, in: w)
            derivatives[term.placeholder] = try derivative(function, withRespectTo: term.variable)
        }
        return try substituteNames(w.expr, derivatives, in: w)
    }

    private func validate(_ term: DerivativeTerm, in w: WrittenExpression) throws {
        if let name = term.functionName, definitions[name] == nil, broken[name] == nil, !knownSymbols.contains(name) {
            throw w.error("'\(name)' is not defined\(suggestion(for: name, among: Array(definitions.keys)))",
                          column: term.functionColumn)
        }
        let v = term.variable
        if definitions[v] == nil, broken[v] == nil, !knownSymbols.contains(v) {
            throw w.error("unknown name '\(v)': it is not defined and no other expression uses it\(suggestion(for: v, among: Array(definitions.keys) + Array(knownSymbols)))",
                          column: term.variableColumn)
        }
        if let reason = broken[v] {
            throw w.error("'\(v)' cannot be used: \(reason)", column: term.variableColumn)
        }
    }

    private func substituteNames(_ e: Expr, _ derivatives: [Expr: Expr], in w: WrittenExpression) throws -> Expr {
        var map: [Expr: Expr] = [:]
        for symbol in e.freeSymbols {
            let name = symbol.symbolName!
            if let value = derivatives[symbol] { map[symbol] = value; continue }
            if let reason = broken[name] {
                throw w.error("'\(name)' cannot be used: \(reason)", column: w.names[name] ?? w.column)
            }
            if definitions[name] != nil && !stages.contains(name) {
                guard let value = staged[name] else {
                    throw w.error("'\(name)' cannot be used here", column: w.names[name] ?? w.column)
                }
                map[symbol] = value
            }
        }
        return e.substituting(map)
    }

    /// d(F)/d(v) at stage level: the chain rule over the stages, summing over
    /// the paths from F to v (through v's inputs only via v), in the file's names.
    func derivative(_ f: Expr, withRespectTo v: String) throws -> Expr {
        fold(try stageScope.derivative(f, withRespectTo: v))
    }

    /// Subexpressions that are a stage's definition, written as the stage.
    func fold(_ e: Expr) -> Expr { stageScope.fold(e, regrouping: false) }

    /// Every stage replaced by its definition, down to the free symbols.
    func expand(_ e: Expr) -> Expr { stageScope.inline(e) }

    /// A fully expanded expression written with the stages' names where they occur.
    func foldFull(_ e: Expr) -> Expr { stageScope.foldInlined(e) }

    /// Whether a name is a definition of this file.
    func isDefined(_ name: String) -> Bool { definitions[name] != nil }
}
