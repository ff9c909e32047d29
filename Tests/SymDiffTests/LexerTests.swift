import Testing
import SymDiff

/// The one lexer: every front end's tokens, numbers lexed once, and the
/// expression vocabulary refusing what only statements take.
@Suite("Lexer")
struct LexerTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let text: String
        let tokens: [Lexer.Kind]
        var testDescription: String { text.debugDescription }
    }

    // Expected tokens written by hand from the text.
    static let statementRows: [Row] = [
        Row(text: "z1 = W1*x + b1", tokens: [.identifier("z1"), .op("="), .identifier("W1"), .op("*"), .identifier("x"),
                                             .op("+"), .identifier("b1"), .end]),
        Row(text: "a == b", tokens: [.identifier("a"), .op("=="), .identifier("b"), .end]),
        Row(text: "x**2^3", tokens: [.identifier("x"), .op("**"), .integer("2"), .op("^"), .integer("3"), .end]),
        Row(text: "L at p ≈ 0.5 ± 1%", tokens: [.identifier("L"), .identifier("at"), .identifier("p"), .op("≈"),
                                                .decimal(0.5), .op("±"), .integer("1"), .op("%"), .end]),
        Row(text: "L ~= .5 +- 0.1", tokens: [.identifier("L"), .op("~="), .decimal(0.5), .op("+"), .op("-"), .decimal(0.1), .end]),
        Row(text: "W <- W - 1", tokens: [.identifier("W"), .op("<-"), .identifier("W"), .op("-"), .integer("1"), .end]),
        Row(text: "W ← W", tokens: [.identifier("W"), .op("←"), .identifier("W"), .end]),
        Row(text: "≈ −0.2", tokens: [.op("≈"), .op("−"), .decimal(0.2), .end]),
        Row(text: "point p: x=5", tokens: [.identifier("point"), .identifier("p"), .op(":"), .identifier("x"), .op("="),
                                          .integer("5"), .end]),
        Row(text: "net.loss", tokens: [.identifier("net"), .op("."), .identifier("loss"), .end]),
        Row(text: "2.x", tokens: [.integer("2"), .op("."), .identifier("x"), .end]),
        Row(text: "2.5 .5 5. 1e3 1E-2", tokens: [.decimal(2.5), .decimal(0.5), .decimal(5), .decimal(1000), .decimal(0.01), .end]),
        Row(text: "[a, {x: 1}]", tokens: [.open("["), .identifier("a"), .op(","), .open("{"), .identifier("x"), .op(":"),
                                          .integer("1"), .close("}"), .close("]"), .end]),
        Row(text: "f(\"a#b\", 'c') # note", tokens: [.identifier("f"), .open("("), .string("a#b"), .op(","), .string("c"),
                                                     .close(")"), .end]),
        Row(text: "a <= b", tokens: [.identifier("a"), .op("<"), .op("="), .identifier("b"), .end]),
        Row(text: "oo nan", tokens: [.identifier("oo"), .identifier("nan"), .end]),
        Row(text: "123456789012345678901234567890", tokens: [.integer("123456789012345678901234567890"), .end]),
    ]

    @Test("statement tokens", arguments: statementRows)
    func statements(_ row: Row) throws {
        let tokens = try Lexer(row.text).tokens(.statements)
        #expect(tokens.map(\.kind) == row.tokens)
    }

    @Test("tokens remember their offsets and text")
    func offsets() throws {
        let tokens = try Lexer("d(L) ≈ 0.50").tokens(.statements)
        #expect(tokens.map(\.offset) == [0, 1, 2, 3, 5, 7, 11])
        #expect(tokens.map(\.text) == ["d", "(", "L", ")", "≈", "0.50", ""])
    }

    // Columns counted by hand; messages are the expression parser's.
    @Test("the expression vocabulary refuses statement punctuation at the character", arguments: [
        ("x == y", 3, "unexpected character '='"),
        ("x ≈ 1", 3, "unexpected character U+2248"),
        ("a.b", 2, "unexpected character '.'"),
        ("[x]", 1, "unexpected character '['"),
        ("x # c", 3, "unexpected character '#'"),
        ("'s'", 1, "unexpected character '''"),
        ("x <- y", 3, "unexpected character '<'"),
        ("2.x", 3, "expected an operator after the number '2.'"),
    ])
    func refused(_ text: String, column: Int, says: String) {
        do {
            _ = try Expr.parse(text)
            Issue.record("parsed \(text)")
        } catch let error as SourceError {
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(says), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("an unclosed string is an error at its quote")
    func unclosedString() {
        #expect(throws: SourceError(message: "this string is never closed (add \")", line: 1, column: 3, sourceLine: "f(\"abc")) {
            try Lexer("f(\"abc").tokens(.statements)
        }
    }

    @Test("open brackets are counted outside strings and comments", arguments: [
        ("diff(f, [a,", 2), ("f(\"(\")", 0), ("x # (", 0), ("g)", 0), ("{x: (1", 2),
    ])
    func openBrackets(_ text: String, open: Int) {
        #expect(Lexer.openBrackets(text) == open)
    }
}
