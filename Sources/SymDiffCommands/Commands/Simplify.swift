// Placeholder: replaced by the issue that implements `symdiff simplify`.
struct SimplifyCommand: Command {
    static let name = "simplify"
    static let abstract = "Simplify an expression."
    static let usage = "symdiff simplify"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff simplify: not available yet")
        return 2
    }
}
