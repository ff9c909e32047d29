/// The subcommands of `symdiff`, one type per file in `Commands/`.
enum CommandRegistry {
    // Immutable after initialisation; metatypes carry no state.
    nonisolated(unsafe) static let all: [any Command.Type] = [
        DiffCommand.self,
        SimplifyCommand.self,
        EvalCommand.self,
        EqualCommand.self,
        GradCommand.self,
        PrintGradientsCommand.self,
        VerifyChainRuleCommand.self,
        TrainCommand.self,
        PredictCommand.self,
        CheckCommand.self,
        NotebookCommand.self,
        ReplCommand.self,
    ]
}
