import Testing
@testable import Notebooks
import SymDiffCommands

/// Issue 11: the three-argument `subs` did not see through definitions, so
/// `f = x**2; subs(f, x, 3)` printed `x**2` and `eval(subs(f, x, 3), x=1)` printed 1.
/// Every expected value below is worked by hand (3² = 9; w·x + 1 at w = 2 is 2x + 1).
@Suite("Substitution sees through definitions (REPL, notebooks)")
struct SubstitutionThroughDefinitionsTests {
    @Test("in a session, every form of subs replaces inside the definitions", arguments: [
        (["f = x**2"], "subs(f, x, 3)", "9"),
        (["f = x**2"], "eval(subs(f, x, 3), x=1)", "9"),
        (["f = x**2"], "subs(f, x=3)", "9"),
        (["f = x**2"], "subs(f, {x: 3})", "9"),
        (["z = w*x"], "subs(z + 1, w, 2)", "2*x + 1"),
        (["z = w*x"], "subs(z + 1, w=2)", "2*x + 1"),
        (["z = w*x", "u = z + y"], "subs(u, y, 1)", "z + 1"),          // z does not use y: it stays a name
        (["z = w*x"], "subs(z + 1, z, 5)", "6"),                       // a name replaced as itself
        (["z = w*x + b", "a = sigmoid(z)"], "subs(a, sigmoid(z), s)", "s"),
    ])
    func sessionSubs(setup: [String], line: String, expected: String) {
        #expect(session(after: setup, line) == expected + "\n")
    }

    @Test("piped into the REPL: subs(f, x, 3) and eval(subs(f, x, 3), x=1) print 9 and 9")
    func repl() {
        let console = Console.capturing(input: ["f = x**2", "subs(f, x, 3)", "eval(subs(f, x, 3), x=1)",
                                                "z = w*x", "subs(z + 1, w, 2)"])
        #expect(SymDiffCLI.run(["repl"], console: console) == 0)
        #expect(console.output == "9\n9\n2*x + 1\n")
        #expect(console.errors.isEmpty)
    }

    @Test("in a notebook cell, the same")
    func notebook() throws {
        let text = """
            # subs

            ```symdiff
            f = x**2
            subs(f, x, 3)
            eval(subs(f, x, 3), x=1)
            ```

            ```output
            9
            9
            ```
            """
        let run = try NotebookRunner.run(text: text)
        #expect(run.matches, "\(run.outputs)")
    }
}
