import SymDiff

/// Parses one line of a derivation file into statements.
///
/// The format, one statement a line, `#` starts a comment:
///
/// ```text
/// z1 = W1*x + b1                                  # a definition
/// d(L)/d(W2) == (y - target)*a1                   # a claim; d(L, W2) works too
/// d(s)/d(z) == exp(-z)/(1 + exp(-z))**2 == s*(1 - s)   # a chain of steps
/// point ex1: x=5, W1=0.2, W2=0.5, b1=-1, b2=0, target=0.7
/// d(L)/d(W1) at ex1 ≈ -0.2813                     # numeric; ~= or ± 0.001 too
/// W1_new = W1 - alpha*d(L)/d(z1)*x                # an update rule; W1 <- ... too
/// loss: L                                         # what update rules descend
/// rate: alpha
/// W1: 2x3                                         # a declaration: W1 is a 2×3 matrix
/// d(L)/d(W1) == delta1*x.T                        # then a matrix claim (see `MatrixStatements`)
/// ```
package struct StatementParser {
    package let line: Int
    package let text: String
    package let start: Int

    /// The statement written in `text` from scalar offset `start` on (the
    /// line's columns and text still position the errors).
    package init(line: Int, text: String, from start: Int = 0) {
        self.line = line
        self.text = text
        self.start = start
    }

    /// The line's statements (none for a blank or comment line; an update
    /// rule `W_new = ...` is a claim and a definition of `W_new`).
    package func parse() throws -> [Statement] {
        var matrices = MatrixStatements()
        return try parse(matrices: &matrices)
    }

    /// The line's statements, with the shapes declared and the matrices
    /// defined on earlier lines: a declaration (`W1: 2x3`) adds to
    /// `matrices`, and so does a matrix definition (which is no scalar
    /// statement, so none is returned for it); a matrix claim is a
    /// `.claim` of kind `.matrix`.
    package func parse(matrices: inout MatrixStatements) throws -> [Statement] {
        if let declaration = try Declaration.parse(line: line, text: text, from: start) {
            matrices.declare(declaration)
            return [.declaration(declaration)]
        }
        let source = SourceText(text, line: line)
        if !StatementParser.isSettingOrPoint(source, from: start), matrices.owns(source, from: start) {
            switch try matrices.read(source, from: start, shows: false) {
            case .definition, .show: return []
            case .claim(let claim):
                let column = (source.scalars[start...].firstIndex { $0 != " " && $0 != "\t" } ?? start) + 1
                return [.claim(Claim(line: line, text: claim.text, kind: .matrix(claim), column: column))]
            }
        }
        let t = try StatementTokens(line: line, text: text, from: start)
        guard t.count > 0 else { return [] }
        if case .identifier(let word) = t[0].kind, SessionStatement.keywords.union(["eval"]).contains(word), t.count > 1 {
            if case .op = t[1].kind {} else {
                throw t.error("'\(word)' starts a session statement (notebooks and the REPL); a derivation file holds definitions, claims, points, update rules and settings", at: t[0].offset)
            }
        }
        return try Rules(t: t).statements()
    }

    /// Whether the text starts `loss:`, `rate:` or `point `, which keep their
    /// scalar meaning whatever names they mention.
    static func isSettingOrPoint(_ source: SourceText, from start: Int) -> Bool {
        let rest = String(String.UnicodeScalarView(source.scalars[start...])).drop { $0 == " " || $0 == "\t" }
        return rest.hasPrefix("loss:") || rest.hasPrefix("rate:") || rest.hasPrefix("point ") || rest.hasPrefix("point\t")
    }

    /// The claim written from the start offset on (a session's `claim ...`).
    package func parseClaim() throws -> Claim {
        let t = try StatementTokens(line: line, text: text, from: start)
        let notAClaim = "not a claim: write 'A == B', 'E at x=1 ≈ 0.5' or 'W_new = ...'"
        guard t.count > 0 else { throw t.error(notAClaim, at: min(start, t.source.scalars.count)) }
        for case .claim(let claim) in try Rules(t: t).statements() { return claim }
        throw t.error(notAClaim, at: t[0].offset)
    }

    /// Parses one statement (none for a blank or comment line; an update
    /// rule `W_new = ...` in a file is a claim and a definition) as
    /// `context` reads it.
    ///
    /// ```swift
    /// try StatementParser.parse(SourceText("d(L)/d(w) == x"), context: .derivationFile)   // [.claim(...)]
    /// try StatementParser.parse(SourceText("diff(L, w)"), context: .session)               // [.session(.show(...), line: 1)]
    /// ```
    ///
    /// - Parameter definable: in a session, why a name cannot be defined (a
    ///   built-in's name, say), or `nil`.
    package static func parse(_ source: SourceText, context: Statement.Context,
                              definable: (String) -> String? = { _ in nil }) throws -> [Statement] {
        let text = String(String.UnicodeScalarView(source.scalars))
        switch context {
        case .derivationFile:
            return try StatementParser(line: source.firstLine, text: text).parse()
        case .session:
            if let declaration = try Declaration.parse(line: source.firstLine, text: text) { return [.declaration(declaration)] }
            // `claim` then derivation syntax (≈, ±, <-), which the session's vocabulary does not take.
            if let tokens = try? Lexer(source).tokens(.statements), tokens.count > 2, tokens[0].kind == .identifier("claim"),
               tokens[0].end < tokens[1].offset {
                let claim = try StatementParser(line: source.firstLine, text: text, from: tokens[1].offset).parseClaim()
                return [.claim(claim)]
            }
            let statement = try SessionStatement.parse(source, definable: definable)
            if case .empty = statement { return [] }
            return [.session(statement, line: source.firstLine)]
        }
    }

    /// One rule per statement kind, over the statement's tokens.
    struct Rules {
        let t: StatementTokens
        var all: Range<Int> { 0..<t.count }
        /// Where the statement starts: what errors about the whole of it point at.
        var statementStart: Int { t[0].offset }
        var statementText: String { t.text(all) }

        func statements() throws -> [Statement] {
            if t.identifier(0..<1) == "point", t.count > 1, isBlank(after: 0) { return [.point(try point())] }
            for key in [Setting.Key.loss, .rate] where t.identifier(0..<1) == key.rawValue && t.count > 1
                && t[1].kind == .op(":") && t[1].offset == t[0].end {
                let value = 2..<t.count
                if value.isEmpty {
                    throw t.error("'\(key.rawValue):' needs a value, such as '\(key == .loss ? "loss: L" : "rate: alpha")'", at: statementStart)
                }
                return [.setting(Setting(key: key, value: try expression(value)))]
            }
            if let approx = t.first("≈", in: all) ?? t.first("~=", in: all) { return [.claim(try numeric(at: approx))] }
            if t.first("==", in: all) != nil { return [.claim(try equalities())] }
            if let arrow = t.first("<-", in: all) ?? t.first("←", in: all) {
                return [.claim(try update(target: 0..<arrow, rule: (arrow + 1)..<t.count, ruleStart: t[arrow].end))]
            }
            if let equals = t.first("=", in: all) { return try definition(at: equals) }
            throw t.error("expected a definition (name = ...), a claim (... == ...), a numeric claim (... at x=1 ≈ 0.5) or an update rule (W_new = ...)", at: statementStart)
        }

        func isBlank(after i: Int) -> Bool {
            let end = t[i].end
            return end < t.source.scalars.count && (t.source.scalars[end] == " " || t.source.scalars[end] == "\t")
        }

        // MARK: Definitions and update rules

        func definition(at equals: Int) throws -> [Statement] {
            let left = 0..<equals
            let right = (equals + 1)..<t.count
            if equals > 0, case .op(let previous) = t[equals - 1].kind, ["<", ">", "!"].contains(previous),
               t[equals - 1].end == t[equals].offset {
                throw t.error("comparisons are not claims: write '==' for an equality", at: t[equals - 1].offset)
            }
            guard let name = t.identifier(left) else {
                throw t.error(left.isEmpty ? "a definition needs a name before '='"
                              : "the left side of a definition must be a name; to claim an equality write '=='",
                              at: t.start(left, otherwise: t[equals].offset))
            }
            let column = t[0].offset + 1
            if name.hasSuffix("_new"), name.count > 4 {
                let claim = try update(target: left, parameter: String(name.dropLast(4)), rule: right, ruleStart: t[equals].end)
                guard case .update(let rule) = claim.kind else { return [.claim(claim)] }
                return [.claim(claim), .definition(Definition(name: name, value: rule.rule, line: t.line, column: column))]
            }
            try StatementParser.checkDefinable(name, at: t[0].offset, in: t.source)
            if right.isEmpty { throw t.error("'\(name) =' needs a value", at: t[equals].offset) }
            return [.definition(Definition(name: name, value: try expression(right), line: t.line, column: column))]
        }

        func update(target: Range<Int>, parameter: String? = nil, rule: Range<Int>, ruleStart: Int) throws -> Claim {
            guard let parameter = parameter ?? t.identifier(target) else {
                throw t.error("an update rule starts with the parameter it updates, such as 'W1_new = ...' or 'W1 <- ...'",
                              at: t.start(target, otherwise: statementStart))
            }
            if rule.isEmpty { throw t.error("the update rule for \(parameter) needs a right-hand side", at: ruleStart) }
            var written = try expression(rule)
            // `W1_old` on the right means the parameter before the step, as seeds write W^old.
            let old = Expr.symbol("\(parameter)_old")
            if written.names["\(parameter)_old"] != nil {
                written = WrittenExpression(
                    expr: written.expr.substituting([old: .symbol(parameter)]),
                    derivatives: written.derivatives.map {
                        DerivativeTerm(placeholder: $0.placeholder, function: $0.function.substituting([old: .symbol(parameter)]),
                                       functionText: $0.functionText, variable: $0.variable == "\(parameter)_old" ? parameter : $0.variable,
                                       line: $0.line, column: $0.column, functionColumn: $0.functionColumn, variableColumn: $0.variableColumn)
                    },
                    text: written.text, line: written.line, column: written.column, names: written.names, lineText: written.lineText)
            }
            return Claim(line: t.line, text: statementText,
                         kind: .update(UpdateRule(parameter: parameter, parameterColumn: t[target.lowerBound].offset + 1, rule: written)),
                         column: statementStart + 1)
        }

        // MARK: Claims

        func equalities() throws -> Claim {
            var sides: [WrittenExpression] = []
            let separators = all.filter { t[$0].kind == .op("==") }
            var lower = 0
            for (i, upper) in (separators + [t.count]).enumerated() {
                let piece = lower..<upper
                if piece.isEmpty {
                    throw t.error(i == 0 ? "nothing before '=='" : "nothing after '=='",
                                  at: i == 0 ? statementStart : t[lower - 1].offset)
                }
                if let at = topLevelAt(piece) {
                    throw t.error("a claim at a point needs '≈' and the value, as in 'd(L)/d(W1) at x=5, W1=0.2 ≈ -0.2813'", at: t[at].offset)
                }
                sides.append(try expression(piece))
                lower = upper + 1
            }
            return Claim(line: t.line, text: statementText, kind: .equalities(sides), column: statementStart + 1)
        }

        func numeric(at approx: Int) throws -> Claim {
            var expressionRange = 0..<approx
            var point: [PointItem] = []
            if let at = topLevelAt(expressionRange) {
                expressionRange = 0..<at
                point = try pointItems((at + 1)..<approx, separatorEnd: t[at].end)
            }
            if expressionRange.isEmpty { throw t.error("nothing to evaluate before '≈'", at: statementStart) }
            let expression = try expression(expressionRange)
            let right = (approx + 1)..<t.count
            guard !right.isEmpty else { throw t.error("'≈' needs the value you expect, such as '≈ -0.2813'", at: t[approx].offset) }
            let value = try ApproximateValue.parse(t, right)
            return Claim(line: t.line, text: statementText, kind: .numeric(NumericClaim(
                expression: expression, point: point, value: value.value, tolerance: value.tolerance,
                writtenValue: value.written, toleranceWritten: value.toleranceWritten, decimals: value.decimals)),
                         column: statementStart + 1)
        }

        func topLevelAt(_ range: Range<Int>) -> Int? { t.topLevel(range) { $0 == .identifier("at") }.first }

        // MARK: Points

        func point() throws -> NamedPoint {
            guard let colon = t.first(":", in: 1..<t.count) else {
                throw t.error("write a point as 'point NAME: x=1, y=2'", at: statementStart)
            }
            let nameRange = 1..<colon
            guard let name = t.identifier(nameRange) else {
                throw t.error("a point needs a name, as in 'point example1: x=5, W1=0.2'", at: t.start(nameRange, otherwise: t[colon].offset))
            }
            let items = try pointItems((colon + 1)..<t.count, separatorEnd: t[colon].end)
            if items.isEmpty { throw t.error("point '\(name)' has no values", at: t[colon].offset) }
            return NamedPoint(name: name, items: items, line: t.line, column: t[1].offset + 1)
        }

        /// `x=5, W1=0.2, example1`: values, or names of points defined with
        /// `point`; `separatorEnd` is where the list starts (after `at` or `:`).
        func pointItems(_ range: Range<Int>, separatorEnd: Int) throws -> [PointItem] {
            if range.isEmpty { throw t.error("'at' needs values, such as 'at x=5, W1=0.2'", at: max(separatorEnd - 2, 0)) }
            var items: [PointItem] = []
            var lower = range.lowerBound
            var pieceStart = separatorEnd
            for upper in t.topLevel(range, { $0 == .op(",") }) + [range.upperBound] {
                defer {
                    if upper < range.upperBound { pieceStart = t[upper].end }
                    lower = upper + 1
                }
                let item = lower..<upper
                if item.isEmpty { throw t.error("empty entry in the list of values", at: pieceStart) }
                guard let equals = item.first(where: { t[$0].kind == .op("=") || t[$0].kind == .op("==") }) else {
                    guard let name = t.identifier(item) else {
                        throw t.error("expected name=value or the name of a point, found '\(t.text(item))'", at: t[item.lowerBound].offset)
                    }
                    items.append(.reference(name: name, column: t[item.lowerBound].offset + 1))
                    continue
                }
                let nameRange = item.lowerBound..<equals
                guard let name = t.identifier(nameRange) else {
                    throw t.error("expected a symbol name before '='", at: t.start(nameRange, otherwise: t[equals].offset))
                }
                // `x==1`: the value would start with '=', which no expression does.
                if t[equals].kind == .op("==") { throw Lexer.refusal(of: "=", at: t[equals].offset + 1, in: t.source) }
                let valueRange = (equals + 1)..<upper
                if valueRange.isEmpty { throw t.error("\(name)= needs a value", at: t[equals].offset) }
                let value = try t.parse(valueRange)
                guard value.freeSymbols.isEmpty, let number = try? value.evaluate(at: [String: Double]()) else {
                    throw t.error("the value of \(name) must be a number, not '\(t.text(valueRange))'", at: t[valueRange.lowerBound].offset)
                }
                items.append(.value(name: name, value: number, column: t[nameRange.lowerBound].offset + 1))
            }
            return items
        }

        // MARK: Expressions

        /// The expression in `range`, with derivatives, keeping file positions.
        func expression(_ range: Range<Int>) throws -> WrittenExpression {
            let (tokens, derivatives) = try DerivativeSyntax.rewrite(t, range)
            let expr = try t.parse(range, replaced: tokens)
            let names = writtenNames(range)
            if let reserved = names.first(where: { DerivativeSyntax.isReserved($0.key) }) {
                throw t.error("names starting with '\(DerivativeSyntax.placeholderPrefix)' are reserved", at: reserved.value - 1)
            }
            return WrittenExpression(expr: expr, derivatives: derivatives, text: t.text(range), line: t.line,
                                     column: t[range.lowerBound].offset + 1, names: names, lineText: t.lineText)
        }

        /// The names written (not functions, not the `d` of derivatives),
        /// each with the column of its first appearance.
        func writtenNames(_ range: Range<Int>) -> [String: Int] {
            var names: [String: Int] = [:]
            for i in range {
                guard case .identifier(let name) = t[i].kind, i + 1 == t.count || t[i + 1].kind != .open("(") else { continue }
                if names[name] == nil { names[name] = t[i].offset + 1 }
            }
            return names
        }
    }

    /// Why `name` cannot be defined, as an error at `offset`: `d`, functions
    /// and placeholder names are reserved.
    package static func checkDefinable(_ name: String, at offset: Int, in source: SourceText) throws {
        if name == "d" { throw source.error(at: offset, "'d' is reserved for derivatives, d(F)/d(v)") }
        if name == "sqrt" || name == "pow" || Function.named(name) != nil {
            throw source.error(at: offset, "'\(name)' is a function and cannot be redefined")
        }
        if DerivativeSyntax.isReserved(name) {
            throw source.error(at: offset, "names starting with '\(DerivativeSyntax.placeholderPrefix)' are reserved")
        }
    }
}
