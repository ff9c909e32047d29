import SymDiff

/// Evaluates one statement's expression with two explicit stacks (operands
/// and operators), reducing as it goes, so nesting depth is limited by memory
/// and never by the call stack.
///
/// Precedence, loosest first: `==`; `+ -`; `* /`; unary `- +`; `** ^`
/// (right-associative, so `-x**2` is `-(x**2)` and `2**-1` works); then
/// calls `f(...)`, lists `[...]`, points `{x: 1}` and attributes `net.loss`.
struct Interpreter {
    let session: Session
    let source: SourceText
    let tokens: [Lexer.Token]

    /// A pending operator or an open bracket waiting for its items.
    private enum Pending {
        case binary(String, offset: Int)
        case unary(String, offset: Int)
        case group(offset: Int)
        case call(name: String, offset: Int, arguments: [Argument], keyword: (String, Int)?)
        case list(offset: Int, items: [Value])
        case record(offset: Int, entries: [(name: String, value: Value)], key: (String, Int)?)

        var precedence: Int {
            switch self {
            case .binary(let op, _):
                switch op {
                case "==": return 0
                case "+", "-": return 1
                case "*", "/": return 2
                default: return 4
                }
            case .unary: return 3
            case .group, .call, .list, .record: return -1
            }
        }
        var isBracket: Bool { precedence < 0 }
    }

    /// How deep lists and points may nest inside each other.
    static let maximumValueNesting = 64

