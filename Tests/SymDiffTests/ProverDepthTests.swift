import Testing
import SymDiff

/// The equivalence prover on inputs 100,000 levels deep: it never crashes,
/// and its verdict is true (proved or undecided, never refuted, for identities).
@Suite("Prover depth")
struct ProverDepthTests {
    static let depth = 100_000
    let x = Expr.symbol("x")

    /// Few samples: each evaluates 100,000 nodes per side (about a second in a debug build).
    var options: EquivalenceOptions {
        var o = EquivalenceOptions()
        o.samples = 2
        return o
    }

    @Test("sigmoid of a 100,000-deep exp(-exp(-...)) chain is proved equal to its exp form, without recursion")
    func deepChainInsideAnIdentity() {
        // Every value stays in (0, 1], so each sample point is defined; the
        // normal form makes each level one exponential atom.
        var c = x
        for _ in 0..<Self.depth { c = exp(-c) }
        let check = Expr.checkEquivalence(sigmoid(c), 1 / (1 + exp(-c)), options: options)
        #expect(check.verdict == .proved, "\(check.method): \(check.note ?? "")")
    }
}
