import Foundation

/// A text notebook: Markdown prose with cells. A cell is a fenced block of
/// session input (info string `symdiff`), optionally followed — after blank
/// lines only — by a fenced block of its expected output (info `output`).
/// A cell without an output block expects no output.
///
/// ````markdown
/// The derivative of the sigmoid:
///
/// ```symdiff
/// diff(sigmoid(z), z)
/// ```
///
/// ```output
/// sigmoid(z)*(1 - sigmoid(z))
/// ```
/// ````
///
/// Other fenced blocks (```` ```swift ````, ```` ```text ````) are prose.
public struct Notebook: Sendable {
    /// The info string that marks an input cell.
    public static let inputInfo = "symdiff"
    /// The info string that marks an output block.
    public static let outputInfo = "output"

    /// One input block and its output block, if any.
    public struct Cell: Sendable {
        /// The session input, lines joined by newlines.
        public let input: String
        /// Line number (from 1) of the input's first line.
        public let inputLine: Int
        /// The expected output (lines joined by newlines), or `nil` without an output block.
        public let expectedOutput: String?
        /// Line number of the expected output's first line (or where it would go).
        public let outputLine: Int
        /// Line indices (from 0) of the input block's opening and closing fences.
        let inputFences: (open: Int, close: Int)
        /// Line indices of the output block's fences.
        let outputFences: (open: Int, close: Int)?
    }

    /// The file's lines (without newlines).
    public let lines: [String]
    public let cells: [Cell]

    /// Parses notebook text; throws on an unclosed fence.
    public init(parsing text: String) throws(NotebookError) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines

        // All fenced blocks first: (open, close, info).
        var blocks: [(open: Int, close: Int, info: String)] = []
        var i = 0
        while i < lines.count {
            guard let (fence, info) = Notebook.openingFence(lines[i]) else { i += 1; continue }
            var j = i + 1
            while j < lines.count, !Notebook.isClosingFence(lines[j], fence) { j += 1 }
            guard j < lines.count else {
                throw NotebookError(line: i + 1, message: "this fenced block (\(info.isEmpty ? "```" : "```" + info)) is never closed")
            }
            blocks.append((i, j, info))
            i = j + 1
        }

        var cells: [Cell] = []
        var b = 0
        while b < blocks.count {
            let block = blocks[b]
            if block.info == Notebook.outputInfo {
                throw NotebookError(line: block.open + 1, message: "an output block must follow a ```\(Notebook.inputInfo) block")
            }
            guard block.info == Notebook.inputInfo else { b += 1; continue }
            let input = lines[(block.open + 1)..<block.close].joined(separator: "\n")
            var outputFences: (open: Int, close: Int)? = nil
            if b + 1 < blocks.count, blocks[b + 1].info == Notebook.outputInfo,
               lines[(block.close + 1)..<blocks[b + 1].open].allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
                outputFences = (blocks[b + 1].open, blocks[b + 1].close)
                b += 1
            }
            let expected = outputFences.map { lines[($0.open + 1)..<$0.close].joined(separator: "\n") }
            cells.append(Cell(input: input, inputLine: block.open + 2, expectedOutput: expected,
                              outputLine: (outputFences?.open ?? block.close) + 2,
                              inputFences: (block.open, block.close), outputFences: outputFences))
            b += 1
        }
        self.cells = cells
    }

    /// The notebook text with each cell's output block replaced by `outputs[i]`
    /// (text without a trailing newline; empty removes the block).
    public func rendering(outputs: [String]) -> String {
        precondition(outputs.count == cells.count, "one output per cell")
        var result: [String] = []
        var next = 0
        for (cell, output) in zip(cells, outputs) {
            result += lines[next...cell.inputFences.close]
            next = cell.inputFences.close + 1
            if let fences = cell.outputFences {
                // Keep the blank lines between the blocks only when the block stays.
                if !output.isEmpty {
                    result += lines[next..<fences.open]
                    result += Notebook.outputBlock(output)
                }
                next = fences.close + 1
            } else if !output.isEmpty {
                result.append("")
                result += Notebook.outputBlock(output)
            }
        }
        result += lines[next...]
        return result.joined(separator: "\n") + "\n"
    }

    static func outputBlock(_ output: String) -> [String] {
        // A fence longer than any backtick run at the start of an output line.
        let outputLines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let longest = outputLines.map { $0.prefix(while: { $0 == "`" }).count }.max() ?? 0
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return [fence + Notebook.outputInfo] + outputLines + [fence]
    }

    /// `(fence, info)` if `line` opens a fenced code block (up to three spaces of indent).
    static func openingFence(_ line: String) -> (String, String)? {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        let fence = rest.prefix(while: { $0 == "`" })
        guard fence.count >= 3 else { return nil }
        let info = rest.dropFirst(fence.count).trimmingCharacters(in: .whitespaces)
        guard !info.contains("`") else { return nil }
        return (String(fence), String(info.split(separator: " " as Character).first ?? ""))
    }

    static func isClosingFence(_ line: String, _ fence: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count >= fence.count && trimmed.allSatisfy { $0 == "`" } && line.prefix(while: { $0 == " " }).count <= 3
    }
}

/// A notebook that cannot be read: an unclosed fence or a stray output block.
public struct NotebookError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}
