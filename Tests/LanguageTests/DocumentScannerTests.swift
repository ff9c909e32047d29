import Language
import SymDiff
import Testing

/// Where a document's maths is found, and what of a formula is decoration.
@Suite("Document scanner")
struct DocumentScannerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let document: String
        let format: DocumentFormat
        /// The maths found, as written between the delimiters.
        let maths: [String]
        var testDescription: String { document }
    }

    static let cases: [Case] = [
        Case(document: "Let $u = 1 + e^{-z}$, so $\\sigma(z) = u^{-1}$.", format: .markdown, maths: ["u = 1 + e^{-z}", "\\sigma(z) = u^{-1}"]),
        Case(document: "$$\\frac{d\\sigma}{dz} = 1$$Since", format: .markdown, maths: ["\\frac{d\\sigma}{dz} = 1"]),
        Case(document: "inline \\(a = b\\) and display \\[c = d\\]", format: .markdown, maths: ["a = b", "c = d"]),
        Case(document: "costs $5 and $6 today, and \\$x = 1\\$ is prose", format: .markdown, maths: []),
        Case(document: "```python\nx = 1  # $y = 2$\n```\n```math\nz = 3\n```\n", format: .markdown, maths: ["z = 3\n"]),
        Case(document: "`code $a = 1$` then $b = 2$", format: .markdown, maths: ["b = 2"]),
        Case(document: "<!-- $a = 1$ --> $b = 2$", format: .markdown, maths: ["b = 2"]),
        Case(document: "\\begin{align*}a &= b\\end{align*}", format: .markdown, maths: ["\\begin{align*}a &= b\\end{align*}"]),
        Case(document: "\\documentclass{article}$p = 1$\\begin{document}% $q = 2$\n\\begin{equation}r = 3\\end{equation}\\end{document}",
             format: .latex, maths: ["\\begin{equation}r = 3\\end{equation}"]),
    ]

    @Test("maths is found between its delimiters, and code, comments and prices are not maths", arguments: DocumentScannerTests.cases)
    func regions(_ c: Case) {
        let doc = DocumentText(c.document)
        let found = MathScanner(doc, format: c.format).scan().regions.map { String(String.UnicodeScalarView(doc.scalars[$0.content])) }
        #expect(found == c.maths)
    }

    struct Cleaning: CustomTestStringConvertible, Sendable {
        let formula: String
        /// The statements' texts, as the reader keeps them.
        let claims: [String]
        var testDescription: String { formula }
    }

    static let cleanings: [Cleaning] = [
        Cleaning(formula: "$$\\frac{d}{dx}x^2 = 2x \\quad (12).$$", claims: ["\\frac{d}{dx}x^2 = 2x"]),
        Cleaning(formula: "$$\\frac{d}{dx}x^2 = 2x \\tag{3}\\label{eq:a}$$", claims: ["\\frac{d}{dx}x^2 = 2x"]),
        Cleaning(formula: "$$\\frac{d}{dx}x^2 = 2x \\quad (\\text{power rule})$$", claims: ["\\frac{d}{dx}x^2 = 2x"]),
        Cleaning(formula: "$$\\text{Layer 1: } \\frac{d}{dx}x^2 = 2x,$$", claims: ["\\frac{d}{dx}x^2 = 2x"]),
        Cleaning(formula: "$$\\boxed{\\frac{d}{dx}x^2 = 2x}$$", claims: ["\\frac{d}{dx}x^2 = 2x"]),
        Cleaning(formula: "$$\\begin{aligned}\\frac{d}{dx}x^3 &= 3x^2 \\\\ \\frac{d}{dx}x^2 &= 2x\\end{aligned}$$",
                 claims: ["\\frac{d}{dx}x^3 = 3x^2", "\\frac{d}{dx}x^2 = 2x"]),
        Cleaning(formula: "$$\\begin{align*}\\frac{d}{dx}(x+1)^2 &= 2(x+1) \\\\ &= 2x + 2\\end{align*}$$",
                 claims: ["\\frac{d}{dx}(x+1)^2 = 2(x+1) = 2x + 2"]),
    ]

    @Test("tags, labels, equation numbers, annotations and punctuation are not part of the claim; rows split at \\\\",
          arguments: DocumentScannerTests.cleanings)
    func cleaning(_ c: Cleaning) {
        let reading = DocumentReader(format: .markdown).read(c.formula)
        #expect(reading.errors.isEmpty, "\(reading.errors)")
        let texts = reading.statements.compactMap { statement -> String? in
            if case .claim(let claim) = statement { return claim.text }
            return nil
        }
        #expect(texts == c.claims)
    }

    @Test("a formula's position is its place in the document, so errors point into it")
    func positions() throws {
        let reading = DocumentReader(format: .markdown).read("Intro.\n\nThen $a = \\foo{b}$ here.")
        let error = try #require(reading.errors.first)
        #expect(error.line == 3)
        #expect(error.column == 11)
        #expect(error.message.contains("\\foo"))
    }

    @Test("inequalities, set membership and bare expressions are skipped with a reason; a shape in R^{r x c} is a declaration")
    func skipped() {
        let reading = DocumentReader(format: .markdown).read("$W \\in \\mathbb{R}^{2 \\times 3}$, $y \\in S$, $x > 0$, $\\ell$")
        #expect(reading.skipped.map(\.line) == [1, 1, 1])
        #expect(reading.notes.map(\.text) == ["declares W as 2x3"])
        #expect(reading.skipped.allSatisfy { !$0.reason.isEmpty })
        #expect(reading.statements.isEmpty)
    }
}
