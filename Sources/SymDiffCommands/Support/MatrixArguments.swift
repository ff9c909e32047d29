import Foundation
import SymDiff

/// `--shape W=2x3,x=3`: the shapes that make an expression a matrix
/// expression on the command line (`diff`, `grad`). Each shape is written as
/// a declaration writes it (`2x3`, `n x m`, `3` for a column vector).
struct MatrixArguments {
    static let option = OptionSpec("shape", value: "NAME=SHAPE,...",
                                   help: "shapes of matrix and vector names (W=2x3,x=3 or W=n x m,x=m); * is then the matrix product")

    let expression: MatrixExpr
    let text: String
    let shapes: [String: Shape]

    /// The matrix expression at positional `index`, when `--shape` is given.
    init?(_ arguments: ParsedArguments, expressionAt index: Int = 0) throws {
        guard let list = arguments.value("shape") else { return nil }
        var shapes: [String: Shape] = [:]
        for part in list.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, ParsedArguments.isIdentifier(pieces[0]) else {
                throw UsageError("--shape expects NAME=SHAPE pairs separated by commas (W=2x3,x=3), got '\(part)'")
            }
            guard let shape = Shape(parsing: pieces[1]) else {
                throw UsageError("--shape: '\(pieces[1])' is not a shape; write 2x3, n x m, or 3 for a column vector")
            }
            if shapes[pieces[0]] != nil { throw UsageError("--shape: \(pieces[0]) given twice") }
            shapes[pieces[0]] = shape
        }
        text = arguments.positionals[index]
        self.shapes = shapes
        expression = try MatrixExpr.parse(text, shapes: shapes)
    }

    /// The shaped symbols named in `names`, each declared by `--shape`.
    func variables(_ names: [String]) throws -> [MatrixExpr] {
        guard !names.isEmpty else {
            throw UsageError("name the variable with --wrt (a matrix expression has no default variable)")
        }
        return try names.map { name in
            guard let shape = shapes[name] else {
                throw UsageError("--wrt: \(name) has no shape; give it one with --shape \(name)=... (1 for a scalar)")
            }
            return .symbol(name, shape: shape)
        }
    }

    /// The gradient of the 1×1 expression with respect to `variable`, in matrix form
    /// (with `jacobian`, the Jacobian of a column vector expression).
    func derivative(wrt variable: MatrixExpr, jacobian: Bool = false) throws -> MatrixExpr {
        if !jacobian, !expression.shape.isScalar {
            let name = variable.symbolName!
            guard expression.shape.columns == .one, variable.shape.columns == .one else {
                throw UsageError("\(text) is \(expression.shape): its derivative by the \(variable.shape) \(name) would be a tensor; a 1x1 expression has a gradient, a column vector a Jacobian by a column vector")
            }
            throw UsageError("\(text) is a \(expression.shape) vector: its derivative by \(name) is a Jacobian; add --jacobian")
        }
        do {
            return jacobian ? try expression.jacobian(wrt: variable) : try expression.gradient(wrt: variable)
        } catch let error as MatrixError { throw UsageError("\(error)") }
    }

    /// Text and JSON only: the other formats do not print matrices yet.
    static func checkFormat(_ format: ExpressionFormat) throws {
        guard format == .text || format == .json else {
            throw UsageError("--format \(format.rawValue) is not available for matrix expressions yet; use text or json")
        }
    }
}
