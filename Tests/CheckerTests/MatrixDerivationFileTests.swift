import Checker
import Testing

/// The seeds' matrix formulas written in the text format (`derivations/*-matrix-form.txt`),
/// each claim with the verdict worked out by hand from the seed's shapes and the chain rule
/// (∂L/∂W has W's shape; a product contributes the other factor's transpose; an entrywise
/// function contributes ⊙ f′). Concrete sizes prove; symbolic sizes give "holds at the
/// sizes tried", which is undecided.
@Suite("Seed matrix formulas in the text format")
struct MatrixDerivationFileTests {
    enum Verdict: Sendable { case holds, wrongShape, wrong, holdsAtSizesTried }

    static let files: [(file: String, verdicts: [(claim: String, verdict: Verdict)])] = [
        ("seed000-matrix-form.txt", [
            ("d(L)/d(W1) == d(L)/d(z1)*x.T", .holds),                 // A.4
            ("d(L)/d(W1) == x*d(L)/d(z1).T", .wrongShape),            // 3x2, W1's transpose's shape
            ("d(L)/d(y) == y - target", .holds),
            ("d(L)/d(z1) == (W2.T @ (y - target)) ⊙ sigmoid'(z1)", .holds),
            ("d(L)/d(b1) == d(L)/d(z1)", .holds),
            ("d(L)/d(W2) == (y - target)*a1.T", .holds),
            ("d(L)/d(b2) == y - target", .holds),
        ]),
        ("seed002-matrix-form.txt", [
            ("d(L)/d(w) == A.T*(yhat - y)", .holds),                  // eq. 18
            ("d(L)/d(w) == A.T*(y - yhat)", .wrong),                  // the sign
            ("d(L)/d(w) == (yhat - y).T*A", .wrongShape),
            ("d(J)/d(h) == (p - t)*w2", .holds),                      // eq. 44
            ("d(J)/d(W1) == d(J)/d(a)*x.T", .holds),                  // eq. 60
            ("d(J)/d(W1) == x*d(J)/d(a).T", .wrong),                  // 2x2: same shape, other entries
        ]),
        ("seed003-matrix-form.txt", [
            ("delta1 == (W2.T*delta2) ⊙ sigmoid'(z1)", .holds),       // the δ recursion
            ("delta1 == (W2*delta2) ⊙ sigmoid'(z1)", .wrongShape),    // no transpose: 1x... does not fit
            ("d(L)/d(W1) == delta1*x.T", .holds),
            ("d(L)/d(W2) == delta2*a1.T", .holds),
            ("d(L)/d(b1) == delta1", .holds),
            ("d(L)/d(b2) == delta2", .holds),
            ("delta2 == yhat - y", .wrong),                           // needs sum(y) = 1
            ("delta2 == yhat*sum(y) - y", .holds),
        ]),
        ("seed001-batched-matrix-form.txt", [
            ("B*d(L)/d(Z2) == Delta2", .holdsAtSizesTried),           // step 4
            ("B*d(L)/d(Z1) == Delta1", .holdsAtSizesTried),           // step 5
            ("d(L)/d(W2) == A1.T*Delta2/B", .wrongShape),             // step 6 as written: W2's transpose's shape
            ("d(L)/d(W2) == Delta2.T*A1/B", .holdsAtSizesTried),      // step 6 corrected
            ("d(L)/d(b2) == Delta2.T*ones(B)/B", .holdsAtSizesTried), // step 6's bias: column sums
        ]),
    ]

    @Test("every claim of the seed files gets its verdict", arguments: MatrixDerivationFileTests.files.map(\.file))
    func verdicts(file: String) throws {
        let expected = try #require(Self.files.first { $0.file == file }).verdicts
        let report = DerivationChecker().check(try derivationFile(file))
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.claims.map(\.text) == expected.map(\.claim))
        for (claim, (_, verdict)) in zip(report.claims, expected) {
            let context = "line \(claim.line): \(claim.text): \(claim.summary)"
            switch verdict {
            case .holds:
                #expect(claim.status == .proved, "\(context)")
                #expect(claim.summary == "proved at the declared sizes: every entry is equal", "\(context)")
            case .wrongShape:
                #expect(claim.status == .refuted, "\(context)")
                #expect(claim.summary.contains("shape"), "\(context)")
            case .wrong:
                #expect(claim.status == .refuted, "\(context)")
                #expect(claim.summary.hasPrefix("wrong: refuted: entry ("), "\(context)")
            case .holdsAtSizesTried:
                #expect(claim.status == .undecided, "\(context)")
                #expect(claim.summary == "holds at sizes B=2, m=3, n=4 and B=3, m=4, n=5; not proved for every size", "\(context)")
            }
        }
    }

    @Test("a claim with the transposed shape says so, with both shapes")
    func transposedShape() throws {
        let report = DerivationChecker().check(try derivationFile("seed000-matrix-form.txt"))
        let claim = try #require(report.claims.first { $0.text == "d(L)/d(W1) == x*d(L)/d(z1).T" })
        #expect(claim.summary == "wrong: shape mismatch: left side is 2x3, right side is 3x2: the right side has the transposed shape")
    }

    @Test("matrix lines beside scalar ones: settings, points and scalar claims keep their meaning")
    func mixedFile() {
        let report = DerivationChecker().check("""
            W: 2x3
            x: 3
            t: 2
            L = sum((W*x - t)**2)/2
            loss: L
            d(L)/d(W) == (W*x - t)*x.T
            s = u*v
            d(s)/d(u) == v
            """)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.claims.map(\.status) == [.proved, .proved])
    }

    @Test("huge declared sizes are undecided at once, not an exhausted machine")
    func hugeSizes() {
        let report = DerivationChecker().check("W: 100000x100000\nx: 100000\nL = sum(W*x)\nd(L)/d(x) == W.T*ones(100000)")
        #expect(report.claims.map(\.status) == [.undecided])
        #expect(report.claims.first?.summary.contains("would take more than 250000 scalar terms") == true)
    }

    @Test("errors in matrix lines have positions", arguments: [
        ("W: 2x3\nW_new = W - 1", 2, 1, "update rules are not supported for matrix expressions yet"),
        ("W: 2x3\nL = sum(W)\nd(L)/d(W) at W=1 ≈ 0", 3, 18, "numeric claims and update rules are not supported for matrix expressions yet"),
        ("W: 2x3\nL = sum(W)\nd(L)/d(W) at W=1 == 0", 3, 11, "a matrix claim at a point is not supported yet"),
        ("W: 2x3\nz = W*W", 2, 6, "shape error: cannot multiply 2x3 by 2x3"),
        ("W: 2x3\nW.T", 2, 1, "expected a definition (name = ...) or a claim (... == ...)"),
        ("W: 2x3\nz: 3\nz = W.T", 3, 5, "z is declared 3x1 but defined as 3x2"),
        ("W: 2x3\nd(Q)/d(W) == W", 2, 3, "Q is not defined before its derivative"),
        ("W: 2 by 3", 1, 4, "expected a shape"),
    ])
    func errors(text: String, line: Int, column: Int, message: String) throws {
        let report = DerivationChecker().check(text)
        let error = try #require(report.errors.first, "no error in \(text)")
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.message.hasPrefix(message), "\(error)")
    }
}
