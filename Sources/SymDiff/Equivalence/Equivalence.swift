/// Deciding whether two expressions are equal, soundly.
///
/// Two witnesses:
/// 1. **Proof by normal form** (`NormalForm`): both sides are rewritten
///    into rational functions of symbols and exp/log/function atoms, and the
///    difference's numerator must expand to the zero polynomial. That proves
///    equality wherever both sides are defined.
/// 2. **Numeric sampling**: both sides are evaluated at seeded random points
///    (skipping points outside either side's domain, sampling both sides of
///    every kink of relu/heaviside/max/abs). A confirmed difference is a
///    counterexample.
///
/// A proof is always cross-checked numerically; if the two disagree the
/// verdict is `undecided`, never `proved`. When no proof is found and every
/// sample agrees the verdict is `undecided` too: agreement is evidence, not proof.
public struct EquivalenceCheck: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        case proved, refuted, undecided
    }
    public var verdict: Verdict
    /// How the verdict was reached: "normal form", "numeric", or why not.
    public var method: String
    /// For `refuted`: a point where the two sides differ.
    public var counterexample: Counterexample?
    /// Points where both sides were defined and agreed / differed.
    public var samplesAgreeing: Int
    public var samplesDiffering: Int
    /// Why the check could not decide, when it could not.
    public var note: String?

    public var isProved: Bool { verdict == .proved }
}

/// A point where two expressions take different values.
public struct Counterexample: Sendable, Equatable, CustomStringConvertible {
    /// The symbols' values, sorted by name.
    public var point: [(name: String, value: Double)]
    public var lhs: Double
    public var rhs: Double
    /// The concrete functions the undefined ones were taken to be at this
    /// point (`activation(x) = 0.83*sin(...)`): the claim is false for them.
    public var functions: [(name: String, definition: String)]

    public init(point: [(name: String, value: Double)], lhs: Double, rhs: Double,
                functions: [(name: String, definition: String)] = []) {
        self.point = point
        self.lhs = lhs
        self.rhs = rhs
        self.functions = functions
    }

    public static func == (a: Counterexample, b: Counterexample) -> Bool {
        a.point.map(\.name) == b.point.map(\.name) && a.point.map(\.value) == b.point.map(\.value)
            && a.lhs == b.lhs && a.rhs == b.rhs && a.functions.map(\.definition) == b.functions.map(\.definition)
    }

    public var pointDictionary: [String: Double] {
        Dictionary(uniqueKeysWithValues: point.map { ($0.name, $0.value) })
    }

    /// `at x=0.5: left = 1, right = 2`, every digit shown (`VerdictText`).
    public var description: String { VerdictText(style: .full).counterexample(self) }
}

/// Knobs for `Expr.checkEquivalence`.
public struct EquivalenceOptions: Sendable {
    /// Points to evaluate both sides at (defined points only).
    public var samples = 40
    /// Seed for the sample points: the same seed gives the same verdicts.
    public var seed: UInt64 = 0x5EED_CAFE
    /// Relative tolerance, scaled by the largest intermediate magnitude.
    public var relativeTolerance = 1e-9
    /// Largest polynomial (in terms) the normal form may build before giving up.
    public var termBudget = 20_000
    /// Skip the proof attempt (numeric evidence only).
    public var attemptProof = true

    public init() {}
}

