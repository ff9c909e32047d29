import Foundation
import SymDiff

/// The `symdiff` command line: dispatches to a subcommand and turns errors
/// into messages and exit codes. Never lets a Swift error escape as a crash.
///
/// ```swift
/// let console = Console.capturing()
/// let status = SymDiffCLI.run(["diff", "x**2", "--wrt", "x"], console: console)
/// // status == 0, console.output == "2*x\n"
/// ```
public enum SymDiffCLI {
    /// Every subcommand, in the order `--help` lists them.
    nonisolated(unsafe) public static let commands: [any Command.Type] = CommandRegistry.all

    /// Runs `symdiff` with `arguments` (without the program name); returns the exit code.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            console.printError("symdiff: missing command\nSee 'symdiff --help'.")
            return 2
        }
        if first == "--help" || first == "-h" {
            console.write(overview)
            return 0
        }
        if first == "--version" {
            console.print("symdiff \(version)")
            return 0
        }
        if first == "help" {
            guard arguments.count <= 2 else {
                console.printError("symdiff help: unexpected argument '\(arguments[2])'\nSee 'symdiff --help'.")
                return 2
            }
            guard arguments.count == 2 else { console.write(overview); return 0 }
            if arguments[1] == "help" { console.write(helpHelp); return 0 }
            guard let command = commands.first(where: { $0.name == arguments[1] }) else {
                console.printError("symdiff help: unknown command '\(arguments[1])'\(suggestion(for: arguments[1]))\nSee 'symdiff --help'.")
                return 2
            }
            console.write(command.helpText)
            return 0
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            console.printError("symdiff: unknown command '\(first)'\(suggestion(for: first))\nSee 'symdiff --help'.")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        // `symdiff diff help` asks for help; it is not the expression `help`.
        if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) || rest == ["help"] {
            console.write(command.helpText)
            return 0
        }
        return execute(command, rest, console: console)
    }

    static func execute(_ command: any Command.Type, _ arguments: [String], console: Console) -> Int32 {
        let name = command.name
        do {
            let parsed = try ParsedArguments.parse(arguments, options: command.options, positionals: command.positionals)
            let instance = try command.init(parsed)
            return try instance.run(console)
        } catch let error as UsageError {
            console.printError("symdiff \(name): \(error.message)\nSee 'symdiff help \(name)'.")
            return 2
        } catch let error as SourceError {
            console.printError("symdiff \(name): \(error.description)")
            return 2
        } catch {
            console.printError("symdiff \(name): \(error)")
            return 2
        }
    }

    public static let version = "0.1.0"

    /// SymPy's and other tools' words for our commands, so `gradient` finds `grad`.
    static let aliases: [String: String] = [
        "gradient": "grad", "derivative": "diff", "differentiate": "diff", "evaluate": "eval",
        "simplified": "simplify", "equals": "equal", "equivalent": "equal", "verify": "check",
    ]

    /// " (did you mean 'diff'?)" for a misspelt command name, or "".
    static func suggestion(for name: String) -> String {
        let guess = aliases[name.lowercased()] ?? Suggestions.closest(to: name, among: commands.map { $0.name } + ["help"])
        return guess.map { " (did you mean '\($0)'?)" } ?? ""
    }

    static let helpHelp = """
        Show help for symdiff or one of its commands.

        Usage: symdiff help [COMMAND]

        'symdiff help' lists the commands; 'symdiff help COMMAND' (or
        'symdiff COMMAND --help', or -h) shows a command's options and examples.

        """

    static var overview: String {
        var text = """
        symdiff — symbolic differentiation for the mathematics of neural networks

        Usage: symdiff COMMAND [ARGUMENTS] [OPTIONS]

        Commands:

        """
        let width = commands.map { $0.name.count }.max() ?? 0
        for command in commands {
            text += "  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.abstract + "\n"
        }
        text += """

        Run 'symdiff help COMMAND' for a command's options and examples.
        Exit codes: 0 success or equal, 1 not equal or a failed check, 2 bad usage or bad input.

        """
        return text
    }
}
