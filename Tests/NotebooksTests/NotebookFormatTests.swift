import Testing
@testable import Notebooks

let sampleNotebook = """
    # Sample

    Prose with a Swift block that is not a cell:

    ```swift
    let x = 1
    ```

    ```symdiff
    s = sigmoid(z)
    diff(s, z)
    ```

    ```output
    s*(1 - s)
    ```

    A cell without output:

    ```symdiff
    t = tanh(z)
    ```

    ```symdiff
    diff(t, z)
    ```
    """

@Suite("Notebook format")
struct NotebookFormatTests {
    @Test("cells are symdiff blocks; an output block follows after blank lines only")
    func parsesCells() throws {
        let notebook = try Notebook(parsing: sampleNotebook)
        #expect(notebook.cells.count == 3)
        #expect(notebook.cells[0].input == "s = sigmoid(z)\ndiff(s, z)")
        #expect(notebook.cells[0].inputLine == 10)
        #expect(notebook.cells[0].expectedOutput == "s*(1 - s)")
        #expect(notebook.cells[0].outputLine == 15)
        #expect(notebook.cells[1].expectedOutput == nil)
        #expect(notebook.cells[2].expectedOutput == nil)
    }

    @Test("running reports the cells whose output differs")
    func runFindsMissingOutput() throws {
        let run = try NotebookRunner.run(text: sampleNotebook)
        // Cells 1 and 2 match; cell 3 prints tanh' = 1 − tanh² but has no output block.
        #expect(run.differences.map(\.cell) == [3])
        #expect(run.differences[0].actual == "1 - t**2")
    }

    @Test("update writes fresh outputs, adding a block where one is missing, and the result runs clean")
    func updateAddsBlocks() throws {
        let run = try NotebookRunner.run(text: sampleNotebook)
        let updated = run.updatedText
        #expect(updated.hasSuffix("```symdiff\ndiff(t, z)\n```\n\n```output\n1 - t**2\n```\n"))
        #expect(updated.hasPrefix(sampleNotebook.components(separatedBy: "A cell without output")[0]))
        #expect(try NotebookRunner.run(text: updated).matches)
        // Updating again changes nothing.
        #expect(try NotebookRunner.run(text: updated).updatedText == updated)
    }

    @Test("update removes the output block of a cell that prints nothing")
    func updateRemovesEmptyOutput() throws {
        let text = "```symdiff\na = 1\n```\n\n```output\nstale\n```\n\nafter\n"
        let run = try NotebookRunner.run(text: text)
        #expect(!run.matches)
        #expect(run.updatedText == "```symdiff\na = 1\n```\n\nafter\n")
    }

    @Test("an output holding a fence gets a longer fence")
    func longerFence() throws {
        let text = "```symdiff\nprint(\"```\")\n```\n"
        let updated = try NotebookRunner.run(text: text).updatedText
        #expect(updated.contains("````output\n```\n````"))
        #expect(try NotebookRunner.run(text: updated).matches)
    }

    @Test("an unclosed fence or a stray output block is an error with its line", arguments: [
        ("intro\n\n```symdiff\nx\n", "line 3: this fenced block (```symdiff) is never closed"),
        ("```output\nx\n```\n", "line 1: an output block must follow a ```symdiff block"),
    ])
    func malformed(text: String, message: String) {
        #expect(throws: NotebookError.self) { try Notebook(parsing: text) }
        do { _ = try Notebook(parsing: text) } catch { #expect(error.description == message) }
    }

    @Test("cell errors are part of the output, positioned within the cell")
    func errorsInCells() throws {
        let text = "```symdiff\na = 1\nb = (a\n```\n"
        let run = try NotebookRunner.run(text: text)
        #expect(run.outputs == ["error at line 2, column 5: this '(' is never closed\n  b = (a\n      ^"])
    }

    @Test("definitions carry over from cell to cell")
    func definitionsCarryOver() throws {
        let text = "```symdiff\nz = w*x\n```\n\n```symdiff\ndiff(z, w)\n```\n"
        #expect(try NotebookRunner.run(text: text).outputs == ["", "x"])
    }
}

@Suite("Line diff")
struct LineDiffTests {
    @Test("a changed line shows as removal then addition, numbered from the block's first line")
    func changedLine() {
        let diff = LineDiff.unified(expected: ["a", "b", "c"], actual: ["a", "B", "c"], firstLine: 20)
        #expect(diff == "--- expected\n+++ actual\n@@ -20,3 +20,3 @@\n a\n-b\n+B\n c")
    }

    @Test("equal texts have no diff")
    func equalTexts() {
        #expect(LineDiff.unified(expected: ["a"], actual: ["a"]) == "")
    }

    @Test("an added line and an empty side", arguments: [
        (["a"], ["a", "b"], "--- expected\n+++ actual\n@@ -1,1 +1,2 @@\n a\n+b"),
        ([], ["x"], "--- expected\n+++ actual\n@@ -0,0 +1,1 @@\n+x"),
        (["x"], [], "--- expected\n+++ actual\n@@ -1,1 +0,0 @@\n-x"),
    ])
    func edits(expected: [String], actual: [String], diff: String) {
        #expect(LineDiff.unified(expected: expected, actual: actual) == diff)
    }

    @Test("distant changes get separate hunks with three lines of context")
    func hunks() {
        let a = (1...20).map(String.init)
        var b = a
        b[1] = "two"
        b[17] = "eighteen"
        let diff = LineDiff.unified(expected: a, actual: b)
        #expect(diff.components(separatedBy: "\n@@").count == 3)
        #expect(diff.contains("@@ -1,5 +1,5 @@"))
        #expect(diff.contains("@@ -15,6 +15,6 @@"))
    }
}
