import Notebooks

/// `symdiff repl`: the session language interactively, like `isympy`.
struct ReplCommand: Command {
    static let name = "repl"
    static let abstract = "An interactive symdiff session (definitions persist; works with piped input)."
    static let usage = "symdiff repl"
    static let discussion = """
        Reads one statement per line (a statement continues while brackets are
        open) and prints each result. Errors are reported with their position
        and the session goes on. 'help' lists the language; 'quit' or end of
        input (Ctrl-D) ends the session. Prompts appear only on a terminal, so
        piped input gives clean output:

          printf 'z = w*x + b\\ndiff(sigmoid(z), w)\\n' | symdiff repl

        At a terminal the line can be edited: ←/→, Home/End (Ctrl-A/Ctrl-E),
        Backspace/Delete, ↑/↓ for earlier lines (kept in ~/.symdiff_history, or
        $SYMDIFF_HISTORY; empty for none), Tab to complete a name, function or
        word. Ctrl-C drops the line being typed and keeps the session; Ctrl-D
        on an empty line ends it; an empty line or Ctrl-C ends a continuation.

        Exit status: 0, or 1 if any statement failed.

        \(SessionLanguage.reference)
        """
    static let options: [OptionSpec] = []

    init(_ arguments: ParsedArguments) throws {}

    func run(_ console: Console) throws -> Int32 {
        let session = Session()
        var lineNumber = 0
        var failed = false
        // Line editing only on a real terminal; piped input reads plain lines.
        let editor = console.isTerminal && TerminalLineReader.isAvailable
            ? TerminalLineReader(completions: { session.completionWords }) : nil
        /// One line, or `nil` at end of input; Ctrl-C gives "" with `cancelled` set.
        func next(_ prompt: String, cancelled: inout Bool) -> String? {
            guard let editor else {
                if console.isTerminal { console.write(prompt) }
                return console.readLine()
            }
            switch editor.read(prompt: prompt) {
            case .text(let text): return text
            case .cancelled: cancelled = true; return ""
            case .endOfInput: return nil
            }
        }
        if console.isTerminal { console.print("symdiff \(SymDiffCLI.version) — type 'help' for the language, 'quit' to leave") }
        reading: while true {
            var cancelled = false
            guard var statement = next(">>> ", cancelled: &cancelled) else { break }
            lineNumber += 1
            if cancelled { continue }
            let firstLine = lineNumber
            if statement.trimmingCharacters(in: .whitespaces) == "quit" || statement.trimmingCharacters(in: .whitespaces) == "exit" { break }
            while Session.needsMoreInput(statement) {
                guard let more = next("... ", cancelled: &cancelled) else { break }
                lineNumber += 1
                // Ctrl-C drops the unfinished statement; an empty line (at a
                // terminal) runs it as it stands, so its error says what is open.
                if cancelled { continue reading }
                if editor != nil && more.trimmingCharacters(in: .whitespaces).isEmpty { break }
                statement += "\n" + more
            }
            switch session.execute(statement, line: firstLine) {
            case .output(let text)?: console.print(text)
            case .error(let error)?:
                console.printError(error.description)
                failed = true
            case nil: break
            }
        }
        if console.isTerminal { console.print() }
        return failed ? 1 : 0
    }
}
