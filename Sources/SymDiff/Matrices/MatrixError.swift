import Foundation

/// Errors from building, lowering and differentiating matrix expressions.
/// Each names the shapes or the construct involved.
public enum MatrixError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
    /// Operand shapes that do not fit the operation: "cannot multiply 2x3 by 2x1".
    case shapeMismatch(String)
    /// A construct the matrix layer refuses rather than answer wrongly.
    case unsupported(String)
    /// A symbolic dimension with no size, when concrete sizes are needed.
    case unboundDimension(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let message): return "shape error: \(message)"
        case .unsupported(let message): return "not supported: \(message)"
        case .unboundDimension(let name): return "dimension '\(name)' has no size: give it one"
        }
    }
    public var errorDescription: String? { description }
}
