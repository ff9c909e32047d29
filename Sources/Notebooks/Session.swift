import Language
import SymDiff

/// A session of the symdiff language: the state behind a notebook or the REPL.
///
/// One statement per line (a statement continues while brackets are open).
/// Definitions carry over from statement to statement; an error is reported
/// with its position and the session goes on.
///
/// ```swift
/// let session = Session()
/// let output = session.run("""
///     z = w*x + b
///     diff(sigmoid(z), w)
///     """)
/// // output.text == "x*sigmoid(z)*(1 - sigmoid(z))\n"
/// ```
///
/// The language is described in `SessionLanguage.reference` (also `help`).
public final class Session {
    var environment = Environment()
    /// Declared shapes and matrix definitions (`W: 2x3`, `z = W*x + b`).
    var matrices = MatrixStatements()
    /// Where relative paths (`check_file("...")`) start: the notebook's
    /// directory, or the current directory when `nil`.
    public var baseDirectory: String?

    /// A session with no definitions; `baseDirectory` resolves relative paths.
    public init(baseDirectory: String? = nil) {
        self.baseDirectory = baseDirectory
    }

    /// What one statement produced.
    public enum Entry: Sendable, Equatable {
        /// Text to show (no trailing newline).
        case output(String)
        case error(SourceError)

        /// The text as a notebook shows it.
        public var text: String {
            switch self {
            case .output(let s): return s
            case .error(let e): return e.description
            }
        }
    }

    /// The entries of a chunk of input, in order.
    public struct Output: Sendable {
        public var entries: [Entry] = []
        /// Everything shown, one entry after another, each ending in a newline.
        public var text: String { entries.map { $0.text + "\n" }.joined() }
        public var errorCount: Int { entries.filter { if case .error = $0 { return true } else { return false } }.count }
    }

    /// Runs every statement in `text`; `firstLine` is the line number of its first line.
    public func run(_ text: String, firstLine: Int = 1) -> Output {
        var output = Output()
        for statement in Session.statements(in: text, firstLine: firstLine) {
            if let entry = execute(statement.text, line: statement.line) { output.entries.append(entry) }
        }
        return output
    }

