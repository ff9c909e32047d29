import Foundation
import Testing
import SymDiff
import Language
import Checker

/// Issue 17, hostile input for the LaTeX and Markdown readers: each case is a
/// positioned error or a skipped formula, quickly, never a crash; what can be
/// read around it still is. Expected values are worked by hand.
@Suite("LaTeX and Markdown readers under hostile input")
struct DocumentLimitsTests {
    static let depth = 100_000

    @Test("\\frac nested 100,000 deep reads, and evaluates to y (an even number of reciprocals)")
    func deepFractions() throws {
        let text = String(repeating: "\\frac{1}{", count: Self.depth) + "y" + String(repeating: "}", count: Self.depth)
        let e = try Expr.parseLatex(text)
        #expect(try e.evaluate(at: ["y": 2]) == 2)
    }

    @Test("\\frac nested 100,000 deep and never closed is one positioned error")
    func deepUnclosedFractions() {
        let text = String(repeating: "\\frac{1}{", count: Self.depth) + "y"
        do {
            _ = try Expr.parseLatex(text)
            Issue.record("read an unclosed group")
        } catch let error as SourceError {
            #expect(error.line == 1 && error.column >= 1 && error.column <= text.unicodeScalars.count + 1, "\(error)")
            #expect(error.message.contains("never closed"), "\(error.message)")
        } catch {
            Issue.record("not a positioned error: \(error)")
        }
    }

    @Test("unbalanced braces and \\begin without \\end are skipped with positions; the next formula is still proved")
    func unbalanced() {
        let text = """
            First $$\\frac{1}{2$$ then

            $$\\begin{align} x = 1 $$

            $$ y = \\sigma(z $$

            $$\\frac{d}{dx} x^2 = 2x$$
            """
        let report = DocumentChecker(format: .markdown).check(text)
        // Inside $$…$$ a \begin without \end ends with the display, so line 3 reads as x = 1.
        #expect(report.reading.errors.map(\.line) == [1, 5], "\(report.reading.errors)")
        #expect(report.derivation.claims.count == 1 && report.derivation.proved == 1)
    }

    @Test("a 5 MB Markdown file of prose with one claim: the claim is found and proved")
    func largeFile() {
        let paragraph = String(repeating: "Backpropagation applies the chain rule layer by layer, one local derivative at a time. ", count: 10)
        let text = String(repeating: paragraph + "\n\n", count: 5_800) + "$$\\frac{d}{dx} x^3 = 3x^2$$\n"
        #expect(text.utf8.count > 5_000_000)
        let report = DocumentChecker(format: .markdown).check(text)
        #expect(report.reading.formulaCount == 1)
        #expect(report.derivation.proved == 1)
    }

    /// 20,000 here to keep the debug-build suite quick; the reader is linear
    /// (`symdiff check` on 100,000 such formulas: see the README's limits).
    @Test("20,000 formulas, half of them unreadable: every one is counted, none is lost")
    func manyFormulas() {
        let count = 10_000
        var text = ""
        for i in 0..<count { text += "Term $x_{\(i)}$ and $\\frac{1}{2$ here.\n" }
        let report = DocumentChecker(format: .markdown).check(text)
        #expect(report.reading.formulaCount == 2 * count)
        #expect(report.reading.errors.count == count)
        #expect(report.reading.errors.last?.line == count)
    }
}
