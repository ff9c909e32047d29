import SymDiff

/// The tokens of one statement, read by SymDiff's `Lexer`, and the text they
/// were read from. Ranges are token indices; offsets are scalar offsets into
/// the line, so every error points into the file.
package struct StatementTokens {
    /// The whole line (or text), which positions errors and carets.
    package let source: SourceText
    package let lineText: String
    /// The statement's tokens, without comments and without the end token.
    package let tokens: [Lexer.Token]

    /// Reads `source` (its first line numbers the errors) from scalar offset `start` on.
    package init(source: SourceText, from start: Int = 0, vocabulary: Lexer.Vocabulary = .derivation) throws {
        try self.init(line: source.firstLine, text: String(String.UnicodeScalarView(source.scalars)), from: start, vocabulary: vocabulary)
    }

    /// Reads `text` from scalar offset `start` on.
    package init(line: Int, text: String, from start: Int = 0, vocabulary: Lexer.Vocabulary = .derivation) throws {
        lineText = text
        source = SourceText(text, line: line)
        let scalars = Array(text.unicodeScalars)
        let start = min(start, scalars.count)
        let rest = String(String.UnicodeScalarView(scalars[start...]))
        do {
            tokens = try Lexer(rest, line: line, column: start + 1).tokens(vocabulary).dropLast().map {
                Lexer.Token(kind: $0.kind, offset: $0.offset + start, text: $0.text)
            }
        } catch {
            throw error.showing(sourceLine: text)
        }
    }

    package var line: Int { source.firstLine }
    package var count: Int { tokens.count }
    package subscript(i: Int) -> Lexer.Token { tokens[i] }

    /// The text of `range` as written (from its first token to the end of its last).
    package func text(_ range: Range<Int>) -> String {
        guard let first = range.first else { return "" }
        return String(String.UnicodeScalarView(source.scalars[tokens[first].offset..<tokens[range.upperBound - 1].end]))
    }

    /// The offset of the range's first token, or `otherwise` when it is empty.
    package func start(_ range: Range<Int>, otherwise: Int) -> Int {
        range.isEmpty ? otherwise : tokens[range.lowerBound].offset
    }

    /// The offset just past the range's last token.
    package func end(_ range: Range<Int>) -> Int {
        range.isEmpty ? source.scalars.count : tokens[range.upperBound - 1].end
    }

    package func error(_ message: String, at offset: Int) -> SourceError { source.error(at: offset, message) }

    /// The range as a name, if it is one token that is a name.
    package func identifier(_ range: Range<Int>) -> String? {
        guard range.count == 1, case .identifier(let name) = tokens[range.lowerBound].kind else { return nil }
        return name
    }

    /// The indices in `range` of tokens that `matches` accepts, outside parentheses.
    package func topLevel(_ range: Range<Int>, _ matches: (Lexer.Kind) -> Bool) -> [Int] {
        var depth = 0
        var found: [Int] = []
        for i in range {
            switch tokens[i].kind {
            case .open: depth += 1
            case .close: depth -= 1
            case let kind where depth == 0 && matches(kind): found.append(i)
            default: break
            }
        }
        return found
    }

    /// The first index in `range` of the operator `op`.
    package func first(_ op: String, in range: Range<Int>) -> Int? {
        range.first { tokens[$0].kind == .op(op) }
    }

    /// The index of the `)` closing the `(` at `open`, within `range`.
    package func matching(_ open: Int, in range: Range<Int>) -> Int? {
        var depth = 0
        for j in open..<range.upperBound {
            if case .open = tokens[j].kind { depth += 1 }
            if case .close = tokens[j].kind {
                depth -= 1
                if depth == 0 { return j }
            }
        }
        return nil
    }

    /// The expression in `range` (tokens already replaced by the caller may be
    /// passed as `replaced`), its end reported at the end of `range`.
    package func parse(_ range: Range<Int>, replaced: [Lexer.Token]? = nil) throws -> Expr {
        let pieces = replaced.map { ArraySlice($0) } ?? tokens[range]
        return try Expr.parse(tokens: pieces, endingAt: end(range), in: source)
    }
}

extension Lexer.Vocabulary {
    /// Derivation statements: SymPy expressions plus `=` (definitions and
    /// point values), `==` (claims), `:` (points and settings), `≈ ~= ± %`
    /// (numeric claims), `<- ←` (update rules), `−` (a written minus) and
    /// `< > !` (to say why a comparison is not a claim); `#` comments. No
    /// strings and no `.` attributes, so numbers read as in expressions.
    package static let derivation = Lexer.Vocabulary(
        symbols: expression.symbols.union(["=", "==", ":", "≈", "~=", "±", "%", "<-", "←", "−", "<", ">", "!"]),
        comments: true)
}

extension String {
    package func trimmingBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// Whether the text is one name (`W1`, `a_1`, `target`).
    package var isName: Bool {
        guard let first = unicodeScalars.first, Lexer.isIdentifierStart(first) else { return false }
        return unicodeScalars.allSatisfy(Lexer.isIdentifierCharacter)
    }
}
