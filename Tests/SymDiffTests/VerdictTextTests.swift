import Testing
import SymDiff

/// The pieces every front end puts inside its frame of an equivalence verdict.
@Suite("Verdict text")
struct VerdictTextTests {
    static let counterexample = Counterexample(point: [("W1", 0.5), ("x", 2)], lhs: 2.08, rhs: 2.0799999)

    @Test("a point lists name=value pairs in the style")
    func point() {
        #expect(VerdictText(style: .short).point(Self.counterexample.point) == "W1=0.5, x=2")
        #expect(VerdictText(style: .short).point([]) == "")
    }

    @Test("a long point is cut with a count of the rest")
    func limit() {
        let point = (1...8).map { (name: "x\($0)", value: Double($0)) }
        #expect(VerdictText(style: .short, pointLimit: 6).point(point) == "x1=1, x2=2, x3=3, x4=4, x5=5, x6=6 and 2 more")
    }

    @Test("the two values never read alike, and the frame's phrase is used")
    func counterexampleText() {
        let text = VerdictText(style: .short)
        #expect(text.counterexample(Self.counterexample) == "at W1=0.5, x=2: left = 2.08, right = 2.0799999")
        #expect(text.counterexample(Self.counterexample, separator: ", ") { "\($0) vs \($1)" } == "at W1=0.5, x=2, 2.08 vs 2.0799999")
        #expect(text.counterexample(Counterexample(point: [], lhs: 1, rhs: 2)) == "at every point: left = 1, right = 2")
    }

    @Test("the undecided evidence is the check's note, and sample counts are pluralised")
    func evidence() throws {
        // heaviside(x**2 + 1) = 1 holds, but no proof path reaches it (its kink is not linear).
        let check = Expr.checkEquivalence(try Expr.parse("heaviside(x**2 + 1)"), .one)
        #expect(check.verdict == .undecided)
        let evidence = VerdictText(style: .full).evidence(check)
        #expect(evidence.hasPrefix("the normal form of the difference is not zero; both sides agree at "))
        #expect(evidence.hasSuffix(" sample points"))
        #expect(VerdictText(style: .full).samples(1) == "1 sample point")
        #expect(VerdictText(style: .full).samples(40) == "40 sample points")
    }
}
