import SymDiff

/// A problem with a call's arguments; `argument` is the index of the
/// argument to point at, or `nil` to point at the call.
struct CallError: Error {
    let message: String
    let argument: Int?
    init(_ message: String, argument: Int? = nil) {
        self.message = message
        self.argument = argument
    }
}

/// What a built-in function receives: the session and its arguments, with
/// helpers that check them and throw `CallError`s naming the argument.
struct CallContext {
    let session: Session
    let name: String
    let arguments: [Argument]

    /// Positional arguments with their indices into `arguments`.
    var positional: [(index: Int, value: Value)] {
        arguments.enumerated().filter { $0.element.name == nil }.map { ($0.offset, $0.element.value) }
    }
    /// Keyword arguments in order.
    var keywords: [(index: Int, name: String, value: Value)] {
        arguments.enumerated().compactMap { i, a in a.name.map { (i, $0, a.value) } }
    }

    /// Throws unless the positional count is in `range` and every keyword is in `allowed`.
    func expect(_ range: ClosedRange<Int>, keywords allowed: [String] = [], usage: String) throws {
        for k in keywords where !allowed.contains(k.name) {
            throw CallError("\(name) has no option '\(k.name)' (usage: \(usage))", argument: k.index)
        }
        let count = positional.count
        if !range.contains(count) {
            throw CallError("\(name) takes \(range.count == 1 ? "\(range.lowerBound)" : range.upperBound == Int.max ? "at least \(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") argument\(range.upperBound == 1 ? "" : "s"), got \(count) (usage: \(usage))")
        }
    }

    /// The positional argument `i` as an expression.
    func expr(_ i: Int, _ what: String = "an expression") throws -> Expr {
        let (index, value) = positional[i]
        guard let e = value.expr else { throw CallError("\(name) needs \(what) here, got \(value.kindName)", argument: index) }
        return e
    }

    func keyword(_ name: String) -> Value? { keywords.first { $0.name == name }?.value }
    func keywordIndex(_ name: String) -> Int? { keywords.first { $0.name == name }?.index }

    /// A keyword's string value (`loss="bce"`), or `defaultValue`.
    func string(_ keyword: String, default defaultValue: String? = nil) throws -> String? {
        guard let value = self.keyword(keyword) else { return defaultValue }
        guard case .text(let s) = value else {
            throw CallError("\(keyword)= expects a string such as \"sigmoid\"", argument: keywordIndex(keyword))
        }
        return s
    }

    /// A keyword's numeric value, checked to be a whole number in `range`.
    func integer(_ keyword: String, default defaultValue: Int, range: ClosedRange<Int>) throws -> Int {
        guard let value = self.keyword(keyword) else { return defaultValue }
        guard let n = value.expr?.numberValue?.asInt, range.contains(n) else {
            throw CallError("\(keyword)= expects a whole number from \(range.lowerBound) to \(range.upperBound)", argument: keywordIndex(keyword))
        }
        return n
    }

    /// A keyword's numeric value.
    func number(_ keyword: String, default defaultValue: Double) throws -> Double {
        guard let value = self.keyword(keyword) else { return defaultValue }
        guard let e = value.expr, let x = try? session.environment.inline(e).evaluate(at: [String: Double]()) else {
            throw CallError("\(keyword)= expects a number", argument: keywordIndex(keyword))
        }
        return x
    }
}
