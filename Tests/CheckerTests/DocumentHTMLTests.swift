import Checker
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Language
import SymDiff
import Testing

/// `symdiff check --format html`: a checked copy of the document that an XML
/// parser accepts, with each formula as MathML and its marks beside it.
@Suite("Document HTML")
struct DocumentHTMLTests {
    /// Parses `text` as XML; the element names in document order, or the parser's error.
    final class Elements: NSObject, XMLParserDelegate {
        var names: [String] = []
        var classes: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            names.append(name)
            if let c = attributes["class"] { classes.append(c) }
        }
    }

    static func parse(_ text: String) -> (ok: Bool, elements: Elements, error: String) {
        let parser = XMLParser(data: Data(text.utf8))
        let elements = Elements()
        parser.delegate = elements
        let ok = parser.parse()
        return (ok, elements, parser.parserError.map { "\($0)" } ?? "")
    }

    @Test("seed 001's page is well-formed, draws its fractions as MathML and marks every kind of verdict")
    func seed001Page() throws {
        let text = try DocumentSeedTests.seed("001")
        let report = DocumentChecker(format: .markdown).check(text)
        let page = DocumentHTML.page(text, format: .markdown, report: report, title: "001.md")
        let parsed = DocumentHTMLTests.parse(page)
        #expect(parsed.ok, "\(parsed.error)")
        #expect(parsed.elements.names.filter { $0 == "mfrac" }.count > 20)
        #expect(parsed.elements.names.contains("h2") || parsed.elements.names.contains("h1") || parsed.elements.names.contains("p"))
        for kind in ["mark ok", "mark undecided", "mark skipped"] { #expect(parsed.elements.classes.contains(kind), "\(kind)") }
        #expect(page.contains("<mi>σ</mi>"))
    }

    @Test("a wrong step is highlighted with its explanation; prose, lists, code and comments are kept or dropped as written")
    func wrongStepHighlighted() {
        let text = """
            # A neuron

            Let $z = wx + b$ and $\\hat{y} = \\sigma(z)$, with $L = \\frac{1}{2}(\\hat{y} - y)^2$. <!-- symdiff: rate \\eta -->

            - first: $$\\frac{\\partial L}{\\partial b} = \\hat{y} - y$$
            - second, **bold** and `code < 1`

            ```python
            w = w - lr * grad & <done>
            ```
            """
        let report = DocumentChecker(format: .markdown).check(text)
        let page = DocumentHTML.page(text, format: .markdown, report: report, title: "a & b.md")
        let parsed = DocumentHTMLTests.parse(page)
        #expect(parsed.ok, "\(parsed.error)")
        // SymPy: diff((sigmoid(w*x + b) - y)**2/2, b) has the factor sigmoid'(z), so ŷ - y is wrong.
        #expect(parsed.elements.classes.contains("formula wrong"))
        #expect(parsed.elements.classes.contains("mark wrong"))
        #expect(page.contains("<h1>A neuron</h1>"))
        #expect(page.contains("<strong>bold</strong>") && page.contains("<code>code &lt; 1</code>"))
        #expect(page.contains("<pre><code>w = w - lr * grad &amp; &lt;done&gt;</code></pre>"))
        #expect(!page.contains("symdiff: rate"))
        #expect(parsed.elements.names.filter { $0 == "li" }.count == 2)
    }

    @Test("a LaTeX document's page drops the preamble and turns sections into headings")
    func latexPage() {
        let text = """
            \\documentclass{article}
            \\usepackage{amsmath}
            \\begin{document}
            \\section{A tanh unit}
            Let $h = \\tanh(wx + b)$. % a comment
            \\begin{equation}
            \\frac{\\partial h}{\\partial w} = (1 - h^2)\\, x \\label{eq:1}
            \\end{equation}
            \\end{document}
            """
        let report = DocumentChecker(format: .latex).check(text)
        let page = DocumentHTML.page(text, format: .latex, report: report, title: "t.tex")
        #expect(DocumentHTMLTests.parse(page).ok)
        #expect(page.contains("<h2>A tanh unit</h2>"))
        #expect(!page.contains("usepackage") && !page.contains("a comment"))
        #expect(page.contains("formula ok"))   // SymPy: diff(tanh(w*x + b), w) = (1 - tanh(w*x + b)**2)*x
    }

    @Test("MathML of LaTeX as documents write it", arguments: [
        ("\\frac{1}{2}", "<mfrac><mn>1</mn><mn>2</mn></mfrac>"),
        ("x^2", "<msup><mi>x</mi><mn>2</mn></msup>"),
        ("w_{11}^{(1)}", "<msubsup><mi>w</mi><mn>11</mn><mrow><mo stretchy=\"false\">(</mo><mn>1</mn><mo stretchy=\"false\">)</mo></mrow></msubsup>"),
        ("\\hat{y}", "<mover accent=\"true\"><mi>y</mi><mo>^</mo></mover>"),
        ("\\sigma'(z)", "<msup><mi>σ</mi><mo>′</mo></msup><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo>"),
        ("a < b", "<mi>a</mi><mo>&lt;</mo><mi>b</mi>"),
        ("\\sqrt{x}", "<msqrt><mi>x</mi></msqrt>"),
        ("\\begin{cases} 1 & z > 0 \\\\ 0 & z \\le 0 \\end{cases}", "<mtable"),
        ("\\text{if } x", "<mtext>if\u{00A0}</mtext>"),
        ("\\unknown{x}", "<mtext>\\unknown</mtext>"),
        ("x }", "<mo>}</mo>"),
    ])
    func mathML(_ latex: String, _ expected: String) {
        let math = MathMLPrinter.render(latex: latex)
        #expect(math.contains(expected), "\(math)")
        #expect(DocumentHTMLTests.parse(math).ok, "\(math)")
    }

    @Test("an expression prints as MathML through its LaTeX")
    func expressionMathML() throws {
        let math = MathMLPrinter.print(try Expr.parse("exp(-z)/(1 + exp(-z))**2"))
        #expect(math.contains("<mfrac>") && math.contains("<mi>e</mi>"))
        #expect(DocumentHTMLTests.parse(math).ok)
    }

    @Test("deeply nested braces fall back to text instead of exhausting the stack")
    func deepBraces() {
        let latex = String(repeating: "{", count: 100_000) + "x" + String(repeating: "}", count: 100_000)
        let math = MathMLPrinter.render(latex: latex)
        #expect(math.contains("<mtext>"))
        #expect(DocumentHTMLTests.parse(math).ok)
    }
}
