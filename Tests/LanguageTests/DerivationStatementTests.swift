import Language
import SymDiff
import Testing

/// Each line of a derivation file parses to one statement kind with its
/// parts (expected parts read off the line by hand).
@Suite("Derivation statements")
struct DerivationStatementTests {
    /// A statement reduced to its kind and parts, as text.
    static func summary(_ statement: Statement) -> String {
        switch statement {
        case .definition(let d): return "definition \(d.name) = \(d.value.expr)"
        case .point(let p): return "point \(p.name): " + p.items.map(item).joined(separator: ", ")
        case .setting(let s): return "setting \(s.key.rawValue): \(s.value.expr)"
        case .claim(let c):
            switch c.kind {
            case .equalities(let sides): return "claim " + sides.map { "\($0.expr)" }.joined(separator: " == ")
            case .numeric(let n):
                return "numeric \(n.expression.expr) at [" + n.point.map(item).joined(separator: ", ") + "] ≈ \(n.value) ± \(n.tolerance)"
            case .update(let u): return "update \(u.parameter) <- \(u.rule.expr)"
            case .matrix(let m): return "matrix claim \(m.text)"
            }
        case .declaration(let d):
            return "declaration " + d.names.map(\.name).joined(separator: ", ") + ": \(d.shape.map(\.description) ?? "")"
        case .session(let s, _): return SessionStatementTests.summary(s)
        }
    }
    static func item(_ item: PointItem) -> String {
        switch item {
        case .value(let name, let value, _): return "\(name)=\(value)"
        case .reference(let name, _): return name
        }
    }

    static let rows: [(line: String, statements: [String])] = [
        ("", []),
        ("# only a comment", []),
        ("z1 = W1*x + b1   # a definition", ["definition z1 = W1*x + b1"]),
        ("d(L)/d(w) == x", ["claim __d0 == x"]),
        ("a == b == c", ["claim a == b == c"]),
        ("point ex1: x=5, W1=0.2", ["point ex1: x=5.0, W1=0.2"]),
        ("point ex2: ex1, x=3", ["point ex2: ex1, x=3.0"]),
        ("L at ex1 ≈ 0.25", ["numeric L at [ex1] ≈ 0.25 ± 0.005"]),
        ("L at x=1 ~= 0.5 ± 0.1", ["numeric L at [x=1.0] ≈ 0.5 ± 0.1"]),
        ("L ≈ 2 +- 1%", ["numeric L at [] ≈ 2.0 ± 0.02"]),
        ("W <- W - alpha*x", ["update W <- W - alpha*x"]),
        ("W ← W - alpha*x", ["update W <- W - alpha*x"]),
        ("W_new = W_old - lr*x", ["update W <- W - lr*x", "definition W_new = W - lr*x"]),
        ("loss: E", ["setting loss: E"]),
        ("rate: eta", ["setting rate: eta"]),
        ("d(d(L)/d(w), w) + d(L, b) == 0", ["claim __d0 + __d2 == 0"]),
        ("L at x=1, p ≈ −0.5 +/- 0.1", ["numeric L at [x=1.0, p] ≈ -0.5 ± 0.1"]),
    ]

    @Test("a line parses to its statements", arguments: rows)
    func parses(_ line: String, statements: [String]) throws {
        let parsed = try StatementParser.parse(SourceText(line), context: .derivationFile)
        #expect(parsed.map(DerivationStatementTests.summary) == statements)
    }

    // Columns counted by hand.
    @Test("a line that is no statement is an error at its column", arguments: [
        ("x + 1", 1, "expected a definition"),
        ("a <= b", 3, "comparisons are not claims"),
        ("L at x=1 ≈ abc", 12, "must be a number"),
        ("point : x=1", 7, "a point needs a name"),
        ("d(L)/d(2) == 0", 8, "must be a name"),
        ("  eval L at x=1", 3, "'eval' starts a session statement"),
        ("d(L)/d(w) == d(L)/dx", 14, "write a derivative as d(F)/d(v)"),
        ("L at x=1 ≈ 0.5 ± -1", 18, "non-negative"),
    ])
    func refuses(_ line: String, column: Int, says: String) {
        do {
            let parsed = try StatementParser(line: 3, text: line).parse()
            Issue.record("parsed \(parsed.map(DerivationStatementTests.summary))")
        } catch let error as SourceError {
            #expect(error.line == 3)
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(says), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
