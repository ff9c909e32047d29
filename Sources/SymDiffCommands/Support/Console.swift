import Foundation

/// Where a command writes. The real console writes to stdout/stderr; tests
/// use a capturing console and read back what a command printed.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    /// Whether stdout is an interactive terminal (progress lines update in place).
    public let isTerminal: Bool
    private var captured = ""
    private var capturedErrors = ""
    private let capturing: Bool
    /// Lines for commands that read standard input (the REPL), or `nil` for the real stdin.
    public var inputLines: [String]?

    /// The process's stdout and stderr.
    public static func standard() -> Console {
        Console(isTerminal: isatty(STDOUT_FILENO) == 1,
                out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                err: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    /// A console that records output; read it with `output` and `errors`.
    public static func capturing(input: [String]? = nil) -> Console {
        let console = Console(isTerminal: false, capturing: true)
        console.inputLines = input
        return console
    }

    private init(isTerminal: Bool, capturing: Bool) {
        self.isTerminal = isTerminal
        self.capturing = capturing
        writeOut = { _ in }
        writeErr = { _ in }
    }

    private init(isTerminal: Bool, out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        self.isTerminal = isTerminal
        self.capturing = false
        writeOut = out
        writeErr = err
    }

    /// Writes to standard output (no newline added).
    public func write(_ text: String) {
        if capturing { captured += text } else { writeOut(text) }
    }
    /// Writes a line to standard output.
    public func print(_ text: String = "") { write(text + "\n") }
    /// Writes a line to standard error.
    public func printError(_ text: String) {
        if capturing { capturedErrors += text + "\n" } else { writeErr(text + "\n") }
    }
    /// Reads the next line of input, or `nil` at the end.
    public func readLine() -> String? {
        if inputLines != nil { return inputLines!.isEmpty ? nil : inputLines!.removeFirst() }
        return Swift.readLine(strippingNewline: true)
    }

    /// Everything written to standard output so far (capturing consoles only).
    public var output: String { captured }
    /// Everything written to standard error so far (capturing consoles only).
    public var errors: String { capturedErrors }
}
