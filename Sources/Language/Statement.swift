import SymDiff

/// An expression as written on a line: every name is a symbol (defined names
/// are resolved later) and every `d(F)/d(v)` is a placeholder symbol whose
/// meaning is in `derivatives`.
package struct WrittenExpression {
    package let expr: Expr
    /// Inner derivatives before outer ones, so each `function` only refers to
    /// placeholders listed before it.
    package let derivatives: [DerivativeTerm]
    package let text: String
    package let line: Int
    package let column: Int
    /// Each name written, with the column where it first appears.
    package let names: [String: Int]
    package let lineText: String

    package init(expr: Expr, derivatives: [DerivativeTerm], text: String, line: Int, column: Int,
                 names: [String: Int], lineText: String) {
        self.expr = expr
        self.derivatives = derivatives
        self.text = text
        self.line = line
        self.column = column
        self.names = names
        self.lineText = lineText
    }

    package func error(_ message: String, column: Int? = nil) -> SourceError {
        SourceError(message: message, line: line, column: column ?? self.column, sourceLine: lineText)
    }
}

/// One `d(F)/d(v)` or `d(F, v)`.
package struct DerivativeTerm {
    /// The symbol standing for it in the enclosing expression.
    package let placeholder: Expr
    /// F, which may contain the placeholders of derivatives nested in it.
    package let function: Expr
    package let functionText: String
    package let variable: String
    package let line: Int
    /// Where the `d` is.
    package let column: Int
    package let functionColumn: Int
    package let variableColumn: Int

    /// F when it is written as one name (`L` in `d(L)/d(w)`).
    package var functionName: String? { functionText.isName ? functionText : nil }
}

/// One statement, parsed: a line of a derivation file, a notebook cell's
/// line or a REPL line. `StatementParser` reads every kind from the one
/// `Lexer`'s tokens; which kinds a front end runs is its `Context`.
///
/// ```text
/// z1 = W1*x + b1                      definition          (derivation file)
/// point ex1: x=5, W1=0.2              point               (derivation file)
/// loss: L                             setting             (derivation file)
/// W1: 2x3                             declaration         (both)
/// d(L)/d(W1) == x*delta1              claim               (file; `claim ...` in a session)
/// diff(loss, W1)                      session(.show)      (session)
/// ```
///
/// Adding a statement kind is one case here (or in `SessionStatement`), one
/// rule in `StatementParser` and one branch in the executor that runs it
/// (`DerivationChecker` for files, `Session` for notebooks and the REPL).
package enum Statement {
    case definition(Definition)
    case point(NamedPoint)
    case setting(Setting)
    case claim(Claim)
    /// `W1: 2x3`, `x: 3`, `W: n x m`: shapes (and properties) of names.
    case declaration(Declaration)
    /// A statement only a session runs: a value definition, a shown value,
    /// `eval ... at`, `check`, `help`.
    case session(SessionStatement, line: Int)

    /// Where a statement is read, which decides the kinds it may be.
    package enum Context {
        /// A derivation file (`symdiff check FILE`): definitions, points,
        /// settings and claims.
        case derivationFile
        /// A notebook cell's line or a REPL line: session statements, and
        /// claims written after the `claim` keyword.
        case session
    }

    /// The line the statement starts on.
    package var line: Int {
        switch self {
        case .definition(let d): return d.line
        case .point(let p): return p.line
        case .setting(let s): return s.value.line
        case .claim(let c): return c.line
        case .declaration(let d): return d.line
        case .session(_, let line): return line
        }
    }
}

/// `name = expression`: an intermediate, not a new free symbol.
package struct Definition {
    package let name: String
    package let value: WrittenExpression
    package let line: Int
    package let column: Int

    package init(name: String, value: WrittenExpression, line: Int, column: Int) {
        self.name = name
        self.value = value
        self.line = line
        self.column = column
    }
}

/// `point NAME: x=5, W1=0.2, ...`: values to reuse in numeric claims.
package struct NamedPoint {
    package let name: String
    package let items: [PointItem]
    package let line: Int
    package let column: Int

    package init(name: String, items: [PointItem], line: Int, column: Int) {
        self.name = name
        self.items = items
        self.line = line
        self.column = column
    }
}

/// One entry after `at`: a value for a symbol, or a named point.
package enum PointItem {
    case value(name: String, value: Double, column: Int)
    case reference(name: String, column: Int)
}

/// `loss: L` or `rate: alpha`: what update rules are checked against.
package struct Setting {
    package enum Key: String { case loss, rate }
    package let key: Key
    package let value: WrittenExpression
}

/// A statement that symdiff checks.
package struct Claim {
    package let line: Int
    /// The statement as written, without its comment.
    package let text: String
    package let kind: Kind
    /// The column where the claim starts.
    package var column: Int = 1

    package enum Kind {
        /// `A == B == C`: each adjacent pair is one step.
        case equalities([WrittenExpression])
        case numeric(NumericClaim)
        case update(UpdateRule)
        /// A claim between matrix expressions (a line mentioning a shaped name).
        case matrix(MatrixClaim)
    }
}

/// `expression at x=5, ... ≈ value [± tolerance]`.
package struct NumericClaim {
    package let expression: WrittenExpression
    package let point: [PointItem]
    package let value: Double
    package let tolerance: Double
    /// The value as written (`-0.2813`).
    package let writtenValue: String
    /// Whether the tolerance was written (`± 0.01`) rather than read from the digits.
    package let toleranceWritten: Bool
    /// How many digits after the decimal point the value was written with.
    package let decimals: Int
}

/// `W1_new = W1 - alpha*...` or `W1 <- W1 - alpha*...`: checked against
/// `W1 - rate*d(loss)/d(W1)`.
package struct UpdateRule {
    package let parameter: String
    package let parameterColumn: Int
    package let rule: WrittenExpression
}
