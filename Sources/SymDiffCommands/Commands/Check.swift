import Checker
import Foundation
import Language
import SymDiff

/// `symdiff check FILE`: checks a hand-written derivation claim by claim.
struct CheckCommand: Command {
    static let name = "check"
    static let abstract = "Check a hand-written derivation, claim by claim."
    static let usage = "symdiff check FILE|- [--input text|markdown|latex] [--let 'f(z)=...'] [--format text|json|html] [--time-limit SECONDS]"
    static let positionals: ClosedRange<Int> = 1...1
    static let options: [OptionSpec] = [
        .format(["text", "json", "html"]),
        OptionSpec("input", value: "FORMAT", choices: ["text", "markdown", "latex"],
                   help: "how FILE writes its maths (default: from its extension: .md/.markdown Markdown, .tex LaTeX, else text)"),
        OptionSpec("let", value: "DEFINITIONS", help: "functions a document leaves open, ';'-separated: 'activation(z)=sigmoid(z)'"),
        OptionSpec("time-limit", value: "SECONDS", help: "longest time for one proof attempt (default 20)"),
    ]
    static let discussion = """
    FILE holds one statement a line ('#' starts a comment):
      z1 = W1*x + b1                        a definition (an intermediate, not a new symbol)
      d(L)/d(W2) == (y - target)*a1         a claim; d(L, W2) works too
      d(s)/d(z) == A == B                   a chain: each step is checked
      point ex1: x=5, W1=0.2, target=0.7    values to reuse
      d(L)/d(W1) at ex1 ≈ -0.2813           a numeric claim, to the digits written (or ± tol)
      W1_new = W1 - alpha*d(L)/d(z1)*x      an update rule, checked against W1 - alpha*d(L)/d(W1)
    Each claim is shown with ✓ (proved), ✗ (wrong: where it fails and the correct value)
    or ? (undecided, with the numeric evidence).

    A Markdown (.md) or LaTeX (.tex) document is read as published: the maths in $…$, $$…$$,
    \\(…\\), \\[…\\], ```math fences and align/equation/... environments becomes definitions
    (z = wx + b), values of the point (x = 0.5), claims and chains, numeric steps (checked to
    the digits written) and update rules (w \\leftarrow w - \\alpha …); other formulas are
    skipped with the reason. FILE '-' reads standard input. --format html prints a checked copy
    of a document (formulas as MathML, each with its marks and explanations), for a browser.

    Exit status: 0 when every claim holds, 1 when any is wrong or undecided or a line has
    an error, 2 when the file cannot be read or nothing in it can be parsed.

    Example:
      symdiff check derivations/seed000-backward-pass.txt
    """

    let path: String
    let json: Bool
    let html: Bool
    let secondsPerCheck: Double
    let format: DocumentFormat
    let lets: [String]

    init(_ arguments: ParsedArguments) throws {
        path = arguments.positionals[0]
        json = arguments.value("format") == "json"
        html = arguments.value("format") == "html"
        format = arguments.value("input").flatMap(DocumentFormat.init(rawValue:)) ?? DocumentFormat(path: path)
        if html, format == .text {
            throw UsageError("--format html needs a Markdown or LaTeX document (a .md or .tex file, or --input markdown|latex)")
        }
        lets = (arguments.value("let") ?? "").split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        secondsPerCheck = try arguments.double("time-limit", default: 20)
        guard secondsPerCheck > 0 else { throw UsageError("--time-limit must be positive, got \(secondsPerCheck)") }
    }

    func run(_ console: Console) throws -> Int32 {
        let text = path == "-" ? CheckCommand.readStandardInput() : try readTextFile(path)
        var options = CheckerOptions()
        options.secondsPerCheck = secondsPerCheck
        if format != .text {
            let report = DocumentChecker(format: format, options: options, directives: DocumentDirectives(lets: lets)).check(text)
            let name = path == "-" ? "standard input" : path
            if json {
                console.print(CheckCommand.json(report).serialized())
            } else if html {
                console.write(DocumentHTML.page(text, format: format, report: report, title: name))
            } else {
                console.write(report.text(name: name))
            }
            return report.allHold ? 0 : 1
        }
        let report = DerivationChecker(options: options).check(text)
        if json {
            console.print(CheckCommand.json(report).serialized())
        } else {
            console.write(report.text(name: path))
        }
        if report.couldNotParse {
            if !json {
                // A tutorial saved as .txt (the seeds are) is read in the derivation format by its extension.
                let hint = text.contains("$") || text.contains("\\begin{") ? " (it has LaTeX math: for a Markdown or LaTeX document, add --input markdown or --input latex)" : ""
                console.printError("symdiff check: nothing in \(path) could be parsed\(hint)")
            }
            return 2
        }
        return report.allHold ? 0 : 1
    }

    static func readStandardInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Today's claim objects plus the document's skipped formulas, undecided steps and notes.
    static func json(_ report: DocumentReport) -> JSON {
        guard case .object(var fields) = json(report.derivation, shown: report.reading.names.shown) else { return .null }
        fields.append(("skipped", .array(report.reading.skipped.map {
            .object([("line", .integer($0.line)), ("column", .integer($0.column)), ("text", .string($0.text)), ("reason", .string($0.reason))])
        })))
        fields.append(("undecidedSteps", .array(report.reading.undecided.map {
            .object([("line", .integer($0.line)), ("text", .string($0.text)), ("reason", .string($0.reason))])
        })))
        fields.append(("notes", .array(report.reading.notes.map { .object([("line", .integer($0.line)), ("text", .string($0.text))]) })))
        fields.append(("formulas", .integer(report.reading.formulaCount)))
        return .object(fields)
    }

    static func json(_ report: DerivationReport, shown: (String) -> String = { $0 }) -> JSON {
        let claims: [JSON] = report.claims.map { claim in
            var counterexample = JSON.null
            if let c = claim.counterexample {
                counterexample = .object([
                    ("point", .object(c.point.map { ($0.name, JSON.number($0.value)) })),
                    ("lhs", .number(c.lhs)),
                    ("rhs", .number(c.rhs)),
                ])
            }
            var expected = JSON.null
            switch claim.expected {
            case .expression(let e)?: expected = .string(PlainPrinter.print(e))
            case .number(let x)?: expected = .number(x)
            case nil: break
            }
            return .object([
                ("line", .integer(claim.line)),
                ("text", .string(claim.text)),
                ("kind", .string(claim.kind.rawValue)),
                ("status", .string(claim.status.rawValue)),
                ("explanation", .string(shown(([claim.summary] + claim.details).joined(separator: "\n")))),
                ("counterexample", counterexample),
                ("expected", expected),
                ("failedStep", claim.failedStep.map { .integer($0) } ?? .null),
                ("partiallyWrong", .bool(claim.partiallyWrong)),
            ])
        }
        let errors: [JSON] = report.errors.map {
            .object([("line", .integer($0.line)), ("column", .integer($0.column)), ("message", .string($0.message))])
        }
        return .object([
            ("claims", .array(claims)),
            ("proved", .integer(report.proved)),
            ("refuted", .integer(report.refuted)),
            ("undecided", .integer(report.undecided)),
            ("errors", .array(errors)),
        ])
    }
}
