// Placeholder: replaced by the issue that implements `symdiff verify-chain-rule`.
struct VerifyChainRuleCommand: Command {
    static let name = "verify-chain-rule"
    static let abstract = "Check the chain rule on the seed network."
    static let usage = "symdiff verify-chain-rule"
    static let options: [OptionSpec] = []
    init(_ arguments: ParsedArguments) throws {}
    func run(_ console: Console) throws -> Int32 {
        console.printError("symdiff verify-chain-rule: not available yet")
        return 2
    }
}
