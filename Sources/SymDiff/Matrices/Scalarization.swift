/// Lowering a matrix expression at concrete sizes to a grid of scalar
/// expressions, entry by entry: the independent oracle every matrix rule is
/// checked against, since the scalar engine knows nothing of matrices.
///
/// A symbol's entries are scalar symbols: `W_i_j` for a matrix, `x_i` for a
/// vector, the name itself for a 1×1 symbol (indices from 1). A symbolic
/// dimension name inside a scalar (`1/(2*B)`) becomes its size.
public struct Entries: Sendable, Equatable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// Row-major.
    public var values: [Expr]

    public init(rows: Int, columns: Int, values: [Expr]) {
        precondition(values.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    init(rows: Int, columns: Int, _ entry: (Int, Int) -> Expr) {
        var values: [Expr] = []
        values.reserveCapacity(rows * columns)
        for i in 0..<rows { for j in 0..<columns { values.append(entry(i, j)) } }
        self.init(rows: rows, columns: columns, values: values)
    }

    public subscript(i: Int, j: Int) -> Expr { values[i * columns + j] }

    public var description: String {
        (0..<rows).map { i in "[" + (0..<columns).map { self[i, $0].description }.joined(separator: ", ") + "]" }
            .joined(separator: "\n")
    }
}

extension MatrixExpr {
    /// The scalar symbol for entry (i, j) (0-based here, 1-based in the name).
    public static func entryName(_ name: String, _ i: Int, _ j: Int, shape: Shape) -> String {
        if shape.isScalar { return name }
        if shape.columns == .one { return "\(name)_\(i + 1)" }
        if shape.rows == .one { return "\(name)_\(j + 1)" }
        return "\(name)_\(i + 1)_\(j + 1)"
    }

    /// The entry symbols of a shaped symbol at concrete sizes.
    static func symbolEntries(_ name: String, shape: Shape, sizes: [String: Int]) throws -> Entries {
        let (r, c) = try shape.sizes(sizes)
        return Entries(rows: r, columns: c) { i, j in .symbol(entryName(name, i, j, shape: shape)) }
    }

    /// Every entry as a scalar expression, with the symbolic dimensions given
    /// sizes.
    ///
    /// ```swift
    /// let W = MatrixExpr.matrix("W", rows: "n", columns: "m"), x = MatrixExpr.vector("x", "m")
    /// try (W * x).entries(sizes: ["n": 2, "m": 3])[1, 0]   // W_2_1*x_1 + W_2_2*x_2 + W_2_3*x_3
    /// ```
    public func entries(sizes: [String: Int] = [:]) throws -> Entries {
        var dimensions: [Expr: Expr] = [:]
        for (name, size) in sizes { dimensions[.symbol(name)] = .number(size) }
        try checkLoweringWork(sizes: sizes)
        return try fold { node, parts in try node.lowerNode(parts, sizes: sizes, dimensions: dimensions) }
    }

    private func lowerNode(_ parts: [Entries], sizes: [String: Int], dimensions: [Expr: Expr]) throws -> Entries {
        let (r, c) = try shape.sizes(sizes)
        switch kind {
        case .symbol(let name):
            return try MatrixExpr.symbolEntries(name, shape: shape, sizes: sizes)
        case .scalar(let value):
            return Entries(rows: 1, columns: 1, values: [value.substituting(dimensions)])
        case .ones: return Entries(rows: r, columns: c) { _, _ in .one }
        case .identity: return Entries(rows: r, columns: c) { i, j in i == j ? .one : .zero }
        case .transpose: return Entries(rows: r, columns: c) { i, j in parts[0][j, i] }
        case .product:
            let (a, b) = (parts[0], parts[1])
            return Entries(rows: r, columns: c) { i, j in .add((0..<a.columns).map { a[i, $0] * b[$0, j] }) }
        case .scale:
            let s = parts[0][0, 0]
            return Entries(rows: r, columns: c) { i, j in s * parts[1][i, j] }
        case .hadamard: return Entries(rows: r, columns: c) { i, j in parts[0][i, j] * parts[1][i, j] }
        case .add(let spread):
            let (a, b) = (parts[0], parts[1])
            return Entries(rows: r, columns: c) { i, j in
                switch spread {
                case .none: return a[i, j] + b[i, j]
                case .scalar: return a[i, j] + b[0, 0]
                case .rows: return a[i, j] + (b.rows == 1 ? b[0, j] : b[j, 0])
                case .columns: return a[i, j] + b[i, 0]
                }
            }
        case .elementwise(let body):
            return Entries(rows: r, columns: c) { i, j in body.substituting([MatrixExpr.entryVariable: parts[0][i, j]]) }
        case .sumEntries: return Entries(rows: 1, columns: 1, values: [.add(parts[0].values)])
        case .frobeniusSquared: return Entries(rows: 1, columns: 1, values: [.add(parts[0].values.map { $0 ** 2 })])
        case .trace: return Entries(rows: 1, columns: 1, values: [.add((0..<parts[0].rows).map { parts[0][$0, $0] })])
        case .softmax:
            let exps = parts[0].values.map { Expr.exp($0) }
            let total = Expr.add(exps)
            return Entries(rows: r, columns: c, values: exps.map { $0 / total })
        case .logsumexp:
            return Entries(rows: 1, columns: 1, values: [.log(.add(parts[0].values.map { Expr.exp($0) }))])
        case .gradient(let name, let variableShape):
            let variables = try MatrixExpr.symbolEntries(name, shape: variableShape, sizes: sizes)
            let partials = try parts[0][0, 0].gradient(variables.values)
            return Entries(rows: variables.rows, columns: variables.columns, values: partials)
        case .jacobian(let name, let variableShape):
            let variables = try MatrixExpr.symbolEntries(name, shape: variableShape, sizes: sizes)
            let f = parts[0]
            var values: [Expr] = []
            for i in 0..<r { for j in 0..<c { values.append(try f.values[i].diff(variables.values[j])) } }
            return Entries(rows: r, columns: c, values: values)
        case .diag:
            return Entries(rows: r, columns: c) { i, j in i == j ? parts[0].values[i] : .zero }
        case .substitution(let name):
            // The body was lowered with `name` free; replace its entry symbols.
            let free = try MatrixExpr.symbolEntries(name, shape: operands[1].shape, sizes: sizes)
            var map: [Expr: Expr] = [:]
            for (symbol, value) in zip(free.values, parts[1].values) { map[symbol] = value }
            return Entries(rows: r, columns: c, values: parts[0].values.map { $0.substituting(map) })
        }
    }

    /// The most scalar operations lowering may take: a declared `W: 100000x100000`
    /// is refused at once rather than exhausting memory.
    static let maxLoweringWork = 250_000

    /// Throws when lowering at `sizes` would build more than `maxLoweringWork`
    /// scalar terms (entries, and a product's inner terms).
    func checkLoweringWork(sizes: [String: Int]) throws {
        var work = 0
        for node in MatrixExpr.postOrder([self]) {
            let (r, c) = try node.shape.sizes(sizes)
            var (w, overflow) = r.multipliedReportingOverflow(by: c)
            if !overflow, node.kind == .product {
                (w, overflow) = w.multipliedReportingOverflow(by: try node.operands[0].shape.sizes(sizes).columns)
            }
            if !overflow { (work, overflow) = work.addingReportingOverflow(w) }
            if overflow || work > MatrixExpr.maxLoweringWork {
                let at = sizes.isEmpty ? "" : " at sizes \(MatrixCheck.sizesText(sizes))"
                throw MatrixError.unsupported("checking entry by entry\(at) would take more than \(MatrixExpr.maxLoweringWork) scalar terms; declare smaller sizes")
            }
        }
    }
}
