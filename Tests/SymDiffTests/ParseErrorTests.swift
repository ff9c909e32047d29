import Testing
import SymDiff

/// Syntax errors carry the line, the column (both from 1) and the source line
/// with a caret under the offending character.
@Suite("Parse errors")
struct ParseErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String, line: Int, column: Int, mentions: String
        var testDescription: String { text.isEmpty ? "empty input" : text }
    }

    @Test("errors point at the offending character", arguments: [
        Case(text: "x + * y", line: 1, column: 5, mentions: "'*'"),
        Case(text: "x +\n  * y", line: 2, column: 3, mentions: "'*'"),
        Case(text: "x + 1)", line: 1, column: 6, mentions: "unmatched ')'"),
        Case(text: "(x + 1", line: 1, column: 1, mentions: "never closed"),
        Case(text: "exp(x", line: 1, column: 1, mentions: "the '(' of exp(...) is never closed"),
        Case(text: "sigmod(x)", line: 1, column: 1, mentions: "did you mean 'sigmoid'?"),
        Case(text: "x + $y", line: 1, column: 5, mentions: "'$'"),
        Case(text: "2x", line: 1, column: 2, mentions: "2*x"),
        Case(text: "", line: 1, column: 1, mentions: "end of the input"),
        Case(text: "log(x, y)", line: 1, column: 1, mentions: "log takes 1 argument, got 2"),
        Case(text: "x y", line: 1, column: 3, mentions: "'y'"),
        Case(text: "sigmoid + 1", line: 1, column: 1, mentions: "is a function"),
        Case(text: "x, y", line: 1, column: 2, mentions: "','"),
        Case(text: "1e999 * x", line: 1, column: 1, mentions: "too large"),
    ])
    func position(_ c: Case) {
        #expect {
            try Expr.parse(c.text)
        } throws: { error in
            guard let e = error as? SourceError else { return false }
            return e.line == c.line && e.column == c.column && e.message.contains(c.mentions)
        }
    }

    @Test("the description shows the line with a caret under the column")
    func caret() throws {
        let error = try #require(throws: SourceError.self) { try Expr.parse("x + * y") }
        #expect(error.description == """
            error at line 1, column 5: expected a number, name or '(' but found '*'
              x + * y
                  ^
            """)
    }

    @Test("the caret is on the error's own line of a multi-line text")
    func multiLineCaret() throws {
        let error = try #require(throws: SourceError.self) { try Expr.parse("x +\n  * y") }
        #expect(error.sourceLine == "  * y")
        #expect(error.description.hasSuffix("\n    * y\n    ^"))
    }

    @Test("positions are offset when the text starts inside a larger file")
    func offsets() throws {
        let error = try #require(throws: SourceError.self) { try Expr.parse("x + * y", line: 10, column: 5) }
        #expect(error.line == 10)
        #expect(error.column == 9)
    }
}
