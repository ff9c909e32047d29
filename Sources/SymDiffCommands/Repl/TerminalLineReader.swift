#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads REPL lines from a terminal in raw mode through `LineEditor`, with a
/// history file; used only when stdin and stdout are terminals (piped input
/// keeps plain `readLine`).
final class TerminalLineReader {
    enum Line: Equatable { case text(String), cancelled, endOfInput }

    private var history: [String]
    private let historyFile: String?
    private let completions: () -> [String]

    /// `true` when both ends are a terminal, so raw mode makes sense.
    static var isAvailable: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// The history file: `$SYMDIFF_HISTORY`, else `~/.symdiff_history`.
    static var defaultHistoryFile: String? {
        if let path = ProcessInfo.processInfo.environment["SYMDIFF_HISTORY"] { return path.isEmpty ? nil : path }
        return ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.symdiff_history" }
    }

    init(historyFile: String? = TerminalLineReader.defaultHistoryFile, completions: @escaping () -> [String]) {
        self.historyFile = historyFile
        self.completions = completions
        let saved = historyFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
        history = saved.split(separator: "\n").map(String.init).suffix(1000)
    }

    func read(prompt: String) -> Line {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return plain(prompt) }
        var raw = saved
        // Keys arrive one byte at a time, unechoed; Ctrl-C is a byte, not SIGINT.
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        guard tcsetattr(STDIN_FILENO, TCSADRAIN, &raw) == 0 else { return plain(prompt) }
        defer { _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &saved) }

        var editor = LineEditor(prompt: prompt, history: history, completions: completions)
        emit(prompt)
        var byte: UInt8 = 0
        while true {
            let count = Foundation.read(STDIN_FILENO, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return .endOfInput }
            let outcome = editor.feed(byte)
            emit(editor.takeOutput())
            switch outcome {
            case .editing: continue
            case .submit(let text):
                if let last = editor.history.last, last == text, history.last != text { remember(text) }
                return .text(text)
            case .cancel: return .cancelled
            case .endOfInput: emit("\r\n"); return .endOfInput
            }
        }
    }

    private func remember(_ line: String) {
        history.append(line)
        guard let historyFile else { return }
        if !FileManager.default.fileExists(atPath: historyFile) { FileManager.default.createFile(atPath: historyFile, contents: nil) }
        if let handle = FileHandle(forWritingAtPath: historyFile) {
            handle.seekToEndOfFile()
            handle.write(Data((line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
            handle.closeFile()
        }
    }

    private func plain(_ prompt: String) -> Line {
        emit(prompt)
        return Swift.readLine().map(Line.text) ?? .endOfInput
    }

    private func emit(_ text: String) {
        guard !text.isEmpty else { return }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
