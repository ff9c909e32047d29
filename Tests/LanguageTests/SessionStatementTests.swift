import Language
import SymDiff
import Testing

/// Each session line parses to one statement kind with its parts; value
/// expressions to post-order nodes (expected nodes written by hand).
@Suite("Session statements")
struct SessionStatementTests {
    static func nodes(_ syntax: ValueSyntax) -> String {
        syntax.nodes.map { node, _ in
            switch node {
            case .integer(let digits): return digits
            case .decimal(let value): return "\(value)"
            case .string(let text): return "\"\(text)\""
            case .name(let name): return name
            case .binary(let op): return op
            case .unary(let op): return "u\(op)"
            case .checkFunction(let name): return "\(name)?"
            case .call(let name, let keywords): return "\(name)(" + keywords.map { $0.map { $0.name + "=" } ?? "_" }.joined(separator: ",") + ")"
            case .list(let count): return "[\(count)]"
            case .record(let keys): return "{" + keys.joined(separator: ",") + "}"
            case .attribute(let name, _): return ".\(name)"
            }
        }.joined(separator: " ")
    }

    static func summary(_ statement: SessionStatement) -> String {
        switch statement {
        case .empty: return "empty"
        case .definition(let name, _, let value): return "definition \(name) = \(nodes(value))"
        case .show(let value): return "show \(nodes(value))"
        case .evalAt(_, let expression, _, let bindings):
            return "eval \(nodes(expression)) at " + bindings.map { "\($0.name)=\(nodes($0.value))" }.joined(separator: ", ")
        case .check(_, let value, _): return "check \(nodes(value))"
        case .help(let topic, _): return "help" + (topic.map { " \($0)" } ?? "")
        }
    }

    static let rows: [(line: String, statement: String)] = [
        ("", "empty"),
        ("# a comment", "empty"),
        ("z1 = W1*x + b1", "definition z1 = W1 x * b1 +"),
        ("let a1 = sigmoid(z1)", "definition a1 = sigmoid? z1 sigmoid(_)"),
        ("diff(loss, W1)", "show diff? loss W1 diff(_,_)"),
        ("-x**2", "show x 2 ** u-"),
        ("2**-1", "show 2 1 u- **"),
        ("a - b - c", "show a b - c -"),
        ("eval(f, x=1, y=2.5)", "show eval? f 1 2.5 eval(_,x=,y=)"),
        ("eval loss at x=5, W1=-0.2", "eval loss at x=5, W1=0.2 u-"),
        ("check (a + b)**2 == c", "check a b + 2 ** c =="),
        ("check(a == b)", "show check? a b == check(_)"),
        ("claim d(L)/d(w) ≈ 0.5", "claim from 6: d(L)/d(w) ≈ 0.5"),
        ("  claim x == x", "claim from 8: x == x"),
        ("claim W_new = W - lr*g", "claim from 6: W_new = W - lr*g"),
        ("help", "help"),
        ("help diff", "help diff"),
        ("p = {x: 5, W1: 0.2}", "definition p = 5 0.2 {x,W1}"),
        ("[a, [b], []]", "show a b [1] [0] [3]"),
        ("net.loss", "show net .loss"),
        ("p - 0.1*g", "show p 0.1 g * -"),
        ("train(\"circles\", epochs=200)", "show train? \"circles\" 200 train(_,epochs=)"),
        ("seed_network().stages", "show seed_network? seed_network() .stages"),
    ]

    /// The one statement of a session line, summarised.
    static func parse(_ source: SourceText) throws -> String {
        let statements = try StatementParser.parse(source, context: .session)
        switch statements.first {
        case nil: return "empty"
        case .claim(let claim)?: return "claim from \(claim.column - 1): \(claim.text)"
        case .session(let statement, _)?: return summary(statement)
        case let other?: return "not a session statement: \(other)"
        }
    }

    @Test("a line parses to its statement", arguments: rows)
    func parses(_ line: String, statement: String) throws {
        #expect(try SessionStatementTests.parse(SourceText(line)) == statement)
    }

    // Columns counted by hand.
    @Test("a malformed line is an error at its column", arguments: [
        ("let = 1", 5, "expected 'let name = value'"),
        ("at = 1", 1, "'at' is a keyword"),
        ("x =", 3, "expected a value after '='"),
        ("eval x", 1, "write eval(expr, x=1)"),
        ("eval x at", 8, "expected name=value after 'at'"),
        ("(a, b)", 3, "',' inside parentheses"),
        ("{x: 1, x: 2}", 8, "x is given twice"),
        ("{x 1}", 2, "expected ':' after 'x'"),
        ("[a)", 3, "expected ']' to close the '[' at column 1, found ')'"),
        ("f(a", 1, "this '(' is never closed"),
        ("a == b == c", 8, "comparisons do not chain"),
        ("a : b", 3, "':' belongs in a point"),
        ("x ≈ 1", 3, "unexpected character U+2248"),
        ("claim z = 1", 7, "not a claim"),
        ("claim a == ", 9, "nothing after '=='"),
    ])
    func refuses(_ line: String, column: Int, says: String) {
        do {
            let parsed = try SessionStatementTests.parse(SourceText(line, line: 2))
            Issue.record("parsed \(parsed)")
        } catch let error as SourceError {
            #expect(error.line == 2)
            #expect(error.column == column, "\(error)")
            #expect(error.message.contains(says), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("100,000 nested parentheses parse without recursion")
    func deep() throws {
        let depth = 100_000
        let text = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth) + " + 1"
        #expect(try SessionStatementTests.parse(SourceText(text)) == "show x 1 +")
    }
}
