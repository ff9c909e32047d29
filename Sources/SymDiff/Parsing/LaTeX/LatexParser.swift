/// What a LaTeX reader knows beyond the formula: the names the document
/// uses (to split letter runs such as `wx`) and what a derivative means.
///
/// ```swift
/// var context = LatexContext()
/// context.knownNames = ["w", "x"]
/// try Expr.parseLatex("wx + b", context: context)   // b + w*x
/// ```
public struct LatexContext: Sendable {
    /// Names a run of letters may split into. `nil`: every single letter is
    /// a name, as LaTeX sets them (`xy` is `x·y`).
    public var knownNames: Set<String>?
    /// Turns `\frac{\partial F}{\partial v}` (F, then the variables in the
    /// order they are applied) into an expression. The default differentiates.
    public var derivative: @Sendable (_ function: Expr, _ variables: [String]) throws -> Expr
    /// Functions the document defines, by the name written before `(`
    /// (`activation` for `\text{activation}(z)`).
    public var macros: [String: LatexMacro] = [:]

    public init(knownNames: Set<String>? = nil) {
        self.knownNames = knownNames
        derivative = { function, variables in
            var result = function
            for v in variables { result = try result.diff(.symbol(v)) }
            return result
        }
    }
}

/// A function a document or the command line defines, such as
/// `activation(z) = sigmoid(z)`: applying it substitutes the arguments.
///
/// ```swift
/// var context = LatexContext()
/// context.macros["activation"] = LatexMacro(parameters: ["z"], body: .apply(.sigmoid, [.symbol("z")]))
/// try Expr.parseLatex("\\text{activation}(2x)", context: context)   // sigmoid(2*x)
/// ```
public struct LatexMacro: Sendable {
    public let parameters: [String]
    public let body: Expr

    public init(parameters: [String], body: Expr) {
        self.parameters = parameters
        self.body = body
    }

    /// The body with each parameter replaced by its argument.
    public func applied(to arguments: [Expr]) -> Expr {
        var map: [Expr: Expr] = [:]
        for (p, a) in zip(parameters, arguments) { map[.symbol(p)] = a }
        return body.substituting(map)
    }
}

/// A formula side read from LaTeX, and what the reader decided on the way.
public struct LatexExpression: Sendable {
    public let expr: Expr
    /// Each symbol's LaTeX as first written (`y_hat` → `\hat{y}`).
    public let notation: [String: String]
    /// How ambiguous spellings were read (`read 'wx' as w·x`).
    public let readings: [String]
    /// The decimals as written (`0.450`), in order: their digits say how precise they are.
    public let decimals: [String]
}

extension Expr {
    /// Parses a LaTeX formula such as `\frac{1}{1+e^{-z}}`, throwing a
    /// `SourceError` with line, column and caret.
    ///
    /// ```swift
    /// let s = try Expr.parseLatex("\\frac{1}{1 + e^{-z}}")   // (exp(-z) + 1)**(-1)
    /// ```
    public static func parseLatex(_ text: String, context: LatexContext = LatexContext(),
                                  line: Int = 1, column: Int = 1) throws -> Expr {
        do {
            var parser = LatexParser(tokens: try LatexLexer(text).tokens(), context: context)
            return try parser.parse().expr
        } catch {
            throw error.located(in: text, line: line, column: column)
        }
    }
}

extension LatexExpression {
    /// Reads a LaTeX formula side with what the reader decided on the way
    /// (the notation of each symbol, how letter runs were read, the decimals
    /// as written); errors carry the scalar offset into `text`.
    ///
    /// ```swift
    /// let read = try LatexExpression.read("\\hat{y}(1 - \\hat{y})")
    /// read.notation["y_hat"]   // "\\hat{y}"
    /// ```
    public static func read(_ text: String, context: LatexContext = LatexContext()) throws(LatexError) -> LatexExpression {
        var parser = LatexParser(tokens: try LatexLexer(text).tokens(), context: context)
        return try parser.parse()
    }
}

extension LatexError {
    /// The error as a positioned `SourceError` in a text that starts at `line`, `column`.
    public func located(in text: String, line firstLine: Int = 1, column firstColumn: Int = 1) -> SourceError {
        SourceText(text, line: firstLine, column: firstColumn).error(at: offset, message)
    }
}

