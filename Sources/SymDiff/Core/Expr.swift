/// An immutable symbolic expression.
///
/// Expressions are hash-consed: building the same expression twice gives the
/// same shared node, so `==` is a pointer comparison and hashing reads a
/// cached value. Every expression is in canonical form (see `Construction.swift`),
/// so `x*y == y*x` and `x + x == 2*x` hold as values.
///
/// ```swift
/// let x = Expr.symbol("x"), y = Expr.symbol("y")
/// let f = x * y + sigmoid(x)
/// print(f)                     // x*y + sigmoid(x)
/// print(f.diff(x))             // y + sigmoid(x)*(1 - sigmoid(x))
/// ```
///
/// All symbols are real-valued. Identities that need that assumption, such as
/// `log(exp(x)) == x`, are applied by the constructors.
public struct Expr: Sendable, Hashable {
    let node: Node

    init(node: Node) { self.node = node }

    /// What kind of node this is.
    public var kind: Kind { node.kind }

    /// The operands: terms of a sum, factors of a product, `[base, exponent]`
    /// of a power, arguments of a function. Empty for symbols and numbers.
    public var arguments: [Expr] { node.children }

    /// The height of the expression tree (a symbol or number has height 1).
    public var height: Int { Int(node.height) }

    public static func == (a: Expr, b: Expr) -> Bool { a.node === b.node }
    public func hash(into hasher: inout Hasher) { hasher.combine(node.structuralHash) }

    /// A hash that is the same in every process and on every platform
    /// (Swift's `Hasher` is seeded per process), used for stable ordering.
    public var stableHash: UInt64 { node.structuralHash }

    /// The node kinds. Exp and Log are applications of the functions `exp`
    /// and `log` from the function table, like every other elementary function.
    public enum Kind: Sendable, Hashable {
        case symbol(String)
        case number(Number)
        case add
        case mul
        case pow
        case apply(Function)
    }
}

// MARK: - Leaves

extension Expr {
    /// A real-valued symbol.
    ///
    /// ```swift
    /// let w = Expr.symbol("W1")
    /// ```
    public static func symbol(_ name: String) -> Expr { Node.make(.symbol(name), []) }

    /// Several symbols at once, like SymPy's `symbols("x y z")`.
    ///
    /// ```swift
    /// let (x, y) = (Expr.symbols("x y")[0], Expr.symbols("x y")[1])
    /// ```
    public static func symbols(_ names: String) -> [Expr] {
        names.split(whereSeparator: { $0 == " " || $0 == "," }).map { symbol(String($0)) }
    }

    /// A numeric constant.
    public static func number(_ value: Number) -> Expr { Node.make(.number(value), []) }
    public static func number(_ value: Int) -> Expr { number(Number(value)) }
    /// The exact rational `numerator/denominator`.
    public static func rational(_ numerator: Int, _ denominator: Int) -> Expr {
        number(Number(numerator, denominator))
    }

    public static let zero = Expr.number(0)
    public static let one = Expr.number(1)
    public static let minusOne = Expr.number(-1)
}

// MARK: - Inspection

extension Expr {
    public var isSymbol: Bool { if case .symbol = kind { return true } else { return false } }
    public var isNumber: Bool { if case .number = kind { return true } else { return false } }
    public var isAdd: Bool { kind == .add }
    public var isMul: Bool { kind == .mul }
    public var isPow: Bool { kind == .pow }
    /// The symbol's name, if this is a symbol.
    public var symbolName: String? { if case .symbol(let n) = kind { return n } else { return nil } }
    /// The constant, if this is a number.
    public var numberValue: Number? { if case .number(let n) = kind { return n } else { return nil } }
    /// The applied function, if this is a function application.
    public var function: Function? { if case .apply(let f) = kind { return f } else { return nil } }
    public var isZero: Bool { numberValue?.isZero ?? false }
    public var isOne: Bool { numberValue?.isOne ?? false }

    /// `(base, exponent)`; a non-power is its own base with exponent 1.
    public var asPower: (base: Expr, exponent: Expr) {
        kind == .pow ? (arguments[0], arguments[1]) : (self, .one)
    }

    /// `(coefficient, rest)` with `self == coefficient * rest`, splitting off a
    /// numeric factor: `3*x*y` → `(3, x*y)`, `x` → `(1, x)`, `5` → `(5, 1)`.
    public var asCoefficientAndTerm: (coefficient: Number, term: Expr) {
        if let n = numberValue { return (n, .one) }
        if kind == .mul, let c = arguments[0].numberValue {
            let rest = Array(arguments.dropFirst())
            return (c, rest.count == 1 ? rest[0] : Node.make(.mul, rest))
        }
        return (.one, self)
    }

    /// The distinct symbols the expression depends on, sorted by name.
    public var freeSymbols: [Expr] {
        var names: [String: Expr] = [:]
        for e in postOrder() where e.isSymbol { names[e.symbolName!] = e }
        return names.keys.sorted().map { names[$0]! }
    }

    /// Whether `symbol` occurs in the expression.
    public func contains(_ part: Expr) -> Bool {
        postOrder().contains(part)
    }

    /// The number of distinct nodes (the size of the DAG).
    public var nodeCount: Int { postOrder().count }
}

extension Expr: CustomStringConvertible, CustomDebugStringConvertible {
    /// SymPy syntax; `parse(e.description) == e`.
    public var description: String { PlainPrinter.print(self) }
    public var debugDescription: String { "Expr(\(description))" }
}
