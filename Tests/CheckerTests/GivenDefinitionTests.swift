import Checker
import SymDiff
import Testing

/// Definitions and points handed to the checker as values: nothing is printed
/// and read back, so a definition with no text form still checks.
@Suite("Claims against given definitions")
struct GivenDefinitionTests {
    let w = Expr.symbol("w"), x = Expr.symbol("x"), b = Expr.symbol("b"), y = Expr.symbol("y")

    @Test("a claim over given definitions is proved or refuted as in a file")
    func verdicts() throws {
        let given: [GivenDefinition] = [.expression("z", w * x + b), .expression("L", (.symbol("z") - y) ** 2 / 2)]
        // d/dw ((w x + b) - y)²/2 = (z - y)·x by hand; d/db is (z - y), not (z - y)·x.
        #expect(try DerivationChecker().check(claim: "d(L)/d(w) == (z - y)*x", given: given).status == .proved)
        #expect(try DerivationChecker().check(claim: "d(L)/d(b) == (z - y)*x", given: given).status == .refuted)
    }

    @Test("a definition whose symbols have no text form still checks")
    func noTextForm() throws {
        // 'θ' cannot be written in derivation syntax; as text this definition would not parse.
        let theta = Expr.symbol("θ")
        let result = try DerivationChecker().check(claim: "d(L)/d(z) == 2*z",
                                                   given: [.expression("z", theta * w), .expression("L", .symbol("z") ** 2)])
        #expect(result.status == .proved)
    }

    @Test("a numeric claim reads a given point")
    func points() throws {
        // At w=0.5, x=2, b=0: z = 1, so z**2 = 1 exactly.
        let given: [GivenDefinition] = [.expression("z", w * x + b), .point("p", [("w", 0.5), ("x", 2), ("b", 0)])]
        #expect(try DerivationChecker().check(claim: "z**2 at p ≈ 1.00", given: given).status == .proved)
    }

    @Test("errors are placed in the caller's line and column")
    func positions() {
        // Counted by hand: the claim starts at column 7, and the line ends at column 23.
        let text = "claim d(L)/d(q) == x +"
        #expect(throws: SourceError(message: "expected a number, name or '(' but found the end of the input",
                                    line: 4, column: 23, sourceLine: text)) {
            try DerivationChecker().check(claim: text, line: 4, column: 7, given: [])
        }
    }

    @Test("a given definition the file format reserves is refused, naming it")
    func reserved() {
        do {
            _ = try DerivationChecker().check(claim: "x == x", given: [.expression("d", x)])
            Issue.record("a definition named 'd' was accepted")
        } catch let error as SourceError {
            #expect(error.message.hasPrefix("the definition of 'd' cannot be used: 'd' is reserved"), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