/// An operator-precedence parser over LaTeX tokens with an explicit stack of
/// frames (one per group, bracket pair, fraction part or function call), so
/// nesting depth is limited only by memory.
///
/// Reading rules: `^` and `_` take one group or one token; a superscript in
/// parentheses or brackets (`w^{(1)}`, `a^{[l]}`) and every subscript are
/// part of a name; juxtaposition is a product; `f(…)` is an application only
/// for known functions; `\frac{d}{dz}`, `\partial_w` and `\log x` apply to
/// the next factor.
struct LatexParser {
    typealias Token = LatexLexer.Token
    let tokens: [Token]
    let context: LatexContext
    var index = 0
    var frames: [Frame] = []
    var notation: [String: String] = [:]
    var readings: [String] = []
    var decimals: [String] = []
    /// For each `{`, the index of its `}` (or nil when it is never closed):
    /// found once, so a group 100,000 levels deep is not rescanned at each level.
    let closingBrace: [Int: Int]
    /// How many `cases` environments enclose this reader.
    var casesDepth = 0

    init(tokens: [Token], context: LatexContext) {
        self.tokens = tokens
        self.context = context
        var open: [Int] = []
        var closing: [Int: Int] = [:]
        for (j, token) in tokens.enumerated() {
            switch token.kind {
            case .open: open.append(j)
            case .close: if let o = open.popLast() { closing[o] = j }
            default: break
            }
        }
        closingBrace = closing
    }

    enum Closer: Equatable {
        case end, brace, abs, single
        /// `)`, `]` or `\}`.
        case bracket(String)
    }

    enum Purpose {
        case top, group, absolute
        case call(Function, power: Int, prime: Int, arguments: [Expr], offset: Int)
        case minimum(arguments: [Expr], offset: Int)
        case macro(LatexMacro, name: String, arguments: [Expr], offset: Int)
        case fracNumerator(offset: Int)
        case fracDenominator(Expr)
        case sqrtIndex
        case sqrtBody(index: Expr?)
        case power
        case exponential
        /// The F of `\frac{\partial F}{\partial v}`; reading resumes after the denominator.
        case derivative(variables: [String], resume: Int)
    }

    enum Prefix {
        case function(Function, power: Int, prime: Int, offset: Int)
        case derivative([String])
    }

    enum Operator {
        case binary(Character, offset: Int)
        case negate, plus
        case prefix(Prefix)

        var precedence: Int {
            switch self {
            case .binary(let op, _): return op == "+" || op == "-" ? 1 : 2
            case .negate, .plus: return 3
            case .prefix: return 4
            }
        }
    }

    struct Frame {
        let purpose: Purpose
        let closer: Closer
        let start: Int
        var operands: [Operand] = []
        var operators: [Operator] = []
        var expectOperand = true
    }

    var top: Frame {
        get { frames[frames.count - 1] }
        _modify { yield &frames[frames.count - 1] }
    }

    func error(_ message: String, at token: Int? = nil) -> LatexError {
        LatexError(offset: tokens[min(token ?? index, tokens.count - 1)].offset, message)
    }

    static func describe(_ token: Token) -> String {
        token.kind == .end ? "the end of the formula" : "'\(token.text.prefix(40))'"
    }

    // MARK: Main loop

    mutating func parse() throws(LatexError) -> LatexExpression {
        frames = [Frame(purpose: .top, closer: .end, start: 0)]
        while true {
            try skipIgnorable()
            let token = tokens[index]
            if top.expectOperand {
                try readOperand(token)
                continue
            }
            if let result = try readOperator(token) {
                return LatexExpression(expr: result, notation: notation, readings: readings, decimals: decimals)
            }
        }
    }

