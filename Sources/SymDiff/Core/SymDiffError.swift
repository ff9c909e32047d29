import Foundation

/// Errors from building, differentiating and evaluating expressions. Each
/// message names what went wrong (the symbol, the limit, the operation) so a
/// user can fix the input.
public enum SymDiffError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
    /// A symbol had no value when evaluating; carries its name.
    case unboundSymbol(String)
    /// An operation left the real domain: log of a non-positive number,
    /// division by zero, a fractional power of a negative number.
    case domain(String)
    /// A value overflowed to infinity or became NaN.
    case nonFinite(String)
    /// Differentiation with respect to something that cannot vary (a number).
    case invalidVariable(String)
    /// A size or depth limit was reached; names the limit.
    case limitExceeded(String)
    /// A function given arguments it cannot take (the wrong number of them).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .unboundSymbol(let name): return "unbound symbol '\(name)': give it a value"
        case .domain(let message): return "domain error: \(message)"
        case .nonFinite(let message): return "non-finite value: \(message)"
        case .invalidVariable(let message): return "cannot differentiate: \(message)"
        case .limitExceeded(let message): return "limit exceeded: \(message)"
        case .invalidArgument(let message): return "invalid argument: \(message)"
        }
    }
    public var errorDescription: String? { description }
}
