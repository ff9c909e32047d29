import Language
import SymDiff

/// What a claim is checked against when the caller already holds values:
/// definitions as expressions and named points as numbers, in the order they
/// were made (a point may not refer to one made after it).
///
/// ```swift
/// let given: [GivenDefinition] = [.expression("z", w*x + b), .point("p", [("w", 0.5), ("x", 2), ("b", 0)])]
/// ```
public enum GivenDefinition: Sendable {
    /// `name = value`: an intermediate, as a derivation file's definition.
    case expression(String, Expr)
    /// `point name: x=1, ...`.
    case point(String, [(name: String, value: Double)])

    public var name: String {
        switch self {
        case .expression(let name, _), .point(let name, _): return name
        }
    }
}

extension DerivationChecker {
    /// Checks the claim written in `text` from column `column` on, against
    /// definitions and points given as values: nothing is printed to text
    /// and read back.
    ///
    /// ```swift
    /// let (w, x, b, y) = (Expr.symbol("w"), Expr.symbol("x"), Expr.symbol("b"), Expr.symbol("y"))
    /// let result = try DerivationChecker().check(claim: "d(L)/d(w) == (z - y)*x",
    ///                                            given: [.expression("z", w*x + b), .expression("L", (z - y)**2/2)])
    /// result.status   // .proved
    /// ```
    ///
    /// - Parameters:
    ///   - text: the line holding the claim, as the caller shows it in errors.
    ///   - line, column: where the claim is: its line, and the column in
    ///     `text` where it starts (text before it, such as a keyword, is skipped).
    /// - Throws: `SourceError` positioned in `text` when the claim cannot be
    ///   read or checked, or a given definition cannot be used.
    public func check(claim text: String, line: Int = 1, column: Int = 1, given: [GivenDefinition]) throws -> ClaimResult {
        let statements = try StatementParser(line: line, text: text, from: column - 1).parse()
        guard case .claim(let claim)? = statements.first, statements.count == 1 else {
            throw SourceError(message: "not a claim: write 'A == B', 'E at x=1 ≈ 0.5' or 'W_new = ...'",
                              line: line, column: column, sourceLine: text)
        }
        return try check(claim, lineText: text, given: given)
    }

    /// Checks a claim the caller has already read (a session's `claim`
    /// statement) against definitions and points given as values; `text` is
    /// the line it was read from, shown in errors.
    ///
    /// The given definitions are numbered on the lines after the claim's:
    /// what they mean does not depend on where they stand (points are
    /// resolved in statement order, definitions hold throughout), and errors
    /// found in them are told apart from the claim's own by that number.
    package func check(_ claim: Claim, lineText text: String, given: [GivenDefinition]) throws -> ClaimResult {
        var statements: [Statement] = []
        var lines = Array(repeating: "", count: claim.line - 1) + [text]
        for (index, entry) in given.enumerated() {
            let number = claim.line + 1 + index
            switch entry {
            case .expression(let name, let value):
                let shown = "\(name) = \(value)"
                lines.append(shown)
                let names = Dictionary(uniqueKeysWithValues: value.freeSymbols.map { ($0.symbolName!, 1) })
                let source = SourceText(shown, line: number)
                do {
                    try StatementParser.checkDefinable(name, at: 0, in: source)
                    if let reserved = names.keys.sorted().first(where: DerivativeSyntax.isReserved) {
                        throw source.error(at: 0, "'\(reserved)': names starting with '\(DerivativeSyntax.placeholderPrefix)' are reserved")
                    }
                } catch let error as SourceError {
                    throw SourceError(message: "the definition of '\(name)' cannot be used: \(error.message)",
                                      line: claim.line, column: claim.column, sourceLine: text)
                }
                let written = WrittenExpression(expr: value, derivatives: [], text: "\(value)", line: number, column: 1,
                                                names: names, lineText: shown)
                statements.append(.definition(Definition(name: name, value: written, line: number, column: 1)))
            case .point(let name, let values):
                lines.append("point \(name): " + values.map { "\($0.name)=\($0.value)" }.joined(separator: ", "))
                statements.append(.point(NamedPoint(name: name, items: values.map { .value(name: $0.name, value: $0.value, column: 1) },
                                                    line: number, column: 1)))
            }
        }
        func placed(_ error: SourceError) -> SourceError {
            guard error.line > claim.line else { return error }
            return SourceError(message: "the definition of '\(given[error.line - claim.line - 1].name)' cannot be used: \(error.message)",
                               line: claim.line, column: claim.column, sourceLine: text)
        }
        let report = check(statements + [.claim(claim)], errors: [], unparsedDefinitions: [:], lines: lines)
        if let error = report.errors.first { throw placed(error) }
        guard let result = report.claims.first(where: { $0.line == claim.line }) else {
            throw SourceError(message: "not a claim: write 'A == B', 'E at x=1 ≈ 0.5' or 'W_new = ...'",
                              line: claim.line, column: claim.column, sourceLine: text)
        }
        return result
    }
}
