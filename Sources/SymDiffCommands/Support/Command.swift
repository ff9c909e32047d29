import SymDiff

/// A subcommand of `symdiff`: a name, help text, the options it accepts,
/// validation that throws `UsageError` before anything runs, and `run`.
///
/// ```swift
/// struct Hello: Command {
///     static let name = "hello"
///     static let abstract = "Say hello."
///     static let usage = "symdiff hello [--name NAME]"
///     static let options = [OptionSpec("name", value: "NAME", help: "who to greet")]
///     let name: String
///     init(_ arguments: ParsedArguments) throws { name = arguments.value("name") ?? "world" }
///     func run(_ console: Console) throws -> Int32 { console.print("hello \(name)"); return 0 }
/// }
/// ```
public protocol Command {
    static var name: String { get }
    /// One line for `symdiff --help`.
    static var abstract: String { get }
    /// The synopsis line(s).
    static var usage: String { get }
    /// Longer explanation and examples for `symdiff help NAME`.
    static var discussion: String { get }
    static var options: [OptionSpec] { get }
    /// How many positional arguments the command takes.
    static var positionals: ClosedRange<Int> { get }

    /// Validates the arguments; throws `UsageError` (exit 2) when they are wrong.
    init(_ arguments: ParsedArguments) throws
    /// Does the work; returns the exit code (0 success, 1 a failed check).
    /// Errors thrown here are bad input: reported on stderr with exit 2.
    func run(_ console: Console) throws -> Int32
}

extension Command {
    public static var discussion: String { "" }
    public static var positionals: ClosedRange<Int> { 0...0 }

    /// The full help text.
    public static var helpText: String {
        var text = "\(abstract)\n\nUsage: \(usage)\n"
        if !options.isEmpty {
            text += "\nOptions:\n"
            let width = options.map { $0.synopsis.count }.max() ?? 0
            for option in options {
                text += "  " + option.synopsis.padding(toLength: width + 2, withPad: " ", startingAt: 0) + option.help + "\n"
            }
        }
        text += "  " + "-h, --help".padding(toLength: Swift.max(options.map { $0.synopsis.count }.max() ?? 0, 10) + 2, withPad: " ", startingAt: 0) + "show this help\n"
        if !discussion.isEmpty { text += "\n" + discussion + (discussion.hasSuffix("\n") ? "" : "\n") }
        return text
    }
}

/// A wrong invocation: missing, extra or malformed arguments. Exit code 2.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Bad input that is not a usage error (an unreadable file, say). Exit code 2.
public struct InputError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One `--option` a command accepts.
public struct OptionSpec: Sendable {
    public let name: String
    /// Placeholder for the value (`N`, `FILE`), or `nil` for a flag.
    public let value: String?
    /// Allowed values, checked before the command runs.
    public let choices: [String]?
    public let help: String

    public init(_ name: String, value: String? = nil, choices: [String]? = nil, help: String) {
        self.name = name
        self.value = value
        self.choices = choices
        self.help = help
    }

    var synopsis: String {
        guard let value else { return "--\(name)" }
        if let choices { return "--\(name) \(choices.joined(separator: "|"))" }
        return "--\(name) \(value)"
    }

    /// The usual `--format` option.
    public static func format(_ choices: [String], help: String = "output format") -> OptionSpec {
        OptionSpec("format", value: "FORMAT", choices: choices, help: help + " (default \(choices[0]))")
    }
}

/// Arguments split into positionals, option values and flags.
public struct ParsedArguments {
    public var positionals: [String] = []
    public var values: [String: String] = [:]
    public var flags: Set<String> = []

    public func value(_ name: String) -> String? { values[name] }
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// An integer option, validated.
    public func integer(_ name: String, default defaultValue: Int, range: ClosedRange<Int> = 0...Int.max) throws -> Int {
        guard let text = values[name] else { return defaultValue }
        guard let n = Int(text), range.contains(n) else {
            throw UsageError("--\(name) expects an integer in \(range.lowerBound)...\(range.upperBound == Int.max ? "" : String(range.upperBound)), got '\(text)'")
        }
        return n
    }

    /// A floating-point option, validated.
    public func double(_ name: String, default defaultValue: Double) throws -> Double {
        guard let text = values[name] else { return defaultValue }
        guard let x = Double(text), x.isFinite else { throw UsageError("--\(name) expects a number, got '\(text)'") }
        return x
    }

    /// Parses `argv` (without the command name) against the command's options.
    /// `--name value`, `--name=value`, flags, and `--` before positionals that start with `-`.
    static func parse(_ argv: [String], options: [OptionSpec], positionals: ClosedRange<Int>) throws -> ParsedArguments {
        var result = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        while i < argv.count {
            let arg = argv[i]
            i += 1
            if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
                result.positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            guard arg.hasPrefix("--") else {
                let bare = String(arg.drop(while: { $0 == "-" }))
                let guess = options.contains { $0.name == bare } ? bare : Suggestions.closest(to: bare, among: options.map(\.name))
                throw UsageError("unknown option '\(arg)'" + (guess.map { " (did you mean '--\($0)'?)" } ?? " (an expression that starts with '-' goes after '--')"))
            }
            var name = String(arg.dropFirst(2))
            var inlineValue: String? = nil
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                let guess = Suggestions.closest(to: name, among: options.map(\.name) + ["help"])
                throw UsageError("unknown option '--\(name)'" + (guess.map { " (did you mean '--\($0)'?)" } ?? ""))
            }
            if spec.value == nil {
                if inlineValue != nil { throw UsageError("--\(name) takes no value") }
                result.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard i < argv.count else { throw UsageError("--\(name) needs a value (\(spec.value!))") }
                value = argv[i]
                i += 1
            }
            if let choices = spec.choices, !choices.contains(value) {
                throw UsageError("--\(name) must be one of \(choices.joined(separator: ", ")), got '\(value)'")
            }
            if result.values[name] != nil { throw UsageError("--\(name) given twice") }
            result.values[name] = value
        }
        if !positionals.contains(result.positionals.count) {
            if result.positionals.count < positionals.lowerBound {
                throw UsageError(positionals.lowerBound == 1 ? "missing argument" : "expected \(positionals.lowerBound) arguments, got \(result.positionals.count)")
            }
            throw UsageError("unexpected argument '\(result.positionals[positionals.upperBound])'")
        }
        return result
    }
}
