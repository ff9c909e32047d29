import Foundation
import Testing
import SymDiff
@testable import SymDiffCommands

/// Runs `symdiff ARGS` in-process: (exit status, stdout, stderr).
private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

@Suite("symdiff simplify")
struct SimplifyCommandTests {
    @Test("the result is proved equal to the input, in every format", arguments: [
        "1/(1 + exp(-z))", "x*y + y*x", "(x**2 - 1)/(x - 1)", "sigmoid(z)*(1 - sigmoid(z))", "exp(log(x)) + log(exp(y))",
    ])
    func equalResult(_ text: String) throws {
        let run = symdiff(["simplify", text])
        #expect(run.status == 0)
        let result = try Expr.parse(String(run.output.dropLast()))
        #expect(Expr.checkEquivalence(result, try Expr.parse(text)).verdict == .proved)
        let json = symdiff(["simplify", text, "--format", "json"]).output
        #expect(json == #"{"input":"\#(try Expr.parse(text))","result":"\#(result)","latex":"\#(result.latex.replacingOccurrences(of: "\\", with: "\\\\"))"}"# + "\n")
        #expect(symdiff(["simplify", text, "--format", "latex"]).output == result.latex + "\n")
    }

    @Test("1/(1 + exp(-z)) simplifies back to sigmoid(z), as the issue asks")
    func sigmoid() {
        #expect(symdiff(["simplify", "1/(1 + exp(-z))"]).output == "sigmoid(z)\n")
        // Seed 001's derivation, read backwards: e^(-z)/(1 + e^(-z))² = σ(z)(1 − σ(z)).
        #expect(symdiff(["simplify", "exp(-z)/(1 + exp(-z))**2"]).output == "sigmoid(z)*(1 - sigmoid(z))\n")
        #expect(symdiff(["simplify", "(exp(2*z) - 1)/(exp(2*z) + 1)"]).output == "tanh(z)\n")
    }

    @Test("the examples in the help text print what they claim")
    func helpExamples() {
        let help = symdiff(["help", "simplify"]).output
        let lines = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var checked = 0
        for (i, line) in lines.enumerated() where line.hasPrefix("$ symdiff simplify ") {
            #expect(symdiff(shellWords(String(line.dropFirst("$ symdiff ".count)))).output == lines[i + 1] + "\n", "\(line)")
            checked += 1
        }
        #expect(checked == 3)
    }

    @Test("usage errors exit 2", arguments: [
        (["simplify"], "symdiff simplify: missing argument"),
        (["simplify", "x", "--wrt", "x"], "symdiff simplify: unknown option '--wrt'"),
    ])
    func usageErrors(_ row: ([String], String)) {
        let run = symdiff(row.0)
        #expect(run.status == 2)
        #expect(run.errors == row.1 + "\nSee 'symdiff help simplify'.\n")
    }
}

@Suite("symdiff eval")
struct EvalCommandTests {
    @Test("values at a point print every digit and no trailing .0; exact input prints exactly", arguments: [
        (["eval", "x*y + 1", "--at", "x=2,y=3"], "7"),
        (["eval", "sigmoid(z)", "--at", "z=0"], "0.5"),
        (["eval", "W2*sigmoid(W1*x + b1) + b2", "--at", "x=5,W1=0.2,W2=0.5,b1=-1,b2=0"], "0.25"),   // seed 000: y = 0.25
        (["eval", "relu(x) + heaviside(x)", "--at", "x=0"], "0"),
        (["eval", "1/3"], "1/3"),
        (["eval", "1/3 + 0.0"], "0.3333333333333333"),   // Python: repr(1/3)
        (["eval", "10**400"], "1" + String(repeating: "0", count: 400)),
        (["eval", "0.1 + 0.2"], "0.30000000000000004"),   // Python: repr(0.1 + 0.2)
        (["eval", "x", "--at", "x=2,unused=5"], "2"),
    ])
    func values(_ row: ([String], String)) {
        let run = symdiff(row.0)
        #expect(run.status == 0)
        #expect(run.output == row.1 + "\n")
    }

    @Test("--format json gives the point, the value and an exact value for exact input")
    func json() {
        #expect(symdiff(["eval", "x/4", "--at", "x=1", "--format", "json"]).output
            == #"{"input":"x/4","point":{"x":1},"value":0.25}"# + "\n")
        // Python: 2**100 = 1267650600228229401496703205376
        #expect(symdiff(["eval", "2**100", "--format", "json"]).output
            == #"{"input":"1267650600228229401496703205376","point":{},"value":1.2676506002282294e+30,"exact":"1267650600228229401496703205376"}"# + "\n")
    }

    @Test("bad input exits 2 with the reason", arguments: [
        (["eval", "x + y", "--at", "x=1"], "symdiff eval: symbol 'y' has no value: give one with --at y=VALUE"),
        (["eval", "log(x)", "--at", "x=0"], "symdiff eval: domain error: log of a non-positive number (0.0) in log(x)"),
        (["eval", "1/x", "--at", "x=0"], "symdiff eval: domain error: division by zero in 1/x"),
        (["eval", "exp(x)", "--at", "x=1000"], "symdiff eval: non-finite value: exp(x) evaluates to oo"),
    ])
    func inputErrors(_ row: ([String], String)) {
        let run = symdiff(row.0)
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors == row.1 + "\n")
    }

    @Test("a malformed point is a usage error", arguments: [
        (["eval", "x", "--at", "x"], "symdiff eval: --at expects name=value pairs separated by commas, got 'x'"),
        (["eval", "x", "--at", "x=abc"], "symdiff eval: --at: the value of x must be a finite number, got 'abc'"),
        (["eval", "x", "--at", "x=1,x=2"], "symdiff eval: --at: x given twice"),
    ])
    func usageErrors(_ row: ([String], String)) {
        let run = symdiff(row.0)
        #expect(run.status == 2)
        #expect(run.errors == row.1 + "\nSee 'symdiff help eval'.\n")
    }
}
