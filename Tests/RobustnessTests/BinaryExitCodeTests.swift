import Foundation
import Testing

/// The built `symdiff` executable, run as a user runs it: real exit codes,
/// and no Swift runtime crash report or stack trace on any stream.
@Suite("The symdiff binary: real exit codes, no stack traces")
struct BinaryExitCodeTests {
    /// `symdiff` sits beside the test bundle in the build directory
    /// (`swift build --build-tests` and `swift test` build every product).
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("symdiff")
    }

    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    static func run(_ arguments: [String], input: String = "") throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        // Read before waiting, so a full pipe cannot block the child.
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: output, errors: errors)
    }

    static let crashMarkers = ["Fatal error", "Stack dump", "Current stack trace", "Backtrace", "💣", "Program crashed",
                               "SymDiff/", "Sources/", ".swift:"]

    @Test("the binary exists where the tests look for it")
    func exists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build it with swift build")
    }

    @Test("bad invocations exit 2 with a short message and no trace", arguments: [
        [String](),
        ["frobnicate"],
        ["diff"],
        ["diff", "x +", "--wrt", "x"],
        ["diff", "x", "--order", "99999999999999999999"],
        ["eval", "x + y", "--at", "x=1"],
        ["eval", "1/x", "--at", "x=0"],
        ["eval", "(2**64)**(10**18)"],
        ["train", "--example", "worked", "--lr", "-1"],
        ["check", "/nonexistent/file.txt"],
        ["notebook", "run", "/nonexistent/nb.md"],
        ["diff", String(repeating: "(", count: 100_000) + "x", "--wrt", "x"],
    ])
    func badInvocation(_ arguments: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else { return }   // reported by exists()
        let run = try Self.run(arguments)
        #expect(run.status == 2, "\(arguments.prefix(3)): \(run.errors)")
        #expect(run.output.isEmpty)
        #expect(!run.errors.isEmpty)
        #expect(run.errors.split(separator: "\n").count <= 3, "\(run.errors)")
        for marker in Self.crashMarkers {
            #expect(!run.errors.contains(marker), "\(marker) in \(run.errors)")
        }
    }

    @Test("success and a failed check exit 0 and 1")
    func successAndFailure() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else { return }
        let ok = try Self.run(["diff", "x**3", "--wrt", "x"])
        #expect(ok.status == 0)
        #expect(ok.output == "3*x**2\n")
        let notEqual = try Self.run(["equal", "x**2", "x**3"])
        #expect(notEqual.status == 1)
    }

    @Test("the REPL reports a bad line and goes on; end of input ends it")
    func repl() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else { return }
        let run = try Self.run(["repl"], input: "x +\n1 + 1\n")
        #expect(run.status == 1)          // a line failed
        #expect(run.output.contains("2"))
        #expect(run.errors.contains("line 1, column 4"), "\(run.errors)")
        for marker in Self.crashMarkers { #expect(!run.errors.contains(marker)) }
    }
}
