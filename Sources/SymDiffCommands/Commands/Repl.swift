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

        Exit status: 0, or 1 if any statement failed.

        \(SessionLanguage.reference)
        """
    static let options: [OptionSpec] = []

    init(_ arguments: ParsedArguments) throws {}

    func run(_ console: Console) throws -> Int32 {
        let session = Session()
        var lineNumber = 0
        var failed = false
        if console.isTerminal { console.print("symdiff \(SymDiffCLI.version) — type 'help' for the language, 'quit' to leave") }
        while true {
            if console.isTerminal { console.write(">>> ") }
            guard var statement = console.readLine() else { break }
            lineNumber += 1
            let firstLine = lineNumber
            if statement.trimmingCharacters(in: .whitespaces) == "quit" || statement.trimmingCharacters(in: .whitespaces) == "exit" { break }
            while Session.needsMoreInput(statement) {
                if console.isTerminal { console.write("... ") }
                guard let more = console.readLine() else { break }
                lineNumber += 1
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
