import Foundation

/// A matrix expression: shaped symbols combined by matrix operations, with
/// every shape checked when the expression is built.
///
/// Scalars are 1×1 and column vectors n×1, so one type covers all three.
/// `*` is the matrix product (and scaling when one side is 1×1); `⊙` is the
/// Hadamard product; `.T` the transpose. Elementwise functions come from the
/// scalar function table.
///
/// ```swift
/// let W = MatrixExpr.matrix("W", rows: 2, columns: 3)
/// let x = MatrixExpr.vector("x", 3), b = MatrixExpr.vector("b", 2), t = MatrixExpr.vector("t", 2)
/// let loss = try sum(pow(W * x + b - t, 2)) / 2
/// print(try loss.gradient(wrt: W))          // (W*x + b - t)*x.T
/// try W * W                                 // throws: cannot multiply 2x3 by 2x3
/// ```
///
/// Expressions are immutable trees of shared nodes; every algorithm over them
/// is an iterative walk (`postOrder`), so depth is never a stack problem.
public final class MatrixExpr: @unchecked Sendable, CustomStringConvertible {
    // `@unchecked` because `operands` is emptied in `deinit`, when no other
    // reference can exist; every stored property is otherwise immutable.
    public let kind: Kind
    public private(set) var operands: [MatrixExpr]
    public let shape: Shape

    init(_ kind: Kind, _ operands: [MatrixExpr], _ shape: Shape) {
        self.kind = kind
        self.operands = operands
        self.shape = shape
    }

    /// The node kinds. Operands are listed with each.
    public enum Kind: Sendable, Equatable {
        /// A shaped symbol; its entries lower to `W_i_j` (matrix), `x_i` (vector), `s` (scalar).
        case symbol(String)
        /// A 1×1 scalar expression of the scalar engine (a constant, scalar symbols).
        case scalar(Expr)
        /// The all-ones matrix of the node's shape.
        case ones
        /// The identity matrix (square).
        case identity
        /// [A]: Aᵀ.
        case transpose
        /// [A, B]: the matrix product A B.
        case product
        /// [s, A]: s·A with s 1×1.
        case scale
        /// [A, B]: A ⊙ B, same shapes.
        case hadamard
        /// [A, B]: A + B, broadcasting B or A (see `Broadcast`).
        case add(Broadcast)
        /// [A]: `body` applied to every entry, with `MatrixExpr.entryVariable` standing for the entry.
        case elementwise(Expr)
        /// [A]: the sum of A's entries (1×1).
        case sumEntries
        /// [A]: ‖A‖²_F, the sum of squared entries (1×1).
        case frobeniusSquared
        /// [A]: the trace of a square A (1×1).
        case trace
        /// [z]: softmax of a column vector.
        case softmax
        /// [z]: log Σ exp(zᵢ) of a column vector (1×1).
        case logsumexp
        /// [L]: ∂L/∂X for a 1×1 L and symbol X, shaped like X; lowered through the scalar engine.
        case gradient(wrt: String, shape: Shape)
        /// [f]: the Jacobian ∂f/∂x of a column vector f by a column vector symbol x
        /// (len f × len x); lowered through the scalar engine.
        case jacobian(wrt: String, shape: Shape)
        /// [v]: the square matrix with the column vector v on its diagonal.
        case diag
        /// [body, value]: body with the symbol `name` replaced by value.
        case substitution(name: String)
    }

    /// How the smaller operand of a sum is spread over the larger one.
    public enum Broadcast: Sendable, Equatable {
        /// Same shapes.
        case none
        /// The second operand is 1×1, added to every entry.
        case scalar
        /// The second operand is a row (1×c) or a column vector of length c,
        /// added to every row: the bias of a batch `A Wᵀ + b`.
        case rows
        /// The second operand is a column vector added to every column.
        case columns
    }

    /// The placeholder an elementwise body is written in.
    public static let entryVariable = Expr.symbol("_entry")

    public var description: String { MatrixPrinter.print(self) }

    // Releasing the root of a deep chain would release each operand from
    // inside its parent's deinit, one stack frame per level; as `Node` does,
    // the outermost deinit on a thread drains a worklist instead.
    deinit {
        if operands.isEmpty { return }
        let state = Teardown.current
        state.matrices.append(contentsOf: operands)
        operands = []
        state.drain()
    }
}


// MARK: - Leaves

