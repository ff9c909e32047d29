import SymDiff

/// The verdict on one claim of a derivation, in plain words.
///
/// ```swift
/// let result = try DerivationChecker().check(claim: "d(x**2)/d(x) == x")
/// result.status        // .refuted
/// result.summary       // "wrong: the two sides differ ..."
/// result.expected      // .expression(2*x)
/// ```
public struct ClaimResult: Sendable {
    /// `proved` (shown ✓), `refuted` (✗, with where it fails) or `undecided` (?).
    /// A claim is never reported proved without a proof.
    public enum Status: String, Sendable {
        case proved, refuted, undecided
    }

    /// What kind of statement was checked.
    public enum Kind: String, Sendable {
        /// `A == B`, or a chain `A == B == C`.
        case equality
        /// `expression at x=1 ≈ value`.
        case numeric
        /// `W_new = W - alpha*...`.
        case update
    }

    /// The correct value of a wrong claim.
    public enum Expected: Sendable, CustomStringConvertible {
        /// What the claimed side should be, in the file's own names, simplified.
        case expression(Expr)
        /// The exact value at the point.
        case number(Double)

        public var description: String {
            switch self {
            case .expression(let e): return PlainPrinter.print(e, limit: 400)
            case .number(let x): return NumberStyle.short.string(x)
            }
        }
    }

    public let line: Int
    /// The claim as written (without its comment).
    public let text: String
    public let kind: Kind
    public let status: Status
    /// One sentence: why it holds, or how it is wrong.
    public let summary: String
    /// Further lines: where it fails, the correct value, the evidence.
    public let details: [String]
    /// A point where the claim is false, with both sides' values there.
    public let counterexample: Counterexample?
    /// For a wrong claim, what would be right.
    public let expected: Expected?
    /// For a chain `A == B == C`, the first wrong step (1 is `A == B`).
    public let failedStep: Int?
    /// True when the claim holds on part of the domain and fails on the rest
    /// (a ReLU network on one side of a kink, say).
    public let partiallyWrong: Bool

    /// ✓, ✗ or ?.
    public var mark: String {
        switch status {
        case .proved: return "✓"
        case .refuted: return "✗"
        case .undecided: return "?"
        }
    }
}
