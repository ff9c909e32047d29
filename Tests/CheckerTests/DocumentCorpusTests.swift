import Checker
import Language
import Testing

/// Short derivations written the way tutorials and answers write them, some
/// with real mistakes. Each claim's verdict is from SymPy or exact
/// arithmetic (beside it), not from symdiff.
@Suite("Document corpus")
struct DocumentCorpusTests {
    struct Document: CustomTestStringConvertible, Sendable {
        let name: String
        let format: DocumentFormat
        let text: String
        /// Claim text → expected status.
        let verdicts: [(String, ClaimResult.Status)]
        var testDescription: String { name }
    }

    static let documents: [Document] = basics + tutorials

    static let basics: [Document] = [
        Document(name: "Problem 1 with its model stated", format: .markdown, text: """
            A sigmoid neuron: $z = wx + b$, $\\hat{y} = \\sigma(z)$, $L = \\frac{1}{2}(\\hat{y} - y)^2$.
            Take $x = 0.5$, $w = 1.2$, $b = -0.8$ and $y = 0$.
            $$z = 1.2 \\times 0.5 + (-0.8) = -0.2$$
            $$\\hat{y} = \\sigma(-0.2) \\approx 0.450$$
            $$\\frac{\\partial L}{\\partial b} = 0.450 \\times 0.248 = 0.112$$
            $$\\frac{\\partial L}{\\partial w} = 0.450 \\times 0.248 \\times 0.5 = 0.056$$
            """, verdicts: [
                ("1.2 \\times 0.5 + (-0.8) = -0.2", .proved),
                ("\\hat{y} = \\sigma(-0.2)", .proved),
                ("\\sigma(-0.2) = 0.450", .proved),                 // SymPy 0.450166002687522
                ("0.450 \\times 0.248 = 0.112", .proved),           // 0.1116
                // SymPy: sigma(-1/5)**2*(1 - sigma(-1/5)) = 0.111423546136613, outside 0.112 ± 0.0005
                ("whole chain: \\frac{\\partial L}{\\partial b} = 0.112", .refuted),
                // 0.0557117730683067 is within 0.056 ± 0.0005
                ("whole chain: \\frac{\\partial L}{\\partial w} = 0.056", .proved),
            ]),
        Document(name: "a sign slip in the sigmoid's derivative", format: .markdown, text: """
            $$\\sigma(z) = \\frac{1}{1+e^{-z}}$$
            Differentiating, $\\frac{d\\sigma}{dz} = \\frac{-e^{-z}}{(1+e^{-z})^2}$.
            And $\\frac{d}{dz}\\tanh(z) = 1 - \\tanh^2(z)$.
            """, verdicts: [
                ("\\sigma(z) = \\frac{1}{1+e^{-z}}", .proved),
                ("\\frac{d\\sigma}{dz} = \\frac{-e^{-z}}{(1+e^{-z})^2}", .refuted),   // diff(1/(1+exp(-z)), z) = exp(-z)/(1+exp(-z))**2
                ("\\frac{d}{dz}\\tanh(z) = 1 - \\tanh^2(z)", .proved),
            ]),
        Document(name: "a missing input factor", format: .markdown, text: """
            For an input $x$, let $z = wx + b$, $a = \\sigma(z)$ and $L = \\frac{1}{2}(a - y)^2$. Then
            $$\\frac{\\partial L}{\\partial w} = (a - y)\\, a (1 - a)$$
            $$\\frac{\\partial L}{\\partial b} = (a - y)\\, a (1 - a)$$
            """, verdicts: [
                ("\\frac{\\partial L}{\\partial w} = (a - y)\\, a (1 - a)", .refuted),   // SymPy: (a - y)*a*(1 - a)*x
                ("\\frac{\\partial L}{\\partial b} = (a - y)\\, a (1 - a)", .proved),
            ]),
        Document(name: "a dropped path through the second unit", format: .markdown, text: """
            Two units share the weight: $h_1 = \\sigma(ux)$, $h_2 = \\tanh(ux)$, $y = h_1 + h_2$.
            $$\\frac{\\partial y}{\\partial u} = h_1(1 - h_1)\\,x$$
            $$\\frac{\\partial y}{\\partial u} = h_1(1 - h_1)\\,x + (1 - h_2^2)\\,x$$
            """, verdicts: [
                ("\\frac{\\partial y}{\\partial u} = h_1(1 - h_1)\\,x", .refuted),   // misses (1 - tanh(u*x)**2)*x
                ("\\frac{\\partial y}{\\partial u} = h_1(1 - h_1)\\,x + (1 - h_2^2)\\,x", .proved),
            ]),
        Document(name: "a wrong index, in LaTeX", format: .latex, text: """
            \\documentclass{article}
            \\begin{document}
            \\begin{align}
            z_1 &= w_{11} x_1 + w_{12} x_2 \\label{eq:z1} \\\\
            z_2 &= w_{21} x_1 + w_{22} x_2 \\\\
            L &= \\frac{1}{2} (z_1 + z_2)^2
            \\end{align}
            % the gradient of the first unit's second weight
            \\begin{equation}
            \\frac{\\partial L}{\\partial w_{12}} = (z_1 + z_2)\\, x_1 \\tag{3}
            \\end{equation}
            and \\[ \\frac{\\partial L}{\\partial w_{21}} = (z_1 + z_2)\\, x_1. \\]
            \\end{document}
            """, verdicts: [
                ("\\frac{\\partial L}{\\partial w_{12}} = (z_1 + z_2)\\, x_1", .refuted),   // SymPy: (z1 + z2)*x2
                ("\\frac{\\partial L}{\\partial w_{21}} = (z_1 + z_2)\\, x_1", .proved),
            ]),
        Document(name: "a rounding slip in a worked derivative", format: .markdown, text: """
            $$
            \\begin{aligned}
            \\sigma(0.5) &= \\frac{1}{1 + e^{-0.5}} \\\\
                         &\\approx 0.6225
            \\end{aligned}
            $$
            so $\\sigma'(0.5) = 0.6225(1 - 0.6225) = 0.2530$.
            """, verdicts: [
                ("\\sigma(0.5) = \\frac{1}{1 + e^{-0.5}}", .proved),
                ("\\frac{1}{1 + e^{-0.5}} = 0.6225", .proved),                  // SymPy 0.622459331202
                ("\\sigma'(0.5) = 0.6225(1 - 0.6225)", .proved),               // 0.235003712 vs 0.23499375
                ("0.6225(1 - 0.6225) = 0.2530", .refuted),                     // 0.23499375: digits swapped
            ]),
        Document(name: "update rules with a sign error", format: .markdown, text: """
            With $L = \\frac{1}{2}(wx - y)^2$ and rate $\\eta$:
            $$w \\leftarrow w - \\eta\\,(wx - y)\\,x$$
            $$w \\leftarrow w + \\eta\\,(wx - y)\\,x$$
            ```python
            w = w - lr * grad   # code, not maths
            ```
            """, verdicts: [
                ("w \\leftarrow w - \\eta\\,(wx - y)\\,x", .proved),   // dL/dw = (w*x - y)*x
                ("w \\leftarrow w + \\eta\\,(wx - y)\\,x", .refuted),
            ]),
    ]

    @Test("each claim gets the verdict SymPy or exact arithmetic gives", arguments: DocumentCorpusTests.documents)
    func verdicts(_ document: Document) {
        let report = DocumentChecker(format: document.format).check(document.text)
        #expect(report.derivation.errors.isEmpty, "\(report.derivation.errors)")
        for (text, status) in document.verdicts {
            let claim = report.derivation.claims.first { $0.text == text }
            #expect(claim?.status == status, "\(text): \(claim?.summary ?? "not found among \(report.derivation.claims.map(\.text))")")
        }
    }

    @Test("a chain whose steps hold to their rounding but whose ends do not says so")
    func roundedChain() {
        let report = DocumentChecker(format: .markdown).check(DocumentCorpusTests.documents[0].text)
        #expect(report.text().contains("each step holds to its rounding, but the chain from its first side to its last does not"))
    }
}
