/// An elementary function: one entry of the function table.
///
/// Everything symdiff knows about a function comes from its entry: numeric
/// value, domain, partial derivatives, canonical simplifications, printing
/// (plain, LaTeX, Swift), parsing (name and aliases), how the equivalence
/// prover rewrites it, and where a piecewise function has kinks. Adding a
/// function is one entry in `FunctionTable.swift` and one test row.
///
/// ```swift
/// let f = Expr.apply(.tanh, [x])
/// f.diff(x)   // 1 - tanh(x)**2
/// ```
public struct Function: Sendable, Hashable, CustomStringConvertible {
    /// The name used for printing and parsing.
    public let name: String
    /// Other spellings the parser accepts (`ln`, `Heaviside`, ...).
    public let aliases: [String]
    public let arity: Int
    /// The value at a point. Called only after `domainError` returned `nil`.
    public let numeric: Numeric
    /// Why the arguments are outside the real domain, or `nil` when they are inside.
    public let domainError: @Sendable ([Double]) -> String?
    /// ∂f/∂(argument `index`), given the arguments and the node `f(arguments)`
    /// itself (so `exp' = exp` and `sigmoid' = s*(1 - s)` reuse it).
    public let partial: @Sendable (_ arguments: [Expr], _ index: Int, _ value: Expr) -> Expr
    /// Canonical simplification at construction (`exp(0)` → `1`), or `nil` to keep.
    public let fold: (@Sendable ([Expr]) -> Expr?)?
    /// LaTeX from the arguments' LaTeX.
    public let latex: @Sendable ([String]) -> String
    /// Swift source from the arguments' Swift source (all `Double`).
    public let swift: @Sendable ([String]) -> String
    /// An exact rewrite into exp, log and powers used by the equivalence
    /// prover (`sigmoid(z)` → `1/(1 + exp(-z))`); `nil` keeps it as an opaque atom.
    public let rewrite: (@Sendable ([Expr]) -> Expr)?
    /// For piecewise functions, the expressions whose sign selects a branch
    /// (`relu(u)` → `[u]`); numeric checks sample both sides of each.
    public let kinks: (@Sendable ([Expr]) -> [Expr])?

    /// How to compute the value. Unary and binary functions get direct
    /// closures so compiled code calls them without packing arrays.
    public enum Numeric: Sendable {
        case unary(@Sendable (Double) -> Double)
        case binary(@Sendable (Double, Double) -> Double)
    }

    public init(name: String, aliases: [String] = [], arity: Int, numeric: Numeric,
                domainError: @escaping @Sendable ([Double]) -> String? = { _ in nil },
                partial: @escaping @Sendable ([Expr], Int, Expr) -> Expr,
                fold: (@Sendable ([Expr]) -> Expr?)? = nil,
                latex: @escaping @Sendable ([String]) -> String,
                swift: @escaping @Sendable ([String]) -> String,
                rewrite: (@Sendable ([Expr]) -> Expr)? = nil,
                kinks: (@Sendable ([Expr]) -> [Expr])? = nil) {
        self.name = name
        self.aliases = aliases
        self.arity = arity
        self.numeric = numeric
        self.domainError = domainError
        self.partial = partial
        self.fold = fold
        self.latex = latex
        self.swift = swift
        self.rewrite = rewrite
        self.kinks = kinks
    }

    /// The value at `arguments` (no domain check).
    public func value(_ arguments: [Double]) -> Double {
        switch numeric {
        case .unary(let f): return f(arguments[0])
        case .binary(let f): return f(arguments[0], arguments[1])
        }
    }

    public var isPiecewise: Bool { kinks != nil }

    public static func == (a: Function, b: Function) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public var description: String { name }

    /// The table entry for a name or alias, as the parser looks it up.
    public static func named(_ name: String) -> Function? { lookup[name] }

    private static let lookup: [String: Function] = {
        var table: [String: Function] = [:]
        for f in all {
            table[f.name] = f
            for alias in f.aliases { table[alias] = f }
        }
        return table
    }()
}
