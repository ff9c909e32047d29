// Placeholder: replaced by the issue that implements `symdiff diff`.
struct DiffCommand: Command {
    static let name = "diff"
    static let abstract = "Differentiate an expression."
    static let usage = "symdiff diff"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff diff: not available yet")
        return 2
    }
}