    /// Splits input into statements: one per line, continuing while brackets are open.
    public static func statements(in text: String, firstLine: Int = 1) -> [(text: String, line: Int)] {
        var result: [(String, Int)] = []
        var current: [Substring] = []
        var start = firstLine
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current.isEmpty { start = firstLine + i }
            current.append(line)
            let joined = current.joined(separator: "\n")
            if Lexer.openBrackets(joined) == 0 {
                result.append((joined, start))
                current = []
            }
        }
        if !current.isEmpty { result.append((current.joined(separator: "\n"), start)) }
        return result.filter { !$0.0.allSatisfy(\.isWhitespace) }
    }

    /// Whether `text` ends inside open brackets, so the REPL should read another line.
    public static func needsMoreInput(_ text: String) -> Bool { Lexer.openBrackets(text) > 0 }

    /// Runs one statement; `nil` when it shows nothing (a definition, a comment).
    public func execute(_ statement: String, line: Int = 1) -> Entry? {
        let source = SourceText(statement, line: line)
        do {
            if let shown = try matrixStatement(source) { return shown.map { .output($0) } }
            let statements = try StatementParser.parse(source, context: .session, definable: reservedNameProblem)
            guard let first = statements.first else { return nil }
            return try execute(first, statement, source).map { .output($0) }
        } catch let error as SourceError {
            return .error(error)
        } catch {
            return .error(source.error(at: 0, "\(error)"))
        }
    }

    /// The executor: one branch per statement kind a session runs.
    private func execute(_ statement: Statement, _ text: String, _ source: SourceText) throws -> String? {
        let session: SessionStatement
        switch statement {
        case .claim(let claim):
            return try self.claim(claim, in: text)
        case .session(let s, _):
            session = s
        case .declaration(let declaration):
            matrices.declare(declaration)
            return nil
        case .definition, .point, .setting:
            // The session context reads these as session definitions or not at all.
            throw source.error(at: 0, "this statement belongs in a derivation file (symdiff check FILE)")
        }
        let interpreter = Interpreter(session: self, source: source)
        switch session {
        case .empty:
            return nil
        case .definition(let name, let nameOffset, let syntax):
            let value = try interpreter.evaluate(syntax)
            do {
                try environment.define(name, value)
            } catch {
                throw source.error(at: nameOffset, error.message)
            }
            return nil
        case .evalAt(let keywordOffset, let expression, let expressionOffset, let bindings):
            var arguments = [Argument(name: nil, value: try interpreter.evaluate(expression), offset: expressionOffset)]
            for binding in bindings {
                arguments.append(Argument(name: binding.name, value: try interpreter.evaluate(binding.value), offset: binding.offset))
            }
            return try call("eval", arguments, source: source, at: keywordOffset).display
        case .check(let keywordOffset, let syntax, let valueOffset):
            let value = try interpreter.evaluate(syntax)
            return try call("check", [Argument(name: nil, value: value, offset: valueOffset)], source: source, at: keywordOffset).display
        case .help(let topic, let topicOffset):
            guard let topic else { return SessionLanguage.reference }
            return try SessionLanguage.help(for: topic, at: { source.error(at: topicOffset, $0) })
        case .show(let syntax):
            let value = try interpreter.evaluate(syntax)
            if case .nothing = value { return nil }
            // A defined name on its own, or as an item of a list or record, shows its definition.
            if let name = value.expr?.symbolName, let held = environment.value(name) { return held.display }
            switch value {
            case .list, .record:
                return value.mapExprs { e in e.symbolName.flatMap { environment.expression($0) } ?? e }.display
            default:
                return value.display
            }
        }
    }

    /// A statement about shaped names (after `W: 2x3`), run on matrices:
    /// a definition, a value shown in matrix form, or `claim A == B` checked
    /// entry by entry. Nil when the statement is not about matrices; `.some(nil)`
    /// when it shows nothing.
    private func matrixStatement(_ source: SourceText) throws -> String?? {
        // A declaration (or a wrong one, whose error the statement parser gives) is no matrix statement.
        do {
            if try Declaration.parse(line: source.firstLine, text: String(String.UnicodeScalarView(source.scalars))) != nil { return nil }
        } catch { return nil }
        guard let tokens = try? Lexer(source).tokens(MatrixStatements.vocabulary), tokens.count > 1 else { return nil }
        let isClaim = tokens[0].kind == .identifier("claim") || tokens[0].kind == .identifier("check")
        let start = isClaim && tokens.count > 2 ? tokens[1].offset : 0
        guard matrices.owns(source, from: start) else { return nil }
        switch try matrices.read(source, from: start, shows: !isClaim) {
        case .definition: return .some(nil)
        case .show(let value):
            do { return try value.inlined().description } catch { throw source.error(at: start, "\(error)") }
        case .claim(let claim):
            guard isClaim else { throw source.error(at: 0, "write 'claim A == B' to check a claim") }
            let result = claim.result()
            return ([result.mark + " " + result.summary] + result.details.map { "  " + $0 }).joined(separator: "\n")
        }
    }

    /// Why `name` cannot be defined, or `nil`.
    func reservedNameProblem(_ name: String) -> String? {
        if Builtins.table[name] != nil || Function.named(name) != nil || name == "sqrt" || name == "pow" {
            return "'\(name)' is a function name; pick another name"
        }
        if SessionStatement.keywords.contains(name) { return "'\(name)' is a keyword; pick another name" }
        return nil
    }

    // MARK: - Names and calls

    /// The value of a name: a defined expression stays a name (held), other
    /// values are returned as they are, and an undefined name is a symbol.
    func reference(_ name: String, at error: (String) -> SourceError) throws -> Value {
        if let value = environment.value(name) {
            if value.expr != nil { return .expr(.symbol(name)) }
            return value
        }
        if isFunction(name) { throw error("'\(name)' is a function: write \(name)(...)") }
        return .expr(.symbol(name))
    }

    func isFunction(_ name: String) -> Bool {
        Builtins.table[name] != nil || Function.named(name) != nil || name == "sqrt" || name == "pow"
    }

    func unknownFunctionMessage(_ name: String) -> String {
        if let value = environment.value(name) {
            return "'\(name)' is \(value.kindName), not a function"
        }
        let known = Builtins.table.keys.sorted() + Function.all.map(\.name) + ["sqrt", "pow"]
        if let close = Suggestions.closest(to: name, among: known) {
            return "unknown function '\(name)'; did you mean '\(close)'?"
        }
        return "unknown function '\(name.prefix(40))' (type 'help' for the list)"
    }

    /// Calls a built-in or an elementary function.
    func call(_ name: String, _ arguments: [Argument], source: SourceText, at offset: Int) throws -> Value {
        do {
            if let builtin = Builtins.table[name] {
                return try builtin.run(CallContext(session: self, name: name, arguments: arguments))
            }
            return try elementary(name, arguments)
        } catch let error as CallError {
            throw source.error(at: error.argument.map { arguments[$0].offset } ?? offset, error.message)
        } catch let error as SymDiffError {
            throw source.error(at: offset, error.description)
        }
    }

    private func elementary(_ name: String, _ arguments: [Argument]) throws -> Value {
        let arity = name == "sqrt" ? 1 : name == "pow" ? 2 : Function.named(name)!.arity
        if let keyword = arguments.firstIndex(where: { $0.name != nil }) {
            throw CallError("\(name) takes no keyword arguments", argument: keyword)
        }
        guard arguments.count == arity else {
            throw CallError("\(name) takes \(arity) argument\(arity == 1 ? "" : "s"), got \(arguments.count)")
        }
        var exprs: [Expr] = []
        for (i, argument) in arguments.enumerated() {
            guard let e = argument.value.expr else {
                throw CallError("\(name) needs an expression, got \(argument.value.kindName)", argument: i)
            }
            exprs.append(e)
        }
        switch name {
        case "sqrt": return .expr(sqrt(exprs[0]))
        case "pow": return .expr(.pow(exprs[0], exprs[1]))
        default: return .expr(.apply(Function.named(name)!, exprs))
        }
    }

    // MARK: - Operators

    func binary(_ op: String, _ a: Value, _ b: Value, at error: (String) -> SourceError) throws -> Value {
        if op == "==" {
            guard let x = a.expr, let y = b.expr else {
                throw error("== compares two expressions, got \(a.kindName) and \(b.kindName)")
            }
            return .equation(x, y)
        }
        switch (a, b) {
        case (.expr(let x), .expr(let y)):
            return .expr(Session.arithmetic(op, x, y))
        case (.list(let xs), .list(let ys)):
            guard op == "+" || op == "-" else { throw error("lists can be added or subtracted, not combined with '\(op)'") }
            guard xs.count == ys.count else { throw error("lists of different lengths (\(xs.count) and \(ys.count))") }
            return .list(try zip(xs, ys).map { try binary(op, $0, $1, at: error) })
        case (.record(let xs), .record(let ys)):
            // Points add like sparse vectors (a missing entry is 0): p - 0.1*g
            // updates the entries g names, p + q also merges q's other entries.
            guard op == "+" || op == "-" else { throw error("points can be added or subtracted, not combined with '\(op)'") }
            var result = xs
            for (name, value) in ys {
                if let i = result.firstIndex(where: { $0.name == name }) {
                    result[i].value = try binary(op, result[i].value, value, at: error)
                } else {
                    result.append((name, op == "+" ? value : try negate(value, at: error)))
                }
            }
            return .record(result)
        case (.expr(let x), .list), (.expr(let x), .record):
            guard op == "*" || op == "+" || op == "-" else { throw error("cannot combine an expression and \(b.kindName) with '\(op)'") }
            let scalar = environment.inline(x)
            return b.mapExprs { y in Session.arithmetic(op, scalar, environment.inline(y)) }
        case (.list, .expr(let y)), (.record, .expr(let y)):
            guard ["*", "/", "+", "-"].contains(op) else { throw error("cannot combine \(a.kindName) and an expression with '\(op)'") }
            let scalar = environment.inline(y)
            return a.mapExprs { x in Session.arithmetic(op, environment.inline(x), scalar) }
        default:
            throw error("cannot combine \(a.kindName) and \(b.kindName) with '\(op)'")
        }
    }

    static func arithmetic(_ op: String, _ x: Expr, _ y: Expr) -> Expr {
        switch op {
        case "+": return x + y
        case "-": return x - y
        case "*": return x * y
        case "/": return x / y
        default: return .pow(x, y)
        }
    }

    func negate(_ a: Value, at error: (String) -> SourceError) throws -> Value {
        switch a {
        case .expr, .list, .record: return a.mapExprs { -$0 }
        default: throw error("cannot negate \(a.kindName)")
        }
    }

    func attribute(_ value: Value, _ name: String, at error: (String) -> SourceError) throws -> Value {
        if case .report(_, let inner) = value { return try attribute(inner, name, at: error) }
        if case .record(let pairs) = value, let entry = pairs.first(where: { $0.name == name }) {
            return entry.value
        }
        do {
            if let result = try NetworkBuiltins.attribute(value, name) { return result }
        } catch let e as SymDiffError {
            throw error(e.description)
        }
        let available = NetworkBuiltins.attributeNames(of: value)
        if available.isEmpty {
            if case .record(let pairs) = value {
                throw error("this point has no entry '\(name)' (it has \(pairs.map(\.name).joined(separator: ", ")))")
            }
            throw error("\(value.kindName) has no attribute '\(name)'")
        }
        throw error("a network has no attribute '\(name)'; it has \(available.joined(separator: ", "))")
    }
}
