import Foundation
import Testing
@testable import Notebooks
@testable import SymDiffCommands

/// The package root, found from this file's path (Tests/NotebooksTests/…).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The notebooks shipped in `notebooks/`, sorted by name.
let shippedNotebooks: [String] = {
    let directory = packageRoot.appendingPathComponent("notebooks")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".md") }.sorted().map { directory.appendingPathComponent($0).path }
}()

/// A fresh scratch directory for one test.
func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-notebooks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("The shipped notebooks")
struct ShippedNotebookTests {
    @Test("the seed walkthroughs are there")
    func seedNotebooks() {
        let names = shippedNotebooks.map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(names.starts(with: [
            "01-three-layer-network.md", "02-activation-derivatives.md", "03-logistic-regression-to-mlp.md",
            "04-softmax-and-vanishing-gradients.md", "05-checking-a-derivation.md", "06-training-risknet.md",
        ]))
    }

    @Test("every notebook's outputs are current (symdiff notebook run)", arguments: shippedNotebooks)
    func notebookIsCurrent(path: String) {
        let console = Console.capturing()
        let status = SymDiffCLI.run(["notebook", "run", path], console: console)
        #expect(status == 0, "\(console.output)\(console.errors)\nRegenerate with: swift run symdiff notebook run --update \(path)")
    }

    @Test("a hand-edited expected output makes the run fail with a readable diff")
    func editedOutputFails() throws {
        let path = try #require(shippedNotebooks.first, "no notebooks found in \(packageRoot.path)/notebooks")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let notebook = try Notebook(parsing: text)
        // Change the first line of the first non-empty output block.
        let cell = try #require(notebook.cells.first { !($0.expectedOutput ?? "").isEmpty })
        let original = cell.expectedOutput!.components(separatedBy: "\n")[0]
        var lines = notebook.lines
        lines[cell.outputLine - 1] = original + " + 1"
        let directory = try scratchDirectory()
        let copy = directory.appendingPathComponent("edited.md").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: copy, atomically: true, encoding: .utf8)

        let console = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "run", copy], console: console) == 1)
        let cellNumber = notebook.cells.firstIndex { $0.inputLine == cell.inputLine }! + 1
        #expect(console.output.contains("\(copy): cell \(cellNumber) (line \(cell.inputLine)): output differs"))
        #expect(console.output.contains("--- expected\n+++ actual\n@@ -\(cell.outputLine),"))
        #expect(console.output.contains("\n-\(original) + 1\n+\(original)"))
        #expect(console.output.hasSuffix("1 of \(notebook.cells.count) cells differ\n"))

        // --update repairs the copy.
        let update = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "run", "--update", copy], console: update) == 0)
        #expect(update.output == "\(copy): updated 1 of \(notebook.cells.count) cells\n")
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == text)
    }
}

@Suite("symdiff notebook")
struct NotebookCommandTests {
    @Test("new writes a starter that passes run, and refuses to overwrite")
    func newStarter() throws {
        let path = try scratchDirectory().appendingPathComponent("my-derivation.md").path
        let console = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "new", path], console: console) == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# My derivation\n"))
        #expect(try Notebook(parsing: text).cells.count >= 3)
        let run = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "run", path], console: run) == 0)
        #expect(run.output.hasSuffix("all outputs match\n"))

        try "keep me\n".write(toFile: path, atomically: true, encoding: .utf8)
        let again = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "new", path], console: again) == 2)
        #expect(again.errors.contains("already exists"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me\n")
    }

    @Test("usage errors exit 2 with a pointer to help", arguments: [
        ["notebook"], ["notebook", "run"], ["notebook", "frobnicate", "x.md"], ["notebook", "new", "a.md", "b.md"],
        ["notebook", "new", "--update", "a.md"],
    ])
    func usageErrors(arguments: [String]) {
        let console = Console.capturing()
        #expect(SymDiffCLI.run(arguments, console: console) == 2)
        #expect(console.errors.contains("See 'symdiff help notebook'."))
    }

    @Test("a missing or malformed file exits 2 with its name")
    func unreadable() throws {
        let directory = try scratchDirectory()
        let missing = directory.appendingPathComponent("missing.md").path
        let console = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "run", missing], console: console) == 2)
        #expect(console.errors.contains("cannot read \(missing)"))

        let broken = directory.appendingPathComponent("broken.md").path
        try "```symdiff\nx\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let second = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "run", broken], console: second) == 2)
        #expect(second.errors == "symdiff notebook: \(broken): line 1: this fenced block (```symdiff) is never closed\n")
    }
}

@Suite("symdiff repl")
struct ReplTests {
    @Test("piped input: definitions persist, no prompts, results on stdout")
    func pipedInput() {
        let console = Console.capturing(input: ["z1 = W1*x + b1", "a1 = sigmoid(z1)", "diff(a1, z1)", "eval a1 at W1=0.2, x=5, b1=-1"])
        #expect(SymDiffCLI.run(["repl"], console: console) == 0)
        // Seed 000: ∂a1/∂z1 = a1(1 − a1); a1 = σ(0.2·5 − 1) = σ(0) = 0.5.
        #expect(console.output == "a1*(1 - a1)\n0.5\n")
        #expect(console.errors.isEmpty)
    }

    @Test("an error goes to stderr with its line, the session goes on, and the exit status is 1")
    func errorsContinue() {
        let console = Console.capturing(input: ["a = x**2", "diff(a, )", "diff(a, x)"])
        #expect(SymDiffCLI.run(["repl"], console: console) == 1)
        #expect(console.output == "2*x\n")
        #expect(console.errors == "error at line 2, column 9: expected a value before ')'\n  diff(a, )\n          ^\n")
    }

    @Test("a statement with open brackets continues on the next line; quit ends the session")
    func continuationAndQuit() {
        let console = Console.capturing(input: ["p = {x: 2,", "y: 3}", "eval(x*y, p)", "quit", "x"])
        #expect(SymDiffCLI.run(["repl"], console: console) == 0)
        #expect(console.output == "6\n")
    }
}
