/// Runs a notebook's cells in order in one session and compares each cell's
/// output with the output block that follows it.
///
/// ```swift
/// let run = try NotebookRunner.run(text: String(contentsOfFile: path))
/// if !run.differences.isEmpty { print(run.report(path: path)) }
/// let fixed = run.updatedText   // the notebook with fresh outputs
/// ```
public enum NotebookRunner {
    /// Parses and runs notebook text; relative paths in cells start at `directory`.
    public static func run(text: String, directory: String? = nil) throws(NotebookError) -> NotebookRun {
        run(try Notebook(parsing: text), directory: directory)
    }

    /// Runs every cell of `notebook` in a fresh session.
    public static func run(_ notebook: Notebook, directory: String? = nil) -> NotebookRun {
        let session = Session(baseDirectory: directory)
        var outputs: [String] = []
        var differences: [NotebookRun.Difference] = []
        var cellsWithErrors: [Int] = []
        for (index, cell) in notebook.cells.enumerated() {
            let output = session.run(cell.input)
            if output.errorCount > 0 { cellsWithErrors.append(index + 1) }
            var text = output.text
            if text.hasSuffix("\n") { text.removeLast() }
            outputs.append(text)
            let expected = cell.expectedOutput ?? ""
            if expected != text {
                let diff = LineDiff.unified(expected: expected.isEmpty ? [] : expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                            actual: text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                            firstLine: cell.outputLine)
                differences.append(.init(cell: index + 1, inputLine: cell.inputLine, expected: expected, actual: text, diff: diff))
            }
        }
        return NotebookRun(notebook: notebook, outputs: outputs, differences: differences, cellsWithErrors: cellsWithErrors)
    }
}

/// The result of running a notebook.
public struct NotebookRun: Sendable {
    /// A cell whose output is not what the notebook says.
    public struct Difference: Sendable {
        /// The cell's number, from 1.
        public let cell: Int
        /// The line of the cell's first input line.
        public let inputLine: Int
        public let expected: String
        public let actual: String
        /// A unified diff, expected → actual, numbered by file line.
        public let diff: String
    }

    public let notebook: Notebook
    /// What each cell printed.
    public let outputs: [String]
    public let differences: [Difference]
    /// The cells (numbered from 1) whose output holds an error, which
    /// `--update` must not record as expected without being told to.
    public var cellsWithErrors: [Int] = []

    /// Whether every cell's output matched.
    public var matches: Bool { differences.isEmpty }

    /// The notebook with every output block replaced by what the cells printed now.
    public var updatedText: String { notebook.rendering(outputs: outputs) }

    /// One block per differing cell and a summary line, for `notebook run`.
    public func report(path: String) -> String {
        var parts: [String] = []
        for d in differences {
            parts.append("\(path): cell \(d.cell) (line \(d.inputLine)): output differs\n\(d.diff)")
        }
        let count = notebook.cells.count
        if differences.isEmpty {
            parts.append("\(path): \(count) cell\(count == 1 ? "" : "s"), all outputs match")
        } else {
            parts.append("\(path): \(differences.count) of \(count) cell\(count == 1 ? "" : "s") differ")
        }
        return parts.joined(separator: "\n\n")
    }
}
