// Placeholder: replaced by the issue that implements `symdiff check`.
struct CheckCommand: Command {
    static let name = "check"
    static let abstract = "Check a hand-written derivation."
    static let usage = "symdiff check"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff check: not available yet")
        return 2
    }
}
