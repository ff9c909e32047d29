import Checker
import Testing

/// The derivation files in `derivations/`, written from the seeds, with the
/// verdict of every claim. Every claim not listed as wrong must be proved;
/// none may be undecided and no line may have an error.
@Suite("Seed derivations")
struct SeedDerivationTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        let file: String
        /// Claims (as written) that must be refuted, each with the exact value
        /// from SymPy or the reason it is wrong.
        let wrong: [String]
        let claimCount: Int
        var testDescription: String { file }
    }

    static let files: [Expectation] = [
        Expectation(file: "seed000-backward-pass.txt", wrong: [
            // Example 2 (section 6.3): the seed rounds each factor before the next; SymPy at
            // x=3, target=0.3, W1=0.228125, W2=0.5225, b1=-0.994375, b2=0.045 gives:
            "a1 at ex2 ≈ 0.4230",                    // 0.423114738867954
            "y at ex2 ≈ 0.2660",                     // 0.266077451058506
            "d(L)/d(y) at ex2 ≈ -0.0340",            // -0.0339225489414942
            "d(L)/d(b2) at ex2 ≈ -0.0340",           // -0.0339225489414942
            "d(L)/d(a1) at ex2 ≈ -0.0178",           // -0.0177245318219307
            "a1*(1 - a1) at ex2 ≈ 0.2440",           // 0.244088656620657
            // Appendix B's batch average (the issue's headline error) and what follows from it:
            "d(L_batch)/d(W2) at batch ≈ -0.1329",   // -0.132433952446627
            "d(L_batch)/d(b2) at batch ≈ -0.2750",   // -0.274671915028113
            "W2 - alpha*d(L_batch)/d(W2) at batch, alpha=0.1 ≈ 0.5133",  // 0.513243395244663
        ], claimCount: 63),
        Expectation(file: "seed001-sigmoid-neuron.txt", wrong: [
            "d(L)/d(b) at problem1 ≈ 0.112",         // SymPy: 0.111423546136613
        ], claimCount: 27),
        Expectation(file: "seed002-two-layer-relu.txt", wrong: [], claimCount: 42),
        // Seed 004: by the chain rule (and SymPy at 200 random points), the output layer, w11_2, w22_2
        // and both second-layer biases are right; w12_2 and w21_2 use the other neuron's delta; the
        // first-layer deltas drop the path through the other second-layer neuron.
        Expectation(file: "seed004-update-rules.txt", wrong: SeedDerivationTests.seed004Wrong, claimCount: 22),
        Expectation(file: "seed004-update-rules-relu.txt", wrong: SeedDerivationTests.seed004Wrong, claimCount: 22),
        // The same rules for an arbitrary activation: right and wrong as with the sigmoid.
        Expectation(file: "seed004-update-rules-generic.txt", wrong: SeedDerivationTests.seed004Wrong, claimCount: 22),
    ]

    static let seed004Wrong = [
        "w12_2_new = w12_2 - alpha*delta2_2*a2_1",
        "w21_2_new = w21_2 - alpha*delta1_2*a1_1",
        "d(L)/d(z1_1) == delta1_1",
        "d(L)/d(z2_1) == delta2_1",
        "w11_1_new = w11_1 - alpha*delta1_1*x1",
        "w12_1_new = w12_1 - alpha*delta2_1*x2",
        "w21_1_new = w21_1 - alpha*delta1_1*x1",
        "w22_1_new = w22_1 - alpha*delta2_1*x2",
        "b1_1_new = b1_1 - alpha*delta1_1",
        "b2_1_new = b2_1 - alpha*delta2_1",
    ]

    /// Each file is checked once and shared by the tests below.
    static let reports: [String: DerivationReport] = {
        var reports: [String: DerivationReport] = [:]
        for expectation in files {
            reports[expectation.file] = DerivationChecker().check((try? derivationFile(expectation.file)) ?? "")
        }
        return reports
    }()

    @Test("every claim gets the verdict the seed's mathematics gives", arguments: SeedDerivationTests.files)
    func verdicts(_ expectation: Expectation) throws {
        let report = try #require(SeedDerivationTests.reports[expectation.file])
        #expect(report.statementCount > 0, "the file could not be read")
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.claims.count == expectation.claimCount)
        for claim in report.claims {
            let isWrong = expectation.wrong.contains { claim.text.hasPrefix($0) }
            #expect(claim.status == (isWrong ? .refuted : .proved), "line \(claim.line): \(claim.text): \(claim.summary)")
        }
        let refuted = report.claims.filter { $0.status == .refuted }.map(\.text)
        for wrong in expectation.wrong {
            #expect(refuted.contains { $0.hasPrefix(wrong) }, "not refuted: \(wrong)")
        }
    }

    @Test("the batch average for W2 is caught with its exact value")
    func batchAverage() throws {
        let report = try #require(SeedDerivationTests.reports["seed000-backward-pass.txt"])
        let claim = try #require(report.claims.first { $0.text.hasPrefix("d(L_batch)/d(W2) at batch") })
        #expect(claim.summary.contains("-0.132434"))
        guard case .number(let exact)? = claim.expected else {
            Issue.record("no exact value")
            return
        }
        #expect(Swift.abs(exact - -0.132433952446627) < 1e-12)   // SymPy
    }

    @Test("seed 004's wrong second-layer rules are shown with the right delta")
    func seed004CorrectRules() throws {
        let report = try #require(SeedDerivationTests.reports["seed004-update-rules.txt"])
        let w12 = try #require(report.claims.first { $0.text.hasPrefix("w12_2_new") })
        // dL/dw12_2 = delta1_2*a2_1: w12_2 feeds z1_2, whose delta is delta1_2.
        #expect(w12.details.contains { $0.contains("works out to a2_1*delta1_2") })
        let delta = try #require(report.claims.first { $0.text.hasPrefix("d(L)/d(z1_1) == delta1_1") })
        // The missing path: delta2_2*w21_2*a1_1*(1 - a1_1).
        #expect(delta.details.contains { $0.contains("a1_1*delta2_2*w21_2*(1 - a1_1) + delta1_1") })
    }

    @Test("with a generic activation, rules hold for every activation and refutations name a concrete one")
    func seed004Generic() throws {
        let report = try #require(SeedDerivationTests.reports["seed004-update-rules-generic.txt"])
        let right = report.claims.filter { $0.status == .proved }
        #expect(right.count == 12)
        #expect(right.allSatisfy { $0.summary.hasSuffix("for every differentiable activation") })
        let wrong = report.claims.filter { $0.status == .refuted }
        #expect(wrong.allSatisfy { $0.summary.contains("(taking activation(x) = ") })
        let delta = try #require(report.claims.first { $0.text.hasPrefix("d(L)/d(z1_1) == delta1_1") })
        // The missing path through z2_2, with the activation's derivative as SymPy prints it.
        #expect(delta.details.contains { $0.contains("delta1_1 + delta2_2*w21_2*Derivative(activation(z1_1), z1_1)") })
    }

    @Test("with ReLU the wrong rules fail on part of the domain")
    func seed004ReluPartial() throws {
        let report = try #require(SeedDerivationTests.reports["seed004-update-rules-relu.txt"])
        let wrong = report.claims.filter { $0.status == .refuted }
        #expect(!wrong.isEmpty)
        #expect(wrong.allSatisfy { $0.partiallyWrong })
    }
}
