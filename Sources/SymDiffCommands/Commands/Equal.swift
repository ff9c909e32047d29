// Placeholder: replaced by the issue that implements `symdiff equal`.
struct EqualCommand: Command {
    static let name = "equal"
    static let abstract = "Decide whether two expressions are equal."
    static let usage = "symdiff equal"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff equal: not available yet")
        return 2
    }
}
