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

@Suite("symdiff equal")
struct EqualCommandTests {
    @Test("the issue's identity is proved: exit 0")
    func sigmoidIdentity() {
        let run = symdiff(["equal", "sigmoid(z)*(1-sigmoid(z))", "exp(-z)/(1+exp(-z))**2"])
        #expect(run.status == 0)
        #expect(run.output == "equal: proved by normal form (40 sample points agree)\n")
    }

    @Test("different expressions: exit 1 with a point and both values")
    func refuted() throws {
        let run = symdiff(["equal", "tanh(x)", "x"])
        #expect(run.status == 1)
        // "not equal: at x=X, the left side is L and the right side is R"
        let pattern = /not equal: at x=([-0-9.e]+), the left side is ([-0-9.e]+) and the right side is ([-0-9.e]+)\n/
        let match = try #require(run.output.wholeMatch(of: pattern))
        let x = try #require(Double(match.1)), left = try #require(Double(match.2)), right = try #require(Double(match.3))
        #expect(left == Foundation.tanh(x))
        #expect(right == x)
        #expect(left != right)
    }

    @Test("undecided: the evidence is printed, exit 1")
    func undecided() {
        // heaviside(x**2 + 1) = 1 holds, but no proof path reaches it (its kink is not linear).
        let run = symdiff(["equal", "heaviside(x**2 + 1)", "1"])
        #expect(run.status == 1)
        #expect(run.output.hasPrefix("undecided: the normal form of the difference is not zero; both sides agree at "))
        #expect(run.output.hasSuffix(" sample points\n"))
    }

    @Test("--format json")
    func json() {
        let run = symdiff(["equal", "sigmoid(z)", "1/(1+exp(-z))", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.output == #"{"lhs":"sigmoid(z)","rhs":"1/(exp(-z) + 1)","status":"proved","method":"normal form","samplesAgreeing":40,"samplesDiffering":0,"counterexample":null,"note":null}"# + "\n")
        let refuted = symdiff(["equal", "x**2", "2*x", "--format", "json", "--seed", "7"])
        #expect(refuted.status == 1)
        #expect(refuted.output.contains(#""status":"refuted""#))
        #expect(refuted.output.contains(#""counterexample":{"point":{"x":"#))
    }

    @Test("--samples sets the number of points")
    func samples() {
        #expect(symdiff(["equal", "x*(1-x)", "x - x**2", "--samples", "5"]).output
            == "equal: proved by normal form (5 sample points agree)\n")
    }

    @Test("usage errors and parse errors exit 2", arguments: [
        (["equal", "x"], "symdiff equal: expected 2 arguments, got 1\nSee 'symdiff help equal'.\n"),
        (["equal", "x", "y", "z"], "symdiff equal: unexpected argument 'z'\nSee 'symdiff help equal'.\n"),
        (["equal", "x", "y", "--samples", "0"], "symdiff equal: --samples expects an integer in 1...100000, got '0'\nSee 'symdiff help equal'.\n"),
        (["equal", "x", "y +"], "symdiff equal: error at line 1, column 4: expected a number, name or '(' but found the end of the input\n  y +\n     ^\n"),
    ])
    func errors(_ row: ([String], String)) {
        let run = symdiff(row.0)
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors == row.1)
    }
}

@Suite("symdiff grad")
struct GradCommandTests {
    @Test("every partial of ½-MSE of a linear neuron")
    func linearNeuron() throws {
        let run = symdiff(["grad", "(w*x + b - t)**2/2", "--wrt", "w,b"])
        #expect(run.status == 0)
        #expect(run.output == "d/dw = x*(b - t + w*x)\nd/db = b - t + w*x\n")
        // SymPy: diff((w*x + b - t)**2/2, w) = x*(b - t + w*x); diff(..., b) = b - t + w*x
    }

