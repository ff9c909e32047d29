import Foundation
import Testing
@testable import SymDiffCommands

/// Runs `symdiff ARGS` in-process: (exit status, stdout, stderr).
private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

private let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("README.md")

@Suite("README: the cli section's examples")
struct ReadmeCLITests {
    @Test("every '$ symdiff' example in the cli section prints what the README shows")
    func examples() throws {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "<!-- section: cli -->"))
        let end = try #require(text.range(of: "<!-- /section: cli -->"))
        let lines = text[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        var checked = 0
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("$ symdiff ") else { i += 1; continue }
            var command = String(lines[i].dropFirst("$ symdiff ".count))
            if let comment = command.range(of: "  #") { command = String(command[..<comment.lowerBound]) }
            var expected = ""
            i += 1
            while i < lines.count, !lines[i].hasPrefix("$ "), !lines[i].hasPrefix("```") {
                expected += lines[i] + "\n"
                i += 1
            }
            #expect(symdiff(shellWords(command)).output == expected, "\(command)")
            checked += 1
        }
        #expect(checked >= 7)
    }
}
