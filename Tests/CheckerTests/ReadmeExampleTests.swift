import Checker
import Foundation
import Testing

/// The README's "Checking a derivation" section shows a file and what
/// `symdiff check` prints for it; both must stay true.
@Suite("README example")
struct ReadmeExampleTests {
    static func section() throws -> String { try readmeSection("checker") }

    /// The contents of the fenced ```text blocks, in order.
    static func textBlocks(_ section: String) -> [String] {
        var blocks: [String] = []
        var current: [String]? = nil
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```text" { current = []; continue }
            if current != nil, line == "```" { blocks.append(current!.joined(separator: "\n")); current = nil; continue }
            current?.append(String(line))
        }
        return blocks
    }

    @Test("the README shows the example file as it is")
    func exampleFile() throws {
        let blocks = ReadmeExampleTests.textBlocks(try ReadmeExampleTests.section())
        let file = try derivationFile("example-sigmoid-neuron.txt")
        #expect(blocks.first == file.trimmingCharacters(in: .newlines))
    }

    @Test("the README shows what symdiff check prints for it")
    func exampleOutput() throws {
        let blocks = ReadmeExampleTests.textBlocks(try ReadmeExampleTests.section())
        try #require(blocks.count >= 2)
        var shown = blocks[1].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(shown.removeFirst() == "$ swift run symdiff check derivations/example-sigmoid-neuron.txt")
        let report = DerivationChecker().check(try derivationFile("example-sigmoid-neuron.txt"))
        let actual = report.text(name: "derivations/example-sigmoid-neuron.txt")
            .trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(shown.count == actual.count)
        // Sample points come from the engine's seeded sampler: the words must match, the
        // point's numbers may move if the sampler changes.
        func words(_ line: String) -> String {
            guard let at = line.range(of: ": at ") ?? line.range(of: "; at ") else { return line }
            return String(line[..<at.lowerBound])
        }
        for (expected, got) in zip(shown, actual) {
            #expect(words(expected) == words(got))
        }
        #expect(report.claims.map(\.status) == [.proved, .proved, .proved, .refuted, .refuted, .proved, .refuted, .refuted])
    }

    @Test("the README's library example runs as shown")
    func libraryExample() throws {
        let report = DerivationChecker().check(try derivationFile("example-sigmoid-neuron.txt"))
        #expect(report.claims.first?.mark == "✓")
        let one = try DerivationChecker().check(claim: "d(L)/d(w) == (p - y)*x",
                                                 definitions: "p = w*x + b\nL = (p - y)**2/2")
        // By hand: L = (w*x + b - y)**2/2, so dL/dw = (p - y)*x.
        #expect(one.status == .proved)
    }
}
