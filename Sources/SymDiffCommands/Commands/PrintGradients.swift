// Placeholder: replaced by the issue that implements `symdiff print-gradients`.
struct PrintGradientsCommand: Command {
    static let name = "print-gradients"
    static let abstract = "The seed network's gradients."
    static let usage = "symdiff print-gradients"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff print-gradients: not available yet")
        return 2
    }
}
