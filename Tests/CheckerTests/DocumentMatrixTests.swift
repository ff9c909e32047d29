import Checker
import Language
import Testing

/// Matrix formulas in documents: declarations give shapes, definitions go
/// into a matrix scope, claims are judged entry by entry. Expected verdicts
/// are worked by hand: with z = W x + b and L = ½‖z − t‖², ∂L/∂z = z − t
/// and ∂L/∂W_ij = (z − t)_i x_j, i.e. δ xᵀ (000 A.4), which has W's shape.
@Suite("Document matrix claims")
struct DocumentMatrixTests {
    static let a4 = """
        Let $\\mathbf{W}_1 \\in \\mathbb{R}^{2 \\times 3}$, $\\mathbf{x} \\in \\mathbb{R}^{3}$,
        $\\mathbf{b}_1 \\in \\mathbb{R}^{2}$ and $\\mathbf{t} \\in \\mathbb{R}^{2}$.
        $$\\mathbf{z}_1 = \\mathbf{W}_1 \\mathbf{x} + \\mathbf{b}_1$$
        $$L = \\frac{1}{2}\\|\\mathbf{z}_1 - \\mathbf{t}\\|^2$$
        $$\\boldsymbol{\\delta} = \\frac{\\partial L}{\\partial \\mathbf{z}_1}$$

        """

    @Test("000 A.4 at declared sizes: each claim's verdict and what the report says", arguments: [
        // δ xᵀ: 2x1 times 1x3 is 2x3, entry (i, j) = (z − t)_i x_j.
        ("\\frac{\\partial L}{\\partial \\mathbf{W}_1} = \\boldsymbol{\\delta} \\mathbf{x}^\\top", ClaimResult.Status.proved,
         "proved at the declared sizes"),
        ("\\frac{\\partial L}{\\partial \\mathbf{W}_1} = \\boldsymbol{\\delta} \\mathbf{x}^{\\mathsf{T}}", .proved, "proved at the declared sizes"),
        ("\\frac{\\partial L}{\\partial \\mathbf{z}_1} = \\mathbf{z}_1 - \\mathbf{t}", .proved, "proved at the declared sizes"),
        // x δᵀ is 3x2: W's transpose's shape.
        ("\\frac{\\partial L}{\\partial \\mathbf{W}_1} = \\mathbf{x} \\boldsymbol{\\delta}^\\top", .refuted,
         "shape mismatch: left side is 2x3, right side is 3x2: the right side has the transposed shape"),
        // The transpose left out: a 2x1 times a 3x1 is no matrix at all.
        ("\\frac{\\partial L}{\\partial \\mathbf{W}_1} = \\boldsymbol{\\delta} \\mathbf{x}", .refuted, "cannot multiply 2x1 by 3x1"),
        // Twice the gradient differs at entry (1, 1) wherever (z − t)_1 x_1 ≠ 0.
        ("\\frac{\\partial L}{\\partial \\mathbf{W}_1} = 2 \\boldsymbol{\\delta} \\mathbf{x}^\\top", .refuted, "entry (1, 1) differs"),
    ])
    func a4Claims(_ claim: String, _ status: ClaimResult.Status, _ said: String) {
        let report = DocumentChecker(format: .markdown).check(DocumentMatrixTests.a4 + "$$\(claim)$$\n")
        #expect(report.derivation.errors.isEmpty, "\(report.text())")
        #expect(report.derivation.claims.map(\.status) == [status], "\(report.text())")
        #expect(report.text().contains(said), "\(report.text())")
    }

    @Test("symbolic sizes: a claim that holds at the sizes tried is undecided and says where it holds, never proved")
    func symbolicSizes() {
        let report = DocumentChecker(format: .markdown).check("""
            Let $\\mathbf{W} \\in \\mathbb{R}^{n \\times d}$ and $\\mathbf{x} \\in \\mathbb{R}^{d}$, $\\mathbf{t} \\in \\mathbb{R}^{n}$.
            $$L = \\frac{1}{2}\\|\\mathbf{W}\\mathbf{x} - \\mathbf{t}\\|_2^2$$
            $$\\frac{\\partial L}{\\partial \\mathbf{W}} = (\\mathbf{W}\\mathbf{x} - \\mathbf{t})\\mathbf{x}^T$$
            """)
        #expect(report.derivation.claims.map(\.status) == [.undecided], "\(report.text())")
        let text = report.text()
        #expect(text.contains("? line 3"))
        #expect(text.contains("holds at sizes d=2, n=3 and d=3, n=4; not proved for every size"), "\(text)")
        #expect(!text.contains("proved at"))
    }

    @Test("bold names nobody declares get sizes from the products that use them")
    func undeclaredBoldNames() {
        let report = DocumentChecker(format: .markdown).check("""
            $$\\mathbf{z} = \\mathbf{W}\\mathbf{x}$$
            $$L = \\frac{1}{2}\\|\\mathbf{z}\\|^2$$
            $$\\frac{\\partial L}{\\partial \\mathbf{W}} = \\mathbf{z}\\mathbf{x}^\\top$$
            $$\\frac{\\partial L}{\\partial \\mathbf{W}} = \\mathbf{x}\\mathbf{z}^\\top$$
            """)
        #expect(report.derivation.claims.map(\.status) == [.undecided, .refuted], "\(report.text())")
        #expect(report.text().contains("not proved for every size"))
        #expect(report.text().contains("transposed shape"))
    }