    /// Evaluates `tokens[range]` (which must not include the end token).
    func evaluate(_ range: Range<Int>) throws -> Value {
        var operands: [(value: Value, offset: Int)] = []
        var pending: [Pending] = []
        var expectOperand = true
        var index = range.lowerBound
        let endOffset = range.upperBound < tokens.count ? tokens[range.upperBound].offset : source.scalars.count

        func reduceOne() throws {
            switch pending.removeLast() {
            case .binary(let op, let offset):
                let b = operands.removeLast(), a = operands.removeLast()
                let value = try session.binary(op, a.value, b.value, at: { source.error(at: offset, $0) })
                operands.append((value, a.offset))
            case .unary(let op, let offset):
                let a = operands.removeLast()
                let value = op == "-" ? try session.negate(a.value, at: { source.error(at: offset, $0) }) : a.value
                operands.append((value, offset))
            default:
                preconditionFailure("brackets are closed explicitly")
            }
        }
        func reduceToBracket() throws {
            while let top = pending.last, !top.isBracket { try reduceOne() }
        }
        func describe(_ token: Lexer.Token, at i: Int) -> String {
            i >= range.upperBound || token.kind == .end ? "the end of the line" : "'\(token.text.prefix(40))'"
        }
        /// Whether the token at `i` starts an argument or entry (right after `(`, `{` or `,`).
        func atItemStart() -> Bool {
            // `index` is already past the current token.
            guard index - 2 >= range.lowerBound else { return false }
            switch tokens[index - 2].kind {
            case .open("("), .open("{"), .op(","): return true
            default: return false
            }
        }

        /// Lists and points nest as values, which are shown and copied
        /// recursively; parentheses and calls may nest without limit.
        func checkNesting(_ offset: Int) throws {
            let depth = pending.filter { if case .list = $0 { return true }; if case .record = $0 { return true }; return false }.count
            if depth >= Interpreter.maximumValueNesting {
                throw source.error(at: offset, "lists and points nest at most \(Interpreter.maximumValueNesting) deep")
            }
        }

        while true {
            let token = index < range.upperBound ? tokens[index] : Lexer.Token(kind: .end, offset: endOffset, text: "")
            let next: Lexer.Kind = index + 1 < range.upperBound ? tokens[index + 1].kind : .end
            index += 1
            if expectOperand {
                switch token.kind {
                case .integer(let digits):
                    guard let value = BigInt(digits) else { throw source.error(at: token.offset, "bad integer") }
                    operands.append((.expr(.number(Number(value))), token.offset))
                    expectOperand = false
                case .decimal(let value):
                    operands.append((.expr(.number(Number(value))), token.offset))
                    expectOperand = false
                case .string(let text):
                    operands.append((.text(text), token.offset))
                    expectOperand = false
                case .identifier(let name):
                    // Keyword argument `name=value` or point entry `name: value`.
                    if next == .op("="), atItemStart(), case .call(let f, let o, let args, nil)? = pending.last {
                        pending[pending.count - 1] = .call(name: f, offset: o, arguments: args, keyword: (name, token.offset))
                        index += 1
                        continue
                    }
                    if case .record(let o, let entries, nil)? = pending.last, atItemStart() {
                        guard next == .op(":") else {
                            throw source.error(at: token.offset, "expected ':' after '\(name)' (a point is written {x: 1, y: 2})")
                        }
                        pending[pending.count - 1] = .record(offset: o, entries: entries, key: (name, token.offset))
                        index += 1
                        continue
                    }
                    if next == .open("(") {
                        guard session.isFunction(name) else {
                            throw source.error(at: token.offset, session.unknownFunctionMessage(name))
                        }
                        pending.append(.call(name: name, offset: token.offset, arguments: [], keyword: nil))
                        index += 1
                        continue
                    }
                    operands.append((try session.reference(name, at: { source.error(at: token.offset, $0) }), token.offset))
                    expectOperand = false
                case .open("("):
                    pending.append(.group(offset: token.offset))
                case .open("["):
                    try checkNesting(token.offset)
                    pending.append(.list(offset: token.offset, items: []))
                case .open("{"):
                    try checkNesting(token.offset)
                    if case .record? = pending.last, atItemStart() {
                        throw source.error(at: token.offset, "a point's entries are written name: value")
                    }
                    pending.append(.record(offset: token.offset, entries: [], key: nil))
                    if next != .close("}") {
                        // The key comes next.
                        guard case .identifier = next else {
                            throw source.error(at: index < range.upperBound ? tokens[index].offset : endOffset,
                                               "expected a name (a point is written {x: 1, y: 2})")
                        }
                    }
                case .close(let c):
                    // Empty brackets: f(), [], {}.
                    switch (pending.last, c) {
                    case (.call(let name, let offset, let args, nil)?, ")") where args.isEmpty && tokens[index - 2].kind == .open("("):
                        pending.removeLast()
                        operands.append((try session.call(name, [], source: source, at: offset), offset))
                        expectOperand = false
                    case (.list(let offset, let items)?, "]") where items.isEmpty:
                        pending.removeLast()
                        operands.append((.list([]), offset))
                        expectOperand = false
                    case (.record(let offset, let entries, nil)?, "}") where entries.isEmpty:
                        pending.removeLast()
                        operands.append((.record([]), offset))
                        expectOperand = false
                    default:
                        throw source.error(at: token.offset, "expected a value before '\(c)'")
                    }
                case .op("-"), .op("+"):
                    pending.append(.unary(token.text, offset: token.offset))
                default:
                    throw source.error(at: token.offset, "expected a number, name or '(' but found \(describe(token, at: index - 1))")
                }
                continue
            }
            switch token.kind {
            case .op("."):
                guard case .identifier(let attribute) = next else {
                    throw source.error(at: token.offset, "expected an attribute name after '.'")
                }
                let target = operands.removeLast()
                let value = try session.attribute(target.value, attribute, at: { source.error(at: tokens[index].offset, $0) })
                operands.append((value, target.offset))
                index += 1
            case .op(let op) where ["+", "-", "*", "/", "**", "^", "=="].contains(op):
                let precedence = Pending.binary(op, offset: 0).precedence
                let rightAssociative = op == "**" || op == "^"
                while let top = pending.last, !top.isBracket,
                      top.precedence > precedence || (top.precedence == precedence && !rightAssociative) {
                    if op == "==", case .binary("==", _) = top {
                        throw source.error(at: token.offset, "comparisons do not chain: check one equation at a time")
                    }
                    try reduceOne()
                }
                pending.append(.binary(op, offset: token.offset))
                expectOperand = true
            case .op(","), .close:
                try reduceToBracket()
                guard let bracket = pending.popLast() else {
                    if token.kind == .op(",") {
                        throw source.error(at: token.offset, "',' outside a call, list or point (one statement per line)")
                    }
                    throw source.error(at: token.offset, "unmatched '\(token.text)'")
                }
                let item = operands.removeLast()
                let isComma = token.kind == .op(",")
                func expectClose(_ c: Character, _ opener: String, _ offset: Int) throws {
                    if case .close(let got) = token.kind, got != c {
                        throw source.error(at: token.offset, "expected '\(c)' to close the '\(opener)' at column \(source.error(at: offset, "").column), found '\(got)'")
                    }
                }
                switch bracket {
                case .group(let offset):
                    if isComma { throw source.error(at: token.offset, "',' inside parentheses: did you mean a list [a, b]?") }
                    try expectClose(")", "(", offset)
                    operands.append(item)
                case .call(let name, let offset, var arguments, let keyword):
                    try expectClose(")", "(", offset)
                    arguments.append(Argument(name: keyword?.0, value: item.value, offset: keyword?.1 ?? item.offset))
                    if isComma {
                        pending.append(.call(name: name, offset: offset, arguments: arguments, keyword: nil))
                        expectOperand = true
                        continue
                    }
                    operands.append((try session.call(name, arguments, source: source, at: offset), offset))
                case .list(let offset, var items):
                    try expectClose("]", "[", offset)
                    items.append(item.value)
                    if isComma {
                        pending.append(.list(offset: offset, items: items))
                        expectOperand = true
                        continue
                    }
                    operands.append((.list(items), offset))
                case .record(let offset, var entries, let key):
                    try expectClose("}", "{", offset)
                    guard let key else { throw source.error(at: item.offset, "expected name: value") }
                    if entries.contains(where: { $0.name == key.0 }) {
                        throw source.error(at: key.1, "\(key.0) is given twice")
                    }
                    entries.append((key.0, item.value))
                    if isComma {
                        pending.append(.record(offset: offset, entries: entries, key: nil))
                        expectOperand = true
                        continue
                    }
                    operands.append((.record(entries), offset))
                default:
                    preconditionFailure("operators were reduced")
                }
                expectOperand = false
            case .end:
                try reduceToBracket()
                if let open = pending.last {
                    switch open {
                    case .group(let offset), .call(_, let offset, _, _), .list(let offset, _), .record(let offset, _, _):
                        let opener = tokens.first { $0.offset == offset && $0.text.count == 1 && "([{".contains($0.text) }?.text ?? "("
                        throw source.error(at: offset, "this '\(opener)' is never closed")
                    default: break
                    }
                }
                return operands[0].value
            case .op("="):
                throw source.error(at: token.offset, "'=' defines a name at the start of a line (z = ...); to compare, write == or equal(a, b)")
            case .op(":"):
                throw source.error(at: token.offset, "':' belongs in a point such as {x: 1, y: 2}")
            default:
                throw source.error(at: token.offset, "expected an operator or the end of the line but found \(describe(token, at: index - 1))")
            }
        }
    }
}

/// One argument of a call: positional (`name == nil`) or keyword (`x=1`).
struct Argument {
    let name: String?
    let value: Value
    /// Where the argument starts, for errors about it.
    let offset: Int
}

extension Lexer.Vocabulary {
    /// The session's statements: SymPy expressions plus `=` (definitions and
    /// keyword arguments), `==`, `:` and `{}` (points), `[]` (lists), `.`
    /// (attributes such as `net.loss`), string literals and `#` comments.
    static let session = Lexer.Vocabulary(symbols: expression.symbols.union(["=", "==", ":", ".", "[", "]", "{", "}"]),
                                          strings: true, comments: true)
}
