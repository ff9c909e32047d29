import Foundation
import Testing

/// `symdiff repl` under a real pseudo-terminal (util-linux `script`), keys
/// typed with pauses as a person types: arrows edit, Ctrl-C drops an open
/// continuation and keeps the session, ↑ recalls, Ctrl-D leaves.
@Suite("The REPL at a real terminal")
struct ReplTerminalTests {
    static let script = "/usr/bin/script"

    @Test("arrow keys edit the line; Ctrl-C cancels and keeps definitions; Ctrl-D exits",
          .enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func keys() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.script)
        process.arguments = ["-qfc", BinaryExitCodeTests.binary.path + " repl", "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["SYMDIFF_HISTORY"] = ""
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let keys = [
            "f = x**3\r",
            "x(\r",                                       // an open bracket: a continuation
            "\u{03}",                                     // Ctrl-C drops it
            "diff(f, x)\u{1B}[D\u{1B}[D\u{1B}[3~y\r",  // ← ← Delete y: diff(f, y)
            "\u{1B}[A\u{1B}[D\u{7F}x\r",             // ↑ recalls it; ← Backspace x: diff(f, x)
            "\u{04}",                                     // Ctrl-D on an empty line
        ]
        Thread.sleep(forTimeInterval: 1)
        for key in keys {
            input.fileHandleForWriting.write(Data(key.utf8))
            Thread.sleep(forTimeInterval: 0.3)
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.components(separatedBy: "\r\n").map { $0.replacingOccurrences(of: "\r", with: "") }
        // d/dy x**3 = 0 and d/dx x**3 = 3*x**2 (by hand): f survived the Ctrl-C.
        #expect(lines.contains("0"), "\(lines)")
        #expect(lines.contains("3*x**2"), "\(lines)")
        #expect(text.contains("^C"))
        #expect(!text.contains("^[[D"), "arrow keys are not echoed as text")
        #expect(process.terminationStatus == 0)
    }
}
