import Testing
@testable import SymDiffCommands

/// Runs `symdiff ARGS` in-process: (exit status, stdout, stderr).
private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

/// Expressions with a backslash are read as LaTeX (issue 12).
@Suite("LaTeX input on the command line")
struct LatexInputCommandTests {
    @Test("diff of the sigmoid written in LaTeX; SymPy: diff(1/(1 + exp(-z)), z) = exp(-z)/(1 + exp(-z))**2")
    func diffReadsLatex() {
        let run = symdiff(["diff", "\\frac{1}{1+e^{-z}}", "--wrt", "z"])
        #expect(run.status == 0)
        #expect(run.output == "exp(-z)/(exp(-z) + 1)**2\n")
    }

    @Test("equal proves σ(1 − σ) = e^{-z}/(1 + e^{-z})², as SymPy's simplify of their difference gives 0")
    func equalReadsLatex() {
        let run = symdiff(["equal", "\\sigma(z)(1-\\sigma(z))", "\\frac{e^{-z}}{(1+e^{-z})^2}"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("equal: proved"))
    }

    @Test("an unknown command is a positioned error naming it")
    func unknownCommand() {
        let run = symdiff(["diff", "x + \\foo{y}", "--wrt", "x"])
        #expect(run.status == 2)
        #expect(run.errors.contains("line 1, column 5: unknown LaTeX command \\foo"))
    }
}
