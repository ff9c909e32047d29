// Placeholder: replaced by the issue that implements `symdiff repl`.
struct ReplCommand: Command {
    static let name = "repl"
    static let abstract = "An interactive symdiff session."
    static let usage = "symdiff repl"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff repl: not available yet")
        return 2
    }
}
