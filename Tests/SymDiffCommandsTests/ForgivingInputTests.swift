import Foundation
import Testing
@testable import SymDiffCommands

/// Runs `symdiff ARGS` in-process: (exit status, stdout, stderr).
private func symdiff(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let console = Console.capturing()
    let status = SymDiffCLI.run(arguments, console: console)
    return (status, console.output, console.errors)
}

/// Issue 15: a newcomer's slips get a usage error (exit 2) that says what to type.
@Suite("Forgiving input and helpful errors")
struct ForgivingInputTests {
    @Test("a misspelt command, option or function gets a did-you-mean", arguments: [
        (["difff", "x"], "unknown command 'difff' (did you mean 'diff'?)"),
        (["gradient", "x*y"], "unknown command 'gradient' (did you mean 'grad'?)"),
        (["help", "simplfy"], "unknown command 'simplfy' (did you mean 'simplify'?)"),
        (["diff", "x**2", "--wtr", "x"], "unknown option '--wtr' (did you mean '--wrt'?)"),
        (["diff", "x**2", "--oder", "2"], "unknown option '--oder' (did you mean '--order'?)"),
        (["diff", "x**2", "-wrt", "x"], "unknown option '-wrt' (did you mean '--wrt'?)"),
        (["diff", "sigmod(x)"], "unknown function 'sigmod' (did you mean 'sigmoid'?)"),
        (["eval", "W1*x", "--at", "W1=1,X=2"], "X is not in the expression (did you mean 'x'?)"),
    ])
    func didYouMean(_ row: ([String], String)) {
        let run = symdiff(row.0)
        #expect(run.status == 2)
        #expect(run.errors.contains(row.1), "\(run.errors)")
    }

    @Test("-h, --help, 'help COMMAND' and 'COMMAND help' print the same help", arguments: ["diff", "grad", "eval", "train", "notebook"])
    func help(_ name: String) {
        let expected = symdiff(["help", name])
        #expect(expected.status == 0)
        #expect(expected.output.hasPrefix(SymDiffCLI.commands.first { $0.name == name }!.abstract))
        for form in [[name, "-h"], [name, "--help"], [name, "help"], [name, "x", "-h"]] {
            let run = symdiff(form)
            #expect(run.status == 0 && run.output == expected.output, "\(form)")
        }
    }

    @Test("symdiff help help explains help")
    func helpHelp() {
        let run = symdiff(["help", "help"])
        #expect(run.status == 0)
        #expect(run.output.contains("Usage: symdiff help [COMMAND]"))
    }

    // d/dx x**2 = 2*x; d/dy d/dx x**2*y = d/dy 2*x*y = 2*x; as SymPy's diff(x**2*y, x, y).
    @Test("variables after the expression, as in SymPy's diff(f, x, y)", arguments: [
        (["diff", "x**2", "x"], "2*x\n"),
        (["diff", "x**2*y", "x", "y"], "2*x\n"),
        (["diff", "x**3", "x", "x"], "6*x\n"),
    ])
    func positionalVariables(_ row: ([String], String)) {
        let run = symdiff(row.0)
        #expect(run.status == 0)
        #expect(run.output == row.1)
        #expect(symdiff(row.0.prefix(1) + [row.0[1], "--wrt", row.0.dropFirst(2).joined(separator: ",")]).output == row.1)
    }

    @Test("variables both after the expression and in --wrt are refused")
    func positionalAndWrt() {
        let run = symdiff(["diff", "x*y", "x", "--wrt", "y"])
        #expect(run.status == 2)
        #expect(run.errors.contains("not both"))
    }

    // Exact arithmetic: 1/2 = 0.5, -3/4 = -0.75, 2**-3 = 1/8 = 0.125, (1+2)/4 = 0.75.
    @Test("--at takes exact fractions and number expressions", arguments: [
        ("x=1/2", "0.5\n"), ("x=-3/4", "-0.75\n"), ("x=2**-3", "0.125\n"), ("x=(1+2)/4", "0.75\n"), ("x=0.25", "0.25\n"),
    ])
    func fractions(_ row: (String, String)) {
        let run = symdiff(["eval", "x", "--at", row.0])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == row.1)
    }

    @Test("--at refuses values a double cannot hold, hexadecimal and symbols", arguments: [
        ("x=1e-400", "underflows a double to 0"), ("x=1e400", "overflows a double"), ("x=10**400", "overflows a double"),
        ("x=10**-400", "underflows a double to 0"), ("x=0x10", "got '0x10'"), ("x=inf", "got 'inf'"),
        ("x=y", "got 'y'"), ("x=1/0", "got '1/0'"),
    ])
    func badValues(_ row: (String, String)) {
        let run = symdiff(["eval", "x", "--at", row.0])
        #expect(run.status == 2)
        #expect(run.errors.contains(row.1), "\(run.errors)")
    }

    @Test("grad of an expression without variables says so")
    func gradWithoutVariables() {
        let run = symdiff(["grad", "5"])
        #expect(run.status == 2)
        #expect(run.errors.contains("'5' has no variables"))
    }

    @Test("grad --wrt x,x is refused: a gradient has one partial per variable")
    func gradRepeatedVariable() {
        let run = symdiff(["grad", "x*y", "--wrt", "x,y,x"])
        #expect(run.status == 2)
        #expect(run.errors.contains("--wrt: x given twice"))
    }

    @Test("train --plot refuses a name that is not .svg, before training", arguments: ["c.png", "plot", "c.svg.pdf"])
    func plotName(_ name: String) {
        let run = symdiff(["train", "--example", "circles", "--plot", name])
        #expect(run.status == 2)
        #expect(run.errors.contains("--plot writes SVG"))
        #expect(!FileManager.default.fileExists(atPath: name))
    }

    @Test("check reads a file with CRLF line ends as it reads one with LF")
    func crlfDerivation() throws {
        let lines = ["z = w*x + b", "L = (z - y)**2/2", "d(L)/d(w) == (z - y)*x", "L at w=2, x=3, b=1, y=5 ≈ 2"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-crlf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lf = folder.appendingPathComponent("lf.txt"), crlf = folder.appendingPathComponent("crlf.txt")
        try (lines.joined(separator: "\n") + "\n").write(to: lf, atomically: true, encoding: .utf8)
        try (lines.joined(separator: "\r\n") + "\r\n").write(to: crlf, atomically: true, encoding: .utf8)
        let expected = symdiff(["check", lf.path])
        let run = symdiff(["check", crlf.path])
        #expect(expected.status == 0, "\(expected.output)\(expected.errors)")
        #expect(run.status == expected.status)
        #expect(run.output == expected.output.replacingOccurrences(of: lf.path, with: crlf.path))
    }

    @Test("readTextFile turns CRLF and lone CR into LF", arguments: [
        ("a\r\nb\r\n", "a\nb\n"), ("a\rb", "a\nb"), ("a\r", "a\n"), ("a\r\r\nb", "a\n\nb"), ("plain\n", "plain\n"),
    ])
    func lineEnds(_ row: (String, String)) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("symdiff-lineends-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(row.0.utf8).write(to: file)
        #expect(try readTextFile(file.path) == row.1)
    }
}