    /// Reads what can start an operand at `index`.
    mutating func readOperand(_ token: Token) throws(LatexError) {
        switch token.kind {
        case .number(let digits):
            index += 1
            if top.closer == .single, digits.count > 1, !digits.contains(".") {
                throw error("write a number of several digits in braces here: {\(digits)}", at: index - 1)
            }
            if digits.contains(".") {
                decimals.append(digits)
                try deliver(.number(Number(Double(digits) ?? 0)))
            } else {
                guard let value = BigInt(digits) else { throw error("bad integer", at: index - 1) }
                try deliver(.number(Number(value)))
            }
        case .letter, .command:
            try readWord(token)
        case .open:
            index += 1
            frames.append(Frame(purpose: .group, closer: .brace, start: index - 1))
        case .symbol(let c):
            index += 1
            switch c {
            case "(": frames.append(Frame(purpose: .group, closer: .bracket(")"), start: index - 1))
            case "[": frames.append(Frame(purpose: .group, closer: .bracket("]"), start: index - 1))
            case "|": frames.append(Frame(purpose: .absolute, closer: .abs, start: index - 1))
            case "-": top.operators.append(.negate)
            case "+": top.operators.append(.plus)
            default:
                throw error("expected a number, name or '(' but found \(LatexParser.describe(token))", at: index - 1)
            }
        case .close, .end:
            if case .end = token.kind, frames.count == 1, top.operands.isEmpty, top.operators.isEmpty {
                throw error("the formula is empty")
            }
            throw error("expected a number, name or '(' but found \(LatexParser.describe(token))")
        }
    }

    /// Reads after an operand: an operator, a script, a closer, or the start
    /// of the next factor of a product. Returns the result at the end.
    mutating func readOperator(_ token: Token) throws(LatexError) -> Expr? {
        switch token.kind {
        case .symbol(let c):
            switch c {
            case "+", "-", "*", "/":
                index += 1
                pushBinary(c == "*" ? "*" : c, offset: token.offset)
                return nil
            case "^":
                index += 1
                try readScript(purpose: .power)
                return nil
            case "_":
                throw error("a subscript belongs to a name; here it follows \(LatexParser.describe(tokens[index - 1]))")
            case "'":
                throw error("a prime (') marks the derivative of a known function such as \\sigma'(z)")
            case ")", "]":
                index += 1
                guard top.closer == .bracket(String(c)) else { throw unmatched(token) }
                return try finish()
            case "|":
                if top.closer == .abs {
                    index += 1
                    return try finish()
                }
                pushImplicitProduct()
                return nil
            case ",":
                index += 1
                switch top.purpose {
                case .call, .minimum, .macro:
                    try nextArgument()
                    return nil
                default:
                    throw error("',' outside a function call", at: index - 1)
                }
            case "(", "[":
                pushImplicitProduct()
                return nil
            case "!":
                throw error("factorials are not supported")
            default:
                throw error("expected an operator or the end but found \(LatexParser.describe(token))")
            }
        case .close:
            index += 1
            guard top.closer == .brace else { throw unmatched(token) }
            return try finish()
        case .end:
            guard top.closer == .end else { throw unclosed() }
            return try finish()
        case .command(let name):
            if LatexNames.products.contains(name) {
                index += 1
                pushBinary("*", offset: token.offset)
                return nil
            }
            if name == "div" {
                index += 1
                pushBinary("/", offset: token.offset)
                return nil
            }
            if name == "}" {
                index += 1
                guard top.closer == .bracket("\\}") else { throw unmatched(token) }
                return try finish()
            }
            if name == "rvert" || name == "vert" {
                index += 1
                guard top.closer == .abs else { throw unmatched(token) }
                return try finish()
            }
            if LatexNames.relations[name] != nil {
                throw error("a relation (\(token.text)) inside an expression")
            }
            pushImplicitProduct()
            return nil
        case .number, .letter, .open:
            pushImplicitProduct()
            return nil
        }
    }

    func unmatched(_ token: Token) -> LatexError {
        error("\(LatexParser.describe(token)) closes nothing here" + (top.closer == .end ? "" : " (expected \(closerText(top.closer)))"))
    }

    func closerText(_ closer: Closer) -> String {
        switch closer {
        case .end: return "the end"
        case .brace: return "'}'"
        case .abs: return "'|'"
        case .single: return "an argument"
        case .bracket(let c): return "'\(c)'"
        }
    }

    func unclosed() -> LatexError {
        let opener = tokens[top.start]
        switch top.purpose {
        case .call(let f, _, _, _, let offset):
            return LatexError(offset: offset, "the '(' of \(f.name)(...) is never closed")
        default:
            return LatexError(offset: opener.offset, "this \(LatexParser.describe(opener)) is never closed")
        }
    }

