import SymDiff

/// What can go wrong when compiling expressions or running compiled code.
///
/// Every message names the thing to fix: the unbound symbol, the output and
/// sample that went non-finite, the data set row holding a NaN.
///
/// ```swift
/// do { _ = try Program(computing: [x * y], inputs: [x]) }
/// catch let error as EvaluatorError { print(error) }   // unbound symbol 'y': ...
/// ```
public enum EvaluatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A symbol of the expression is neither a parameter nor an input. Raised
    /// at compile time, before anything runs.
    case unboundSymbol(String)
    /// The same name was bound twice (as two inputs, or as input and parameter).
    case duplicateBinding(String)
    /// A computed value was infinite or NaN.
    case nonFinite(NonFiniteValue)
    /// Arguments given to a compiled function do not fit its shape.
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case .unboundSymbol(let name):
            return "unbound symbol '\(name)': bind it as a parameter or an input when compiling"
        case .duplicateBinding(let name):
            return "symbol '\(name)' is bound twice"
        case .nonFinite(let value):
            return value.description
        case .shapeMismatch(let message):
            return "shape mismatch: \(message)"
        }
    }
}

/// Where a non-finite value appeared: which output, which sample, and, when
/// it was caught before reaching the output, the node that produced it.
public struct NonFiniteValue: Equatable, Sendable, CustomStringConvertible {
    /// Index of the output (in the order given to `Program`).
    public let output: Int
    /// The output's name (`"loss"`, `"d/dW1"`, or `"output 0"`).
    public let outputName: String
    /// Index of the sample in the batch (0 for a single sample).
    public let sample: Int
    /// The offending value (`inf`, `-inf` or `nan`).
    public let value: Double
    /// The subexpression where it was caught, when that is not the output itself
    /// (an argument of `relu` that is NaN, which `relu` would turn into 0).
    public let node: String?

    public init(output: Int, outputName: String, sample: Int, value: Double, node: String? = nil) {
        self.output = output
        self.outputName = outputName
        self.sample = sample
        self.value = value
        self.node = node
    }

    public var description: String {
        let where_ = node.map { " (at \($0), which feeds it)" } ?? ""
        return "non-finite value \(value) in output '\(outputName)' at sample \(sample)\(where_)"
    }
}
