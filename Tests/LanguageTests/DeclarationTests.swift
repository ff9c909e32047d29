import Testing
import SymDiff
@testable import Language

/// The declaration statement, `NAME: SHAPE, PROPERTY, ...`.
@Suite("Declarations")
struct DeclarationTests {
    @Test("declarations and what they declare", arguments: [
        ("W1: 2x3", ["W1"], Shape(rows: 2, columns: 3), [Declaration.Property]()),
        ("x: 3", ["x"], .vector(3), []),
        ("W: n x m", ["W"], Shape(rows: "n", columns: "m"), []),
        ("  X, Y: B x d   # a batch", ["X", "Y"], Shape(rows: "B", columns: "d"), []),
        ("s: scalar", ["s"], .scalar, []),
        ("x: 3, positive", ["x"], .vector(3), [.positive]),
        ("k: integer, nonnegative", ["k"], nil, [.integer, .nonnegative]),
    ] as [(String, [String], Shape?, [Declaration.Property])])
    func declares(text: String, names: [String], shape: Shape?, properties: [Declaration.Property]) throws {
        let d = try #require(try Declaration.parse(line: 1, text: text))
        #expect(d.names.map(\.name) == names)
        #expect(d.shape == shape)
        #expect(d.properties == properties)
    }

    @Test("settings, points and other statements are not declarations", arguments: [
        "loss: L", "rate: alpha", "point ex1: x=5, W1=0.2", "z = W*x", "d(L)/d(w) == x", "x == y: 2", "a : b",
    ])
    func notDeclarations(text: String) throws {
        #expect(try Declaration.parse(line: 1, text: text) == nil)
    }

    @Test("a bad declaration is an error at the item", arguments: [
        ("W: 2 x", 4, "expected a shape (2x3, n x m, 3 for a vector, scalar) or a property"),
        ("W:", 2, "'W:' needs a shape"),
        ("W: 2x3, 3x2", 9, "a declaration has one shape"),
        ("W: 2x3,", 8, "empty entry in the declaration"),
        ("sigmoid: 3", 1, "'sigmoid' is a function and cannot be redefined"),
    ])
    func errors(text: String, column: Int, message: String) {
        do {
            _ = try Declaration.parse(line: 1, text: text)
            Issue.record("\(text) read")
        } catch let error as SourceError {
            #expect(error.column == column, "\(error)")
            #expect(error.message.hasPrefix(message), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("the statement parser reads a declaration as its own statement kind, in files and sessions")
    func statementKind() throws {
        for context in [Statement.Context.derivationFile, .session] {
            let statements = try StatementParser.parse(SourceText("W1: 2x3"), context: context)
            guard case .declaration(let d)? = statements.first else { Issue.record("\(statements)"); continue }
            #expect(d.shape == Shape(rows: 2, columns: 3))
        }
    }
}
