import SymDiff

/// The matrix side of the text format (derivation files and sessions): the
/// declared shapes, the matrix definitions, and the reading of a statement
/// that mentions a shaped name (or writes `@`, `⊙` or `.T`) as matrices, in
/// the syntax of `MatrixExpr.parse`. The names live in the same `MatrixScope`
/// as a document's, and claims are the same `MatrixClaim`s, so one checker
/// judges both.
///
/// ```text
/// W: 2x3
/// x: 3
/// t: 2
/// L = sum((W*x - t)**2)/2          a matrix definition (L is 1×1)
/// d(L)/d(W) == (W*x - t)*x.T       a matrix claim
/// ```
package struct MatrixStatements {
    var scope = MatrixScope()

    package init() {}

    /// A matrix statement, read.
    package enum Read {
        /// `NAME = value`, now in scope.
        case definition(name: String, value: MatrixExpr)
        /// `A == B == ...`.
        case claim(MatrixClaim)
        /// A value to show (sessions only).
        case show(MatrixExpr)
    }

    /// Records the declared shape of each name (a declaration with only
    /// properties leaves shapes as they are).
    package mutating func declare(_ declaration: Declaration) {
        guard let shape = declaration.shape else { return }
        for name in declaration.names { scope.declared[name.name] = shape }
    }

    /// The shapes of the names in scope: declared, and defined (latest definition).
    package var names: MatrixNames {
        var shapes = scope.declared
        for d in scope.definitions { shapes[d.name] = d.value.shape }
        let scope = self.scope
        return MatrixNames(shapes: shapes) { function, variable in try scope.partial(function, variable) }
    }

    /// The vocabulary matrix statements are read with.
    package static let vocabulary = Lexer.Vocabulary(symbols: Lexer.Vocabulary.derivation.symbols.union(["@", "⊙", "."]), comments: true)

    /// Whether the statement in `source` from `start` on is a matrix
    /// statement: it mentions a name declared with a non-scalar shape or
    /// defined as a matrix expression, or writes `@`, `⊙` or `.T`.
    package func owns(_ source: SourceText, from start: Int = 0) -> Bool {
        guard let tokens = try? StatementTokens(source: source, from: start, vocabulary: MatrixStatements.vocabulary) else { return false }
        let defined = Set(scope.definitions.map(\.name))
        for k in 0..<tokens.count {
            switch tokens[k].kind {
            case .op("@"), .op("⊙"): return true
            case .op("."): if k + 1 < tokens.count, tokens[k + 1].kind == .identifier("T") { return true }
            case .identifier(let name):
                let base = String(name.prefix { $0 != "'" })
                if defined.contains(base) || scope.isShaped(base) { return true }
            default: break
            }
        }
        return false
    }

    /// Reads the matrix statement in `source` from `start` on.
    ///
    /// - Parameter shows: whether a bare expression is a statement (a
    ///   session shows it; a derivation file refuses it).
    /// - Throws: `SourceError` with the position: syntax, shapes, or a kind
    ///   of statement matrices do not have yet (numeric claims, update rules).
    package mutating func read(_ source: SourceText, from start: Int = 0, shows: Bool) throws -> Read {
        let t = try StatementTokens(source: source, from: start, vocabulary: MatrixStatements.vocabulary)
        let all = 0..<t.count
        let statementStart = t.count > 0 ? t[0].offset : start
        for op in ["≈", "~=", "<-", "←", "±"] {
            if let k = t.first(op, in: all) {
                throw t.error("numeric claims and update rules are not supported for matrix expressions yet; write 'A == B'", at: t[k].offset)
            }
        }
        if let at = t.topLevel(all, { $0 == .identifier("at") }).first {
            throw t.error("a matrix claim at a point is not supported yet; write 'A == B'", at: t[at].offset)
        }
        let separators = all.filter { t[$0].kind == .op("==") }
        if !separators.isEmpty {
            var sides: [MatrixExpr] = []
            var lower = 0
            for (k, upper) in (separators + [t.count]).enumerated() {
                if lower == upper {
                    throw t.error(k == 0 ? "nothing before '=='" : "nothing after '=='", at: k == 0 ? statementStart : t[lower - 1].offset)
                }
                do {
                    sides.append(try expression(t, lower..<upper))
                } catch let error as SourceError where error.message.hasPrefix("shape error") {
                    // A side whose shapes do not fit is a wrong claim, as in a document, not an unreadable line.
                    let which = k == 0 ? "the left side" : separators.count == 1 ? "the right side" : "side \(k + 1)"
                    return .claim(MatrixClaim(line: t.line, text: t.text(all), steps: [
                        .malformed("\(which) is not a matrix expression: \(error.message) (column \(error.column))")]))
                }
                lower = upper + 1
            }
            var steps: [MatrixClaim.Step] = []
            for k in 0..<(sides.count - 1) {
                steps.append(.identity(try scope.expand(sides[k]), try scope.expand(sides[k + 1])))
            }
            return .claim(MatrixClaim(line: t.line, text: t.text(all), steps: steps))
        }
        if let equals = t.first("=", in: all) {
            guard let name = t.identifier(0..<equals) else {
                throw t.error(equals == 0 ? "a definition needs a name before '='" : "the left side of a definition must be a name; to claim an equality write '=='",
                              at: t.start(0..<equals, otherwise: t[equals].offset))
            }
            if name.hasSuffix("_new") { throw t.error("update rules are not supported for matrix expressions yet", at: t[0].offset) }
            try StatementParser.checkDefinable(name, at: t[0].offset, in: t.source)
            let right = (equals + 1)..<t.count
            if right.isEmpty { throw t.error("'\(name) =' needs a value", at: t[equals].offset) }
            let value = try expression(t, right)
            if let declared = scope.declared[name], declared != value.shape {
                throw t.error("\(name) is declared \(declared) but defined as \(value.shape)", at: t[right.lowerBound].offset)
            }
            scope.definitions.append((name, value, []))
            return .definition(name: name, value: value)
        }
        guard shows else {
            throw t.error("expected a definition (name = ...) or a claim (... == ...)", at: statementStart)
        }
        return .show(try scope.expand(try expression(t, all)))
    }

    func expression(_ t: StatementTokens, _ range: Range<Int>) throws -> MatrixExpr {
        try MatrixExpr.parse(tokens: t.tokens[range], endingAt: t.end(range), in: t.source, names: names)
    }

    /// `e` with every defined name replaced by its definition.
    package func expand(_ e: MatrixExpr) throws -> MatrixExpr { try scope.expand(e) }
}
