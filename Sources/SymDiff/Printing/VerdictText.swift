/// The one rendering of an equivalence verdict's evidence: the counterexample
/// point, the two sides' values there, the sample counts, and why an
/// undecided check could not decide.
///
/// Front ends frame a verdict their own way (`equal` prints "not equal: …",
/// a notebook "False (…)", the checker "wrong: …"), but the pieces inside the
/// frame come from here, so the same check reads the same everywhere.
///
/// ```swift
/// let check = Expr.checkEquivalence(tanh(x), x)
/// let text = VerdictText(style: .full)
/// text.point(check.counterexample!.point)    // "x=0.824"
/// text.values(check.counterexample!)         // ("0.6772411229382403", "0.824")
/// VerdictText(style: .short).counterexample(check.counterexample!)
/// // "at x=0.824: left = 0.677241, right = 0.824"
/// ```
public struct VerdictText: Sendable {
    /// How the point's coordinates and the values are written.
    public var style: NumberStyle
    /// Coordinates shown before the rest are summarised as "and N more"; `nil` shows all.
    public var pointLimit: Int?

    public init(style: NumberStyle, pointLimit: Int? = nil) {
        self.style = style
        self.pointLimit = pointLimit
    }

    /// `x=0.5, W1=-1.2`; empty for a point with no coordinates.
    public func point(_ point: [(name: String, value: Double)]) -> String {
        let shown = pointLimit.map { Array(point.prefix($0)) } ?? point
        var text = shown.map { "\($0.name)=\(style.string($0.value))" }.joined(separator: ", ")
        if shown.count < point.count { text += " and \(point.count - shown.count) more" }
        return text
    }

    /// The two sides' values, with enough digits that they read differently.
    public func values(_ c: Counterexample) -> (lhs: String, rhs: String) {
        let (l, r) = style.distinguishing(c.lhs, c.rhs)
        return (l, r)
    }

    /// `at x=0.5: left = 1, right = 2`, or with `phrase` saying the values its
    /// own way: `at x=0.5 ` + phrase(l, r). A point with no coordinates reads
    /// "at every point".
    public func counterexample(_ c: Counterexample, separator: String = ": ",
                               phrase: (String, String) -> String = { "left = \($0), right = \($1)" }) -> String {
        let (l, r) = values(c)
        let at = point(c.point)
        return (at.isEmpty ? "at every point" : "at \(at)") + separator + phrase(l, r) + functions(c)
    }

    /// ` (taking f(x) = 0.83*sin(...))` when the sides have undefined
    /// functions: the counterexample holds for that concrete choice.
    public func functions(_ c: Counterexample) -> String {
        if c.functions.isEmpty { return "" }
        return " (taking " + c.functions.map { "\($0.name) = \($0.definition)" }.joined(separator: "; ") + ")"
    }

    /// `40 sample points`, `1 sample point`.
    public func samples(_ count: Int) -> String {
        "\(count) sample point\(count == 1 ? "" : "s")"
    }

    /// Why an undecided (or unproved) check is not a proof, with the sampling
    /// evidence: "the normal form of the difference is not zero; both sides
    /// agree at 40 sample points".
    public func evidence(_ check: EquivalenceCheck) -> String {
        check.note ?? check.method
    }
}
