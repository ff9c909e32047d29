import Foundation
import Testing
import SymDiff
import Notebooks

/// Findings of the LaTeX and session fuzz targets (`fuzz/run.sh latex|session`),
/// kept so the fixes stay fixed.
@Suite("LaTeX and session fuzzer findings stay fixed")
struct ReaderFuzzRegressionTests {
    /// The fuzzer's LaTeX seed `\sigma(w_{11}^{(1)} x_1 + b_1)`: its printout
    /// first used `w\_11\_\_1` (no reader reads `\_`), then `\sigma{\left(…\right)}`
    /// read back as the product sigma·(…). Printing then reading must give the
    /// same printout, and for these the same expression.
    @Test("printed LaTeX reads back to the same expression", arguments: [
        "\\sigma(w_{11}^{(1)} x_1 + b_1)",
        "\\sigma(z)(1 - \\sigma(z))",
        "\\tanh(a^{(2)}) + \\sigma(z_1^{(3)})^2",
    ])
    func latexRoundTrip(_ text: String) throws {
        let e = try Expr.parseLatex(text)
        #expect(try Expr.parseLatex(e.latex) == e, "\(e.latex)")
    }

    /// `\hat{5555555555555y}` made a symbol whose name starts with digits; it
    /// printed as `5555555555555y_{hat}`, which reads back as a product.
    @Test("a decorated name must start with a letter", arguments: ["\\hat{5y}", "\\mathbf{1}", "\\frac{1}{2}(y - \\hat{5555555555555y}2)^2"])
    func decoratedNameStartsWithALetter(_ text: String) {
        #expect(throws: SourceError.self) { try Expr.parseLatex(text) }
    }

    /// SymPy's `latex(Function('sigma')(z))` and symdiff's printer write `\sigma{\left(z \right)}`.
    @Test("\\sigma applied to a braced group is the sigmoid, not sigma times the group", arguments: [
        ("\\sigma{\\left(z \\right)}", "sigmoid(z)"),
        ("\\sigma{(z)}", "sigmoid(z)"),
        ("\\sigma^{2}{\\left(z \\right)}", "sigmoid(z)**2"),
        ("\\sigma{x}", "sigma*x"),                       // no parenthesis: the Greek letter
    ])
    func sigmaOfGroup(_ row: (String, String)) throws {
        #expect(try Expr.parseLatex(row.0) == Expr.parse(row.1))
    }

    /// Open finding: the LaTeX letter E is a symbol (tutorials' error E), but
    /// it prints as `E`, which SymPy syntax reads as the constant E, so the
    /// SymPy-syntax round trip changes the expression. Kept as a known issue
    /// until one side renames it.
    @Test("a LaTeX symbol E round-trips through SymPy syntax (known issue)")
    func symbolE() throws {
        let e = try Expr.parseLatex("\\sqrt{EArray1}")
        let reread = try Expr.parse(e.description)
        withKnownIssue("the symbol E prints as the constant E") {
            #expect(reread == e)
        }
    }

    /// A claim continued over two lines (brackets open) reported its error at
    /// line 1 with a column counted through the line break (line 1, column 30
    /// for what is at line 2, column 6).
    @Test("an error in a session claim continued over lines points at its own line")
    func claimAcrossLines() throws {
        let output = Session().run("claim d(L)/d(w) == (a +\nb) + d(L)/V(w)\n")
        guard case .error(let error)? = output.entries.first else {
            Issue.record("no error: \(output.text)"); return
        }
        #expect((error.line, error.column) == (2, 6), "\(error)")
    }

    /// The same for an error the checker finds after parsing (an unknown name):
    /// it was placed at line 2, column 15 for the `s` at line 3, column 5.
    @Test("an unknown name in a session claim continued over lines points at its own line")
    func unknownNameAcrossLines() throws {
        let output = Session().run("L = w*x\nclaim d(L\n)/d(s) == 1\n")
        guard case .error(let error)? = output.entries.first else {
            Issue.record("no error: \(output.text)"); return
        }
        #expect((error.line, error.column) == (3, 5), "\(error)")
        #expect(error.message.contains("'s'"), "\(error.message)")
    }
}
