// Placeholder: replaced by the issue that implements `symdiff eval`.
struct EvalCommand: Command {
    static let name = "eval"
    static let abstract = "Evaluate an expression at a point."
    static let usage = "symdiff eval"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff eval: not available yet")
        return 2
    }
}