extension Expr {
    /// Checks `a == b` by proof and by sampling.
    ///
    /// ```swift
    /// let z = Expr.symbol("z")
    /// let check = Expr.checkEquivalence(sigmoid(z) * (1 - sigmoid(z)), exp(-z) / (1 + exp(-z)) ** 2)
    /// check.verdict   // .proved
    /// ```
    public static func checkEquivalence(_ a: Expr, _ b: Expr, options: EquivalenceOptions = .init()) -> EquivalenceCheck {
        let sampling = NumericWitness(a, b, options: options).run()
        if a == b {
            return EquivalenceCheck(verdict: .proved, method: "identical canonical form", counterexample: nil,
                                    samplesAgreeing: sampling.agreeing, samplesDiffering: sampling.differing, note: nil)
        }
        var proofNote: String? = nil
        if options.attemptProof {
            switch NormalForm.provesZero(a - b, termBudget: options.termBudget) {
            case .zero:
                if let counterexample = sampling.counterexample {
                    // Never report a proof that a numeric check contradicts.
                    return EquivalenceCheck(verdict: .undecided, method: "normal form and numeric check disagree",
                                            counterexample: counterexample, samplesAgreeing: sampling.agreeing,
                                            samplesDiffering: sampling.differing,
                                            note: "the normal form reduced the difference to zero but sampling found \(counterexample)")
                }
                return EquivalenceCheck(verdict: .proved, method: "normal form", counterexample: nil,
                                        samplesAgreeing: sampling.agreeing, samplesDiffering: sampling.differing, note: nil)
            case .nonzero where secondForms(a - b, termBudget: options.termBudget) != nil:
                let method = secondForms(a - b, termBudget: options.termBudget)!
                if let counterexample = sampling.counterexample {
                    return EquivalenceCheck(verdict: .undecided, method: "case split and numeric check disagree",
                                            counterexample: counterexample, samplesAgreeing: sampling.agreeing,
                                            samplesDiffering: sampling.differing,
                                            note: "the case split reduced the difference to zero but sampling found \(counterexample)")
                }
                return EquivalenceCheck(verdict: .proved, method: method, counterexample: nil,
                                        samplesAgreeing: sampling.agreeing, samplesDiffering: sampling.differing, note: nil)
            case .nonzero:
                proofNote = "the normal form of the difference is not zero"
            case .budgetExceeded(let message):
                proofNote = "proof gave up: \(message)"
            case .undefined(let message):
                proofNote = "proof not attempted: \(message)"
            }
        }
        if let counterexample = sampling.counterexample {
            return EquivalenceCheck(verdict: .refuted, method: "numeric", counterexample: counterexample,
                                    samplesAgreeing: sampling.agreeing, samplesDiffering: sampling.differing, note: proofNote)
        }
        var note = proofNote ?? "no proof attempted"
        note += sampling.agreeing == 0
            ? "; no sample point was inside both sides' domain"
            : "; both sides agree at \(sampling.agreeing) sample point\(sampling.agreeing == 1 ? "" : "s")"
        return EquivalenceCheck(verdict: .undecided, method: "numeric", counterexample: nil,
                                samplesAgreeing: sampling.agreeing, samplesDiffering: sampling.differing, note: note)
    }

    /// The proofs tried when the normal form of a difference is not zero, each
    /// sound on its own (see `CaseSplit`, `RealLogarithms`): the name of the one
    /// that proves `difference` zero, or `nil`.
    static func secondForms(_ difference: Expr, termBudget: Int) -> String? {
        func hasPiecewise(_ e: Expr) -> Bool { e.postOrder().contains { $0.function?.isPiecewise ?? false } }
        if hasPiecewise(difference), CaseSplit.provesZero(difference, termBudget: termBudget) {
            return "normal form in every case of the kinks' signs"
        }
        let real = RealLogarithms.rewrite(difference)
        guard real != difference else { return nil }
        if NormalForm.provesZero(real, termBudget: termBudget) == .zero
            || (hasPiecewise(real) && CaseSplit.provesZero(real, termBudget: termBudget)) {
            return "normal form with the real laws of logarithms"
        }
        return nil
    }

    /// Whether `self == other` is proved (by normal form, confirmed numerically).
    ///
    /// ```swift
    /// (x + 1) ** 2 .isEquivalent(to: x ** 2 + 2 * x + 1)   // true
    /// ```
    public func isEquivalent(to other: Expr) -> Bool {
        Expr.checkEquivalence(self, other).isProved
    }
}
