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
/// ```
package struct StatementParser {
    package let span: SourceSpan

    /// The statement written in `text` from scalar offset `start` on (the
    /// line's columns and text still position the errors).
    package init(line: Int, text: String, from start: Int = 0) {
        var scalars = Array(text.unicodeScalars)
        if let hash = scalars.firstIndex(of: "#") { scalars.removeSubrange(hash...) }
        span = SourceSpan(line: line, text: text).slice(min(start, scalars.count)..<scalars.count).trimmed()
    }

    /// The line's statements (none for a blank or comment line; an update
    /// rule `W_new = ...` is a claim and a definition of `W_new`).
    package func parse() throws -> [Statement] {
        if span.isEmpty { return [] }
        if span.hasPrefix("point ") || span.hasPrefix("point\t") { return [.point(try parsePoint())] }
        for key in [Setting.Key.loss, .rate] where span.hasPrefix(key.rawValue + ":") {
            let value = span.slice(from: span.startIndex + key.rawValue.count + 1).trimmed()
            if value.isEmpty { throw span.error("'\(key.rawValue):' needs a value, such as '\(key == .loss ? "loss: L" : "rate: alpha")'") }
            return [.setting(Setting(key: key, value: try StatementParser.expression(value)))]
        }
        if let approx = span.firstIndex(of: "≈") ?? span.firstIndex(of: "~=") {
            return [.claim(try parseNumeric(at: approx))]
        }
        if span.firstIndex(of: "==") != nil { return [.claim(try parseEqualities())] }
        if let arrow = span.firstIndex(of: "<-") ?? span.firstIndex(of: "←") {
            let width = span.scalars[arrow] == "<" ? 2 : 1
            return [.claim(try parseUpdate(target: span.slice(upTo: arrow), rule: span.slice(from: arrow + width)))]
        }
        if let equals = span.firstIndex(of: "=") { return try parseDefinition(at: equals) }
        throw span.error("expected a definition (name = ...), a claim (... == ...), a numeric claim (... at x=1 ≈ 0.5) or an update rule (W_new = ...)")
    }

    // MARK: Definitions and update rules

    package func parseDefinition(at equals: Int) throws -> [Statement] {
        let left = span.slice(upTo: equals).trimmed()
        let right = span.slice(from: equals + 1)
        if let previous = equals > span.startIndex ? span.scalars[equals - 1] : nil, "<>!".unicodeScalars.contains(previous) {
            throw span.error("comparisons are not claims: write '==' for an equality", at: equals - 1)
        }
        guard let name = left.identifier else {
            throw span.error(left.isEmpty ? "a definition needs a name before '='"
                             : "the left side of a definition must be a name; to claim an equality write '=='",
                             at: left.isEmpty ? equals : left.startIndex)
        }
        if name.hasSuffix("_new"), name.count > 4 {
            let parameter = SourceSpan(line: span.line, text: span.lineText).slice(left.startIndex..<(left.endIndex - 4))
            var statements = try [Statement.claim(parseUpdate(target: parameter, rule: right))]
            if case .claim(let claim) = statements[0], case .update(let rule) = claim.kind {
                statements.append(.definition(Definition(name: name, value: rule.rule, line: span.line, column: left.column)))
            }
            return statements
        }
        try StatementParser.checkDefinable(name, left)
        if right.trimmed().isEmpty { throw span.error("'\(name) =' needs a value", at: equals) }
        return [.definition(Definition(name: name, value: try StatementParser.expression(right), line: span.line, column: left.column))]
    }

    package func parseUpdate(target: SourceSpan, rule: SourceSpan) throws -> Claim {
        guard let parameter = target.identifier else {
            throw span.error("an update rule starts with the parameter it updates, such as 'W1_new = ...' or 'W1 <- ...'",
                             at: target.trimmed().isEmpty ? span.startIndex : target.trimmed().startIndex)
        }
        if rule.trimmed().isEmpty { throw span.error("the update rule for \(parameter) needs a right-hand side", at: rule.startIndex) }
        var written = try StatementParser.expression(rule)
        // `W1_old` on the right means the parameter before the step, as seeds write W^old.
        if written.names["\(parameter)_old"] != nil {
            written = WrittenExpression(
                expr: written.expr.substituting([Expr.symbol("\(parameter)_old"): .symbol(parameter)]),
                derivatives: written.derivatives.map {
                    DerivativeTerm(placeholder: $0.placeholder,
                                   function: $0.function.substituting([Expr.symbol("\(parameter)_old"): .symbol(parameter)]),
                                   functionText: $0.functionText, variable: $0.variable == "\(parameter)_old" ? parameter : $0.variable,
                                   line: $0.line, column: $0.column, functionColumn: $0.functionColumn, variableColumn: $0.variableColumn)
                },
                text: written.text, line: written.line, column: written.column, names: written.names, lineText: written.lineText)
        }
        return Claim(line: span.line, text: span.text,
                     kind: .update(UpdateRule(parameter: parameter, parameterColumn: target.trimmed().column, rule: written)))
    }

    package static func checkDefinable(_ name: String, _ where_: SourceSpan) throws {
        if name == "d" { throw where_.error("'d' is reserved for derivatives, d(F)/d(v)", at: where_.trimmed().startIndex) }
        if name == "sqrt" || name == "pow" || Function.named(name) != nil {
            throw where_.error("'\(name)' is a function and cannot be redefined", at: where_.trimmed().startIndex)
        }
        if DerivativeSyntax.isReserved(name) {
            throw where_.error("names starting with '\(DerivativeSyntax.placeholderPrefix)' are reserved", at: where_.trimmed().startIndex)
        }
    }

    // MARK: Claims

    package func parseEqualities() throws -> Claim {
        var sides: [WrittenExpression] = []
        var start = span.startIndex
        var pieces: [SourceSpan] = []
        while let next = span.firstIndex(of: "==", from: start) {
            pieces.append(span.slice(start..<next))
            start = next + 2
        }
        pieces.append(span.slice(from: start))
        for (i, piece) in pieces.enumerated() {
            if piece.trimmed().isEmpty {
                throw span.error(i == 0 ? "nothing before '=='" : "nothing after '=='",
                                 at: i == 0 ? span.startIndex : piece.startIndex - 2)
            }
            if let at = StatementParser.topLevelWord("at", in: piece) {
                throw span.error("a claim at a point needs '≈' and the value, as in 'd(L)/d(W1) at x=5, W1=0.2 ≈ -0.2813'", at: at)
            }
            sides.append(try StatementParser.expression(piece))
        }
        return Claim(line: span.line, text: span.text, kind: .equalities(sides))
    }

    package func parseNumeric(at approx: Int) throws -> Claim {
        let width = span.scalars[approx] == "≈" ? 1 : 2
        let left = span.slice(upTo: approx)
        let right = span.slice(from: approx + width).trimmed()
        var expressionSpan = left
        var point: [PointItem] = []
        if let at = StatementParser.topLevelWord("at", in: left) {
            expressionSpan = left.slice(upTo: at)
            point = try StatementParser.pointItems(left.slice(from: at + 2), requireValues: false)
        }
        if expressionSpan.trimmed().isEmpty { throw span.error("nothing to evaluate before '≈'", at: span.startIndex) }
        let expression = try StatementParser.expression(expressionSpan)
        guard !right.isEmpty else { throw span.error("'≈' needs the value you expect, such as '≈ -0.2813'", at: approx) }
        let value = try ApproximateValue.parse(right)
        return Claim(line: span.line, text: span.text, kind: .numeric(NumericClaim(
            expression: expression, point: point, value: value.value, tolerance: value.tolerance,
            writtenValue: value.written, toleranceWritten: value.toleranceWritten, decimals: value.decimals)))
    }

    // MARK: Points

    package func parsePoint() throws -> NamedPoint {
        let rest = span.slice(from: span.startIndex + 5)
        guard let colon = rest.firstIndex(of: ":") else {
            throw span.error("write a point as 'point NAME: x=1, y=2'", at: span.startIndex)
        }
        let nameSpan = rest.slice(upTo: colon).trimmed()
        guard let name = nameSpan.identifier else {
            throw span.error("a point needs a name, as in 'point example1: x=5, W1=0.2'", at: nameSpan.isEmpty ? colon : nameSpan.startIndex)
        }
        let items = try StatementParser.pointItems(rest.slice(from: colon + 1), requireValues: false)
        if items.isEmpty { throw span.error("point '\(name)' has no values", at: colon) }
        return NamedPoint(name: name, items: items, line: span.line, column: nameSpan.column)
    }

    /// `x=5, W1=0.2, example1`: values, or names of points defined with `point`.
    package static func pointItems(_ text: SourceSpan, requireValues: Bool) throws -> [PointItem] {
        var items: [PointItem] = []
        if text.trimmed().isEmpty { throw text.error("'at' needs values, such as 'at x=5, W1=0.2'", at: max(text.startIndex - 2, 0)) }
        for piece in text.split(topLevel: ",") {
            let item = piece.trimmed()
            if item.isEmpty { throw text.error("empty entry in the list of values", at: piece.startIndex) }
            guard let equals = item.firstIndex(of: "=") else {
                guard let name = item.identifier else {
                    throw item.error("expected name=value or the name of a point, found '\(item.text)'")
                }
                items.append(.reference(name: name, column: item.column))
                continue
            }
            let nameSpan = item.slice(upTo: equals).trimmed()
            guard let name = nameSpan.identifier else {
                throw item.error("expected a symbol name before '='", at: nameSpan.isEmpty ? equals : nameSpan.startIndex)
            }
            let valueSpan = item.slice(from: equals + 1).trimmed()
            if valueSpan.isEmpty { throw item.error("\(name)= needs a value", at: equals) }
            let value: Expr
            do {
                value = try Expr.parse(valueSpan.text, line: valueSpan.line, column: valueSpan.column)
            } catch let error as SourceError {
                throw error.showing(sourceLine: item.lineText)
            }
            guard value.freeSymbols.isEmpty, let number = try? value.evaluate(at: [String: Double]()) else {
                throw valueSpan.error("the value of \(name) must be a number, not '\(valueSpan.text)'")
            }
            items.append(.value(name: name, value: number, column: nameSpan.column))
        }
        return items
    }

    // MARK: Expressions

    /// Parses an expression with derivatives, keeping file positions.
    package static func expression(_ piece: SourceSpan) throws -> WrittenExpression {
        let trimmed = piece.trimmed()
        let (text, derivatives) = try DerivativeSyntax.rewrite(trimmed)
        let expr: Expr
        do {
            expr = try Expr.parse(text, line: trimmed.line, column: trimmed.column)
        } catch let error as SourceError {
            throw error.showing(sourceLine: trimmed.lineText)
        }
        let names = writtenNames(trimmed)
        if let reserved = names.first(where: { DerivativeSyntax.isReserved($0.key) }) {
            throw trimmed.error("names starting with '\(DerivativeSyntax.placeholderPrefix)' are reserved", at: reserved.value - 1)
        }
        return WrittenExpression(expr: expr, derivatives: derivatives, text: trimmed.text, line: trimmed.line,
                                 column: trimmed.column, names: names, lineText: trimmed.lineText)
    }

    /// The names in the text (not functions, not the `d` of derivatives),
    /// each with the column of its first appearance.
    package static func writtenNames(_ span: SourceSpan) -> [String: Int] {
        var names: [String: Int] = [:]
        // The span has already parsed as an expression, so it lexes.
        guard let tokens = try? Lexer(span.text).tokens(.statements) else { return names }
        for (i, token) in tokens.enumerated() {
            guard case .identifier(let name) = token.kind, tokens[i + 1].kind != .open("(") else { continue }
            if names[name] == nil { names[name] = span.startIndex + token.offset + 1 }
        }
        return names
    }

    /// The offset of `word` written as a whole name outside parentheses.
    package static func topLevelWord(_ word: String, in span: SourceSpan) -> Int? {
        var depth = 0
        var i = span.startIndex
        let s = span.scalars
        let w = Array(word.unicodeScalars)
        while i < span.endIndex {
            if s[i] == "(" { depth += 1 } else if s[i] == ")" { depth -= 1 }
            if depth == 0, SourceSpan.isIdentifierStart(s[i]), i == span.startIndex || !SourceSpan.isIdentifierCharacter(s[i - 1]) {
                var j = i
                while j < span.endIndex, SourceSpan.isIdentifierCharacter(s[j]) { j += 1 }
                if s[i..<j].elementsEqual(w) { return i }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }
}
