import SymDiff

/// A statement only a session runs (a notebook cell's line or a REPL line):
/// the `Statement.session` branch of the one statement tree.
///
/// ```text
/// z1 = W1*x + b1            definition (also: let z1 = ...)
/// diff(loss, W1)            show
/// eval loss at x=5, W1=0.2  evalAt
/// check a == b              check
/// help, help diff           help
/// ```
///
/// (`claim d(L)/d(w) == ...` in a session is a `Statement.claim`, read by
/// the derivation rules.) Adding a statement kind is one case here, one rule
/// in `parse`, and one branch of the session's executor.
package enum SessionStatement {
    /// Blanks and comments only.
    case empty
    /// `name = value` or `let name = value`.
    case definition(name: String, nameOffset: Int, value: ValueSyntax)
    /// An expression whose value is shown.
    case show(ValueSyntax)
    /// `eval EXPR at x=1, y=2`: `eval(EXPR, x=1, y=2)`.
    case evalAt(keywordOffset: Int, expression: ValueSyntax, expressionOffset: Int, bindings: [Binding])
    /// `check EXPR`: `check(EXPR)`.
    case check(keywordOffset: Int, value: ValueSyntax, valueOffset: Int)
    /// `help` or `help NAME`.
    case help(topic: String?, topicOffset: Int)

    /// `name=value` after `eval ... at`.
    package struct Binding {
        package let name: String
        package let offset: Int
        package let value: ValueSyntax
    }

    /// Words that start statements or separate their parts, so never names.
    package static let keywords: Set<String> = ["let", "check", "claim", "help", "at"]

    /// The session rules (`StatementParser.parse(_:context:definable:)`
    /// reads `claim ...` first).
    ///
    /// - Parameter definable: why a name cannot be defined (a built-in's
    ///   name, say), or `nil`; checked before the value is read.
    static func parse(_ source: SourceText, definable: (String) -> String?) throws -> SessionStatement {
        let tokens = try Lexer(source).tokens(.session)
        let end = tokens.count - 1
        guard end > 0 else { return .empty }
        let parser = ValueParser(source: source, tokens: tokens)
        func identifier(_ i: Int) -> String? {
            if i < end, case .identifier(let name) = tokens[i].kind { return name }
            return nil
        }
        // let NAME = ...  /  NAME = ...
        var definitionStart = 0
        if identifier(0) == "let" {
            guard identifier(1) != nil, tokens[2].kind == .op("=") else {
                throw source.error(at: tokens[min(1, end)].offset, "expected 'let name = value'")
            }
            definitionStart = 1
        }
        if let name = identifier(definitionStart), tokens[definitionStart + 1].kind == .op("=") {
            if let problem = definable(name) { throw source.error(at: tokens[definitionStart].offset, problem) }
            if keywords.contains(name) {
                throw source.error(at: tokens[definitionStart].offset, "'\(name)' is a keyword; pick another name")
            }
            guard definitionStart + 2 < end else {
                throw source.error(at: tokens[definitionStart + 1].offset, "expected a value after '='")
            }
            return .definition(name: name, nameOffset: tokens[definitionStart].offset,
                               value: try parser.parse((definitionStart + 2)..<end))
        }
        if identifier(0) == "eval", !isCall(tokens) { return try evalAt(tokens, parser) }
        if identifier(0) == "check", !isCall(tokens) {
            return .check(keywordOffset: tokens[0].offset, value: try parser.parse(1..<end), valueOffset: tokens[1].offset)
        }
        if identifier(0) == "help", end == 1 || (end == 2 && identifier(1) != nil) {
            return .help(topic: identifier(1), topicOffset: tokens[min(1, end)].offset)
        }
        return .show(try parser.parse(0..<end))
    }

    /// Whether the statement is one call `f(...)`, rather than `check (a + b)**2 == c`.
    private static func isCall(_ tokens: [Lexer.Token]) -> Bool {
        guard tokens.count > 2, tokens[1].kind == .open("(") else { return false }
        var depth = 0
        for i in 1..<(tokens.count - 1) {
            if case .open = tokens[i].kind { depth += 1 }
            if case .close = tokens[i].kind { depth -= 1 }
            if depth == 0 { return i == tokens.count - 2 }
        }
        return true
    }

    /// `eval EXPR at x=1, y=2`.
    private static func evalAt(_ tokens: [Lexer.Token], _ parser: ValueParser) throws -> SessionStatement {
        let source = parser.source
        let end = tokens.count - 1
        var depth = 0
        var atIndex: Int? = nil
        for i in 1..<end {
            switch tokens[i].kind {
            case .open: depth += 1
            case .close: depth -= 1
            case .identifier("at") where depth == 0: atIndex = atIndex ?? i
            default: break
            }
        }
        guard let atIndex else {
            throw source.error(at: tokens[0].offset, "write eval(expr, x=1) or eval expr at x=1, y=2")
        }
        guard atIndex > 1 else { throw source.error(at: tokens[atIndex].offset, "expected an expression before 'at'") }
        let expression = try parser.parse(1..<atIndex)
        var bindings: [Binding] = []
        var i = atIndex + 1
        while i < end {
            guard case .identifier(let name) = tokens[i].kind, tokens[i + 1].kind == .op("=") else {
                throw source.error(at: tokens[i].offset, "expected name=value after 'at'")
            }
            var j = i + 2
            depth = 0
            while j < end {
                if case .open = tokens[j].kind { depth += 1 }
                if case .close = tokens[j].kind { depth -= 1 }
                if depth == 0, tokens[j].kind == .op(",") { break }
                j += 1
            }
            guard j > i + 2 else { throw source.error(at: tokens[i + 1].offset, "expected a value after '='") }
            bindings.append(Binding(name: name, offset: tokens[i].offset, value: try parser.parse((i + 2)..<j)))
            i = j + 1
        }
        if bindings.isEmpty { throw source.error(at: tokens[atIndex].offset, "expected name=value after 'at'") }
        return .evalAt(keywordOffset: tokens[0].offset, expression: expression, expressionOffset: tokens[1].offset,
                       bindings: bindings)
    }
}

extension Lexer.Vocabulary {
    /// The session's statements: SymPy expressions plus `=` (definitions and
    /// keyword arguments), `==`, `:` and `{}` (points), `[]` (lists), `.`
    /// (attributes such as `net.loss`), string literals and `#` comments.
    package static let session = Lexer.Vocabulary(symbols: expression.symbols.union(["=", "==", ":", ".", "[", "]", "{", "}"]),
                                                  strings: true, comments: true)
}
