import SymDiff

/// Limits and knobs for checking a derivation.
///
/// ```swift
/// var options = CheckerOptions()
/// options.secondsPerCheck = 5
/// let report = DerivationChecker(options: options).check(text)
/// ```
public struct CheckerOptions: Sendable {
    /// Sampling and proof settings for each equality (seeded: same file, same verdicts).
    public var equivalence = EquivalenceOptions()
    /// The longest one proof attempt may run before the claim is reported undecided.
    public var secondsPerCheck: Double = 20
    /// The longest a whole file may take; claims after that are reported undecided.
    public var secondsPerFile: Double = 300
    /// Expressions larger than this (distinct nodes, both sides together) are
    /// checked numerically only, and reported undecided unless refuted.
    public var proofNodeLimit = 50_000

    public init() {}
}
