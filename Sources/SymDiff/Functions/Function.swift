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
    /// For a piecewise function, its branches: the expression whose sign
    /// selects one (`relu(u)`: `u`) and the function's value where it is
    /// positive, negative and zero. Numeric checks sample both sides of each
    /// kink; the prover splits on its sign (`CaseSplit`).
    public let branches: (@Sendable ([Expr]) -> Branches)?
    /// For an undefined function (SymPy's `Function('f')`) or one of its
    /// derivatives, its name and how often each argument is differentiated;
    /// `nil` for a table entry. See `Function.undefined(_:arity:orders:)`.
    public let undefined: Undefined?

    /// The values of a piecewise function on either side of its kink and at it.
    ///
    /// ```swift
    /// Function.relu.branches!([z])   // kink z; z where z > 0, 0 where z < 0, 0 at z = 0
    /// ```
    public struct Branches: Sendable {
        /// The expression whose sign selects the branch.
        public let kink: Expr
        public let positive: Expr
        public let negative: Expr
        /// The value where `kink` is exactly 0 (the convention: heaviside(0) = 0).
        public let zero: Expr

        public init(kink: Expr, positive: Expr, negative: Expr, zero: Expr) {
            self.kink = kink
            self.positive = positive
            self.negative = negative
            self.zero = zero
        }
    }

    /// For piecewise functions, the expressions whose sign selects a branch
    /// (`relu(u)` → `[u]`).
    public var kinks: (@Sendable ([Expr]) -> [Expr])? {
        guard let branches else { return nil }
        return { [branches($0).kink] }
    }

    /// How to compute the value. Unary and binary functions get direct
    /// closures so compiled code calls them without packing arrays.
    public enum Numeric: Sendable {
        case unary(@Sendable (Double) -> Double)
        case binary(@Sendable (Double, Double) -> Double)
        /// Any arity (undefined functions of three or more arguments).
        case nary(@Sendable ([Double]) -> Double)
    }

    public init(name: String, aliases: [String] = [], arity: Int, numeric: Numeric,
                domainError: @escaping @Sendable ([Double]) -> String? = { _ in nil },
                partial: @escaping @Sendable ([Expr], Int, Expr) -> Expr,
                fold: (@Sendable ([Expr]) -> Expr?)? = nil,
                latex: @escaping @Sendable ([String]) -> String,
                swift: @escaping @Sendable ([String]) -> String,
                rewrite: (@Sendable ([Expr]) -> Expr)? = nil,
                branches: (@Sendable ([Expr]) -> Branches)? = nil,
                undefined: Undefined? = nil) {
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
        self.branches = branches
        self.undefined = undefined
    }

    /// The value at `arguments` (no domain check).
    public func value(_ arguments: [Double]) -> Double {
        switch numeric {
        case .unary(let f): return f(arguments[0])
        case .binary(let f): return f(arguments[0], arguments[1])
        case .nary(let f): return f(arguments)
        }
    }

    public var isPiecewise: Bool { branches != nil }

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
