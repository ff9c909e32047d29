import Checker
import Foundation
import Language
import Testing

/// The seed documents as shipped, checked as Markdown. Expected verdicts come
/// from the seeds' own numbers and SymPy (values beside each row), never from
/// symdiff's output.
@Suite("Seed documents")
struct DocumentSeedTests {
    static func seed(_ prefix: String) throws -> String {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = repo.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix(prefix + "_") })
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func check(_ prefix: String, lets: [String] = []) throws -> DocumentReport {
        DocumentChecker(format: .markdown, directives: DocumentDirectives(lets: lets)).check(try seed(prefix))
    }

    static func status(_ report: DocumentReport, _ text: String) -> ClaimResult.Status? {
        report.derivation.claims.first { $0.text == text }?.status
    }

    @Test("seed 001: the sigmoid, tanh and chain-rule identities are proved; nothing is refuted")
    func seed001Identities() throws {
        let report = try DocumentSeedTests.check("001")
        let proved = [
            "\\sigma(z) = \\frac{1}{1 + e^{-z}}",
            "\\frac{d\\sigma}{dz} = \\frac{e^{-z}}{(1 + e^{-z})^2} = \\frac{1}{1 + e^{-z}} \\cdot \\frac{e^{-z}}{1 + e^{-z}}",
            "\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))",
            "\\tanh(z) = \\frac{e^z - e^{-z}}{e^z + e^{-z}}",
            "\\tanh'(z) = 1 - \\tanh^2(z)",
            "\\text{ReLU}(z) = \\max(0, z)",
            // read from its cases: 1 for z > 0, 0 for z ≤ 0 is heaviside(z) = relu'(z)
            "\\text{ReLU}'(z) = \\begin{cases} 1 & \\text{if } z > 0 \\\\ 0 & \\text{if } z \\leq 0 \\end{cases}",
            "\\frac{\\partial \\mathcal{L}}{\\partial w} = \\frac{\\partial \\mathcal{L}}{\\partial \\hat{y}} \\cdot \\frac{\\partial \\hat{y}}{\\partial w} = (\\hat{y} - y) \\cdot x",
            "\\frac{\\partial \\hat{y}}{\\partial z} = \\sigma'(z) = \\hat{y}(1-\\hat{y})",
        ]
        for text in proved { #expect(DocumentSeedTests.status(report, text) == .proved, "\(text)") }
        #expect(report.derivation.refuted == 0)
    }

    @Test("seed 001, Problem 1: every arithmetic step holds to its digits", arguments: [
        "1.2 \\times 0.5 + (-0.8) = -0.2",          // exactly -0.2
        "\\sigma(-0.2) = \\frac{1}{1+e^{0.2}}",    // the same number
        "\\frac{1}{1+e^{0.2}} = 0.450",            // SymPy 0.450166002687522
        "\\frac{1}{2}(0 - 0.450)^2 = 0.101",       // 0.10125
        "0.450 - 0 = 0.450",
        "\\sigma'(-0.2) = 0.450(1-0.450)",         // SymPy 0.247516572711860 vs 0.2475
        "0.450(1-0.450) = 0.248",                  // 0.2475
        "0.450 \\times 0.248 \\times 0.5 = 0.056", // 0.0558
        "0.450 \\times 0.248 = 0.112",             // 0.1116
    ])
    func seed001Arithmetic(_ step: String) throws {
        let report = try DocumentSeedTests.check("001")
        #expect(DocumentSeedTests.status(report, step) == .proved)
    }

    @Test("seed 001, Problem 1: the gradient steps are undecided, naming what has no value and the redefined ŷ")
    func seed001Undecided() throws {
        let report = try DocumentSeedTests.check("001")
        let step = try #require(report.reading.undecided.first { $0.text == "\\frac{\\partial \\mathcal{L}}{\\partial b} = 0.450 \\times 0.248" })
        #expect(step.line == 102)
        #expect(step.reason.contains("the point has y_{true}, not y"))
        #expect(step.reason.contains("\\hat{y}") || step.reason.contains("redefined"))
        #expect(report.reading.notes.contains { $0.text.hasPrefix("line 43 redefines \\hat{y}") })
    }

    @Test("seed 004 with activation = sigmoid: exactly the wrong update rules of derivations/seed004-update-rules.txt are refuted")
    func seed004UpdateRules() throws {
        let report = try DocumentSeedTests.check("004", lets: ["activation(z)=sigmoid(z)"])
        // By the chain rule (see derivations/seed004-update-rules.txt): w12_2 and w21_2 take the other
        // neuron's delta; the first-layer deltas drop the path through the other second-layer neuron.
        let wrongLines: Set<Int> = [105, 106, 119, 120, 121, 122, 123, 124]
        let updates = report.derivation.claims.filter { $0.kind == .update }
        #expect(updates.count == 15)
        for claim in updates {
            #expect(claim.status == (wrongLines.contains(claim.line) ? .refuted : .proved), "line \(claim.line): \(claim.text)")
        }
        #expect(report.skippedClaims.contains { $0.text.hasPrefix("\\theta \\leftarrow") })
    }

    @Test("seed 000: the worked example's written-out arithmetic holds except the misprinted sigma(-0.31)")
    func seed000WorkedExample() throws {
        let report = try DocumentSeedTests.check("000")
        let holds = [
            "0.2 \\cdot 5 - 1 = 0", "\\sigma(0) = 0.5", "0.5 \\cdot 0.5 + 0 = 0.25",
            "\\frac{1}{2}(0.25 - 0.7)^2 = \\frac{1}{2}(-0.45)^2", "\\frac{1}{2}(-0.45)^2 = 0.10125",
            "-0.225 \\cdot 0.5 \\cdot (1 - 0.5) = -0.05625", "-0.05625 \\cdot 5 = -0.28125",
            "0.228125 \\cdot 3 - 0.994375 = -0.3100", "0.5225 \\cdot 0.4230 + 0.045 = 0.2660",
            "-0.0340 \\cdot 0.5225 = -0.0178",   // -0.0177650
        ]
        for text in holds { #expect(DocumentSeedTests.status(report, text) == .proved, "\(text)") }
        // SymPy: 1/(1 + exp(0.31)) = 0.423114738867954, outside 0.4230 ± 0.00005.
        #expect(DocumentSeedTests.status(report, "\\sigma(-0.3100) = 0.4230") == .refuted)
        #expect(report.derivation.claims.filter { $0.status == .refuted }.map(\.text) == ["\\sigma(-0.3100) = 0.4230"])
    }

    @Test("seeds 000, 001, 002 and 004: every formula with a relation is checked, undecided with a reason, skipped with a reason, or an error",
          arguments: ["000", "001", "002", "004"])
    func everyFormulaAccounted(_ prefix: String) throws {
        let report = try DocumentSeedTests.check(prefix)
        #expect(report.reading.formulaCount > 20)
        #expect(report.reading.skipped.allSatisfy { !$0.reason.isEmpty })
        #expect(report.reading.undecided.allSatisfy { !$0.reason.isEmpty })
        #expect(!report.text().isEmpty)
    }
}
