import SymDiff

/// How a network's outputs ŷ are scored against targets y.
///
/// ```swift
/// let (p, t) = (Expr.symbol("p"), Expr.symbol("t"))
/// Loss.halfSquaredError.apply(outputs: [p], targets: [t])       // (p - t)**2/2
/// Loss.binaryCrossEntropy.apply(outputs: [p], targets: [t])     // -t*log(p) - (1 - t)*log(1 - p)
/// ```
public enum Loss: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ½ Σ_k (ŷ_k − y_k)², the seeds' convention: ∂L/∂ŷ = ŷ − y.
    case halfSquaredError
    /// (1/n) Σ_k (ŷ_k − y_k)², PyTorch's `MSELoss` over the n outputs.
    case meanSquaredError
    /// −(1/n) Σ_k [y_k log ŷ_k + (1 − y_k) log(1 − ŷ_k)], PyTorch's `BCELoss`;
    /// the outputs must lie in (0, 1) (a sigmoid output layer).
    case binaryCrossEntropy
    /// −Σ_k y_k log ŷ_k, for a softmax output and one-hot targets.
    case categoricalCrossEntropy

    /// The loss of `outputs` against `targets` (same length).
    ///
    /// ```swift
    /// Loss.categoricalCrossEntropy.apply(outputs: [p1, p2], targets: [t1, t2])   // -t1*log(p1) - t2*log(p2)
    /// ```
    public func apply(outputs: [Expr], targets: [Expr]) -> Expr {
        precondition(outputs.count == targets.count, "one target per output")
        let pairs = zip(outputs, targets)
        let n = Expr.number(outputs.count)
        switch self {
        case .halfSquaredError:
            return Expr.add(pairs.map { (p, t) in (p - t) ** 2 }) / 2
        case .meanSquaredError:
            return Expr.add(pairs.map { (p, t) in (p - t) ** 2 }) / n
        case .binaryCrossEntropy:
            return -Expr.add(pairs.map { (p, t) in t * log(p) + (1 - t) * log(1 - p) }) / n
        case .categoricalCrossEntropy:
            return -Expr.add(pairs.map { (p, t) in t * log(p) })
        }
    }

    /// The name the command line uses: `mse` (the seeds' ½-squared error),
    /// `mse-mean`, `bce`, `ce`.
    public var description: String {
        switch self {
        case .halfSquaredError: return "mse"
        case .meanSquaredError: return "mse-mean"
        case .binaryCrossEntropy: return "bce"
        case .categoricalCrossEntropy: return "ce"
        }
    }

    /// A one-line formula for headers and help.
    public var formula: String {
        switch self {
        case .halfSquaredError: return "L = 1/2 * sum_k (yhat_k - y_k)^2"
        case .meanSquaredError: return "L = 1/n * sum_k (yhat_k - y_k)^2"
        case .binaryCrossEntropy: return "L = -1/n * sum_k [y_k log(yhat_k) + (1 - y_k) log(1 - yhat_k)]"
        case .categoricalCrossEntropy: return "L = -sum_k y_k log(yhat_k)"
        }
    }

    /// Parses a command-line name (see `description`); also accepts the case names.
    ///
    /// ```swift
    /// Loss(name: "bce")   // .binaryCrossEntropy
    /// ```
    public init?(name: String) {
        switch name.lowercased() {
        case "mse", "half-mse", "halfsquarederror", "sse": self = .halfSquaredError
        case "mse-mean", "mean-mse", "meansquarederror": self = .meanSquaredError
        case "bce", "binary-cross-entropy", "binarycrossentropy": self = .binaryCrossEntropy
        case "ce", "cross-entropy", "categorical-cross-entropy", "categoricalcrossentropy": self = .categoricalCrossEntropy
        default: return nil
        }
    }
}
