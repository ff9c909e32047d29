import Foundation
import Testing
@testable import SymDiffCommands

private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

/// A derivation file in a fresh temporary folder.
private func derivation(_ text: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("derivation.txt")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("symdiff check")
struct CheckCommandTests {
    @Test("text: each claim with its mark and explanation, then the count; exit 0 when all hold")
    func allHold() throws {
        let path = try derivation("""
            z = w*x + b
            L = (z - y)**2/2
            d(L)/d(w) == (z - y)*x
            L at w=2, x=3, b=1, y=5 ≈ 2
            """)
        let run = symdiff(["check", path])
        #expect(run.status == 0)
        // By hand: z = 7, L = (7 - 5)**2/2 = 2.
        #expect(run.output == """
            ✓ line 3: d(L)/d(w) == (z - y)*x
                holds: both sides are the same once each derivative is worked out by the chain rule over your definitions
            ✓ line 4: L at w=2, x=3, b=1, y=5 ≈ 2
                holds: the value is 2, which is 2 to the digits written (±0.5)

            \(path): 2 claims: 2 hold, 0 wrong, 0 undecided

            """)
        #expect(run.errors.isEmpty)
    }

    @Test("a wrong claim exits 1 and says where it fails and what is right")
    func wrongClaim() throws {
        let path = try derivation("L = (w*x - y)**2/2\nd(L)/d(w) == (w*x - y)")
        let run = symdiff(["check", path])
        #expect(run.status == 1)
        #expect(run.output.contains("✗ line 2: d(L)/d(w) == (w*x - y)\n    wrong: at "))
        // SymPy: diff((w*x - y)**2/2, w) = x*(w*x - y).
        #expect(run.output.contains("d(L)/d(w) works out to: "))
        #expect(run.output.hasSuffix("1 claim: 0 hold, 1 wrong, 0 undecided\n"))
    }

    @Test("an error in a line exits 1, shows line, column and caret, and the rest is checked")
    func lineError() throws {
        let path = try derivation("d(x**2)/d(x) == 2*x\nd(L)/d(W3) == 0")
        let run = symdiff(["check", path])
        #expect(run.status == 1)
        #expect(run.output.contains("✓ line 1: d(x**2)/d(x) == 2*x"))
        #expect(run.output.contains("""
            error at line 2, column 3: 'L' is not defined
                d(L)/d(W3) == 0
                  ^
            """))
        #expect(run.output.hasSuffix("1 claim: 1 hold, 0 wrong, 0 undecided; 1 error in the file\n"))
    }

    @Test("exit 2 when the file cannot be read or nothing in it parses", arguments: [
        ["check", "/nonexistent/derivation.txt"],
        ["check"],
        ["check", "a.txt", "b.txt"],
        ["check", "a.txt", "--format", "xml"],
    ])
    func usageAndInputErrors(_ arguments: [String]) {
        let run = symdiff(arguments)
        #expect(run.status == 2)
        #expect(!run.errors.isEmpty)
    }

    @Test("a file where nothing parses exits 2")
    func nothingParses() throws {
        let run = symdiff(["check", try derivation("this is not a derivation\n== 3")])
        #expect(run.status == 2)
        #expect(run.errors.contains("nothing in"))
        #expect(!run.errors.contains("--input"))
    }

    @Test("a Markdown tutorial saved as .txt (as the seeds are) that does not parse suggests --input markdown")
    func markdownAsText() throws {
        let run = symdiff(["check", try derivation("The loss is $L = \\frac{1}{2}(y - \\hat{y})^2$ and so on.\n")])
        #expect(run.status == 2)
        #expect(run.errors.contains("add --input markdown"), "\(run.errors)")
    }

    @Test("JSON: claims with status, counterexample and expected value, counts and errors")
    func json() throws {
        let path = try derivation("""
            L = (w*x - y)**2/2
            d(L)/d(w) == (w*x - y)*x
            d(L)/d(w) == (w*x - y)
            L at w=1, x=2, y=1 ≈ 0.6
            d(Q)/d(w) == 0
            """)
        let run = symdiff(["check", path, "--format", "json"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["proved"] as? Int == 1)
        #expect(object["refuted"] as? Int == 2)
        #expect(object["undecided"] as? Int == 0)
        let claims = try #require(object["claims"] as? [[String: Any]])
        #expect(claims.map { $0["line"] as? Int } == [2, 3, 4])
        #expect(claims.map { $0["status"] as? String } == ["proved", "refuted", "refuted"])
        #expect(claims[0]["counterexample"] is NSNull)
        let counterexample = try #require(claims[1]["counterexample"] as? [String: Any])
        let point = try #require(counterexample["point"] as? [String: Double])
        #expect(Set(point.keys) == ["w", "x", "y"])
        let (w, x, y) = (point["w"]!, point["x"]!, point["y"]!)
        // The sides at that point: (w*x - y)*x and (w*x - y).
        #expect(Swift.abs((counterexample["lhs"] as! Double) - (w * x - y) * x) < 1e-9)
        #expect(Swift.abs((counterexample["rhs"] as! Double) - (w * x - y)) < 1e-9)
        #expect(claims[1]["expected"] is String)
        // By hand: L = (1*2 - 1)**2/2 = 0.5, not 0.6 to one decimal.
        #expect(claims[2]["expected"] as? Double == 0.5)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors[0]["line"] as? Int == 5)
        #expect(errors[0]["column"] as? Int == 3)
    }

    @Test("seed 000's batch average for W2 is caught from the command line")
    func seedBatchAverage() throws {
        let path = repository.appendingPathComponent("derivations/seed000-backward-pass.txt").path
        let run = symdiff(["check", path, "--format", "json"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let claims = try #require(object["claims"] as? [[String: Any]])
        let batch = try #require(claims.first { ($0["text"] as? String)?.hasPrefix("d(L_batch)/d(W2) at batch ≈ -0.1329") == true })
        #expect(batch["status"] as? String == "refuted")
        // SymPy: -0.132433952446627.
        #expect(Swift.abs((batch["expected"] as? Double ?? 0) - -0.132433952446627) < 1e-12)
    }

    @Test("a Markdown document is checked with --input markdown and --let, positions in the document")
    func markdownDocument() throws {
        let seeds = repository.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: seeds.path).first { $0.hasPrefix("004_") })
        let run = symdiff(["check", seeds.appendingPathComponent(name).path, "--input", "markdown", "--let", "activation(z)=sigmoid(z)"])
        #expect(run.status == 1)
        // w12_2 takes the other neuron's delta (see derivations/seed004-update-rules.txt).
        #expect(run.output.contains("✗ line 105: w_{12}^{(2)} \\leftarrow w_{12}^{(2)} - \\alpha \\cdot \\delta_2^{(2)} \\cdot a_2^{(1)}"))
        #expect(run.output.contains("16 checks: 8 hold, 8 wrong, 0 undecided"))
    }

    @Test("help describes the file format and exit codes")
    func help() {
        let run = symdiff(["help", "check"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("Check a hand-written derivation, claim by claim.\n\nUsage: symdiff check FILE|- [--input text|markdown|latex]"))
        #expect(run.output.contains("A Markdown (.md) or LaTeX (.tex) document is read as published"))
        #expect(run.output.contains("d(L)/d(W1) at ex1 ≈ -0.2813"))
        #expect(run.output.contains("Exit status: 0 when every claim holds"))
    }
}
