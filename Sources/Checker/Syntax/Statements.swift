import SymDiff

/// An expression as written on a line: every name is a symbol (defined names
/// are resolved later) and every `d(F)/d(v)` is a placeholder symbol whose
/// meaning is in `derivatives`.
struct WrittenExpression {
    let expr: Expr
    /// Inner derivatives before outer ones, so each `function` only refers to
    /// placeholders listed before it.
    let derivatives: [DerivativeTerm]
    let text: String
    let line: Int
    let column: Int
    /// Each name written, with the column where it first appears.
    let names: [String: Int]
    let lineText: String

    func error(_ message: String, column: Int? = nil) -> SourceError {
        SourceError(message: message, line: line, column: column ?? self.column, sourceLine: lineText)
    }
}

/// One `d(F)/d(v)` or `d(F, v)`.
struct DerivativeTerm {
    /// The symbol standing for it in the enclosing expression.
    let placeholder: Expr
    /// F, which may contain the placeholders of derivatives nested in it.
    let function: Expr
    let functionText: String
    let variable: String
    let line: Int
    /// Where the `d` is.
    let column: Int
    let functionColumn: Int
    let variableColumn: Int
}

/// One line of a derivation file, parsed.
enum Statement {
    case definition(Definition)
    case point(NamedPoint)
    case setting(Setting)
    case claim(Claim)

    var line: Int {
        switch self {
        case .definition(let d): return d.line
        case .point(let p): return p.line
        case .setting(let s): return s.value.line
        case .claim(let c): return c.line
        }
    }
}

/// `name = expression`: an intermediate, not a new free symbol.
struct Definition {
    let name: String
    let value: WrittenExpression
    let line: Int
    let column: Int
}

/// `point NAME: x=5, W1=0.2, ...`: values to reuse in numeric claims.
struct NamedPoint {
    let name: String
    let items: [PointItem]
    let line: Int
    let column: Int
}

/// One entry after `at`: a value for a symbol, or a named point.
enum PointItem {
    case value(name: String, value: Double, column: Int)
    case reference(name: String, column: Int)
}

/// `loss: L` or `rate: alpha`: what update rules are checked against.
struct Setting {
    enum Key: String { case loss, rate }
    let key: Key
    let value: WrittenExpression
}

/// A statement that symdiff checks.
struct Claim {
    let line: Int
    /// The statement as written, without its comment.
    let text: String
    let kind: Kind

    enum Kind {
        /// `A == B == C`: each adjacent pair is one step.
        case equalities([WrittenExpression])
        case numeric(NumericClaim)
        case update(UpdateRule)
    }
}

/// `expression at x=5, ... ≈ value [± tolerance]`.
struct NumericClaim {
    let expression: WrittenExpression
    let point: [PointItem]
    let value: Double
    let tolerance: Double
    /// The value as written (`-0.2813`).
    let writtenValue: String
    /// Whether the tolerance was written (`± 0.01`) rather than read from the digits.
    let toleranceWritten: Bool
    /// How many digits after the decimal point the value was written with.
    let decimals: Int
}

/// `W1_new = W1 - alpha*...` or `W1 <- W1 - alpha*...`: checked against
/// `W1 - rate*d(loss)/d(W1)`.
struct UpdateRule {
    let parameter: String
    let parameterColumn: Int
    let rule: WrittenExpression
}
