import SymDiff

/// Parses a session value expression from the shared lexer's tokens into a
/// `ValueSyntax`, with two explicit stacks (pending operators and open
/// brackets), so nesting depth is limited by memory and never by the call
/// stack.
///
/// Precedence, loosest first: `==`; `+ -`; `* /`; unary `- +`; `** ^`
/// (right-associative, so `-x**2` is `-(x**2)` and `2**-1` works); then
/// calls `f(...)`, lists `[...]`, points `{x: 1}` and attributes `net.loss`.
///
/// ```swift
/// let source = SourceText("eval(f, x=1)")
/// let tokens = try Lexer(source).tokens(.session)
/// let syntax = try ValueParser(source: source, tokens: tokens).parse(0..<(tokens.count - 1))
/// ```
package struct ValueParser {
    package let source: SourceText
    package let tokens: [Lexer.Token]

    package init(source: SourceText, tokens: [Lexer.Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// How deep lists and points may nest inside each other: they are values
    /// that are shown and copied recursively; parentheses and calls may nest
    /// without limit.
    package static let maximumValueNesting = 64

    /// A pending operator or an open bracket waiting for its items.
    private enum Pending {
        case binary(String, offset: Int)
        case unary(String, offset: Int)
        case group(offset: Int)
        case call(name: String, offset: Int, keywords: [ValueSyntax.Keyword?], keyword: ValueSyntax.Keyword?)
        case list(offset: Int, count: Int)
        case record(offset: Int, keys: [(name: String, offset: Int)], key: (name: String, offset: Int)?)

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
        var isValueBracket: Bool {
            switch self {
            case .list, .record: return true
            default: return false
            }
        }
    }

    /// Parses `tokens[range]` (which must not include the end token).
    package func parse(_ range: Range<Int>) throws -> ValueSyntax {
        var syntax = ValueSyntax()
        // Where each operand on the evaluator's stack will start, for errors about it.
        var operands: [Int] = []
        var pending: [Pending] = []
        var expectOperand = true
        var index = range.lowerBound
        let endOffset = range.upperBound < tokens.count ? tokens[range.upperBound].offset : source.scalars.count

        func emit(_ node: ValueSyntax.Node, at offset: Int) { syntax.nodes.append((node, offset)) }
        func reduceOne() {
            switch pending.removeLast() {
            case .binary(let op, let offset):
                operands.removeLast()
                emit(.binary(op), at: offset)
            case .unary(let op, let offset):
                operands[operands.count - 1] = offset
                emit(.unary(op), at: offset)
            default:
                preconditionFailure("brackets are closed explicitly")
            }
        }
        func reduceToBracket() {
            while let top = pending.last, !top.isBracket { reduceOne() }
        }
        func describe(_ token: Lexer.Token, at i: Int) -> String {
            i >= range.upperBound || token.kind == .end ? "the end of the line" : "'\(token.text.prefix(40))'"
        }
        /// Whether the token just read starts an argument or entry (right after `(`, `{` or `,`).
        func atItemStart() -> Bool {
            // `index` is already past the current token.
            guard index - 2 >= range.lowerBound else { return false }
            switch tokens[index - 2].kind {
            case .open("("), .open("{"), .op(","): return true
            default: return false
            }
        }
        func checkNesting(_ offset: Int) throws {
            if pending.filter(\.isValueBracket).count >= ValueParser.maximumValueNesting {
                throw source.error(at: offset, "lists and points nest at most \(ValueParser.maximumValueNesting) deep")
            }
        }

        while true {
            let token = index < range.upperBound ? tokens[index] : Lexer.Token(kind: .end, offset: endOffset, text: "")
            let next: Lexer.Kind = index + 1 < range.upperBound ? tokens[index + 1].kind : .end
            index += 1
            if expectOperand {
                switch token.kind {
                case .integer(let digits):
                    emit(.integer(digits), at: token.offset)
                    operands.append(token.offset)
                    expectOperand = false
                case .decimal(let value):
                    emit(.decimal(value), at: token.offset)
                    operands.append(token.offset)
                    expectOperand = false
                case .string(let text):
                    emit(.string(text), at: token.offset)
                    operands.append(token.offset)
                    expectOperand = false
                case .identifier(let name):
                    // Keyword argument `name=value` or point entry `name: value`.
                    if next == .op("="), atItemStart(), case .call(let f, let o, let keywords, nil)? = pending.last {
                        pending[pending.count - 1] = .call(name: f, offset: o, keywords: keywords,
                                                           keyword: ValueSyntax.Keyword(name: name, offset: token.offset))
                        index += 1
                        continue
                    }
                    if case .record(let o, let keys, nil)? = pending.last, atItemStart() {
                        guard next == .op(":") else {
                            throw source.error(at: token.offset, "expected ':' after '\(name)' (a point is written {x: 1, y: 2})")
                        }
                        pending[pending.count - 1] = .record(offset: o, keys: keys, key: (name, token.offset))
                        index += 1
                        continue
                    }
                    if next == .open("(") {
                        emit(.checkFunction(name), at: token.offset)
                        pending.append(.call(name: name, offset: token.offset, keywords: [], keyword: nil))
                        index += 1
                        continue
                    }
                    emit(.name(name), at: token.offset)
                    operands.append(token.offset)
                    expectOperand = false
                case .open("("):
                    pending.append(.group(offset: token.offset))
                case .open("["):
                    try checkNesting(token.offset)
                    pending.append(.list(offset: token.offset, count: 0))
                case .open("{"):
                    try checkNesting(token.offset)
                    if case .record? = pending.last, atItemStart() {
                        throw source.error(at: token.offset, "a point's entries are written name: value")
                    }
                    pending.append(.record(offset: token.offset, keys: [], key: nil))
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
                    case (.call(let name, let offset, let keywords, nil)?, ")") where keywords.isEmpty && tokens[index - 2].kind == .open("("):
                        pending.removeLast()
                        emit(.call(name, keywords: []), at: offset)
                        operands.append(offset)
                        expectOperand = false
                    case (.list(let offset, let count)?, "]") where count == 0:
                        pending.removeLast()
                        emit(.list(count: 0), at: offset)
                        operands.append(offset)
                        expectOperand = false
                    case (.record(let offset, let keys, nil)?, "}") where keys.isEmpty:
                        pending.removeLast()
                        emit(.record(keys: []), at: offset)
                        operands.append(offset)
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
                emit(.attribute(attribute, nameOffset: tokens[index].offset), at: token.offset)
                index += 1
            case .op(let op) where ["+", "-", "*", "/", "**", "^", "=="].contains(op):
                let precedence = Pending.binary(op, offset: 0).precedence
                let rightAssociative = op == "**" || op == "^"
                while let top = pending.last, !top.isBracket,
                      top.precedence > precedence || (top.precedence == precedence && !rightAssociative) {
                    if op == "==", case .binary("==", _) = top {
                        throw source.error(at: token.offset, "comparisons do not chain: check one equation at a time")
                    }
                    reduceOne()
                }
                pending.append(.binary(op, offset: token.offset))
                expectOperand = true
            case .op(","), .close:
                reduceToBracket()
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
                case .call(let name, let offset, var keywords, let keyword):
                    try expectClose(")", "(", offset)
                    keywords.append(keyword)
                    if isComma {
                        pending.append(.call(name: name, offset: offset, keywords: keywords, keyword: nil))
                        expectOperand = true
                        continue
                    }
                    emit(.call(name, keywords: keywords), at: offset)
                    operands.append(offset)
                case .list(let offset, let count):
                    try expectClose("]", "[", offset)
                    if isComma {
                        pending.append(.list(offset: offset, count: count + 1))
                        expectOperand = true
                        continue
                    }
                    emit(.list(count: count + 1), at: offset)
                    operands.append(offset)
                case .record(let offset, var keys, let key):
                    try expectClose("}", "{", offset)
                    guard let key else { throw source.error(at: item, "expected name: value") }
                    if keys.contains(where: { $0.name == key.name }) {
                        throw source.error(at: key.offset, "\(key.name) is given twice")
                    }
                    keys.append(key)
                    if isComma {
                        pending.append(.record(offset: offset, keys: keys, key: nil))
                        expectOperand = true
                        continue
                    }
                    emit(.record(keys: keys.map(\.name)), at: offset)
                    operands.append(offset)
                default:
                    preconditionFailure("operators were reduced")
                }
                expectOperand = false
            case .end:
                reduceToBracket()
                if let open = pending.last {
                    switch open {
                    case .group(let offset), .call(_, let offset, _, _), .list(let offset, _), .record(let offset, _, _):
                        let opener = tokens.first { $0.offset == offset && $0.text.count == 1 && "([{".contains($0.text) }?.text ?? "("
                        throw source.error(at: offset, "this '\(opener)' is never closed")
                    default: break
                    }
                }
                return syntax
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
