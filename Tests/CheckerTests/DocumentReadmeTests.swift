import Checker
import Foundation
import Language
import Testing

/// The README's "Checking Markdown and LaTeX documents" section shows a
/// document and what `symdiff check` prints for it; both must stay true.
@Suite("README documents example")
struct DocumentReadmeTests {
    static func section() throws -> String { try readmeSection("documents") }

    /// The contents of the fenced blocks with info string `info`, in order.
    static func blocks(_ section: String, _ info: String) -> [String] {
        var blocks: [String] = []
        var current: [String]? = nil
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```" + info { current = []; continue }
            if current != nil, line == "```" { blocks.append(current!.joined(separator: "\n")); current = nil; continue }
            current?.append(String(line))
        }
        return blocks
    }

    static let name = "derivations/example-sigmoid-tutorial.md"

    @Test("the README shows the example document as it is")
    func exampleDocument() throws {
        let shown = DocumentReadmeTests.blocks(try DocumentReadmeTests.section(), "markdown")
        #expect(shown.first == (try derivationFile("example-sigmoid-tutorial.md")).trimmingCharacters(in: .newlines))
    }

    @Test("the README shows what symdiff check prints for it")
    func exampleOutput() throws {
        let text = try #require(DocumentReadmeTests.blocks(try DocumentReadmeTests.section(), "text").first)
        var shown = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(shown.removeFirst() == "$ swift run symdiff check \(DocumentReadmeTests.name)")
        let report = DocumentChecker(format: .markdown).check(try derivationFile("example-sigmoid-tutorial.md"))
        let actual = report.text(name: DocumentReadmeTests.name)
            .trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(shown.count == actual.count)
        // Sample points come from the engine's seeded sampler: the words must
        // match, the point's numbers may move if the sampler changes.
        func words(_ line: String) -> String {
            guard let at = line.range(of: ": at ") ?? line.range(of: "; at ") else { return line }
            return String(line[..<at.lowerBound])
        }
        for (expected, got) in zip(shown, actual) { #expect(words(expected) == words(got)) }
        // By hand and SymPy: dL/dw = (ŷ - y)·ŷ(1 - ŷ)·x holds, dL/db = ŷ - y drops σ', the
        // update drops it too, ReLU' = heaviside; at the point ŷ = σ(-0.2) = 0.450166 and
        // dL/db = ŷ²(1 - ŷ) = 0.111424: each rounded step holds, 0.112 as a whole does not.
        #expect(report.derivation.claims.map(\.status) == [.proved, .refuted, .proved, .refuted,
                                                            .proved, .proved, .proved, .proved, .proved, .proved,
                                                            .proved, .proved, .refuted])
    }
}
