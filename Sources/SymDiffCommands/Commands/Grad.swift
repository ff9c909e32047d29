// Placeholder: replaced by the issue that implements `symdiff grad`.
struct GradCommand: Command {
    static let name = "grad"
    static let abstract = "Reverse-mode gradient of an expression."
    static let usage = "symdiff grad"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff grad: not available yet")
        return 2
    }
}
