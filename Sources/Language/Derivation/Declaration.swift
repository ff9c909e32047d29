import SymDiff

/// `NAME: ITEM, ITEM, ...`: what a name is. Items are a shape (`2x3`,
/// `n x m`, `3` for a column vector, `scalar`) and property words
/// (`positive`, `integer`, ...), in any order.
///
/// ```text
/// W1: 2x3               a 2×3 matrix
/// x: 3                  a column vector of length 3
/// W: n x m              symbolic sizes (spaces around x)
/// X, Y: B x d           several names at once
/// s: scalar
/// x: positive           a property: read and kept, not yet used by the checker
/// ```
///
/// The colon follows the last name directly (`W1: 2x3`, not `W1 : 2x3`).
/// `loss: L`, `rate: alpha` and `point NAME: ...` keep their meaning.
package struct Declaration {
    /// A property a declaration may state. Stored for the assumptions a later
    /// round adds; nothing acts on them yet, which can only leave a claim
    /// undecided, never make a wrong one hold.
    package enum Property: String, CaseIterable, Sendable {
        case positive, negative, nonnegative, nonpositive, nonzero, integer, real
    }

    package struct Name {
        package let name: String
        /// Scalar offset into the line.
        package let offset: Int
    }

    package let names: [Name]
    /// Nil when only properties are written.
    package let shape: Shape?
    package let properties: [Property]
    package let line: Int
    package let text: String

    /// The declaration written in `text` from offset `start`, nil when the
    /// text is no declaration (not `NAME:` or `NAME, NAME:` first, or a
    /// setting or a point).
    ///
    /// ```swift
    /// try Declaration.parse(line: 1, text: "W1: 2x3")?.shape    // 2x3
    /// try Declaration.parse(line: 1, text: "loss: L")           // nil: a setting
    /// ```
    ///
    /// - Throws: `SourceError` at an item that is neither a shape nor a property.
    package static func parse(line: Int, text: String, from start: Int = 0) throws -> Declaration? {
        let source = SourceText(text, line: line)
        let s = source.scalars
        var i = start
        func skipBlanks() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }
        func identifier() -> Name? {
            guard i < s.count, Lexer.isIdentifierStart(s[i]) else { return nil }
            let begin = i
            while i < s.count, Lexer.isIdentifierCharacter(s[i]) { i += 1 }
            return Name(name: String(String.UnicodeScalarView(s[begin..<i])), offset: begin)
        }
        skipBlanks()
        guard let first = identifier() else { return nil }
        var names = [first]
        // The colon stands right after the last name, as in `loss: L`: `a : b` is no declaration.
        var afterName = i
        skipBlanks()
        while i < s.count, s[i] == "," {
            i += 1
            skipBlanks()
            guard let next = identifier() else { return nil }
            names.append(next)
            afterName = i
            skipBlanks()
        }
        guard i == afterName, i < s.count, s[i] == ":" else { return nil }
        if names.count == 1, Setting.Key(rawValue: first.name) != nil { return nil }
        if first.name == "point" { return nil }
        let colon = i
        i += 1
        var end = i
        while end < s.count, s[end] != "#" { end += 1 }
        for name in names { try StatementParser.checkDefinable(name.name, at: name.offset, in: source) }

        var shape: Shape? = nil
        var properties: [Property] = []
        var itemStart = i
        let usage = "expected a shape (2x3, n x m, 3 for a vector, scalar) or a property (\(Property.allCases.map(\.rawValue).joined(separator: ", ")))"
        for k in i...end where k == end || s[k] == "," {
            let raw = String(String.UnicodeScalarView(s[itemStart..<k]))
            let item = raw.trimmingBlanks()
            let offset = itemStart + (raw.unicodeScalars.count - raw.drop { $0 == " " || $0 == "\t" }.unicodeScalars.count)
            defer { itemStart = k + 1 }
            if item.isEmpty {
                if k == end, shape == nil, properties.isEmpty {
                    throw source.error(at: colon, "'\(first.name):' needs a shape, such as '\(first.name): 2x3', '\(first.name): 3' or '\(first.name): n x m'")
                }
                throw source.error(at: offset, "empty entry in the declaration")
            }
            if let property = Property(rawValue: item) {
                if !properties.contains(property) { properties.append(property) }
            } else if let read = Shape(parsing: item) {
                if shape != nil { throw source.error(at: offset, "a declaration has one shape") }
                shape = read
            } else {
                throw source.error(at: offset, "\(usage), found '\(item.prefix(40))'")
            }
        }
        return Declaration(names: names, shape: shape, properties: properties, line: line,
                           text: String(String.UnicodeScalarView(s[start..<end])).trimmingBlanks())
    }
}
