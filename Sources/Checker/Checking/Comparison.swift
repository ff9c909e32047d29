import SymDiff

/// Whether two sides are equal, decided the safe way:
/// 1. at stage level (a proof there is a proof; nothing else counts),
/// 2. numerically at full level (a confirmed difference is a refutation),
/// 3. by the normal form at full level (a proof, cross-checked numerically).
/// Every step runs under the time limit; running out gives `undecided`.
struct Comparison {
    var status: ClaimResult.Status
    /// Why it holds, in plain words, or why it could not be decided.
    var reason: String
    /// The full-level check: counterexample and sample counts.
    var evidence: EquivalenceCheck?

    /// `hasDerivatives`: whether either side has a `d(F)/d(v)`, for the wording.
    static func compare(stage a: Expr, _ b: Expr, full fa: Expr, _ fb: Expr, hasDerivatives: Bool,
                        options: CheckerOptions, clock: CheckClock) -> Comparison {
        let numericOnly = {
            var o = options.equivalence
            o.attemptProof = false
            return o
        }()
        let full = options.equivalence
        func bounded(_ work: @escaping @Sendable () -> EquivalenceCheck) -> EquivalenceCheck?? {
            guard let limit = clock.limitForNextCheck() else { return .none }
            return .some(Bounded.run(seconds: limit, work))
        }
        let outOfTime = Comparison(status: .undecided,
                                   reason: "not checked: the time allowed for the file (\(seconds(clock.totalSeconds))) ran out",
                                   evidence: nil)

        if a != fa || b != fb {
            // Identical stage forms need no proof attempt (hash-consing makes this a pointer compare).
            var stageMethod: String? = a == b ? "identical canonical form" : nil
            if stageMethod == nil {
                guard let attempt = bounded({ Expr.checkEquivalence(a, b, options: full) }) else { return outOfTime }
                if let stageCheck = attempt, stageCheck.verdict == .proved { stageMethod = stageCheck.method }
            }
            if let stageMethod {
                guard let crossAttempt = bounded({ Expr.checkEquivalence(fa, fb, options: numericOnly) }) else { return outOfTime }
                if let cross = crossAttempt, cross.verdict == .refuted {
                    return Comparison(status: .undecided,
                                      reason: "the proof over your definitions is contradicted by a numeric check (\(cross.counterexample.map(\.description) ?? "")); this is a bug in symdiff, please report it",
                                      evidence: cross)
                }
                let how: String
                if stageMethod == "identical canonical form" {
                    how = hasDerivatives
                        ? "both sides are the same once each derivative is worked out by the chain rule over your definitions"
                        : "both sides are the same once written in your definitions"
                } else {
                    how = hasDerivatives
                        ? "with each derivative worked out by the chain rule over your definitions, the difference of the two sides simplifies to zero"
                        : "written in your definitions, the difference of the two sides simplifies to zero"
                }
                return Comparison(status: .proved, reason: how, evidence: crossAttempt ?? nil)
            }
        }

        guard let numericAttempt = bounded({ Expr.checkEquivalence(fa, fb, options: numericOnly) }) else { return outOfTime }
        guard let numeric = numericAttempt else {
            return Comparison(status: .undecided,
                              reason: "ran out of time (\(seconds(clock.perCheckSeconds))) evaluating both sides", evidence: nil)
        }
        switch numeric.verdict {
        case .refuted:
            return Comparison(status: .refuted, reason: "", evidence: numeric)
        case .proved:
            return Comparison(status: .proved, reason: "both sides are the same expression once written out", evidence: numeric)
        case .undecided:
            break
        }
        let size = fa.nodeCount + fb.nodeCount
        if size > options.proofNodeLimit {
            return Comparison(status: .undecided,
                              reason: "too large to prove (\(size) distinct subexpressions; the limit is \(options.proofNodeLimit)); \(agreement(numeric))",
                              evidence: numeric)
        }
        guard let proofAttempt = bounded({ Expr.checkEquivalence(fa, fb, options: full) }) else { return outOfTime }
        guard let proof = proofAttempt else {
            return Comparison(status: .undecided,
                              reason: "the proof ran out of time (\(seconds(clock.perCheckSeconds))); \(agreement(numeric))",
                              evidence: numeric)
        }
        switch proof.verdict {
        case .proved:
            return Comparison(status: .proved, reason: proof.method == "normal form"
                                ? "the difference of the two sides simplifies to zero" : "proved (\(proof.method))",
                              evidence: proof)
        case .refuted:
            return Comparison(status: .refuted, reason: "", evidence: proof)
        case .undecided:
            let why = proof.note.map { "no proof found (\($0))" } ?? "no proof found"
            return Comparison(status: .undecided, reason: why, evidence: proof)
        }
    }

    static func agreement(_ check: EquivalenceCheck) -> String {
        check.samplesAgreeing == 0
            ? "no sample point was inside both sides' domain"
            : "both sides agree at \(check.samplesAgreeing) sample point\(check.samplesAgreeing == 1 ? "" : "s")"
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(NumberStyle.short.string(s)) s"
    }
}
