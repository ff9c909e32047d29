// Placeholder: replaced by the issue that implements `symdiff notebook`.
struct NotebookCommand: Command {
    static let name = "notebook"
    static let abstract = "Run or create text notebooks."
    static let usage = "symdiff notebook"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff notebook: not available yet")
        return 2
    }
}
