import Foundation
import Testing
import SymDiff
import SymDiffCommands

/// Every command, given missing, extra or malformed arguments, exits 2 with
/// a one-line reason on stderr naming the command, then a pointer to its
/// help — and prints nothing on stdout and no Swift stack trace.
@Suite("CLI: bad arguments exit 2 with a reason and a pointer to help")
struct CommandLineArgumentTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        /// Text the reason (the first line on stderr) contains.
        let reason: String
        var testDescription: String { arguments.map { $0.debugDescription }.joined(separator: " ") }
        init(_ arguments: [String], _ reason: String) {
            self.arguments = arguments
            self.reason = reason
        }
    }

    static let usageErrors: [Case] = [
        // diff
        Case(["diff"], "missing argument"),
        Case(["diff", "x", "2"], "'2' is not a variable name"),
        Case(["diff", "x*y"], "missing --wrt: say which variables to differentiate by (free symbols: x, y)"),
        Case(["diff", "2"], "missing --wrt"),
        Case(["diff", "x", "--wrt"], "--wrt needs a value (VARS)"),
        Case(["diff", "x", "--wrt", "2"], "--wrt expects symbol names separated by commas, got '2'"),
        Case(["diff", "x", "--wrt", "x,,y"], "got ''"),
        Case(["diff", "x", "--order", "-1"], "--order expects an integer in 0...50, got '-1'"),
        Case(["diff", "x", "--order", "51"], "--order expects an integer in 0...50"),
        Case(["diff", "x", "--order", "two"], "got 'two'"),
        Case(["diff", "x", "--order", "99999999999999999999999"], "--order expects an integer"),
        Case(["diff", "x", "--format", "pdf"], "--format must be one of"),
        Case(["diff", "x", "--simplify=yes"], "--simplify takes no value"),
        Case(["diff", "x", "--bogus"], "unknown option '--bogus'"),
        Case(["diff", "-x**3", "--wrt", "x"], "unknown option '-x**3' (an expression that starts with '-' goes after '--')"),
        Case(["diff", "x", "--wrt", "x", "--wrt", "x"], "--wrt given twice"),
        // simplify
        Case(["simplify"], "missing argument"),
        Case(["simplify", "x", "y"], "unexpected argument 'y'"),
        Case(["simplify", "x", "--format", "xml"], "--format must be one of"),
        // eval
        Case(["eval"], "missing argument"),
        Case(["eval", "x", "--at", "x"], "--at expects name=value pairs separated by commas, got 'x'"),
        Case(["eval", "x", "--at", "x=abc"], "the value of x must be a finite number, got 'abc'"),
        Case(["eval", "x", "--at", "x=inf"], "must be a finite number"),
        Case(["eval", "x", "--at", "x=nan"], "must be a finite number"),
        Case(["eval", "x", "--at", "x=1,x=2"], "x given twice"),
        Case(["eval", "x", "--at", "1x=2"], "'1x' is not a symbol name"),
        Case(["eval", "x", "--at", "x=1,"], "got ''"),
        // equal
        Case(["equal"], "expected 2 arguments, got 0"),
        Case(["equal", "x"], "expected 2 arguments, got 1"),
        Case(["equal", "x", "x", "x"], "unexpected argument 'x'"),
        Case(["equal", "x", "x", "--samples", "0"], "--samples expects an integer in 1...100000"),
        Case(["equal", "x", "x", "--seed", "-1"], "--seed expects an integer"),
        // grad
        Case(["grad"], "missing argument"),
        Case(["grad", "x", "--wrt", ""], "--wrt expects symbol names"),
        Case(["grad", "x", "--wrt", "x+y"], "got 'x+y'"),
        // print-gradients
        Case(["print-gradients", "extra"], "unexpected argument 'extra'"),
        Case(["print-gradients", "--activation", "softmax"], "--activation must be one of"),
        Case(["print-gradients", "--loss", "hinge"], "--loss must be one of"),
        Case(["print-gradients", "--at", "nope"], "--at expects name=value pairs"),
        // verify-chain-rule
        Case(["verify-chain-rule", "extra"], "unexpected argument 'extra'"),
        Case(["verify-chain-rule", "--format", "yaml"], "--format must be one of"),
        // train
        Case(["train"], "--example or --data is required"),
        Case(["train", "--example", "nope"], "--example must be one of"),
        Case(["train", "--example", "worked", "--lr", "0"], "--lr must be positive"),
        Case(["train", "--example", "worked", "--lr", "-0.5"], "--lr must be positive"),
        Case(["train", "--example", "worked", "--lr", "fast"], "--lr expects a number, got 'fast'"),
        Case(["train", "--example", "worked", "--lr", "1e999"], "--lr expects a number"),
        Case(["train", "--example", "worked", "--epochs", "0"], "--epochs expects an integer in 1...10000000"),
        Case(["train", "--example", "worked", "--batch", "0"], "--batch expects an integer in 1..."),
        Case(["train", "--example", "worked", "--seed", "-3"], "--seed expects an integer"),
        Case(["train", "--example", "worked", "--plot", ""], "--plot needs a file name"),
        Case(["train", "--example", "worked", "extra"], "unexpected argument 'extra'"),
        // check
        Case(["check"], "missing argument"),
        Case(["check", "a.txt", "b.txt"], "unexpected argument 'b.txt'"),
        Case(["check", "a.txt", "--time-limit", "0"], "--time-limit must be positive"),
        Case(["check", "a.txt", "--time-limit", "soon"], "--time-limit expects a number"),
        // notebook
        Case(["notebook"], "missing argument"),
        Case(["notebook", "frob"], "unknown notebook action 'frob' (expected 'run' or 'new')"),
        Case(["notebook", "run"], "notebook run needs at least one FILE"),
        Case(["notebook", "new"], "notebook new takes exactly one FILE"),
        Case(["notebook", "new", "a.md", "b.md"], "notebook new takes exactly one FILE"),
        // repl
        Case(["repl", "extra"], "unexpected argument 'extra'"),
        Case(["repl", "--format", "json"], "unknown option '--format'"),
    ]

    @Test("usage error", arguments: usageErrors)
    func usageError(_ c: Case) {
        let console = Console.capturing(input: [])
        let status = SymDiffCLI.run(c.arguments, console: console)
        #expect(status == 2)
        #expect(console.output.isEmpty, "stdout: \(console.output)")
        let lines = console.errors.split(separator: "\n", omittingEmptySubsequences: false)
        let name = c.arguments[0]
        // Exactly: the reason, the pointer, and the final newline.
        #expect(lines.count == 3, "\(console.errors)")
        #expect(lines.first?.hasPrefix("symdiff \(name): ") == true, "\(console.errors)")
        #expect(lines.first?.contains(c.reason) == true, "\(console.errors)")
        #expect(lines.dropFirst().first == "See 'symdiff help \(name)'.", "\(console.errors)")
    }

    @Test("top-level mistakes point to symdiff --help", arguments: [
        Case([], "symdiff: missing command"),
        Case(["frobnicate"], "symdiff: unknown command 'frobnicate'"),
        Case(["--verbose"], "symdiff: unknown command '--verbose'"),
        Case(["help", "frobnicate"], "symdiff help: unknown command 'frobnicate'"),
        Case(["help", "diff", "extra"], "symdiff help: unexpected argument 'extra'"),
    ])
    func topLevel(_ c: Case) {
        let console = Console.capturing()
        #expect(SymDiffCLI.run(c.arguments, console: console) == 2)
        #expect(console.errors == c.reason + "\nSee 'symdiff --help'.\n")
        #expect(console.output.isEmpty)
    }

    @Test("an expression that does not parse exits 2 with the positioned parse error", arguments: [
        (["diff", "x +", "--wrt", "x"], "column 4"),
        (["eval", "2x", "--at", "x=1"], "column 2"),
        (["equal", "x", "sigmod(x)"], "unknown function 'sigmod'"),
        (["grad", "∂x"], "U+2202"),
        (["simplify", "(x"], "never closed"),
        (["diff", "", "--wrt", "x"], "found the end of the input"),
    ])
    func parseErrors(_ arguments: [String], _ says: String) {
        let console = Console.capturing()
        #expect(SymDiffCLI.run(arguments, console: console) == 2)
        #expect(console.errors.hasPrefix("symdiff \(arguments[0]): error at line 1, "), "\(console.errors)")
        #expect(console.errors.contains(says), "\(console.errors)")
        #expect(console.output.isEmpty)
    }

    @Test("bad input that parses is one line on stderr and exit 2", arguments: [
        (["eval", "x + y", "--at", "x=1"], "symdiff eval: symbol 'y' has no value: give one with --at y=VALUE"),
        (["eval", "log(x)", "--at", "x=0"], "symdiff eval: domain error: log of a non-positive number (0.0) in log(x)"),
        (["eval", "1/x", "--at", "x=0"], "symdiff eval: domain error: division by zero in 1/x"),
        (["eval", "exp(x)", "--at", "x=1000"], "symdiff eval: non-finite value: exp(x) evaluates to oo"),
        (["diff", "x**2", "--wrt", "x", "--order", "2", "--", "extra"], "symdiff diff: give the variables after EXPR or in --wrt, not both"),
    ])
    func inputErrors(_ arguments: [String], _ message: String) {
        let console = Console.capturing()
        #expect(SymDiffCLI.run(arguments, console: console) == 2)
        #expect(console.errors.hasPrefix(message + "\n"), "\(console.errors)")
        #expect(console.output.isEmpty)
    }

    @Test("files that cannot be read exit 2 naming the file")
    func missingFiles() {
        for arguments in [["check", "/nonexistent/derivation.txt"], ["notebook", "run", "/nonexistent/nb.md"]] {
            let console = Console.capturing()
            #expect(SymDiffCLI.run(arguments, console: console) == 2, "\(arguments)")
            #expect(console.errors.contains("/nonexistent/"), "\(console.errors)")
            #expect(!console.errors.contains("Error Domain="), "\(console.errors)")   // no raw Foundation error dump
        }
    }

    @Test("every command's help exits 0 and lists --help", arguments: SymDiffCLI.commands.map { $0.name })
    func help(_ name: String) {
        for arguments in [[name, "--help"], ["help", name]] {
            let console = Console.capturing()
            #expect(SymDiffCLI.run(arguments, console: console) == 0)
            #expect(console.output.contains("Usage: symdiff \(name)"))
            #expect(console.output.contains("--help"))
            #expect(console.errors.isEmpty)
        }
    }
}
