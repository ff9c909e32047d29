import SymDiff

/// The nonlinearity a layer applies to its pre-activations z.
///
/// Every case but `softmax` acts element by element; `softmax` mixes the
/// whole vector and belongs on the output layer.
///
/// ```swift
/// let z = Expr.symbols("z1 z2")
/// Activation.sigmoid.apply(z)   // [sigmoid(z1), sigmoid(z2)]
/// Activation.softmax.apply(z)   // [exp(z1)/(exp(z1) + exp(z2)), exp(z2)/(exp(z1) + exp(z2))]
/// ```
public enum Activation: Sendable, Hashable, CustomStringConvertible {
    /// a = z (a linear output layer).
    case identity
    /// a = σ(z) = 1/(1 + e^(−z)).
    case sigmoid
    /// a = tanh(z).
    case tanh
    /// a = max(z, 0).
    case relu
    /// a = z for z > 0, slope·z otherwise.
    case leakyRelu(slope: Double)
    /// a_k = e^(z_k) / Σ_j e^(z_j) (output layer only).
    case softmax

    /// The activations of the pre-activations `z`.
    ///
    /// ```swift
    /// Activation.relu.apply([x])   // [relu(x)]
    /// ```
    public func apply(_ z: [Expr]) -> [Expr] {
        switch self {
        case .identity: return z
        case .sigmoid: return z.map { SymDiff.sigmoid($0) }
        case .tanh: return z.map { SymDiff.tanh($0) }
        case .relu: return z.map { SymDiff.relu($0) }
        case .leakyRelu(let slope): return z.map { SymDiff.leakyRelu($0, slope: Activation.number(slope)) }
        case .softmax:
            let exponentials = z.map { SymDiff.exp($0) }
            let total = Expr.add(exponentials)
            return exponentials.map { $0 / total }
        }
    }

    /// The Jacobian ∂a_j/∂z_k written the way backpropagation uses it: in terms
    /// of the stored activations `a` where the seeds do (σ' = a(1 − a),
    /// tanh' = 1 − a², softmax: a_j(δ_jk − a_k)) and of `z` for the piecewise
    /// ones (ReLU' = heaviside(z)). Element-wise activations give a diagonal.
    ///
    /// `a` and `z` are usually stand-in symbols for a layer's stored stages.
    ///
    /// ```swift
    /// Activation.sigmoid.jacobian(z: [z], a: [a])   // [[a*(1 - a)]]
    /// ```
    public func jacobian(z: [Expr], a: [Expr]) -> [[Expr]] {
        precondition(z.count == a.count, "z and a must have the same length")
        let n = z.count
        if case .softmax = self {
            return (0..<n).map { j in (0..<n).map { k in a[j] * ((j == k ? 1 : 0) - a[k]) } }
        }
        let diagonal = elementwiseDerivative(z: z, a: a)
        return (0..<n).map { j in (0..<n).map { k in j == k ? diagonal[j] : .zero } }
    }

    /// f'(z) for an element-wise activation, in stored-stage form
    /// (`nil` for softmax, whose derivative is not element-wise).
    ///
    /// ```swift
    /// Activation.tanh.elementwiseDerivative(z: [z], a: [a])   // [1 - a**2]
    /// ```
    public func elementwiseDerivative(z: [Expr], a: [Expr]) -> [Expr] {
        precondition(isElementwise, "softmax has no element-wise derivative; use jacobian(z:a:)")
        return zip(z, a).map { zi, ai in
            let applied = apply([zi])[0]
            // The function table's own derivative rule, handed the stored
            // activation as the function's value: σ' = a(1 − a), tanh' = 1 − a².
            if let f = applied.function, applied.arguments.first == zi {
                return f.partial(applied.arguments, 0, ai)
            }
            return (try? applied.diff(zi)) ?? .one   // identity
        }
    }

    /// Whether the activation acts on each element on its own.
    public var isElementwise: Bool { if case .softmax = self { return false } else { return true } }

    /// The name the command line uses: `identity`, `sigmoid`, `tanh`, `relu`,
    /// `leaky_relu` (slope 0.01) or `leaky_relu:0.2`, `softmax`.
    public var description: String {
        switch self {
        case .identity: return "identity"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .relu: return "relu"
        case .leakyRelu(let slope): return slope == 0.01 ? "leaky_relu" : "leaky_relu:\(slope)"
        case .softmax: return "softmax"
        }
    }

    /// Parses a command-line name (see `description`); `linear` is accepted for
    /// `identity` and `leaky-relu` for `leaky_relu`.
    ///
    /// ```swift
    /// Activation(name: "leaky_relu:0.2")   // .leakyRelu(slope: 0.2)
    /// ```
    public init?(name: String) {
        let lower = name.lowercased().replacingOccurrences(of: "-", with: "_")
        switch lower {
        case "identity", "linear", "none": self = .identity
        case "sigmoid", "logistic": self = .sigmoid
        case "tanh": self = .tanh
        case "relu": self = .relu
        case "leaky_relu", "leakyrelu": self = .leakyRelu(slope: 0.01)
        case "softmax": self = .softmax
        default:
            let parts = lower.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0] == "leaky_relu" || parts[0] == "leakyrelu",
                  let slope = Double(parts[1]), slope.isFinite else { return nil }
            self = .leakyRelu(slope: slope)
        }
    }

    /// Slopes such as 0.5 become exact rationals when they are short decimals,
    /// so `leaky_relu(z, 1/100)` stays exact in proofs.
    static func number(_ value: Double) -> Expr {
        for denominator in [1, 10, 100, 1000, 10_000, 100_000, 1_000_000] {
            let scaled = value * Double(denominator)
            if scaled == scaled.rounded(), Swift.abs(scaled) < 1e15 {
                return .rational(Int(scaled), denominator)
            }
        }
        return .number(Number(value))
    }
}