    @Test("003's δ recursion through a sigmoid layer: δ₁ = (W₂ᵀ δ₂) ⊙ σ′(z₁)")
    func deltaRecursion() {
        // By hand: L = ½‖W₂ σ(z₁) + b₂ − t‖², ∂L/∂z₁ = σ′(z₁) ⊙ W₂ᵀ(z₂ − t), with δ₂ = z₂ − t.
        let report = DocumentChecker(format: .markdown).check("""
            Let $\\mathbf{x} \\in \\mathbb{R}^{2}$, $\\mathbf{W}_1 \\in \\mathbb{R}^{3 \\times 2}$, $\\mathbf{W}_2 \\in \\mathbb{R}^{2 \\times 3}$,
            $\\mathbf{b}_2 \\in \\mathbb{R}^{2}$, $\\mathbf{t} \\in \\mathbb{R}^{2}$.
            $$\\mathbf{z}_1 = \\mathbf{W}_1 \\mathbf{x}$$
            $$\\mathbf{a}_1 = \\sigma(\\mathbf{z}_1)$$
            $$\\mathbf{z}_2 = \\mathbf{W}_2 \\mathbf{a}_1 + \\mathbf{b}_2$$
            $$L = \\frac{1}{2}\\|\\mathbf{z}_2 - \\mathbf{t}\\|^2$$
            $$\\boldsymbol{\\delta}_2 = \\frac{\\partial L}{\\partial \\mathbf{z}_2}$$
            $$\\frac{\\partial L}{\\partial \\mathbf{z}_1} = (\\mathbf{W}_2^\\top \\boldsymbol{\\delta}_2) \\odot \\sigma'(\\mathbf{z}_1)$$
            $$\\frac{\\partial L}{\\partial \\mathbf{z}_1} = (\\mathbf{W}_2 \\boldsymbol{\\delta}_2) \\odot \\sigma'(\\mathbf{z}_1)$$
            """)
        #expect(report.derivation.claims.map(\.status) == [.proved, .refuted], "\(report.text())")
        #expect(report.text().contains("cannot multiply 2x3 by 2x1"), "\(report.text())")
    }

    @Test("a scalar document is read as before: no matrix claims")
    func scalarDocumentUntouched() {
        let report = DocumentChecker(format: .markdown).check("""
            Let $z = wx + b$ and $\\hat{y} = \\sigma(z)$.
            $$\\frac{\\partial \\hat{y}}{\\partial w} = \\hat{y}(1 - \\hat{y})\\,x$$
            """)
        #expect(report.reading.matrixClaims.isEmpty)
        #expect(report.derivation.claims.map(\.status) == [.proved])
    }

    @Test("formulas the matrix reader does not own stay with the scalar reader", arguments: [
        // Entries written as names: w_1 and h_1 are the document's scalars, not unrelated symbols.
        "$$\\mathbf{w}^T \\mathbf{h} + b = w_1 h_1 + w_2 h_2 + b$$",
        // A function definition, not f times w.
        "$$f(\\mathbf{w}) = \\mathbf{w}^T \\mathbf{h}$$",
    ])
    func leftToScalarReader(_ formula: String) {
        let report = DocumentChecker(format: .markdown).check("""
            Let $\\mathbf{w} \\in \\mathbb{R}^{2}$ and $\\mathbf{h} \\in \\mathbb{R}^{2}$.
            \(formula)
            """)
        #expect(report.reading.matrixClaims.isEmpty, "\(report.text())")
        #expect(report.derivation.claims.allSatisfy { $0.status != .refuted }, "\(report.text())")
    }

    @Test("002: with z = wᵀh + b, ∂z/∂w = h and ∂z/∂h = w are proved at the declared sizes")
    func innerProductGradients() {
        let report = DocumentChecker(format: .markdown).check("""
            Let $\\mathbf{w} \\in \\mathbb{R}^{2}$, $\\mathbf{h} \\in \\mathbb{R}^{2}$, $b \\in \\mathbb{R}$.
            $$z = \\mathbf{w}^T \\mathbf{h} + b$$
            $$\\frac{\\partial z}{\\partial \\mathbf{w}} = \\mathbf{h}$$
            $$\\frac{\\partial z}{\\partial \\mathbf{h}} = \\mathbf{w}$$
            $$\\frac{\\partial z}{\\partial \\mathbf{h}} = \\mathbf{w}^T$$
            """)
        #expect(report.derivation.claims.map(\.status) == [.proved, .proved, .refuted], "\(report.text())")
    }

    @Test("deeply nested brackets in a matrix formula are an error with a position, not a crash")
    func deepNesting() {
        let depth = 100_000
        let formula = "$$\\mathbf{z} = " + String(repeating: "(", count: depth) + "\\mathbf{x}" + String(repeating: ")", count: depth) + "$$"
        let report = DocumentChecker(format: .markdown).check(formula)
        #expect(report.reading.matrixClaims.isEmpty)
    }
}
