import Checker
import SymDiff
import Testing

@Suite("Errors in a derivation file")
struct FileErrorTests {
    static let network = ["z1 = W1*x + b1", "L = (z1 - t)**2/2"]

    @Test("each error names its line and column", arguments: [
        // (line written after the two definitions, column, part of the message)
        ("d(L)/d(W1) == (z1 - t)*", 24, "found the end of the input"),
        ("x*d(L)/d(W1) +* 2 == 0", 15, "found '*'"),          // columns stay right after a derivative
        ("d(L + )/d(W1) == 0", 6, "found the end of the input"), // inside F
        ("d(L)/d(W3) == 0", 8, "unknown name 'W3'"),
        ("d(Q)/d(W1) == 0", 3, "'Q' is not defined"),
        ("d(L)/d(2*W1) == 0", 8, "must be a name"),
        ("d(L) == 0", 1, "write a derivative as d(F)/d(v) or d(F, v)"),
        ("d(L)/d(W1) = z1 - t", 1, "to claim an equality write '=='"),
        ("d = 3", 1, "'d' is reserved"),
        ("z1 = W1", 1, "'z1' is already defined on line 1"),
        ("z1 at z1=1 ≈ 2", 7, "'z1' is defined on line 1"),
        ("L at W1=1 ≈ 0.5", 1, "no value for 'b1', 't', 'x'"),
        ("L at W1=1, x=2, b1=0, t=1 ≈ half", 29, "must be a number"),
        ("L at ex9 ≈ 0.5", 6, "no point named 'ex9'"),
        ("just some words", 1, "expected a definition"),
    ])
    func positioned(_ line: String, _ column: Int, _ message: String) throws {
        let report = DerivationChecker().check((FileErrorTests.network + [line]).joined(separator: "\n"))
        let error = try #require(report.error(on: 3))
        #expect(error.column == column)
        #expect(error.message.contains(message), "message was: \(error.message)")
        #expect(error.sourceLine == line)
    }

    @Test("a circular definition is reported once, on its first line, with the cycle")
    func circular() {
        let report = check("a = b + 1", "b = 2*c", "c = a*x", "d(a)/d(x) == 0")
        #expect(report.errors.count == 2)
        #expect(report.error(on: 1)?.message.contains("circular definition: a → b → c → a") == true)
        // The claim about a circular name cannot be checked either.
        #expect(report.error(on: 4)?.message.contains("circular") == true)
    }

    @Test("a name defined in terms of itself is circular")
    func selfReference() {
        let report = check("c = c + 1")
        #expect(report.error(on: 1)?.message.contains("'c' is defined in terms of itself") == true)
    }

    @Test("a claim using a definition whose line has an error says so, at the name")
    func brokenDependency() throws {
        let report = check("a1 = sigmoid(z1", "y = W2*a1", "d(y)/d(W2) == a1")
        // Line 2 is fine in itself; only uses of y (and of a1) are errors.
        #expect(report.errors.map(\.line) == [1, 3])
        let error = try #require(report.error(on: 3))
        #expect(error.column == 3)
        #expect(error.message == "'y' cannot be used: it depends on 'a1', whose definition on line 1 has an error")
    }

    @Test("the rest of the file is still checked")
    func restStillChecked() {
        let report = check("d(x**2)/d(x) == 2*x", "d(x**2)/d(x) == 2*", "d(x**2)/d(x) == x")
        #expect(report.errors.count == 1)
        #expect(report.claim(on: 1)?.status == .proved)
        #expect(report.claim(on: 3)?.status == .refuted)
        #expect(!report.allHold)
        #expect(!report.couldNotParse)
    }

    @Test("a file with nothing readable in it could not be parsed")
    func nothingParsed() {
        let report = check("this is not a derivation", "== 3")
        #expect(report.couldNotParse)
        #expect(report.errors.count == 2)
    }

    @Test("blank lines and comments are not statements")
    func commentsAndBlanks() {
        let report = check("# a comment", "", "   ", "x2 = x*x   # trailing comment", "d(x2)/d(x) == 2*x")
        #expect(report.errors.isEmpty)
        #expect(report.statementCount == 2)
        #expect(report.claim(on: 5)?.status == .proved)
    }
}

@Suite("Limits")
struct LimitTests {
    @Test("when the file's time is spent, claims are undecided, never proved")
    func fileTimeLimit() {
        var options = CheckerOptions()
        options.secondsPerFile = 0
        let report = DerivationChecker(options: options).check("d(x**2)/d(x) == 2*x")
        #expect(report.claims.first?.status == .undecided)
        #expect(report.claims.first?.summary.contains("time") == true)
    }

    @Test("expressions over the size limit are checked numerically only")
    func sizeLimit() {
        var options = CheckerOptions()
        options.proofNodeLimit = 1
        // True (seed 001), but proving it needs the normal form.
        let report = check(
            "sigmoid(z)*(1 - sigmoid(z)) == exp(-z)/(1 + exp(-z))**2",
            "sigmoid(z)*(1 - sigmoid(z)) == exp(-z)/(1 + exp(-z))",
            options: options)
        #expect(report.claim(on: 1)?.status == .undecided)
        #expect(report.claim(on: 1)?.summary.contains("too large to prove") == true)
        // A wrong claim is still refuted: refutation needs no proof.
        #expect(report.claim(on: 2)?.status == .refuted)
    }
}

@Suite("Library entry points")
struct LibraryTests {
    @Test("checking one claim throws the error of its line, with the file's line number")
    func claimError() {
        #expect(throws: SourceError.self) { try DerivationChecker().check(claim: "d(L)/d(x) == 0", definitions: "y = x") }
        do {
            _ = try DerivationChecker().check(claim: "d(y)/d(x) == *", definitions: "y = x")
        } catch let error as SourceError {
            #expect(error.line == 2)
            #expect(error.column == 14)   // the star
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("checking one claim throws when the text holds no claim")
    func notAClaim() {
        #expect(throws: SourceError.self) { try DerivationChecker().check(claim: "y = 2*x") }
    }

    @Test("an empty file has no claims and nothing wrong")
    func emptyFile() {
        let report = check("")
        #expect(report.claims.isEmpty)
        #expect(report.allHold)
        #expect(!report.couldNotParse)
        #expect(report.summaryLine == "no claims to check")
    }

    @Test("the text report lists claims and errors in line order with a count")
    func textReport() {
        let report = check("d(x**2)/d(x) == 2*x", "d(x**2)/d(x) ==", "x at x=2 ≈ 2")
        #expect(report.text() == """
            ✓ line 1: d(x**2)/d(x) == 2*x
                holds: both sides are the same expression once written out
            error at line 2, column 14: nothing after '=='
                d(x**2)/d(x) ==
                             ^
            ✓ line 3: x at x=2 ≈ 2
                holds: the value is 2, which is 2 to the digits written (±0.5)

            2 claims: 2 hold, 0 wrong, 0 undecided; 1 error in the file

            """)
    }
}
