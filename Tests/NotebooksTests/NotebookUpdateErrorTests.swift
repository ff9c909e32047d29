import Foundation
import Testing
@testable import Notebooks
@testable import SymDiffCommands

/// `notebook run --update` must not turn a broken cell into a passing one by
/// recording its error as the expected output (issue 15).
@Suite("notebook run --update and errors")
struct NotebookUpdateErrorTests {
    static let notebook = """
        # Two cells

        ```symdiff
        diff(x**2, x)
        ```

        ```symdiff
        sigmod(x)
        ```

        """

    @Test("an error is not recorded: exit 1, the cell named, the file untouched")
    func refused() throws {
        let file = try scratchDirectory().appendingPathComponent("broken.md")
        try Self.notebook.write(to: file, atomically: true, encoding: .utf8)
        let console = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "run", "--update", file.path], console: console) == 1)
        #expect(console.errors.contains("\(file.path):8: not updated: cell 2 printed an error"), "\(console.errors)")
        #expect(console.errors.contains("--allow-errors"))
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.notebook)
    }

    @Test("--allow-errors records it, and the notebook then passes")
    func allowed() throws {
        let file = try scratchDirectory().appendingPathComponent("broken.md")
        try Self.notebook.write(to: file, atomically: true, encoding: .utf8)
        #expect(SymDiffCLI.run(["notebook", "run", "--update", "--allow-errors", file.path], console: Console.capturing()) == 0)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("```output\n2*x\n```"))
        #expect(text.contains("unknown function 'sigmod'"))
        #expect(SymDiffCLI.run(["notebook", "run", file.path], console: Console.capturing()) == 0)
    }

    @Test("--allow-errors without --update is a usage error")
    func allowErrorsAlone() {
        let console = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "run", "--allow-errors", "a.md"], console: console) == 2)
        #expect(console.errors.contains("--allow-errors goes with --update"))
    }

    @Test("a notebook saved with CRLF line ends runs as with LF")
    func crlf() throws {
        let lf = """
            # One cell

            ```symdiff
            diff(x**3, x)
            ```

            ```output
            3*x**2
            ```

            """
        let file = try scratchDirectory().appendingPathComponent("crlf.md")
        try lf.replacingOccurrences(of: "\n", with: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let console = Console.capturing()
        #expect(SymDiffCLI.run(["notebook", "run", file.path], console: console) == 0, "\(console.output)\(console.errors)")
    }
}
