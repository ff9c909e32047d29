import Foundation
import Testing
@testable import SymDiffCommands

private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `--format mathml` wherever `latex` is offered, and `check --format html`.
@Suite("MathML and HTML output")
struct MathMLFormatTests {
    @Test("diff, simplify and grad print MathML", arguments: [
        // d/dx x²/2 = x by hand; simplify of x + x is 2x; the gradient of x·y is (y, x).
        (["diff", "x**2/2", "--wrt", "x", "--format", "mathml"], "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>\n"),
        (["simplify", "x + x", "--format", "mathml"], "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mi>x</mi></mrow></math>\n"),
    ])
    func mathml(_ arguments: [String], _ expected: String) {
        let run = symdiff(arguments)
        #expect(run.status == 0)
        #expect(run.output == expected)
    }

    @Test("grad --format mathml prints f and each partial as a displayed equation")
    func gradMathML() {
        let run = symdiff(["grad", "x*y", "--wrt", "x,y", "--format", "mathml"])
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">") })
        #expect(lines[1].hasSuffix("<mo>=</mo><mi>y</mi></mrow></math>"))
    }

    @Test("check --format html prints a page for a document and refuses a derivation file")
    func checkHTML() {
        let example = repository.appendingPathComponent("derivations/example-sigmoid-tutorial.md").path
        let page = symdiff(["check", example, "--format", "html"])
        #expect(page.status == 1)   // the example has three wrong claims
        #expect(page.output.hasPrefix("<!DOCTYPE html>"))
        #expect(page.output.contains("<mfrac>"))
        let text = repository.appendingPathComponent("derivations/example-sigmoid-neuron.txt").path
        let refused = symdiff(["check", text, "--format", "html"])
        #expect(refused.status == 2)
        #expect(refused.errors.contains("--format html needs a Markdown or LaTeX document"))
    }
}