    @Test("--cse names the shared sigmoid and 1 - sigmoid")
    func cse() {
        #expect(symdiff(["grad", "sigmoid(w*x + b)", "--wrt", "w,b", "--cse"]).output == """
            s0 = sigmoid(b + w*x)
            s1 = 1 - s0
            d/dw = s0*s1*x
            d/db = s0*s1

            """)
    }

    @Test("without --wrt, every free symbol in name order")
    func allSymbols() {
        let output = symdiff(["grad", "x*y + z"]).output
        #expect(output == "d/dx = y\nd/dy = x\nd/dz = 1\n")
    }

    @Test("the gradient equals per-variable diff for the seed loss (seed 000)")
    func seedLoss() throws {
        let loss = "(W2*sigmoid(W1*x + b1) + b2 - target)**2/2"
        let run = symdiff(["grad", loss, "--wrt", "W1,b1,W2,b2", "--format", "json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let gradient = try #require(object["gradient"] as? [[String: String]])
        #expect(gradient.map { $0["wrt"] } == ["W1", "b1", "W2", "b2"])
        for entry in gradient {
            let expected = try Expr.parse(loss).diff(.symbol(entry["wrt"]!))
            let printed = try Expr.parse(entry["result"]!)
            #expect(Expr.checkEquivalence(printed, expected).verdict == .proved)
        }
    }

    @Test("--format swift and latex, with --cse")
    func formats() {
        #expect(symdiff(["grad", "sigmoid(w*x + b)", "--wrt", "w,b", "--cse", "--format", "swift"]).output == """
            let s0 = (1 / (1 + Foundation.exp(-(b + w * x))))
            let s1 = 1.0 - s0
            let d_w = s0 * s1 * x
            let d_b = s0 * s1

            """)
        #expect(symdiff(["grad", "sigmoid(w*x + b)", "--wrt", "w,b", "--cse", "--format", "latex"]).output == """
            f = \\sigma{\\left(b + w x \\right)}
            s_{0} = \\sigma{\\left(b + w x \\right)}
            s_{1} = 1 - s_{0}
            \\frac{\\partial f}{\\partial w} = s_{0} s_{1} x
            \\frac{\\partial f}{\\partial b} = s_{0} s_{1}

            """)
    }

    @Test("--format json lists definitions and partials")
    func json() {
        #expect(symdiff(["grad", "exp(a*b)", "--cse", "--format", "json"]).output
            == #"{"input":"exp(a*b)","wrt":["a","b"],"definitions":[{"name":"s0","value":"exp(a*b)"}],"gradient":[{"wrt":"a","result":"b*s0","latex":"b s_{0}"},{"wrt":"b","result":"a*s0","latex":"a s_{0}"}]}"# + "\n")
    }

    @Test("the examples in the help text print what they claim")
    func helpExamples() {
        let help = symdiff(["help", "grad"]).output
        #expect(help.contains("""
              $ symdiff grad "(w*x + b - t)**2/2" --wrt w,b
              d/dw = x*(b - t + w*x)
              d/db = b - t + w*x
            """))
        #expect(help.contains(symdiff(["grad", "sigmoid(w*x + b)", "--wrt", "w,b", "--cse"]).output
            .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")))
    }

    @Test("usage errors exit 2", arguments: [
        (["grad"], "symdiff grad: missing argument"),
        (["grad", "x", "--wrt", "x,"], "symdiff grad: --wrt expects symbol names separated by commas, got ''"),
        (["grad", "x", "--order", "2"], "symdiff grad: unknown option '--order'"),
    ])
    func usageErrors(_ row: ([String], String)) {
        let run = symdiff(row.0)
        #expect(run.status == 2)
        #expect(run.errors == row.1 + "\nSee 'symdiff help grad'.\n")
    }
}

@Suite("symdiff help")
struct HelpTests {
    @Test("--help lists the expression commands with their one-line summaries")
    func overview() {
        let run = symdiff(["--help"])
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n")
        for (name, abstract) in [
            ("diff", "Differentiate an expression (successively, like SymPy's diff(f, x, y))."),
            ("simplify", "Simplify an expression."),
            ("eval", "Evaluate an expression at a point."),
            ("equal", "Decide whether two expressions are equal."),
            ("grad", "Reverse-mode gradient of an expression, optionally with shared subexpressions named."),
        ] {
            #expect(lines.contains { $0.hasPrefix("  \(name) ") && $0.hasSuffix(" " + abstract) }, "\(name)")
        }
    }

    @Test("every command's help has usage, options and examples", arguments: ["diff", "simplify", "eval", "equal", "grad"])
    func commandHelp(_ name: String) {
        let run = symdiff(["help", name])
        #expect(run.status == 0)
        #expect(run.output.contains("Usage: symdiff \(name) "))
        #expect(run.output.contains("Examples:\n  $ symdiff \(name) "))
        #expect(run.output.contains("Exit status:"))
        #expect(symdiff([name, "--help"]).output == run.output)
    }
}
