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

@Suite("symdiff diff")
struct DiffCommandTests {
    @Test("the issue's example: d/dz 1/(1 + exp(-z)), which SymPy agrees with")
    func sigmoidDerivative() throws {
        let run = symdiff(["diff", "1/(1+exp(-z))", "--wrt", "z"])
        #expect(run.status == 0)
        #expect(run.errors.isEmpty)
        #expect(run.output == "exp(-z)/(exp(-z) + 1)**2\n")
        // SymPy: diff(1/(1 + exp(-z)), z) = exp(-z)/(1 + exp(-z))**2
        let printed = try Expr.parse(String(run.output.dropLast()))
        #expect(Expr.checkEquivalence(printed, try Expr.parse("exp(-z)/(1 + exp(-z))**2")).verdict == .proved)
    }

    @Test("--wrt x,y differentiates successively, like SymPy's diff(f, x, y)")
    func successive() {
        // SymPy: diff(x**2*y**3, x, y) = 6*x*y**2
        #expect(symdiff(["diff", "x**2*y**3", "--wrt", "x,y"]).output == "6*x*y**2\n")
    }

    @Test("--order N differentiates N times by each variable")
    func order() {
        // SymPy: diff(x**4, x, 2) = 12*x**2; diff(x**3*y**3, x, 2, y, 2) = 36*x*y
        #expect(symdiff(["diff", "x**4", "--wrt", "x", "--order", "2"]).output == "12*x**2\n")
        #expect(symdiff(["diff", "x**3*y**3", "--wrt", "x,y", "--order", "2"]).output == "36*x*y\n")
        #expect(symdiff(["diff", "x**4", "--wrt", "x", "--order", "0"]).output == "x**4\n")
    }

    @Test("without --wrt the only free symbol is used")
    func implicitVariable() {
        #expect(symdiff(["diff", "tanh(u)"]).output == "1 - tanh(u)**2\n")
    }

    @Test("an expression starting with '-' goes after '--'")
    func dashDash() {
        let run = symdiff(["diff", "--wrt", "x", "--", "-x**3"])
        #expect(run.status == 0)
        #expect(run.output == "-3*x**2\n")
    }

    @Test("--format latex, swift, json and dot")
    func formats() {
        #expect(symdiff(["diff", "1/(1+exp(-z))", "--wrt", "z", "--format", "latex"]).output
            == "\\frac{e^{- z}}{\\left(e^{- z} + 1\\right)^{2}}\n")
        #expect(symdiff(["diff", "1/(1+exp(-z))", "--wrt", "z", "--format", "swift"]).output
            == "Foundation.exp(-z) / Foundation.pow(Foundation.exp(-z) + 1.0, 2.0)\n")
        #expect(symdiff(["diff", "x**2*y", "--wrt", "x,y", "--format", "json"]).output
            == #"{"input":"x**2*y","wrt":["x","y"],"order":1,"result":"2*x","latex":"2 x"}"# + "\n")
        let dot = symdiff(["diff", "x**3", "--wrt", "x", "--format", "dot"]).output
        #expect(dot.hasPrefix("digraph \"expression\" {\n"))
        #expect(dot.hasSuffix("}\n"))
    }

    @Test("--simplify gives an equal result")
    func simplified() throws {
        let run = symdiff(["diff", "sigmoid(z)", "--wrt", "z", "--simplify"])
        #expect(run.status == 0)
        let printed = try Expr.parse(String(run.output.dropLast()))
        #expect(Expr.checkEquivalence(printed, try Expr.parse("exp(-z)/(1 + exp(-z))**2")).verdict == .proved)
    }

    @Test("usage errors exit 2 with one line of reason and a pointer to help", arguments: [
        (["diff"], "symdiff diff: missing argument"),
        (["diff", "x*y"], "symdiff diff: missing --wrt: say which variables to differentiate by (free symbols: x, y)"),
        (["diff", "x", "--bogus"], "symdiff diff: unknown option '--bogus'"),
        (["diff", "-x**3", "--wrt", "x"], "symdiff diff: unknown option '-x**3' (an expression that starts with '-' goes after '--')"),
        (["diff", "x", "--wrt", "1x"], "symdiff diff: --wrt expects symbol names separated by commas, got '1x'"),
        (["diff", "x", "--order", "-1"], "symdiff diff: --order expects an integer in 0...50, got '-1'"),
        (["diff", "x", "--format", "pdf"], "symdiff diff: --format must be one of text, latex, mathml, swift, json, dot, got 'pdf'"),
        (["diff", "x", "2"], "symdiff diff: '2' is not a variable name (variables follow EXPR, as in SymPy's diff(f, x, y))"),
    ])
    func usageErrors(_ row: ([String], String)) {
        let run = symdiff(row.0)
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors == row.1 + "\nSee 'symdiff help diff'.\n")
    }

    @Test("a parse error exits 2 and shows the caret")
    func parseError() {
        let run = symdiff(["diff", "x + * y", "--wrt", "x"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors == """
            symdiff diff: error at line 1, column 5: expected a number, name or '(' but found '*'
              x + * y
                  ^

            """)
    }

    @Test("too deep an expression is refused with a message, exit 2")
    func tooDeep() {
        let text = String(repeating: "exp(", count: 20_000) + "x" + String(repeating: ")", count: 20_000)
        let run = symdiff(["diff", text, "--wrt", "x"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.hasPrefix("symdiff diff: limit exceeded: diff: the expression is 20001 levels deep"))
    }

    @Test("--help and help diff print the same text")
    func help() {
        let help = symdiff(["diff", "--help"])
        #expect(help.status == 0)
        #expect(help.output == symdiff(["help", "diff"]).output)
        #expect(help.output.hasPrefix("""
            Differentiate an expression (successively, like SymPy's diff(f, x, y)).

            Usage: symdiff diff EXPR [VAR...] [--wrt x[,y...]] [--order N] [--simplify] [--shape W=2x3,...] [--format FORMAT]

            Options:
              --wrt VARS                                 variables, comma-separated; x,y means d/dy of d/dx
              --order N                                  differentiate N times by each variable (default 1, at most 50)
              --simplify                                 simplify the derivative
              --shape NAME=SHAPE,...                     shapes of matrix and vector names (W=2x3,x=3 or W=n x m,x=m); * is then the matrix product
              --jacobian                                 with --shape: the Jacobian of a column vector EXPR by a column vector
              --format text|latex|mathml|swift|json|dot  output format (default text)
              -h, --help                                 show this help

            """))
        #expect(help.output.contains("$ symdiff diff --wrt x -- \"-x**3\""))
    }

    @Test("the examples in the help text print what they claim")
    func helpExamples() {
        let help = symdiff(["help", "diff"]).output
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var checked = 0
        for (i, line) in lines.enumerated() where line.hasPrefix("$ symdiff diff ") {
            let arguments = shellWords(String(line.dropFirst("$ symdiff ".count)))
            #expect(symdiff(arguments).output == lines[i + 1] + "\n", "\(line)")
            checked += 1
        }
        #expect(checked == 8)
    }
}

/// Splits a help example's command line into words, honouring double quotes.
func shellWords(_ line: String) -> [String] {
    var words: [String] = [], current = "", quoted = false, started = false
    for c in line {
        if c == "\"" { quoted.toggle(); started = true; continue }
        if c == " " && !quoted {
            if started { words.append(current) }
            current = ""
            started = false
            continue
        }
        current.append(c)
        started = true
    }
    if started { words.append(current) }
    return words
}