extension MatrixExpr {
    /// A matrix symbol, `rows` × `columns`, concrete or symbolic.
    ///
    /// ```swift
    /// let W1 = MatrixExpr.matrix("W1", rows: 2, columns: 3)
    /// let X = MatrixExpr.matrix("X", rows: "B", columns: "d")
    /// ```
    public static func matrix(_ name: String, rows: Dimension, columns: Dimension) -> MatrixExpr {
        MatrixExpr(.symbol(name), [], Shape(rows: rows, columns: columns))
    }

    /// A column vector symbol.
    ///
    /// ```swift
    /// let x = MatrixExpr.vector("x", 3)
    /// ```
    public static func vector(_ name: String, _ length: Dimension) -> MatrixExpr {
        MatrixExpr(.symbol(name), [], .vector(length))
    }

    /// A symbol of any shape.
    public static func symbol(_ name: String, shape: Shape) -> MatrixExpr {
        MatrixExpr(.symbol(name), [], shape)
    }

    /// A scalar expression as a 1×1 matrix expression.
    ///
    /// ```swift
    /// let half = MatrixExpr.scalar(.rational(1, 2))
    /// ```
    public static func scalar(_ value: Expr) -> MatrixExpr { MatrixExpr(.scalar(value), [], .scalar) }

    /// The all-ones matrix (or vector) of a shape.
    public static func ones(_ shape: Shape) -> MatrixExpr { MatrixExpr(.ones, [], shape) }

    /// The n×n identity.
    public static func identity(_ n: Dimension) -> MatrixExpr { MatrixExpr(.identity, [], Shape(rows: n, columns: n)) }

    /// The symbol's name, if this is a symbol.
    public var symbolName: String? { if case .symbol(let n) = kind { return n } else { return nil } }
    /// The scalar, if this is a scalar leaf.
    public var scalarValue: Expr? { if case .scalar(let e) = kind { return e } else { return nil } }
    var isOnes: Bool { kind == .ones }
}

extension Expr {
    /// A matrix symbol; the same as `MatrixExpr.matrix`.
    ///
    /// ```swift
    /// let W = Expr.matrix("W", rows: 2, columns: 3)
    /// ```
    public static func matrix(_ name: String, rows: Dimension, columns: Dimension) -> MatrixExpr {
        MatrixExpr.matrix(name, rows: rows, columns: columns)
    }

    /// A column vector symbol; the same as `MatrixExpr.vector`.
    public static func vector(_ name: String, _ length: Dimension) -> MatrixExpr {
        MatrixExpr.vector(name, length)
    }
}

// MARK: - Traversal

extension MatrixExpr {
    /// The distinct nodes reachable from `roots`, operands before the nodes
    /// using them, iteratively.
    static func postOrder(_ roots: [MatrixExpr]) -> [MatrixExpr] {
        var order: [MatrixExpr] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(MatrixExpr, Int)] = []
        for root in roots where visited.insert(ObjectIdentifier(root)).inserted {
            stack.append((root, 0))
            while !stack.isEmpty {
                let (e, next) = stack[stack.count - 1]
                if next < e.operands.count {
                    stack[stack.count - 1].1 = next + 1
                    let child = e.operands[next]
                    if visited.insert(ObjectIdentifier(child)).inserted { stack.append((child, 0)) }
                } else {
                    order.append(e)
                    stack.removeLast()
                }
            }
        }
        return order
    }

    /// `combine` at every distinct node, operands first; the result at `self`.
    func fold<T>(_ combine: (MatrixExpr, [T]) throws -> T) rethrows -> T {
        var memo: [ObjectIdentifier: T] = [:]
        let order = MatrixExpr.postOrder([self])
        for node in order {
            let children = node.operands.map { memo[ObjectIdentifier($0)]! }
            memo[ObjectIdentifier(node)] = try combine(node, children)
        }
        return memo[ObjectIdentifier(self)]!
    }

    /// The shaped symbols, by name (the first shape seen for each name).
    public var symbols: [String: Shape] {
        var result: [String: Shape] = [:]
        for node in MatrixExpr.postOrder([self]) {
            if let name = node.symbolName, result[name] == nil { result[name] = node.shape }
        }
        return result
    }

    /// The symbolic dimension names in the expression, sorted.
    public var dimensionNames: [String] {
        var names = Set<String>()
        for node in MatrixExpr.postOrder([self]) {
            node.shape.dimensionNames.forEach { names.insert($0) }
            if case .gradient(_, let s) = node.kind { s.dimensionNames.forEach { names.insert($0) } }
            if case .jacobian(_, let s) = node.kind { s.dimensionNames.forEach { names.insert($0) } }
        }
        return names.sorted()
    }
}
