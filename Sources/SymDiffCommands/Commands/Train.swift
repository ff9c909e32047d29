// Placeholder: replaced by the issue that implements `symdiff train`.
struct TrainCommand: Command {
    static let name = "train"
    static let abstract = "Train the seeds' networks."
    static let usage = "symdiff train"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff train: not available yet")
        return 2
    }
}