    // MARK: Operators

    mutating func pushBinary(_ op: Character, offset: Int) {
        let precedence = Operator.binary(op, offset: offset).precedence
        while let last = top.operators.last, last.precedence >= precedence { reduce() }
        top.operators.append(.binary(op, offset: offset))
        top.expectOperand = true
    }

    mutating func pushImplicitProduct() {
        pushBinary("*", offset: tokens[index].offset)
    }

    mutating func reduce() {
        switch top.operators.removeLast() {
        case .binary(let op, _):
            let b = top.operands.removeLast().value
            var a = top.operands.removeLast()
            switch op {
            case "+": a.add(b)
            case "-": a.add(-b)
            case "*": a.multiply(b)
            default: a.multiply(.pow(b, .minusOne))
            }
            top.operands.append(a)
        case .negate: top.operands.append(.done(-top.operands.removeLast().value))
        case .plus: break
        case .prefix(let prefix):
            let operand = top.operands.removeLast().value
            top.operands.append(.done(prefixResult(prefix, operand)))
        }
    }

    /// A failed derivative cannot surface from `reduce`; it is kept as the
    /// first error and thrown when the frame finishes.
    var pendingError: LatexError?

    mutating func prefixResult(_ prefix: Prefix, _ operand: Expr) -> Expr {
        switch prefix {
        case .function(let f, let power, let prime, let offset):
            do {
                return try LatexParser.apply(f, [operand], power: power, prime: prime)
            } catch {
                pendingError = pendingError ?? LatexError(offset: offset, "\(error)")
                return operand
            }
        case .derivative(let variables):
            do {
                return try context.derivative(operand, variables)
            } catch {
                pendingError = pendingError ?? LatexError(offset: tokens[index - 1].offset, "\(error)")
                return operand
            }
        }
    }

    /// `f(arguments)`, to the power `power`, or its `prime`-th derivative.
    static func apply(_ f: Function, _ arguments: [Expr], power: Int, prime: Int) throws -> Expr {
        var value: Expr
        if prime > 0 {
            // f'(u) is the derivative of f at u, not d/du of f(u) in a document's variables.
            let t = Expr.symbol("__latex_t")
            var derivative = Expr.apply(f, [t])
            for _ in 0..<prime { derivative = try derivative.diff(t) }
            value = derivative.substituting([t: arguments[0]])
        } else {
            value = .apply(f, arguments)
        }
        return power == 1 ? value : .pow(value, .number(power))
    }

    // MARK: Frames

    /// Puts a finished operand into the innermost frame, finishing frames
    /// that wait for one token.
    mutating func deliver(_ value: Expr) throws(LatexError) {
        top.operands.append(.done(value))
        top.expectOperand = false
        if top.closer == .single, let result = try finish() {
            preconditionFailure("a one-token argument is never the whole formula: \(result)")
        }
    }

