import Checker
import Language
import Testing

/// What a reader of a document report sees: the author's notation, never
/// the names the reader made up internally (`y_hat_v2`, `w_12__2`).
@Suite("Document reports")
struct DocumentReportTests {
    @Test("a made-up name is shown as the document wrote it; commands and other words are left alone", arguments: [
        ("d(L)/d(y_hat_v2) == y_hat_v2 - y", "d(L)/d(\\hat{y}) == \\hat{y} - y"),
        ("at w_12__2=2.4, alpha=0.1", "at w_{12}^{(2)}=2.4, alpha=0.1"),
        ("\\hat{y_hat}", "\\hat{\\hat{y}}"),
        ("\\y_hat stays a command", "\\y_hat stays a command"),
        ("xy_hat is another name", "xy_hat is another name"),
        ("", ""),
    ])
    func shownNames(_ text: String, _ expected: String) {
        let names = DisplayNames(["y_hat": "\\hat{y}", "y_hat_v2": "\\hat{y}", "w_12__2": "w_{12}^{(2)}"])
        #expect(names.shown(text) == expected)
    }

    @Test("verdicts on a redefined decorated name and on an indexed weight print the document's notation")
    func reportUsesNotation() {
        let text = """
            A line: $\\hat{y} = w_{12}^{(2)} x$, $L = \\frac{1}{2}(\\hat{y} - y)^2$.
            $$\\frac{\\partial L}{\\partial w_{12}^{(2)}} = (\\hat{y} - y)$$
            Now a neuron: $\\hat{y} = \\sigma(w_{12}^{(2)} x)$.
            $$\\frac{\\partial \\hat{y}}{\\partial w_{12}^{(2)}} = \\hat{y}\\,x$$
            """
        let report = DocumentChecker(format: .markdown).check(text)
        // SymPy: diff((w*x - y)**2/2, w) = x*(w*x - y), not w*x - y;
        // diff(sigmoid(w*x), w) = x*s*(1 - s), not s*x.
        #expect(report.derivation.claims.map(\.status) == [.refuted, .refuted])
        let shown = report.text()
        for madeUp in ["y_hat", "w_12", "__2", "_v2"] { #expect(!shown.contains(madeUp), "\(madeUp) in:\n\(shown)") }
        #expect(shown.contains("\\hat{y}"))
    }

    @Test("a name first defined as a function and later as a value: a claim before the value is not judged by it")
    func functionThenValue() {
        // Seed 002, appendix: f(w) = Aw, then ∂f/∂w = 2Aw (for f = wᵀAw), then f = g(h(x)).
        let text = """
            For $f(w) = A w$ where $A$ is constant. If $A$ is symmetric: $\\frac{\\partial f}{\\partial w} = 2 A w$.
            For $f = g(h(x))$: nothing here depends on $w$.
            """
        let report = DocumentChecker(format: .markdown).check(text)
        #expect(report.derivation.refuted == 0)
        #expect(report.reading.notes.contains { $0.text.hasPrefix("line 2 redefines f, was the function f(w)") })
    }

    @Test("a chain with a side that cannot be read still checks the steps between the sides that can")
    func partlyReadableChain() {
        let text = """
            Let $p = wx$ and $L = (p - y)^2$.
            $$\\frac{\\partial L}{\\partial w} = 2(p - y)x = \\sum_{j \\in V} 2(p - y)x = 2(p - y)\\cdot x = 2(p + y) x$$
            """
        let report = DocumentChecker(format: .markdown).check(text)
        // SymPy: diff((w*x - y)**2, w) = 2*x*(w*x - y); 2*(p - y)*x - 2*(p + y)*x = -4*x*y, not 0.
        #expect(report.derivation.claims.map(\.text) == ["\\frac{\\partial L}{\\partial w} = 2(p - y)x", "2(p - y)\\cdot x = 2(p + y) x"])
        #expect(report.derivation.claims.map(\.status) == [.proved, .refuted])
        #expect(report.derivation.errors.count == 1)
    }
}
