import Foundation
import Notebooks

/// `symdiff notebook run|new`: executable text notebooks.
struct NotebookCommand: Command {
    static let name = "notebook"
    static let abstract = "Run text notebooks and check their outputs, or create a starter notebook."
    static let usage = """
        symdiff notebook run [--update [--allow-errors]] FILE...
               symdiff notebook new FILE
        """
    static let discussion = """
        A notebook is a Markdown file: prose, then cells. A cell is a fenced
        ```symdiff block of session input (the language of 'symdiff repl'),
        followed by a fenced ```output block with what it prints. A cell that
        prints nothing needs no output block.

        'run' executes every cell in order in one session (definitions carry
        over between cells) and reports each cell whose output differs, as a
        unified diff numbered by file line. Exit status 1 if any differs.
        With --update the output blocks are rewritten in place instead; a cell
        that prints an error is not recorded (exit 1, naming the cell) unless
        --allow-errors says the error is what the cell should show.

        'new' writes a starter notebook that passes 'run'; it never overwrites
        an existing file.

        Examples:
          symdiff notebook run notebooks/*.md
          symdiff notebook run --update notebooks/01-three-layer-network.md
          symdiff notebook new notebooks/my-derivation.md
        """
    static let options = [
        OptionSpec("update", help: "rewrite output blocks with the fresh outputs (run only)"),
        OptionSpec("allow-errors", help: "with --update, record cells whose output is an error"),
    ]
    static let positionals: ClosedRange<Int> = 1...Int.max

    enum Action { case run([String]), new(String) }
    let action: Action
    let update: Bool
    let allowErrors: Bool

    init(_ arguments: ParsedArguments) throws {
        let files = Array(arguments.positionals.dropFirst())
        update = arguments.flag("update")
        allowErrors = arguments.flag("allow-errors")
        if allowErrors && !update { throw UsageError("--allow-errors goes with --update") }
        switch arguments.positionals[0] {
        case "run":
            guard !files.isEmpty else { throw UsageError("notebook run needs at least one FILE") }
            action = .run(files)
        case "new":
            guard files.count == 1 else { throw UsageError("notebook new takes exactly one FILE") }
            guard !update else { throw UsageError("--update goes with 'notebook run'") }
            action = .new(files[0])
        default:
            throw UsageError("unknown notebook action '\(arguments.positionals[0])' (expected 'run' or 'new')")
        }
    }

    func run(_ console: Console) throws -> Int32 {
        switch action {
        case .new(let path): return try create(path, console)
        case .run(let paths):
            var status: Int32 = 0
            for path in paths { status = max(status, runOne(path, console)) }
            return status
        }
    }

    private func create(_ path: String, _ console: Console) throws -> Int32 {
        if FileManager.default.fileExists(atPath: path) {
            throw InputError("\(path) already exists; choose another name (notebook new never overwrites)")
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let title = stem.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        let text = NotebookStarter.text(title: title.prefix(1).uppercased() + title.dropFirst())
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError("cannot write \(path): \(error.localizedDescription)")
        }
        console.print("wrote \(path); run it with: symdiff notebook run \(path)")
        return 0
    }

    /// Runs one notebook: 0 all match (or updated), 1 outputs differ, 2 unreadable.
    private func runOne(_ path: String, _ console: Console) -> Int32 {
        let text: String
        do {
            text = try readTextFile(path)
        } catch {
            console.printError("symdiff notebook: \(error.message)")
            return 2
        }
        let run: NotebookRun
        do {
            run = try NotebookRunner.run(text: text, directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        } catch {
            console.printError("symdiff notebook: \(path): \(error)")
            return 2
        }
        guard update else {
            console.print(run.report(path: path))
            return run.matches ? 0 : 1
        }
        let count = run.notebook.cells.count
        if run.matches && run.updatedText == text {
            console.print("\(path): \(count) cell\(count == 1 ? "" : "s"), all outputs match")
            return 0
        }
        // An error recorded as the expected output would make a broken notebook pass.
        if !allowErrors, let first = run.cellsWithErrors.first {
            let cells = run.cellsWithErrors.count == 1 ? "cell \(first)" : "cells " + run.cellsWithErrors.map(String.init).joined(separator: ", ")
            let line = run.notebook.cells[first - 1].inputLine
            console.printError("symdiff notebook: \(path):\(line): not updated: \(cells) printed an error (first at cell \(first)); fix it, or record it with --allow-errors")
            return 1
        }
        do {
            try run.updatedText.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            console.printError("symdiff notebook: cannot write \(path): \(error.localizedDescription)")
            return 2
        }
        console.print("\(path): updated \(run.differences.count) of \(count) cell\(count == 1 ? "" : "s")")
        return 0
    }
}