    /// Reduces the innermost frame and hands its value to what opened it.
    /// Returns the formula's value when the outermost frame finishes.
    mutating func finish() throws(LatexError) -> Expr? {
        if top.expectOperand {
            let token = tokens[max(0, index - 1)]
            if top.operands.isEmpty && top.operators.isEmpty {
                throw error(top.closer == .end ? "the formula is empty" : "empty group before \(LatexParser.describe(token))", at: max(0, index - 1))
            }
            throw error("expected a number, name or '(' but found \(LatexParser.describe(token))", at: max(0, index - 1))
        }
        while !top.operators.isEmpty { reduce() }
        if let pending = pendingError { throw pending }
        let value = top.operands.removeLast().value
        let frame = frames.removeLast()
        switch frame.purpose {
        case .top:
            return value
        case .group:
            try deliver(value)
        case .absolute:
            try deliver(.apply(.abs, [value]))
        case .call(let f, let power, let prime, var arguments, let offset):
            arguments.append(value)
            guard arguments.count == f.arity else {
                throw LatexError(offset: offset, "\(f.name) takes \(f.arity) argument\(f.arity == 1 ? "" : "s"), got \(arguments.count)")
            }
            if prime > 0, f.arity != 1 {
                throw LatexError(offset: offset, "a prime (') needs a function of one argument, not \(f.name)")
            }
            do {
                try deliver(try LatexParser.apply(f, arguments, power: power, prime: prime))
            } catch let error as LatexError {
                throw error
            } catch {
                throw LatexError(offset: offset, "\(error)")
            }
        case .minimum(var arguments, let offset):
            arguments.append(value)
            guard arguments.count == 2 else { throw LatexError(offset: offset, "\\min takes 2 arguments, got \(arguments.count)") }
            // min(a, b) = -max(-a, -b): the engine knows Max only.
            try deliver(-Expr.apply(.max, [-arguments[0], -arguments[1]]))
        case .macro(let macro, let name, var arguments, let offset):
            arguments.append(value)
            guard arguments.count == macro.parameters.count else {
                throw LatexError(offset: offset, "\(name) takes \(macro.parameters.count) argument\(macro.parameters.count == 1 ? "" : "s"), got \(arguments.count)")
            }
            try deliver(macro.applied(to: arguments))
        case .fracNumerator:
            try openArgument(purpose: .fracDenominator(value))
        case .fracDenominator(let numerator):
            try deliver(numerator * .pow(value, .minusOne))
        case .sqrtIndex:
            try openArgument(purpose: .sqrtBody(index: value))
        case .sqrtBody(let n):
            try deliver(.pow(value, n.map { .pow($0, .minusOne) } ?? .rational(1, 2)))
        case .power:
            let base = top.operands.removeLast().value
            top.operands.append(.done(.pow(base, value)))
        case .exponential:
            try deliver(.apply(.exp, [value]))
        case .derivative(let variables, let resume):
            index = resume
            do {
                try deliver(try context.derivative(value, variables))
            } catch let error as LatexError {
                throw error
            } catch {
                throw LatexError(offset: tokens[frame.start].offset, "\(error)")
            }
        }
        return nil
    }

    /// After a ',' in a call: the argument so far is done, the next begins.
    mutating func nextArgument() throws(LatexError) {
        if top.expectOperand { throw error("expected an argument before ','", at: index - 1) }
        while !top.operators.isEmpty { reduce() }
        let value = top.operands.removeLast().value
        let frame = frames.removeLast()
        let purpose: Purpose
        switch frame.purpose {
        case .call(let f, let power, let prime, let arguments, let offset):
            purpose = .call(f, power: power, prime: prime, arguments: arguments + [value], offset: offset)
        case .minimum(let arguments, let offset):
            purpose = .minimum(arguments: arguments + [value], offset: offset)
        case .macro(let macro, let name, let arguments, let offset):
            purpose = .macro(macro, name: name, arguments: arguments + [value], offset: offset)
        default:
            preconditionFailure("only calls take ','")
        }
        frames.append(Frame(purpose: purpose, closer: frame.closer, start: frame.start))
    }

    /// Opens a frame for one argument: a `{…}` group or a single token.
    mutating func openArgument(purpose: Purpose) throws(LatexError) {
        skipSpacing()
        switch tokens[index].kind {
        case .open:
            index += 1
            frames.append(Frame(purpose: purpose, closer: .brace, start: index - 1))
        case .end, .close:
            throw error("expected an argument ({...} or one token) but found \(LatexParser.describe(tokens[index]))")
        default:
            frames.append(Frame(purpose: purpose, closer: .single, start: index))
        }
    }

    /// `^` after an operand: a power (index superscripts were taken by the name).
    mutating func readScript(purpose: Purpose) throws(LatexError) {
        skipSpacing()
        if let name = LatexParser.transposeMark(tokens, index) {
            throw error("a transpose (^\(name)) needs matrices, which are not supported yet")
        }
        try openArgument(purpose: purpose)
    }

    mutating func skipSpacing() {
        while case .command(let name) = tokens[index].kind, LatexNames.spacing.contains(name) { index += 1 }
    }

    static func transposeMark(_ tokens: [Token], _ i: Int) -> String? {
        switch tokens[i].kind {
        case .letter("T"): return "T"
        case .command("top"), .command("intercal"): return tokens[i].text
        case .open:
            if case .letter("T") = tokens[i + 1].kind, tokens[i + 2].kind == .close { return "{T}" }
            if case .command("top") = tokens[i + 1].kind, tokens[i + 2].kind == .close { return "{\\top}" }
            return nil
        default: return nil
        }
    }
}

